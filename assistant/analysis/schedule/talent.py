"""Talent scheduling (Cheng, Diamond and Lin 1993; CSPLib 039): the order of scenes that pays the
actors least, where each actor is paid from their first scene to their last.

This is the ordering part of Slate's scheduling core: hold days (paid days between an actor's
first and last work day) are exactly what it minimises. ``solve_talent`` reduces the instance by
exact rules, runs the CP-SAT ordering model (``ordering_cpsat.py``) for a first schedule and a
bound, and, when CP-SAT has not proved the optimum, closes the gap with the memoised
branch-and-bound over sets of scenes of Garcia de la Banda, Stuckey and Chu (2011)
(``ordering_dp.py``), which proves it.

Costs: ``total`` = sum over actors of cost x (durations of the scenes from the actor's first to
last scene, inclusive); ``hold`` = total - sum over actors of cost x (durations of own scenes).
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from assistant.errors import AnalysisError


@dataclass(frozen=True)
class TalentInstance:
    """Actors x scenes: who is in which scene, each actor's cost a day, each scene's length."""

    name: str
    appears: tuple[tuple[bool, ...], ...]
    """Row per actor, column per scene."""
    costs: tuple[int, ...]
    durations: tuple[int, ...]

    @property
    def scenes(self) -> int:
        return len(self.durations)

    @property
    def actors(self) -> int:
        return len(self.costs)

    def __post_init__(self) -> None:
        if len(self.appears) != len(self.costs):
            raise AnalysisError(
                f"{self.name}: {len(self.appears)} rows of ia, {len(self.costs)} costs"
            )
        for row in self.appears:
            if len(row) != len(self.durations):
                raise AnalysisError(
                    f"{self.name}: an ia row has {len(row)} scenes, not {self.scenes}"
                )
        if any(d < 0 for d in self.durations) or any(c < 0 for c in self.costs):
            raise AnalysisError(f"{self.name}: negative duration or cost")


class TalentSolution(BaseModel):
    """The best order found, what it costs, and whether it is proved optimal."""

    instance: str
    scenes: int
    actors: int
    order: list[int]
    """0-based scene indices in shooting order."""
    total_cost: int
    hold_cost: int
    lower_bound: int
    """A proved lower bound on ``total_cost``; equal to it when ``optimal``."""
    optimal: bool
    proved_by: str
    """``cp-sat``, ``branch-and-bound`` or ``none`` (time ran out, or cancelled)."""
    seconds: float
    cancelled: bool = False
    """The caller's cancel event stopped the search before it proved the optimum."""


def order_cost(instance: TalentInstance, order: list[int]) -> tuple[int, int]:
    """``(total, hold)`` of shooting the scenes in ``order`` (a permutation of all scenes)."""
    if sorted(order) != list(range(instance.scenes)):
        raise AnalysisError(f"{instance.name}: the order is not a permutation of the scenes")
    position = {scene: p for p, scene in enumerate(order)}
    total = own = 0
    for actor, row in enumerate(instance.appears):
        mine = [position[s] for s, there in enumerate(row) if there]
        if not mine:
            continue
        span = order[min(mine) : max(mine) + 1]
        total += instance.costs[actor] * sum(instance.durations[s] for s in span)
        own += instance.costs[actor] * sum(
            instance.durations[s] for s, there in enumerate(row) if there
        )
    return total, total - own


@dataclass
class Reduced:
    """The instance after the exact reductions, as bit masks of actors per scene group.

    - An actor in at most one scene costs the same in every order: removed, cost kept in ``fixed``.
    - Scenes with the same actors can be shot together in some optimal order (Garcia de la Banda
      et al. 2011, and Smith 2005 before them): merged into one group, durations summed.
    - A group left with no actors is shot first, when no one is yet on location: cost 0.
    """

    masks: list[int]
    durations: list[int]
    members: list[list[int]]
    """The original scenes of each group, in index order."""
    costs: list[int]
    first: list[int] = field(default_factory=list)
    """Original scenes shot before every group (no actor who is in two scenes)."""
    fixed: int = 0

    def mask_cost(self, mask: int) -> int:
        total = 0
        while mask:
            low = mask & -mask
            total += self.costs[low.bit_length() - 1]
            mask ^= low
        return total

    def expand(self, group_order: list[int]) -> list[int]:
        return self.first + [scene for g in group_order for scene in self.members[g]]


