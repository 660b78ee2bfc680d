"""Settings: defaults, TOML file, SLATE_* variables, flags, and errors worded for users."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import config_file_path, load_settings
from assistant.errors import ConfigError


def test_defaults_without_any_file(tmp_path: Path) -> None:
    settings = load_settings()
    assert settings.models.generator.backend == "transformers"
    assert settings.models.generator.path is None
    assert settings.models.embedder.backend == "sentence-transformers"
    assert settings.models.device == "auto"
    assert config_file_path() == tmp_path / "config-home" / "slate" / "config.toml"


def test_file_then_env_then_flags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "slate.toml"
    config.write_text(
        '[models]\ndevice = "cpu"\nthreads = 2\n'
        '[models.generator]\nbackend = "openai"\nname = "llama3.2:3b"\ntemperature = 0.3\n'
        "max_tokens = 100\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("SLATE_CONFIG", str(config))
    monkeypatch.setenv("SLATE_MODELS__GENERATOR__TEMPERATURE", "0.5")
    settings = load_settings(overrides={"models": {"generator": {"max_tokens": 50}}})
    generator = settings.models.generator
    assert (generator.backend, generator.name) == ("openai", "llama3.2:3b")  # file
    assert generator.temperature == 0.5  # env beats file
    assert generator.max_tokens == 50  # flag beats file
    assert settings.models.threads == 2
    assert settings.models.device == "cpu"


def test_cache_dir_from_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLATE_CACHE_DIR", str(tmp_path / "c"))
    assert load_settings().cache_dir == tmp_path / "c"


def test_named_file_must_exist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml")
    monkeypatch.setenv("SLATE_CONFIG", str(tmp_path / "missing.toml"))
    with pytest.raises(ConfigError, match=r"missing\.toml does not exist"):
        load_settings()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[models\n", "not valid TOML"),
        ('[models]\ndevice = "gpu"\n', r"models\.device"),
        ("[models.generator]\ntemperature = 9\n", r"models\.generator\.temperature"),
        ("[models.generator]\nmodle = 1\n", r"models\.generator\.modle"),
    ],
)
def test_bad_file_is_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "slate.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_settings(config)


def test_an_invalid_value_names_the_file_that_set_it(tmp_path: Path) -> None:
    config = tmp_path / "slate.toml"
    config.write_text("[models.generator]\ntemperature = 9\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    assert f"Invalid setting models.generator.temperature (from {config}):" in caught.value.message


def test_an_invalid_value_names_the_variable_that_set_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "slate.toml"  # exists, but sets something else
    config.write_text('[models]\ndevice = "cpu"\n', encoding="utf-8")
    monkeypatch.setenv("SLATE_CONFIG", str(config))
    monkeypatch.setenv("SLATE_MODELS__GENERATOR__TEMPERATURE", "9")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = caught.value.message
    assert "(from SLATE_MODELS__GENERATOR__TEMPERATURE):" in message
    assert "slate.toml" not in message


def test_a_variable_and_no_file_never_names_a_missing_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SLATE_MODELS__DEVICE", "gpu")
    with pytest.raises(ConfigError) as caught:
        load_settings()  # the default config.toml does not exist here
    assert "(from SLATE_MODELS__DEVICE)" in caught.value.message
    assert "config.toml" not in caught.value.message


def test_an_invalid_override_is_a_command_line_option(tmp_path: Path) -> None:
    config = tmp_path / "slate.toml"
    config.write_text("[ask]\ntop_k = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config, overrides={"ask": {"top_k": 0}})
    expected = "Invalid setting ask.top_k (from a command-line option):"
    assert caught.value.message.startswith(expected)
    with pytest.raises(ConfigError, match=r"allowed_hosts \(from a command-line option\)"):
        load_settings(overrides={"models": {"generator": {"allowed_hosts": ["http://x"]}}})
