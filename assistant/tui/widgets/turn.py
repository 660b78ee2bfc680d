"""One exchange in the chat log: the question, the answer (or a command's output), the path it
took and the scenes it cites, each a button that opens the scene in the reader.

A generated answer streams in: ``write`` appends each piece through Textual's ``MarkdownStream``
(which merges pieces that arrive faster than the widget can render), ``set_answer`` ends the
stream and shows the final text, replacing what was streamed when it differs (the grounding check
swapped in the extractive answer).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Markdown, Static
from textual.widgets.markdown import MarkdownStream


class CitationButton(Button):
    def __init__(self, index: int, label: str, heading: str, id: str) -> None:
        super().__init__(f"#{label}", id=id, compact=True)
        self.tooltip = heading
        self.scene_index = index


class Turn(Vertical):
    """``answer`` may be empty at first (the question is asked) and set later."""

    @dataclass
    class CitationOpened(Message):
        index: int

    _count = 0

    def __init__(self, question: str, answer: str = "", note: str = "") -> None:
        Turn._count += 1
        super().__init__(classes="turn", id=f"turn-{Turn._count}")
        self.question = question
        self.answer_md = answer
        self.note_text = note
        self.streamed = ""
        """The text the stream has shown so far (provisional until ``set_answer``)."""
        self._stream: MarkdownStream | None = None

    def compose(self) -> ComposeResult:
        yield Static(f"> {self.question}", classes="question")
        yield Markdown(self.answer_md or "_working..._", classes="answer")
        yield Static(self.note_text, classes="path")
        yield Horizontal(classes="citations")

    async def write(self, piece: str) -> None:
        """Append one streamed piece of the answer."""
        if self._stream is None:
            markdown = self.query_one(Markdown)
            await markdown.update("")
            self.query_one(".path", Static).update("writing...  (Escape stops)")
            self._stream = Markdown.get_stream(markdown)
        self.streamed += piece
        await self._stream.write(piece)

    async def set_answer(
        self,
        answer: str,
        note: str,
        citations: list[tuple[int, str, str]] = (),  # type: ignore[assignment]
    ) -> None:
        """Show the final answer (ending a stream), its path note and its citation buttons."""
        markdown = self.query_one(Markdown)
        if self._stream is not None:
            await self._stream.stop()
            self._stream = None
        if answer != self.streamed.strip() or not self.streamed:
            await markdown.update(answer)
        self.query_one(".path", Static).update(note)
        row = self.query_one(".citations", Horizontal)
        buttons = [
            CitationButton(index, label, heading, id=f"{self.id}-cite-{index}")
            for index, label, heading in citations
        ]
        if buttons:
            await row.mount(Static("Scenes:", classes="cite-label"), *buttons)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if isinstance(event.button, CitationButton):
            event.stop()
            self.post_message(self.CitationOpened(event.button.scene_index))
