"""The stripboard: one strip per headed scene, coloured by INT/EXT and DAY/NIGHT, with its eighths,
set and cast IDs.

Cast is the breakdown's (``scene_cast_names`` and ``rank_cast`` of ``breakdown/cast.py``: every
character on screen, speaking or not, numbered by importance: most scenes first, ties by first
scene, then name), so a strip's cast IDs are those of the scene's breakdown sheet.

Colours follow the common stripboard convention: INT DAY white, EXT DAY yellow, INT NIGHT blue,
EXT NIGHT green. INT/EXT takes the EXT colour (it needs the exterior light); a time that is neither
day nor night (DAWN, DUSK, MAGIC HOUR, unknown) is shown in the DAY colours, and a continuity time
(CONTINUOUS, LATER, SAME) takes the group of the scene before.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from assistant.analysis.breakdown.cast import rank_cast, scene_cast_names
from assistant.script.model import IntExt, Screenplay
from assistant.script.stats import TimeGroup, normalise_time_of_day

DayNight = Literal["DAY", "NIGHT", "OTHER"]

STRIP_COLOURS: dict[tuple[str, str], str] = {
    ("INT", "DAY"): "#ffffff",
    ("EXT", "DAY"): "#fff27a",
    ("INT", "NIGHT"): "#8fb8ff",
    ("EXT", "NIGHT"): "#9be29b",
}
"""(INT|EXT, DAY|NIGHT) -> the strip's colour (hex)."""


class CastMember(BaseModel):
    id: int
    """1 = the character in most scenes."""
    name: str
    scenes: int
    first_scene: int
    """0-based index into ``screenplay.scenes``."""


class Strip(BaseModel):
    """One scene on the board."""

    index: int
    """0-based position in ``screenplay.scenes``."""
    label: str
    """The scene number people see (``Screenplay.scene_labels``)."""
    heading: str
    int_ext: Literal["INT", "EXT", "INT/EXT", ""]
    day_night: DayNight
    time_of_day: str
    set: str
    eighths: int
    cast: list[int]
    """Cast IDs, ascending."""
    colour: str


def cast_from_screenplay(screenplay: Screenplay) -> tuple[list[CastMember], dict[int, set[str]]]:
    """The cast numbered as the breakdown numbers it, and the cast names of each headed scene
    (by index): the breakdown's cast per scene (speaking or not, the She/He carry included), so
    that sheets, stripboard, day-out-of-days and call sheets share one set of cast IDs."""
    per_scene = scene_cast_names(screenplay)
    scene_cast = {
        index: set(names)
        for index, (scene, names) in enumerate(zip(screenplay.scenes, per_scene, strict=True))
        if scene.heading is not None
    }
    ranked = rank_cast([names if i in scene_cast else [] for i, names in enumerate(per_scene)])
    cast = [
        CastMember(id=i + 1, name=name, scenes=scenes, first_scene=first)
        for i, (name, scenes, first) in enumerate(ranked)
    ]
    return cast, scene_cast


def build_strips(screenplay: Screenplay) -> tuple[list[Strip], list[CastMember]]:
    """Every headed scene as a strip, in script order, and the numbered cast."""
    cast, speakers = cast_from_screenplay(screenplay)
    ids = {member.name: member.id for member in cast}
    labels = screenplay.scene_labels()
    strips: list[Strip] = []
    previous: DayNight = "DAY"
    for index, scene in enumerate(screenplay.scenes):
        heading = scene.heading
        if heading is None:
            continue
        label, group = normalise_time_of_day(heading.time_of_day)
        day_night: DayNight
        if group is None:
            day_night = previous
        elif group == TimeGroup.NIGHT:
            day_night = "NIGHT"
        elif group == TimeGroup.DAY:
            day_night = "DAY"
        else:
            day_night = "OTHER"
        previous = day_night
        int_ext = heading.int_ext.value if heading.int_ext else ""
        light = "EXT" if heading.int_ext in (IntExt.EXT, IntExt.INT_EXT) else "INT"
        colour = STRIP_COLOURS[(light, "NIGHT" if day_night == "NIGHT" else "DAY")]
        strips.append(
            Strip(
                index=index,
                label=labels[index] or str(index),
                heading=heading.text,
                int_ext=int_ext,
                day_night=day_night,
                time_of_day=label,
                set=(heading.location or heading.text).strip().upper(),
                eighths=max(1, scene.eighths),
                cast=sorted(ids[name] for name in speakers[index]),
                colour=colour,
            )
        )
    return strips, cast
