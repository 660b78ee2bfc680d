"""A search reads one generation, whatever writers land meanwhile (processes, not threads: each
writer holds its own ``flock``, each reader its own open index).

An open index reads BM25 (``bm25/``) on its first text search, long after the open: before
generation leases, two changes landing in between pruned the generation it had opened, and the
search failed on a folder that was gone (or read what of it was left)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.casting.profiles import ActorProfile
from assistant.casting.writing import change_index
from tests.casting import generation_workers as workers
from tests.fakes import FakeEmbedder

SPAWN = multiprocessing.get_context("spawn")  # (fork after FAISS's OpenMP start is unsafe)
WAIT = 60  # seconds a process may take at most: a hung lock fails the test, not the suite


@pytest.fixture
def procs() -> Iterator[list[Any]]:
    """The processes a test starts; any still running when it ends (it failed) are ended."""
    started: list[Any] = []
    yield started
    for proc in started:
        if proc.is_alive():
            proc.terminate()
        proc.join(WAIT)


def _new(demo: list[ActorProfile], writer: int, count: int) -> list[dict[str, Any]]:
    return [
        demo[n].model_copy(update={"id": f"w{writer}-{n}", "bio": "Stage combat, northern."})
        .model_dump(mode="json")
        for n in range(count)
    ]  # fmt: skip


def _start(procs: list[Any], target: Any, *args: Any) -> Any:
    proc = SPAWN.Process(target=target, args=args, daemon=True)
    procs.append(proc)
    proc.start()
    return proc


def _writers(
    procs: list[Any], root: Path, demo: list[ActorProfile], start: Any, count: int
) -> list[Any]:
    return [_start(procs, workers.write, str(root), _new(demo, w, count), start) for w in (1, 2)]


def _join(some: list[Any]) -> None:
    for proc in some:
        proc.join(WAIT)
        assert proc.exitcode == 0, proc


def _consistent(report: Any) -> None:
    assert isinstance(report, dict), report  # (else the error the search raised)
    assert report["count"] == report["vectors"] == report["stored"]
    assert report["bm25_is_the_stores"]
    assert report["ids"] and report["bm25_ranked"]


def test_a_search_reads_the_generation_it_opened_after_two_changes_land(
    demo_index: Any, demo_profiles: list[ActorProfile], procs: list[Any]
) -> None:
    root = demo_index.root
    demo_index.close()  # (this process reads nothing: its lease would keep every generation)
    opened, changed, start = SPAWN.Event(), SPAWN.Event(), SPAWN.Event()
    out = SPAWN.Queue()
    reader = _start(procs, workers.read_after_changes, str(root), opened, changed, out)
    assert opened.wait(WAIT)
    writers = _writers(procs, root, demo_profiles, start, 1)
    start.set()
    _join(writers)  # generations 2 and 3: each change prunes all but the last two
    assert (root / "gen-000001").is_dir()  # the reader's lease kept the one it opened
    changed.set()
    report = out.get(timeout=WAIT)
    _join([reader])
    _consistent(report)
    assert report["generation"] == 1 and report["count"] == len(demo_profiles)
    assert not any(i.startswith("w") for i in report["ids"])
    # the lease ends with the reader: the next change prunes what it kept
    last = ActorProfile(**_new(demo_profiles, 3, 1)[0])
    change_index(root, FakeEmbedder(dimensions=64), upsert=[last])
    assert sorted(p.name for p in root.glob("gen-*")) == ["gen-000003", "gen-000004"]


def test_searches_while_two_writers_change_the_index_never_mix_generations(
    demo_index: Any, demo_profiles: list[ActorProfile], procs: list[Any]
) -> None:
    root = demo_index.root
    demo_index.close()
    start, done = SPAWN.Event(), SPAWN.Event()
    out = SPAWN.Queue()
    reader = _start(procs, workers.read_while_changing, str(root), start, done, out)
    writers = _writers(procs, root, demo_profiles, start, 4)
    start.set()
    _join(writers)
    done.set()
    reports = out.get(timeout=WAIT)
    _join([reader])
    for report in reports:
        _consistent(report)
        assert report["count"] == len(demo_profiles) + report["generation"] - 1
    generations = [r["generation"] for r in reports]
    assert generations == sorted(generations) and generations[-1] == 9


def test_an_open_retries_when_the_generation_it_read_is_pruned_before_its_lease(
    demo_index: Any, demo_profiles: list[ActorProfile], monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.casting import leases
    from assistant.casting.catalog import CastingIndex

    root = demo_index.root
    demo_index.close()
    real = leases.lease
    pruned: list[Path] = []

    def two_changes_first(gen: Path) -> int | None:
        if not pruned:  # two changes land between reading CURRENT and leasing what it named
            pruned.append(gen)
            for n in range(2):
                profile = ActorProfile(**_new(demo_profiles, 4, n + 1)[n])
                change_index(root, FakeEmbedder(dimensions=64), upsert=[profile])
        return real(gen)

    monkeypatch.setattr(leases, "lease", two_changes_first)
    with CastingIndex.open(root) as index:
        assert pruned == [root / "gen-000001"] and not pruned[0].exists()
        assert index.meta.generation == 3 and index.lexical.vids.size == index.meta.count
    assert not leases.remove_unleased(root / "no-such-generation")