def reduce_instance(instance: TalentInstance) -> Reduced:
    """Apply the exact reductions of ``Reduced``."""
    kept = [a for a, row in enumerate(instance.appears) if sum(row) >= 2]
    fixed = sum(
        instance.costs[a]
        * sum(d for d, there in zip(instance.durations, row, strict=True) if there)
        for a, row in enumerate(instance.appears)
        if sum(row) < 2
    )
    groups: dict[int, int] = {}
    reduced = Reduced([], [], [], [instance.costs[a] for a in kept], fixed=fixed)
    for scene in range(instance.scenes):
        mask = sum(1 << bit for bit, a in enumerate(kept) if instance.appears[a][scene])
        if mask == 0:
            reduced.first.append(scene)
        elif mask in groups:
            g = groups[mask]
            reduced.durations[g] += instance.durations[scene]
            reduced.members[g].append(scene)
        else:
            groups[mask] = len(reduced.masks)
            reduced.masks.append(mask)
            reduced.durations.append(instance.durations[scene])
            reduced.members.append([scene])
    return reduced


def solve_talent(
    instance: TalentInstance,
    *,
    time_limit: float = 60.0,
    workers: int = 2,
    first_pass: float = 2.0,
    cancel: threading.Event | None = None,
) -> TalentSolution:
    """The cheapest shooting order of ``instance`` found within ``time_limit`` seconds.

    CP-SAT runs ``first_pass`` seconds on ``workers`` threads for a first order. If that does not
    prove it, CP-SAT (one worker, in a thread: it releases the GIL) and the branch-and-bound (this
    thread) race on two cores for the rest of the time: whichever proves the optimum first stops
    the other. On time-out the best order found is returned with ``optimal`` False and the best
    proved bound; so it is when ``cancel`` is set, which stops both searches within a fraction of
    a second and marks the solution ``cancelled``.
    """
    from assistant.analysis.schedule.ordering_cpsat import solve_order_cpsat
    from assistant.analysis.schedule.ordering_dp import OrderSearchTimeout, solve_order_dp

    started = time.monotonic()
    reduced = reduce_instance(instance)
    done = threading.Event()
    """Set when one search proved the optimum, or when the caller cancelled."""
    finished = threading.Event()
    solvers: list[object] = []
    watcher = _watch_cancel(cancel, done, finished, solvers)
    groups, cp_cost, cp_bound, cp_optimal = solve_order_cpsat(
        reduced, min(first_pass, time_limit), workers, solvers=solvers
    )
    best_groups, best, bound, proved_by = groups, cp_cost, cp_bound, "cp-sat" if cp_optimal else ""
    if not cp_optimal and not done.is_set():
        remaining = time_limit - (time.monotonic() - started)
        race: dict[str, tuple[list[int], int, int, bool]] = {}

        def cp_sat() -> None:
            race["cp"] = solve_order_cpsat(reduced, remaining, 1, hint=groups, solvers=solvers)
            if race["cp"][3]:
                done.set()

        thread = threading.Thread(target=cp_sat, daemon=True)
        thread.start()
        try:
            best_groups, best = solve_order_dp(
                reduced, upper=cp_cost, incumbent=groups, seconds=remaining, stop=done
            )
            bound, proved_by = best, "branch-and-bound"
        except OrderSearchTimeout as stop:
            bound = max(bound, stop.lower_bound)
        while thread.is_alive():  # CP-SAT may still be building its model: stop it once it runs
            for solver in solvers:
                solver.stop_search()  # type: ignore[attr-defined]
            thread.join(timeout=0.05)
        cp_groups, cp_cost, cp_bound, cp_optimal = race.get("cp", (groups, cp_cost, 0, False))
        if cp_cost < best:
            best_groups, best = cp_groups, cp_cost
        if not proved_by:
            proved_by = "cp-sat" if cp_optimal else "none"
        bound = best if proved_by != "none" else max(bound, cp_bound)
    finished.set()
    if watcher is not None:
        watcher.join()
    cancelled = cancel is not None and cancel.is_set() and proved_by in ("", "none")
    order = reduced.expand(best_groups)
    total, hold = order_cost(instance, order)
    if total != best + reduced.fixed:  # the two cost models must agree, or a reduction is wrong
        raise AnalysisError(
            f"{instance.name}: order costs {total}, search said {best + reduced.fixed}"
        )
    return TalentSolution(
        instance=instance.name,
        scenes=instance.scenes,
        actors=instance.actors,
        order=order,
        total_cost=total,
        hold_cost=hold,
        lower_bound=bound + reduced.fixed,
        optimal=proved_by in ("cp-sat", "branch-and-bound"),
        proved_by=proved_by or "none",
        seconds=round(time.monotonic() - started, 3),
        cancelled=cancelled,
    )


