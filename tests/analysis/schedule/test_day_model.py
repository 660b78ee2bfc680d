"""Each constraint of the day model holds in the schedule it returns, and an impossible one is
explained by name."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.analysis.schedule.config import parse_schedule_config
from assistant.analysis.schedule.day_model import solve_days
from assistant.analysis.schedule.days import Problem, build_problem
from assistant.analysis.schedule.strips import Strip
from assistant.errors import AnalysisError
from tests.analysis.schedule.conftest import cast_of, strip

MONDAY = "2027-03-01"


def problem(strips: list[Strip], toml: str = "") -> Problem:
    config = parse_schedule_config(f"[production]\nstart = {MONDAY}\n" + toml)
    return build_problem(strips, cast_of(strips), config)


def day_of(p: Problem, days: list[list[int]], dates: list[int], position: int) -> dt.date:
    for scenes, index in zip(days, dates, strict=True):
        if position in scenes:
            return p.dates[index]
    raise AssertionError(f"strip {position} not scheduled")


def test_pages_per_day_and_total_days() -> None:
    strips = [strip(i, [1], eighths=16) for i in range(5)]
    p = problem(strips, "max_eighths_per_day = 32\nmax_days = 4\n")
    solution = solve_days(p, time_limit=10)
    assert solution.status == "optimal"
    assert len(solution.days) == 3  # 80 eighths at 32 a day
    assert all(sum(strips[s].eighths for s in day) <= 32 for day in solution.days)


def test_day_and_night_are_not_mixed_unless_allowed() -> None:
    strips = [strip(0, [1]), strip(1, [1], night=True), strip(2, [1])]
    apart = solve_days(problem(strips, "turnaround_after_night = false\n"), time_limit=10)
    assert all(len({strips[s].day_night for s in day}) == 1 for day in apart.days)
    mixed = solve_days(
        problem(strips, "turnaround_after_night = false\nmix_day_night = true\n"), time_limit=10
    )
    assert len(mixed.days) == 1


def test_unavailable_cast_and_locks_and_locations() -> None:
    strips = [strip(0, [1, 2]), strip(1, [2], place="RIVER"), strip(2, [1]), strip(3, [1, 2])]
    toml = (
        "max_eighths_per_day = 16\n"
        '[[cast]]\nname = "oscar"\nunavailable = [2027-03-01, 2027-03-02]\n'
        '[[location]]\nname = "RIVER"\navailable_from = 2027-03-04\n'
        '[[lock]]\nscene = "3"\ndate = 2027-03-03\n'
    )
    p = problem(strips, toml)
    solution = solve_days(p, time_limit=10)
    assert solution.status == "optimal"
    for position in (0, 1, 3):  # Oscar's scenes
        assert day_of(p, solution.days, solution.dates, position) >= dt.date(2027, 3, 3)
    assert day_of(p, solution.days, solution.dates, 1) >= dt.date(2027, 3, 4)
    assert day_of(p, solution.days, solution.dates, 2) == dt.date(2027, 3, 3)


def test_turnaround_after_night_work() -> None:
    # Nell works a night, then day scenes: not on the next calendar day.
    strips = [strip(0, [1], night=True), strip(1, [1]), strip(2, [2])]
    p = problem(strips, "max_eighths_per_day = 8\n")
    solution = solve_days(p, time_limit=10)
    night = day_of(p, solution.days, solution.dates, 0)
    day = day_of(p, solution.days, solution.dates, 1)
    assert day != night + dt.timedelta(days=1)


def test_child_hours() -> None:
    # At 1.5 h a page, a child with 3 hours works at most 2 pages (16 eighths) a day.
    strips = [strip(i, [3], eighths=12) for i in range(3)]
    p = problem(strips, '[[cast]]\nname = "PIP"\nchild = true\nmax_hours = 3\n')
    solution = solve_days(p, time_limit=10)
    assert len(solution.days) == 3


def test_hold_days_are_minimised_and_counted() -> None:
    """Nell works scenes 0 and 3; with one scene a day the cheapest board puts them side by side."""
    strips = [strip(0, [1, 2]), strip(1, [2]), strip(2, [2]), strip(3, [1, 2])]
    p = problem(strips, "max_eighths_per_day = 8\n[weights]\nmove = 0\n")
    solution = solve_days(p, time_limit=10)
    assert solution.status == "optimal"
    assert solution.hold_days == 0
    nell = sorted(day_of(p, solution.days, solution.dates, s) for s in (0, 3))
    assert (nell[1] - nell[0]).days == 1


def test_infeasible_names_the_cast_member_and_the_date() -> None:
    strips = [strip(0, [2]), strip(1, [1])]
    toml = 'max_days = 2\n[[cast]]\nname = "OSCAR"\nunavailable = [2027-03-01, 2027-03-02]\n'
    solution = solve_days(problem(strips, toml), time_limit=10)
    assert solution.status == "infeasible"
    assert "OSCAR unavailable on 2027-03-01" in solution.conflicts
    assert "OSCAR unavailable on 2027-03-02" in solution.conflicts


def test_infeasible_lock_against_unavailable_member() -> None:
    strips = [strip(0, [1, 2]), strip(1, [1])]
    toml = (
        '[[cast]]\nname = "NELL"\nunavailable = [2027-03-02]\n'
        '[[lock]]\nscene = "1"\ndate = 2027-03-02\n'
    )
    solution = solve_days(problem(strips, toml), time_limit=10)
    assert solution.status == "infeasible"
    assert "scene 1 locked to 2027-03-02" in solution.conflicts
    assert "NELL unavailable on 2027-03-02" in solution.conflicts


@pytest.mark.parametrize(
    ("strips", "message"),
    [([], "no scene headings"), ([strip(0, [1])], "one scene")],
)
def test_nothing_to_schedule(strips: list[Strip], message: str) -> None:
    with pytest.raises(AnalysisError, match=message):
        problem(strips)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[[cast]]\nname = "NOBODY"\n', "does not speak"),
        ('[[location]]\nname = "MOON"\n', "no scene is set"),
        ('[[lock]]\nscene = "9"\ndate = 2027-03-01\n', "scene 9"),
        ('[[lock]]\nscene = "1"\ndate = 2027-03-06\n', "not one of the"),  # a Saturday
    ],
)
def test_config_naming_what_the_script_lacks(toml: str, message: str) -> None:
    with pytest.raises(AnalysisError, match=message):
        problem([strip(0, [1]), strip(1, [2])], toml)


@pytest.mark.parametrize(
    ("toml", "conflict"),
    [
        (
            '[[cast]]\nname = "PIP"\nchild = true\nmax_hours = 3\n',
            "PIP (a child) works at most 3 hours a day",
        ),
        ("max_eighths_per_day = 24\n", "at most 24 eighths a day"),
    ],
)
def test_a_scene_too_long_for_a_day_is_named(toml: str, conflict: str) -> None:
    strips = [strip(0, [3], eighths=32), strip(1, [1])]
    solution = solve_days(problem(strips, toml), time_limit=10)
    assert solution.status == "infeasible"
    assert conflict in solution.conflicts
