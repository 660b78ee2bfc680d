"""What an answer is: its text, how it was reached, and the scenes and lines it rests on.

These models are the JSON of ``slate ask --json`` (one object per question); every field has a
docstring. ``AnswerDelta`` is what a streamed answer arrives in before its ``Answer``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

AnswerPath = Literal["tool", "extractive", "generated"]


class CitedScene(BaseModel):
    """A scene an answer cites, best first."""

    model_config = ConfigDict(extra="forbid")

    index: int
    """0-based position in the screenplay's scenes."""
    label: str
    """The scene number people see (``Screenplay.scene_labels``; ``opening`` before the first
    heading)."""
    start_line: int | None
    """1-based line of the scene heading in the source file."""
    heading: str
    page: int
    score: float
    """Retrieval's fused score, or 1.0 for a scene a tool computed."""


class Quote(BaseModel):
    """A line of the script an answer rests on."""

    model_config = ConfigDict(extra="forbid")

    scene: int
    """0-based scene index."""
    label: str
    start_line: int | None
    """The line of the scene's heading (the sentence is inside that scene)."""
    text: str
    """The sentence as written (``Name: speech`` for dialogue)."""


class Answer(BaseModel):
    """One question's answer."""

    model_config = ConfigDict(extra="forbid")

    question: str
    answer: str
    """What to show: computed, quoted, or written by the model and checked."""
    path: AnswerPath
    """``tool`` (computed from the parsed script), ``extractive`` (the best-supported sentences of
    the retrieved scenes) or ``generated`` (written by the model from those sentences)."""
    abstained: bool = False
    """True when nothing in the script supports an answer ("not in the script")."""
    grounded: bool = True
    """False when the model's answer failed the grounding check (a name, number or key noun not in
    the retrieved text): the extractive answer is shown instead and ``reason`` says why. Tool and
    extractive answers are grounded by construction."""
    tool: str | None = None
    """The tool that computed the answer, on the tool path."""
    reason: str | None = None
    """Why the answer took its path: an abstention's cause, or why a generated answer fell back."""
    scenes: list[CitedScene] = Field(default_factory=list)
    """The scenes the answer cites, best first (for an abstention, the nearest scenes)."""
    quotes: list[Quote] = Field(default_factory=list)
    """For lookups: the sentences the answer rests on."""
    prompt: str | None = None
    """The prompt version (``ask.v2``) when a model was asked."""


class AnswerDelta(BaseModel):
    """A piece of a generated answer as the model writes it (``Asker.stream``).

    Deltas are provisional: the ``Answer`` that ends the stream is what to keep. When the written
    answer fails the grounding check, that ``Answer`` holds the extractive answer instead
    (``grounded`` False), and a front end replaces what it showed.
    """

    model_config = ConfigDict(extra="forbid")

    text: str


AnswerEvent = AnswerDelta | Answer
"""What ``Asker.stream`` yields: any number of deltas, then exactly one ``Answer``."""
