"""An example third-party post exporter: a shot-count CSV for the assistant editor.

Installed as a plugin, it is found through the ``slate`` entry point group, e.g. in the plugin's
own ``pyproject.toml``::

    [project.entry-points.slate]
    scene_csv = "slate_scene_csv"

and then ``slate export draft.fountain --to scene-csv --out previs/`` writes ``draft.csv``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from assistant.hookspecs import hookimpl
from assistant.post.exporters import PostExporter, PostPackage


class SceneCsvExporter(PostExporter):
    """One row per clip: scene number, heading, seconds, markers."""

    name = "scene-csv"
    suffix = ".csv"
    description = "Scene list with previs durations (example plugin)"

    def write(self, package: PostPackage) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["scene", "heading", "seconds", "markers"])
        for clip in package.clips:
            markers = "; ".join(m.name for m in clip.markers)
            writer.writerow([clip.scene_number, clip.name, f"{clip.duration_seconds:g}", markers])
        return out.getvalue().encode("utf-8")


@hookimpl
def register_post_exporters(register: Callable[[PostExporter], None]) -> None:
    register(SceneCsvExporter())


class BrokenPlugin:
    """A plugin whose hook raises: it must be reported while the others still register."""

    @hookimpl
    def register_post_exporters(self, register: Callable[[PostExporter], None]) -> None:
        raise RuntimeError("the vendor SDK is not installed")
