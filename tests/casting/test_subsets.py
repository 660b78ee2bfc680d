"""A kept filter's own IVF lists (subsets.py) give the selector search's results, scanning less."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant import api
from assistant.casting import catalog, opened
from assistant.casting.catalog import CastingIndex
from assistant.casting.importing import ImportReport
from assistant.casting.profiles import ActorProfile, AgeRange
from assistant.casting.store import CastFilters
from tests.fakes import FakeEmbedder


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


def test_filtered_ann_searches_see_profiles_added_updated_and_removed_since(
    ivf_root: Path, embedder: FakeEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a filter keeping a few hundred of the 600 goes to the ANN index (and its own lists)
    monkeypatch.setattr(catalog, "EXACT_LIMIT", 50)
    filters = CastFilters(age=AgeRange(min=20, max=45))
    newcomer = ActorProfile.model_validate(
        {
            "id": "zz-new",
            "name": "Orrin Vael",
            "playing_age": {"min": 25, "max": 35},
            "gender_identity": "man",
            "base_city": "Leeds",
            "bio": "Trapeze artist and knife thrower, raised in a touring circus.",
        }
    )
    moved = newcomer.model_copy(update={"bio": "Glassblower and bell ringer from the fens."})
    first, second = newcomer.search_text(), moved.search_text()  # (fake embedder: same vector)

    def top(text: str) -> list[str]:
        found = api.cast_search(
            text, filters, index_dir=ivf_root, embedder=embedder, k=5, fusion="dense"
        )
        return [r.id for r in found.results]

    def best(text: str) -> tuple[str, float, Any]:
        """The kept index's best dense match for ``text`` under ``filters``, its score, and
        the filter's own lists (which that search went through)."""
        with opened.shared_index(ivf_root, model_id=embedder.cache_key) as index:
            allowed = index.matching(filters)
            assert allowed is not None and len(allowed) > catalog.EXACT_LIMIT
            ids, scores = index.dense(embedder.embed([text]), 5, allowed)
            hit = index.filters.find(allowed)
            assert hit is not None and hit.subset is not None
            return index.store.profiles([int(ids[0, 0])])[int(ids[0, 0])].id, scores[0, 0], hit

    def change(**kwargs: Any) -> None:
        api.change_cast_index(ivf_root, embedder=embedder, **kwargs)

    opened.forget()
    try:
        assert "zz-new" not in top(first)
        before = best(first)[2]
        change(upsert=ImportReport(source="more", profiles=[newcomer]))
        assert top(first)[0] == "zz-new"
        who, score, hit = best(first)
        assert who == "zz-new" and score == pytest.approx(1.0, abs=1e-3)  # (float16 rows)
        assert hit is not before and hit.subset.ntotal == before.subset.ntotal + 1
        # replaced under the same id: nothing holds its old vector any more, its new one is found
        change(upsert=ImportReport(source="more", profiles=[moved]))
        assert top(second)[0] == "zz-new"
        assert best(first)[1] < 0.95
        who, score, _ = best(second)
        assert who == "zz-new" and score == pytest.approx(1.0, abs=1e-3)
        change(remove=["zz-new"])
        assert "zz-new" not in top(second) and best(second)[1] < 0.95
        assert best(second)[2].subset.ntotal == before.subset.ntotal
    finally:
        opened.forget()
