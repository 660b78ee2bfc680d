"""Script statistics: scenes, pages and eighths, INT/EXT and day/night splits, locations,
characters, words, and screen time. ``compute_stats`` expects a paginated screenplay
(``read_script`` paginates). The result models are in ``stats_models.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.script.characters import normalise_cue_name
from assistant.script.model import (
    Action,
    Centered,
    Dialogue,
    DualDialogue,
    IntExt,
    Lyrics,
    Note,
    PageBreak,
    Scene,
    Screenplay,
    Section,
    Shot,
    Synopsis,
    Transition,
    plain_text,
)
from assistant.script.page_layout import (
    DEFAULT_LAYOUT,
    dialogue_key,
    dual_line_count,
    element_line_count,
)
from assistant.script.stats_models import (
    CharacterStats,
    IntExtSplit,
    LocationStats,
    SceneCounting,
    ScreenTime,
    ScriptStats,
    Share,
    TimeGroup,
    TimeOfDayCount,
    TimeOfDaySplit,
    WordCounts,
)

__all__ = [
    "CharacterStats",
    "IntExtSplit",
    "LocationStats",
    "SceneCounting",
    "ScreenTime",
    "ScriptStats",
    "TimeGroup",
    "TimeOfDayCount",
    "TimeOfDaySplit",
    "WordCounts",
    "compute_stats",
    "normalise_time_of_day",
    "scene_counts",
]

SPEAKING_RATE_WPM = 150
"""Words of dialogue per minute of screen time: the commonly cited conversational rate of American
English (the US National Center for Voice and Speech gives about 150 words a minute)."""

SECONDS_PER_OTHER_LINE = 60 / 55
"""Screen time of one printed line that is not dialogue (action, headings, transitions, blank
lines): the page-a-minute rule's own rate, a 55-line page in 60 seconds."""


_TIME_WORDS: tuple[tuple[re.Pattern[str], str, TimeGroup | None], ...] = tuple(
    (re.compile(pattern), label, group)
    for pattern, label, group in (
        # Order matters: the first pattern found in the heading's time names it ("LATER THAT
        # NIGHT" is NIGHT, "MOMENTS LATER" is LATER).
        (r"\bCONTINUOUS\b|\bCONT'?D\b", "CONTINUOUS", None),
        (r"\bSAME\b", "SAME", None),
        (r"\bMAGIC HOUR\b", "MAGIC HOUR", TimeGroup.OTHER),
        (r"\bPRE-?DAWN\b|\bDAWN\b|\bDAYBREAK\b", "DAWN", TimeGroup.OTHER),
        (r"\bSUNRISE\b", "SUNRISE", TimeGroup.OTHER),
        (r"\bSUNSET\b|\bSUNDOWN\b", "SUNSET", TimeGroup.OTHER),
        (r"\bDUSK\b|\bTWILIGHT\b", "DUSK", TimeGroup.OTHER),
        (r"\bMIDNIGHT\b", "MIDNIGHT", TimeGroup.NIGHT),
        (r"\bNIGHT\b|\bNIGHTTIME\b", "NIGHT", TimeGroup.NIGHT),
        (r"\bEVENING\b", "EVENING", TimeGroup.NIGHT),
        (r"\bMORNING\b", "MORNING", TimeGroup.DAY),
        (r"\bAFTERNOON\b", "AFTERNOON", TimeGroup.DAY),
        (r"\bNOON\b|\bMIDDAY\b", "NOON", TimeGroup.DAY),
        (r"\bDAY\b|\bDAYTIME\b|\bDAYLIGHT\b", "DAY", TimeGroup.DAY),
        (r"\bLATER\b", "LATER", None),
        (r"\bFLASHBACK\b|\bFLASH BACK\b", "FLASHBACK", None),
    )
)
"""Label and group of each recognised time; group None marks a continuity time (inherited)."""
_WORD = re.compile(r"\S+")


def normalise_time_of_day(time_of_day: str | None) -> tuple[str, TimeGroup | None]:
    """The label and group of a heading's time; group None means "as the scene before".

    Args:
        time_of_day: the time part of a heading (``NIGHT``, ``Moments later``), or None.

    Returns:
        ``(label, group)``; unrecognised text is its own label (capitals) in group other, a missing
        time is ``UNKNOWN`` in group other.
    """
    if not time_of_day or not time_of_day.strip():
        return "UNKNOWN", TimeGroup.OTHER
    text = " ".join(time_of_day.upper().replace("’", "'").split())
    for pattern, label, group in _TIME_WORDS:
        if pattern.search(text):
            return label, group
    return text.strip(" .-()"), TimeGroup.OTHER


def _words(text: str) -> int:
    if "*" in text or "_" in text:
        text = plain_text(text)
    return len(text.split())


@dataclass
class _Speaker:
    name: str
    first_scene: int
    speeches: int = 0
    words: int = 0
    scenes: set[int] = field(default_factory=set)


