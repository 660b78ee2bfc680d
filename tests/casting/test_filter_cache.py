"""A filter is computed once per open index and its FAISS bitmap reused, with the same answers."""

from __future__ import annotations

import random

import numpy as np
import numpy.typing as npt
import pytest

from assistant.casting.catalog import CastingIndex
from assistant.casting.filter_cache import FilterCache
from assistant.casting.profiles import ActorProfile, AgeRange
from assistant.casting.store import CastFilters
from tests.casting.test_columns import _random_filters


def test_a_repeated_filter_is_computed_once(
    demo_index: CastingIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[CastFilters] = []
    real = demo_index.columns.mask

    def counted(filters: CastFilters) -> npt.NDArray[np.bool_]:
        calls.append(filters)
        return real(filters)

    monkeypatch.setattr(demo_index.columns, "mask", counted)
    filters = CastFilters(age=AgeRange(min=20, max=40))
    first = demo_index.matching(filters)
    again = demo_index.matching(CastFilters(age=AgeRange(min=20, max=40)))  # equal, not same
    assert first is again and len(calls) == 1
    other = demo_index.matching(CastFilters(age=AgeRange(min=20, max=41)))
    assert other is not first and len(calls) == 2


def test_the_oldest_used_filter_is_dropped_first(demo_index: CastingIndex) -> None:
    cache = FilterCache(demo_index.columns, kept=2)
    a, b, c = (CastFilters(age=AgeRange(min=20, max=top)) for top in (30, 31, 32))
    hit_a = cache.matching(a)
    hit_b = cache.matching(b)
    assert cache.matching(a) is hit_a  # a used again: b is now the oldest
    hit_c = cache.matching(c)
    assert cache.find(hit_b.vids) is None and cache.matching(a) is hit_a
    cache.matching(b)  # c is now the oldest
    assert cache.find(hit_c.vids) is None and cache.find(hit_a.vids) is hit_a


def test_cached_filters_give_the_same_ann_results_as_fresh_masks(
    demo_index: CastingIndex, demo_profiles: list[ActorProfile]
) -> None:
    rng = random.Random(7)
    queries = np.ascontiguousarray(demo_index.vectors[:5], dtype=np.float32)
    compared = 0
    for _ in range(40):
        allowed = demo_index.matching(_random_filters(rng, demo_profiles))
        assert allowed is not None
        if not len(allowed):
            continue
        for _ in range(2):  # the second search reuses the kept bitmap
            cached = demo_index.ann_search(queries, 5, allowed)
            fresh = demo_index.ann_search(queries, 5, allowed.copy())  # not the kept array
            assert np.array_equal(cached[0], fresh[0])
            assert np.allclose(cached[1], fresh[1])
            assert set(cached[0][cached[0] >= 0].ravel()) <= set(allowed.tolist())
        compared += 1
    assert compared > 20


def test_a_kept_filters_exact_search_gathers_its_rows_once_with_the_same_answers(
    demo_index: CastingIndex, embedder: object
) -> None:
    filters = CastFilters(age=AgeRange(min=30, max=45))
    vids = demo_index.matching(filters)
    assert vids is not None and len(vids) > 10
    queries = np.ascontiguousarray(demo_index.vectors[:5], dtype=np.float32)
    fresh = demo_index.exact(queries, vids.copy(), 10)  # not the kept array: gathered anew
    kept = demo_index.exact(queries, vids, 10)
    assert fresh[0].tolist() == kept[0].tolist()
    assert np.allclose(fresh[1], kept[1])
    hit = demo_index.filters.find(vids)
    assert hit is not None and hit.rows is not None and not hit.rows.flags.writeable
    rows = hit.rows
    demo_index.exact(queries, vids, 10)
    assert hit.rows is rows  # gathered once
    assert np.array_equal(rows, np.asarray(demo_index.vectors[vids], dtype=np.float32))
    # a lone query (numpy's loop) and a batch (BLAS) agree
    lone = [demo_index.exact(queries[i : i + 1], vids, 10)[0][0].tolist() for i in range(5)]
    assert lone == kept[0].tolist()
    many = np.ascontiguousarray(demo_index.vectors[:30], dtype=np.float32)
    batch = demo_index.exact(many, vids, 10)[0]
    assert batch[:5].tolist() == kept[0].tolist()


def test_an_exact_search_of_no_queries_gives_empty_answers(demo_index: CastingIndex) -> None:
    vids = demo_index.matching(CastFilters(age=AgeRange(min=30, max=45)))
    assert vids is not None and len(vids) > 10
    none = np.zeros((0, demo_index.meta.dimension), dtype=np.float32)
    for allowed in (vids, vids.copy()):  # a kept filter's survivors, and other vids
        ids, scores = demo_index.exact(none, allowed, 10)
        assert ids.shape == scores.shape == (0, 10)
