"""Accepting a suggestion hunk by hunk (``api.suggestion_hunks``, ``api.apply_hunks``)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from assistant import api
from assistant.analysis.writing.suggest import Suggestion, scene_index, suggest
from assistant.errors import AnalysisError, FileChangedError
from assistant.script.formats import exporter_named
from assistant.script.model import Action, Dialogue, Screenplay, Speech
from assistant.script.reading import read_script
from tests.fakes import FakeTextModel


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    sample = Path(str(resources.files("assistant") / "samples" / "night_shift.fountain"))
    path = tmp_path / "draft.fountain"
    path.write_bytes(sample.read_bytes())
    return path


def _two_edits(draft: Path) -> tuple[Screenplay, int, Suggestion]:
    """A rewrite of scene 4 that rewords its first action and its last speech."""
    screenplay = read_script(draft)
    index = scene_index(screenplay, "4")
    scene = screenplay.scenes[index].model_copy(deep=True)
    actions = [k for k, e in enumerate(scene.elements) if isinstance(e, Action)]
    speeches = [k for k, e in enumerate(scene.elements) if isinstance(e, Dialogue)]
    assert actions and speeches and actions[0] < speeches[-1] - 1
    scene.elements[actions[0]] = Action(text="A brand new first paragraph.")
    last = scene.elements[speeches[-1]]
    assert isinstance(last, Dialogue)
    last.parts = [Speech(text="A brand new last line.")]
    reply = exporter_named("fountain").write(Screenplay(scenes=[scene])).decode()
    model = FakeTextModel()
    model.enqueue([reply])
    data = draft.read_bytes()
    return screenplay, index, suggest(model, screenplay, data, "rewrite", index, instruction="x")


def test_each_edit_is_a_hunk_and_only_the_accepted_ones_are_applied(draft: Path) -> None:
    before, index, suggestion = _two_edits(draft)
    hunks = api.suggestion_hunks(suggestion)
    assert [h.index for h in hunks] == [0, 1]
    assert hunks[0].added == ["A brand new first paragraph."]
    assert hunks[1].added[-1] == "A brand new last line."
    backup = api.apply_hunks(suggestion, [1])
    assert backup.read_bytes() != draft.read_bytes()
    after = read_script(draft)
    old_scene, new_scene = before.scenes[index], after.scenes[index]
    texts = [e.text for e in new_scene.elements if isinstance(e, Action)]
    assert "A brand new first paragraph." not in texts  # hunk 0 rejected: the old paragraph
    assert texts[0] == next(e.text for e in old_scene.elements if isinstance(e, Action))
    assert new_scene.dialogues()[-1].speech_text == "A brand new last line."
    assert [s.heading for s in after.scenes] == [s.heading for s in before.scenes]
    others = [s.elements for k, s in enumerate(after.scenes) if k != index]
    assert others == [s.elements for k, s in enumerate(before.scenes) if k != index]


def test_no_hunk_an_unknown_hunk_and_a_changed_file_are_refused(draft: Path) -> None:
    _, _, suggestion = _two_edits(draft)
    original = draft.read_bytes()
    with pytest.raises(AnalysisError, match="No hunk"):
        api.apply_hunks(suggestion, [])
    with pytest.raises(AnalysisError, match="not 5"):
        api.apply_hunks(suggestion, [0, 5])
    assert draft.read_bytes() == original
    draft.write_bytes(original + b"\nA late edit.\n")
    with pytest.raises(FileChangedError):
        api.apply_hunks(suggestion, [0])
    assert draft.read_bytes() == original + b"\nA late edit.\n"


def test_a_continued_scene_is_one_hunk(draft: Path) -> None:
    screenplay = read_script(draft)
    model = FakeTextModel()
    model.enqueue(["INT. LANTERN DINER - LATER\n\nThe jukebox dies.\n\nMARA\nFinally."])
    last = len(screenplay.scenes) - 1
    suggestion = suggest(model, screenplay, draft.read_bytes(), "continue", last)
    (hunk,) = api.suggestion_hunks(suggestion)
    assert hunk.added[0] == "INT. LANTERN DINER - LATER" and hunk.removed == []
    api.apply_hunks(suggestion, [0])
    assert read_script(draft).scenes[-1].dialogues()[0].speech_text == "Finally."
