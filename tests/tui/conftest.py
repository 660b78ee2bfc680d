"""Pilots drive the real app over the sample script, with the fake models registered as a plugin
(tests/fakes.py) and the session database in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes import FakeEmbedder, FakeTextModel, fake_settings, registered_fakes

SAMPLE = Path(__file__).resolve().parents[2] / "assistant" / "samples" / "night_shift.fountain"


@pytest.fixture
def fake_model() -> FakeTextModel:
    """The text model the app's Asker gets (queue replies with ``enqueue``)."""
    return FakeTextModel()


@pytest.fixture
def fakes(fake_model: FakeTextModel) -> Iterator[None]:
    with registered_fakes(fake_model, FakeEmbedder()):
        yield


@pytest.fixture
def make_app(fakes: None, tmp_path: Path):  # type: ignore[no-untyped-def]
    from assistant.tui.app import SlateApp

    def make(
        path: Path | None = SAMPLE, sessions: Path | None = None, plain: bool = False
    ) -> SlateApp:
        settings = fake_settings().model_copy(update={"cache_dir": tmp_path / "cache"})
        return SlateApp(path, settings, sessions_dir=sessions or tmp_path / "sessions",
                        plain=plain)  # fmt: skip

    return make
