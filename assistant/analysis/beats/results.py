"""What ``slate beats`` returns: the JSON contract of docs/beats.md (version ``BEATS_SCHEMA``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from assistant.analysis.strength.scene_reasons import Reason
from assistant.analysis.strength.scene_strength import TurningPointPick

BEATS_SCHEMA = "1"
"""Bumped when a field changes meaning or goes away (docs/beats.md)."""

BeatSource = Literal["model", "features", "convention", "between"]
"""Where a beat's place comes from: a predicted turning point (``model``), a scene-feature rule
(``features``), the convention's page when the rule found no scene (``convention``), or the scenes
between two placed beats (``between``)."""


class BeatScene(BaseModel):
    """A scene as ``slate score --json`` lists it, plus its pages."""

    index: int
    """0-based position in ``Screenplay.scenes``."""
    number: str | None
    """The label people see (``Screenplay.scene_labels``); None before the first heading."""
    heading: str
    start_line: int | None
    start_page: int
    end_page: int


class TurningPoint(TurningPointPick):
    """A predicted turning point (``name``, ``scene_index``, ``confidence`` as in ``slate score``)
    with the page it lands on and the reasons the model gave for its scene."""

    page: int
    reasons: list[Reason] = Field(default_factory=list)


class Beat(BaseModel):
    """One beat of the sheet: a span of scenes."""

    name: str
    scene_indices: list[int]
    """Indices into ``scenes``, consecutive; empty when the beat cannot be placed."""
    pages: list[int]
    """``[first, last]`` page of the span (empty when not placed)."""
    expected_page: int
    """Where the sheet's convention puts the beat's start, scaled to this script's length."""
    confidence: float = Field(ge=0.0, le=1.0)
    reason: str
    """One line: why these scenes."""
    source: BeatSource


class SentenceMatch(BaseModel):
    """One synopsis sentence and the scenes that carry it."""

    index: int
    text: str
    beat: str | None = None
    """The outline's beat name, or for prose the TP the classifier found in the sentence."""
    turning_point: str | None = None
    """The TP the sentence stands for (from the outline's name or the classifier)."""
    scene_indices: list[int]
    """Scenes within half the peak of the sentence's projection (indices into ``scenes``)."""
    best_scene_index: int | None
    """The projection's best scene (what the turning-point evaluation scores)."""
    evidence: float
    """Text evidence at the best scene: z-scored MiniLM plus TF-IDF cosine (no priors)."""
    similarity: float
    """The highest MiniLM cosine between the sentence and any scene."""
    carried: bool
    """False when no scene says what the sentence says (``similarity`` under 0.38)."""
    confidence: float | None = None
    """Prose: the classifier's probability that the sentence is its TP."""


class SceneRun(BaseModel):
    """Consecutive scenes no synopsis sentence covers."""

    scene_indices: list[int]
    pages: list[int]


class MapTurningPoint(BaseModel):
    """A turning point as the synopsis places it (the five decoded together, in story order)."""

    name: str
    scene_index: int
    """Index into ``scenes``."""
    sentence_index: int
    """The sentence that carries it: an outline's named line; for prose the sentence giving the
    most of the TP's mass at its scene."""
    mass: float = Field(ge=0.0, le=1.0)
    """The TP's distribution over scenes at its scene (a confidence; not calibrated)."""


class SynopsisMap(BaseModel):
    """The beat map of a synopsis: each sentence projected onto the scenes."""

    form: Literal["outline", "prose"]
    sentences: list[SentenceMatch]
    turning_points: list[MapTurningPoint] = Field(default_factory=list)
    """The TPs the synopsis names or the classifier finds, in story order (what
    ``scripts/eval_beat_map.py`` scores)."""
    uncarried: list[int]
    """Indices of sentences no scene carries."""
    uncovered: list[SceneRun]
    """Long runs of scenes no sentence covers."""
    warnings: list[str] = Field(default_factory=list)


class BeatSheet(BaseModel):
    """The JSON of ``slate beats --json``."""

    schema_version: str = BEATS_SCHEMA
    sheet: str
    convention: str
    """The convention the expected pages come from."""
    page_count: int
    scenes: list[BeatScene]
    turning_points: list[TurningPoint]
    beats: list[Beat]
    unplaced: list[str]
    """Beats the script gives no scene for (no headings, too few scenes)."""
    synopsis: SynopsisMap | None = None
    model_version: str
    warnings: list[str] = Field(default_factory=list)
