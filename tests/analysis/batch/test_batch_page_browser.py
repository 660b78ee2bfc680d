"""The per-script page as a person sees it: headless Chromium renders the charts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant import api
from tests.browser import screenshot, visible_text

BEATS = Path(__file__).resolve().parents[2] / "fixtures" / "beats"


@pytest.mark.browser
def test_the_page_shows_the_facts_and_the_charts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                  ) -> None:  # fmt: skip
    monkeypatch.setenv("SLATE_CACHE_DIR", str(tmp_path / "cache"))
    lib = tmp_path / "lib"
    lib.mkdir()
    shutil.copy(BEATS / "lighthouse.fountain", lib)
    out = tmp_path / "out"
    api.analyze_scripts([lib], out, embedder="tests.fakes:FakeEmbedder")
    page = out / "lighthouse.html"
    text = visible_text(page)
    for expected in (
        "The Lighthouse Keeper",
        "speaking cast",
        "Turning points",
        "Scene strength over the script",
        "Characters by scenes and speeches",
        "Interior / exterior and day / night",
        "against convention",
        "NORA",
    ):
        assert expected in text
    png = screenshot(page, tmp_path / "page.png")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # charts, not a blank page
    index_text = visible_text(out / "index.html")
    assert "1 scripts" in index_text and "The Lighthouse Keeper" in index_text
