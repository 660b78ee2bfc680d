"""The text a screenplay was parsed from, so that shots can name their source lines."""

from __future__ import annotations

from pathlib import Path

from assistant.errors import ScriptReadError
from assistant.script.model import Screenplay

TEXT_FORMATS = ("fountain", "plain")
"""Importers whose ``start_line`` counts lines of the file itself."""


def source_text(screenplay: Screenplay) -> str | None:
    """The source as lines are counted in ``Scene.start_line``, or None when unknown.

    Fountain and plain text count lines of the file; PDF counts lines of the rebuilt layout
    (``pdf_layout_text``); FDX and scripts built in code have no line positions. A file that
    changed or vanished since it was read gives None rather than wrong numbers.
    """
    path = screenplay.source.path
    if not path or screenplay.source.format not in (*TEXT_FORMATS, "pdf"):
        return None
    try:
        data = Path(path).read_bytes()
        if screenplay.source.format == "pdf":
            from assistant.script.pdf import pdf_layout_text

            text = pdf_layout_text(data)
        else:
            from assistant.script.reading import decode_text

            text = decode_text(data).text
    except (OSError, ScriptReadError):
        return None
    last = max((s.start_line or 0 for s in screenplay.scenes), default=0)
    return text if text.count("\n") + 1 >= last else None
