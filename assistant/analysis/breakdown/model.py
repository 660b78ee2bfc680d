"""The breakdown's result types: the JSON contract of ``slate breakdown --json``.

One ``SceneBreakdown`` per scene of ``Screenplay.scenes`` (same order, ``index`` is the position
there), each holding its elements by category; the reports (cast list, set list, element list) are
derived from the scenes and carried alongside so that every front end shows the same figures.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1
"""Version of the JSON contract; a change to a field's meaning or shape is a new version."""

CATEGORIES: tuple[str, ...] = (
    "cast", "extras", "stunts", "vehicles", "props", "set_dressing", "wardrobe", "makeup_hair",
    "special_effects", "visual_effects", "animals", "weapons", "sound_music",
    "special_equipment", "greenery",
)  # fmt: skip
"""Every category, in breakdown-sheet order; every scene's ``elements`` has them all."""

Source = Literal["cue", "description", "action", "heading", "lexicon", "rule", "embedder", "llm"]
"""Which pass found an element: a character cue; a first-appearance description (``NAME (30s)``);
a known character named in action; the scene heading; a category lexicon (with the phrase chunker
that reads counts); a rule over other elements (``SAM 1`` and ``SAM 2`` in one scene need a
composite); the embedder against the category prototypes; the LLM pass."""

TimeOfDay = Literal["DAY", "NIGHT", "DAWN", "DUSK"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Element(_Model):
    """One breakdown element of one scene."""

    name: str
    """The element in lower case (cast in capitals, as cues are), e.g. ``police car``, ``MARA``."""
    line: int | None
    """1-based source line of its first mention in the scene (the scene's start line when the
    mention cannot be placed; None when the script has no source lines)."""
    implied: bool = False
    """True when the text implies it without naming it (``shoots`` implies a gun; a voice-over
    cue implies no on-screen actor)."""
    count: int | None = None
    """How many, when the text says (``two guards``); None when it does not."""
    source: Source


class SceneBreakdown(_Model):
    """The breakdown sheet of one scene."""

    index: int
    """0-based position in ``Screenplay.scenes``."""
    label: str | None
    """The scene number people see (``Screenplay.scene_labels``); None before the first heading."""
    heading: str | None
    start_line: int | None
    int_ext: str | None
    """``INT``, ``EXT``, ``INT/EXT`` or None."""
    set: str
    """The heading's location (the set), ``""`` without a heading."""
    time_of_day: TimeOfDay | None
    """DAY, NIGHT, DAWN or DUSK; a heading that says CONTINUOUS, LATER or nothing inherits the
    previous scene's; None when nothing before says either."""
    eighths: int
    script_day: int
    """Story day, 1-based (``script_days.py``)."""
    synopsis: str
    """One line: the scene's synopsis note if written, else the start of its first action."""
    elements: dict[str, list[Element]]
    """Every category of ``CATEGORIES``, each a list in order of first mention."""


class CastMember(_Model):
    """One character of the cast list, numbered as scheduling tools number cast."""

    id: int
    """1 for the character in most scenes; ties go to the earlier first scene, then the name."""
    name: str
    scenes: int
    """Scenes the character is in (speaking or not)."""
    speaking_scenes: int
    first_scene: str | None
    """Label of the first scene (``SceneBreakdown.label``)."""
    first_index: int
    script_days: list[int] = Field(default_factory=list)
    """The story days the character is on screen, in order: wardrobe plans at least one
    costume per day, and continuity within each."""


class SetEntry(_Model):
    """One set of the location list."""

    set: str
    int_ext: list[str]
    time_of_day: list[str]
    scenes: list[str]
    """Labels of the scenes shot there."""
    eighths: int


class ElementEntry(_Model):
    """One element of the element list: a category's element and the scenes that need it."""

    category: str
    name: str
    scenes: list[str]
    indices: list[int]


class BreakdownReport(_Model):
    """The whole breakdown; ``scenes`` is the contract, the rest are reports derived from it."""

    version: int = SCHEMA_VERSION
    title: str | None = None
    numbering: str
    """``written`` or ``position``: how scene labels count (``Screenplay.numbering``)."""
    script_days: int
    scenes: list[SceneBreakdown]
    cast: list[CastMember] = Field(default_factory=list)
    sets: list[SetEntry] = Field(default_factory=list)
    element_list: list[ElementEntry] = Field(default_factory=list)
    passes: list[str] = Field(default_factory=list)
    """The passes that ran, e.g. ``["cue", "heading", "lexicon", "embedder"]``."""
    llm: LlmPassReport | None = None
    """The optional LLM pass, reported apart: its elements are not merged into ``scenes``."""


class LlmScene(_Model):
    index: int
    elements: dict[str, list[Element]]


class LlmPassReport(_Model):
    """What the LLM pass added, scene by scene, beside the rules' breakdown."""

    model_id: str
    prompt: str
    fallback_scenes: int
    """Scenes where the model gave no usable answer."""
    scenes: list[LlmScene]


BreakdownReport.model_rebuild()
