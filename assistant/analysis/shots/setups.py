"""Timing and set-ups: fit the shots to the scene's screen time, group them as an AD would.

Screen time is the industry's rule of thumb, a page a minute: a scene's eighths times 7.5 s. Each
shot's natural length (speech at 150 words a minute, action a little faster, inserts a beat) is
scaled so that the scene's shots add up to that time, to the tenth of a second.

A set-up is one camera position and lens: every shot framed on the same character from the same
side with the same lens is one set-up (an over and a clean single of Mara from her side differ in
framing only); wide shots, inserts and moves are their own. The crew shoots wide to tight, one
side of the line before turning around, then the inserts, which is the order given.
"""

from __future__ import annotations

from assistant.analysis.shots.drafts import Draft

SECONDS_PER_EIGHTH = 7.5
"""A page (eight eighths) is a minute of screen time."""
MIN_SHOT_S = 0.5

_RANK = {"establishing": 0, "master": 1, "two-shot": 1, "action": 2, "pov": 3, "over": 4,
         "single": 4, "reaction": 4, "insert": 5}  # fmt: skip


def screen_time_s(eighths: int) -> float:
    return eighths * SECONDS_PER_EIGHTH


def fit_durations(drafts: list[Draft], total_s: float) -> list[float]:
    """Each draft's seconds, scaled so that they add up to ``total_s`` (to 0.1 s)."""
    if not drafts:
        return []
    natural = sum(d.weight_s for d in drafts) or float(len(drafts))
    scale = total_s / natural
    tenths = [max(round(d.weight_s * scale * 10), round(MIN_SHOT_S * 10)) for d in drafts]
    # Give the rounding difference to the longest shots, a tenth at a time, so the sum is exact.
    target = round(total_s * 10)
    order = sorted(range(len(drafts)), key=lambda i: -tenths[i])
    diff = target - sum(tenths)
    step = 1 if diff > 0 else -1
    i = 0
    while diff and i < 10 * len(drafts) * 10:
        j = order[i % len(order)]
        if step > 0 or tenths[j] > round(MIN_SHOT_S * 10):
            tenths[j] += step
            diff -= step
        i += 1
    return [t / 10 for t in tenths]


def setup_key(draft: Draft) -> tuple[str, ...]:
    """What makes two shots one camera position and lens."""
    lens = str(draft.lens_mm)
    if draft.kind in ("over", "single", "reaction"):
        facing = draft.subjects[0] if draft.subjects else "-".join(draft.off_screen)
        return ("on", facing, lens, draft.angle.value)
    if draft.kind in ("master", "two-shot", "establishing"):
        return (draft.kind, *sorted(draft.subjects), lens, draft.movement.value)
    return (draft.kind, *draft.subjects, lens, draft.angle.value, draft.movement.value)


def assign_setups(drafts: list[Draft]) -> tuple[list[int], list[int]]:
    """The set-up number of each draft (1-based, in shooting order) and the shooting order.

    Returns:
        ``(setup_of_each_draft, draft_positions_in_shooting_order)``.
    """
    first_seen: dict[tuple[str, ...], int] = {}
    rank: dict[tuple[str, ...], int] = {}
    for i, draft in enumerate(drafts):
        key = setup_key(draft)
        first_seen.setdefault(key, i)
        rank[key] = min(rank.get(key, 9), _RANK[draft.kind])
    ordered = sorted(first_seen, key=lambda k: (rank[k], first_seen[k]))
    number = {key: n for n, key in enumerate(ordered, start=1)}
    setups = [number[setup_key(d)] for d in drafts]
    shooting = sorted(range(len(drafts)), key=lambda i: (setups[i], i))
    return setups, shooting
