"""Filtered hybrid search over the demo roster: filters hold, fusion, reasons, bad queries."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from assistant.casting import catalog
from assistant.casting.catalog import CastingIndex
from assistant.casting.profiles import ActorProfile, AgeRange
from assistant.casting.search import MAX_QUERY_CHARS, fuse, search
from assistant.casting.store import CastFilters
from assistant.errors import CastingError
from tests.fakes import FakeEmbedder


def _passes(p: ActorProfile, f: CastFilters) -> bool:
    """The filters' meaning, written again in Python (the SQL must agree)."""
    if f.age and not p.playing_age.overlaps(f.age):
        return False
    if f.gender and p.gender_identity not in f.gender:
        return False
    if not set(f.languages) <= set(p.languages) or not set(f.skills) <= set(p.skills):
        return False
    if f.union_status and p.union_status != f.union_status:
        return False
    if f.city and p.base_city.lower() != f.city.lower() and p.travel == "local only":
        return False
    if f.available and not any(
        w.start <= f.available[0] and w.end >= f.available[1] for w in p.availability
    ):
        return False
    return not (f.max_rate is not None and p.day_rate and p.day_rate.min > f.max_rate)


FILTERS = [
    CastFilters(age=AgeRange(min=55, max=70)),
    CastFilters(gender=["woman"], languages=["fr"]),
    CastFilters(skills=["boxing"], union_status="union"),
    CastFilters(city="Glasgow", max_rate=700),
    CastFilters(available=(dt.date(2027, 3, 1), dt.date(2027, 3, 20)), gender=["man"]),
]


@pytest.mark.parametrize("filters", FILTERS)
def test_sql_filters_select_exactly_the_profiles_that_pass(
    demo_index: CastingIndex, demo_profiles: list[ActorProfile], filters: CastFilters
) -> None:
    vids = demo_index.store.matching(filters)
    got = {p.id for p in demo_index.store.profiles(vids).values()}
    assert got == {p.id for p in demo_profiles if _passes(p, filters)}
    assert got  # each case keeps someone, so the comparison means something


@pytest.mark.parametrize("filters", FILTERS)
def test_every_result_passes_the_filters_on_both_search_paths(
    demo_index: CastingIndex,
    embedder: FakeEmbedder,
    filters: CastFilters,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    exact = search(demo_index, embedder, "gentle boxer with a Glaswegian accent", filters, k=10)
    monkeypatch.setattr(catalog, "EXACT_LIMIT", 0)  # force the ANN + selector path
    ann = search(demo_index, embedder, "gentle boxer with a Glaswegian accent", filters, k=10)
    for found in (exact, ann):
        profiles = {r.id: r for r in found.results}
        assert profiles and len(profiles) <= 10
        held = demo_index.store.profiles(demo_index.store.matching(filters))
        assert set(profiles) <= {p.id for p in held.values()}
    # Flat index: both paths are exact, the survivors' path in float16, so near-ties may swap.
    assert len({r.id for r in exact.results} & {r.id for r in ann.results}) >= 8


def test_fusion_finds_a_profile_by_its_own_words_and_says_why(
    demo_index: CastingIndex, embedder: FakeEmbedder, demo_profiles: list[ActorProfile]
) -> None:
    target = next(p for p in demo_profiles if "boxing" in p.skills and p.bio)
    query = target.bio
    for fusion in ("rrf", "weighted", "dense", "bm25"):
        found = search(demo_index, embedder, query, k=5, fusion=fusion)
        assert found.results[0].id == target.id, fusion
    top = search(demo_index, embedder, query + " boxing", CastFilters(skills=["boxing"]), k=1)
    reasons = " | ".join(top.results[0].reasons)
    assert "skills: boxing" in reasons and "bio:" in reasons


def test_age_fit_reason_compares_with_the_role() -> None:
    from assistant.casting.search import reasons

    p = ActorProfile.model_validate(
        {
            "id": "a",
            "name": "A B",
            "playing_age": {"min": 40, "max": 50},
            "gender_identity": "man",
            "base_city": "Leeds",
        }
    )
    assert (
        reasons(p, "x", CastFilters(), AgeRange(min=45, max=60))[-1] == "plays 40-50 (role 45-60)"
    )
    assert "outside" in reasons(p, "x", CastFilters(), AgeRange(min=60, max=70))[-1]


def test_rrf_and_weighted_fusion_rank_as_defined() -> None:
    rrf = fuse([1, 2, 3], {}, [3, 1], {}, "rrf")
    assert [v for v, _ in rrf] == [1, 3, 2]
    weighted = fuse([1, 2], {1: 0.9, 2: 0.1}, [2, 1], {2: 10.0, 1: 0.0}, "weighted")
    assert dict(weighted) == {1: 0.5, 2: 0.5}


def test_filters_that_exclude_everyone_say_which(
    demo_index: CastingIndex, embedder: FakeEmbedder
) -> None:
    found = search(
        demo_index,
        embedder,
        "anyone",
        CastFilters(age=AgeRange(min=30, max=40), skills=["boxing", "bagpipes", "ballet", "tap"]),
    )
    assert found.results == [] and found.candidates == 0
    assert "keeps none" in found.notes[0] and "--age 30-40 keeps" in found.notes[0]
    nobody = search(demo_index, embedder, "anyone", CastFilters(gender=["robot"]))
    assert nobody.notes == [
        "No profile passes the filters: --gender robot matches none of the 600 profiles"
    ]


def test_empty_and_huge_queries(demo_index: CastingIndex, embedder: FakeEmbedder) -> None:
    with pytest.raises(CastingError, match="Empty casting query"):
        search(demo_index, embedder, "  \n ")
    huge = search(demo_index, embedder, "boxer " * 2_000, k=3)
    assert len(huge.query) == MAX_QUERY_CHARS and "cut from 11999" in huge.notes[0]
    assert len(huge.results) == 3


def test_exact_pads_when_fewer_survivors_than_k(
    demo_index: CastingIndex, embedder: FakeEmbedder
) -> None:
    ids, scores = demo_index.exact(embedder.embed(["x"]), np.array([5, 3], dtype=np.int64), 4)
    assert sorted(ids[0][:2].tolist()) == [3, 5] and ids[0][2:].tolist() == [-1, -1]
    assert np.isneginf(scores[0][2:]).all()


def test_best_positive_is_the_stable_argsort_of_the_positive_scores() -> None:
    import numpy as np

    from assistant.casting.search import best_positive

    rng = np.random.default_rng(3)
    for size, n in ((0, 5), (7, 10), (1_000, 100), (5_000, 100)):
        # few distinct values: many ties, zeros and negatives among them
        scores = (rng.integers(-2, 6, size) / 2).astype(np.float32)
        want = [i for i in np.argsort(-scores, kind="stable")[:n] if scores[i] > 0]
        assert best_positive(scores, n).tolist() == want
