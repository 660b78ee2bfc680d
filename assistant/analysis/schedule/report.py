"""The schedule report: stripboard, shooting days, day-out-of-days and call sheets (JSON contract
``schedule.v1``, docs/schedule.md)."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Literal

from pydantic import BaseModel

from assistant.analysis.schedule.config import ScheduleConfig
from assistant.analysis.schedule.day_model import DaySolution, solve_days
from assistant.analysis.schedule.days import Problem, build_problem
from assistant.analysis.schedule.strips import CastMember, Strip, build_strips
from assistant.script.model import Screenplay

SCHEDULE_VERSION = "schedule.v1"

DoodCode = Literal["SW", "W", "WF", "SWF", "H", "T", ""]


class ShootingDay(BaseModel):
    number: int
    """1-based."""
    date: dt.date
    strips: list[int]
    """Positions in ``stripboard``."""
    eighths: int
    sets: list[str]
    day_night: Literal["DAY", "NIGHT", "MIXED"]


class DoodRow(BaseModel):
    """One cast member's day-out-of-days: a code per shooting day and the totals."""

    cast_id: int
    name: str
    codes: list[DoodCode]
    worked: int
    held: int
    travel: int
    start: dt.date
    finish: dt.date


class CallTime(BaseModel):
    cast_id: int
    name: str
    call: dt.time


class CallSheet(BaseModel):
    day: int
    of_days: int
    date: dt.date
    crew_call: dt.time
    scenes: list[int]
    """Positions in ``stripboard``."""
    eighths: int
    cast: list[CallTime]
    locations: list[str]
    sunrise: str = ""
    """Left blank for the user (Slate has no almanac)."""
    sunset: str = ""
    notes: list[str]


class ScheduleReport(BaseModel):
    version: str = SCHEDULE_VERSION
    title: str | None
    status: Literal["optimal", "feasible", "infeasible", "unknown"]
    objective: int | None
    bound: int | None
    gap: float | None
    seconds: float
    cancelled: bool = False
    """Stopped by the caller before its time limit: the best schedule found so far."""
    weights: dict[str, int]
    hold_days: int
    company_moves: int
    conflicts: list[str]
    stripboard: list[Strip]
    cast: list[CastMember]
    days: list[ShootingDay]
    day_out_of_days: list[DoodRow]
    call_sheets: list[CallSheet]


def schedule_screenplay(
    screenplay: Screenplay,
    config: ScheduleConfig,
    *,
    time_limit: float = 30.0,
    workers: int = 2,
    cancel: threading.Event | None = None,
) -> ScheduleReport:
    """Strips from the script, the best schedule CP-SAT finds in ``time_limit`` (or by the time
    ``cancel`` is set), and its reports.

    Raises:
        AnalysisError: fewer than two headed scenes, or the config names what the script lacks.
        ScheduleCancelledError: cancelled before any schedule was found.
    """
    strips, cast = build_strips(screenplay)
    problem = build_problem(strips, cast, config)
    solution = solve_days(problem, time_limit=time_limit, workers=workers, cancel=cancel)
    days = _shooting_days(problem, solution)
    return ScheduleReport(
        title=screenplay.title,
        status=solution.status,
        objective=solution.objective,
        bound=solution.bound,
        gap=solution.gap,
        seconds=solution.seconds,
        cancelled=solution.cancelled,
        weights=config.weights.model_dump(),
        hold_days=solution.hold_days,
        company_moves=solution.company_moves,
        conflicts=solution.conflicts,
        stripboard=strips,
        cast=cast,
        days=days,
        day_out_of_days=day_out_of_days(problem, days),
        call_sheets=[_call_sheet(problem, day, len(days)) for day in days],
    )


def _shooting_days(problem: Problem, solution: DaySolution) -> list[ShootingDay]:
    days = []
    for number, positions in enumerate(solution.days, start=1):
        strips = [problem.strips[p] for p in positions]
        kinds = {s.day_night for s in strips} - {"OTHER"}
        day_night: Literal["DAY", "NIGHT", "MIXED"] = (
            "MIXED" if len(kinds) > 1 else "NIGHT" if kinds == {"NIGHT"} else "DAY"
        )
        days.append(
            ShootingDay(
                number=number,
                date=problem.dates[solution.dates[number - 1]],
                strips=positions,
                eighths=sum(s.eighths for s in strips),
                sets=list(dict.fromkeys(s.set for s in strips)),
                day_night=day_night,
            )
        )
    return days


def day_out_of_days(problem: Problem, days: list[ShootingDay]) -> list[DoodRow]:
    """SW start work, W work, WF work finish, SWF start-work-finish (one day), H hold (paid, not
    working, between first and last work day), T travel (the day before the start and after the
    finish, for cast with ``travel``); a blank is a day the member is not engaged."""
    rows = []
    for member in problem.cast:
        worked = [
            i
            for i, day in enumerate(days)
            if any(member.id in problem.strips[p].cast for p in day.strips)
        ]
        if not worked:
            continue
        first, last = worked[0], worked[-1]
        codes: list[DoodCode] = [""] * len(days)
        for i in range(first, last + 1):
            codes[i] = "W" if i in worked else "H"
        codes[first], codes[last] = "SW", "WF"
        if first == last:
            codes[first] = "SWF"
        travel = 0
        if member.id in problem.travel:
            travel = 2
            if first > 0:
                codes[first - 1] = "T"
            if last + 1 < len(days):
                codes[last + 1] = "T"
        rows.append(
            DoodRow(
                cast_id=member.id, name=member.name, codes=codes, worked=len(worked),
                held=last - first + 1 - len(worked), travel=travel,
                start=days[first].date, finish=days[last].date,
            )
        )  # fmt: skip
    return rows


def _call_sheet(problem: Problem, day: ShootingDay, total: int) -> CallSheet:
    """Crew call from the config; each member is called for their first scene of the day,
    estimated from the hours of the scenes before it (``hours_per_page``), to the quarter hour."""
    crew_call = problem.config.production.crew_call
    start = dt.datetime.combine(day.date, crew_call)
    calls: dict[int, dt.time] = {}
    elapsed = 0.0
    for position in day.strips:
        strip = problem.strips[position]
        for member in strip.cast:
            if member not in calls:
                at = start + dt.timedelta(minutes=int(elapsed * 60) // 15 * 15)
                calls[member] = at.time()
        elapsed += problem.hours(strip)
    names = {member.id: member.name for member in problem.cast}
    notes = [note.text for note in problem.config.note if note.date == day.date]
    for member in sorted(calls):
        if member in problem.child_hours:
            notes.append(
                f"{names[member]} is a minor: at most {problem.child_hours[member]:g} h on set"
            )
    return CallSheet(
        day=day.number,
        of_days=total,
        date=day.date,
        crew_call=crew_call,
        scenes=day.strips,
        eighths=day.eighths,
        cast=[CallTime(cast_id=m, name=names[m], call=calls[m]) for m in sorted(calls)],
        locations=day.sets,
        notes=notes,
    )


def eighths_text(eighths: int) -> str:
    """Pages as a stripboard writes them: ``2 3/8``, ``7/8``, ``1``."""
    pages, rest = divmod(eighths, 8)
    if not rest:
        return str(pages)
    return f"{pages} {rest}/8" if pages else f"{rest}/8"