@dataclass
class _Tally:
    locations: dict[str, list[int]] = field(default_factory=dict)
    times: dict[str, list[int]] = field(default_factory=dict)
    time_groups: dict[str, TimeGroup] = field(default_factory=dict)
    speakers: dict[str, _Speaker] = field(default_factory=dict)
    dialogue_words: int = 0
    action_words: int = 0
    dialogue_lines: int = 0
    kept: dict[tuple[object, ...], _Counts] = field(default_factory=dict)
    """``_speech_counts``'s answers."""
    dual_lines: dict[object, int] = field(default_factory=dict)
    """``dual_line_count``'s answers."""


SPEECHES_KEPT = 4096
"""Distinct short dialogues whose counts one ``compute_stats`` keeps (``_speech_counts``)."""
_SHORT_PARTS = 8

_Counts = tuple[int, str, int]
"""A dialogue's words, speaker name and printed lines (alone, not in a dual column)."""


def _speech_counts(dialogue: Dialogue, kept: dict[tuple[object, ...], _Counts]) -> _Counts:
    """What a dialogue adds to the tally, kept per distinct cue and parts (short exchanges repeat;
    each answer depends on those fields alone)."""
    parts = dialogue.parts
    key: tuple[object, ...] | None = None
    if len(parts) <= _SHORT_PARTS:
        key = dialogue_key(dialogue)
        found = kept.get(key)
        if found is not None:
            return found
    spoken = [part.text for part in parts if part.type != "parenthetical"]  # speech and lyrics
    joined = "\n".join(spoken)
    # Words never run across a line break, so a dialogue without markup is counted in one split
    # (a long speech has a part per line); markup is read part by part as before.
    words = sum(map(_words, spoken)) if "*" in joined or "_" in joined else len(joined.split())
    counts = (words, normalise_cue_name(dialogue.cue.name), element_line_count(dialogue))
    if key is not None and len(kept) < SPEECHES_KEPT:
        kept[key] = counts
    return counts


def _count_speech(tally: _Tally, counts: _Counts, scene_index: int) -> int:
    words, name, _ = counts
    if name:
        speaker = tally.speakers.get(name)
        if speaker is None:
            speaker = tally.speakers[name] = _Speaker(name, scene_index)
        speaker.speeches += 1
        speaker.words += words
        speaker.scenes.add(scene_index)
    return words


_UNCOUNTED = frozenset((Transition, Shot, PageBreak, Section, Synopsis, Note))
"""Element types that add no words or lines to the tally."""


def _count_elements(tally: _Tally, scene: Scene, scene_index: int) -> None:
    between = DEFAULT_LAYOUT.blank_lines_between_elements
    kept = tally.kept
    for element in scene.elements:
        if type(element) in _UNCOUNTED:  # the exact classes: nothing to count
            continue
        if type(element) is Dialogue:
            counts = _speech_counts(element, kept)
            tally.dialogue_words += _count_speech(tally, counts, scene_index)
            tally.dialogue_lines += counts[2] + between
        elif type(element) is DualDialogue:
            left, right = _speech_counts(element.left, kept), _speech_counts(element.right, kept)
            tally.dialogue_words += _count_speech(tally, left, scene_index)
            tally.dialogue_words += _count_speech(tally, right, scene_index)
            lines = dual_line_count(element, tally.dual_lines, DEFAULT_LAYOUT)
            tally.dialogue_lines += lines + between
        elif type(element) is Action or type(element) is Centered:
            tally.action_words += _words(element.text)
        elif type(element) is Lyrics:
            tally.dialogue_words += _words(element.text)


@lru_cache(maxsize=1024)
def _time_of_day(time_of_day: str | None) -> tuple[str, TimeGroup | None]:
    """``normalise_time_of_day``, kept per text: a script names a few dozen times."""
    return normalise_time_of_day(time_of_day)


def _count(counts: list[int], eighths: int) -> None:
    counts[0] += 1
    counts[1] += eighths


def _share(counts: list[int]) -> Share:
    return Share(scenes=counts[0], eighths=counts[1])


def _add(shares: dict[str, list[int]], key: str, eighths: int) -> None:
    counts = shares.setdefault(key, [0, 0])
    counts[0] += 1
    counts[1] += eighths


