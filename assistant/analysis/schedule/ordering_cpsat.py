"""The scene-ordering model in OR-Tools CP-SAT: a permutation of scene groups that minimises what
actors are paid while they wait (hold), each actor being paid from their first to last scene.

Model: ``pos[g]`` is group ``g``'s place (all different); per actor ``first``/``last`` are the
minimum and maximum place of their groups; for every group ``h`` the actor is not in, ``held[a,h]``
is forced to 1 when ``first < pos[h] < last`` and costs ``cost(a) x duration(h)``. A schedule read
backwards costs the same, so group 0 is put before group 1 (symmetry breaking).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.analysis.schedule.talent import Reduced


def solve_order_cpsat(
    reduced: Reduced,
    seconds: float,
    workers: int = 2,
    *,
    hint: list[int] | None = None,
    solvers: list[object] | None = None,
) -> tuple[list[int], int, int, bool]:
    """``(group order, cost, lower bound, optimal)`` after at most ``seconds`` of CP-SAT.

    Costs include every group's own actors (``fixed`` is not included). When CP-SAT finds nothing
    in time (it always does on these sizes), the groups in index order are returned. ``hint`` is
    an order to start from; the solver is appended to ``solvers`` so another thread can stop it.
    """
    from ortools.sat.python import cp_model

    n = len(reduced.masks)
    own = sum(reduced.durations[g] * reduced.mask_cost(reduced.masks[g]) for g in range(n))
    if n <= 2:  # any order of two groups costs the same
        return list(range(n)), own, own, True
    model = cp_model.CpModel()
    pos = [model.new_int_var(0, n - 1, f"pos{g}") for g in range(n)]
    model.add_all_different(pos)
    model.add(pos[0] < pos[1])
    hold_terms = []
    for actor, cost in enumerate(reduced.costs):
        mine = [g for g in range(n) if reduced.masks[g] >> actor & 1]
        if len(mine) < 2:
            continue
        first = model.new_int_var(0, n - 1, f"first{actor}")
        last = model.new_int_var(0, n - 1, f"last{actor}")
        model.add_min_equality(first, [pos[g] for g in mine])
        model.add_max_equality(last, [pos[g] for g in mine])
        for h in range(n):
            if h in mine:
                continue
            after_first = model.new_bool_var(f"af{actor}_{h}")
            before_last = model.new_bool_var(f"bl{actor}_{h}")
            model.add(pos[h] > first).only_enforce_if(after_first)
            model.add(pos[h] < first).only_enforce_if(~after_first)
            model.add(pos[h] < last).only_enforce_if(before_last)
            model.add(pos[h] > last).only_enforce_if(~before_last)
            held = model.new_bool_var(f"held{actor}_{h}")
            model.add_bool_or([~after_first, ~before_last, held])
            hold_terms.append(cost * reduced.durations[h] * held)
    model.minimize(sum(hold_terms))
    if hint is not None:
        if hint.index(0) > hint.index(1):  # the same order read backwards meets pos[0] < pos[1]
            hint = hint[::-1]
        for place, g in enumerate(hint):
            model.add_hint(pos[g], place)
    solver = cp_model.CpSolver()
    if solvers is not None:
        solvers.append(solver)
    solver.parameters.max_time_in_seconds = max(0.1, seconds)
    solver.parameters.num_workers = workers
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return list(range(n)), _cost_of(reduced, list(range(n))), own, False
    order = sorted(range(n), key=lambda g: solver.value(pos[g]))
    cost = _cost_of(reduced, order)
    bound = own + int(-(-solver.best_objective_bound // 1))
    return order, cost, min(bound, cost), status == cp_model.OPTIMAL


def _cost_of(reduced: Reduced, order: list[int]) -> int:
    """Total cost of a group order (own and hold), counted directly."""
    total = 0
    for actor, cost in enumerate(reduced.costs):
        places = [p for p, g in enumerate(order) if reduced.masks[g] >> actor & 1]
        if places:
            total += cost * sum(reduced.durations[g] for g in order[places[0] : places[-1] + 1])
    return total
