"""The shot list as a CSV sheet, one row a shot, in the columns a shot-list template has."""

from __future__ import annotations

import csv
import io

from assistant.analysis.shots.model import Shot, ShotList

CSV_COLUMNS = (
    "scene", "heading", "shot", "kind", "size", "angle", "movement", "lens_mm", "subjects",
    "off_screen", "lines", "description", "duration_s", "setup", "source",
)  # fmt: skip


def line_range(shot: Shot) -> str:
    """``12-18`` for a shot covering lines 12 to 18 (``12`` for one line, empty for none)."""
    if not shot.lines:
        return ""
    first, last = shot.lines[0], shot.lines[-1]
    return str(first) if first == last else f"{first}-{last}"


def to_csv(plan: ShotList) -> str:
    """The sheet as CSV text (RFC 4180 quoting, ``\\r\\n`` line ends as spreadsheets expect)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for scene in plan.scenes:
        for shot in scene.shots:
            writer.writerow([
                scene.number or "", scene.heading or "", shot.number, shot.kind,
                shot.size.value, shot.angle.value, shot.movement.value, shot.lens_mm,
                "; ".join(shot.subjects), "; ".join(shot.off_screen), line_range(shot),
                shot.description, f"{shot.duration_s:.1f}", shot.setup, shot.source,
            ])  # fmt: skip
    return buffer.getvalue()
