"""Breakdowns of short scripts written inside a test: the file is saved and read as a user's
would be (``api.open_script``), so the importer's reading is part of what a rule test checks."""

from __future__ import annotations

from pathlib import Path

from assistant import api
from assistant.analysis.breakdown.model import BreakdownReport


def breakdown_of(tmp_path: Path, fountain: str) -> BreakdownReport:
    """The breakdown of ``fountain`` saved as a Fountain file under ``tmp_path``."""
    path = tmp_path / "written.fountain"
    path.write_text(fountain, encoding="utf-8")
    return api.breakdown(api.open_script(path))


def element_names(tmp_path: Path, fountain: str, category: str, scene: int = 0) -> list[str]:
    """The names of one category's elements in one scene of ``fountain``'s breakdown."""
    report = breakdown_of(tmp_path, fountain)
    return [e.name for e in report.scenes[scene].elements[category]]


def effects_in_action(tmp_path: Path, action: str) -> list[str]:
    """The special effects of one exterior scene holding ``action`` and one line of speech."""
    script = f"EXT. CANAL PATH - NIGHT\n\n{action}\n\nODILE\nGo.\n"
    return element_names(tmp_path, script, "special_effects")
