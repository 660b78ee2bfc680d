"""A complete solution hint for the day model: every variable's value for a board.

CP-SAT takes a hint that sets every variable consistently as its first solution at once; a hint
on the scene-to-day literals alone has to be completed by search first, which on a 180-scene
script it often did not manage before the time limit.
"""

from __future__ import annotations

from typing import Any


def hint_board(builder: Any, board: dict[int, int]) -> None:
    """Hint ``builder``'s model (a ``day_model._Builder``, built) with ``board``'s values."""
    problem, model = builder.problem, builder.model
    strips, n_days = problem.strips, len(problem.dates)
    on_day: list[list[int]] = [[] for _ in range(n_days)]
    for s, d in board.items():
        on_day[d].append(s)
    for (s, d), var in builder.x.items():
        model.add_hint(var, board[s] == d)
    used = [bool(scenes) for scenes in on_day]
    for d in range(n_days):
        model.add_hint(builder.used[d], used[d])
        model.add_hint(builder.night[d], any(strips[s].day_night == "NIGHT" for s in on_day[d]))
    for c, (first, last) in builder.span.items():
        days = sorted({board[s] for s, strip in enumerate(strips) if c in strip.cast})
        low, high = days[0], days[-1]
        model.add_hint(first, low)
        model.add_hint(last, high)
        held = 0
        for d in range(n_days):
            works = d in days
            model.add_hint(builder.works[c, d], works)
            started, ongoing, held_day = builder.daily[c, d]
            is_held = low <= d <= high and used[d] and not works
            held += is_held
            model.add_hint(started, low <= d)
            model.add_hint(ongoing, high >= d)
            model.add_hint(held_day, is_held)
        model.add_hint(builder.held[c], held)
    for d in range(n_days):
        sets = {strips[s].set for s in on_day[d]}
        for (name, day), var in builder.at.items():
            if day == d:
                model.add_hint(var, name in sets)
        model.add_hint(builder.moves[d], max(0, len(sets) - 1))
