"""CP-SAT's warm start: a board (strip position -> calendar day) ordered for few hold days, then
improved by local search.

``ordered_board``: the scenes are grouped into blocks by set and DAY/NIGHT (a block shot together
costs no company move), the blocks are ordered by the talent-scheduling core (``talent.py``: an
order of blocks that keeps each member's blocks together, as the hold-day objective wants), and
the scenes are packed in that order into consecutive days (``greedy.sequential_board``). Two
orders are tried, the core's and the same with DAY blocks before NIGHT blocks, and the cheapest of
them and the greedy board is kept.

``improve_board``: a local search on a board. For a bounded number of seconds it tries, at
random, three kinds of change and keeps each one that breaks no constraint (``board_feasible``)
and costs no more (``board_cost``): move one scene to another shooting day, swap two scenes, and
swap the whole contents of two days (which reorders the shooting days, the change that moves hold
days most). Equal-cost changes are kept too, so the search can cross plateaus. The random choices
follow the seed; how many are tried depends on the time given and the machine's load.
"""

from __future__ import annotations

import random
import threading
import time
from typing import TYPE_CHECKING

from assistant.analysis.schedule.greedy import Packer, board_cost, sequential_board

if TYPE_CHECKING:
    from assistant.analysis.schedule.days import Problem


def board_feasible(problem: Problem, board: dict[int, int]) -> bool:
    """Whether ``board`` meets every constraint of the day model (pages, DAY/NIGHT, cast and set
    availability, locks, a child's hours, turnaround after night work): the greedy packer's own
    checks (``Packer.fits``), scene by scene, so the two never disagree on a rule."""
    for s, (d, _) in problem.locks.items():
        if board.get(s) != d:
            return False
    packer = Packer(problem)
    for s, d in board.items():
        if not packer.fits(s, d):
            return False
        packer.place(s, d)
    return True


def improve_board(
    problem: Problem,
    board: dict[int, int],
    seconds: float,
    *,
    seed: int = 0,
    cancel: threading.Event | None = None,
) -> dict[int, int]:
    """A board no worse than ``board`` (feasible when it is), after ``seconds`` of search (less
    when ``cancel`` is set)."""
    if seconds <= 0 or len(board) < 2 or not board_feasible(problem, board):
        return board
    rng = random.Random(seed)
    current = dict(board)
    cost = board_cost(problem, current)[0]
    locked = set(problem.locks)
    free = [s for s in current if s not in locked]
    if not free:
        return current
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not (cancel is not None and cancel.is_set()):
        used = sorted(set(current.values()))
        trial = dict(current)
        kind = rng.random()
        if kind < 0.4:
            s = rng.choice(free)
            trial[s] = rng.choice(used)
        elif kind < 0.7:
            a, b = rng.choice(free), rng.choice(free)
            trial[a], trial[b] = current[b], current[a]
        else:
            d, e = rng.sample(used, 2) if len(used) > 1 else (used[0], used[0])
            for s, day in current.items():
                if day == d:
                    trial[s] = e
                elif day == e:
                    trial[s] = d
        if trial == current or not board_feasible(problem, trial):
            continue
        trial_cost = board_cost(problem, trial)[0]
        if trial_cost <= cost:
            current, cost = trial, trial_cost
    return current


def ordered_board(
    problem: Problem,
    board: dict[int, int] | None,
    seconds: float,
    workers: int = 2,
    cancel: threading.Event | None = None,
) -> dict[int, int] | None:
    """The cheapest of ``board`` and the boards packed in the talent core's block order (``board``
    itself when ``cancel`` is set before the order is found)."""
    from assistant.analysis.schedule.talent import TalentInstance, solve_talent

    strips = problem.strips
    blocks: dict[tuple[str, str], list[int]] = {}
    for s, strip in enumerate(strips):
        blocks.setdefault((strip.day_night, strip.set), []).append(s)
    keys = list(blocks)
    members = sorted({c for strip in strips for c in strip.cast})
    if len(keys) < 2 or not members or seconds <= 0 or (cancel is not None and cancel.is_set()):
        return board
    instance = TalentInstance(
        name="blocks",
        appears=tuple(
            tuple(any(c in strips[s].cast for s in blocks[key]) for key in keys) for c in members
        ),
        costs=tuple(problem.cost.get(c, 1) for c in members),
        durations=tuple(sum(strips[s].eighths for s in blocks[key]) for key in keys),
    )
    found = solve_talent(
        instance, time_limit=seconds, first_pass=seconds, workers=workers, cancel=cancel
    )
    if found.cancelled:
        return board
    order = found.order
    day_first = sorted(order, key=lambda b: keys[b][0] == "NIGHT")
    best, best_cost = board, board_cost(problem, board)[0] if board is not None else None
    for blocks_order in (order, day_first):
        scenes = [s for b in blocks_order for s in sorted(blocks[keys[b]], key=lambda s: (
            strips[s].cast, s))]  # fmt: skip
        candidate = sequential_board(problem, scenes)
        if candidate is None:
            continue
        cost = board_cost(problem, candidate)[0]
        if best_cost is None or cost < best_cost:
            best, best_cost = candidate, cost
    return best


def compact_board(problem: Problem, board: dict[int, int]) -> dict[int, int]:
    """``board`` with the day model's days-off rule met (``day_model._interchangeable_days``), at
    the same cost: within a run of days no constraint tells apart, a day off followed by a
    shooting day is closed up by moving the rest of the run one day forward, unless the day
    before it is a night shooting day and turnaround is on. A board the move would break is
    returned as it was."""
    n_days, strips = len(problem.dates), problem.strips
    turnaround = problem.config.production.turnaround_after_night
    marked = {d for _, d in problem.blocked_cast} | {d for _, d in problem.blocked_set}
    marked |= {d for d, _ in problem.locks.values()}
    current = dict(board)
    moved = True
    while moved:
        moved = False
        used = set(current.values())
        nights = {current[s] for s, strip in enumerate(strips) if strip.day_night == "NIGHT"}
        for d in range(n_days - 1):
            if d in marked or d + 1 in marked or d in used or d + 1 not in used:
                continue
            if turnaround and d > 0 and d - 1 in used and d - 1 in nights:
                continue
            end = d + 1
            while end + 1 < n_days and end + 1 not in marked:
                end += 1
            for s, day in current.items():
                if d + 1 <= day <= end:
                    current[s] = day - 1
            moved = True
            break
    if board_feasible(problem, current) and board_cost(problem, current) == board_cost(
        problem, board
    ):
        return current
    return board
