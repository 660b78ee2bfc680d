"""The problem the day model solves: strips, cast rules and calendar days, checked and indexed.

Kept apart from the CP-SAT model so that what each constraint means (which actor cannot work which
day, which scene is locked where) is plain Python the model and its tests share.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from assistant.analysis.schedule.config import CastRule, LocationRule, ScheduleConfig
from assistant.analysis.schedule.strips import CastMember, Strip
from assistant.errors import AnalysisError


def shooting_dates(start: dt.date, count: int, *, weekends: bool) -> list[dt.date]:
    """``count`` shooting dates from ``start`` (weekends skipped unless ``weekends``)."""
    dates: list[dt.date] = []
    day = start
    while len(dates) < count:
        if weekends or day.weekday() < 5:
            dates.append(day)
        day += dt.timedelta(days=1)
    return dates


def next_monday(today: dt.date | None = None) -> dt.date:
    today = today or dt.date.today()
    return today + dt.timedelta(days=(7 - today.weekday()) or 7)


@dataclass
class Problem:
    """Everything the day model needs, with names resolved to indices."""

    strips: list[Strip]
    cast: list[CastMember]
    config: ScheduleConfig
    dates: list[dt.date]
    cost: dict[int, int] = field(default_factory=dict)
    """Cast ID -> cost of a paid day."""
    blocked_cast: dict[tuple[int, int], str] = field(default_factory=dict)
    """(cast ID, day) -> why that member cannot work that day."""
    blocked_set: dict[tuple[str, int], str] = field(default_factory=dict)
    """(set, day) -> why the set cannot be used that day."""
    locks: dict[int, tuple[int, str]] = field(default_factory=dict)
    """Strip position -> (day, description)."""
    child_hours: dict[int, float] = field(default_factory=dict)
    """Cast ID -> a child's hours a day."""
    travel: set[int] = field(default_factory=set)

    def hours(self, strip: Strip) -> float:
        return strip.eighths / 8 * self.config.production.hours_per_page

    def day_of(self, date: dt.date) -> int | None:
        return self.dates.index(date) if date in self.dates else None


def build_problem(strips: list[Strip], cast: list[CastMember], config: ScheduleConfig) -> Problem:
    """Resolve the config against the script: names to cast IDs and sets, dates to days.

    Raises:
        AnalysisError: no scene to schedule, or the config names a cast member, set or scene the
            script does not have, or locks a scene to a date that is not a shooting day.
    """
    if len(strips) < 2:
        raise AnalysisError(
            "Nothing to schedule: the script has "
            f"{'one scene' if strips else 'no scene headings'} (a schedule orders two or more "
            "headed scenes; add INT./EXT. headings)"
        )
    production = config.production
    start = production.start or next_monday()
    total = sum(s.eighths for s in strips)
    need = math.ceil(total / production.max_eighths_per_day)
    count: int = production.max_days or min(len(strips), need + need // 2 + 5)
    problem = Problem(
        strips, cast, config, shooting_dates(start, count, weekends=production.weekends)
    )
    ids = {member.name: member.id for member in cast}
    problem.cost = {member.id: 1 for member in cast}
    for rule in config.cast:
        member = ids.get(rule.name.strip().upper())
        if member is None:
            raise AnalysisError(f"Schedule config: cast {rule.name!r} does not speak in the script")
        problem.cost[member] = rule.cost
        for day, why in _blocked_days(problem.dates, rule):
            problem.blocked_cast[(member, day)] = f"{rule.name.upper()} {why}"
        if rule.child or rule.max_hours is not None:
            problem.child_hours[member] = rule.max_hours or 5.0
        if rule.travel:
            problem.travel.add(member)
    sets = {strip.set for strip in strips}
    for place in config.location:
        matching = [s for s in sets if s == place.name.upper() or s.startswith(place.name.upper())]
        if not matching:
            raise AnalysisError(f"Schedule config: no scene is set at location {place.name!r}")
        for day, why in _blocked_days(problem.dates, place):
            for name in matching:
                problem.blocked_set[(name, day)] = f"location {place.name.upper()} {why}"
    labels = {strip.label: position for position, strip in enumerate(strips)}
    for lock in config.lock:
        if lock.scene not in labels:
            raise AnalysisError(
                f"Schedule config: lock names scene {lock.scene}, not in the script"
            )
        locked_day = problem.day_of(lock.date)
        if locked_day is None:
            raise AnalysisError(
                f"Schedule config: scene {lock.scene} is locked to {lock.date}, which is not one "
                f"of the {count} shooting days ({problem.dates[0]} to {problem.dates[-1]})"
            )
        problem.locks[labels[lock.scene]] = (
            locked_day,
            f"scene {lock.scene} locked to {lock.date}",
        )
    return problem


def _blocked_days(dates: list[dt.date], rule: CastRule | LocationRule) -> list[tuple[int, str]]:
    blocked = []
    for day, date in enumerate(dates):
        if date in rule.unavailable:
            blocked.append((day, f"unavailable on {date}"))
        elif rule.available_from and date < rule.available_from:
            blocked.append((day, f"available from {rule.available_from} (not {date})"))
        elif rule.available_until and date > rule.available_until:
            blocked.append((day, f"available until {rule.available_until} (not {date})"))
    return blocked
