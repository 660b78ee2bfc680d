"""``/rewrite``, ``/punchup``, ``/continue`` and ``/undo`` in the chat, and the review screen where
each hunk of the suggestion is accepted or rejected before anything is written."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from textual.widgets import Markdown, Static

from assistant import api
from assistant.analysis.writing.patching import backups
from assistant.script.formats import exporter_named
from assistant.script.model import Action, Dialogue, Screenplay, Speech
from assistant.tui.screens.suggestion_screen import HunkItem, SuggestionScreen
from assistant.tui.widgets.turn import Turn
from tests.fakes import FakeTextModel
from tests.tui.conftest import SAMPLE
from tests.tui.pilots import opened, sync

NEW_ACTION = "A brand new first paragraph."
NEW_LINE = "A brand new last line."


@pytest.fixture
def script(tmp_path: Path) -> Path:
    copy = tmp_path / "drafts" / "night.fountain"
    copy.parent.mkdir()
    copy.write_bytes(SAMPLE.read_bytes())
    return copy


def two_edit_reply(path: Path, *, action: bool = True) -> str:
    """A rewrite of scene 4 that rewords its first action (hunk 1; not when ``action`` is False)
    and its last speech (hunk 2), as Fountain, the way a model would answer."""
    screenplay = api.open_script(path)
    index = screenplay.scene_labels().index("4")
    scene = screenplay.scenes[index].model_copy(deep=True)
    actions = [k for k, e in enumerate(scene.elements) if isinstance(e, Action)]
    speeches = [k for k, e in enumerate(scene.elements) if isinstance(e, Dialogue)]
    if action:
        scene.elements[actions[0]] = Action(text=NEW_ACTION)
    last = scene.elements[speeches[-1]]
    assert isinstance(last, Dialogue)
    last.parts = [Speech(text=NEW_LINE)]
    return exporter_named("fountain").write(Screenplay(scenes=[scene])).decode()


def scene4(path: Path) -> tuple[list[str], str]:
    """Scene 4's action paragraphs and its last speech, as the file holds them."""
    screenplay = api.open_script(path)
    scene = screenplay.scenes[screenplay.scene_labels().index("4")]
    actions = [e.text for e in scene.elements if isinstance(e, Action)]
    return actions, scene.dialogues()[-1].speech_text


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def review(pilot, command: str = "/rewrite 4 tighten it") -> SuggestionScreen:  # type: ignore[no-untyped-def]
    """Run ``command`` in the chat and return the review screen it opens."""
    await opened(pilot)
    await pilot.press("f3", *command, "enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SuggestionScreen), _last_answer(pilot.app)
    return screen


def _last_answer(app) -> str:  # type: ignore[no-untyped-def]
    turns = app.screen.query(Turn)
    return turns.last().query_one(Markdown).source if turns else "(no turn)"


def status(screen: SuggestionScreen) -> str:
    return str(screen.query_one("#review-status", Static).render())


@sync
async def test_accepting_hunk_1_and_rejecting_hunk_2_writes_only_hunk_1(
    make_app, fake_model: FakeTextModel, script: Path, tmp_path: Path
) -> None:
    reply = two_edit_reply(script)
    fake_model.enqueue([reply])
    old_actions, old_line = scene4(script)
    app = make_app(path=script)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await review(pilot)
        assert [h.index for h in screen.review.hunks] == [0, 1]
        assert screen.accepted() == [0, 1]  # every hunk starts accepted
        await pilot.press("down", "space")  # the second hunk: rejected
        assert screen.accepted() == [0]
        await pilot.click("#apply")
        await settle(pilot)
        assert not isinstance(app.screen, SuggestionScreen)
        # The workspace read the new text: the reader and the scene list show it.
        ws = app.workspace
        reloaded = ws.screenplay.scenes[ws.labels.index("4")]
        assert any(isinstance(e, Action) and e.text == NEW_ACTION for e in reloaded.elements)
    actions, line = scene4(script)
    assert actions[0] == NEW_ACTION and actions[1:] == old_actions[1:]
    assert line == old_line  # hunk 2 rejected
    (backup,) = backups(script)
    assert backup.read_bytes() == SAMPLE.read_bytes()
    # Exactly what the api writes for hunk 0 alone, from the same reply on a second copy.
    other = tmp_path / "other" / "night.fountain"
    other.parent.mkdir()
    shutil.copyfile(SAMPLE, other)
    fake_model.enqueue([reply])
    suggestion = api.suggest_scene(other, "rewrite", "4", app.settings, instruction="x")
    api.apply_hunks(suggestion, [0])
    assert script.read_bytes() == other.read_bytes()


@sync
async def test_cancel_leaves_the_file_byte_identical(
    make_app, fake_model: FakeTextModel, script: Path
) -> None:
    fake_model.enqueue([two_edit_reply(script)])
    app = make_app(path=script)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await review(pilot)
        await pilot.press("r")
        assert screen.accepted() == []
        await pilot.click("#apply")  # nothing accepted: refused in the status line
        await settle(pilot)
        assert "No hunk is accepted" in status(screen)
        await pilot.press("a", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, SuggestionScreen)
    assert script.read_bytes() == SAMPLE.read_bytes()
    assert backups(script) == []


@sync
async def test_a_file_changed_on_disk_is_refused_with_the_message(
    make_app, fake_model: FakeTextModel, script: Path
) -> None:
    fake_model.enqueue([two_edit_reply(script)])
    app = make_app(path=script)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await review(pilot)
        edited = SAMPLE.read_bytes() + b"\nA late edit in another editor.\n"
        script.write_bytes(edited)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SuggestionScreen)  # still open, nothing written
        assert "changed on disk since Slate read it" in status(screen)
        assert "Traceback" not in status(screen)
    assert script.read_bytes() == edited
    assert backups(script) == []


