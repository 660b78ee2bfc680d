"""Cancelling a schedule: the solver stops when the caller's event is set and returns the best
schedule found so far, marked cancelled; with none found yet, a clear error."""

from __future__ import annotations

import random
import threading
from pathlib import Path

import pytest

from assistant import api
from assistant.analysis.schedule import day_model
from assistant.analysis.schedule.config import parse_schedule_config
from assistant.analysis.schedule.days import build_problem
from assistant.analysis.schedule.talent import TalentInstance, order_cost, solve_talent
from assistant.errors import ScheduleCancelledError
from tests.analysis.schedule.conftest import cast_of, strip
from tests.fixtures.schedule.long_script import long_script

LIMIT = 300.0
"""Far longer than any of these tests may take: a search that ignored the cancel would run it."""


def _script(tmp_path: Path, pages: int = 40) -> Path:
    path = tmp_path / "long.fountain"
    path.write_text(long_script(pages), encoding="utf-8")
    return path


def _later(event: threading.Event, seconds: float) -> threading.Timer:
    timer = threading.Timer(seconds, event.set)
    timer.start()
    return timer


def test_cancel_while_solving_returns_the_best_schedule_so_far(tmp_path: Path) -> None:
    screenplay = api.open_script(_script(tmp_path))
    cancel = threading.Event()
    timer = _later(cancel, 1.0)
    report = api.schedule(screenplay, time_limit=LIMIT, cancel=cancel)
    timer.join()
    assert report.cancelled
    assert report.status == "feasible"
    assert report.seconds < LIMIT / 5  # stopped by the event, not by the time limit
    shot = sorted(p for day in report.days for p in day.strips)
    assert shot == list(range(len(report.stripboard)))  # a whole schedule, every strip in it
    assert report.objective is not None


def test_cancel_set_before_the_search_returns_the_greedy_board(tmp_path: Path) -> None:
    strips = [strip(i, [1 + i % 3], eighths=8) for i in range(12)]
    config = parse_schedule_config("[production]\nstart = 2027-03-01\nmax_eighths_per_day = 32\n")
    problem = build_problem(strips, cast_of(strips), config)
    cancel = threading.Event()
    cancel.set()
    solution = day_model.solve_days(problem, time_limit=LIMIT, cancel=cancel)
    assert solution.cancelled and solution.status == "feasible"
    assert sorted(p for day in solution.days for p in day) == list(range(12))


def test_cancel_with_no_schedule_found_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    strips = [strip(i, [1]) for i in range(4)]
    config = parse_schedule_config("[production]\nstart = 2027-03-01\n")
    problem = build_problem(strips, cast_of(strips), config)
    monkeypatch.setattr(day_model, "greedy_board", lambda _problem: None)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(ScheduleCancelledError, match="cancelled"):
        day_model.solve_days(problem, time_limit=LIMIT, cancel=cancel)


def test_an_unset_event_changes_nothing() -> None:
    strips = [strip(i, [1 + i % 2], eighths=16) for i in range(5)]
    config = parse_schedule_config("[production]\nstart = 2027-03-01\nmax_eighths_per_day = 32\n")
    problem = build_problem(strips, cast_of(strips), config)
    solution = day_model.solve_days(problem, time_limit=30, cancel=threading.Event())
    assert solution.status == "optimal" and not solution.cancelled


def _hard_instance(scenes: int = 60, actors: int = 16, seed: int = 3) -> TalentInstance:
    rng = random.Random(seed)
    appears = tuple(tuple(rng.random() < 0.3 for _ in range(scenes)) for _ in range(actors))
    costs = tuple(rng.randint(1, 20) for _ in range(actors))
    durations = tuple(rng.randint(1, 4) for _ in range(scenes))
    return TalentInstance("random", appears, costs, durations)


def test_cancel_stops_cp_sat_and_the_branch_and_bound() -> None:
    instance = _hard_instance()
    cancel = threading.Event()
    timer = _later(cancel, 3.0)  # past CP-SAT's 2 s first pass: the race is running
    solution = solve_talent(instance, time_limit=LIMIT, cancel=cancel)
    timer.join()
    assert solution.cancelled and not solution.optimal
    assert solution.seconds < LIMIT / 5
    assert order_cost(instance, solution.order)[0] == solution.total_cost
    assert solution.lower_bound <= solution.total_cost
