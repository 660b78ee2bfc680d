"""The results of ``stats.compute_stats``: what ``slate stats --json`` prints and the TUI shows.

Every field has a docstring; they are the reference for the JSON output.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SceneCounting = Literal["master", "numbered"]
"""How ``ScriptStats.scene_count`` counts scenes (``compute_stats(count_by=...)``)."""


class _Stats(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TimeGroup(StrEnum):
    """How a scene's time of day is grouped for scheduling."""

    DAY = "day"
    NIGHT = "night"
    OTHER = "other"


class Share(_Stats):
    """How many scenes, and how much of the script, fall in one category."""

    scenes: int = 0
    """Number of headed scenes."""
    eighths: int = 0
    """Their total length in eighths of a page."""


class IntExtSplit(_Stats):
    """Headed scenes by the prefix of their heading."""

    interior: Share = Field(default_factory=Share)
    """``INT.`` scenes."""
    exterior: Share = Field(default_factory=Share)
    """``EXT.`` scenes."""
    int_ext: Share = Field(default_factory=Share)
    """``INT./EXT.`` (or ``I/E``) scenes, moving between inside and outside."""
    unspecified: Share = Field(default_factory=Share)
    """Headings without a prefix (``405 FREEWAY - EARLY EVENING``)."""


class TimeOfDayCount(_Stats):
    """One normalised time of day as written on the headings."""

    time: str
    """Normalised label: ``DAY``, ``NIGHT``, ``MORNING``, ``CONTINUOUS``, ``LATER``...; ``UNKNOWN``
    when the heading names no time."""
    group: TimeGroup
    """The group scenes with this time count in (continuity times vary; see ``TimeOfDaySplit``)."""
    scenes: int
    """Headed scenes with this time."""
    eighths: int
    """Their length in eighths."""


class TimeOfDaySplit(_Stats):
    """Headed scenes by time of day, grouped as a schedule would.

    Day: DAY, MORNING, AFTERNOON, NOON, DAYTIME. Night: NIGHT, EVENING, MIDNIGHT (evening is shot
    as night on most schedules). Other: twilight (DAWN, DUSK, SUNRISE, SUNSET, MAGIC HOUR,
    TWILIGHT), which is shot in its own short window, and times that are not recognised.
    Continuity times (CONTINUOUS, LATER, SAME, MOMENTS LATER...) take the group of the nearest
    scene before them with a real time, as a line producer reads them; with none, they are other.
    """

    day: Share = Field(default_factory=Share)
    """Scenes set in daylight."""
    night: Share = Field(default_factory=Share)
    """Scenes set at night or in the evening."""
    other: Share = Field(default_factory=Share)
    """Twilight, unknown and unrecognised times."""
    by_time: list[TimeOfDayCount] = Field(default_factory=list)
    """Each normalised time as written, most eighths first."""


class LocationStats(_Stats):
    """One location, as written on the headings (capitals, single spaces)."""

    name: str
    """The location, e.g. ``DINER - KITCHEN``."""
    scenes: int
    """Headed scenes set there."""
    eighths: int
    """Their total length in eighths."""


class CharacterStats(_Stats):
    """What one speaking character says."""

    name: str
    """The normalised cue name (no extensions)."""
    speeches: int
    """Dialogue blocks (each cue counts once; dual dialogue counts for both speakers)."""
    words: int
    """Words spoken: speech and sung lines, not parentheticals."""
    scenes: int
    """Scenes in which the character speaks."""
    first_scene: int
    """Index into the screenplay's scenes of the first scene the character speaks in."""


class WordCounts(_Stats):
    """Words on the page: what is heard against what is seen."""

    dialogue_words: int
    """Words spoken or sung (speech and lyrics, not parentheticals or cues)."""
    action_words: int
    """Words of action and centered text."""
    dialogue_to_action_ratio: float | None
    """``dialogue_words / action_words``; None when there is no action."""
    dialogue_share: float | None
    """``dialogue_words / (dialogue_words + action_words)``, 0 to 1; None for an empty script."""


class ScreenTime(_Stats):
    """Estimated running time, two ways.

    ``page_rule_minutes`` is the industry rule of thumb, a page a minute (counted in eighths).
    ``estimated_minutes`` splits the page by what it holds: dialogue plays at a speaking rate of
    150 words a minute (the commonly cited conversational rate of American English), and every
    other printed line (action, headings, transitions, blank lines) at the rule's own rate of 60 s
    per 55 lines. It tells a talky script with short exchanges (shorter than its pages) from one
    of long monologues (longer).

    Measured against the running times of 85 released films whose TRIPOD scripts Slate imports
    (``scripts/check_page_counts.py``): the page rule is off by 13.8 minutes on average and the
    estimate by 15.2 (it runs 4 minutes short), so the estimate is not better for a whole film;
    scripts are drafts, and the cut films differ from them by about 12% either way. Use the page
    rule for totals and the split to compare dialogue-heavy and action-heavy parts.
    """

    page_rule_minutes: float
    """Length in pages (total eighths / 8), one minute each."""
    estimated_minutes: float
    """``dialogue_minutes + other_minutes``."""
    dialogue_minutes: float
    """Dialogue words at 150 words a minute."""
    other_minutes: float
    """Lines that are not dialogue at 60 s per 55 lines."""


class ScriptStats(_Stats):
    """Statistics of one screenplay, as ``slate stats`` reports them."""

    title: str | None
    """From the title page, if any."""
    scene_count: int
    """Scenes as ``counted_by`` counts them: headed (master) scenes by default; material before the
    first heading is not counted."""
    counted_by: SceneCounting = "master"
    """``master``: one scene per heading. ``numbered``: one per number the script writes on its
    headings and shots (``3``, ``3-A``, ``3-B``), as a shooting script's own numbering counts."""
    master_scene_count: int = 0
    """Headed scenes, whatever ``counted_by`` says."""
    numbered_scene_count: int = 0
    """Distinct numbers on headings and shots, plus headed scenes that carry none; equals
    ``master_scene_count`` for a script that numbers only its headings, or nothing."""
    shot_count: int = 0
    """Shots and secondary headings inside master scenes (``3-A HIS P.O.V.``, ``ANGLE ON MARA``)."""
    page_count: int
    """The screenplay's pages under the page model of ``pagination.py``, title page excluded, as
    the industry counts them (page 1 is the first page of script)."""
    title_pages: int = 0
    """Pages printed before page 1: 1 when the script has a title page, else 0. Not in
    ``page_count``: a PDF of a title page and one page of script has ``page_count`` 1 and
    ``title_pages`` 1 (see ``pages_text``)."""
    total_eighths: int
    """Sum of all scenes' eighths (headed or not); close to ``page_count * 8``."""
    int_ext: IntExtSplit
    """Interior/exterior split of the headed scenes."""
    time_of_day: TimeOfDaySplit
    """Day/night split of the headed scenes."""
    locations: list[LocationStats]
    """Unique locations, most eighths first (then most scenes, then name)."""
    characters: list[CharacterStats]
    """Speaking characters, most speeches first (then most words, then first scene)."""
    words: WordCounts
    """Dialogue and action word counts."""
    screen_time: ScreenTime
    """Running-time estimates."""

    @property
    def pages_text(self) -> str:
        """The page count as a reader should see it: ``1 page (+ title page)``, ``96 pages``."""
        noun = "page" if self.page_count == 1 else "pages"
        extra = " (+ title page)" if self.title_pages else ""
        return f"{self.page_count} {noun}{extra}"
