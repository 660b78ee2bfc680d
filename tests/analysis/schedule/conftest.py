"""Strips built by hand, so each constraint of the day model can be tested on its own."""

from __future__ import annotations

from assistant.analysis.schedule.strips import STRIP_COLOURS, CastMember, Strip

CAST = ["NELL", "OSCAR", "PIP", "BRANDT"]


def strip(position: int, cast: list[int], *, night: bool = False, place: str = "PIER",
          eighths: int = 8, ext: bool = False) -> Strip:  # fmt: skip
    light = "EXT" if ext else "INT"
    return Strip(
        index=position,
        label=str(position + 1),
        heading=f"{light}. {place} - {'NIGHT' if night else 'DAY'}",
        int_ext=light,  # type: ignore[arg-type]
        day_night="NIGHT" if night else "DAY",
        time_of_day="NIGHT" if night else "DAY",
        set=place,
        eighths=eighths,
        cast=sorted(cast),
        colour=STRIP_COLOURS[(light, "NIGHT" if night else "DAY")],
    )


def cast_of(strips: list[Strip]) -> list[CastMember]:
    used = sorted({c for s in strips for c in s.cast})
    return [
        CastMember(id=c, name=CAST[c - 1], scenes=sum(c in s.cast for s in strips),
                   first_scene=next(s.index for s in strips if c in s.cast))
        for c in used
    ]  # fmt: skip
