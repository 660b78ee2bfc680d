"""Casting search: hard filters, dense + BM25 ranking fused, a reason per result.

Filters choose the candidates first (columns.py: numpy copies of store.py's SQLite filter columns),
so a result never breaks a filter. Both rankings then run over the same candidates: dense
(catalog.py: exact over few, ANN with an id selector over many) and BM25 (lexical.py). Fusion is a
weighted sum (0.5/0.5) of min-max normalised scores by default: on scripts/eval_casting.py it beat
reciprocal rank fusion with both embedders (MiniLM: nDCG@10 0.784 vs 0.742, recall@10 1.000 vs
0.912), because a confident BM25 match (a named skill or accent) keeps its margin where RRF
flattens it to a rank. RRF stays selectable.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from assistant.casting.catalog import CastingIndex
from assistant.casting.lexical import tokens
from assistant.casting.profiles import ActorProfile, AgeRange
from assistant.casting.store import CastFilters
from assistant.errors import CastingError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from assistant.models.base import Embedder

SEARCH_FORMAT = "slate.cast.search/1"
MAX_QUERY_CHARS = 2_000
"""Longer queries are cut here (MiniLM reads 256 tokens anyway); the result says so."""
RRF_K = 60
POOL = 100
"""Candidates each ranking contributes to the fusion, at least (``k`` x 5 when more)."""
Fusion = Literal["rrf", "weighted", "dense", "bm25"]


class PlayingAge(BaseModel):
    min: int
    max: int


class CastResult(BaseModel):
    id: str
    name: str
    score: float
    """The fused score, higher is better: ``weighted`` 0-1 (half from each ranking's min-max
    normalised score); ``rrf`` the sum of 1/(60 + rank)."""
    playing_age: PlayingAge
    gender_identity: str
    base_city: str
    skills: list[str]
    reasons: list[str]
    dense_rank: int | None = None
    bm25_rank: int | None = None


class CastSearch(BaseModel):
    format: str = SEARCH_FORMAT
    query: str
    filters: dict[str, object]
    fusion: Fusion
    candidates: int
    """Profiles passing the hard filters."""
    results: list[CastResult] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    """E.g. the query was cut, or which filter left no one."""


def clean_query(query: str) -> tuple[str, list[str]]:
    """The query stripped and cut to ``MAX_QUERY_CHARS``, and a note when it was cut.

    Raises:
        CastingError: the query is empty (filters alone need no ranking: give any words).
    """
    text = " ".join(query.split())
    if not text:
        raise CastingError('Empty casting query: describe the role, e.g. "wiry ex-boxer, 60s"')
    if len(text) > MAX_QUERY_CHARS:
        return text[:MAX_QUERY_CHARS], [
            f"query cut from {len(text)} to {MAX_QUERY_CHARS} characters"
        ]
    return text, []


def search(
    index: CastingIndex,
    embedder: Embedder,
    query: str,
    filters: CastFilters | None = None,
    *,
    k: int = 10,
    fusion: Fusion = "weighted",
    role_age: AgeRange | None = None,
) -> CastSearch:
    """The ``k`` best profiles for ``query`` among those passing ``filters``.

    ``role_age`` (else ``filters.age``) is what the age-fit reason compares against.

    Raises:
        CastingError: an empty query.
    """
    import numpy as np

    filters = filters or CastFilters()
    text, notes = clean_query(query)
    allowed = index.matching(filters)
    result = CastSearch(
        query=text,
        filters=filters.model_dump(mode="json", exclude_defaults=True),
        fusion=fusion,
        candidates=index.meta.count,
        notes=notes,
    )
    if allowed is not None:
        result.candidates = len(allowed)
        if not len(allowed):
            result.notes.append(f"No profile passes the filters: {index.store.why_empty(filters)}")
            return result
    pool = max(POOL, 5 * k)
    dense_ids: list[int] = []
    dense_scores: dict[int, float] = {}
    if fusion != "bm25":
        qvec = np.ascontiguousarray(embedder.embed([text]), dtype=np.float32)
        ids, scores = index.dense(qvec, pool, allowed)
        dense_ids = [int(i) for i in ids[0] if i >= 0]
        dense_scores = {int(i): float(s) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0}
    bm25_ids: list[int] = []
    bm25_scores: dict[int, float] = {}
    if fusion != "dense":
        pool_vids = allowed if allowed is not None else index.lexical.vids
        scores_b = index.lexical.scores(text, pool_vids)
        top = best_positive(scores_b, pool)
        bm25_ids = [int(pool_vids[i]) for i in top]
        bm25_scores = {int(pool_vids[i]): float(scores_b[i]) for i in top}
    fused = fuse(dense_ids, dense_scores, bm25_ids, bm25_scores, fusion)[:k]
    profiles = index.store.profiles([vid for vid, _ in fused])
    d_rank = {v: r + 1 for r, v in enumerate(dense_ids)}
    b_rank = {v: r + 1 for r, v in enumerate(bm25_ids)}
    age = role_age or filters.age
    for vid, score in fused:
        p = profiles[vid]
        result.results.append(
            CastResult(
                id=p.id,
                name=p.name,
                score=round(score, 6),
                playing_age=PlayingAge(min=p.playing_age.min, max=p.playing_age.max),
                gender_identity=p.gender_identity,
                base_city=p.base_city,
                skills=p.skills,
                reasons=reasons(p, text, filters, age),
                dense_rank=d_rank.get(vid),
                bm25_rank=b_rank.get(vid),
            )
        )
    return result


def best_positive(scores: npt.NDArray[np.float32], n: int) -> npt.NDArray[np.intp]:
    """Positions of the ``n`` best positive ``scores``, best first, ties in position order:
    ``[i for i in np.argsort(-scores, kind="stable")[:n] if scores[i] > 0]``, without sorting
    every score (a stable argsort of a 1M-profile roster's BM25 scores was a whole query's
    worth of time; only the profiles sharing a query word score above 0)."""
    import numpy as np

    positive = np.flatnonzero(scores > 0)
    return positive[np.argsort(-scores[positive], kind="stable")[:n]]


def fuse(
    dense_ids: list[int],
    dense_scores: dict[int, float],
    bm25_ids: list[int],
    bm25_scores: dict[int, float],
    fusion: Fusion,
) -> list[tuple[int, float]]:
    """(vid, fused score) best first. RRF needs no score scale; ``weighted`` is 0.5/0.5 of
    min-max normalised scores (a vid missing from one list scores 0 there)."""
    total: dict[int, float] = {}
    if fusion in ("rrf", "dense", "bm25"):
        for ranking in (dense_ids, bm25_ids):
            for rank, vid in enumerate(ranking):
                total[vid] = total.get(vid, 0.0) + 1.0 / (RRF_K + rank + 1)
    else:
        for scores in (dense_scores, bm25_scores):
            if not scores:
                continue
            low, high = min(scores.values()), max(scores.values())
            span = (high - low) or 1.0
            for vid, s in scores.items():
                total[vid] = total.get(vid, 0.0) + 0.5 * (s - low) / span
    return sorted(total.items(), key=lambda item: (-item[1], item[0]))


_PHRASE_WINDOW = 6


def reasons(
    profile: ActorProfile, query: str, filters: CastFilters, age: AgeRange | None
) -> list[str]:
    """Short, checkable reasons: skills and accents named, matching credits, a bio phrase, age."""
    out: list[str] = []
    words = set(tokens(query))
    skills = [s for s in profile.skills if s in filters.skills or set(s.split()) & words]
    if skills:
        out.append("skills: " + ", ".join(skills))
    accents = [a for a in profile.accents if set(tokens(a)) & words]
    if accents:
        out.append("accent: " + ", ".join(accents))
    credits = [c for c in profile.credits if set(tokens(f"{c.role} {c.genre} {c.title}")) & words]
    if credits:
        best = sorted(credits, key=lambda c: (c.size != "lead", -c.year))[:2]
        out.append(
            "credits: " + "; ".join(f"{c.role} ({c.size}), {c.title} {c.year}" for c in best)
        )
    phrase = _bio_phrase(profile.bio, words)
    if phrase:
        out.append(f'bio: "{phrase}"')
    if age is not None:
        lo, hi = max(age.min, profile.playing_age.min), min(age.max, profile.playing_age.max)
        if lo <= hi:
            out.append(
                f"plays {profile.playing_age.min}-{profile.playing_age.max} "
                f"(role {age.min}-{age.max})"
            )
        else:
            out.append(
                f"age outside the role: plays {profile.playing_age.min}-"
                f"{profile.playing_age.max} (role {age.min}-{age.max})"
            )
    if not out:
        out.append("close in meaning to the query (no shared words)")
    return out


def _bio_phrase(bio: str, words: set[str]) -> str | None:
    """The bio's densest run of query words, up to ``_PHRASE_WINDOW`` words."""
    parts = re.findall(r"\S+", bio)
    if not parts or not words:
        return None
    hits = [i for i, w in enumerate(parts) if set(tokens(w)) & words]
    if not hits:
        return None
    best = max(hits, key=lambda i: sum(1 for h in hits if i <= h < i + _PHRASE_WINDOW))
    return " ".join(parts[best : best + _PHRASE_WINDOW]).strip(",.;")
