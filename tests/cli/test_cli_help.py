"""Help for every command, rendered once in ``assistant/cli/help.py``: names, flags, prose."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from typer.testing import CliRunner

from assistant import api
from assistant.cli import app
from assistant.hookspecs import hookimpl
from assistant.plugins import load_plugins
from assistant.script.formats import Importer
from assistant.script.model import Screenplay

runner = CliRunner()
COMMANDS = ["parse", "stats", "score", "ask", "models"]


def help_of(*command: str, width: int = 100) -> str:
    # Rich sizes help to $COLUMNS when output is not a terminal.
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.output


def usage_line(text: str) -> str:
    return next(line for line in text.splitlines() if "Usage:" in line).strip()


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        (["parse"], "parse [OPTIONS] SCRIPT"),
        (["stats"], "stats [OPTIONS] SCRIPT"),
        (["score"], "score [OPTIONS] SCRIPT"),
        (["ask"], "ask [OPTIONS] [QUESTION]"),
        (["models"], "models [OPTIONS]"),
        ([], "[OPTIONS] COMMAND [ARGS]..."),
    ],
)
def test_usage_names_the_arguments_in_capitals(command: list[str], usage: str) -> None:
    line = usage_line(help_of(*command))
    assert line.endswith(usage), line
    assert "{" not in line


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_flags_are_not_labelled_as_taking_a_value(command: list[str]) -> None:
    text = help_of(*command)
    assert "<bool>" not in text
    flag_rows = [line for line in text.splitlines() if re.search(r"--(help|json|version)\b", line)]
    assert flag_rows and all("<" not in row for row in flag_rows), flag_rows


def test_options_show_their_defaults() -> None:
    assert "[default: json]" in help_of("parse")
    assert "[default: 20]" in help_of("score")


def test_prose_is_reflowed_to_the_terminal_not_the_source() -> None:
    # Wide enough for each paragraph of the score help to fit on one line.
    text = help_of("score", width=400)
    lines = [line.strip() for line in text.splitlines()]
    assert any(line.startswith("The model learned") and line.endswith("docs/scene_model.md.")
               for line in lines), text  # fmt: skip
    summary = [line for line in help_of(width=400).splitlines() if "│ score" in line]
    assert len(summary) == 1 and "story order." in summary[0]


def test_score_help_says_82_training_films() -> None:
    text = " ".join(help_of("score").split())
    assert "82 produced feature films" in text and "84" not in text


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_examples(command: str) -> None:
    lines = [line.strip(" │") for line in help_of(command).splitlines()]
    start = lines.index("Examples:")
    assert lines[start + 1].startswith(f"slate {command}")


class _ScreenplainImporter:
    """A plugin's importer, to show that help lists what is registered, not a fixed list."""

    name = "screenplain-test"
    suffixes: tuple[str, ...] = (".sptest",)

    def read(self, data: bytes) -> Screenplay:
        raise NotImplementedError


class _Plugin:
    @hookimpl
    def register_importers(self, register: Callable[[Importer], None]) -> None:
        register(_ScreenplainImporter())


@pytest.fixture
def extra_importer() -> Iterator[None]:
    pm = load_plugins()
    pm.register(_Plugin(), name="test-extra-importer")
    try:
        yield
    finally:
        pm.unregister(name="test-extra-importer")


@pytest.mark.parametrize("command", ["parse", "stats", "score"])
def test_from_lists_every_registered_importer(command: str, extra_importer: None) -> None:
    text = " ".join(help_of(command, width=200).split())
    option = text[text.index("--from") :]
    for fmt in api.script_formats():
        if fmt.reads:
            assert fmt.name in option
    assert "json" in option and "screenplain-test" in option


def test_slate_help_lists_the_formats_it_reads_and_writes(extra_importer: None) -> None:
    text = help_of(width=200)
    reads = next(line for line in text.splitlines() if "Reads:" in line)
    writes = next(line for line in text.splitlines() if "Writes:" in line)
    for name in ("fountain", "fdx", "plain", "pdf", "json", "screenplain-test"):
        assert name in reads
    for name in ("fountain", "fdx", "json", "pdf"):
        assert name in writes
    assert "plain" not in writes and "screenplain-test" not in writes


def test_help_lists_formats_without_loading_heavy_libraries() -> None:
    """Help reads the format registry; that must not import what reading a PDF or scoring needs."""
    import subprocess
    import sys

    from tests.conftest import REPO_ROOT

    code = (
        "import sys\n"
        "from assistant.cli import app\n"
        "for args in (['--help'], ['score', '--help'], ['parse', '--help']):\n"
        "    try:\n"
        "        app(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = ('torch', 'transformers', 'sentence_transformers', 'pdfplumber', 'sklearn',"
        " 'faiss', 'textual')\n"
        "print('heavy:', *(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
        cwd=REPO_ROOT, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert "Reads:" in completed.stdout
    loaded = [line for line in completed.stderr.splitlines() if line.startswith("heavy:")]
    assert loaded == ["heavy:"], completed.stderr


def test_slate_alone_in_a_pipe_prints_help_instead_of_starting_the_app() -> None:
    result = CliRunner().invoke(app, [])
    assert result.exit_code == 0
    assert "Usage: slate" in result.output
    assert "Commands" in result.output


def test_ask_help_shows_the_generation_defaults_from_the_settings() -> None:
    from assistant.config import GeneratorSettings

    text = " ".join(CliRunner().invoke(app, ["ask", "--help"], terminal_width=200).output.split())
    fields = GeneratorSettings.model_fields
    assert f"else {fields['max_tokens'].default})" in text
    assert f"else {fields['temperature'].default})" in text
