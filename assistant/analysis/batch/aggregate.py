"""Across the run: ``scripts.csv`` (one row per script) and ``index.html`` comparing them."""

from __future__ import annotations

import csv
import io
from html import escape
from pathlib import Path

from assistant.analysis.batch.models import ScriptReport
from assistant.analysis.batch.render import STYLE
from assistant.files import WrittenFiles, check_replaceable, write_atomic

TP_NAMES = ("Opportunity", "Change of Plans", "Point of No Return", "Major Setback", "Climax")
CSV_COLUMNS = [
    "name",
    "file",
    "title",
    "pages",
    "scenes",
    "cast_size",
    "locations",
    "night_share",
    "exterior_share",
    *[f"tp_{i + 1}_position" for i in range(5)],
]


def _share(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def _row(report: ScriptReport) -> list[str]:
    share = _share
    positions = {tp.name: tp.position for tp in report.turning_points}
    return [
        report.name,
        report.file,
        report.title or "",
        str(report.page_count),
        str(report.scene_count),
        str(report.cast_size),
        str(report.location_count),
        share(report.night_share),
        share(report.exterior_share),
        *[share(positions.get(name)) for name in TP_NAMES],
    ]


def aggregate_csv(reports: list[ScriptReport]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for report in sorted(reports, key=lambda r: r.name):
        writer.writerow(_row(report))
    return buffer.getvalue()


def _positions_svg(report: ScriptReport) -> str:
    """A strip 0-100% of the script with a tick where each turning point falls."""
    ticks = "".join(
        f'<line x1="{tp.position * 200:.1f}" y1="2" x2="{tp.position * 200:.1f}" y2="14" '
        f'stroke="#d1495b" stroke-width="2"><title>{escape(tp.name)} '
        f"{tp.position:.0%}</title></line>"
        for tp in report.turning_points
    )
    return (
        f'<svg width="200" height="16" role="img"><rect width="200" height="16" '
        f'fill="#eef"/>{ticks}</svg>'
    )


def index_page(reports: list[ScriptReport]) -> str:
    head = (
        "<tr><th>Script</th><th>Pages</th><th>Scenes</th><th>Cast</th><th>Locations</th>"
        "<th>Night</th><th>Turning points (0-100% of the script)</th></tr>"
    )
    rows = "".join(
        f'<tr><td><a href="{escape(r.name)}.html">{escape(r.title or r.name)}</a></td>'
        f"<td>{r.page_count}</td><td>{r.scene_count}</td><td>{r.cast_size}</td>"
        f"<td>{r.location_count}</td><td>{'' if r.night_share is None else f'{r.night_share:.0%}'}"
        f"</td><td>{_positions_svg(r)}</td></tr>"
        for r in sorted(reports, key=lambda r: r.name)
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Slate batch: '
        f"{len(reports)} scripts</title><style>{STYLE}</style></head><body>"
        f"<h1>{len(reports)} scripts</h1><table>{head}{rows}</table></body></html>\n"
    )


def write_aggregate(
    out: Path, reports: list[ScriptReport], *, written: WrittenFiles | None, force: bool
) -> None:
    """Write ``scripts.csv`` and ``index.html`` atomically (with Slate's overwrite safety)."""
    for name, text in (
        ("scripts.csv", aggregate_csv(reports)),
        ("index.html", index_page(reports)),
    ):
        data = text.encode()
        target = out / name
        if written is not None and not force:
            check_replaceable(target, data, inputs=[], written=written)
        write_atomic(target, data)
        if written is not None:
            written.remember(target, data)
