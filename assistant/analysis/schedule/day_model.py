"""The shooting schedule as a CP-SAT model: scenes to days, under the production's constraints.

Variables: ``x[s, d]`` scene ``s`` is shot on day ``d``; ``works[c, d]`` cast member ``c`` works
day ``d``; ``first[c]``/``last[c]`` their first and last work day; ``used[d]`` day ``d`` is a
shooting day (something is shot on it); ``night[d]`` day ``d`` is a night day. Hold days count
shooting days only: a calendar day with nothing to shoot is a day off for everyone.

Objective (weights in ``[weights]``): ``hold`` x sum over cast of cost x hold days (days between
first and last work day not worked: the talent-scheduling objective, see talent.py) + ``move`` x
company moves (sets in one day beyond the first) + ``day`` x shooting days.

Every constraint that can make the problem infeasible is added under an enforcement literal named
for what it is (a lock, a member's unavailable day, a child's hours, ...). When there is no
schedule, the model is solved again with those literals as assumptions and CP-SAT's sufficient
assumptions for infeasibility name the constraints that together allow none.
"""

from __future__ import annotations

import math
import threading
import time
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from assistant.analysis.schedule.bounds import (
    add_days_off_rule,
    day_cap,
    days_and_moves_bound,
    forced_holds,
    min_days,
    min_set_days,
)
from assistant.analysis.schedule.greedy import board_cost, greedy_board, packed_guess
from assistant.analysis.schedule.hint import hint_board
from assistant.analysis.schedule.improve import compact_board, improve_board, ordered_board
from assistant.errors import ScheduleCancelledError

if TYPE_CHECKING:
    from assistant.analysis.schedule.days import Problem


class DaySolution(BaseModel):
    status: Literal["optimal", "feasible", "infeasible", "unknown"]
    days: list[list[int]]
    """Per shooting day, the strip positions shot that day, grouped by set."""
    dates: list[int]
    """Per shooting day, its index into the problem's calendar (``Problem.dates``); calendar days
    with nothing to shoot (waiting for a lock or a location) are days off."""
    objective: int | None
    bound: int | None
    gap: float | None
    """``(objective - bound) / objective``; 0 when proved optimal."""
    hold_days: int
    company_moves: int
    conflicts: list[str]
    """When infeasible: constraints that together allow no schedule."""
    seconds: float
    cancelled: bool = False
    """Stopped by the caller's cancel event before the time limit: the best schedule found so far
    (``status`` feasible, not proved), with the bound reached by then."""