def _watch_cancel(
    cancel: threading.Event | None,
    done: threading.Event,
    finished: threading.Event,
    solvers: list[object],
) -> threading.Thread | None:
    """A thread that, once ``cancel`` is set, sets ``done`` (the branch-and-bound's stop) and
    stops every CP-SAT solver in ``solvers``, again at every poll (a solver still building its
    model keeps no earlier stop) until ``finished`` is set."""
    if cancel is None:
        return None

    def watch() -> None:
        while not finished.wait(0.05):
            if cancel.is_set():
                done.set()
                for solver in list(solvers):
                    solver.stop_search()  # type: ignore[attr-defined]

    thread = threading.Thread(target=watch, name="talent-cancel", daemon=True)
    thread.start()
    return thread


_ASSIGN = re.compile(r"(\w+)\s*=\s*(.*?);", re.S)


def parse_dzn(text: str, name: str = "instance") -> TalentInstance:
    """A talent-scheduling instance from MiniZinc ``.dzn`` text (``numScenes``, ``numActors``,
    ``ia``, ``c``, ``d``; other parameters are ignored).

    Raises:
        AnalysisError: a parameter is missing or the sizes disagree.
    """
    text = re.sub(r"%[^\n]*", "", text)
    values = {key: value for key, value in _ASSIGN.findall(text)}
    missing = [key for key in ("numScenes", "numActors", "ia", "c", "d") if key not in values]
    if missing:
        raise AnalysisError(f"{name}: no {', '.join(missing)} in the .dzn file")

    def numbers(key: str) -> list[int]:
        try:
            return [int(v) for v in re.findall(r"-?\d+", values[key])]
        except ValueError as exc:  # pragma: no cover - the pattern only finds integers
            raise AnalysisError(f"{name}: {key} is not a list of integers") from exc

    scenes, actors = numbers("numScenes")[0], numbers("numActors")[0]
    flat = numbers("ia")
    if len(flat) != scenes * actors:
        raise AnalysisError(f"{name}: ia has {len(flat)} entries, not {actors} x {scenes}")
    appears = tuple(
        tuple(v == 1 for v in flat[a * scenes : (a + 1) * scenes]) for a in range(actors)
    )
    return TalentInstance(name, appears, tuple(numbers("c")), tuple(numbers("d")))


def read_dzn(path: Path) -> TalentInstance:
    """``parse_dzn`` of a file, named by its stem."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AnalysisError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    return parse_dzn(text, path.stem)
