"""Valid lower bounds on what any schedule needs, added to the day model as redundant constraints
so that CP-SAT's linear relaxation (and so its proved bound) starts from them.

- Days: DAY and NIGHT scenes are shot on different days unless ``mix_day_night``, so the days
  needed are ``ceil(day eighths / cap) + ceil(night eighths / cap)``, not only
  ``ceil(all eighths / cap)``. Scenes of neither kind (``OTHER``) go with either; they are left
  out of the split, which keeps the bound valid.
- Set-days: a set is on at least ``ceil(its eighths / cap)`` days (split by kind the same way).
  With company moves counted as the sets of a day beyond the first, ``moves >= set-days - days``,
  so the objective is at least ``day x days + move x (set-days - days)``: on the 120-page
  benchmark this lifts the proved bound from the page-count bound (25 days x 50 = 1250) to 1530.

- Forced holds (``forced_holds``): a scene that can go on one day only (locked, or every other day
  blocked for its set or cast) makes that day a shooting day in every schedule. A member with such
  scenes on two days is paid for every shooting day between; one of those days that is itself a
  forced shooting day without them is a hold unless one of their other scenes goes there (one
  scene fills one day), and a hold for certain when they are unavailable on it.

Beyond these, hold days have no static bound: calendar days off cost nothing, so one member's (or
two members') scenes can always be shot on consecutive shooting days; holds come only from the
trade-off with days and moves, which only the search (CP-SAT's or the talent-scheduling
branch-and-bound's) can price. On a board without locks the hold term of the bound stays 0.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.analysis.schedule.days import Problem


def day_cap(problem: Problem) -> int:
    """Most eighths in one shooting day (pages, or hours through ``hours_per_page``)."""
    return max(1, problem.config.production.eighths_per_day)


def _kind_days(eighths: dict[str, int], cap: int, mixed: bool) -> int:
    """Days that ``eighths`` by kind (``DAY``, ``NIGHT``, ``OTHER``) need at ``cap`` a day."""
    total = sum(eighths.values())
    if total == 0:
        return 0
    together = math.ceil(total / cap)
    if mixed:
        return together
    apart = sum(math.ceil(eighths.get(kind, 0) / cap) for kind in ("DAY", "NIGHT"))
    return max(together, apart)


def min_days(problem: Problem) -> int:
    """Shooting days that the pages need."""
    eighths: dict[str, int] = {}
    for strip in problem.strips:
        eighths[strip.day_night] = eighths.get(strip.day_night, 0) + strip.eighths
    return _kind_days(eighths, day_cap(problem), problem.config.production.mix_day_night)


def min_set_days(problem: Problem) -> dict[str, int]:
    """Set -> the days it is at least used on (1 for a set of only zero-length scenes)."""
    by_set: dict[str, dict[str, int]] = {}
    for strip in problem.strips:
        kinds = by_set.setdefault(strip.set, {})
        kinds[strip.day_night] = kinds.get(strip.day_night, 0) + strip.eighths
    cap, mixed = day_cap(problem), problem.config.production.mix_day_night
    return {name: max(1, _kind_days(kinds, cap, mixed)) for name, kinds in by_set.items()}


def days_and_moves_bound(problem: Problem) -> int:
    """Least ``day x days + move x moves`` of any schedule (the objective's hold term is >= 0)."""
    weights = problem.config.weights
    set_days = sum(min_set_days(problem).values())
    least = min_days(problem)
    return min(
        weights.day * days + weights.move * max(0, set_days - days)
        for days in range(least, max(least, set_days) + 1)
    )


def forced_days(problem: Problem) -> dict[int, int]:
    """Strip position -> the one day it can be shot on (locked, or every other day blocked)."""
    n_days = len(problem.dates)
    forced = {s: d for s, (d, _) in problem.locks.items()}
    for s, strip in enumerate(problem.strips):
        if s in forced:
            continue
        open_days = [
            d
            for d in range(n_days)
            if (strip.set, d) not in problem.blocked_set
            and not any((c, d) in problem.blocked_cast for c in strip.cast)
        ]
        if len(open_days) == 1:
            forced[s] = open_days[0]
    return forced


def forced_holds(problem: Problem) -> dict[int, int]:
    """Cast ID -> hold days that every schedule gives them (see the module's docstring)."""
    forced = forced_days(problem)
    shooting = set(forced.values())
    holds: dict[int, int] = {}
    for member in problem.cast:
        c = member.id
        mine = [s for s, strip in enumerate(problem.strips) if c in strip.cast]
        pinned = {forced[s] for s in mine if s in forced}
        if len(pinned) < 2:
            continue
        low, high = min(pinned), max(pinned)
        inside = [d for d in shooting if low < d < high and d not in pinned]
        blocked = sum(1 for d in inside if (c, d) in problem.blocked_cast)
        free_scenes = sum(1 for s in mine if s not in forced)
        held = blocked + max(0, len(inside) - blocked - free_scenes)
        if held:
            holds[c] = held
    return holds


def add_days_off_rule(model: Any, problem: Problem, used: list[Any], night: list[Any]) -> None:
    """Symmetry breaking: among consecutive calendar days that no constraint tells apart (no
    lock, no member or set unavailable), days off do not come before shooting days. Moving the
    rest of such a run's shooting days one day forward into a day off keeps their order, so holds,
    moves and days are the same; only the turnaround rule looks at the next calendar day, and it
    can only object when the day before the day off is a night shooting day. So a day off ``d``
    followed by a shooting day ``d + 1`` (both in one run) is allowed only after a night shooting
    day (turnaround on), or never (turnaround off). ``improve.compact_board`` makes a hint meet it.
    """
    turnaround = problem.config.production.turnaround_after_night
    marked = {d for _, d in problem.blocked_cast} | {d for _, d in problem.blocked_set}
    marked |= {d for d, _ in problem.locks.values()}
    for d in range(len(used) - 1):
        if d in marked or d + 1 in marked:
            continue
        if not turnaround or d == 0:
            model.add_implication(used[d + 1], used[d])
        else:
            model.add_bool_and([used[d - 1], night[d - 1]]).only_enforce_if([used[d + 1], ~used[d]])