class _Builder:
    """One model; with ``explain`` every guarded constraint hangs on an assumption literal."""

    def __init__(self, problem: Problem, explain: bool) -> None:
        from ortools.sat.python import cp_model

        self.problem, self.explain = problem, explain
        self.model = cp_model.CpModel()
        self.guards: dict[int, str] = {}
        self.literals: dict[str, Any] = {}
        self.at: dict[tuple[str, int], Any] = {}
        """(set, day) -> the company is at that set that day."""

    def guard(self, name: str) -> list[Any]:
        """Enforcement literals for a constraint called ``name`` (none unless explaining)."""
        if not self.explain:
            return []
        if name not in self.literals:
            literal = self.model.new_bool_var(name)
            self.literals[name] = literal
            self.guards[literal.index] = name
        return [self.literals[name]]

    def build(self) -> None:
        p, m = self.problem, self.model
        production, strips = p.config.production, p.strips
        n_days, scenes = len(p.dates), range(len(strips))
        self.x = {(s, d): m.new_bool_var(f"x{s}_{d}") for s in scenes for d in range(n_days)}
        self.used = [m.new_bool_var(f"used{d}") for d in range(n_days)]
        for s in scenes:
            m.add_exactly_one(self.x[s, d] for d in range(n_days))
        for d in range(n_days):  # a calendar day is a shooting day when something is shot
            m.add_max_equality(self.used[d], [self.x[s, d] for s in scenes])
        cap = day_cap(self.problem)
        # Redundant, for the bound: the pages need at least this many days.
        m.add(sum(self.used) >= -(-sum(strip.eighths for strip in strips) // cap))
        for d in range(n_days):
            load = sum(strips[s].eighths * self.x[s, d] for s in scenes)
            m.add(load <= cap).only_enforce_if(self.guard(f"at most {cap} eighths a day"))
        self.night = [m.new_bool_var(f"night{d}") for d in range(n_days)]
        for s in scenes:
            for d in range(n_days):
                if strips[s].day_night == "NIGHT":
                    m.add_implication(self.x[s, d], self.night[d])
                elif strips[s].day_night == "DAY" and not production.mix_day_night:
                    m.add_bool_or([~self.x[s, d], ~self.night[d]]).only_enforce_if(
                        self.guard("DAY and NIGHT scenes not mixed in one day")
                    )
        for (member, d), why in p.blocked_cast.items():
            for s in scenes:
                if member in strips[s].cast:
                    m.add(self.x[s, d] == 0).only_enforce_if(self.guard(why))
        for (name, d), why in p.blocked_set.items():
            for s in scenes:
                if strips[s].set == name:
                    m.add(self.x[s, d] == 0).only_enforce_if(self.guard(why))
        for s, (d, why) in p.locks.items():
            m.add(self.x[s, d] == 1).only_enforce_if(self.guard(why))
        self._cast(n_days)
        self._moves(n_days)
        if not self.explain:  # they rest on guarded constraints: an explanation could miss those
            self._redundant(n_days)

    def _redundant(self, n_days: int) -> None:
        """Constraints every schedule meets, for the bound (bounds.py)."""
        p, m = self.problem, self.model
        m.add(sum(self.used) >= min_days(p))
        for name, least in min_set_days(p).items():
            m.add(sum(self.at[name, d] for d in range(n_days)) >= least)
        weights = p.config.weights
        m.add(
            weights.day * sum(self.used) + weights.move * sum(self.moves) >= days_and_moves_bound(p)
        )
        for c, least in forced_holds(p).items():
            m.add(self.held[c] >= least)
        self._interchangeable_days(n_days)

    def _interchangeable_days(self, n_days: int) -> None:
        """Symmetry breaking: the days-off rule (``bounds.add_days_off_rule``)."""
        add_days_off_rule(self.model, self.problem, self.used, self.night)

    def _cast(self, n_days: int) -> None:
        p, m, strips = self.problem, self.model, self.problem.strips
        names = {member.id: member.name for member in p.cast}
        self.works: dict[tuple[int, int], Any] = {}
        self.hold: list[Any] = []
        self.held: dict[int, Any] = {}
        """Cast ID -> their hold days."""
        self.span: dict[int, tuple[Any, Any]] = {}
        """Cast ID -> (first, last) work day."""
        self.daily: dict[tuple[int, int], tuple[Any, Any, Any]] = {}
        """(cast ID, day) -> (started, ongoing, held that day)."""
        for member in p.cast:
            c = member.id
            mine = [s for s, strip in enumerate(strips) if c in strip.cast]
            if not mine:
                continue
            first = m.new_int_var(0, n_days - 1, f"first{c}")
            last = m.new_int_var(0, n_days - 1, f"last{c}")
            self.span[c] = (first, last)
            for d in range(n_days):
                works = self.works[c, d] = m.new_bool_var(f"works{c}_{d}")
                m.add_max_equality(works, [self.x[s, d] for s in mine])
                m.add(first <= d).only_enforce_if(works)
                m.add(last >= d).only_enforce_if(works)
            # Held on a shooting day between first and last work day that they do not work.
            held_days = []
            for d in range(n_days):
                started = m.new_bool_var(f"started{c}_{d}")
                m.add(first <= d).only_enforce_if(started)
                m.add(first > d).only_enforce_if(~started)
                ongoing = m.new_bool_var(f"ongoing{c}_{d}")
                m.add(last >= d).only_enforce_if(ongoing)
                m.add(last < d).only_enforce_if(~ongoing)
                held_day = m.new_bool_var(f"held{c}_{d}")
                m.add_bool_or([~started, ~ongoing, ~self.used[d], self.works[c, d], held_day])
                held_days.append(held_day)
                self.daily[c, d] = (started, ongoing, held_day)
            held = m.new_int_var(0, n_days, f"held{c}")
            m.add(held == sum(held_days))
            self.hold.append((p.cost.get(c, 1), held))
            self.held[c] = held
            if c in p.child_hours:
                hours = p.child_hours[c]
                cap = int(hours * 8 / p.config.production.hours_per_page)
                for d in range(n_days):
                    m.add(
                        sum(strips[s].eighths * self.x[s, d] for s in mine) <= cap
                    ).only_enforce_if(
                        self.guard(f"{names[c]} (a child) works at most {hours:g} hours a day")
                    )
            if p.config.production.turnaround_after_night:
                day_scenes = [s for s in mine if strips[s].day_night != "NIGHT"]
                why = f"turnaround: {names[c]} shoots no day scene the day after night work"
                for d in range(n_days - 1):
                    for s in day_scenes:
                        m.add(
                            self.works[c, d] + self.night[d] + self.x[s, d + 1] <= 2
                        ).only_enforce_if(self.guard(why))

    def _moves(self, n_days: int) -> None:
        m, strips = self.model, self.problem.strips
        sets = sorted({strip.set for strip in strips})
        self.moves = []
        at = self.at
        for d in range(n_days):
            for name in sets:
                here = at[name, d] = m.new_bool_var(f"at{name}_{d}")
                m.add_max_equality(
                    here, [self.x[s, d] for s, st in enumerate(strips) if st.set == name]
                )
            move = m.new_int_var(0, len(sets), f"moves{d}")
            # "- used" rather than "- 1": the same on a shooting day, and 0 on a day off, which
            # keeps the relaxation from spending a day off's -1 (bounds.py).
            m.add(move >= sum(at[name, d] for name in sets) - self.used[d])
            self.moves.append(move)

    def objective(self) -> Any:
        weights = self.problem.config.weights
        return (
            weights.hold * sum(cost * held for cost, held in self.hold)
            + weights.move * sum(self.moves)
            + weights.day * sum(self.used)
        )


_SEARCH_SHARE, _SEARCH_MAX = 0.08, 5.0
"""Share of the time limit (and most seconds) spent improving the greedy board before CP-SAT."""


def solve_days(
    problem: Problem,
    *,
    time_limit: float = 30.0,
    workers: int = 2,
    cancel: threading.Event | None = None,
) -> DaySolution:
    """The best schedule found in ``time_limit`` seconds, or why there is none.

    Setting ``cancel`` stops the search within a fraction of a second: the best schedule found so
    far comes back with ``cancelled`` True (the starting board when CP-SAT has found none yet).

    Raises:
        ScheduleCancelledError: cancelled before any schedule was found.
    """
    from ortools.sat.python import cp_model

    started = time.monotonic()
    builder = _Builder(problem, explain=False)
    builder.build()
    builder.model.minimize(builder.objective())
    board = greedy_board(problem)
    if board is not None:  # a better start for CP-SAT (improve.py), for a share of the time
        share = min(_SEARCH_SHARE * time_limit, _SEARCH_MAX)
        board = ordered_board(problem, board, share * 0.6, workers, cancel)
        if board is not None:
            board = improve_board(problem, board, share * 0.4, cancel=cancel)
    if board is not None:  # a hint that breaks the days-off rule would be no solution
        board = compact_board(problem, board)
    _hint(builder, board)
    solver = cp_model.CpSolver()
    # The limit covers building the model too: the solver gets what is left of it, less a margin
    # for CP-SAT's last step and the report (they took 2-4 s past a 60 s limit on 180 scenes).
    left = time_limit - (time.monotonic() - started) - min(4.0, 0.06 * time_limit)
    solver.parameters.max_time_in_seconds = max(0.1, left)
    solver.parameters.num_workers = workers
    if cancel is not None and cancel.is_set():
        return _cancelled(problem, board, math.inf, started)
    status = _solve(solver, builder.model, cancel)
    cancelled = cancel is not None and cancel.is_set() and status != cp_model.OPTIMAL
    n_days = len(problem.dates)
    # CP-SAT does not always keep its hint: on a big board it can stop at a worse schedule.
    if (
        status == cp_model.FEASIBLE
        and board is not None
        and board_cost(problem, board)[0] < solver.objective_value
    ):
        solution = _board_solution(problem, board, solver.best_objective_bound, started)
        return solution.model_copy(update={"cancelled": cancelled})
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        day_numbers = [d for d in range(n_days) if solver.value(builder.used[d])]
        days = [
            _by_set(
                problem, [s for s in range(len(problem.strips)) if solver.value(builder.x[s, d])]
            )
            for d in day_numbers
        ]
        objective = round(solver.objective_value)
        bound = round(solver.best_objective_bound)
        return DaySolution(
            status="optimal" if status == cp_model.OPTIMAL else "feasible",
            days=days,
            dates=day_numbers,
            objective=objective,
            bound=bound,
            gap=0.0
            if status == cp_model.OPTIMAL
            else round((objective - bound) / max(1, objective), 4),
            hold_days=sum(solver.value(held) for _, held in builder.hold),
            company_moves=sum(solver.value(move) for move in builder.moves),
            conflicts=[],
            seconds=round(time.monotonic() - started, 3),
            cancelled=cancelled,
        )
    if cancelled and status == cp_model.UNKNOWN:
        return _cancelled(problem, board, solver.best_objective_bound, started)
    if status == cp_model.UNKNOWN and board is not None:
        return _board_solution(problem, board, solver.best_objective_bound, started)
    conflicts: list[str] = []
    if status == cp_model.INFEASIBLE:
        left = max(1.0, time_limit - (time.monotonic() - started))
        conflicts = explain_infeasible(problem, left, cancel=cancel)
    return DaySolution(
        status="infeasible" if status == cp_model.INFEASIBLE else "unknown",
        days=[], dates=[], objective=None, bound=None, gap=None, hold_days=0, company_moves=0,
        conflicts=conflicts, seconds=round(time.monotonic() - started, 3),
    )  # fmt: skip


_CANCEL_POLL = 0.05
"""Seconds between two looks at the cancel event while CP-SAT runs."""


def _solve(solver: Any, model: Any, cancel: threading.Event | None) -> Any:
    """``solver.solve(model)``; a watcher thread stops the search once ``cancel`` is set (CP-SAT
    releases the GIL while it searches, so the watcher runs). It asks again at every poll until
    the solve returns: a stop asked for before CP-SAT has started its search is not kept."""
    if cancel is None:
        return solver.solve(model)
    finished = threading.Event()

    def watch() -> None:
        while not finished.wait(_CANCEL_POLL):
            if cancel.is_set():
                solver.stop_search()

    watcher = threading.Thread(target=watch, name="schedule-cancel", daemon=True)
    watcher.start()
    try:
        return solver.solve(model)
    finally:
        finished.set()
        watcher.join()


def _cancelled(
    problem: Problem, board: dict[int, int] | None, cp_bound: float, started: float
) -> DaySolution:
    """The starting board marked cancelled, when CP-SAT was stopped before it found a schedule."""
    if board is None:
        raise ScheduleCancelledError("Schedule cancelled before any schedule was found")
    return _board_solution(problem, board, cp_bound, started).model_copy(update={"cancelled": True})


def _board_solution(
    problem: Problem, board: dict[int, int], cp_bound: float, started: float
) -> DaySolution:
    """The starting board (greedy, improved) as the answer, when CP-SAT found none in time."""
    objective, held, moves = board_cost(problem, board)
    dates = sorted(set(board.values()))
    bound = round(cp_bound) if math.isfinite(cp_bound) and cp_bound <= objective else None
    return DaySolution(
        status="feasible",
        days=[_by_set(problem, sorted(s for s, d in board.items() if d == day)) for day in dates],
        dates=dates, objective=objective, bound=bound,
        gap=None if bound is None else round((objective - bound) / max(1, objective), 4),
        hold_days=held, company_moves=moves, conflicts=[],
        seconds=round(time.monotonic() - started, 3),
    )  # fmt: skip


def _hint(builder: _Builder, board: dict[int, int] | None) -> None:
    """Start CP-SAT from ``board`` (greedy.py, improve.py) when there is one, every variable of
    the model hinted (``hint.py``: a complete hint is CP-SAT's first solution); else from a
    packing that may break a lock or an availability (``greedy.packed_guess``: CP-SAT repairs a
    hint, it does not trust it)."""
    if board is not None:
        hint_board(builder, board)
        return
    assigned = packed_guess(builder.problem)
    for (s, d), var in builder.x.items():
        builder.model.add_hint(var, assigned[s] == d)


def _by_set(problem: Problem, positions: list[int]) -> list[int]:
    """A day's scenes grouped by set (the company moves once per set), sets in script order."""
    first: dict[str, int] = {}
    for position in positions:
        first.setdefault(problem.strips[position].set, position)
    return sorted(positions, key=lambda p: (first[problem.strips[p].set], p))


def explain_infeasible(
    problem: Problem, time_limit: float, *, cancel: threading.Event | None = None
) -> list[str]:
    """Names of guarded constraints that together allow no schedule (CP-SAT's sufficient
    assumptions); the day count itself when none of them is to blame (or when ``cancel`` was set
    before they were found)."""
    from ortools.sat.python import cp_model

    builder = _Builder(problem, explain=True)
    builder.build()
    builder.model.add_assumptions(list(builder.literals.values()))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 1  # sufficient assumptions are reported by one worker
    status = _solve(solver, builder.model, cancel)
    days = f"{len(problem.dates)} shooting days (production.max_days)"
    if status != cp_model.INFEASIBLE:
        return [f"no schedule found in time within {days}"]
    names = [builder.guards[i] for i in solver.sufficient_assumptions_for_infeasibility()]
    return [*sorted(set(names)), f"only {days}"] if names else [f"the scenes do not fit in {days}"]
