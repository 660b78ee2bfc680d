"""``save_output``: the overwrite-safe write every api ``save_*`` and the TUI's export share."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path
from typing import Any

import pytest

from assistant.config import Settings
from assistant.errors import OutputWriteError, OverwriteRefusedError
from assistant.saving import save_output, written_files

OURS = b"what Slate wrote the first time\n"
THEIRS = b"a person's own notes\n"
NEW = b"what Slate writes now\n" * 1000


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(cache_dir=tmp_path / "cache")


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder / "notes.md"


def test_writes_and_records_so_a_rewrite_needs_no_force(out: Path, settings: Settings) -> None:
    save_output(out, OURS, inputs=[], settings=settings)
    assert out.read_bytes() == OURS and written_files(settings).wrote(out)
    save_output(out, NEW, inputs=[], settings=settings)
    assert out.read_bytes() == NEW and written_files(settings).wrote(out)


def test_refuses_an_input_or_a_file_slate_did_not_write_unless_forced(
    out: Path, settings: Settings
) -> None:
    out.write_bytes(THEIRS)
    for inputs in ([], [out]):
        with pytest.raises(OverwriteRefusedError):
            save_output(out, NEW, inputs=inputs, settings=settings)
        assert out.read_bytes() == THEIRS
    save_output(out, NEW, inputs=[out], settings=settings, force=True)
    assert out.read_bytes() == NEW and written_files(settings).wrote(out)


def test_the_callers_refusal_comes_after_the_overwrite_check_and_force_skips_it(
    out: Path, settings: Settings
) -> None:
    asked: list[str] = []

    def refuse() -> None:
        asked.append("asked")
        raise OverwriteRefusedError("the caller's own reason")

    out.write_bytes(THEIRS)
    with pytest.raises(OverwriteRefusedError, match="not a file Slate wrote"):
        save_output(out, NEW, inputs=[], settings=settings, also_refuse=refuse)
    assert asked == []  # the overwrite refusal came first
    out.unlink()
    with pytest.raises(OverwriteRefusedError, match="the caller's own reason"):
        save_output(out, NEW, inputs=[], settings=settings, also_refuse=refuse)
    assert not out.exists()
    save_output(out, NEW, inputs=[], settings=settings, force=True, also_refuse=refuse)
    assert asked == ["asked"] and out.read_bytes() == NEW


class _FullDisk(io.BufferedWriter):
    """A temp file that takes 4 KiB and then reports the disk full, as a real write would."""

    def write(self, data: Any) -> int:
        super().write(bytes(data)[:4096])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_leaves_the_old_file_the_record_and_no_temporary_file(
    out: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_output(out, OURS, inputs=[], settings=settings)
    record = written_files(settings).record.read_bytes()
    real_fdopen = os.fdopen

    def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if mode == "wb":
            return _FullDisk(io.FileIO(fd, "wb"))
        return real_fdopen(fd, mode, *args, **kwargs)

    monkeypatch.setattr(os, "fdopen", fdopen)
    with pytest.raises(OutputWriteError, match="No space left on device; nothing was written"):
        save_output(out, NEW, inputs=[], settings=settings)
    monkeypatch.undo()
    assert out.read_bytes() == OURS
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]
    assert written_files(settings).record.read_bytes() == record
    assert written_files(settings).wrote(out)


def test_a_record_that_cannot_be_saved_does_not_fail_the_write(out: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not_a_folder"
    blocker.write_bytes(b"")
    settings = Settings(cache_dir=blocker / "cache")
    save_output(out, OURS, inputs=[], settings=settings)
    assert out.read_bytes() == OURS
    out.write_bytes(THEIRS)  # never recorded, so never Slate's to replace
    with pytest.raises(OverwriteRefusedError):
        save_output(out, NEW, inputs=[], settings=settings)
