"""The greedy board keeps every constraint the CP-SAT model has: checked by fixing the model to
it (a board the model rejects would be a greedy bug)."""

from __future__ import annotations

import random

import pytest

from assistant.analysis.schedule.day_model import _Builder
from assistant.analysis.schedule.greedy import board_cost, greedy_board
from tests.analysis.schedule.conftest import strip
from tests.analysis.schedule.test_day_model import problem

TOML = (
    "max_eighths_per_day = 24\n"
    '[[cast]]\nname = "OSCAR"\nunavailable = [2027-03-02, 2027-03-04]\ncost = 3\n'
    '[[cast]]\nname = "PIP"\nchild = true\nmax_hours = 3\n'
    '[[location]]\nname = "RIVER"\navailable_from = 2027-03-03\n'
    '[[lock]]\nscene = "2"\ndate = 2027-03-05\n'
)


@pytest.mark.parametrize("seed", range(5))
def test_greedy_board_is_feasible_for_the_model(seed: int) -> None:
    from ortools.sat.python import cp_model

    rng = random.Random(seed)
    strips = [
        strip(i, rng.sample([1, 2, 3, 4], rng.randint(1, 3)), night=rng.random() < 0.3,
              place=rng.choice(["PIER", "RIVER", "OFFICE"]), eighths=rng.randint(1, 12))
        for i in range(14)
    ]  # fmt: skip
    p = problem(strips, TOML)
    board = greedy_board(p)
    assert board is not None and sorted(board) == list(range(len(strips)))
    builder = _Builder(p, explain=False)
    builder.build()
    for (s, d), var in builder.x.items():
        builder.model.add(var == int(board[s] == d))
    builder.model.minimize(builder.objective())
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 20
    assert solver.solve(builder.model) == cp_model.OPTIMAL
    objective, held, moves = board_cost(p, board)
    assert objective == round(solver.objective_value)
    assert held == sum(solver.value(h) for _, h in builder.hold)
    assert moves == sum(solver.value(m) for m in builder.moves)


def test_no_board_when_a_scene_fits_nowhere() -> None:
    assert greedy_board(problem([strip(0, [1], eighths=50), strip(1, [2])])) is None
