"""Query vectors reaching FAISS's raw-pointer calls are checked or converted (queries.py).

Each search path that calls SWIG directly is given, on a small real IVF index: queries of the
wrong width or shape (a clear CastingError, never a read past the buffer) and float64 or
non-C-contiguous queries (converted: the same answers as float32).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import faiss
import numpy as np
import pytest

from assistant.casting.catalog import CastingIndex
from assistant.casting.probing import adaptive_search, preassigned_search, probe_lists
from assistant.casting.tuning import rerank
from assistant.errors import CastingError

Search = Callable[[Any], Any]
PATHS = [
    "exact",
    "exact batch",
    "ann fixed",
    "ann adaptive",
    "ann filtered",
    "dense",
    "probe_lists",
    "preassigned",
    "adaptive_search",
    "rerank",
]


@pytest.fixture
def index(ivf_root: Path) -> Iterator[CastingIndex]:
    with CastingIndex.open(ivf_root) as opened:
        yield opened


def _paths(index: CastingIndex) -> dict[str, Search]:
    """Every entry point that hands query rows to FAISS as a raw pointer (or to its wrapper)."""
    ivf = faiss.extract_index_ivf(index.ann)
    plan = index.meta.plan
    few = np.arange(0, index.meta.count, 3, dtype=np.int64)
    candidates = np.arange(20, dtype=np.int64)[None, :]

    def adaptive(q: Any) -> Any:
        plan.probe_cap, plan.probe_gap = plan.nlist // 2, 0.3
        try:
            return index.ann_search(q, 5)
        finally:
            plan.probe_cap, plan.probe_gap = 0, 0.0

    def preassigned(q: Any) -> Any:
        lists = np.tile(np.arange(4, dtype=np.int64), (len(q) if np.ndim(q) == 2 else 1, 1))
        return preassigned_search(ivf, q, 5, lists, np.zeros(lists.shape, dtype=np.float32))

    paths: dict[str, Search] = {
        "exact": lambda q: index.exact(q, few, 5),  # one query: FAISS's SIMD loop
        "exact batch": lambda q: index.exact(np.concatenate([q] * 6), few, 5),  # faiss.knn
        "ann fixed": lambda q: index.ann_search(q, 5, nprobe=4),
        "ann adaptive": adaptive,
        "ann filtered": lambda q: index.ann_search(q, 5, few),
        "dense": lambda q: index.dense(q, 5, None),
        "probe_lists": lambda q: probe_lists(ivf.quantizer, q, 4, 0.5),
        "preassigned": preassigned,
        "adaptive_search": lambda q: adaptive_search(ivf, q, 5, 8, 0.3),
        "rerank": lambda q: rerank(index.vectors, q, candidates, 5),
    }
    assert list(paths) == PATHS
    return paths


@pytest.mark.parametrize("path", PATHS)
def test_a_query_of_the_wrong_width_or_shape_is_a_clear_error(
    index: CastingIndex, path: str
) -> None:
    search = _paths(index)[path]
    d = index.meta.dimension
    good = np.ascontiguousarray(index.vectors[:1], dtype=np.float32)
    search(good)  # (the path itself works)
    for bad in (good[:, : d - 1], np.hstack([good, good[:, :1]]), good[0], good[None]):
        with pytest.raises(CastingError, match=rf"\(n, {d}\)"):
            search(np.ascontiguousarray(bad))
    with pytest.raises(CastingError, match="numbers"):
        search(good.astype(np.complex64))


@pytest.mark.parametrize("path", PATHS)
def test_float64_and_strided_queries_give_the_float32_answers(
    index: CastingIndex, path: str
) -> None:
    search = _paths(index)[path]
    good = np.ascontiguousarray(index.vectors[4:5], dtype=np.float32)
    want = search(good)
    wide = np.repeat(good, 2, axis=1)[:, ::2]  # every other column: a strided view
    assert not wide.flags.c_contiguous
    for variant in (good.astype(np.float64), wide, np.asfortranarray(np.vstack([good, good]))[:1]):
        got = search(variant)
        for g, w in zip(got, want, strict=True):
            assert np.array_equal(g, w)


def test_preassigned_lists_must_have_a_row_per_query(index: CastingIndex) -> None:
    ivf = faiss.extract_index_ivf(index.ann)
    queries = np.ascontiguousarray(index.vectors[:5], dtype=np.float32)
    lists = np.zeros((2, 4), dtype=np.int64)  # FAISS would read 5 rows of it
    with pytest.raises(CastingError, match="one row per query"):
        preassigned_search(ivf, queries, 5, lists, np.zeros((2, 4), dtype=np.float32))
    with pytest.raises(CastingError, match="one row per query"):
        preassigned_search(
            ivf, queries, 5, np.zeros((5, 4), dtype=np.int64), np.zeros((5, 3), dtype=np.float32)
        )
    with pytest.raises(CastingError, match="at least 1"):
        index.ann_search(queries, 0)
