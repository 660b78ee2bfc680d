"""The redundant lower bounds: what they count, that they cut off no schedule, and that the
solver's proved bound starts from them."""

from __future__ import annotations

import random

import pytest

from assistant.analysis.schedule import day_model
from assistant.analysis.schedule.bounds import (
    days_and_moves_bound,
    forced_holds,
    min_days,
    min_set_days,
)
from assistant.analysis.schedule.config import parse_schedule_config
from assistant.analysis.schedule.days import Problem, build_problem
from assistant.analysis.schedule.strips import Strip
from tests.analysis.schedule.conftest import cast_of, strip

HEAD = (
    "[production]\nstart = 2027-03-01\nmax_eighths_per_day = 40\nturnaround_after_night = false\n"
)


def problem(strips: list[Strip], toml: str = "") -> Problem:
    return build_problem(strips, cast_of(strips), parse_schedule_config(HEAD + toml))


def test_day_and_night_pages_need_their_own_days() -> None:
    strips = [strip(i, [1], eighths=24) for i in range(3)] + [strip(3, [1], night=True)]
    assert min_days(problem(strips)) == 3  # 72 day eighths need 2 days, 8 night ones 1 more
    assert min_days(problem(strips, "mix_day_night = true\n")) == 2  # 80 eighths at 40 a day


def test_a_set_is_on_as_many_days_as_its_pages_need() -> None:
    strips = [strip(0, [1], place="PIER", eighths=30), strip(1, [1], place="PIER", eighths=30),
              strip(2, [2], place="PIER", night=True), strip(3, [2], place="RIVER")]  # fmt: skip
    assert min_set_days(problem(strips)) == {"PIER": 3, "RIVER": 1}


def test_days_and_moves_bound_counts_the_moves_that_set_days_force() -> None:
    # PIER needs 2 days (60 eighths), RIVER 1: 3 set-days; 68 eighths need 2 days, so at least
    # one company move: 2 x 50 + 1 x 20.
    strips = [strip(0, [1], place="PIER", eighths=30), strip(1, [1], place="PIER", eighths=30),
              strip(2, [2], place="RIVER")]  # fmt: skip
    assert days_and_moves_bound(problem(strips)) == 120


def _random_problem(seed: int) -> Problem:
    rng = random.Random(seed)
    strips = [
        strip(i, rng.sample([1, 2, 3], rng.randint(1, 2)), night=rng.random() < 0.3,
              place=rng.choice(["PIER", "RIVER", "OFFICE"]), eighths=rng.randint(4, 30))
        for i in range(7)
    ]  # fmt: skip
    return problem(strips, "max_days = 6\n")


@pytest.mark.parametrize("seed", range(4))
def test_the_bounds_cut_off_no_schedule(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    p = _random_problem(seed)
    with_bounds = day_model.solve_days(p, time_limit=60)
    monkeypatch.setattr(day_model._Builder, "_redundant", lambda self, n_days: None)
    without = day_model.solve_days(p, time_limit=60)
    assert with_bounds.status == without.status == "optimal"
    assert with_bounds.objective == without.objective  # the same optimum: nothing valid was cut
    assert with_bounds.objective is not None
    assert with_bounds.objective >= days_and_moves_bound(p)


def test_the_proved_bound_starts_from_days_and_moves() -> None:
    p = _random_problem(7)
    solution = day_model.solve_days(p, time_limit=0.5)
    assert solution.bound is not None and solution.bound >= days_and_moves_bound(p)


def _locked(position: int, day: str) -> str:
    return f'[[lock]]\nscene = "{position + 1}"\ndate = 2027-03-0{day}\n'


def test_a_member_locked_on_two_days_is_held_on_the_forced_days_between() -> None:
    # NELL is locked on Monday and Friday; OSCAR's scenes are locked Tuesday to Thursday, so those
    # are shooting days in any schedule. NELL has one other scene: it can fill one of them.
    strips = [strip(0, [1]), strip(1, [1]), strip(2, [2]), strip(3, [2]), strip(4, [2]),
              strip(5, [1])]  # fmt: skip
    locks = "".join(_locked(p, d) for p, d in [(0, "1"), (1, "5"), (2, "2"), (3, "3"), (4, "4")])
    p = problem(strips, "max_days = 5\n" + locks)
    assert forced_holds(p) == {1: 2}
    solution = day_model.solve_days(p, time_limit=30)
    assert solution.status == "optimal" and solution.hold_days == 2
    assert solution.bound == solution.objective


def test_a_forced_day_the_member_cannot_work_is_a_hold_for_certain() -> None:
    strips = [strip(0, [1]), strip(1, [1]), strip(2, [2]), strip(3, [1])]
    toml = (
        "max_days = 4\n"
        + "".join(_locked(p, d) for p, d in [(0, "1"), (1, "4"), (2, "2")])
        + '[[cast]]\nname = "NELL"\nunavailable = [2027-03-02]\n'
    )
    # The free scene 4 cannot fill Tuesday: NELL is away that day.
    assert forced_holds(problem(strips, toml)) == {1: 1}


def test_no_forced_hold_without_pinned_days() -> None:
    assert forced_holds(_random_problem(3)) == {}


@pytest.mark.parametrize("seed", range(3))
def test_days_off_first_cuts_off_no_optimum(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    p = _random_problem(seed + 10)
    with_symmetry = day_model.solve_days(p, time_limit=60)
    monkeypatch.setattr(day_model._Builder, "_interchangeable_days", lambda self, n_days: None)
    without = day_model.solve_days(p, time_limit=60)
    assert with_symmetry.status == without.status == "optimal"
    assert with_symmetry.objective == without.objective
    assert with_symmetry.dates == list(range(len(with_symmetry.dates)))  # no day off first


def _night_problem(seed: int) -> Problem:
    rng = random.Random(seed)
    strips = [
        strip(i, rng.sample([1, 2, 3], rng.randint(1, 2)), night=rng.random() < 0.5,
              place=rng.choice(["PIER", "RIVER"]), eighths=rng.randint(10, 30))
        for i in range(6)
    ]  # fmt: skip
    toml = "max_days = 7\n"
    return build_problem(
        strips, cast_of(strips), parse_schedule_config(HEAD.replace("false", "true") + toml)
    )


@pytest.mark.parametrize("seed", range(4))
def test_days_off_rule_with_turnaround_cuts_off_no_optimum(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = _night_problem(seed)
    assert p.config.production.turnaround_after_night
    with_symmetry = day_model.solve_days(p, time_limit=60)
    monkeypatch.setattr(day_model._Builder, "_interchangeable_days", lambda self, n_days: None)
    without = day_model.solve_days(p, time_limit=60)
    assert with_symmetry.status == without.status == "optimal"
    assert with_symmetry.objective == without.objective
    # A day off before a shooting day only right after a night day.
    for before, off in zip(with_symmetry.dates, with_symmetry.dates[1:], strict=False):
        if off > before + 1:
            day = with_symmetry.dates.index(before)
            assert any(p.strips[s].day_night == "NIGHT" for s in with_symmetry.days[day])
    assert with_symmetry.dates[0] == 0
