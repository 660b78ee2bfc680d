"""Opened casting indexes kept for the process, so that a session's searches share one.

Opening an index checks every file's SHA-256 (1.7 GB at 1M profiles) and loads the FAISS index,
and an open index keeps its last filters and their survivors' rows (``filter_cache.py``); when
every ``api.cast_search`` opened its own, all of that was paid again by each search of a TUI
session (a CLI command is one search in its own process: nothing to share). An index is kept
per (folder, embedder id) with a stamp of what is on disk:
the live generation's name (``CURRENT``) and each of its files' size, modification and change
time and inode. A generation never changes once written (a change writes a new one and moves
``CURRENT``), so a stamp that differs means the folder was changed, rebuilt or damaged: the
kept index is closed and the folder opened again with every check. Each kept index has a lock:
callers on different threads (the TUI's workers) take turns, since the SQLite connection and the
filter cache are not safe to use at once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from assistant.casting.catalog import CastingIndex
from assistant.casting.layout import POINTER, current_generation

KEEP = 2
"""Indexes kept open at once (the oldest used is closed first)."""

Stamp = tuple[str, tuple[tuple[str, int, int, int, int], ...]]


@dataclass
class _Kept:
    stamp: Stamp
    index: CastingIndex
    lock: threading.Lock = field(default_factory=threading.Lock)
    closed: bool = False

    def close(self) -> None:
        """Close once its user is done; a thread handed it before then sees ``closed``."""
        with self.lock:
            self.index.close()
            self.closed = True


_kept: dict[tuple[Path, str | None], _Kept] = {}
_guard = threading.Lock()


def stamp(root: Path) -> Stamp | None:
    """What identifies the live generation on disk, or None when ``root`` holds no index."""
    gen = current_generation(root)
    if gen is None or not gen.is_dir():
        return None
    files = []
    try:
        for path in sorted(p for p in gen.rglob("*") if p.is_file()):
            info = path.stat()
            # the change time too: a write in place whose modification time was put back
            # (``cp -p``, ``os.utime``) keeps size, mtime and inode, and cannot set it back
            times = info.st_mtime_ns, info.st_ctime_ns
            files.append((str(path.relative_to(gen)), info.st_size, *times, info.st_ino))
        pointer = (root / POINTER).stat()
    except FileNotFoundError:  # two changes pruned it while this looked: open the folder again
        return None
    return f"{gen.name}:{pointer.st_mtime_ns}", tuple(files)


@contextmanager
def shared_index(root: Path, *, model_id: str | None) -> Iterator[CastingIndex]:
    """The index in ``root``, opened once per process and reused while its files are unchanged.

    Raises:
        CastingError: as ``CastingIndex.open`` (no index, damaged, another embedder's).
    """
    while True:
        kept = _take(root, model_id)
        with kept.lock:
            # another thread may have closed it (changed on disk, or the oldest kept) between
            # _take handing it out and this lock: take it again
            if not kept.closed:
                yield kept.index
                return


def _take(root: Path, model_id: str | None) -> _Kept:
    key = (root.resolve(), model_id)
    with _guard:
        now = stamp(root)
        kept = _kept.pop(key, None)
        if kept is not None and (now is None or kept.stamp != now):
            kept.close()
            kept = None
        if kept is None:
            index = CastingIndex.open(root, model_id=model_id, shared=True)
            # None: an index landed between the look and the open; a stamp no folder matches
            # makes the next search look again
            kept = _Kept(now or ("", ()), index)
        _kept[key] = kept  # last used goes last
        while len(_kept) > KEEP:
            _kept.pop(next(iter(_kept))).close()
    return kept


def forget() -> None:
    """Close every kept index (tests; a process that is done with casting)."""
    with _guard:
        while _kept:
            _kept.pop(next(iter(_kept))).close()