@sync
async def test_undo_restores_the_script_and_reloads(
    make_app, fake_model: FakeTextModel, script: Path
) -> None:
    fake_model.enqueue([two_edit_reply(script)])
    app = make_app(path=script)
    async with app.run_test(size=(120, 40)) as pilot:
        await review(pilot)
        await pilot.press("enter")  # Enter on the first hunk: rejected; hunk 2 is kept
        await pilot.click("#apply")
        await settle(pilot)
        assert scene4(script)[1] == NEW_LINE
        await pilot.press(*"/undo", "enter")
        await settle(pilot)
        assert "Restored night.fountain" in _last_answer(app)
        ws = app.workspace
        assert ws.screenplay.scenes[ws.labels.index("4")].dialogues()[-1].speech_text != NEW_LINE
    assert script.read_bytes() == SAMPLE.read_bytes()
    assert backups(script) == []


@sync
async def test_unusable_model_output_and_bad_arguments_are_one_line(
    make_app, fake_model: FakeTextModel, script: Path
) -> None:
    fake_model.enqueue(["Sure! Here is a better scene.", "I cannot write screenplays."])
    app = make_app(path=script)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("f3", *"/rewrite 4 tighten it", "enter")
        await settle(pilot)
        failed = _last_answer(app)
        await pilot.press(*"/rewrite 4", "enter")
        await settle(pilot)
        usage = _last_answer(app)
        await pilot.press(*"/rewrite 99 shorter", "enter")
        await settle(pilot)
        missing = _last_answer(app)
        assert not isinstance(app.screen, SuggestionScreen)
    assert failed.startswith("**/rewrite failed**") and "\n" not in failed
    assert "Usage: /rewrite N INSTRUCTION" in usage
    assert "/rewrite failed" in missing and "Traceback" not in missing
    assert script.read_bytes() == SAMPLE.read_bytes()


