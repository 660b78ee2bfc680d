"""The register_post_exporters hook: Slate's exporters as a default plugin, a third-party one
registered beside them, and a plugin that raises reported while the others still run."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path

import pluggy
import pytest

from assistant import api, hookspecs, plugins
from assistant.config import Settings
from assistant.errors import PostError, UnsupportedFormatError
from assistant.hookspecs import hookimpl
from assistant.post.exporters import PostExporter, PostPackage, collect_exporters
from assistant.post.otio_timeline import plan_scene_clips
from assistant.script.reading import read_script
from tests.post import example_plugin


@pytest.fixture
def with_plugins() -> Iterator[None]:
    pm = plugins.load_plugins()
    pm.register(example_plugin, name="example-scene-csv")
    pm.register(example_plugin.BrokenPlugin(), name="broken-vendor")
    try:
        yield
    finally:
        pm.unregister(name="example-scene-csv")
        pm.unregister(name="broken-vendor")


def test_slate_exporters_come_through_the_hook() -> None:
    assert "assistant.post.default_exporters" in plugins.DEFAULT_PLUGINS
    collected = collect_exporters()
    assert {"otio", "edl", "fcp7xml", "cdl", "ccc"} <= set(collected.exporters)
    assert collected.failures == []
    with pytest.raises(UnsupportedFormatError, match="Installed post exporters: ccc, cdl, edl"):
        collected.named("avid-bin")


def test_example_plugin_registers_and_a_raising_one_is_reported(
    with_plugins: None, script_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    collected = collect_exporters()
    assert "scene-csv" in collected.exporters and "otio" in collected.exporters
    assert [(f.plugin, f.error) for f in collected.failures] == [
        ("broken-vendor", "RuntimeError: the vendor SDK is not installed")
    ]
    screenplay = read_script(script_path)
    package = PostPackage(title="t", clips=plan_scene_clips(screenplay))
    monkeypatch.setenv("SLATE_CACHE_DIR", str(tmp_path / "cache"))
    result = api.save_post_export(
        package, "scene-csv", tmp_path / "out", stem="draft", settings=Settings()
    )
    assert result.path == tmp_path / "out" / "draft.csv"
    assert [f.plugin for f in result.plugin_failures] == ["broken-vendor"]
    rows = list(csv.reader(io.StringIO(result.path.read_text(encoding="utf-8"))))
    assert rows[0] == ["scene", "heading", "seconds", "markers"]
    assert [r[1] for r in rows[1:]] == [c.name for c in package.clips]
    # Slate's own exporters still work with the broken plugin installed.
    otio_out = api.save_post_export(package, "otio", tmp_path / "out", stem="draft",
                                    settings=Settings())  # fmt: skip
    assert otio_out.path.is_file()


class _ReplacingOtio:
    """Registers an exporter under Slate's own name ``otio``, and one whose write raises."""

    class _Otio(example_plugin.SceneCsvExporter):
        name = "otio"

    class _Raising(example_plugin.SceneCsvExporter):
        name = "raises"

        def write(self, package: PostPackage) -> bytes:
            raise ValueError("no licence server")

    @hookimpl
    def register_post_exporters(self, register: Callable[[PostExporter], None]) -> None:
        register(self._Otio())
        register(self._Raising())


def test_a_plugin_replaces_a_default_and_a_raising_write_is_one_error(
    script_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pm = plugins.load_plugins()
    pm.register(_ReplacingOtio(), name="replacing")
    try:
        collected = collect_exporters()
        assert isinstance(collected.named("otio"), _ReplacingOtio._Otio)
        package = PostPackage(title="t", clips=plan_scene_clips(read_script(script_path)))
        monkeypatch.setenv("SLATE_CACHE_DIR", str(tmp_path / "cache"))
        with pytest.raises(PostError, match="The 'raises' exporter failed: ValueError: no licence"):
            api.save_post_export(package, "raises", tmp_path, stem="d", settings=Settings())
        assert not (tmp_path / "d.csv").exists()
    finally:
        pm.unregister(name="replacing")
    assert not isinstance(collect_exporters().named("otio"), _ReplacingOtio._Otio)


def test_the_example_plugin_is_found_through_the_slate_entry_points(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fresh = pluggy.PluginManager("slate")
    fresh.add_hookspecs(hookspecs)
    monkeypatch.setattr(plugins, "pm", fresh)
    monkeypatch.setattr(plugins, "_loaded", False)
    monkeypatch.setattr(plugins, "LOAD_ENTRY_POINTS", True)
    point = metadata.EntryPoint(name="scene_csv", value="tests.post.example_plugin", group="slate")
    monkeypatch.setattr(plugins, "_entry_points", lambda: [point])
    collected = collect_exporters()
    assert "scene-csv" in collected.exporters and "otio" in collected.exporters
    assert fresh.get_plugin("scene_csv") is example_plugin
