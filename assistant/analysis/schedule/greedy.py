"""A first board built by hand rules, respecting every constraint: CP-SAT's starting point, and the
answer when CP-SAT finds none in time (a very long script on a short limit).

Locked scenes go to their day first; then scenes whose cast or set leave early (their last open
day first), and among the rest day scenes before night scenes (so nights do not fall before
days), grouped by set and cast, each on the first day where it fits: pages, day/night,
cast and location availability, a child's hours, and turnaround after night work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.analysis.schedule.bounds import day_cap

if TYPE_CHECKING:
    from assistant.analysis.schedule.days import Problem


class Packer:
    """Days being filled one scene at a time, with the checks every placement must pass."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        production = problem.config.production
        self.n_days = len(problem.dates)
        self.cap = day_cap(problem)
        self.load = [0] * self.n_days
        self.kinds: list[set[str]] = [set() for _ in range(self.n_days)]
        self.works: list[dict[int, set[str]]] = [{} for _ in range(self.n_days)]
        """Per day: cast ID -> the DAY/NIGHT kinds of the scenes they work."""
        self.child_load = {c: [0] * self.n_days for c in problem.child_hours}
        self.child_cap = {
            c: int(hours * 8 / production.hours_per_page)
            for c, hours in problem.child_hours.items()
        }
        self.board: dict[int, int] = {}

    def _night(self, d: int) -> bool:
        return "NIGHT" in self.kinds[d]

    def fits(self, s: int, d: int) -> bool:
        problem, strip = self.problem, self.problem.strips[s]
        production, works, n_days = problem.config.production, self.works, self.n_days
        if self.load[d] + strip.eighths > self.cap:
            return False
        if not production.mix_day_night:
            other = (
                "NIGHT" if strip.day_night == "DAY" else "DAY" if strip.day_night == "NIGHT" else ""
            )
            if other and other in self.kinds[d]:
                return False
        if (strip.set, d) in problem.blocked_set:
            return False
        for c in strip.cast:
            if (c, d) in problem.blocked_cast:
                return False
            if c in self.child_load and self.child_load[c][d] + strip.eighths > self.child_cap[c]:
                return False
        if production.turnaround_after_night:
            for c in strip.cast:
                after_night = d > 0 and self._night(d - 1) and c in works[d - 1]
                if strip.day_night != "NIGHT" and after_night:
                    return False
                # Working day d when d is (or becomes) a night day: no day scene on d + 1.
                becomes_night = self._night(d) or strip.day_night == "NIGHT"
                if becomes_night and d + 1 < n_days and works[d + 1].get(c, set()) - {"NIGHT"}:
                    return False
            if strip.day_night == "NIGHT" and not self._night(d) and d + 1 < n_days:
                for c in works[d]:  # the day turns into a night day for everyone working it
                    if works[d + 1].get(c, set()) - {"NIGHT"}:
                        return False
        return True

    def place(self, s: int, d: int) -> None:
        strip = self.problem.strips[s]
        self.load[d] += strip.eighths
        self.kinds[d].add(strip.day_night)
        for c in strip.cast:
            self.works[d].setdefault(c, set()).add(strip.day_night)
            if c in self.child_load:
                self.child_load[c][d] += strip.eighths
        self.board[s] = d

    def place_locks(self) -> bool:
        """Locked scenes on their days; False when one does not fit there."""
        for s, (d, _) in sorted(self.problem.locks.items()):
            if not self.fits(s, d):
                return False
            self.place(s, d)
        return True


def greedy_board(problem: Problem) -> dict[int, int] | None:
    """Strip position -> day, or None when some scene fits on no day."""
    strips, packer = problem.strips, Packer(problem)
    n_days = packer.n_days
    if not packer.place_locks():
        return None

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
        (s for s in range(len(strips)) if s not in packer.board),
        key=lambda s: (
            last_open(s),
            strips[s].day_night == "NIGHT",
            strips[s].set,
            strips[s].cast,
            s,
        ),
    )
    for s in order:
        day = next((d for d in range(n_days) if packer.fits(s, d)), None)
        if day is None:
            return None
        packer.place(s, day)
    return packer.board


def sequential_board(problem: Problem, order: list[int]) -> dict[int, int] | None:
    """Scenes packed in ``order`` into days one after another (a new day when the scene does not
    fit on the current one), so that the order's neighbours share days; a scene that fits on no
    later day takes the first earlier day it fits. None when some scene fits nowhere."""
    packer = Packer(problem)
    if not packer.place_locks():
        return None
    day = 0
    for s in order:
        if s in packer.board:
            continue
        later = next((d for d in range(day, packer.n_days) if packer.fits(s, d)), None)
        if later is None:
            later = next((d for d in range(day) if packer.fits(s, d)), None)
            if later is None:
                return None
        else:
            day = later
        packer.place(s, later)
    return packer.board


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


def packed_guess(problem: Problem) -> dict[int, int]:
    """Day scenes, then night scenes, grouped by set and cast, packed into days in turn up to the
    page limit, ignoring every other constraint: a hint for CP-SAT when no board fits."""
    strips = problem.strips
    cap = problem.config.production.max_eighths_per_day
    order = sorted(range(len(strips)), key=lambda s: (strips[s].day_night == "NIGHT",
                   strips[s].set, strips[s].cast, s))  # fmt: skip
    day, load, kind = 0, 0, strips[order[0]].day_night if order else "DAY"
    n_days = len(problem.dates)
    assigned: dict[int, int] = {}
    for s in order:
        new_kind = strips[s].day_night != kind and "OTHER" not in (kind, strips[s].day_night)
        if load and (load + strips[s].eighths > cap or new_kind):
            day, load = min(day + 1, n_days - 1), 0
        kind = strips[s].day_night
        assigned[s] = day
        load += strips[s].eighths
    return assigned
