"""Fixtures for the CLI tests: a private cache folder, fake models, scripts made to order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes import FakeEmbedder, FakeTextModel, registered_fakes


@pytest.fixture
def private_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """``SLATE_CACHE_DIR`` in the test's folder: the record of written files starts empty."""
    cache = tmp_path / "slate-cache"
    monkeypatch.setenv("SLATE_CACHE_DIR", str(cache))
    return cache


@pytest.fixture
def fake_models(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, private_cache: Path
) -> Iterator[None]:
    """The fake embedder and text model, chosen by a real config file; the shipped scene model."""
    config = tmp_path / "config.toml"
    config.write_text('[models.embedder]\nbackend = "fake"\n', encoding="utf-8")
    monkeypatch.setenv("SLATE_CONFIG", str(config))
    with registered_fakes(FakeTextModel(), FakeEmbedder(dimensions=64)):
        yield


def write_script(folder: Path, scenes: int, *, numbers: list[str] | None = None) -> Path:
    """A Fountain script with a title page and ``scenes`` scenes, each at its own location (named
    longer than 15 characters), optionally with written scene numbers."""
    parts = ["Title: Made To Order\nAuthor: the CLI tests\n\nFADE IN:\n"]
    for i in range(scenes):
        number = f" #{numbers[i]}#" if numbers else ""
        time = "NIGHT" if i % 2 else "DAY"
        parts.append(
            f"INT. LOCATION NUMBER {i + 1:02d} OF THE MADE SCRIPT - {time}{number}\n\n"
            f"Person {i} waits by the door for the call that never comes.\n\n"
            f"ANA\nScene {i + 1}, and still nothing.\n"
        )
    path = folder / f"made_{scenes}.fountain"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
