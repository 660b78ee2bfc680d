"""Call sheets as PDF, one page per shooting day, with ReportLab (BSD; pure Python with its own
fonts, so no system library is needed)."""

from __future__ import annotations

import io

from assistant.analysis.schedule.report import ScheduleReport, eighths_text


def call_sheets_pdf(report: ScheduleReport) -> bytes:
    """Every call sheet of ``report`` as a PDF document, US Letter."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import (
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    styles = getSampleStyleSheet()
    grid = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
            ("FONTSIZE", (0, 0), (-1, -1), 9),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    story: list[object] = []
    title = report.title or "Shooting schedule"
    for sheet in report.call_sheets:
        if story:
            story.append(PageBreak())
        story.append(
            Paragraph(
                escape(f"{title}: call sheet, day {sheet.day} of {sheet.of_days}"), styles["Title"]
            )
        )
        story.append(
            Paragraph(
                escape(
                    f"{sheet.date:%A %d %B %Y}. Crew call {sheet.crew_call:%H:%M}. Sunrise ______ "
                    f"Sunset ______. Pages {eighths_text(sheet.eighths)}."
                ),
                styles["Normal"],
            )
        )
        story.append(
            Paragraph(escape("Locations: " + ", ".join(sheet.locations)), styles["Normal"])
        )
        story.append(Spacer(1, 8))
        scenes = [["Scene", "Heading", "D/N", "Pages", "Cast"]] + [
            [
                s.label,
                Paragraph(escape(s.heading), styles["BodyText"]),
                s.day_night,
                eighths_text(s.eighths),
                " ".join(str(c) for c in s.cast),
            ]
            for s in (report.stripboard[p] for p in sheet.scenes)
        ]
        story.append(Table(scenes, colWidths=[45, 260, 50, 45, 90], style=grid))
        story.append(Spacer(1, 8))
        cast = [["ID", "Cast", "Call"]] + [
            [str(c.cast_id), c.name, f"{c.call:%H:%M}"] for c in sheet.cast
        ]
        story.append(Table(cast, colWidths=[30, 200, 60], style=grid))
        story.append(Spacer(1, 8))
        story.append(Paragraph("Notes: " + escape("; ".join(sheet.notes) or "-"), styles["Normal"]))
    if not story:
        story.append(Paragraph(escape(f"{title}: no schedule ({report.status})"), styles["Title"]))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=letter, title=title, author="Slate").build(story)
    return buffer.getvalue()
