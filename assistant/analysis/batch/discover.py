"""Finding the scripts under the paths a batch is given, lazily (a 10,000-file folder is walked
as it goes, never listed whole)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Found:
    """A file the batch will analyse (``reason`` None) or lists as skipped with ``reason``."""

    path: Path
    reason: str | None = None


def discover(
    paths: Iterable[Path], suffixes: set[str], *, exclude: Path | None = None
) -> Iterator[Found]:
    """Every file under ``paths`` in a stable order (names sorted within each folder).

    A file is a candidate when its suffix (lower case) is one Slate reads; any other file is
    skipped with the reason. Hidden files and folders (``.git``) and the ``exclude`` folder (the
    batch's own output) are passed over silently. A path that does not exist is skipped too.
    """
    excluded = _resolved(exclude) if exclude is not None else None
    for path in paths:
        if not path.exists():
            yield Found(path, "no such file or folder")
        elif path.is_dir():
            yield from _walk(path, suffixes, excluded)
        else:
            yield _judge(path, suffixes)


def _walk(folder: Path, suffixes: set[str], excluded: Path | None) -> Iterator[Found]:
    if excluded is not None and _resolved(folder) == excluded:
        return
    try:
        with os.scandir(folder) as it:
            # A folder's names are read at once (sorted, so reruns meet files in the same order);
            # its files are judged and its subfolders walked one at a time.
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield Found(folder, f"cannot list the folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, suffixes, excluded)
        else:
            yield _judge(path, suffixes)


def _judge(path: Path, suffixes: set[str]) -> Found:
    suffix = path.suffix.lower()
    if suffix in suffixes:
        return Found(path)
    shown = suffix or "no suffix"
    return Found(path, f"not a script format Slate reads ({shown})")


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()
