"""Fixtures the chat tests share: the ferry script and a fake text model registered as a plugin."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.script.model import Screenplay
from assistant.script.reading import read_script
from tests.fakes import FakeEmbedder, FakeTextModel, registered_fakes


@pytest.fixture
def ferry(fixtures_dir: Path) -> Screenplay:
    """``tests/fixtures/ask/ferry.fountain``: six scenes written for the chat tests."""
    return read_script(fixtures_dir / "ask" / "ferry.fountain")


@pytest.fixture
def model() -> Iterator[FakeTextModel]:
    """A fake text model (and a 256-dimension fake embedder) registered as backend ``fake``."""
    fake = FakeTextModel()
    with registered_fakes(fake, FakeEmbedder(dimensions=256)):
        yield fake