def compute_stats(screenplay: Screenplay, *, count_by: SceneCounting = "master") -> ScriptStats:
    """Statistics of a paginated screenplay.

    Args:
        screenplay: a screenplay whose scenes carry pages and eighths (``pagination.paginate``).
        count_by: what ``scene_count`` counts: ``master`` scenes (one per heading) or ``numbered``
            scenes (one per number the script writes on headings and shots); both counts are
            always in the result.

    Returns:
        The statistics; an empty screenplay gives zeros and empty lists.
    """
    tally = _Tally()
    # Counted in plain lists and put in the models once: a pydantic attribute write is ~1.3 us.
    by_prefix: dict[IntExt | None, list[int]] = {key: [0, 0] for key in (*IntExt, None)}
    by_group: dict[TimeGroup, list[int]] = {group: [0, 0] for group in TimeGroup}
    previous_group: TimeGroup | None = None
    for index, scene in enumerate(screenplay.scenes):
        _count_elements(tally, scene, index)
        heading = scene.heading
        if heading is None:
            continue
        _count(by_prefix[heading.int_ext], scene.eighths)
        label, group = _time_of_day(heading.time_of_day)
        if group is None:
            group = previous_group or TimeGroup.OTHER
        elif label != "UNKNOWN":
            previous_group = group
        _count(by_group[group], scene.eighths)
        _add(tally.times, label, scene.eighths)
        tally.time_groups.setdefault(label, group)
        location = " ".join(heading.location.upper().split()) or heading.text.upper()
        _add(tally.locations, location, scene.eighths)
    int_ext = IntExtSplit(
        interior=_share(by_prefix[IntExt.INT]),
        exterior=_share(by_prefix[IntExt.EXT]),
        int_ext=_share(by_prefix[IntExt.INT_EXT]),
        unspecified=_share(by_prefix[None]),
    )
    day_night = TimeOfDaySplit(
        day=_share(by_group[TimeGroup.DAY]),
        night=_share(by_group[TimeGroup.NIGHT]),
        other=_share(by_group[TimeGroup.OTHER]),
    )
    day_night.by_time = [
        TimeOfDayCount(time=label, group=tally.time_groups[label], scenes=n, eighths=e)
        for label, (n, e) in _most_eighths(tally.times.items())
    ]
    total_eighths = sum(scene.eighths for scene in screenplay.scenes)
    master, numbered, shots = scene_counts(screenplay)
    return ScriptStats(
        title=screenplay.title,
        scene_count=numbered if count_by == "numbered" else master,
        counted_by=count_by,
        master_scene_count=master,
        numbered_scene_count=numbered,
        shot_count=shots,
        page_count=screenplay.page_count,
        title_pages=1 if screenplay.title_page else 0,
        total_eighths=total_eighths,
        int_ext=int_ext,
        time_of_day=day_night,
        locations=[
            LocationStats(name=name, scenes=n, eighths=e)
            for name, (n, e) in _most_eighths(tally.locations.items())
        ],
        characters=_character_stats(tally),
        words=_word_counts(tally),
        screen_time=_screen_time(tally, total_eighths),
    )


def scene_counts(screenplay: Screenplay) -> tuple[int, int, int]:
    """Master scenes, numbered scenes and shots of a screenplay.

    A numbered scene is a number the script writes, on a heading or on a shot (``3``, ``3-A``);
    a number written twice (a heading repeated after a page break) counts once, and a headed scene
    without a number counts as one scene of its own.
    """
    master = unnumbered = shots = 0
    numbers: set[str] = set()
    for scene in screenplay.scenes:
        if scene.heading is not None:
            master += 1
            if scene.heading.scene_number:
                numbers.add(scene.heading.scene_number)
            else:
                unnumbered += 1
        for element in scene.elements:
            if type(element) is Shot:
                shots += 1
                if element.number:
                    numbers.add(element.number)
    return master, unnumbered + len(numbers), shots


def _most_eighths(items: Iterable[tuple[str, list[int]]]) -> list[tuple[str, list[int]]]:
    return sorted(items, key=lambda item: (-item[1][1], -item[1][0], item[0]))


def _character_stats(tally: _Tally) -> list[CharacterStats]:
    speakers = sorted(
        tally.speakers.values(), key=lambda s: (-s.speeches, -s.words, s.first_scene, s.name)
    )
    return [
        CharacterStats(
            name=s.name,
            speeches=s.speeches,
            words=s.words,
            scenes=len(s.scenes),
            first_scene=s.first_scene,
        )
        for s in speakers
    ]


def _word_counts(tally: _Tally) -> WordCounts:
    dialogue, action = tally.dialogue_words, tally.action_words
    return WordCounts(
        dialogue_words=dialogue,
        action_words=action,
        dialogue_to_action_ratio=round(dialogue / action, 3) if action else None,
        dialogue_share=round(dialogue / (dialogue + action), 3) if dialogue + action else None,
    )


def _screen_time(tally: _Tally, total_eighths: int) -> ScreenTime:
    lines_per_page = DEFAULT_LAYOUT.lines_per_page
    total_lines = total_eighths * lines_per_page / 8
    other_lines = max(total_lines - tally.dialogue_lines, 0.0)
    dialogue_minutes = tally.dialogue_words / SPEAKING_RATE_WPM
    other_minutes = other_lines * SECONDS_PER_OTHER_LINE / 60
    return ScreenTime(
        page_rule_minutes=round(total_eighths / 8, 2),
        estimated_minutes=round(dialogue_minutes + other_minutes, 2),
        dialogue_minutes=round(dialogue_minutes, 2),
        other_minutes=round(other_minutes, 2),
    )
