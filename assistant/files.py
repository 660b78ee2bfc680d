"""Writing files so that a failure never leaves a half-written one behind, and never replaces a
file that is not Slate's to replace."""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ValidationError

from assistant.errors import OutputWriteError, OverwriteRefusedError


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    Raises:
        OutputWriteError: the folder is missing or not writable, or the disk is full; the target
            file is then left exactly as it was.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        if not folder.is_dir():
            raise OutputWriteError(f"Cannot write {path}: folder {folder} does not exist")
        if path.is_dir():
            raise OutputWriteError(f"Cannot write {path}: it is a directory")
        mode = _mode_for(path)
    except (OSError, ValueError) as exc:  # a folder we may not look into; a NUL in the path
        raise OutputWriteError(f"Cannot write {path}: {_reason(exc)}; nothing was written") from exc
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            # mkstemp makes the file 0600; give it the replaced file's mode, or the umask's.
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        raise OutputWriteError(f"Cannot write {path}: {_reason(exc)}; nothing was written") from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _reason(exc: Exception) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


def _mode_for(path: Path) -> int:
    """Permission bits for the new file: those of the file it replaces, else 0666 minus umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _umask() -> int:
    try:  # Linux shows the umask without changing it
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # elsewhere, reading it means setting it for a moment
    os.umask(mask)
    return mask


# --- What Slate wrote ---------------------------------------------------------------------------

WRITTEN_FILES_NAME = "written_files.json"
"""The record's file name inside Slate's cache folder."""
MAX_RECORDED = 1000
"""Files the record remembers; the oldest are forgotten first (and then need ``force``)."""


class _WrittenFilesData(BaseModel):
    version: int = 1
    files: dict[str, str] = {}
    """Resolved path -> SHA-256 of the bytes Slate last wrote there, oldest first."""


class WrittenFiles:
    """The record of files Slate wrote, so that it may replace its own output without ``force``.

    A file counts as Slate's own output only while its bytes are exactly those Slate last wrote at
    that path: any edit since (by a person or another program), a file written before the record
    existed, or a record that was deleted or is unreadable makes it a file Slate did not write.
    Losing the record can only make Slate refuse more, never overwrite more.
    """

    def __init__(self, record: Path) -> None:
        self.record = record

    def wrote(self, target: Path) -> bool:
        """Whether ``target``'s current content is what Slate last wrote there."""
        expected = self._load().files.get(_key(target))
        if expected is None:
            return False
        try:
            return _digest(target.read_bytes()) == expected
        except OSError:
            return False

    def remember(self, target: Path, data: bytes) -> bool:
        """Record that ``data`` was written to ``target``; False if the record cannot be saved
        (the export stands; replacing it later then needs ``force``)."""
        loaded = self._load()
        key = _key(target)
        loaded.files.pop(key, None)
        loaded.files[key] = _digest(data)
        while len(loaded.files) > MAX_RECORDED:
            del loaded.files[next(iter(loaded.files))]
        try:
            self.record.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.record, loaded.model_dump_json().encode("utf-8"))
        except (OSError, OutputWriteError):
            return False
        return True

    def _load(self) -> _WrittenFilesData:
        try:
            return _WrittenFilesData.model_validate_json(self.record.read_bytes())
        except (OSError, ValidationError, ValueError):
            return _WrittenFilesData()


def check_replaceable(
    target: Path,
    data: bytes,
    *,
    inputs: Iterable[Path],
    written: WrittenFiles,
) -> None:
    """Refuse to replace a file that is not Slate's to replace (call unless the user forces it).

    Writing is allowed when ``target`` does not exist, is empty, already holds exactly ``data``,
    or holds exactly what Slate last wrote there (``written``). It is refused when ``target`` is
    one of ``inputs`` (the script being read), whatever it holds.

    Raises:
        OverwriteRefusedError: the message names the file and why.
    """
    try:
        info = target.stat()
    except (FileNotFoundError, NotADirectoryError):
        return
    except (OSError, ValueError):
        return  # write_atomic reports what is wrong with the path
    if not stat.S_ISREG(info.st_mode):
        return  # a folder or device: write_atomic refuses it with its own message
    for source in inputs:
        with contextlib.suppress(OSError, ValueError):
            if os.path.samefile(source, target):
                raise OverwriteRefusedError(
                    f"Not writing {target}: it is the script being read; choose another output "
                    "file, or force it (--force) to replace the script"
                )
    if info.st_size == 0:
        return
    try:
        current = target.read_bytes()
    except OSError as exc:
        raise OutputWriteError(
            f"Cannot write {target}: {_reason(exc)}; nothing was written"
        ) from exc
    if current == data or written.wrote(target):
        return
    raise OverwriteRefusedError(
        f"Not replacing {target}: it exists and is not a file Slate wrote (or it changed since); "
        "choose another output file, or force it (--force)"
    )


def _key(path: Path) -> str:
    return str(Path(os.path.abspath(path)).resolve())


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
