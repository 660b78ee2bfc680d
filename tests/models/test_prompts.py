"""Prompt files: loading by name and version, strict rendering, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.models.prompts import (
    MissingVariablesError,
    PromptNotFoundError,
    available_prompts,
    load_prompt,
    prompts_dir,
)


def _write(folder: Path, name: str, body: str) -> None:
    (folder / name).write_text(body, encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    _write(tmp_path, "greet.v1.yaml", "name: greet\nversion: 1\nprompt: 'Hi {{ who }}'\n")
    _write(
        tmp_path,
        "greet.v2.yaml",
        "name: greet\nversion: 2\nsystem: Be brief.\n"
        "prompt: 'Hello {{ who }} from {{ place.name }}'\n",
    )
    _write(tmp_path, "greet.v10.yaml", "name: greet\nversion: 10\nprompt: 'v10 {{ who }}'\n")
    return tmp_path


def test_latest_version_is_loaded_unless_pinned(folder: Path) -> None:
    assert load_prompt("greet", directory=folder).version == 10  # numeric, not text order
    assert load_prompt("greet", version=1, directory=folder).render(who="Ana").prompt == "Hi Ana"


def test_render_records_name_and_version(folder: Path) -> None:
    rendered = load_prompt("greet", version=2, directory=folder).render(
        who="Ana", place={"name": "Lisbon"}
    )
    assert rendered.ref == "greet.v2"
    assert [m.role for m in rendered.messages()] == ["system", "user"]
    assert rendered.messages()[1].content == "Hello Ana from Lisbon"


def test_missing_variables_are_named(folder: Path) -> None:
    template = load_prompt("greet", version=2, directory=folder)
    with pytest.raises(MissingVariablesError, match=r"greet\.v2 is missing variables: place, who"):
        template.render()
    with pytest.raises(MissingVariablesError, match="name"):
        template.render(who="Ana", place={})  # an attribute of a variable is missing


def test_unknown_name_and_version_list_what_exists(folder: Path) -> None:
    with pytest.raises(PromptNotFoundError, match="Prompts: greet"):
        load_prompt("farewell", directory=folder)
    with pytest.raises(PromptNotFoundError, match="versions: 1, 2, 10"):
        load_prompt("greet", version=3, directory=folder)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("name: greet\nversion: 1\nprompt: hi\ntemperature: 3\n", "temperature"),  # extra key
        ("name: greet\nversion: 2\nprompt: hi\n", "file name says"),
        ("name: greet\nversion: 1\nprompt: [unclosed\n", "cannot be read"),
        ("name: greet\nversion: 1\n", "prompt"),
    ],
)
def test_bad_files_are_config_errors(tmp_path: Path, body: str, message: str) -> None:
    _write(tmp_path, "greet.v1.yaml", body)
    with pytest.raises(ConfigError, match=message):
        load_prompt("greet", directory=tmp_path)


def test_slates_own_prompts_all_load() -> None:
    found = available_prompts()
    assert {"ask", "json_reply", "json_retry"} <= found.keys()
    for name, versions in found.items():
        for version in versions:
            template = load_prompt(name, version)
            assert template.variables(), f"{name}.v{version} uses no variables"


def test_prompts_folder_is_the_repository_one() -> None:
    repository = Path(__file__).resolve().parents[2] / "prompts"
    assert prompts_dir().resolve() == repository.resolve()
