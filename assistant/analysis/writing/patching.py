"""Putting a suggested scene into the file, backups, and undo.

A Fountain file is patched as text: only the lines of the scene replaced (or the place after the
scene continued) change, every other byte stays. Another format is rebuilt from the script model
with its own exporter. Applying backs the file up first (numbered backups ``draft.fountain.~1~``,
``~2~``... beside it or in a given folder), refuses a file changed since it was read (its SHA-256)
or one the user may not write, then replaces it atomically. ``undo`` restores the newest backup
and removes it, so undoing again steps further back.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from assistant.errors import (
    AnalysisError,
    FileChangedError,
    OutputWriteError,
    UnsupportedFormatError,
)
from assistant.files import write_atomic
from assistant.script.formats import exporter_named
from assistant.script.model import Scene, Screenplay

_BACKUP = re.compile(r"\.~(\d+)~$")


def _scene_text(scene: Scene) -> str:
    return exporter_named("fountain").write(Screenplay(scenes=[scene])).decode("utf-8").strip()


def patch_script(
    screenplay: Screenplay, data: bytes, index: int, new: Scene, *, insert: bool
) -> tuple[bytes, str]:
    """The file's bytes with ``new`` in place of scene ``index`` (after it when ``insert``), and
    the format they are in.

    Raises:
        AnalysisError: the file's format has no exporter to write the change back.
    """
    new = new.model_copy(deep=True)
    old = screenplay.scenes[index]
    if not insert and new.heading is not None and old.heading is not None:
        new.heading.scene_number = old.heading.scene_number  # the number stays the scene's
    fmt = screenplay.source.format
    starts = [s.start_line for s in screenplay.scenes]
    if fmt == "fountain" and all(line is not None for line in starts[index:]):
        text = data.decode(screenplay.source.encoding or "utf-8")
        lines = text.splitlines(keepends=True)
        begin = (starts[index] or 1) - 1
        end = (starts[index + 1] or 1) - 1 if index + 1 < len(starts) else len(lines)
        block = _scene_text(new) + "\n\n"
        if insert:
            if end == len(lines) and lines and not lines[-1].endswith("\n"):
                lines[-1] += "\n"
            lines[end:end] = ["\n" if end == len(lines) else "", block]
        else:
            lines[begin:end] = [block]
        patched = "".join(lines)
        if not text.endswith("\n\n"):
            patched = patched.rstrip("\n") + "\n"
        return patched.encode(screenplay.source.encoding or "utf-8"), fmt
    try:
        exporter = exporter_named(fmt)
    except UnsupportedFormatError as exc:
        raise AnalysisError(
            f"Slate cannot write {fmt} files back; write the suggestion to a patch (--out)"
        ) from exc
    scenes = list(screenplay.scenes)
    if insert:
        scenes.insert(index + 1, new)
    else:
        scenes[index] = new
    return exporter.write(screenplay.model_copy(update={"scenes": scenes})), fmt


def backups(path: Path, folder: Path | None = None) -> list[Path]:
    """The numbered backups of ``path``, oldest first."""
    where = folder or path.parent
    found = []
    for candidate in where.glob(f"{glob_escape(path.name)}.~*~"):
        match = _BACKUP.search(candidate.name)
        if match and candidate.name[: match.start()] == path.name:
            found.append((int(match.group(1)), candidate))
    return [p for _, p in sorted(found)]


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def _check_writable(path: Path) -> None:
    # The mode bits too: root may write any file, but a file marked read-only is the writer's
    # "do not touch", and replacing it by rename would ignore that.
    if not path.stat().st_mode & 0o222 or not os.access(path, os.W_OK):
        raise OutputWriteError(f"Cannot change {path}: the file is read-only; nothing was written")


def apply_patch(path: Path, digest_read: str, patched: bytes, folder: Path | None = None) -> Path:
    """Back ``path`` up, then replace it with ``patched``; returns the backup's path.

    Raises:
        FileChangedError: the file's bytes are not the ones read (``digest_read``).
        OutputWriteError: the file is read-only or cannot be written (nothing was changed).
    """
    from assistant.analysis.writing.suggest import digest

    try:
        current = path.read_bytes()
    except OSError as exc:
        raise OutputWriteError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    if digest(current) != digest_read:
        raise FileChangedError(
            f"Not changing {path}: it changed on disk since Slate read it; run the command again"
        )
    _check_writable(path)
    existing = backups(path, folder)
    number = int(_BACKUP.search(existing[-1].name).group(1)) + 1 if existing else 1  # type: ignore[union-attr]
    backup = (folder or path.parent) / f"{path.name}.~{number}~"
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    write_atomic(backup, current)
    write_atomic(path, patched)
    return backup


def undo(path: Path, folder: Path | None = None) -> Path:
    """Restore the newest backup of ``path`` and remove it; returns the backup restored.

    Raises:
        OutputWriteError: there is no backup, or the file cannot be written.
    """
    existing = backups(path, folder)
    if not existing:
        raise OutputWriteError(f"No backup of {path} to restore (backups are {path.name}.~N~)")
    if path.exists():
        _check_writable(path)
    latest = existing[-1]
    write_atomic(path, latest.read_bytes())
    latest.unlink()
    return latest
