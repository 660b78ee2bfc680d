"""Every ``save_*`` of ``assistant.api`` keeps the same overwrite safety: it writes and records
its own output, refuses a file Slate did not write unless forced, and a write that fails (a full
disk) leaves the old file as it was, with no temporary file beside it."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant import api
from assistant.errors import OutputWriteError, OverwriteRefusedError
from assistant.files import WRITTEN_FILES_NAME, WrittenFiles

OLD = "INT. KITCHEN - DAY\n\nMara waits, still.\n\nMARA\nHello?\n\nEXT. ROAD - NIGHT\n\nCar.\n"
NEW = "INT. KITCHEN - DAY\n\nMara waits by the door.\n\nMARA\nHello?\n"
THEIRS = b"a file a person wrote, not Slate\n"

Save = Callable[[Path, bool], object]
"""Write the case's output to the file given, forced or not (what it returns is not looked at)."""


def _export(folder: Path) -> tuple[str, Save]:
    script = api.open_script(folder / "old.fountain")
    return "out.fdx", lambda out, force: api.save_export(script, "fdx", out, force=force)


def _breakdown_html(folder: Path) -> tuple[str, Save]:
    script = api.open_script(folder / "old.fountain")
    report = api.breakdown(script)
    return "out.html", lambda out, force: api.save_breakdown_html(report, script, out, force=force)


def _compare_html(folder: Path) -> tuple[str, Save]:
    old, new = api.open_script(folder / "old.fountain"), api.open_script(folder / "new.fountain")
    report = api.compare_drafts(old, new)
    return "out.html", lambda out, force: api.save_compare_html(report, old, new, out, force=force)


def _revision(folder: Path) -> tuple[str, Save]:
    old, new = api.open_script(folder / "old.fountain"), api.open_script(folder / "new.fountain")
    revision = api.revise_drafts(old, new, "blue")
    return "out.fountain", lambda out, force: api.save_revision(
        revision, "fountain", out, inputs=[folder / "old.fountain"], force=force
    )


def _schedule_export(folder: Path) -> tuple[str, Save]:
    report = api.schedule(api.open_script(folder / "old.fountain"), time_limit=5, workers=1)
    return "out.json", lambda out, force: api.save_schedule_export(
        report, "json", out, inputs=[folder / "old.fountain"], force=force
    )


def _suggestion_patch(folder: Path) -> tuple[str, Save]:
    from assistant.analysis.writing.suggest import Suggestion

    script = api.open_script(folder / "old.fountain")
    suggestion = Suggestion(
        kind="rewrite", path=str(folder / "old.fountain"), source_digest="0" * 64, scene_index=0,
        scene_fountain=NEW, patched=NEW.encode(), patched_format="fountain",
        diff=api.compare_drafts(script, script), prompt_ref="test", model_id="test", attempts=1,
    )  # fmt: skip
    return "out.patch", lambda out, force: api.save_suggestion_patch(suggestion, out, force=force)


def _post_export(folder: Path) -> tuple[str, Save]:
    from assistant.post.exporters import PostPackage

    package = PostPackage(title="Save paths", clips=[])
    return "out.otio", lambda out, force: api.save_post_export(
        package, "otio", out.parent, stem=out.stem, force=force
    )


def _normalized(folder: Path) -> tuple[str, Save]:
    import numpy as np
    import soundfile

    wave = 0.1 * np.sin(2 * np.pi * 1000 * np.arange(48000) / 48000)
    soundfile.write(str(folder / "in.wav"), np.stack([wave, wave], axis=1), 48000, subtype="FLOAT")
    return "out.wav", lambda out, force: api.save_normalized(
        folder / "in.wav", "ebu-r128", out, force=force
    )


CASES = [_export, _breakdown_html, _compare_html, _revision, _schedule_export, _suggestion_patch,
         _post_export, _normalized]  # fmt: skip


@pytest.fixture(params=CASES, ids=lambda case: case.__name__.strip("_"))
def case(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Save, WrittenFiles]:
    """The output file a save function writes (in a folder of its own), the call, the record."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("SLATE_CACHE_DIR", str(cache))
    (tmp_path / "old.fountain").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.fountain").write_text(NEW, encoding="utf-8")
    name, save = request.param(tmp_path)
    out = tmp_path / "out" / name
    out.parent.mkdir()
    return out, save, WrittenFiles(cache / WRITTEN_FILES_NAME)


def test_writes_and_remembers_its_own_output(case: tuple[Path, Save, WrittenFiles]) -> None:
    out, save, written = case
    save(out, False)
    assert out.stat().st_size > 0
    assert written.wrote(out)
    save(out, False)  # Slate's own output, unchanged since: replaced without force
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]


def test_a_file_slate_did_not_write_is_refused_unless_forced(
    case: tuple[Path, Save, WrittenFiles],
) -> None:
    out, save, written = case
    out.write_bytes(THEIRS)
    with pytest.raises(OverwriteRefusedError):
        save(out, False)
    assert out.read_bytes() == THEIRS
    save(out, True)
    assert out.read_bytes() != THEIRS
    assert written.wrote(out)


def test_a_full_disk_leaves_the_old_file_and_no_temporary_file(
    case: tuple[Path, Save, WrittenFiles], monkeypatch: pytest.MonkeyPatch
) -> None:
    out, save, _ = case
    save(out, False)
    before = out.read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OutputWriteError, match="No space left on device"):
        save(out, True)
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]
