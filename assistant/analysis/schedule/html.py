"""A self-contained HTML page: the stripboard in shooting order (day breaks between days), the
day-out-of-days, and one call sheet per day (each on its own printed page)."""

from __future__ import annotations

from html import escape

from assistant.analysis.schedule.report import ScheduleReport, eighths_text

_STYLE = """
body { font-family: Helvetica, Arial, sans-serif; margin: 24px; color: #111; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 28px; }
table { border-collapse: collapse; margin: 8px 0 16px; }
td, th { border: 1px solid #555; padding: 3px 8px; font-size: 13px; text-align: left; }
th { background: #eee; }
tr.daybreak td { background: #222; color: #fff; font-weight: bold; }
td.num { text-align: right; }
.summary { font-size: 14px; }
.callsheet { page-break-before: always; border-top: 3px solid #222; margin-top: 24px; }
.blank { display: inline-block; min-width: 80px; border-bottom: 1px solid #111; }
"""


def _cells(values: list[str], *, tag: str = "td") -> str:
    return "".join(f"<{tag}>{escape(v)}</{tag}>" for v in values)


def schedule_html(report: ScheduleReport) -> str:
    """The whole report as one HTML document (no external files, scripts or fonts)."""
    title = escape(report.title or "Shooting schedule")
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="en"><head><meta charset="utf-8"><title>{title}</title>',
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{title}: stripboard and schedule</h1>",
        f'<p class="summary">{_summary(report)}</p>',
    ]
    if report.conflicts:
        parts.append("<h2>No schedule</h2><ul>")
        parts += [f"<li>{escape(c)}</li>" for c in report.conflicts]
        parts.append("</ul>")
    parts.append(_stripboard(report))
    if report.days:
        parts.append(_dood(report))
        parts += [_call_sheet(report, i) for i in range(len(report.call_sheets))]
    parts.append("</body></html>")
    return "\n".join(parts)


def _summary(report: ScheduleReport) -> str:
    if not report.days:
        return escape(f"Status: {report.status}.")
    gap = f"{report.gap:.1%}" if report.gap is not None else "-"
    return escape(
        f"{len(report.days)} shooting days, {report.hold_days} hold days, "
        f"{report.company_moves} company moves. Status {report.status}; objective "
        f"{report.objective}, bound {report.bound}, gap {gap}."
    )


def _strip_row(report: ScheduleReport, position: int) -> str:
    strip = report.stripboard[position]
    cells = _cells(
        [
            strip.label,
            strip.int_ext,
            strip.set,
            strip.day_night,
            eighths_text(strip.eighths),
            " ".join(str(c) for c in strip.cast),
        ]
    )
    return f'<tr style="background:{strip.colour}">{cells}</tr>'


def _stripboard(report: ScheduleReport) -> str:
    head = _cells(["Scene", "I/E", "Set", "D/N", "Pages", "Cast"], tag="th")
    rows = [f"<h2>Stripboard</h2><table><tr>{head}</tr>"]
    if report.days:
        for day in report.days:
            for position in day.strips:
                rows.append(_strip_row(report, position))
            rows.append(
                f'<tr class="daybreak"><td colspan="6">End of day {day.number}: {day.date} '
                f"({escape(eighths_text(day.eighths))} pages)</td></tr>"
            )
    else:
        rows += [_strip_row(report, p) for p in range(len(report.stripboard))]
    rows.append("</table>")
    legend = ", ".join(f"{c.id} {c.name}" for c in report.cast)
    rows.append(f"<p>Cast: {escape(legend)}</p>")
    return "\n".join(rows)


def _dood(report: ScheduleReport) -> str:
    head = _cells(
        [
            "ID",
            "Cast",
            *(f"{d.number} ({d.date:%m-%d})" for d in report.days),
            "Work",
            "Hold",
            "Travel",
        ],
        tag="th",
    )
    rows = [f"<h2>Day out of days</h2><table><tr>{head}</tr>"]
    for row in report.day_out_of_days:
        rows.append(
            "<tr>"
            + _cells(
                [
                    str(row.cast_id),
                    row.name,
                    *row.codes,
                    str(row.worked),
                    str(row.held),
                    str(row.travel),
                ]
            )
            + "</tr>"
        )
    rows.append(
        "</table><p>SW start work, W work, WF work finish, SWF start-work-finish, "
        "H hold, T travel.</p>"
    )
    return "\n".join(rows)


def _call_sheet(report: ScheduleReport, i: int) -> str:
    sheet = report.call_sheets[i]
    scenes = "".join(
        "<tr>"
        + _cells(
            [
                s.label,
                s.heading,
                s.day_night,
                eighths_text(s.eighths),
                " ".join(str(c) for c in s.cast),
            ]
        )
        + "</tr>"
        for s in (report.stripboard[p] for p in sheet.scenes)
    )
    cast = "".join(
        "<tr>" + _cells([str(c.cast_id), c.name, f"{c.call:%H:%M}"]) + "</tr>" for c in sheet.cast
    )
    notes = "".join(f"<li>{escape(n)}</li>" for n in sheet.notes) or "<li>-</li>"
    locations = escape(", ".join(sheet.locations))
    return f"""<section class="callsheet">
<h2>Call sheet: day {sheet.day} of {sheet.of_days}, {sheet.date:%A %d %B %Y}</h2>
<p>Crew call {sheet.crew_call:%H:%M}. Sunrise <span class="blank">{escape(sheet.sunrise)}</span>
Sunset <span class="blank">{escape(sheet.sunset)}</span>. Locations: {locations}.
Pages: {escape(eighths_text(sheet.eighths))}.</p>
<table><tr>{_cells(["Scene", "Heading", "D/N", "Pages", "Cast"], tag="th")}</tr>{scenes}</table>
<table><tr>{_cells(["ID", "Cast", "Call"], tag="th")}</tr>{cast}</table>
<p>Notes:</p><ul>{notes}</ul>
</section>"""
