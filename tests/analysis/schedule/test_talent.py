"""The ordering core against brute force on instances small enough to enumerate, and against the
published optima of the shared talent-scheduling instances."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from assistant.analysis.schedule.ordering_cpsat import _cost_of
from assistant.analysis.schedule.ordering_dp import solve_order_dp
from assistant.analysis.schedule.talent import (
    TalentInstance,
    order_cost,
    parse_dzn,
    reduce_instance,
    solve_talent,
)
from assistant.errors import AnalysisError

# Written for this test: 5 scenes, 3 actors. Actor 0 is in scenes 0 and 4, so any order that
# does not put them side by side holds actor 0 (the costliest) through the scenes between.
HANDMADE = """
numScenes = 5;
numActors = 3;
ia = [| 1, 0, 0, 0, 1
      | 0, 1, 1, 0, 0
      | 0, 0, 1, 1, 1 |];
c = [5, 1, 2];
d = [1, 2, 1, 1, 3];  % the last scene is three days long
"""


def brute_force(instance: TalentInstance) -> int:
    return min(
        order_cost(instance, list(p))[0] for p in itertools.permutations(range(instance.scenes))
    )


def random_instance(rng: random.Random, name: str) -> TalentInstance:
    scenes, actors = rng.randint(2, 7), rng.randint(1, 5)
    appears = tuple(tuple(rng.random() < 0.45 for _ in range(scenes)) for _ in range(actors))
    costs = tuple(rng.randint(1, 9) for _ in range(actors))
    return TalentInstance(name, appears, costs, tuple(rng.randint(1, 4) for _ in range(scenes)))


def test_handmade_instance_matches_brute_force() -> None:
    instance = parse_dzn(HANDMADE, "handmade")
    solution = solve_talent(instance, time_limit=10)
    assert solution.optimal
    assert solution.total_cost == brute_force(instance)
    assert order_cost(instance, solution.order) == (solution.total_cost, solution.hold_cost)
    # Paid for own scenes whatever the order: 5 x (1+3) + 1 x (2+1) + 2 x (1+1+3) = 33.
    assert solution.total_cost - solution.hold_cost == 33


@pytest.mark.parametrize("seed", range(4))
def test_branch_and_bound_proves_the_brute_force_optimum(seed: int) -> None:
    """From the worst incumbent (index order), the search must reach the true optimum."""
    rng = random.Random(seed)
    for trial in range(60):
        instance = random_instance(rng, f"r{seed}-{trial}")
        reduced = reduce_instance(instance)
        incumbent = list(range(len(reduced.masks)))
        order, value = solve_order_dp(
            reduced, upper=_cost_of(reduced, incumbent), incumbent=incumbent, seconds=10
        )
        expanded = reduced.expand(order)
        assert sorted(expanded) == list(range(instance.scenes))
        best = brute_force(instance)
        assert order_cost(instance, expanded)[0] == best == value + reduced.fixed, instance


@pytest.mark.parametrize("seed", range(2))
def test_solve_talent_is_optimal_on_random_instances(seed: int) -> None:
    rng = random.Random(100 + seed)
    for trial in range(15):
        instance = random_instance(rng, f"s{seed}-{trial}")
        solution = solve_talent(instance, time_limit=5, workers=1)
        assert solution.optimal and solution.lower_bound == solution.total_cost
        assert solution.total_cost == brute_force(instance)


def test_reductions_keep_cost_and_merge_identical_scenes() -> None:
    # scenes 0 and 2 have the same actors; actor 2 is in one scene only; scene 3 has no one left.
    instance = TalentInstance(
        "merge",
        ((True, True, True, False), (True, False, True, False), (False, False, False, True)),
        (3, 2, 7),
        (1, 1, 2, 4),
    )
    reduced = reduce_instance(instance)
    assert reduced.fixed == 7 * 4
    assert reduced.first == [3]
    assert sorted(map(sorted, reduced.members)) == [[0, 2], [1]]
    assert solve_talent(instance, time_limit=5).total_cost == brute_force(instance)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("numScenes = 2; numActors = 1; c = [1]; d = [1, 1];", "no ia"),
        ("numScenes = 2; numActors = 1; ia = [| 1, 0, 1 |]; c = [1]; d = [1, 1];", "ia has 3"),
        ("numScenes = 2; numActors = 2; ia = [| 1, 0 | 0, 1 |]; c = [1]; d = [1, 1];", "costs"),
    ],
)
def test_bad_dzn_is_reported(text: str, message: str) -> None:
    with pytest.raises(AnalysisError, match=message):
        parse_dzn(text, "bad")


def test_order_cost_rejects_a_non_permutation() -> None:
    instance = parse_dzn(HANDMADE, "handmade")
    with pytest.raises(AnalysisError, match="permutation"):
        order_cost(instance, [0, 0, 1, 2, 3])


@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("name", "total", "hold"), [("tiny", 29, 2), ("small", 54, 12), ("concert", 111, 17)]
)
def test_published_optimum(shared_data_dir: Path, name: str, total: int, hold: int) -> None:
    path = shared_data_dir / "scheduling" / "talent_scheduling" / f"{name}.dzn"
    instance = parse_dzn(path.read_text(encoding="utf-8"), name)
    solution = solve_talent(instance, time_limit=60)
    assert solution.optimal
    assert (solution.total_cost, solution.hold_cost) == (total, hold)


def test_race_of_cp_sat_and_branch_and_bound_agrees_with_the_search_alone() -> None:
    """12 scenes: too many to enumerate; the race (no first pass to speak of) must return the
    branch-and-bound's own optimum, proved by one of the two."""
    rng = random.Random(7)
    appears = tuple(tuple(rng.random() < 0.4 for _ in range(12)) for _ in range(6))
    instance = TalentInstance(
        "race", appears, (4, 3, 7, 1, 2, 5), tuple(rng.randint(1, 3) for _ in range(12))
    )
    reduced = reduce_instance(instance)
    incumbent = list(range(len(reduced.masks)))
    _, value = solve_order_dp(
        reduced, upper=_cost_of(reduced, incumbent), incumbent=incumbent, seconds=30
    )
    solution = solve_talent(instance, time_limit=30, first_pass=0.05)
    assert solution.optimal and solution.proved_by in ("cp-sat", "branch-and-bound")
    assert solution.total_cost == value + reduced.fixed == solution.lower_bound
