"""The local search that improves the greedy board before CP-SAT: it never breaks a constraint
and never costs more, and its feasibility check agrees with the day model."""

from __future__ import annotations

import random

import pytest

from assistant.analysis.schedule.config import parse_schedule_config
from assistant.analysis.schedule.days import Problem, build_problem
from assistant.analysis.schedule.greedy import board_cost, greedy_board
from assistant.analysis.schedule.improve import board_feasible, improve_board, ordered_board
from tests.analysis.schedule.conftest import cast_of, strip


def _problem(seed: int) -> Problem:
    rng = random.Random(seed)
    strips = [
        strip(i, rng.sample([1, 2, 3, 4], rng.randint(1, 3)), night=rng.random() < 0.3,
              place=rng.choice(["PIER", "RIVER", "OFFICE", "CHAPEL"]), eighths=rng.randint(4, 20))
        for i in range(14)
    ]  # fmt: skip
    toml = (
        "[production]\nstart = 2027-03-01\nmax_days = 12\n"
        '[[cast]]\nname = "NELL"\nunavailable = [2027-03-03]\n'
        '[[cast]]\nname = "PIP"\nchild = true\nmax_hours = 4\n'
        '[[lock]]\nscene = "3"\ndate = 2027-03-05\n'
    )
    return build_problem(strips, cast_of(strips), parse_schedule_config(toml))


@pytest.mark.parametrize("seed", range(5))
def test_the_search_keeps_every_constraint_and_costs_no_more(seed: int) -> None:
    p = _problem(seed)
    board = greedy_board(p)
    assert board is not None and board_feasible(p, board)
    better = improve_board(p, board, 0.3, seed=seed)
    assert board_feasible(p, better)
    assert board_cost(p, better)[0] <= board_cost(p, board)[0]
    assert sorted(better) == sorted(board)  # every scene still has a day


def test_the_search_lowers_the_holds_of_a_bad_board() -> None:
    # NELL works days 0 and 2 and is held on day 1: swapping days 1 and 2 removes the hold.
    strips = [strip(0, [1], place="A"), strip(1, [2], place="B"), strip(2, [1], place="C")]
    toml = "[production]\nstart = 2027-03-01\nmax_days = 3\nmax_eighths_per_day = 8\n"
    p = build_problem(strips, cast_of(strips), parse_schedule_config(toml))
    board = {0: 0, 1: 1, 2: 2}
    assert board_cost(p, board)[1] == 1
    assert board_cost(p, improve_board(p, board, 0.5))[1] == 0


def test_a_board_that_breaks_a_constraint_is_seen() -> None:
    p = _problem(1)
    board = greedy_board(p)
    assert board is not None
    locked = next(iter(p.locks))
    moved = {**board, locked: (board[locked] + 1) % len(p.dates)}
    assert not board_feasible(p, moved)
    over = dict.fromkeys(board, 0)  # every scene on day 0: far over the pages of a day
    assert not board_feasible(p, over)
    assert improve_board(p, over, 0.2) == over  # an infeasible start is returned as it is


@pytest.mark.parametrize("seed", range(3))
def test_the_ordered_board_is_feasible_and_no_worse_than_greedy(seed: int) -> None:
    p = _problem(seed)
    board = greedy_board(p)
    assert board is not None
    ordered = ordered_board(p, board, 1.0, workers=1)
    assert ordered is not None and board_feasible(p, ordered)
    assert board_cost(p, ordered)[0] <= board_cost(p, board)[0]


def test_blocks_in_order_keep_a_members_days_together() -> None:
    # Greedy puts the day scenes by set; NELL's two sets then sit either side of OSCAR's set.
    # The talent order of the blocks keeps NELL's sets next to each other.
    strips = [strip(0, [1], place="A"), strip(1, [2], place="B"), strip(2, [1], place="C"),
              strip(3, [1, 2], place="D")]  # fmt: skip
    toml = "[production]\nstart = 2027-03-01\nmax_days = 6\nmax_eighths_per_day = 8\n"
    p = build_problem(strips, cast_of(strips), parse_schedule_config(toml))
    board = {0: 0, 1: 1, 2: 2, 3: 3}
    assert board_cost(p, board)[1] == 2
    ordered = ordered_board(p, board, 1.0, workers=1)
    assert ordered is not None and board_cost(p, ordered)[1] == 0


def test_a_set_cancel_event_stops_the_warm_start() -> None:
    import threading

    p = _problem(2)
    board = greedy_board(p)
    assert board is not None
    cancel = threading.Event()
    cancel.set()
    # Without the event these would search for 30 s each; with it they return the board as given.
    assert improve_board(p, board, 30.0, cancel=cancel) == board
    assert ordered_board(p, board, 30.0, workers=1, cancel=cancel) == board
