"""Adaptive probing: each query probes the lists scoring near its best centroid (probing.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from assistant.casting.catalog import CastingIndex
from assistant.casting.probe_counts import filtered_nprobe, filtered_probing
from assistant.casting.probing import (
    PARALLEL_OVER_QUERIES,
    adaptive_search,
    codes_scanned,
    preassigned_search,
    probe_lists,
    tune_gap,
)
from assistant.casting.tuning import TARGET_RECALL, Sample, rerank, tune_adaptive


def _clustered(n: int, seed: int) -> npt.NDArray[np.float32]:
    """40 tight clusters and one wide blob holding a third of the rows: most queries need one
    list, the blob's need many (the shape that makes a fixed nprobe wasteful)."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((40, 32)).astype(np.float32)
    tight = centres[rng.integers(0, 40, n - n // 3)] + 0.2 * rng.standard_normal(
        (n - n // 3, 32)
    ).astype(np.float32)
    blob = 3.0 * rng.standard_normal((n // 3, 32)).astype(np.float32)
    rows = np.vstack([tight, blob])[rng.permutation(n)]
    unit: npt.NDArray[np.float32] = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    return unit


def _ivf(vectors: np.ndarray) -> Any:
    import faiss

    ann = faiss.index_factory(vectors.shape[1], "IVF64,SQ8", faiss.METRIC_INNER_PRODUCT)
    ann.train(vectors)
    ann.add(vectors)
    return ann  # the IVF index itself (an extracted view would outlive its owner)


def test_probe_lists_keeps_the_floor_and_the_lists_within_the_gap() -> None:
    import faiss

    quantizer = faiss.IndexFlatIP(2)
    angles = np.array([0.0, 0.05, 0.1, 0.5, 1.0, 2.0])
    quantizer.add(np.stack([np.cos(angles), np.sin(angles)], axis=1).astype(np.float32))
    query = np.array([[1.0, 0.0]], dtype=np.float32)
    scores, lists = probe_lists(quantizer, query, 5, gap=0.01, floor=1)
    # cos(0.05) = 0.99875 and cos(0.1) = 0.995 are within 0.01 of 1; cos(0.5) = 0.878 is not
    assert lists.tolist() == [[0, 1, 2, -1, -1]]
    assert scores.shape == (1, 5)
    _, lists = probe_lists(quantizer, query, 5, gap=0.01, floor=4)
    assert lists.tolist() == [[0, 1, 2, 3, -1]]  # the floor wins over the gap
    _, lists = probe_lists(quantizer, query, 3, gap=10.0, floor=1)
    assert lists.tolist() == [[0, 1, 2]]  # never more than the cap


def test_adaptive_search_with_an_open_gap_is_the_fixed_search() -> None:
    import faiss

    vectors = _clustered(3_000, 4)
    ivf = _ivf(vectors)
    queries = vectors[:50]
    params = faiss.SearchParametersIVF()
    params.nprobe = 8
    fixed = ivf.search(queries, 20, params=params)
    adaptive = adaptive_search(ivf, queries, 20, cap=8, gap=10.0)
    assert adaptive[1].tolist() == fixed[1].tolist()


def test_the_tuned_gap_reaches_the_target_scanning_fewer_codes_than_fixed_probes() -> None:
    vectors = _clustered(6_000, 5)
    ivf = _ivf(vectors)
    sample = Sample.draw(vectors, 0)
    target = TARGET_RECALL

    def recall_of(search: Any) -> float:
        return sample.recall(search, vectors, 2)

    import faiss

    nprobe = next(
        p
        for p in range(1, 65)
        if recall_of(lambda q, f, p=p: ivf.search(q, f, params=_params(faiss, p))) >= target
    )
    found = tune_gap(ivf, sample.queries, recall_of, nprobe, target)
    assert found is not None  # the blob makes a fixed count wasteful for the tight clusters
    cap, gap, recall, cost = found
    fixed_cost = codes_scanned(ivf, ivf.quantizer.search(sample.queries, nprobe)[1])
    assert cost < fixed_cost
    # recomputed the plain way: the adaptive lists, the re-rank, recall against brute force
    _, ids = adaptive_search(ivf, sample.queries, 22, cap, gap)
    got, _ = rerank(vectors, sample.queries, ids, 11)
    truth = np.argsort(-(sample.queries @ vectors.T), axis=1)[:, :11]
    hits = sum(
        len(set(t[t != r][:10].tolist()) & set(g[g != r][:10].tolist()))
        for t, g, r in zip(truth, got, sample.rows, strict=True)
    )
    assert abs(hits / (10 * len(truth)) - recall) < 1e-9
    assert recall >= target
    assert tune_adaptive(ivf, vectors, nprobe, 2, target=target, sample=sample) == found[:3]


def test_no_adaptive_setting_when_one_list_already_reaches_the_target() -> None:
    vectors = _clustered(3_000, 6)
    ivf = _ivf(vectors)
    sample = Sample.draw(vectors, 0)
    # nprobe 1 costs the fewest codes any setting can (the floor probes 2 lists)
    assert tune_gap(ivf, sample.queries, lambda s: 1.0, 1, 0.5) is None


def _params(faiss: Any, nprobe: int) -> Any:
    params = faiss.SearchParametersIVF()
    params.nprobe = nprobe
    return params


def test_an_index_with_a_gap_probes_adaptively_unfiltered_and_fixed_with_filters(
    ivf_root: Path,
) -> None:
    import faiss

    with CastingIndex.open(ivf_root) as index:
        plan = index.meta.plan
        # every list within reach: far from the fixed single probe
        plan.probe_cap, plan.probe_gap, plan.nprobe = plan.nlist, 10.0, 1
        queries = np.ascontiguousarray(index.vectors[:40], dtype=np.float32)
        _, ids = adaptive_search(index.ann, queries, 10 * plan.rerank, plan.nlist, 10.0)
        want = rerank(index.vectors, queries, ids, 10)
        got = index.ann_search(queries, 10)
        assert got[0].tolist() == want[0].tolist()
        single = faiss.SearchParametersIVF()
        single.nprobe = 1
        _, one_list = index.ann.search(queries, 10 * plan.rerank, params=single)
        assert got[0].tolist() != rerank(index.vectors, queries, one_list, 10)[0].tolist()
        plan.probe_cap, plan.probe_gap, plan.nprobe = 6, 0.05, 3
        plan.filter_gaps = []  # no filtered adaptive setting measured: fixed, widened probes
        allowed = np.arange(0, index.meta.rows, 2, dtype=np.int64)
        params = faiss.SearchParametersIVF()
        params.nprobe = filtered_nprobe(plan, 0.5)
        mask = np.zeros(index.meta.rows, dtype=bool)
        mask[allowed] = True
        bits = np.packbits(mask, bitorder="little")
        params.sel = faiss.IDSelectorBitmap(len(bits), faiss.swig_ptr(bits))
        _, ids = index.ann.search(queries, 10 * plan.rerank, params=params)
        want = rerank(index.vectors, queries, ids, 10)
        assert index.ann_search(queries, 10, allowed)[0].tolist() == want[0].tolist()


def _selector(mask: np.ndarray) -> tuple[Any, np.ndarray]:
    import faiss

    bits = np.packbits(mask, bitorder="little")  # the selector points into bits: keep both
    return faiss.IDSelectorBitmap(len(bits), faiss.swig_ptr(bits)), bits


def test_a_filtered_search_probes_adaptively_where_the_build_measured_it(
    ivf_root: Path,
) -> None:
    with CastingIndex.open(ivf_root) as index:
        plan = index.meta.plan
        plan.probe_cap, plan.probe_gap, plan.nprobe = 6, 0.05, 3
        plan.filter_gaps = [(0.25, 10, 0.25)]
        queries = np.ascontiguousarray(index.vectors[:40], dtype=np.float32)
        allowed = np.arange(0, index.meta.rows, 2, dtype=np.int64)
        kept = len(allowed) / index.meta.count
        probing = filtered_probing(plan, kept)
        assert probing is not None
        cap, gap = probing
        assert 6 <= cap <= 10 and 0.05 < gap < 0.25  # between the 25% point and unfiltered
        mask = np.zeros(index.meta.rows, dtype=bool)
        mask[allowed] = True
        selector, _bits = _selector(mask)
        _, ids = adaptive_search(index.ann, queries, 10 * plan.rerank, cap, gap, selector)
        want = rerank(index.vectors, queries, ids, 10)
        got = index.ann_search(queries, 10, allowed)
        assert got[0].tolist() == want[0].tolist()
        assert set(got[0].ravel().tolist()) - {-1} <= set(allowed.tolist())
        # below the smallest measured share the fixed, widened count stays
        assert filtered_probing(plan, 0.1) is None
        few = allowed[: len(allowed) // 4]
        assert filtered_probing(plan, len(few) / index.meta.count) is None


def test_filtered_probing_interpolates_between_measured_shares() -> None:
    from assistant.casting.index import plan_for

    plan = plan_for(1_000_000)
    plan.nprobe, plan.probe_cap, plan.probe_gap = 6, 6, 0.03
    plan.filter_gaps = [(0.5, 12, 0.06), (0.1, 40, 0.12)]
    assert filtered_probing(plan, 0.5) == (12, 0.06)
    assert filtered_probing(plan, 0.1) == (40, 0.12)
    probing = filtered_probing(plan, 0.2)
    assert probing is not None
    cap, gap = probing
    assert 12 < cap < 40 and 0.06 < gap < 0.12
    probing = filtered_probing(plan, 0.8)
    assert probing is not None
    cap, gap = probing
    assert 6 <= cap <= 12 and 0.03 <= gap <= 0.06
    assert filtered_probing(plan, 0.05) is None
    plan.probe_gap = 0.0  # fixed unfiltered probing: above 50% the 50% setting
    assert filtered_probing(plan, 0.8) == (12, 0.06)
    plan.filter_gaps = []
    assert filtered_probing(plan, 0.5) is None


def test_the_tuned_gap_under_a_selector_returns_only_its_rows_and_the_recall_it_measured() -> None:
    vectors = _clustered(6_000, 7)
    ivf = _ivf(vectors)
    rng = np.random.default_rng(7)
    mask = rng.random(len(vectors)) < 0.3
    allowed = np.flatnonzero(mask)
    selector, _bits = _selector(mask)
    sample = Sample.draw(vectors, 0)
    scores = sample.queries @ vectors[allowed].T
    order = np.argsort(-scores, axis=1)[:, :11]
    wanted = [
        set(t[t != r][:10].tolist()) for t, r in zip(allowed[order], sample.rows, strict=True)
    ]
    filtered = Sample(sample.rows, sample.queries, wanted)

    def recall_of(search: Any) -> float:
        return filtered.recall(search, vectors, 2)

    found = tune_gap(ivf, sample.queries, recall_of, 24, 0.9, selector=selector)
    assert found is not None
    cap, gap, recall, _cost = found
    _, ids = adaptive_search(ivf, sample.queries, 22, cap, gap, selector)
    assert set(ids.ravel().tolist()) - {-1} <= set(allowed.tolist())
    assert (
        abs(recall_of(lambda q, f: adaptive_search(ivf, q, f, cap, gap, selector)) - recall) < 1e-9
    )
    assert recall >= 0.9


def test_a_batch_of_preassigned_searches_equals_its_queries_one_by_one() -> None:
    vectors = _clustered(3_000, 8)
    ivf = _ivf(vectors)
    queries = vectors[:64]
    scores, lists = probe_lists(ivf.quantizer, queries, 8, 0.1)
    batch = preassigned_search(ivf, queries, 20, lists, scores)
    for i in range(len(queries)):
        lone = preassigned_search(ivf, queries[i : i + 1], 20, lists[i : i + 1], scores[i : i + 1])
        assert lone[1].tolist() == batch[1][i : i + 1].tolist()
    # the batch ran split over the threads, and the index's own mode is put back
    assert ivf.parallel_mode == 0 != PARALLEL_OVER_QUERIES


def test_a_plan_with_corrupt_filter_gaps_is_refused_and_an_old_one_opens() -> None:
    import pytest
    from pydantic import ValidationError

    from assistant.casting.index_plan import IndexPlan

    assert IndexPlan(kind="ivf", factory="x", rule="r").filter_gaps == []  # built before
    for bad in ([(0.5, 0, 0.1)], [(0.5, -2, 0.1)], [(0.3, 5, 0.1), (0.3, 6, 0.2)]):
        with pytest.raises(ValidationError):
            IndexPlan(kind="ivf", factory="x", rule="r", filter_gaps=bad)


def test_batched_searches_from_threads_at_once_match_serial_ones_and_restore_the_mode() -> None:
    from concurrent.futures import ThreadPoolExecutor

    vectors = _clustered(4000, 11)
    ivf = _ivf(vectors)
    batches = [vectors[i : i + 300] for i in range(0, 2400, 300)] + [vectors[7:8]]
    serial = [adaptive_search(ivf, b, 10, 24, 0.3) for b in batches]
    assert ivf.parallel_mode == 0

    def searches(_: int) -> list[tuple[np.ndarray, np.ndarray]]:
        return [adaptive_search(ivf, b, 10, 24, 0.3) for _ in range(6) for b in batches]

    with ThreadPoolExecutor(4) as pool:
        runs = list(pool.map(searches, range(4)))
    # (before the lock a thread could save another's switched mode 3 and put that back)
    assert ivf.parallel_mode == 0
    for run in runs:
        for (scores, ids), (want_scores, want_ids) in zip(run, serial * 6, strict=True):
            assert np.array_equal(ids, want_ids) and np.array_equal(scores, want_scores)
