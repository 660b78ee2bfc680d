"""The build measures the IVF probe count the data needs and records it with its recall."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from assistant.casting.catalog import CastingIndex
from assistant.casting.index_plan import IndexPlan
from assistant.casting.probe_counts import filtered_nprobe
from assistant.casting.tuning import (
    KNEE,
    RERANK_FACTORS,
    TARGET_RECALL,
    TUNING_MARGIN,
    exact_top,
    probe_steps,
    rerank,
    tune_filtered,
    tune_nprobe,
    tune_search,
)


def _clustered(n: int, seed: int) -> npt.NDArray[np.float32]:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((40, 32)).astype(np.float32)
    rows = centres[rng.integers(0, 40, n)] + 0.4 * rng.standard_normal((n, 32)).astype(np.float32)
    unit: npt.NDArray[np.float32] = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    return unit


def test_exact_top_is_brute_force_best_first() -> None:
    vectors = _clustered(250_000 // 100, 1)
    queries = vectors[:5]
    top = exact_top(vectors, queries, 4)
    scores = queries @ vectors.T
    assert top.tolist() == np.argsort(-scores, axis=1)[:, :4].tolist()
    assert top[:, 0].tolist() == list(range(5))  # each query's own row first


def test_exact_top_merges_blocks_into_the_brute_force_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from assistant.casting import tuning

    vectors = _clustered(2_500, 3)
    queries = vectors[10:40]
    whole = exact_top(vectors, queries, 11)
    monkeypatch.setattr(tuning, "EXACT_BLOCK", 7)  # blocks smaller than k, and a ragged last one
    assert exact_top(vectors, queries, 11).tolist() == whole.tolist()
    scores = queries @ vectors.T
    assert whole.tolist() == np.argsort(-scores, axis=1)[:, :11].tolist()


@pytest.mark.parametrize("target", [0.5, 0.96, 1.0])
def test_tuned_nprobe_is_the_smallest_power_of_two_reaching_the_target(target: float) -> None:
    import faiss

    vectors = _clustered(3_000, 2)
    ann = faiss.index_factory(32, "IVF64,SQ8", faiss.METRIC_INNER_PRODUCT)
    ann.train(vectors)
    ann.add(vectors)
    nprobe, recall = tune_nprobe(ann, vectors, 64, 4, target=target)
    assert recall >= target or nprobe == 64
    steps = probe_steps(64)
    if nprobe > 1:  # the step below must miss the target, else it was not the smallest
        below = steps[steps.index(nprobe) - 1]
        curve: list[tuple[int, float]] = []  # every step measured up to ``below``
        tune_nprobe(ann, vectors, below, 4, target=2.0, curve=curve)
        assert curve[-1][0] == below and curve[-1][1] < target


def test_probe_steps_grow_by_quarters_from_8_and_end_at_nlist() -> None:
    assert probe_steps(64) == [1, 2, 3, 4, 6, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56, 64]
    assert probe_steps(100)[-3:] == [80, 96, 100]
    assert probe_steps(1) == [1]


def test_an_ivf_build_records_the_tuned_nprobe(ivf_root: Path) -> None:
    with CastingIndex.open(ivf_root) as index:
        plan = index.meta.plan
        assert plan.kind == "ivf" and plan.tuned_recall is not None
        assert plan.tuned_recall >= TARGET_RECALL + TUNING_MARGIN or plan.nprobe == plan.nlist
        assert 1 <= plan.nprobe <= plan.nlist
        assert plan.filter_probes and all(p >= plan.nprobe for _, p in plan.filter_probes)
        import faiss

        # the coarse quantizer is exact: an approximate one (HNSW) capped recall at 1M
        quantizer = faiss.downcast_index(faiss.extract_index_ivf(index.ann).quantizer)
        assert isinstance(quantizer, faiss.IndexFlatIP)


def _ivf_plan(nprobe: int, nlist: int, points: list[tuple[float, int]]) -> IndexPlan:
    return IndexPlan(
        kind="ivf", factory="x", nlist=nlist, nprobe=nprobe, filter_probes=points, rule=""
    )


def test_filters_widen_the_probe_up_to_every_list() -> None:
    # an index built before the filtered tuning: 1/sqrt(kept)
    assert filtered_nprobe(_ivf_plan(16, 4096, []), 1.0) == 16
    assert filtered_nprobe(_ivf_plan(16, 4096, []), 0.25) == 32
    assert filtered_nprobe(_ivf_plan(16, 4096, []), 0.01) == 160
    assert filtered_nprobe(_ivf_plan(16, 64, []), 0.0001) == 64


def test_measured_filter_probes_are_interpolated_in_log_kept() -> None:
    plan = _ivf_plan(40, 2048, [(0.5, 48), (0.1, 80), (0.03, 120)])
    assert filtered_nprobe(plan, 1.0) == 40
    assert filtered_nprobe(plan, 0.5) == 48 and filtered_nprobe(plan, 0.1) == 80
    assert filtered_nprobe(plan, np.sqrt(0.5)) == 44  # halfway between 1 and 0.5 in log
    assert 80 < filtered_nprobe(plan, 0.05) < 120
    assert filtered_nprobe(plan, 0.0075) == 240  # below the last point: x sqrt(0.03 / kept)
    assert filtered_nprobe(plan, 1e-7) == 2048


def test_tuned_filter_probes_reach_the_target_and_the_step_below_does_not() -> None:
    import faiss

    vectors = _clustered(4_000, 5)
    ann = faiss.index_factory(32, "IVF64,SQ8", faiss.METRIC_INNER_PRODUCT)
    ann.train(vectors)
    ann.add(vectors)
    nprobe, _ = tune_nprobe(ann, vectors, 64, 2, target=0.9)
    widened = tune_filtered(ann, vectors, 64, nprobe, 2, (0.5, 0.1), target=0.9)
    assert [k for k, _ in widened] == [0.5, 0.1]
    probes = [p for _, p in widened]
    assert nprobe <= probes[0] <= probes[1] <= 64
    steps = probe_steps(64)
    for kept, chosen in widened:  # re-measured: the chosen count reaches it, one step less not
        assert _filtered_recall(ann, vectors, chosen, kept) >= 0.9
        if chosen > nprobe:
            below = steps[steps.index(chosen) - 1]
            assert _filtered_recall(ann, vectors, below, kept) < 0.9


def _filtered_recall(ann: object, vectors: np.ndarray, nprobe: int, kept: float) -> float:
    """The recall tune_filtered measures, recomputed here the plain way (its seed's mask)."""
    import faiss

    rng = np.random.default_rng(1)
    rows = rng.choice(len(vectors), min(1000, len(vectors)), replace=False)
    masks = {k: rng.random(len(vectors)) < k for k in (0.5, 0.1)}  # drawn in tune order
    mask = masks[kept]
    allowed = np.flatnonzero(mask)
    queries = vectors[rows]
    scores = queries @ vectors[allowed].T
    truth = allowed[np.argsort(-scores, axis=1)[:, :11]]
    bits = np.packbits(mask, bitorder="little")
    params = faiss.SearchParametersIVF()
    params.nprobe = nprobe
    params.sel = faiss.IDSelectorBitmap(len(bits), faiss.swig_ptr(bits))
    _, ids = ann.search(queries, 22, params=params)  # type: ignore[attr-defined]
    found, _ = rerank(vectors, queries, ids, 11)
    hits = total = 0
    for t, f, r in zip(truth, found, rows, strict=True):
        want = set(t[t != r][:10].tolist())
        hits += len(want & set(f[f != r][:10].tolist()))
        total += len(want)
    return hits / total


def test_tune_search_picks_the_fewest_probes_over_the_over_fetch_factors() -> None:
    import faiss

    vectors = _clustered(3_000, 3)
    ann = faiss.index_factory(32, "IVF64,SQ4", faiss.METRIC_INNER_PRODUCT)  # coarse codes
    ann.train(vectors)
    ann.add(vectors)
    nprobe, factor, recall = tune_search(ann, vectors, 64, target=0.97)
    alone = {f: tune_nprobe(ann, vectors, 64, f, target=0.97) for f in RERANK_FACTORS}
    assert factor in RERANK_FACTORS and (nprobe, recall) == alone[factor]
    reaching = [p for p, r in alone.values() if r >= 0.97]
    assert recall >= 0.97 and nprobe == min(reaching)


def test_an_unreachable_target_settles_at_the_knee_not_at_every_list() -> None:
    import faiss

    vectors = _clustered(3_000, 4)
    ann = faiss.index_factory(32, "IVF64,SQ4", faiss.METRIC_INNER_PRODUCT)
    ann.train(vectors)
    ann.add(vectors)
    curve: list[tuple[int, float]] = []
    nprobe, recall = tune_nprobe(ann, vectors, 64, 1, target=2.0, curve=curve)  # unreachable
    assert [p for p, _ in curve] == probe_steps(64)  # every step was measured
    best = max(r for _, r in curve)
    assert (nprobe, recall) in curve and recall >= best - KNEE
    assert all(r < best - KNEE for p, r in curve if p < nprobe)
    assert nprobe < 64 or best - KNEE > max(r for p, r in curve if p < 64)


def test_rerank_orders_each_rows_candidates_by_exact_inner_product() -> None:
    vectors = _clustered(500, 8)
    queries = (vectors[:6] + 0.01).astype(np.float32)
    rng = np.random.default_rng(8)
    ids = rng.choice(500, (6, 30), replace=True).astype(np.int64)
    ids[:, -5:] = -1  # padding FAISS leaves when a query finds fewer candidates
    got_ids, got_scores = rerank(vectors, queries, ids, 10)
    for row in range(6):
        real = ids[row][ids[row] >= 0]
        scores = vectors[real] @ queries[row]
        best = np.argsort(-scores, kind="stable")[:10]
        assert np.allclose(got_scores[row], scores[best], atol=1e-6)
        assert set(got_ids[row].tolist()) <= set(real.tolist())
    few = np.full((1, 30), -1, dtype=np.int64)
    few[0, :3] = [4, 5, 6]
    got_ids, got_scores = rerank(vectors, queries[:1], few, 5)
    assert sorted(got_ids[0, :3].tolist()) == [4, 5, 6] and got_ids[0, 3:].tolist() == [-1, -1]
    assert np.isneginf(got_scores[0, 3:]).all()


def test_a_lone_query_and_a_split_batch_rerank_as_the_plain_batch_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from assistant.casting import tuning

    vectors = _clustered(800, 9).astype(np.float16)  # the index's re-rank store is float16
    queries = np.asarray(vectors[:40], dtype=np.float32) + 0.01
    rng = np.random.default_rng(9)
    ids = rng.choice(800, (40, 20), replace=False).astype(np.int64)
    ids[3, -4:] = -1  # FAISS's padding when a query finds fewer candidates
    plain_ids, plain_scores = tuning._rerank_rows(vectors, queries, ids, 10)
    for row in (0, 3):
        lone_ids, lone_scores = rerank(vectors, queries[row : row + 1], ids[row : row + 1], 10)
        assert lone_ids.tolist() == plain_ids[row : row + 1].tolist()
        assert np.allclose(lone_scores, plain_scores[row : row + 1], atol=1e-5)
    monkeypatch.setattr(tuning, "RERANK_SPLIT", 8)
    monkeypatch.setattr(tuning, "_threads", lambda: 3)  # parts of 13-14 queries on 3 threads
    split_ids, split_scores = rerank(vectors, queries, ids, 10)
    assert split_ids.tolist() == plain_ids.tolist()
    assert np.array_equal(split_scores, plain_scores)
