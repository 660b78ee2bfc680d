"""Drafting with a model: replies are read, checked, retried once; patches, backups, undo."""

from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path

import pytest

from assistant.analysis.writing.patching import apply_patch, backups, undo
from assistant.analysis.writing.suggest import digest, scene_index, suggest
from assistant.errors import (
    AnalysisError,
    FileChangedError,
    ModelOutputError,
    OutputWriteError,
    SceneNotFoundError,
    SuggestionCancelledError,
)
from assistant.script.model import Screenplay
from assistant.script.reading import read_script
from tests.fakes import FakeTextModel


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    sample = Path(str(resources.files("assistant") / "samples" / "night_shift.fountain"))
    path = tmp_path / "draft.fountain"
    path.write_bytes(sample.read_bytes())
    return path


def _scene4(screenplay: Screenplay) -> tuple[int, str]:
    index = scene_index(screenplay, "4")
    heading = screenplay.scenes[index].heading
    assert heading is not None
    return index, heading.text


def test_a_rewrite_replaces_only_that_scene(draft: Path) -> None:
    screenplay, data = read_script(draft), draft.read_bytes()
    index, heading = _scene4(screenplay)
    model = FakeTextModel()
    model.enqueue([f"```fountain\n{heading}\n\nMara stares at the phone.\n\nMARA\nRing.\n```"])
    suggestion = suggest(model, screenplay, data, "rewrite", index, instruction="shorter")
    assert suggestion.attempts == 1 and suggestion.prompt_ref == "rewrite.v1"
    assert [(c.kind, c.old_index, c.new_index) for c in suggestion.diff.changes] == [
        ("changed", index, index)
    ]
    # Every line outside the scene is byte for byte the same.
    old, new = data.decode().splitlines(), suggestion.patched.decode().splitlines()
    start = screenplay.scenes[index].start_line
    end = screenplay.scenes[index + 1].start_line
    assert start is not None and end is not None
    assert new[: start - 1] == old[: start - 1]
    tail = len(old) - (end - 1)
    assert new[-tail:] == old[-tail:]
    assert "Ring." in new and "The scene to rewrite:" in model.history[0].messages[-1].content


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("Sure, here is a better scene!", "scene heading"),
        ("{heading}\n\nMara waits.\n\nMARLA\nHi.", "MARLA"),
        ("EXT. SOMEWHERE ELSE - DAY\n\nMara waits.", "heading"),
        ("{heading}\n\nMara waits.\n\nINT. ANOTHER - DAY\n\nMore.", "2 scenes"),
    ],
)
def test_a_bad_reply_is_retried_once_with_the_reason(draft: Path, bad: str, reason: str) -> None:
    screenplay, data = read_script(draft), draft.read_bytes()
    index, heading = _scene4(screenplay)
    model = FakeTextModel()
    good = f"{heading}\n\nMara waits.\n\nMARA\nFine."
    model.enqueue([bad.format(heading=heading), good])
    suggestion = suggest(model, screenplay, data, "rewrite", index, instruction="x")
    assert suggestion.attempts == 2
    assert reason in model.history[1].messages[-1].content
    model.enqueue([bad.format(heading=heading)] * 2)
    with pytest.raises(ModelOutputError, match="after 2 tries"):
        suggest(model, screenplay, data, "rewrite", index, instruction="x")


def test_punch_up_may_change_only_the_characters_lines(draft: Path) -> None:
    screenplay, data = read_script(draft), draft.read_bytes()
    index, _ = _scene4(screenplay)
    scene = screenplay.scenes[index]
    from assistant.analysis.writing.suggest import _fountain

    text = _fountain([scene])
    gus = next(d for d in scene.dialogues() if d.cue.name == "GUS")
    mara = next(d for d in scene.dialogues() if d.cue.name == "MARA")
    model = FakeTextModel()
    model.enqueue([text.replace(gus.parts[-1].text, "Something else.")])
    model.enqueue([text.replace(mara.parts[-1].text, "Sharper, now.")])
    suggestion = suggest(model, screenplay, data, "punch_up", index, character="mara")
    assert suggestion.attempts == 2
    assert "not MARA's" in model.history[1].messages[-1].content
    assert b"Sharper, now." in suggestion.patched
    with pytest.raises(AnalysisError, match="does not speak"):
        suggest(model, screenplay, data, "punch_up", index, character="DELL")


def test_continue_inserts_a_new_scene_after(draft: Path) -> None:
    screenplay, data = read_script(draft), draft.read_bytes()
    index, _ = _scene4(screenplay)
    model = FakeTextModel()
    model.enqueue(["EXT. ROOF - NIGHT\n\nMara climbs out.\n\nMARA\nAir."])
    suggestion = suggest(model, screenplay, data, "continue", index)
    assert [(c.kind, c.new_index) for c in suggestion.diff.changes] == [("added", index + 1)]


def test_bad_scene_number_and_empty_instruction(draft: Path) -> None:
    screenplay = read_script(draft)
    with pytest.raises(SceneNotFoundError, match="no scene 99"):
        scene_index(screenplay, "99")
    with pytest.raises(AnalysisError, match="empty"):
        suggest(FakeTextModel(), screenplay, draft.read_bytes(), "rewrite", 2, instruction=" ")


def test_apply_backs_up_and_undo_restores(draft: Path) -> None:
    original = draft.read_bytes()
    backup = apply_patch(draft, digest(original), b"one\n")
    assert backup.name == "draft.fountain.~1~" and backup.read_bytes() == original
    second = apply_patch(draft, digest(b"one\n"), b"two\n")
    assert second.name == "draft.fountain.~2~"
    assert undo(draft) == second and draft.read_bytes() == b"one\n"
    assert undo(draft) == backup and draft.read_bytes() == original
    assert backups(draft) == []
    with pytest.raises(OutputWriteError, match="No backup"):
        undo(draft)


def test_apply_refuses_a_changed_file_and_a_read_only_one(draft: Path) -> None:
    read_digest = digest(draft.read_bytes())
    draft.write_bytes(draft.read_bytes() + b"\nEdited elsewhere.\n")
    changed = draft.read_bytes()
    with pytest.raises(FileChangedError, match="changed on disk"):
        apply_patch(draft, read_digest, b"patched\n")
    assert draft.read_bytes() == changed and backups(draft) == []
    draft.chmod(0o444)
    try:
        with pytest.raises(OutputWriteError, match="read-only"):
            apply_patch(draft, digest(changed), b"patched\n")
        assert draft.read_bytes() == changed and backups(draft) == []
    finally:
        draft.chmod(0o644)


def test_backups_can_live_in_a_folder(draft: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    backup = apply_patch(draft, digest(draft.read_bytes()), b"x\n", folder)
    assert backup.parent == folder
    undo(draft, folder)
    assert not backup.exists()


def test_cancel_stops_the_model_and_asks_no_retry(draft: Path) -> None:
    screenplay, data = read_script(draft), draft.read_bytes()
    index, heading = _scene4(screenplay)
    model = FakeTextModel()
    model.enqueue([f"{heading}\n\nMara stares at the phone for a long time.", "unused"])
    cancel = threading.Event()
    model.on_piece = lambda piece: cancel.set() if piece == 2 else None
    with pytest.raises(SuggestionCancelledError, match="nothing was changed"):
        suggest(model, screenplay, data, "rewrite", index, instruction="x", cancel=cancel)
    assert len(model.history) == 1  # no second try after a cancel
    assert draft.read_bytes() == data
