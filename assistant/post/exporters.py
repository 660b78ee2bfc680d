"""Post exporters: the interface, the package they export, and collecting them from plugins.

An exporter turns a ``PostPackage`` (the planned clips and their looks) into the bytes of one
file. Slate's own (``otio``, ``edl``, ``fcp7xml``, ``cdl``, ``ccc``) come in through the
``register_post_exporters`` hook like any third-party one (``default_exporters.py``). A plugin
whose hook raises is reported by name and the others are still collected.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from assistant.post.cdl import CdlLook
from assistant.post.otio_timeline import PlannedClip

if TYPE_CHECKING:
    import opentimelineio as otio


class PostPackage(BaseModel):
    """What every post exporter is given: the script's title and its planned clips."""

    title: str
    clips: list[PlannedClip]

    @property
    def looks(self) -> list[CdlLook]:
        """The clips' looks, in clip order (clips without one left out)."""
        return [clip.look for clip in self.clips if clip.look is not None]

    def timeline(self) -> otio.schema.Timeline:
        """The clips as a fresh OTIO timeline (``otio_timeline.build_timeline``)."""
        from assistant.post.otio_timeline import build_timeline

        return build_timeline(self.title, self.clips)


class PostExporter(ABC):
    """Writes a ``PostPackage`` as one file."""

    name: str = "unknown"
    """What ``slate export --to`` calls it (lower case)."""
    suffix: str = ""
    """The file suffix it writes, with the dot (``.edl``)."""
    description: str = ""
    """One line for the list of exporters."""

    @abstractmethod
    def write(self, package: PostPackage) -> bytes:
        """The file's bytes.

        Raises:
            PostError: this package cannot be written in this format (the message says why).
        """


class PluginFailure(BaseModel):
    """A plugin's ``register_post_exporters`` that raised: reported, the others still ran."""

    plugin: str
    error: str


class PostExportResult(BaseModel):
    """One ``slate export`` file: where it went and what it holds."""

    path: Path
    exporter: str
    clips: int
    plugin_failures: list[PluginFailure]
    """Plugins whose ``register_post_exporters`` raised (the export still ran)."""


class CollectedExporters(BaseModel):
    """The exporters every plugin registered, and the plugins that failed."""

    model_config = {"arbitrary_types_allowed": True}

    exporters: dict[str, PostExporter]
    failures: list[PluginFailure]

    def named(self, name: str) -> PostExporter:
        """The exporter called ``name`` (any case).

        Raises:
            UnsupportedFormatError: none is; the message lists the installed ones.
        """
        from assistant.errors import UnsupportedFormatError

        exporter = self.exporters.get(name.lower())
        if exporter is None:
            installed = ", ".join(sorted(self.exporters)) or "none"
            raise UnsupportedFormatError(
                f"No post exporter named {name!r}. Installed post exporters: {installed}"
            )
        return exporter


def collect_exporters(plugins: Sequence[object] | None = None) -> CollectedExporters:
    """Call every plugin's ``register_post_exporters``, one at a time, so one that raises is
    named in ``failures`` while the rest still register. Later names replace earlier ones.

    Args:
        plugins: call only these plugin objects (tests); default: every registered plugin.
    """
    from assistant.plugins import load_plugins

    pm = load_plugins()
    found: dict[str, PostExporter] = {}
    failures: list[PluginFailure] = []

    def register(exporter: PostExporter) -> None:
        found[exporter.name.lower()] = exporter

    # get_hookimpls() lists plugins in registration order (pluggy calls them in reverse); Slate's
    # defaults are registered first, so going in this order lets a plugin registered later
    # replace a default of the same name.
    for impl in pm.hook.register_post_exporters.get_hookimpls():
        if plugins is not None and impl.plugin not in plugins:
            continue
        try:
            impl.function(register=register)
        except Exception as exc:  # third-party code: any failure is the plugin's, reported
            first = (str(exc).strip().splitlines() or [""])[0]
            failures.append(
                PluginFailure(plugin=impl.plugin_name, error=f"{type(exc).__name__}: {first}")
            )
    return CollectedExporters(exporters=found, failures=failures)
