"""Chat: a question answered with citations, a citation opening its scene, slash commands,
sessions that survive a kill, and the failures that must be messages, not tracebacks."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import Markdown

from assistant import api
from assistant.tui.screens.chat_screen import ChatScreen
from assistant.tui.screens.help_screen import ErrorDialog
from assistant.tui.screens.script_screen import ScriptScreen
from assistant.tui.sessions import DB_NAME, SCHEMA_VERSION, SessionStore
from assistant.tui.widgets.reader import Reader
from assistant.tui.widgets.turn import CitationButton, Turn
from tests.tui.pilots import opened, sync


async def _settle(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def _answer_text(turn: Turn) -> str:
    return turn.query_one(Markdown).source


@sync
async def test_question_from_the_script_screen_gets_a_cited_answer_that_opens_its_scene(
    make_app,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press(*"Which scenes is GUS in?", "enter")
        await _settle(app, pilot)
        assert isinstance(app.screen, ChatScreen)
        turn = app.screen.query(Turn).last()
        assert turn.question == "Which scenes is GUS in?"
        note = str(turn.query_one(".path").render())
        assert "path: tool" in note
        buttons = list(turn.query(CitationButton))
        ws = app.workspace
        expected = api.ask("Which scenes is GUS in?", ws.screenplay, ws.settings)
        gus = [s.index for s in expected.scenes]
        assert len(gus) > 1 and [b.scene_index for b in buttons] == gus
        assert _answer_text(turn) == expected.answer
        await pilot.click(f"#{buttons[-1].id}")
        await pilot.pause()
        assert isinstance(app.screen, ScriptScreen)
        assert app.screen.query_one(Reader).scene_index == gus[-1]


@sync
async def test_score_and_beats_commands_report_turning_points_and_beats(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press(*"/score", "enter")
        await _settle(app, pilot)
        score = _answer_text(app.screen.query(Turn).last())
        assert "Strength:" in score
        for name in ("Opportunity", "Climax"):
            assert name in score
        await pilot.press(*"/beats", "enter")
        await _settle(app, pilot)
        beats = _answer_text(app.screen.query(Turn).last())
        sheet = app.workspace.beats
        assert sheet is not None and sheet.beats
        assert all(beat.name in beats for beat in sheet.beats)


@sync
async def test_unknown_command_is_a_message(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press(*"/nope", "enter")
        await _settle(app, pilot)
        text = _answer_text(app.screen.query(Turn).last())
        assert "Unknown command /nope" in text and "/score" in text


@sync
async def test_a_question_killed_mid_answer_reopens_with_the_question(
    make_app, tmp_path: Path
) -> None:
    sessions = tmp_path / "s"
    app = make_app(sessions=sessions)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        ws = app.workspace
        # What the chat screen writes before the worker starts, then the app dies.
        turn_id = ws.store.add_question(ws.session.id, "Who is Mara?", ws.model_name)
        ws.store.write_partial(turn_id, "Mara is a waitress")
    again = make_app(sessions=sessions)
    async with again.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("f3")
        await pilot.pause()
        turn = again.screen.query(Turn).last()
        assert turn.question == "Who is Mara?"
        assert _answer_text(turn) == "Mara is a waitress"
        assert "interrupted" in str(turn.query_one(".path").render())


@sync
async def test_answered_question_is_saved_with_its_citations(make_app, tmp_path: Path) -> None:
    sessions = tmp_path / "s"
    app = make_app(sessions=sessions)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press(*"Which scenes is GUS in?", "enter")
        await _settle(app, pilot)
        hash_ = app.workspace.script_hash
    store = SessionStore(sessions)
    (session,) = store.sessions(hash_)
    (turn,) = store.turns(session.id)
    assert turn.complete and turn.path == "tool" and turn.citations
    assert turn.citations == [
        s.model_dump(mode="json")
        for s in app.workspace.asker().ask("Which scenes is GUS in?").scenes
    ]


def test_corrupt_database_is_moved_aside_with_a_notice(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"this is not sqlite" * 100)
    store = SessionStore(tmp_path)
    assert store.notice is not None and "moved to" in store.notice
    assert list(tmp_path.glob(f"{DB_NAME}.bad-*"))
    assert store.sessions("x") == []


def test_newer_database_is_moved_aside(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / DB_NAME)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    store = SessionStore(tmp_path)
    assert store.notice is not None and "newer Slate" in store.notice


@sync
async def test_a_script_that_fails_to_open_shows_a_dialog(make_app, tmp_path: Path) -> None:
    bad = tmp_path / "bad.fdx"
    bad.write_text("<FinalDraft><Content><Paragraph", encoding="utf-8")
    app = make_app(path=bad)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        assert isinstance(app.screen, ErrorDialog)
        assert "bad.fdx" in app.screen.heading
        await pilot.press("escape")
        await pilot.pause()
        assert app.workspace is None


@sync
async def test_sessions_rename_and_export_markdown(make_app, tmp_path: Path) -> None:
    app = make_app()
    out = tmp_path / "chat.md"
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press(*"Which scenes is GUS in?", "enter")
        await _settle(app, pilot)
        await pilot.press(*"/rename Gus notes", "enter")
        await pilot.press(*f"/export {out}", "enter")
        await _settle(app, pilot)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Gus notes")
    assert "## Which scenes is GUS in?" in text and "Path: tool" in text


@sync
async def test_export_never_replaces_the_script(make_app, tmp_path: Path) -> None:
    script = tmp_path / "mine.fountain"
    script.write_bytes(Path(make_app().path).read_bytes())
    app = make_app(path=script)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("f3", *f"/export {script}", "enter")
        await _settle(app, pilot)
        assert "Not exported" in _answer_text(app.screen.query(Turn).last())
    assert script.read_bytes() == Path(make_app().path).read_bytes()


@sync
async def test_shots_command_lists_the_planned_shots_of_a_scene(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press(*"/shots 2", "enter")
        await _settle(app, pilot)
        text = _answer_text(app.screen.query(Turn).last())
        plan = api.shot_list(app.workspace.screenplay, scene="2")
        assert plan.scenes[0].shots
        assert all(shot.number in text for shot in plan.scenes[0].shots)


@sync
async def test_cast_command_without_an_index_says_how_to_build_one(
    make_app, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the default index/ folder does not exist here
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press(*"/cast", "enter")
        await _settle(app, pilot)
        # /cast opens the Casting screen (which uses the demo roster); the chat says why.
        assert type(app.screen).__name__ == "CastingScreen"
        await pilot.press("f3")
        await pilot.pause()
        text = _answer_text(app.screen.query(Turn).last())
        assert "slate cast index build" in text
