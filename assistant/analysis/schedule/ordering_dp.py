"""Exact scene ordering by memoised branch-and-bound over sets of scenes.

The dynamic program of Garcia de la Banda, Stuckey and Chu (2011, "Solving talent scheduling with
dynamic programming", INFORMS J. Computing): with ``Q`` the scenes still to shoot, the cost of
shooting scene ``s`` next is ``d(s) x cost(a(s) | (a(done) & a(Q - s)))``: its own actors plus
everyone who has started and has a scene left. The best cost of ``Q`` depends on ``Q`` alone, so
it is memoised. Three of the paper's devices keep the search small:

- dominance: a scene whose actors are exactly those on location is shot next (it then pays no
  hold, and shooting it earlier lets actors whose last scene it is leave sooner and brings no one
  in early), so such a state has one child;
- a lower bound: every remaining scene pays at least its own actors;
- bounded search with memoised bounds: ``search(Q, U)`` returns the exact optimum when it is at
  most ``U``, else a proved lower bound above ``U``, which is memoised so a state is never
  searched again with a bound it cannot meet.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.analysis.schedule.talent import Reduced

_CHECK_EVERY = 4096
"""States between two looks at the clock."""


class OrderSearchTimeout(Exception):
    """The search ran out of time; ``lower_bound`` is what it had proved."""

    def __init__(self, lower_bound: int) -> None:
        super().__init__("time limit reached")
        self.lower_bound = lower_bound


def solve_order_dp(
    reduced: Reduced,
    *,
    upper: int,
    incumbent: list[int],
    seconds: float,
    stats: dict[str, int] | None = None,
    stop: threading.Event | None = None,
) -> tuple[list[int], int]:
    """The optimal order of ``reduced``'s groups and its cost (``fixed`` not included).

    ``upper`` is the cost of ``incumbent``, a known order; the search only looks for better ones,
    and returns ``incumbent`` when there is none. ``stats["states"]`` receives the states expanded;
    setting ``stop`` ends the search as a time-out does.

    Raises:
        OrderSearchTimeout: ``seconds`` passed first.
    """
    n = len(reduced.masks)
    masks, durations = reduced.masks, reduced.durations
    full = (1 << n) - 1
    price: dict[int, int] = {}

    def cost_of(mask: int) -> int:
        value = price.get(mask)
        if value is None:
            value = price[mask] = reduced.mask_cost(mask)
        return value

    own = [durations[g] * cost_of(masks[g]) for g in range(n)]
    memo: dict[int, tuple[int, bool, int]] = {}
    """Q -> (value, exact, best next group)."""
    deadline = time.monotonic() + seconds
    visited = 0

    actor_groups = [
        sum(1 << g for g in range(n) if masks[g] >> a & 1) for a in range(len(reduced.costs))
    ]
    group_actors = [[a for a in range(len(reduced.costs)) if masks[g] >> a & 1] for g in range(n)]

    chunks = [
        [
            sum(durations[c * 10 + g] for g in range(10) if c * 10 + g < n and m >> g & 1)
            for m in range(1024)
        ]
        for c in range((n + 9) // 10)
    ]

    def length(q: int) -> int:
        """Summed durations of the groups in ``q``."""
        total, c = 0, 0
        while q:
            total += chunks[c][q & 1023]
            q >>= 10
            c += 1
        return total

    costs = reduced.costs

    def pair_bound(q: int, on_location: int) -> int:
        """Hold that actors already on location must still pay: of two such actors, the one who
        finishes later is held through the other's remaining scenes without them. Disjoint pairs
        are summed (greedily, largest first)."""
        present = [a for a in range(len(costs)) if on_location >> a & 1]
        if len(present) < 2:
            return 0
        pairs = []
        for i, a in enumerate(present):
            for b in present[i + 1 :]:
                only_a = length(actor_groups[a] & ~actor_groups[b] & q)
                only_b = length(actor_groups[b] & ~actor_groups[a] & q)
                value = min(costs[a] * only_b, costs[b] * only_a)
                if value:
                    pairs.append((value, a, b))
        pairs.sort(reverse=True)
        taken, total = 0, 0
        for value, a, b in pairs:
            if not (taken >> a & 1 or taken >> b & 1):
                taken |= 1 << a | 1 << b
                total += value
        return total

    def actors_of(q: int) -> int:
        return sum(1 << a for a, groups in enumerate(actor_groups) if groups & q)

    def search(q: int, done: int, base: int, bound: int) -> int:
        nonlocal visited
        if q == 0:
            return 0
        hit = memo.get(q)
        if hit is not None and (hit[1] or hit[0] > bound):
            return hit[0]
        if base > bound:
            return base
        visited += 1
        if visited % _CHECK_EVERY == 0 and (
            time.monotonic() > deadline or (stop is not None and stop.is_set())
        ):
            raise OrderSearchTimeout(0)
        remaining = actors_of(q)
        on_location = done & remaining
        floor = base + pair_bound(q, on_location)
        if floor > bound:
            previous = memo.get(q)
            memo[q] = (max(floor, previous[0] if previous else 0), False, -1)
            return floor
        children: list[tuple[int, int, int, int]] = []
        rest = q
        while rest:
            low = rest & -rest
            g = low.bit_length() - 1
            rest ^= low
            left = q ^ low
            # Actors whose last remaining scene this is leave after it; everyone else stays.
            leaving = sum(1 << a for a in group_actors[g] if actor_groups[a] & left == 0)
            step = durations[g] * cost_of(masks[g] | (done & remaining & ~leaving))
            if masks[g] == on_location:  # dominance: shoot it now
                children = [(0, step, g, left)]
                break
            children.append((step - own[g], step, g, left))
        children.sort()
        best, best_g, lower = -1, -1, None
        limit = bound
        for _, step, g, left in children:  # least hold added first: good orders early
            child_base = base - own[g]
            if step + child_base > limit:
                lower = step + child_base if lower is None else min(lower, step + child_base)
                continue
            value = step + search(left, done | masks[g], child_base, limit - step)
            if value <= limit:
                best, best_g, limit = value, g, value - 1
            else:
                lower = value if lower is None else min(lower, value)
        if best >= 0:
            memo[q] = (best, True, best_g)
            return best
        assert lower is not None  # every child was cut or failed, each with a bound
        previous = memo.get(q)
        memo[q] = (max(lower, previous[0] if previous else 0), False, -1)
        return lower

    base = sum(own)
    try:
        value = search(full, 0, base, upper - 1)
        if stats is not None:
            stats["states"] = visited
    except OrderSearchTimeout:
        root = memo.get(full)
        raise OrderSearchTimeout(root[0] if root else base) from None
    if value > upper - 1:  # nothing cheaper than the incumbent
        return incumbent, upper
    order, q = [], full
    while q:
        g = memo[q][2]
        order.append(g)
        q ^= 1 << g
    return order, value
