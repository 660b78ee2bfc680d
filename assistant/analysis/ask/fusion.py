"""Fusing the dense and BM25 scene scores: a weighted sum (the default) or reciprocal rank
fusion (kept for comparison; docs/chat.md has the numbers)."""

from __future__ import annotations

from typing import Literal

FUSION_WEIGHT = 0.6
"""Share of the cosine in the fused score (the rest is BM25 over its best score for the
question). On the dev set's tuning half (25 answerable questions with gold scenes) hit@5 was
88% for RRF and 88/96/92/92/84% for weights 0.5/0.6/0.7/0.8/0.9 (docs/chat.md)."""
RRF_K = 60
"""Reciprocal rank fusion constant (Cormack et al. 2009), for the ``rrf`` ranker."""
Ranker = Literal["dense", "bm25", "fused", "rrf"]


def ordered(scores: dict[int, float]) -> list[int]:
    """Scene indices by score, best first (ties: script order)."""
    return sorted(scores, key=lambda i: (-scores[i], i))


def rank(
    dense: dict[int, float], lexical: dict[int, float], ranker: Ranker = "fused"
) -> list[tuple[int, float]]:
    """Scenes best first with their score under ``ranker``.

    ``fused`` is the weighted sum ``FUSION_WEIGHT * cosine + (1 - FUSION_WEIGHT) * bm25 / max``;
    ``rrf`` is reciprocal rank fusion, ``1/(RRF_K + rank)`` summed over the two rankings (a
    scene no query word reaches takes no BM25 share), kept for comparison.
    """
    if ranker == "dense":
        return [(i, dense[i]) for i in ordered(dense)]
    if ranker == "bm25":
        return [(i, lexical[i]) for i in ordered(lexical)]
    if ranker == "fused":
        return weighted(dense, lexical, FUSION_WEIGHT)
    fused: dict[int, float] = {}
    for position, scene in enumerate(ordered(dense), start=1):
        fused[scene] = 1.0 / (RRF_K + position)
    for position, scene in enumerate(ordered(lexical), start=1):
        if lexical[scene] > 0:
            fused[scene] = fused.get(scene, 0.0) + 1.0 / (RRF_K + position)
    return [(i, fused[i]) for i in ordered(fused)]


def weighted(
    dense: dict[int, float], lexical: dict[int, float], weight: float
) -> list[tuple[int, float]]:
    """``weight * cosine + (1 - weight) * bm25 / (best bm25)``, best first."""
    top = max(lexical.values(), default=0.0) or 1.0
    scores = {i: weight * dense[i] + (1 - weight) * lexical.get(i, 0.0) / top for i in dense}
    return [(i, scores[i]) for i in ordered(scores)]
