"""An index kept open across ``api.cast_search`` calls, reopened when its files change."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant import api
from assistant.casting import opened
from assistant.casting import search as search_module
from assistant.casting.catalog import CastingIndex
from assistant.casting.importing import ImportReport
from assistant.casting.profiles import ActorProfile
from assistant.casting.writing import build_index
from assistant.errors import CastingError
from tests.fakes import FakeEmbedder


@pytest.fixture
def opens(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """The folder of every ``CastingIndex.open`` made for the process's kept indexes
    (``change_index`` opens the old generation too, on its own); none kept before or after."""
    calls: list[Path] = []
    real = CastingIndex.open  # (bound to CastingIndex, which has no subclasses)

    def counting(_cls: type[CastingIndex], /, root: Path, **kwargs: Any) -> CastingIndex:
        if kwargs.get("shared"):
            calls.append(root)
        return real(root, **kwargs)

    opened.forget()
    monkeypatch.setattr(CastingIndex, "open", classmethod(counting))
    yield calls
    opened.forget()


def test_searches_share_one_open_index_and_its_filters(
    tmp_path: Path, demo_profiles: list[ActorProfile], embedder: FakeEmbedder, opens: list[Path]
) -> None:
    root = tmp_path / "index"
    build_index(root, demo_profiles, embedder)
    first = api.cast_search("boxer", index_dir=root, embedder=embedder, k=3)
    again = api.cast_search("gentle singer", index_dir=root, embedder=embedder, k=3)
    assert len(opens) == 1
    assert first.results and again.results
    with opened.shared_index(root, model_id=embedder.cache_key) as index:
        assert index.store.count() == len(demo_profiles)
    assert len(opens) == 1


def test_a_change_to_the_folder_opens_the_new_generation(
    tmp_path: Path, demo_profiles: list[ActorProfile], embedder: FakeEmbedder, opens: list[Path]
) -> None:
    root = tmp_path / "index"
    build_index(root, demo_profiles, embedder)
    api.cast_search("boxer", index_dir=root, embedder=embedder, k=3)
    gone = demo_profiles[0].id
    api.change_cast_index(root, remove=[gone], embedder=embedder)
    after = api.cast_search(demo_profiles[0].name, index_dir=root, embedder=embedder, k=600)
    assert len(opens) == 2
    assert gone not in {r.id for r in after.results}
    assert len(after.results) == len(demo_profiles) - 1


def test_a_damaged_file_after_opening_is_caught_at_the_next_search(
    tmp_path: Path, demo_profiles: list[ActorProfile], embedder: FakeEmbedder, opens: list[Path]
) -> None:
    root = tmp_path / "index"
    build_index(root, demo_profiles, embedder)
    api.cast_search("boxer", index_dir=root, embedder=embedder, k=3)
    vectors = next(root.glob("gen-*/vectors.f16"))
    data = bytearray(vectors.read_bytes())
    data[100] ^= 0xFF
    vectors.write_bytes(bytes(data))
    with pytest.raises(CastingError, match="rebuild it with"):
        api.cast_search("boxer", index_dir=root, embedder=embedder, k=3)


def test_damage_written_in_place_with_its_times_put_back_is_caught(
    tmp_path: Path, demo_profiles: list[ActorProfile], embedder: FakeEmbedder, opens: list[Path]
) -> None:
    """Same size, inode and modification time (``cp -p`` over it, or a tool restoring times):
    only the change time moved."""
    root = tmp_path / "index"
    build_index(root, demo_profiles, embedder)
    api.cast_search("boxer", index_dir=root, embedder=embedder, k=3)
    time.sleep(0.05)  # past the kernel's coarse timestamp clock (a jiffy)
    vectors = next(root.glob("gen-*/vectors.f16"))
    before = vectors.stat()
    with vectors.open("r+b") as handle:
        handle.seek(100)
        byte = handle.read(1)[0]
        handle.seek(100)
        handle.write(bytes([byte ^ 0xFF]))
    os.utime(vectors, ns=(before.st_atime_ns, before.st_mtime_ns))
    with pytest.raises(CastingError, match="rebuild it with"):
        api.cast_search("boxer", index_dir=root, embedder=embedder, k=3)


@pytest.mark.parametrize("damage", [b"\x00" * 11, b"\xff\xfe"], ids=["zeroed", "not text"])
def test_a_damaged_current_after_opening_is_one_line_and_a_rebuild_mends_it(
    tmp_path: Path,
    demo_profiles: list[ActorProfile],
    embedder: FakeEmbedder,
    opens: list[Path],
    damage: bytes,
) -> None:
    root = tmp_path / "index"
    build_index(root, demo_profiles[:50], embedder)
    api.cast_search("boxer", index_dir=root, embedder=embedder, k=3)
    (root / "CURRENT").write_bytes(damage)  # a zero-filled file is what a lost write can leave
    with pytest.raises(CastingError, match=r"CURRENT does not name a generation; rebuild it with"):
        api.cast_search("boxer", index_dir=root, embedder=embedder, k=3)
    api.build_cast_index(ImportReport(source="x", profiles=demo_profiles), root, embedder=embedder)
    assert len(api.cast_search("actor", index_dir=root, embedder=embedder, k=600).results) == 600


def test_an_index_built_while_the_search_looks_is_searched(
    tmp_path: Path,
    demo_profiles: list[ActorProfile],
    embedder: FakeEmbedder,
    opens: list[Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another process's build lands between the look at the empty folder and the open."""
    root = tmp_path / "index"
    opening = CastingIndex.open

    def built_meanwhile(root: Path, **kwargs: Any) -> CastingIndex:
        if not (root / "CURRENT").exists():
            build_index(root, demo_profiles[:50], embedder)
        return opening(root, **kwargs)

    monkeypatch.setattr(CastingIndex, "open", built_meanwhile)
    assert len(api.cast_search("boxer", index_dir=root, embedder=embedder, k=3).results) == 3
    build_index(root, demo_profiles[:60], embedder)  # and the next search sees a change after it
    assert len(api.cast_search("boxer", index_dir=root, embedder=embedder, k=60).results) == 60


