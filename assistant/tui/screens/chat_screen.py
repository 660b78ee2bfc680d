"""The chat screen: questions answered by the Asker, slash commands, and session commands.

Every model call runs in a thread worker calling the workspace (so ``assistant.api``); the worker
posts ``AnswerPiece`` for each streamed piece (``api.ask_stream``), then ``AnswerReceived`` (the
authoritative ``Answer``) or ``AnswerFailed``, and ``CommandFinished`` for a command; the handlers,
on the UI thread, update the log and the session database (partial answers included, so a kill
mid-answer loses at most the last ``PARTIAL_SAVE_SECONDS``).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from assistant.errors import SlateError
from assistant.saving import save_output
from assistant.tui.commands import COMMANDS, parse_slash
from assistant.tui.intents import route_intent
from assistant.tui.sessions import session_markdown
from assistant.tui.widgets.turn import Turn

if TYPE_CHECKING:
    from assistant.analysis.ask.answers import Answer
    from assistant.tui.app import SlateApp
    from assistant.tui.sessions import Turn as StoredTurn

PARTIAL_SAVE_SECONDS = 0.25
"""How often a streaming answer's text is written to the session database (the first piece at
once): a write per token would cost a transaction per token."""


def answer_note(answer: Answer) -> str:
    """The path line under an answer: how it was reached."""
    parts = [f"path: {answer.path}"]
    if answer.tool:
        parts.append(f"tool: {answer.tool}")
    if answer.abstained:
        parts.append("abstained: nothing in the script supports an answer")
    if answer.reason:
        parts.append(answer.reason)
    return "  ·  ".join(parts)


def _is_post_format(arg: str) -> bool:
    """``/export otio``: a post exporter's name (else ``/export FILE`` saves the session)."""
    from assistant import api

    first = arg.strip().partition(" ")[0].lower()
    return first in {name.lower() for name in api.post_exporters().exporters}


class ChatScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    @dataclass
    class AnswerPiece(Message):
        turn: Turn
        turn_id: int | None
        text: str

    @dataclass
    class AnswerReceived(Message):
        turn: Turn
        turn_id: int | None
        answer: Answer

    @dataclass
    class AnswerFailed(Message):
        turn: Turn
        turn_id: int | None
        error: str

    @dataclass
    class CommandFinished(Message):
        turn: Turn
        output: str
        opens: str | None
        shows: str | None = None
        argument: str = ""

    def __init__(self) -> None:
        super().__init__()
        self.cancel_event = threading.Event()
        self.ready = False

    @property
    def slate(self) -> SlateApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        yield VerticalScroll(id="log")
        yield Input(placeholder="Ask about the script, or /help", id="chat-input")
        yield Footer()

    async def on_mount(self) -> None:
        ws = self.slate.workspace
        if ws is not None and ws.session is not None:
            self.sub_title = f"session: {ws.session.title}"
            await self._show_turns(ws.session.turns)
        self.query_one("#chat-input", Input).focus()
        self.ready = True
        await self.submit_pending()

    async def submit_pending(self) -> None:
        """Submit what other screens sent (``SlateApp.send_to_chat``), in order."""
        while self.slate.pending_chat:
            await self.submit(self.slate.pending_chat.pop(0))

    async def _show_turns(self, turns: list[StoredTurn]) -> None:
        log = self.query_one("#log", VerticalScroll)
        await log.remove_children()
        for stored in turns:
            note = f"path: {stored.path}" if stored.complete else "interrupted: partial answer"
            turn = Turn(stored.question)
            await log.mount(turn)
            cites = [(int(str(c["index"])), str(c["label"]), str(c["heading"]))
                     for c in stored.citations]  # fmt: skip
            await turn.set_answer(stored.answer or "_(no answer arrived)_", note, cites)
        log.scroll_end(animate=False)

    @on(Input.Submitted, "#chat-input")
    async def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        event.input.value = ""
        if text:
            await self.submit(text)

    async def submit(self, text: str) -> None:
        """Ask a question or run a command; the work happens in a worker."""
        log = self.query_one("#log", VerticalScroll)
        turn = Turn(text)
        await log.mount(turn)
        log.scroll_end(animate=False)
        if await self._session_command(text, turn):
            return
        routed = route_intent(text, set(COMMANDS))
        try:
            parsed = parse_slash(routed or text)
        except SlateError as error:
            await turn.set_answer(str(error), "")
            return
        if parsed is not None:
            command, arg = parsed
            if routed is not None:
                turn.note_text = f"read as {routed}"
                turn.query_one(".path", Static).update(turn.note_text)
            self.run_command(turn, command.name, arg)
            return
        self.cancel_event = threading.Event()
        self.ask(turn, text)

    @work(thread=True, exclusive=True, group="chat")
    def ask(self, turn: Turn, question: str) -> None:
        """Stream the answer: each piece and then the final ``Answer`` posted to the UI thread.

        The session database is written from here, never from the UI thread (a slow disk must
        not hold up a frame): the question before it is asked, the partial text every
        ``PARTIAL_SAVE_SECONDS``, then the answer (a cancelled one stays marked interrupted)."""
        from assistant.analysis.ask.answers import AnswerDelta

        ws = self.slate.workspace
        assert ws is not None
        store, session = ws.store, ws.session
        turn_id = None
        if store is not None and session is not None:
            turn_id = store.add_question(session.id, question, ws.model_name)
        streamed, saved_at = "", 0.0
        try:
            for event in ws.ask_stream(question, self.cancel_event):
                if isinstance(event, AnswerDelta):
                    self.post_message(self.AnswerPiece(turn, turn_id, event.text))
                    streamed += event.text
                    if turn_id is not None and time.monotonic() - saved_at >= PARTIAL_SAVE_SECONDS:
                        store.write_partial(turn_id, streamed)  # type: ignore[union-attr]
                        saved_at = time.monotonic()
                    continue
                if turn_id is not None:
                    self._save(turn_id, event)
                self.post_message(self.AnswerReceived(turn, turn_id, event))
        except SlateError as error:
            self.post_message(self.AnswerFailed(turn, turn_id, str(error)))

    def _save(self, turn_id: int, answer: Answer) -> None:
        ws = self.slate.workspace
        assert ws is not None and ws.store is not None
        if answer.path == "generated" and (answer.reason or "").startswith("cancelled"):
            ws.store.write_partial(turn_id, answer.answer)  # reopens as interrupted
            return
        citations = [s.model_dump(mode="json") for s in answer.scenes]
        ws.store.finish(turn_id, answer.answer, answer.path, citations)

    @work(thread=True, exclusive=True, group="command")
    def run_command(self, turn: Turn, name: str, arg: str) -> None:
        command = COMMANDS[name]
        try:
            output = command.run(self.slate.workspace, arg)  # type: ignore[arg-type]
        except SlateError as error:
            self.post_message(self.CommandFinished(turn, f"**/{name} failed**: {error}", None))
            return
        self.post_message(self.CommandFinished(turn, output, command.opens, command.shows, arg))

    @on(AnswerPiece)
    async def _piece(self, event: AnswerPiece) -> None:
        await event.turn.write(event.text)
        self.query_one("#log", VerticalScroll).scroll_end(animate=False)

    @on(AnswerReceived)
    async def _answered(self, event: AnswerReceived) -> None:
        answer = event.answer
        cites = [(s.index, s.label, s.heading) for s in answer.scenes]
        note = answer_note(answer)
        if event.turn.streamed and answer.answer != event.turn.streamed.strip():
            note = "replaced the streamed text  ·  " + note
        await event.turn.set_answer(answer.answer, note, cites)
        self.query_one("#log", VerticalScroll).scroll_end(animate=False)

    @on(AnswerFailed)
    async def _failed(self, event: AnswerFailed) -> None:
        text = (f"**No answer**: {event.error}\n\nThe structured commands (/stats, /score, "
                "/beats, /breakdown, /schedule) still work.")  # fmt: skip
        await event.turn.set_answer(text, "")

    @on(CommandFinished)
    async def _command_finished(self, event: CommandFinished) -> None:
        await event.turn.set_answer(event.output, event.turn.note_text)
        self.query_one("#log", VerticalScroll).scroll_end(animate=False)
        if event.opens:
            self.slate.refresh_screen(event.opens)
        if event.shows:
            self.slate.show_screen(event.shows, event.argument)

    @on(Turn.CitationOpened)
    def _citation(self, event: Turn.CitationOpened) -> None:
        self.slate.show_scene(event.index)

    def action_cancel(self) -> None:
        # The answer's worker is not cancelled: the event stops generation and the stream still
        # ends with the partial ``Answer``, which is shown and saved.
        self.cancel_event.set()
        self.workers.cancel_group(self, "command")
        self.notify("Cancelled")

    def _export(self, out: Path) -> str:
        """Write the session as Markdown with the CLI's overwrite safety (never an input or a
        file Slate did not write)."""
        ws = self.slate.workspace
        assert ws is not None and ws.session is not None
        data = session_markdown(ws.session, ws.title).encode("utf-8")
        try:
            save_output(out, data, inputs=[ws.path], settings=ws.settings)
        except SlateError as error:
            return f"**Not exported**: {error}"
        return f"Exported to {out}."

    async def _session_command(self, text: str, turn: Turn) -> bool:
        """``/help``, ``/sessions``, ``/new``, ``/rename``, ``/delete``, ``/export``: quick
        SQLite work done here. False when ``text`` is none of them."""
        name, _, arg = text.partition(" ")
        ws = self.slate.workspace
        if name == "/help":
            self.slate.action_help()
            await turn.set_answer("Opened the help (F1).", "")
            return True
        if name not in ("/sessions", "/new", "/rename", "/delete", "/export", "/open"):
            return False
        if name == "/export" and _is_post_format(arg):
            return False  # /export FORMAT: the previs timeline, a slash command
        if ws is None or ws.store is None or ws.session is None:
            await turn.set_answer("Sessions are off (no session database).", "")
            return True
        store, arg = ws.store, arg.strip()
        if name == "/sessions":
            rows = [f"- {s.id}: {s.title}" + (" (current)" if s.id == ws.session.id else "")
                    for s in store.sessions(ws.script_hash)]  # fmt: skip
            await turn.set_answer("\n".join(rows) + "\n\n`/open ID` reopens one.", "")
        elif name == "/rename" and arg:
            store.rename(ws.session.id, arg)
            ws.session.title = arg
            self.sub_title = f"session: {arg}"
            await turn.set_answer(f"Renamed to {arg}.", "")
        elif name == "/export" and arg:
            ws.session.turns = store.turns(ws.session.id)
            await turn.set_answer(self._export(Path(arg).expanduser()), "")
        elif name in ("/new", "/delete", "/open"):
            if name == "/delete":
                store.delete(ws.session.id)
            target = next((s for s in store.sessions(ws.script_hash) if str(s.id) == arg), None)
            if name == "/open" and target is None:
                await turn.set_answer(f"No session {arg}; /sessions lists them.", "")
                return True
            ws.session = target or store.new_session(ws.script_hash, str(ws.path), ws.title)
            ws.session.turns = store.turns(ws.session.id)
            self.sub_title = f"session: {ws.session.title}"
            await self._show_turns(ws.session.turns)
        else:
            await turn.set_answer(f"Usage: {name} NAME", "")
        return True
