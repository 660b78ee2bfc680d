"""Readers' leases on index generations, so that a generation an open index reads is never
removed under it.

An open index reads some of its generation's files long after the open: BM25 (``bm25/``) on its
first text search. Each change removes the generations before the last two (generations.Generation's
prune), so two changes landing in between removed the folder that search was about to read.
A reader now holds a shared ``flock`` on its generation's folder from the open to the close
(released too if the process dies), and a writer removes only the old generations it can lock
exclusively at once; a leased one stays for a later change's prune. POSIX, as the writers'
``.write-lock`` (writing.one_writer).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from pathlib import Path

from assistant.casting.layout import live_generation
from assistant.errors import CastingError

ATTEMPTS = 20
"""Reads of ``CURRENT`` an open makes before giving up: each further one means two more changes
landed between reading the pointer and leasing the folder it named."""


def lease_live(root: Path) -> tuple[Path, int]:
    """The live generation's folder and a lease on it (a descriptor for ``release``).

    Raises:
        CastingError: no index in ``root`` (or a damaged ``CURRENT``), or the index changed
            ``ATTEMPTS`` times while it was being opened.
    """
    for _ in range(ATTEMPTS):
        gen = live_generation(root)
        fd = lease(gen)
        if fd is not None:
            return gen, fd
    raise CastingError(f"The casting index in {root} changed while it was being opened; try again")


def lease(gen: Path) -> int | None:
    """A shared lock on the folder ``gen``, or None when it is gone (pruned since ``CURRENT``
    named it; or not a folder, which the header checks then report)."""
    try:
        fd = os.open(gen, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)  # (waits out a prune that is removing it)
        if os.stat(gen).st_ino == os.fstat(fd).st_ino:
            return fd
    except OSError:  # removed while this waited: the lock is on a folder no longer there
        pass
    os.close(fd)
    return None


def release(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.close(fd)  # (closing the last descriptor drops the lock)


def remove_unleased(folder: Path) -> bool:
    """Remove the folder of an old generation unless a reader holds a lease on it."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # (BlockingIOError: a reader holds it)
            return False
        shutil.rmtree(folder)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)
