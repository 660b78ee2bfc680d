"""The complete hint (hint.py) is a solution of the day model: fixed to it, CP-SAT accepts it and
counts the board's own objective."""

from __future__ import annotations

import pytest

from assistant.analysis.schedule import day_model
from assistant.analysis.schedule.greedy import board_cost, greedy_board
from assistant.analysis.schedule.hint import hint_board
from tests.analysis.schedule.test_improve import _problem


@pytest.mark.parametrize("seed", range(4))
def test_the_hint_is_a_whole_solution_of_the_model(seed: int) -> None:
    from ortools.sat.python import cp_model

    p = _problem(seed)
    board = greedy_board(p)
    assert board is not None
    builder = day_model._Builder(p, explain=False)
    builder.build()
    builder.model.minimize(builder.objective())
    hint_board(builder, board)
    solver = cp_model.CpSolver()
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.max_time_in_seconds = 20
    solver.parameters.num_workers = 1
    status = solver.solve(builder.model)
    assert status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    assert round(solver.objective_value) == board_cost(p, board)[0]
