"""The schedule as CSV (one row per scheduled scene) and as an iCalendar file of shooting days.

The iCalendar text is written here to RFC 5545: CRLF line ends, lines folded at 75 octets, TEXT
values escaped (backslash, semicolon, comma, newline), all-day events (``VALUE=DATE``, DTEND the
day after), a UID per day that stays the same for the same title, day and date.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io

from assistant import __version__
from assistant.analysis.schedule.report import ScheduleReport, eighths_text

CSV_COLUMNS = ("day", "date", "scene", "heading", "int_ext", "day_night", "set", "eighths", "pages",
               "cast_ids", "cast")  # fmt: skip


def schedule_csv(report: ScheduleReport) -> bytes:
    """One row per scene in shooting order, with the day and date it is shot."""
    names = {member.id: member.name for member in report.cast}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for day in report.days:
        for position in day.strips:
            strip = report.stripboard[position]
            writer.writerow([
                day.number, day.date.isoformat(), strip.label, strip.heading, strip.int_ext,
                strip.day_night, strip.set, strip.eighths, eighths_text(strip.eighths),
                " ".join(str(c) for c in strip.cast), "; ".join(names[c] for c in strip.cast),
            ])  # fmt: skip
    return buffer.getvalue().encode("utf-8")


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )  # fmt: skip


def _fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, never inside a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    pieces, current, limit = [], b"", 75
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            pieces.append(current.decode("utf-8"))
            current, limit = b"", 74  # continuation lines start with a space
        current += encoded
    pieces.append(current.decode("utf-8"))
    return "\r\n ".join(pieces)


def schedule_ics(report: ScheduleReport, *, stamp: dt.datetime | None = None) -> bytes:
    """A VCALENDAR with one all-day VEVENT per shooting day: scenes, pages and sets."""
    stamp = stamp or dt.datetime.now(dt.UTC)
    title = report.title or "Shooting schedule"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//Slate//Slate {__version__}//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(title)}",
    ]
    for day in report.days:
        scenes = [report.stripboard[p] for p in day.strips]
        summary = f"{title}: day {day.number} of {len(report.days)}"
        description = "\n".join(
            [f"{eighths_text(day.eighths)} pages, {day.day_night}"]
            + [f"Sc. {s.label} {s.heading} ({eighths_text(s.eighths)})" for s in scenes]
        )
        uid = hashlib.sha1(f"{title}|{day.number}|{day.date}".encode()).hexdigest()
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}@slate",
            f"DTSTAMP:{stamp.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}",
            f"DTSTART;VALUE=DATE:{day.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day.date + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(description)}",
            f"LOCATION:{_escape(', '.join(day.sets))}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines).encode("utf-8")
