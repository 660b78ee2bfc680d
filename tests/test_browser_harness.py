"""The headless-browser harness itself: a page Slate did not write renders, and its text is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import screenshot, visible_text


@pytest.mark.browser
def test_a_local_page_is_rendered_to_png_and_its_text_read(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<!doctype html><title>t</title><h1 id='h'>Night Shift</h1>"
        "<script>document.getElementById('h').textContent += ' (rendered)';</script>",
        encoding="utf-8",
    )
    png = screenshot(page, tmp_path / "page.png", width=400, height=300)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Night Shift (rendered)" in visible_text(page)  # the script ran: a real browser
