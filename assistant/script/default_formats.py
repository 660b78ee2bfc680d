"""Slate's own importers and exporters, registered through the same hooks as any plugin."""

from __future__ import annotations

from collections.abc import Callable

from assistant.errors import ScriptReadError
from assistant.hookspecs import hookimpl
from assistant.script.formats import Exporter, Importer
from assistant.script.model import Screenplay


class JsonImporter:
    """Reads back what ``slate parse --to json`` wrote."""

    name = "json"
    suffixes: tuple[str, ...] = (".json",)

    def read(self, data: bytes) -> Screenplay:
        from pydantic import ValidationError

        try:
            return Screenplay.model_validate_json(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "top level"
            raise ScriptReadError(
                f"Not a Slate screenplay JSON file: {first['msg']} at {where}"
            ) from exc


class JsonExporter:
    name = "json"
    suffix = ".json"

    def write(self, screenplay: Screenplay) -> bytes:
        return (screenplay.model_dump_json(indent=2) + "\n").encode("utf-8")


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    from assistant.script.fdx import FdxImporter
    from assistant.script.fountain import FountainImporter
    from assistant.script.highland import HighlandImporter
    from assistant.script.osf import FadeInImporter, OsfImporter
    from assistant.script.pdf import PdfImporter
    from assistant.script.plaintext import PlainTextImporter
    from assistant.script.stage_play import PlainPlayImporter, TeiPlayImporter
    from assistant.script.trelby import TrelbyImporter

    for importer in (
        FountainImporter(),
        FdxImporter(),
        PlainTextImporter(),
        PdfImporter(),
        TrelbyImporter(),
        OsfImporter(),
        FadeInImporter(),
        HighlandImporter(),
        TeiPlayImporter(),
        PlainPlayImporter(),
    ):
        register(importer)
    register(JsonImporter())


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    from assistant.script.fdx import FdxExporter
    from assistant.script.fountain_export import FountainExporter

    register(FountainExporter())
    register(FdxExporter())
    register(JsonExporter())
    register(__import__("assistant.script.pdf_export", fromlist=["PdfExporter"]).PdfExporter())
