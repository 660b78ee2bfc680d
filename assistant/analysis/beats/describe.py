"""The optional LLM pass over a beat sheet: a configured text model describes each placed beat in
one sentence.

The rules-and-model sheet stays the reference and is never changed: the descriptions are a
separate result (``BeatDescriptions``), each marked ``source: "llm"``, and nothing measured reads
them. The model sees each placed beat's name, pages, first scene heading and the opening words of
that scene, and answers through ``generate_structured`` (prompt ``beat_names``). A reply that never
validates (the tiny default SmolLM2 often gives no valid JSON) means the pass is skipped and says
so; a description naming a beat the sheet did not place, empty, or longer than a line is dropped
and counted, never shown.
"""

from __future__ import annotations

import threading

from pydantic import BaseModel, ConfigDict, Field

from assistant.analysis.beats.results import BeatSheet
from assistant.analysis.scene_text import read_scene
from assistant.models.base import GenerationOptions, TextModel
from assistant.models.prompts import load_prompt
from assistant.models.structured import generate_structured
from assistant.script.model import Screenplay

ANSWER_TOKENS = 640
"""15 beats of ~25 words each, in JSON."""
OPENING_WORDS = 40
"""Scene words shown per beat: 15 beats then fit SmolLM2's 2,048-token context with the JSON
instructions."""
MAX_DESCRIPTION_CHARS = 240


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BeatLine(_Model):
    """What the model writes for one beat."""

    name: str
    description: str


class BeatLines(_Model):
    """The reply the model must give."""

    beats: list[BeatLine] = Field(default_factory=list)


class BeatDescription(_Model):
    """One beat's description as accepted."""

    name: str
    description: str
    source: str = "llm"


class BeatDescriptions(_Model):
    """The LLM pass's result, reported apart from the sheet."""

    descriptions: list[BeatDescription] = Field(default_factory=list)
    """In the sheet's beat order; beats the model did not describe are absent."""
    skipped: bool = False
    """True: the model never gave valid JSON, so no beat is described."""
    note: str = ""
    """Why the pass was skipped, or what it dropped (one line)."""
    rejected: int = 0
    """Descriptions dropped: an unknown or repeated beat name, empty text, or more than a line."""
    attempts: int = 0
    model_id: str
    prompt_version: str


def _beat_rows(screenplay: Screenplay, sheet: BeatSheet) -> list[dict[str, str]]:
    rows = []
    for beat in sheet.beats:
        if not beat.scene_indices:
            continue
        scene = screenplay.scenes[beat.scene_indices[0]]
        words = read_scene(scene).text.split()[:OPENING_WORDS]
        first, last = beat.pages[0], beat.pages[-1]
        rows.append({
            "name": beat.name,
            "pages": str(first) if first == last else f"{first}-{last}",
            "heading": scene.heading.text if scene.heading else "(before the first heading)",
            "text": " ".join(words),
        })  # fmt: skip
    return rows


def describe_beats(
    screenplay: Screenplay,
    sheet: BeatSheet,
    model: TextModel,
    *,
    cancel: threading.Event | None = None,
) -> BeatDescriptions:
    """Ask ``model`` for one sentence per placed beat of ``sheet`` (``sheet`` is not changed).

    Raises:
        ModelUnavailableError: the text model cannot be loaded or reached.
    """
    template = load_prompt("beat_names")
    result = BeatDescriptions(model_id=model.model_id, prompt_version=template.ref)
    rows = _beat_rows(screenplay, sheet)
    if not rows:
        result.skipped = True
        result.note = "No beat is placed, so there is nothing to describe"
        return result
    task = template.render(title=screenplay.title or "(untitled)", sheet=sheet.sheet, beats=rows)
    answer = generate_structured(
        model, task, BeatLines, BeatLines, GenerationOptions(max_new_tokens=ANSWER_TOKENS),
        cancel=cancel,
    )  # fmt: skip
    result.attempts = answer.attempts
    if answer.fallback:
        result.skipped = True
        result.note = (
            f"{model.model_id} gave no valid JSON in {answer.attempts} attempts "
            f"({answer.errors[-1] if answer.errors else 'no reply'}): no beat is described"
        )
        return result
    wanted = {row["name"].casefold(): row["name"] for row in rows}
    accepted: dict[str, str] = {}
    for line in answer.value.beats:
        name = wanted.get(line.name.strip().casefold())
        text = " ".join(line.description.split())
        if (
            name is None
            or name in accepted
            or not text
            or "\n" in line.description.strip()
            or len(text) > MAX_DESCRIPTION_CHARS
        ):
            result.rejected += 1
            continue
        accepted[name] = text
    result.descriptions = [
        BeatDescription(name=row["name"], description=accepted[row["name"]])
        for row in rows
        if row["name"] in accepted
    ]
    if result.rejected:
        result.note = (
            f"{result.rejected} of the model's descriptions were dropped (a beat the sheet "
            "does not place, a repeat, empty, or longer than a line)"
        )
    return result
