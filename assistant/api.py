"""What the CLI and the TUI share. Every front-end action is one call here, returning pydantic results.

Importing this module loads no torch, FAISS, transformers or Textual: heavy layers are imported inside
the functions that need them (checked by ``tests/test_import_hygiene.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from assistant.files import write_atomic
from assistant.script.formats import exporter_named
from assistant.script.model import Screenplay
from assistant.script.reading import read_script

if TYPE_CHECKING:
    from assistant.script.stats import ScriptStats


# --- Scripts ------------------------------------------------------------------------------------


def open_script(path: Path | str, *, format: str | None = None) -> Screenplay:
    """Read a screenplay file (format detected from suffix and content unless given)."""
    return read_script(path, format=format)


def export_script(screenplay: Screenplay, format: str) -> bytes:
    """The screenplay in an export format (``fountain``, ``fdx``, ``json`` or a plugin's)."""
    return exporter_named(format).write(screenplay)


def save_export(screenplay: Screenplay, format: str, out: Path) -> None:
    """Export and write atomically: on any failure ``out`` is left as it was."""
    write_atomic(out, export_script(screenplay, format))


def script_stats(screenplay: Screenplay) -> ScriptStats:
    """Counts and splits a line producer asks for: scenes, pages, INT/EXT, DAY/NIGHT, characters."""
    from assistant.script.stats import compute_stats

    return compute_stats(screenplay)
