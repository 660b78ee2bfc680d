"""CSV for scheduling tools and the self-contained HTML sheet."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from assistant.analysis.breakdown.colours import DEFAULT_COLOURS, palette
from assistant.analysis.breakdown.export import COLUMNS, pages_in_eighths, to_csv
from assistant.analysis.breakdown.html_sheet import to_html
from assistant.analysis.breakdown.model import BreakdownReport
from tests.browser import screenshot, visible_text


def test_csv_one_row_per_scene_element(harbour_report: BreakdownReport) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(harbour_report))))
    assert tuple(rows[0]) == COLUMNS
    expected = sum(
        max(1, sum(len(v) for v in s.elements.values()))
        for s in harbour_report.scenes if s.heading is not None
    )  # fmt: skip
    assert len(rows) == expected
    mara = [r for r in rows if r["element"] == "MARA"]
    assert {r["cast_id"] for r in mara} == {"1"}
    assert [r["scene"] for r in mara] == ["1", "3", "4", "5"]
    guards = next(r for r in rows if r["element"] == "guards")
    assert (guards["count"], guards["line"], guards["category"]) == ("2", "23", "extras")
    assert guards["pages"] == pages_in_eighths(int(guards["eighths"]))


@pytest.mark.parametrize(("eighths", "text"), [(1, "1/8"), (8, "1"), (11, "1 3/8"), (0, "0")])
def test_pages_in_eighths(eighths: int, text: str) -> None:
    assert pages_in_eighths(eighths) == text


def test_html_is_self_contained_escaped_and_coloured(harbour_report: BreakdownReport) -> None:
    page = to_html(harbour_report, {"props": "#123456", "nonsense": "#000"})
    assert "<script" not in page and "http" not in page and "src=" not in page
    assert "#123456" in page and DEFAULT_COLOURS["cast"] in page
    assert "1. MARA" in page
    hostile = harbour_report.model_copy(update={"title": "<b>x</b>"})
    assert "<b>x</b>" not in to_html(hostile)
    assert palette({"nonsense": "#000"}) == DEFAULT_COLOURS


@pytest.mark.browser
def test_html_sheet_renders_in_a_browser(harbour_report: BreakdownReport, tmp_path: Path) -> None:
    page = tmp_path / "sheet.html"
    page.write_text(to_html(harbour_report), encoding="utf-8")
    png = screenshot(page, tmp_path / "sheet.png", width=1100, height=1400)
    text = visible_text(page)
    assert "Breakdown: The Harbour Job" in text
    assert "police car" in text and "1. MARA" in text and "Script day" in text
    assert png.stat().st_size > 10_000
    # Keep a copy to look at: pytest's tmp folders are kept for the last three runs.
    print(f"screenshot: {png}")
