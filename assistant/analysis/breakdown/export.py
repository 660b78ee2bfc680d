"""The breakdown as CSV a scheduling tool can import: one row per scene and element.

Columns (docs/breakdown.md): ``scene`` (the label people see), ``index``, ``heading``,
``int_ext``, ``set``, ``time_of_day``, ``eighths``, ``pages`` (eighths as ``1 3/8``),
``script_day``, ``category``, ``element``, ``cast_id`` (cast rows only), ``count``, ``line``,
``implied``, ``source``. A scene without elements still gets one row with the element columns
empty, so every scene reaches the stripboard.
"""

from __future__ import annotations

import csv
import io

from assistant.analysis.breakdown.model import CATEGORIES, BreakdownReport, SceneBreakdown

COLUMNS = (
    "scene", "index", "heading", "int_ext", "set", "time_of_day", "eighths", "pages",
    "script_day", "category", "element", "cast_id", "count", "line", "implied", "source",
)  # fmt: skip


def pages_in_eighths(eighths: int) -> str:
    """``11`` eighths as ``1 3/8``, as stripboards write page counts."""
    whole, part = divmod(eighths, 8)
    if not part:
        return str(whole)
    return f"{whole} {part}/8" if whole else f"{part}/8"


def to_csv(report: BreakdownReport) -> str:
    """The CSV text (RFC 4180 quoting, ``\\r\\n`` line ends, a header row)."""
    ids = {member.name: member.id for member in report.cast}
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    headed = any(sheet.heading is not None for sheet in report.scenes)
    for sheet in report.scenes:
        if sheet.heading is None and headed:
            continue  # the title page and FADE IN: before the first heading: nothing to shoot
        scene_cells = _scene_cells(sheet)
        rows = 0
        for category in CATEGORIES:
            for element in sheet.elements[category]:
                writer.writerow([
                    *scene_cells, category, element.name,
                    ids.get(element.name, "") if category == "cast" else "",
                    "" if element.count is None else element.count,
                    "" if element.line is None else element.line,
                    "yes" if element.implied else "no", element.source,
                ])  # fmt: skip
                rows += 1
        if rows == 0:
            writer.writerow([*scene_cells, "", "", "", "", "", "", ""])
    return buffer.getvalue()


def _scene_cells(sheet: SceneBreakdown) -> list[object]:
    return [
        sheet.label or "", sheet.index, sheet.heading or "", sheet.int_ext or "", sheet.set,
        sheet.time_of_day or "", sheet.eighths, pages_in_eighths(sheet.eighths), sheet.script_day,
    ]  # fmt: skip
