"""Fixtures for the casting tests: the demo roster, the fake embedder, a built index."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from assistant.casting import index as index_module
from assistant.casting.catalog import CastingIndex
from assistant.casting.importing import read_roster
from assistant.casting.profiles import ActorProfile
from assistant.casting.writing import build_index
from tests.fakes import FakeEmbedder, FakeTextModel, registered_fakes

DEMO = Path(str(resources.files("assistant") / "casting" / "data" / "demo_roster.jsonl"))


@pytest.fixture(scope="session")
def demo_profiles() -> list[ActorProfile]:
    return read_roster(DEMO).profiles


@pytest.fixture
def embedder() -> FakeEmbedder:
    return FakeEmbedder(dimensions=64)


@pytest.fixture
def ivf_root(
    tmp_path: Path,
    demo_profiles: list[ActorProfile],
    embedder: FakeEmbedder,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    """The demo roster built as an IVF index (the flat limit lowered to 100), at ``ivf``."""
    monkeypatch.setattr(index_module, "FLAT_LIMIT", 100)
    root = tmp_path / "ivf"
    build_index(root, demo_profiles, embedder)
    return root


@pytest.fixture
def demo_index(
    tmp_path: Path, demo_profiles: list[ActorProfile], embedder: FakeEmbedder
) -> Iterator[CastingIndex]:
    root = tmp_path / "index"
    build_index(root, demo_profiles, embedder)
    index = CastingIndex.open(root, model_id=embedder.cache_key)
    yield index
    index.close()


@pytest.fixture
def configured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """A config file naming the fake embedder and an index folder away from the working one."""
    folder = tmp_path / "elsewhere" / "cast-index"
    config = tmp_path / "config.toml"
    config.write_text(
        f'[models.embedder]\nbackend = "fake"\n[casting]\nindex_dir = "{folder.as_posix()}"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("SLATE_CONFIG", str(config))
    monkeypatch.setenv("SLATE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    with registered_fakes(FakeTextModel(), FakeEmbedder(dimensions=64)):
        yield folder
