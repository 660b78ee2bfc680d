"""Scripts: open, export and save a screenplay; the formats Slate reads and writes; stats."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from assistant.saving import save_output
from assistant.script.formats import exporter_named
from assistant.script.model import Screenplay
from assistant.script.reading import read_script

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.script.stats import ScriptStats


def open_script(path: Path | str, *, format: str | None = None) -> Screenplay:
    """Read a screenplay file (format detected from suffix and content unless given)."""
    return read_script(path, format=format)


def export_script(
    screenplay: Screenplay,
    format: str,
    *,
    paper: Literal["letter", "a4"] | None = None,
    continueds: bool = False,
) -> bytes:
    """The screenplay in a format (``fountain``, ``fdx``, ``json``, a plugin's); any case.

    ``paper`` (US Letter when not given) and ``continueds`` (``CONTINUED`` lines where a page
    break cuts a scene) are the PDF exporter's options.

    Raises:
        UnsupportedFormatError: no exporter is named ``format``, or a PDF option is given for an
            exporter that is not Slate's PDF one.
    """
    exporter = exporter_named(format.lower())
    if paper is not None or continueds:
        from assistant.errors import UnsupportedFormatError
        from assistant.script.pdf_export import PdfExporter

        if not isinstance(exporter, PdfExporter):
            raise UnsupportedFormatError(f"PDF options are for PDF output, not {format.lower()}")
        exporter = PdfExporter(paper=paper or "letter", continueds=continueds)
    return exporter.write(screenplay)


def save_export(
    screenplay: Screenplay,
    format: str,
    out: Path,
    *,
    force: bool = False,
    settings: Settings | None = None,
    paper: Literal["letter", "a4"] | None = None,
    continueds: bool = False,
) -> None:
    """Export and write atomically: on any failure ``out`` is left as it was.

    ``paper`` and ``continueds`` are passed to ``export_script`` (PDF only).

    Unless ``force``, Slate refuses (and writes nothing) when ``out`` is the script being read,
    when ``out``'s suffix belongs to another format (``--to fdx`` into ``x.fountain``), or when
    ``out`` exists and is not Slate's own output. Slate's own output is a file whose bytes are
    exactly those Slate last wrote at that path, as recorded in ``written_files.json`` in the cache
    folder (``settings.cache_dir``); an empty file, or one already holding these bytes, may be
    replaced too.

    Raises:
        OverwriteRefusedError: one of the refusals above; the message says which.
        OutputWriteError: the file cannot be written.
        UnsupportedFormatError: no exporter is named ``format``.
    """
    format = format.lower()
    data = export_script(screenplay, format, paper=paper, continueds=continueds)
    inputs = [Path(screenplay.source.path)] if screenplay.source.path else []
    save_output(out, data, inputs=inputs, settings=settings, force=force,
                also_refuse=lambda: _check_suffix(out, format))  # fmt: skip


def _check_suffix(out: Path, format: str) -> None:
    """Refuse ``format`` into a file whose suffix a different format claims (``.fountain``)."""
    from assistant.errors import OverwriteRefusedError

    suffix = out.suffix.lower()
    if not suffix:
        return
    claimed = {f.name for f in script_formats() if suffix in f.suffixes}
    if claimed and format not in claimed:
        own = exporter_named(format).suffix
        raise OverwriteRefusedError(
            f"Not writing {format} into {out}: {suffix} is the suffix of "
            f"{', '.join(sorted(claimed))}; name the file {out.with_suffix(own).name}, or force "
            "it (slate parse --force)"
        )


class ScriptFormat(BaseModel):
    """One format Slate reads, writes, or both, as registered by Slate or a plugin."""

    name: str
    suffixes: list[str]
    """File suffixes with the dot, lower case; the exporter's own suffix first."""
    reads: bool
    writes: bool


def script_formats() -> list[ScriptFormat]:
    """Every registered format (Slate's and plugins'), what it reads and writes, sorted by name."""
    from assistant.plugins import load_plugins
    from assistant.script.formats import Exporter, Importer

    importers: list[Importer] = []
    exporters: list[Exporter] = []
    hook = load_plugins().hook
    hook.register_importers(register=importers.append)
    hook.register_exporters(register=exporters.append)
    names = sorted({i.name for i in importers} | {e.name for e in exporters})
    formats = []
    for name in names:
        suffixes = [e.suffix.lower() for e in exporters if e.name == name]
        for importer in importers:
            if importer.name == name:
                suffixes += [s for s in importer.suffixes if s not in suffixes]
        formats.append(
            ScriptFormat(
                name=name,
                suffixes=suffixes,
                reads=any(i.name == name for i in importers),
                writes=any(e.name == name for e in exporters),
            )
        )
    return formats


def script_stats(
    screenplay: Screenplay, *, count_by: Literal["master", "numbered"] = "master"
) -> ScriptStats:
    """Counts and splits a line producer asks for: scenes, pages, INT/EXT, DAY/NIGHT, characters.

    ``count_by`` says what ``scene_count`` counts: master scenes (one per heading) or numbered
    scenes (one per number a shooting script writes on its headings and shots).
    """
    from assistant.script.stats import compute_stats

    return compute_stats(screenplay, count_by=count_by)
