"""The shot list's types: what ``slate shots --json`` prints (schema version ``SHOTS_VERSION``).

Names follow what a script supervisor writes on a shot-list sheet: size (EWS ... ECU, insert),
angle, movement, lens, subjects, the script lines a shot covers and its estimated duration in the
cut. The contract is documented in docs/shots.md; a change of field meaning is a new version.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SHOTS_VERSION = 1
"""Version of the JSON contract in docs/shots.md."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ShotSize(StrEnum):
    EWS = "EWS"
    WS = "WS"
    FS = "FS"
    MS = "MS"
    MCU = "MCU"
    CU = "CU"
    ECU = "ECU"
    INSERT = "insert"


class Angle(StrEnum):
    EYE_LEVEL = "eye level"
    HIGH = "high"
    LOW = "low"
    OVERHEAD = "overhead"
    DUTCH = "Dutch"


class Movement(StrEnum):
    STATIC = "static"
    PAN = "pan"
    TILT = "tilt"
    DOLLY = "dolly"
    TRACK = "track"
    HANDHELD = "handheld"
    CRANE = "crane"
    STEADICAM = "Steadicam"


ShotKind = Literal[
    "establishing", "master", "two-shot", "over", "single", "reaction", "action", "insert", "pov"
]
"""What the shot does in the coverage; ``over`` is an over-the-shoulder, framed on ``subjects[0]``
past the shoulder of ``subjects[1]``."""

PlanSource = Literal["rules", "llm"]
"""Where a shot's plan comes from: Slate's deterministic rules, or a configured text model's
refinement (``--llm``)."""


class Shot(_Model):
    """One planned shot: a piece of the cut, with the camera set-up that films it."""

    number: str
    """Scene label plus a letter, as on a shooting script: ``12A``, ``12B`` (no I or O)."""
    kind: ShotKind
    size: ShotSize
    angle: Angle = Angle.EYE_LEVEL
    movement: Movement = Movement.STATIC
    lens_mm: int
    """Suggested focal length on a Super 35 sensor."""
    subjects: list[str] = Field(default_factory=list)
    """Characters (names as in the cues) and props in the frame; for an over, the character
    framed first, then the one whose shoulder is in the foreground."""
    off_screen: list[str] = Field(default_factory=list)
    """Speakers heard but not seen in this shot (V.O., O.S., or the speaker in a reaction shot)."""
    lines: list[int] = Field(default_factory=list)
    """1-based source lines of the action or dialogue the shot covers, ascending; empty when the
    script was built in code or read from a format without line positions (FDX)."""
    description: str
    """What the shot shows: the action or the line, shortened for a caption."""
    duration_s: float
    """Estimated seconds in the cut; a scene's shots add up to its estimated screen time."""
    setup: int
    """Camera set-up within the scene (1-based, in shooting order): shots that share camera
    position and lens share a set-up."""
    source: PlanSource = "rules"


class SceneShots(_Model):
    """One scene's shots in cut order, and the order to shoot them in."""

    index: int
    """0-based position in ``Screenplay.scenes`` (the same ``index`` as ``slate score --json``)."""
    number: str | None
    """The label people see (``Screenplay.scene_labels``); None for the block before the first
    heading."""
    heading: str | None
    start_line: int | None
    end_line: int | None
    """Last source line of the scene (the line before the next scene starts)."""
    eighths: int
    screen_time_s: float
    """Estimated screen time: a page is a minute (the scene's eighths times 7.5 s)."""
    shots: list[Shot] = Field(default_factory=list)
    shooting_order: list[str] = Field(default_factory=list)
    """Shot numbers grouped by set-up (all shots of one set-up together), wide set-ups first."""


class ShotList(_Model):
    """The whole plan: what ``slate shots --json`` prints."""

    version: int = SHOTS_VERSION
    title: str | None = None
    page_count: int
    scenes: list[SceneShots] = Field(default_factory=list)
    source: PlanSource = "rules"
    """``llm`` when a text model refined any shot (each shot says which)."""

    @property
    def shot_count(self) -> int:
        return sum(len(scene.shots) for scene in self.scenes)
