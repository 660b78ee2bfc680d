"""Writing files so that a failure never leaves a half-written one behind."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from assistant.errors import OutputWriteError


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
