"""Headless Chromium for tests that look at Slate's HTML output as a person would.

Tests marked ``browser`` call ``screenshot``; ``make test`` installs Chromium where ``apt-get`` is
available and deselects the ``browser`` tests (saying so) where it is not. Selected without a
browser, a test fails rather than skips, as ``shared_data`` tests do.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
# The closed network refuses Chromium's background connections many at a time; these flags keep
# it from trying (and from updating, syncing or asking anything on first run).
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def chromium_path() -> str | None:
    """The first Chromium on PATH, or None."""
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def screenshot(page: Path, png: Path, *, width: int = 1280, height: int = 1600) -> Path:
    """Render ``page`` (a local HTML file) in headless Chromium and save a PNG of the viewport.

    Fails the calling test (never skips) when no Chromium is installed.
    """
    browser = chromium_path()
    if browser is None:
        pytest.fail("no Chromium on PATH: deselect browser tests with -m 'not browser'")
    with tempfile.TemporaryDirectory(prefix="slate-chromium-") as profile:
        subprocess.run(
            [
                browser,
                *FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={width},{height}",
                f"--screenshot={png}",
                page.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    assert png.is_file() and png.stat().st_size > 0, "Chromium wrote no screenshot"
    return png


def visible_text(page: Path) -> str:
    """The page's text after layout, as Chromium renders it (``--dump-dom`` of the loaded page)."""
    browser = chromium_path()
    if browser is None:
        pytest.fail("no Chromium on PATH: deselect browser tests with -m 'not browser'")
    with tempfile.TemporaryDirectory(prefix="slate-chromium-") as profile:
        done = subprocess.run(
            [browser, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.resolve().as_uri()],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )
    return done.stdout
