"""The stripboard and call sheets as a person sees them in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import api
from assistant.analysis.schedule.config import load_schedule_config
from assistant.analysis.schedule.html import schedule_html
from assistant.analysis.schedule.report import schedule_screenplay
from tests.browser import screenshot, visible_text

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "schedule"


@pytest.mark.browser
def test_stripboard_and_call_sheets_render(tmp_path: Path) -> None:
    screenplay = api.open_script(FIXTURES / "short_film.fountain")
    report = schedule_screenplay(
        screenplay, load_schedule_config(FIXTURES / "ferry.toml"), time_limit=10
    )
    page = tmp_path / "schedule.html"
    page.write_text(schedule_html(report), encoding="utf-8")
    text = visible_text(page)
    assert "Stripboard" in text and "Day out of days" in text
    assert text.count("Call sheet: day") == len(report.days)
    assert "NELL'S HOUSE - KITCHEN" in text or "NELL&#39;S HOUSE - KITCHEN" in text
    png = screenshot(page, tmp_path / "schedule.png", width=1100, height=1400)
    assert png.stat().st_size > 10_000  # a rendered page, not a blank one
