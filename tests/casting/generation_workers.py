"""Processes for test_generation_race.py: index writers and a searching reader (spawned, so each
is a process of its own with its own FAISS and its own locks)."""

from __future__ import annotations

from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

from assistant.casting.catalog import CastingIndex
from assistant.casting.profiles import ActorProfile
from assistant.casting.search import search
from assistant.casting.writing import change_index
from tests.fakes import FakeEmbedder

QUERY = "stage combat and a gentle northern accent"


def write(root: str, profiles: list[dict[str, Any]], start: Event) -> None:
    """Land one change a profile, each a generation of its own, after ``start``."""
    start.wait()
    for data in profiles:
        change_index(Path(root), FakeEmbedder(dimensions=64), upsert=[ActorProfile(**data)])


def one_generation(index: CastingIndex) -> dict[str, Any]:
    """Search once and say what each half of the search read, for the test to compare."""
    result = search(index, FakeEmbedder(dimensions=64), QUERY, k=20)
    stored = {vid for vid, _ in index.store.documents()}
    return {
        "generation": index.meta.generation,
        "count": index.meta.count,
        "vectors": int(index.ann.ntotal),
        "stored": len(stored),
        "bm25_is_the_stores": {int(v) for v in index.lexical.vids} == stored,
        "ids": [r.id for r in result.results],
        "bm25_ranked": sum(r.bm25_rank is not None for r in result.results),
    }


def read_after_changes(root: str, opened: Event, changed: Event, out: Any) -> None:
    """Open the index, let the writers land their changes, then search what was opened."""
    try:
        with CastingIndex.open(Path(root)) as index:
            opened.set()
            changed.wait()
            out.put(one_generation(index))
    except Exception as exc:  # (the test shows it)
        out.put(f"{type(exc).__name__}: {exc}")
        opened.set()


def read_while_changing(root: str, start: Event, done: Event, out: Any) -> None:
    """Open and search again and again while the writers work; every search's report."""
    reports: list[Any] = []
    start.wait()
    try:
        while True:
            last = done.is_set()  # (one more search after the writers are done: the last one)
            with CastingIndex.open(Path(root)) as index:
                reports.append(one_generation(index))
            if last:
                break
    except Exception as exc:
        reports.append(f"{type(exc).__name__}: {exc}")
    out.put(reports)