def test_a_rebuild_elsewhere_and_back_is_not_the_kept_index(
    tmp_path: Path, demo_profiles: list[ActorProfile], embedder: FakeEmbedder, opens: list[Path]
) -> None:
    root = tmp_path / "index"
    build_index(root, demo_profiles[:300], embedder)
    assert len(api.cast_search("actor", index_dir=root, embedder=embedder, k=600).results) == 300
    api.build_cast_index(ImportReport(source="x", profiles=demo_profiles), root, embedder=embedder)
    assert len(api.cast_search("actor", index_dir=root, embedder=embedder, k=600).results) == 600


def test_threads_take_turns_on_the_kept_index(
    tmp_path: Path,
    demo_profiles: list[ActorProfile],
    embedder: FakeEmbedder,
    opens: list[Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = tmp_path / "index"
    build_index(root, demo_profiles, embedder)
    api.cast_search("boxer", index_dir=root, embedder=embedder, k=3)
    errors: list[BaseException] = []
    inside, most = [0], [0]
    real_search = search_module.search

    def one_at_a_time(*args: Any, **kwargs: Any) -> Any:  # how many use the index at once
        inside[0] += 1
        most[0] = max(most[0], inside[0])
        time.sleep(0.02)  # a window for another thread to come in, were it let
        try:
            return real_search(*args, **kwargs)
        finally:
            inside[0] -= 1

    monkeypatch.setattr(search_module, "search", one_at_a_time)

    def search() -> None:  # the TUI searches on worker threads
        try:
            for _ in range(5):
                api.cast_search("horse rider", index_dir=root, embedder=embedder, k=3)
        except BaseException as exc:  # reported below
            errors.append(exc)

    workers = [threading.Thread(target=search) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert not errors
    assert most == [1]
    assert len(opens) == 1


class _Door:
    """A kept index's lock that holds the thread named ``waiter`` at its door until ``go``."""

    def __init__(self, lock: threading.Lock, waiter: str) -> None:
        self.lock, self.waiter = lock, waiter
        self.arrived, self.go = threading.Event(), threading.Event()

    def acquire(self) -> bool:
        if threading.current_thread().name == self.waiter:
            self.arrived.set()
            self.go.wait(timeout=30)
        return self.lock.acquire()

    def release(self) -> None:
        self.lock.release()

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *_exc: object) -> None:
        self.release()


def test_an_index_closed_while_a_thread_waits_for_it_is_opened_again(
    tmp_path: Path, demo_profiles: list[ActorProfile], embedder: FakeEmbedder, opens: list[Path]
) -> None:
    roots = [tmp_path / f"index{n}" for n in range(opened.KEEP + 1)]
    for root in roots:
        build_index(root, demo_profiles[:50], embedder)
    api.cast_search("boxer", index_dir=roots[0], embedder=embedder, k=3)
    kept = opened._kept[(roots[0].resolve(), embedder.cache_key)]
    door = _Door(kept.lock, "late")
    kept.lock = door  # type: ignore[assignment]
    errors: list[BaseException] = []

    def late() -> None:  # a TUI worker handed the kept index, not yet holding its lock
        try:
            api.cast_search("boxer", index_dir=roots[0], embedder=embedder, k=3)
        except BaseException as exc:  # reported below
            errors.append(exc)

    worker = threading.Thread(target=late, name="late")
    worker.start()
    assert door.arrived.wait(timeout=30)
    for root in roots[1:]:  # another thread's searches close the oldest kept index (KEEP)
        api.cast_search("boxer", index_dir=root, embedder=embedder, k=3)
    door.go.set()
    worker.join(timeout=60)
    assert not errors