@sync
async def test_continue_is_one_hunk_applied_after_the_scene(
    make_app, fake_model: FakeTextModel, script: Path
) -> None:
    fake_model.enqueue(["INT. LANTERN DINER - LATER\n\nThe jukebox dies.\n\nMARA\nFinally."])
    app = make_app(path=script)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await review(pilot, "/continue")
        assert len(screen.review.hunks) == 1 and screen.review.old_scene is None
        last = api.open_script(script).scene_labels()[-1]
        title = str(screen.query_one("#review-title", Static).render())
        assert title.startswith(f"Continuation after scene {last} by fake-text: 1 hunks")
        await pilot.click("#apply")
        await settle(pilot)
    assert api.open_script(script).scenes[-1].dialogues()[0].speech_text == "Finally."


@sync
async def test_escape_while_the_model_writes_drops_the_suggestion(
    make_app, fake_model: FakeTextModel, script: Path
) -> None:
    started, gate = threading.Event(), threading.Event()
    pieces: list[int] = []

    def hold(index: int) -> None:
        pieces.append(index)
        if index == 0:
            started.set()
            gate.wait(10)

    fake_model.enqueue([two_edit_reply(script)])
    fake_model.on_piece = hold
    app = make_app(path=script)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("f3", *"/rewrite 4 tighten it", "enter")
        for _ in range(500):
            if started.is_set():
                break
            await pilot.pause(0.01)
        await pilot.press("escape")
        gate.set()
        await settle(pilot)
        assert not isinstance(app.screen, SuggestionScreen)
        assert app.workspace.pending is None
        assert "Cancelled: the model was stopped" in _last_answer(app)
    assert script.read_bytes() == SAMPLE.read_bytes()
    assert pieces == [0]  # the model wrote no piece after Escape, and was not asked again


@sync
async def test_a_punch_up_hunk_is_toggled_with_the_mouse(
    make_app, fake_model: FakeTextModel, script: Path
) -> None:
    speaker = scene4_speaker(script)
    fake_model.enqueue([two_edit_reply(script, action=False)])
    app = make_app(path=script)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await review(pilot, f"/punchup {speaker} 4")
        (hunk,) = screen.review.hunks
        assert hunk.added[-1] == NEW_LINE
        item = screen.query(HunkItem).first()
        await pilot.click(item)
        assert screen.accepted() == []
        await pilot.click(item)
        assert screen.accepted() == [0]
        await pilot.click("#apply")
        await settle(pilot)
    assert scene4(script)[1] == NEW_LINE


def scene4_speaker(path: Path) -> str:
    screenplay = api.open_script(path)
    scene = screenplay.scenes[screenplay.scene_labels().index("4")]
    return scene.dialogues()[-1].cue.name


@sync
async def test_a_read_only_file_is_refused_in_one_line(
    make_app, fake_model: FakeTextModel, script: Path
) -> None:
    fake_model.enqueue([two_edit_reply(script)])
    app = make_app(path=script)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await review(pilot)
        script.chmod(0o444)
        try:
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, SuggestionScreen)
            assert "read-only" in status(screen) and "\n" not in status(screen)
        finally:
            script.chmod(0o644)
    assert script.read_bytes() == SAMPLE.read_bytes()


@sync
async def test_the_panes_follow_the_highlighted_hunk(
    make_app, fake_model: FakeTextModel, script: Path
) -> None:
    from textual.containers import VerticalScroll

    fake_model.enqueue([two_edit_reply(script)])
    app = make_app(path=script)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await review(pilot)
        old, new = (screen.query_one(p, VerticalScroll) for p in ("#review-old", "#review-new"))
        await pilot.press("down")  # hunk 2: the scene's last speech, far down both panes
        await pilot.pause()
        assert old.scroll_y > 5 and new.scroll_y > 2
        last_old, last_new = old.scroll_y, new.scroll_y
        await pilot.press("up")  # hunk 1: the first paragraph, just under the heading
        await pilot.pause()
        assert old.scroll_y < last_old and new.scroll_y < last_new and old.scroll_y <= 2
