"""Scene alignment of two drafts: deterministic and near-linear.

1. Anchors: scenes whose fingerprint (heading and lines, not the number) is equal in both drafts;
   the k-th occurrence of a fingerprint in the old draft pairs with its k-th in the new.
2. The longest run of anchors in the same order (a longest increasing subsequence, O(n log n))
   stays in place; the other anchors moved.
3. The scenes left over are paired by similarity (heading and words), each only against
   candidates from a bounded set: the unpaired new scenes in the same gap between in-place anchors
   (when the gap holds at most ``GAP_LIMIT`` pairs) and the unpaired new scenes with the same
   heading (at most ``SAME_HEADING_LIMIT``). So 300 scenes never cost 300 x 300 comparisons.
4. A second longest-increasing pass over every pair decides which of them moved.

Ties break on the lower index, so the same two drafts always align the same way.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from assistant.analysis.compare.scene_lines import SceneLines

GAP_LIMIT = 4096
"""Most old x new candidate pairs compared inside one gap between anchors (64 x 64 scenes)."""
SAME_HEADING_LIMIT = 8
"""Most same-heading candidates an unpaired old scene is compared with outside its gap."""
MATCH_THRESHOLD = 0.45
"""Least similarity for two different scenes to count as one scene changed (below: removed and
added). Similarity is 0.3 x heading similarity + 0.7 x Jaccard similarity of words."""


@dataclass(frozen=True)
class Pair:
    old: int
    new: int
    moved: bool
    identical: bool


def _lis(seq: list[int]) -> set[int]:
    """Positions in ``seq`` of one longest strictly increasing subsequence (the leftmost one)."""
    tails: list[int] = []
    tail_pos: list[int] = []
    prev = [-1] * len(seq)
    for i, value in enumerate(seq):
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_pos.append(i)
        else:
            tails[k] = value
            tail_pos[k] = i
        prev[i] = tail_pos[k - 1] if k else -1
    keep: set[int] = set()
    i = tail_pos[-1] if tail_pos else -1
    while i >= 0:
        keep.add(i)
        i = prev[i]
    return keep


def _anchors(old: list[SceneLines], new: list[SceneLines]) -> dict[int, int]:
    by_digest: dict[str, list[int]] = defaultdict(list)
    for scene in new:
        by_digest[scene.digest].append(scene.index)
    used: dict[str, int] = defaultdict(int)
    pairs: dict[int, int] = {}
    for scene in old:
        candidates = by_digest.get(scene.digest)
        k = used[scene.digest]
        if candidates and k < len(candidates):
            pairs[scene.index] = candidates[k]
            used[scene.digest] = k + 1
    return pairs


def similarity(a: SceneLines, b: SceneLines) -> float:
    """0.3 x heading similarity (words) + 0.7 x Jaccard similarity of the scenes' words."""
    union = len(a.words | b.words)
    text = len(a.words & b.words) / union if union else 1.0
    ha, hb = set(a.heading.split()), set(b.heading.split())
    heading = len(ha & hb) / len(ha | hb) if ha | hb else 1.0
    return 0.3 * heading + 0.7 * text


def _in_order(pairs: dict[int, int]) -> set[int]:
    """Old indices of the pairs that keep their order (the rest moved)."""
    olds = sorted(pairs)
    keep = _lis([pairs[o] for o in olds])
    return {olds[i] for i in keep}


def _candidates(
    old: list[SceneLines], new: list[SceneLines], pairs: dict[int, int]
) -> list[tuple[float, int, int]]:
    """(similarity, old, new) for the bounded candidate pairs of the unpaired scenes."""
    in_place = sorted((o, pairs[o]) for o in _in_order(pairs))
    paired_new = set(pairs.values())
    free_old = [s.index for s in old if s.index not in pairs]
    free_new = [s.index for s in new if s.index not in paired_new]
    by_heading: dict[str, list[int]] = defaultdict(list)
    for n in free_new:
        by_heading[new[n].heading].append(n)
    # Gap g lies between in-place anchors g-1 and g: old and new scenes with the same gap number.
    old_bounds = [o for o, _ in in_place]
    new_bounds = [n for _, n in in_place]
    gap_new: dict[int, list[int]] = defaultdict(list)
    for n in free_new:
        gap_new[bisect_left(new_bounds, n)].append(n)
    gap_old: dict[int, list[int]] = defaultdict(list)
    for o in free_old:
        gap_old[bisect_left(old_bounds, o)].append(o)
    seen: set[tuple[int, int]] = set()
    scored: list[tuple[float, int, int]] = []

    def score(o: int, n: int) -> None:
        if (o, n) not in seen:
            seen.add((o, n))
            value = similarity(old[o], new[n])
            if value >= MATCH_THRESHOLD:
                scored.append((value, o, n))

    for gap, olds in gap_old.items():
        news = gap_new.get(gap, [])
        if len(olds) * len(news) <= GAP_LIMIT:
            for o in olds:
                for n in news:
                    score(o, n)
        else:  # a huge gap: compare each old scene with the new scenes at the same offset
            width = GAP_LIMIT // max(len(olds), 1) // 2 + 1
            for k, o in enumerate(olds):
                at = k * len(news) // len(olds)
                for n in news[max(0, at - width) : at + width]:
                    score(o, n)
    for o in free_old:
        for n in by_heading.get(old[o].heading, [])[:SAME_HEADING_LIMIT]:
            score(o, n)
    return scored


def align(
    old: list[SceneLines], new: list[SceneLines], fixed: dict[int, int] | None = None
) -> list[Pair]:
    """Pairs of old and new scenes that are one scene, in old order; unpaired ones were removed
    (old) or added (new). ``fixed``: pairs known beforehand (old -> new), kept whatever the text
    (a suggestion replaces a scene the writer named)."""
    pairs = _anchors(old, new)
    for o, n in (fixed or {}).items():
        pairs = {k: v for k, v in pairs.items() if k != o and v != n}
        pairs[o] = n
    scored = _candidates(old, new, pairs)
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    taken_new = set(pairs.values())
    for _, o, n in scored:
        if o not in pairs and n not in taken_new:
            pairs[o] = n
            taken_new.add(n)
    kept = _in_order(pairs)
    return [
        Pair(o, pairs[o], o not in kept, old[o].digest == new[pairs[o]].digest)
        for o in sorted(pairs)
    ]
