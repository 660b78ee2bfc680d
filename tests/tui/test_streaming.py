"""Streamed answers in the chat: pieces shown as the model writes them, the final ``Answer``
replacing an ungrounded text, Escape stopping the model, and the partial answer in the session
database while it streams (what a kill mid-answer leaves)."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from textual.widgets import Markdown

from assistant.tui.screens.chat_screen import ChatScreen
from assistant.tui.sessions import SessionStore
from assistant.tui.widgets.turn import Turn
from tests.fakes import FakeTextModel
from tests.tui.pilots import opened, sync

QUESTION = "What does Mara keep under the counter?"
REPLY = "Mara keeps the diner keys and a thermos of coffee under the counter for Gus."


def _pause_at(model: FakeTextModel, piece: int) -> tuple[threading.Event, threading.Event]:
    """Make the model stop before piece ``piece`` until ``resume`` is set; ``reached`` says it
    got there (the pieces before it were written)."""
    reached, resume = threading.Event(), threading.Event()

    def on_piece(index: int) -> None:
        if index == piece:
            reached.set()
            resume.wait(10)

    model.on_piece = on_piece
    return reached, resume


async def _until(pilot, done, what: str) -> None:  # type: ignore[no-untyped-def]
    for _ in range(400):
        if done():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"timed out waiting for {what}")


def _shown(turn: Turn) -> str:
    return turn.query_one(Markdown).source


@sync
async def test_the_answer_is_shown_piece_by_piece_then_whole(make_app, fake_model) -> None:
    fake_model.enqueue([REPLY])
    reached, resume = _pause_at(fake_model, 5)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("f3", *QUESTION, "enter")
        await _until(pilot, reached.is_set, "the model to write five pieces")
        turn = app.screen.query(Turn).last()
        first_five = "".join(REPLY.split(" ")[i] + " " for i in range(5))
        await _until(pilot, lambda: _shown(turn) == first_five, "five pieces on screen")
        assert "writing" in str(turn.query_one(".path").render())
        resume.set()
        await app.workers.wait_for_complete()
        await _until(pilot, lambda: "path: generated" in str(turn.query_one(".path").render()),
                     "the final answer")  # fmt: skip
        assert _shown(turn).strip() == REPLY
        assert "replaced" not in str(turn.query_one(".path").render())


@sync
async def test_an_ungrounded_stream_is_replaced_by_the_extractive_answer(
    make_app, fake_model
) -> None:
    made_up = "Captain Morgan hid the keys there in 1987."
    fake_model.enqueue([made_up])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("f3", *QUESTION, "enter")
        await app.workers.wait_for_complete()
        turn = app.screen.query(Turn).last()
        note = lambda: str(turn.query_one(".path").render())  # noqa: E731
        await _until(pilot, lambda: "path: extractive" in note(), "the extractive answer")
        assert turn.streamed.strip() == made_up  # it was shown while it streamed
        assert "Morgan" not in _shown(turn).split("(")[0]
        assert "replaced the streamed text" in note() and "names 1987" in note()


@sync
async def test_escape_stops_the_model_and_keeps_the_partial_answer(
    make_app, fake_model, tmp_path: Path
) -> None:
    fake_model.enqueue([REPLY])
    reached, resume = _pause_at(fake_model, 4)
    sessions = tmp_path / "s"
    app = make_app(sessions=sessions)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("f3", *QUESTION, "enter")
        await _until(pilot, reached.is_set, "the model to write four pieces")
        turn = app.screen.query(Turn).last()
        await _until(pilot, lambda: bool(turn.streamed), "pieces on screen")
        assert isinstance(app.screen, ChatScreen)
        await pilot.press("escape")
        resume.set()
        await app.workers.wait_for_complete()
        await _until(pilot, lambda: "cancelled" in str(turn.query_one(".path").render()),
                     "the cancelled answer")  # fmt: skip
        # The piece the model was paused at had passed its cancel check; none after it came.
        assert _shown(turn).strip() == "Mara keeps the diner keys"
        hash_ = app.workspace.script_hash
    store = SessionStore(sessions)
    (session,) = store.sessions(hash_)
    (saved,) = store.turns(session.id)
    assert saved.answer == "Mara keeps the diner keys" and not saved.complete


@sync
async def test_a_session_killed_mid_answer_reopens_with_the_partial_answer(
    make_app, fake_model, tmp_path: Path
) -> None:
    fake_model.enqueue([REPLY])
    reached, resume = _pause_at(fake_model, 6)
    sessions = tmp_path / "s"
    app = make_app(sessions=sessions)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await opened(pilot)
            await pilot.press("f3", *QUESTION, "enter")
            await _until(pilot, reached.is_set, "the model to write six pieces")
            turn = app.screen.query(Turn).last()
            await _until(pilot, lambda: bool(turn.streamed), "pieces on screen")
            await asyncio.sleep(0.3)  # past PARTIAL_SAVE_SECONDS, then one more piece is saved
            # While the first app is frozen mid-answer, as a kill would leave the database:
            again = make_app(sessions=sessions)
            async with again.run_test(size=(120, 40)) as second:
                await opened(second)
                await second.press("f3")
                await second.pause()
                reopened = again.screen.query(Turn).last()
                assert reopened.question == QUESTION
                partial = _shown(reopened)
                assert partial and REPLY.startswith(partial.strip())
                assert "interrupted" in str(reopened.query_one(".path").render())
            resume.set()
            await app.workers.wait_for_complete()
    finally:
        resume.set()


@sync
async def test_the_session_database_is_written_off_the_ui_thread(
    make_app, fake_model, monkeypatch
) -> None:
    """A commit can wait seconds on a busy disk; none may hold up a frame."""
    import threading

    from assistant.tui import sessions

    writers: list[str] = []
    for name in ("__init__", "add_question", "write_partial", "finish", "latest_or_new"):
        real = getattr(sessions.SessionStore, name)

        def record(self, *args, _real=real, _name=name, **kwargs):  # type: ignore[no-untyped-def]
            writers.append(f"{_name}:{threading.current_thread() is threading.main_thread()}")
            return _real(self, *args, **kwargs)

        monkeypatch.setattr(sessions.SessionStore, name, record)
    fake_model.enqueue([REPLY])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        await pilot.press("f3", *QUESTION, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    called = {w.split(":")[0] for w in writers}
    assert {"__init__", "add_question", "write_partial", "finish"} <= called
    assert all(w.endswith(":False") for w in writers), writers
