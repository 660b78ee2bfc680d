"""A first board built by hand rules, respecting every constraint: CP-SAT's starting point, and the
answer when CP-SAT finds none in time (a very long script on a short limit).

Locked scenes go to their day first; then scenes whose cast or set leave early (their last open
day first), and among the rest day scenes before night scenes (so nights do not fall before
days), grouped by set and cast, each on the first day where it fits: pages, day/night,
cast and location availability, a child's hours, and turnaround after night work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.analysis.schedule.days import Problem


def greedy_board(problem: Problem) -> dict[int, int] | None:
    """Strip position -> day, or None when some scene fits on no day."""
    strips, production = problem.strips, problem.config.production
    n_days = len(problem.dates)
    cap = production.max_eighths_per_day
    if production.max_hours_per_day is not None:
        cap = min(cap, int(production.max_hours_per_day * 8 / production.hours_per_page))
    load = [0] * n_days
    kinds: list[set[str]] = [set() for _ in range(n_days)]
    works: list[dict[int, set[str]]] = [{} for _ in range(n_days)]
    """Per day: cast ID -> the DAY/NIGHT kinds of the scenes they work."""
    child_load = {c: [0] * n_days for c in problem.child_hours}
    child_cap = {
        c: int(hours * 8 / production.hours_per_page) for c, hours in problem.child_hours.items()
    }

    def night(d: int) -> bool:
        return "NIGHT" in kinds[d]

    def fits(s: int, d: int) -> bool:
        strip = strips[s]
        if load[d] + strip.eighths > cap:
            return False
        if not production.mix_day_night:
            other = (
                "NIGHT" if strip.day_night == "DAY" else "DAY" if strip.day_night == "NIGHT" else ""
            )
            if other and other in kinds[d]:
                return False
        if (strip.set, d) in problem.blocked_set:
            return False
        for c in strip.cast:
            if (c, d) in problem.blocked_cast:
                return False
            if c in child_load and child_load[c][d] + strip.eighths > child_cap[c]:
                return False
        if production.turnaround_after_night:
            for c in strip.cast:
                if strip.day_night != "NIGHT" and d > 0 and night(d - 1) and c in works[d - 1]:
                    return False
                # Working day d when d is (or becomes) a night day: no day scene on d + 1.
                becomes_night = night(d) or strip.day_night == "NIGHT"
                if becomes_night and d + 1 < n_days and works[d + 1].get(c, set()) - {"NIGHT"}:
                    return False
            if strip.day_night == "NIGHT" and not night(d) and d + 1 < n_days:
                for c in works[d]:  # the day turns into a night day for everyone working it
                    if works[d + 1].get(c, set()) - {"NIGHT"}:
                        return False
        return True

    def place(s: int, d: int) -> None:
        strip = strips[s]
        load[d] += strip.eighths
        kinds[d].add(strip.day_night)
        for c in strip.cast:
            works[d].setdefault(c, set()).add(strip.day_night)
            if c in child_load:
                child_load[c][d] += strip.eighths

    board: dict[int, int] = {}
    for s, (d, _) in sorted(problem.locks.items()):
        if not fits(s, d):
            return None
        place(s, d)
        board[s] = d

    def last_open(s: int) -> int:
        """The last day the scene's cast and set allow: scenes with a deadline go first."""
        strip = strips[s]
        for d in range(n_days - 1, -1, -1):
            if (strip.set, d) not in problem.blocked_set and not any(
                (c, d) in problem.blocked_cast for c in strip.cast
            ):
                return d
        return -1

    order = sorted(
        (s for s in range(len(strips)) if s not in board),
        key=lambda s: (
            last_open(s),
            strips[s].day_night == "NIGHT",
            strips[s].set,
            strips[s].cast,
            s,
        ),
    )
    for s in order:
        day = next((d for d in range(n_days) if fits(s, d)), None)
        if day is None:
            return None
        place(s, day)
        board[s] = day
    return board


def board_cost(problem: Problem, board: dict[int, int]) -> tuple[int, int, int]:
    """``(objective, hold days, company moves)`` of a board, as the day model counts them."""
    weights = problem.config.weights
    used = sorted(set(board.values()))
    held_cost = held_days = moves = 0
    for d in used:
        moves += len({problem.strips[s].set for s, day in board.items() if day == d}) - 1
    for member in problem.cast:
        days = sorted(
            {board[s] for s, strip in enumerate(problem.strips) if member.id in strip.cast}
        )
        if not days:
            continue
        held = sum(1 for d in used if days[0] < d < days[-1] and d not in days)
        held_days += held
        held_cost += problem.cost.get(member.id, 1) * held
    objective = weights.hold * held_cost + weights.move * moves + weights.day * len(used)
    return objective, held_days, moves
