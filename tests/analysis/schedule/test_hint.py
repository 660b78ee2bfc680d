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


@pytest.mark.parametrize("seed", range(3))
def test_a_compacted_board_is_a_whole_solution_with_the_days_off_rule(seed: int) -> None:
    from ortools.sat.python import cp_model

    from assistant.analysis.schedule.improve import compact_board

    p = _problem(seed)
    board = greedy_board(p)
    assert board is not None
    spread = {s: d * 2 if d * 2 < len(p.dates) else d for s, d in board.items()}
    from assistant.analysis.schedule.improve import board_feasible

    start = spread if board_feasible(p, spread) else board
    compact = compact_board(p, start)
    assert board_cost(p, compact) == board_cost(p, start)
    builder = day_model._Builder(p, explain=False)
    builder.build()  # with the days-off rule
    builder.model.minimize(builder.objective())
    hint_board(builder, compact)
    solver = cp_model.CpSolver()
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.max_time_in_seconds = 20
    solver.parameters.num_workers = 1
    assert solver.solve(builder.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
