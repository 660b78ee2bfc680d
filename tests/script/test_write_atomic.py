"""``write_atomic``: a failed write leaves the old file as it was, no temp file, one clear error."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.errors import OutputWriteError
from assistant.files import write_atomic

OLD = b"INT. OLD DRAFT - DAY\n\nThe version on disk before the write.\n"
NEW = b"INT. NEW DRAFT - NIGHT\n\n" + b"A much longer new version. " * 4000 + b"\n"


@pytest.fixture
def target(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "script.fountain"
    path.write_bytes(OLD)
    return path


def assert_untouched(path: Path) -> None:
    """The old content is still there and nothing else is in the folder (no temp file)."""
    assert path.read_bytes() == OLD
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_writes_and_replaces(target: Path) -> None:
    write_atomic(target, NEW)

    assert target.read_bytes() == NEW
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "fresh.fdx", NEW)
    finally:
        os.umask(old_umask)
    # mkstemp makes 0600 files; an exported script should be readable like any file the user makes.
    assert stat.S_IMODE((tmp_path / "fresh.fdx").stat().st_mode) == 0o644


def test_replaced_file_keeps_its_permissions(target: Path) -> None:
    target.chmod(0o640)
    write_atomic(target, NEW)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_missing_folder(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such" / "folder" / "script.fdx"

    with pytest.raises(OutputWriteError) as caught:
        write_atomic(path, NEW)

    assert caught.value.message == (f"Cannot write {path}: folder {path.parent} does not exist")
    assert not (tmp_path / "no").exists()


def test_target_is_a_directory(target: Path) -> None:
    folder = target.parent / "a_folder.fdx"
    folder.mkdir()
    (folder / "inside.txt").write_bytes(b"keep me")

    with pytest.raises(OutputWriteError) as caught:
        write_atomic(folder, NEW)

    assert caught.value.message == f"Cannot write {folder}: it is a directory"
    assert (folder / "inside.txt").read_bytes() == b"keep me"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a_folder.fdx", target.name]


class FullDiskFile:
    """Stands in for the temp file's handle: takes ``accepted`` bytes, then the disk is full."""

    def __init__(self, handle: Any, accepted: int) -> None:
        self.handle = handle
        self.accepted = accepted

    def __enter__(self) -> FullDiskFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> int:
        self.handle.write(data[: self.accepted])
        self.handle.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def flush(self) -> None:
        self.handle.flush()

    def fileno(self) -> int:
        return int(self.handle.fileno())


@pytest.mark.parametrize("accepted", [0, 1000], ids=["nothing-written", "half-written"])
def test_disk_full_while_writing(
    target: Path, monkeypatch: pytest.MonkeyPatch, accepted: int
) -> None:
    real_fdopen = os.fdopen
    monkeypatch.setattr(
        os, "fdopen", lambda fd, *a, **k: FullDiskFile(real_fdopen(fd, *a, **k), accepted)
    )

    with pytest.raises(OutputWriteError) as caught:
        write_atomic(target, NEW)

    assert caught.value.message == (
        f"Cannot write {target}: No space left on device; nothing was written"
    )
    assert_untouched(target)


def test_disk_full_when_syncing(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Filesystems with delayed allocation may only report a full disk when the data is flushed.
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)

    with pytest.raises(OutputWriteError, match=r"No space left on device; nothing was written$"):
        write_atomic(target, NEW)
    assert_untouched(target)


def test_rename_fails(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(os, "replace", refused)

    with pytest.raises(OutputWriteError, match=r"Permission denied; nothing was written$"):
        write_atomic(target, NEW)
    assert_untouched(target)


def test_folder_not_writable(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As root a chmod 555 folder stays writable, so the refusal is simulated where it happens.
    import tempfile

    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", refused)

    with pytest.raises(OutputWriteError) as caught:
        write_atomic(target, NEW)
    assert caught.value.message == f"Cannot write {target}: Permission denied; nothing was written"
    assert_untouched(target)


def test_interrupted_write_leaves_no_temp_file(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)

    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, NEW)
    assert_untouched(target)


@pytest.fixture
def tiny_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KB tmpfs; needs root (CAP_SYS_ADMIN) and skips this one test otherwise."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        reason = (result.stderr or result.stdout).strip() or f"exit {result.returncode}"
        pytest.skip(f"cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN): {reason}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=True)


def test_really_full_disk(tiny_tmpfs: Path) -> None:
    path = tiny_tmpfs / "script.fountain"
    path.write_bytes(OLD)
    too_big = b"x" * (256 * 1024)  # four times the filesystem

    with pytest.raises(OutputWriteError) as caught:
        write_atomic(path, too_big)

    assert caught.value.message == (
        f"Cannot write {path}: No space left on device; nothing was written"
    )
    assert_untouched(path)
    write_atomic(path, NEW[:8000])  # the space the failed write took is free again
    assert path.read_bytes() == NEW[:8000]


def test_path_with_a_nul_byte(tmp_path: Path) -> None:
    with pytest.raises(OutputWriteError, match=r"embedded null byte; nothing was written$"):
        write_atomic(tmp_path / "bad\x00name.fdx", NEW)
    assert list(tmp_path.iterdir()) == []
