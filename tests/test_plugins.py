"""Loading plugins: a broken third-party plugin is reported every time, never skipped in silence."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

import pluggy
import pytest
from typer.testing import CliRunner

from assistant import hookspecs, plugins
from assistant.errors import PluginError

MODULE = "slate_test_studio_plugin"
BROKEN = "raise RuntimeError('boom: the studio plugin is broken')\n"
WORKING = (
    "from assistant.hookspecs import hookimpl\n\n"
    "@hookimpl\n"
    "def register_exporters(register):\n"
    "    pass\n"
)


@pytest.fixture
def manager(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pluggy.PluginManager:
    """A fresh plugin manager, entry points on, plugin modules importable from ``tmp_path``."""
    fresh = pluggy.PluginManager("slate")
    fresh.add_hookspecs(hookspecs)
    monkeypatch.setattr(plugins, "pm", fresh)
    monkeypatch.setattr(plugins, "_loaded", False)
    monkeypatch.setattr(plugins, "LOAD_ENTRY_POINTS", True)
    monkeypatch.delenv("SLATE_DEBUG", raising=False)
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in (MODULE, f"{MODULE}_good"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    return fresh


def _install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **modules: str) -> None:
    """Write plugin modules and make them the ``slate`` entry points (name -> module text)."""
    points = []
    for name, text in modules.items():
        module = MODULE if name == "studio" else f"{MODULE}_{name}"
        (tmp_path / f"{module}.py").write_text(text, encoding="utf-8")
        points.append(metadata.EntryPoint(name=name, value=module, group="slate"))
    monkeypatch.setattr(plugins, "_entry_points", lambda: points)


def test_a_broken_plugin_is_reported_on_every_call_until_fixed(
    manager: pluggy.PluginManager, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _install(monkeypatch, tmp_path, studio=BROKEN)
    message = r"Plugin 'studio' \(slate_test_studio_plugin\) failed to load: RuntimeError: boom"
    with pytest.raises(PluginError, match=message):
        plugins.load_plugins()
    with pytest.raises(PluginError, match=message):  # not skipped the second time
        plugins.load_plugins()
    assert manager.get_plugin("studio") is None
    assert manager.get_plugin("assistant.models.default_backends") is not None
    (tmp_path / f"{MODULE}.py").write_text(WORKING, encoding="utf-8")
    sys.modules.pop(MODULE, None)
    assert plugins.load_plugins() is manager
    assert manager.get_plugin("studio") is not None


def test_the_plugins_that_load_stay_registered(
    manager: pluggy.PluginManager, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _install(monkeypatch, tmp_path, good=WORKING, studio=BROKEN)
    with pytest.raises(PluginError):
        plugins.load_plugins()
    assert manager.get_plugin("good") is not None


def test_a_hookimpl_with_a_wrong_signature_is_a_plugin_error(
    manager: pluggy.PluginManager, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    wrong = WORKING.replace("(register)", "(register, extra)")
    _install(monkeypatch, tmp_path, studio=wrong)
    with pytest.raises(PluginError, match=r"'studio'.*PluginValidationError"):
        plugins.load_plugins()


def test_slate_debug_raises_the_plugins_own_exception(
    manager: pluggy.PluginManager, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _install(monkeypatch, tmp_path, studio=BROKEN)
    monkeypatch.setenv("SLATE_DEBUG", "1")
    with pytest.raises(RuntimeError, match="boom"):
        plugins.load_plugins()


def test_slate_models_names_the_broken_plugin_each_time(
    manager: pluggy.PluginManager, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from assistant.cli import app
    from assistant.models.registry import clear_model_cache

    _install(monkeypatch, tmp_path, studio=BROKEN)
    clear_model_cache()
    for _ in range(2):
        result = CliRunner().invoke(app, ["models", "--no-load"])
        assert result.exit_code != 0
        failures = [line for line in result.output.splitlines() if "Plugin 'studio'" in line]
        assert len(failures) == 2, result.output  # the generator's and the embedder's status
        assert "Traceback" not in result.output


def test_help_still_shows_with_a_broken_plugin_and_the_command_names_it(
    manager: pluggy.PluginManager, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from assistant.cli import app

    _install(monkeypatch, tmp_path, studio=BROKEN)
    runner = CliRunner()
    shown = runner.invoke(app, ["--help"])
    assert shown.exit_code == 0, shown.output
    assert "formats could not be listed" in shown.output
    assert "Traceback" not in shown.output
    script = tmp_path / "scene.fountain"
    script.write_text("INT. ROOM - DAY\n\nMara waits.\n", encoding="utf-8")
    run = runner.invoke(app, ["parse", str(script)])
    assert run.exit_code != 0
    assert "Plugin 'studio'" in run.output
