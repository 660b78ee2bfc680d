"""Slate's own post exporters, registered through ``register_post_exporters`` (a default plugin).

Each is cheap to register: OpenTimelineIO is imported only when a file is written.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.hookspecs import hookimpl
from assistant.post.cdl import to_ccc, to_cdl
from assistant.post.exporters import PostExporter, PostPackage
from assistant.post.otio_timeline import for_fcpx, write_timeline


class _OtioAdapterExporter(PostExporter):
    """The timeline through one OTIO adapter."""

    def __init__(self, name: str, suffix: str, adapter: str, description: str) -> None:
        self.name, self.suffix, self.adapter, self.description = name, suffix, adapter, description

    def write(self, package: PostPackage) -> bytes:
        timeline = package.timeline()
        if self.adapter == "fcpx_xml":
            timeline = for_fcpx(timeline)
        return write_timeline(timeline, self.adapter)


class _CdlExporter(PostExporter):
    def __init__(self, name: str, suffix: str, description: str) -> None:
        self.name, self.suffix, self.description = name, suffix, description

    def write(self, package: PostPackage) -> bytes:
        writer = to_cdl if self.suffix == ".cdl" else to_ccc
        return writer(package.looks)


@hookimpl
def register_post_exporters(register: Callable[[PostExporter], None]) -> None:
    register(_OtioAdapterExporter("otio", ".otio", "otio_json", "OpenTimelineIO timeline"))
    register(_OtioAdapterExporter("edl", ".edl", "cmx_3600", "CMX 3600 EDL with ASC CDL comments"))
    register(_OtioAdapterExporter("fcp7xml", ".xml", "fcp_xml", "Final Cut Pro 7 XML"))
    # The FCPX adapter (Apache-2.0, the OTIO project's): its round trip keeps clip count, names,
    # durations and markers (tests/post/test_otio_timeline.py), except that an apostrophe in a
    # name comes back typographic, and clips without a storyboard frame get an offline
    # placeholder asset each (otio_timeline.for_fcpx: the adapter's XPath breaks on quotes).
    register(_OtioAdapterExporter("fcpxml", ".fcpxml", "fcpx_xml", "Final Cut Pro X XML (1.8)"))
    register(_CdlExporter("cdl", ".cdl", "ASC CDL ColorDecisionList, one look per scene"))
    register(_CdlExporter("ccc", ".ccc", "ASC CDL ColorCorrectionCollection, one look per scene"))
