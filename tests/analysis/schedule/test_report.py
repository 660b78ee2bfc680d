"""The report of a real (fixture) script: strips from the screenplay, day-out-of-days codes and
totals against the days, call sheets, and the exports (CSV, iCalendar read by an independent
parser, PDF, HTML)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import api
from assistant.analysis.schedule.config import load_schedule_config
from assistant.analysis.schedule.exports import _fold, schedule_csv, schedule_ics
from assistant.analysis.schedule.html import schedule_html
from assistant.analysis.schedule.pdf import call_sheets_pdf
from assistant.analysis.schedule.report import ScheduleReport, eighths_text, schedule_screenplay
from assistant.analysis.schedule.strips import build_strips

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "schedule"


@pytest.fixture(scope="module")
def report() -> ScheduleReport:
    screenplay = api.open_script(FIXTURES / "short_film.fountain")
    config = load_schedule_config(FIXTURES / "ferry.toml")
    return schedule_screenplay(screenplay, config, time_limit=10)


def test_strips_come_from_the_screenplay() -> None:
    strips, cast = build_strips(api.open_script(FIXTURES / "short_film.fountain"))
    assert [c.name for c in cast] == ["NELL", "OSCAR", "PIP", "BRANDT"]  # most scenes first
    assert [s.label for s in strips] == [str(i) for i in range(1, 9)]
    pier_night = strips[2]
    assert (pier_night.int_ext, pier_night.day_night, pier_night.set) == ("EXT", "NIGHT", "PIER")
    assert pier_night.colour == "#9be29b" and pier_night.cast == [2]
    assert strips[0].colour == "#ffffff" and strips[1].colour == "#fff27a"
    assert strips[3].colour == "#8fb8ff"
    assert strips[4].set == "NELL'S HOUSE - KITCHEN"


def test_every_scene_scheduled_once_within_the_config(report: ScheduleReport) -> None:
    assert report.status == "optimal" and report.gap == 0.0
    shot = sorted(p for day in report.days for p in day.strips)
    assert shot == list(range(len(report.stripboard)))
    assert all(day.eighths <= 16 for day in report.days)
    dates = {p: day.date for day in report.days for p in day.strips}
    assert dates[4] == dt.date(2027, 3, 4)  # scene 5 locked
    assert dates[7] >= dt.date(2027, 3, 3)  # the river from the 3rd
    oscar = [p for p, s in enumerate(report.stripboard) if 2 in s.cast]
    assert all(dates[p] != dt.date(2027, 3, 2) for p in oscar)


def test_day_out_of_days_agrees_with_the_days(report: ScheduleReport) -> None:
    for row in report.day_out_of_days:
        worked = [i for i, d in enumerate(report.days)
                  if any(row.cast_id in report.stripboard[p].cast for p in d.strips)]  # fmt: skip
        assert row.worked == len(worked)
        assert row.held == worked[-1] - worked[0] + 1 - len(worked)
        assert row.codes.count("H") == row.held
        if len(worked) == 1:
            assert row.codes[worked[0]] == "SWF"
        else:
            assert row.codes[worked[0]] == "SW" and row.codes[worked[-1]] == "WF"
    assert sum(r.held for r in report.day_out_of_days) == report.hold_days


def test_call_sheets(report: ScheduleReport) -> None:
    first = report.call_sheets[0]
    assert first.of_days == len(report.days) and first.sunrise == "" and first.sunset == ""
    assert {c.cast_id for c in first.cast} == {
        c for p in first.scenes for c in report.stripboard[p].cast
    }
    assert all(c.call >= first.crew_call for c in first.cast)
    pip_days = [s for s in report.call_sheets if any(c.name == "PIP" for c in s.cast)]
    assert pip_days and all(any("minor" in n for n in s.notes) for s in pip_days)


def test_csv_rows(report: ScheduleReport) -> None:
    rows = list(csv.DictReader(io.StringIO(schedule_csv(report).decode("utf-8"))))
    assert len(rows) == len(report.stripboard)
    assert {r["scene"] for r in rows} == {s.label for s in report.stripboard}
    assert eighths_text(11) == "1 3/8" and eighths_text(8) == "1" and eighths_text(3) == "3/8"


def test_ics_is_rfc5545(report: ScheduleReport) -> None:
    icalendar = pytest.importorskip("icalendar", reason="dev dependency icalendar")
    data = schedule_ics(report, stamp=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    assert b"\r\n" in data and all(len(line) <= 75 for line in data.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(data)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert [e.decoded("dtstart") for e in events] == [d.date for d in report.days]
    assert "Sc. 5" in str(
        events[[d.date for d in report.days].index(dt.date(2027, 3, 4))]["description"]
    )


def test_folding_never_splits_a_character() -> None:
    line = "DESCRIPTION:" + "é" * 60
    folded = _fold(line).encode("utf-8").split(b"\r\n ")
    assert all(len(piece) <= 75 for piece in folded)
    assert b"".join(folded).decode("utf-8") == line


def test_pdf_and_html(report: ScheduleReport) -> None:
    pdf = call_sheets_pdf(report)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 1
    page = schedule_html(report)
    assert page.count('class="callsheet"') == len(report.days)
    assert "#9be29b" in page and "Sunrise" in page


def test_import_api_does_not_load_ortools() -> None:
    code = "import sys, assistant.api; print('ortools' in sys.modules, 'reportlab' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
