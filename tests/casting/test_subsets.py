"""A kept filter's own IVF lists (subsets.py) give the selector search's results, scanning less."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant.casting.catalog import CastingIndex
from assistant.casting.profiles import AgeRange
from assistant.casting.store import CastFilters


def test_a_kept_filters_own_lists_return_what_the_selector_search_returns(
    ivf_root: Path,
) -> None:
    with CastingIndex.open(ivf_root) as index:
        plan = index.meta.plan
        queries = np.ascontiguousarray(index.vectors[::7][:60], dtype=np.float32)
        allowed = index.matching(CastFilters(age=AgeRange(min=20, max=45)))
        assert allowed is not None and 0 < len(allowed) < index.meta.count
        for gaps in ([], [(0.2, plan.nlist // 2, 0.3)]):  # fixed, then adaptive probing
            plan.filter_gaps = gaps
            own = index.ann_search(queries, 10, allowed)  # the kept array: its own lists
            hit = index.filters.find(allowed)
            assert hit is not None and hit.subset is not None
            assert hit.subset.ntotal == len(allowed)
            # a copy is not the kept array: a one-off bitmap selector over the full index
            selected = index.ann_search(queries, 10, allowed.copy())
            assert own[0].tolist() == selected[0].tolist()
            assert np.allclose(own[1], selected[1])
            assert set(own[0].ravel().tolist()) - {-1} <= set(allowed.tolist())
        # every list probed and a deep over-fetch: the exact answer among the survivors (the
        # order of near-ties aside: the re-rank and the exact scan sum in other orders)
        plan.filter_gaps, plan.rerank = [], 10
        exact_ids, exact_scores = index.exact(queries, allowed, 10)
        got_ids, got_scores = index.ann_search(queries, 10, allowed, nprobe=plan.nlist)
        for got, want in zip(got_ids, exact_ids, strict=True):
            assert set(got.tolist()) == set(want.tolist())
        assert np.allclose(got_scores, exact_scores, atol=1e-5)


def test_no_own_lists_past_the_memory_budget(ivf_root: Path) -> None:
    with CastingIndex.open(ivf_root) as index:
        queries = np.ascontiguousarray(index.vectors[:5], dtype=np.float32)
        index.filters.subset_budget = 1  # not even one survivor's code fits
        allowed = index.matching(CastFilters(age=AgeRange(min=30, max=60)))
        assert allowed is not None
        got = index.ann_search(queries, 10, allowed)
        hit = index.filters.find(allowed)
        assert hit is not None and hit.subset is None and hit.selector is not None
        assert set(got[0].ravel().tolist()) - {-1} <= set(allowed.tolist())
