"""The fine IVF plan: two-level k-means, list assignment by groups, an HNSW coarse quantizer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from assistant.casting import index as index_module
from assistant.casting.catalog import CastingIndex
from assistant.casting.coarse import TwoLevel, ef_for, fine_nlist, hnsw_of, ivf_params, split
from assistant.casting.profiles import ActorProfile
from assistant.casting.tuning import TARGET_RECALL, exact_top
from assistant.casting.writing import build_index, change_index
from tests.fakes import FakeEmbedder


def _clustered(n: int, seed: int, dim: int = 32) -> npt.NDArray[np.float32]:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((60, dim)).astype(np.float32)
    rows = centres[rng.integers(0, 60, n)] + 0.4 * rng.standard_normal((n, dim)).astype(np.float32)
    unit: npt.NDArray[np.float32] = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    return unit


def test_fine_lists_hold_about_150_vectors() -> None:
    assert fine_nlist(10_000_000) == 65536
    assert fine_nlist(1_000_000) == 8192
    assert fine_nlist(2_000_000) == 16384


def test_split_is_proportional_bounded_and_exact() -> None:
    sizes = np.array([500, 3, 0, 1, 96], dtype=np.int64)
    out = split(sizes, 50)
    assert out.sum() == 50
    assert (out <= sizes).all() and (out[sizes > 0] >= 1).all() and out[2] == 0
    assert out[0] > out[4] > out[1]
    assert split(np.array([1, 100], dtype=np.int64), 60).tolist() == [1, 59]
    # as many as there are points: every group gets its size
    assert split(np.array([2, 2, 100], dtype=np.int64), 104).tolist() == [2, 2, 100]


def test_two_level_gives_nlist_unit_centroids_and_assigns_like_a_full_scan() -> None:
    vectors = _clustered(6_000, 1)[:4_000]
    two = TwoLevel.train(vectors, 64, niter=10)
    assert two.centroids.shape == (64, 32)
    assert np.allclose(np.linalg.norm(two.centroids, axis=1), 1.0, atol=1e-5)
    assert two.starts[0] == 0 and two.starts[-1] == 64 and len(two.starts) == len(two.top) + 1
    fresh = _clustered(6_000, 1)[4_000:]  # new draws of the same mixture
    exact = np.argmax(fresh @ two.centroids.T, axis=1)
    assigned = two.assign(fresh)
    # searching a vector's 4 best groups (of 8) finds its nearest centroid mostly; when it
    # misses, the one it found scores nearly as well
    assert (assigned == exact).mean() >= 0.85
    scores = fresh @ two.centroids.T
    rows = np.arange(len(fresh))
    assert (scores[rows, exact] - scores[rows, assigned]).mean() < 0.01
    # every group searched: exactly the full scan
    assert (two.assign(fresh, groups=len(two.top)) == exact).all()
    with pytest.raises(ValueError, match="needs >= 64 points"):
        TwoLevel.train(vectors[:50], 64, niter=2)


def test_ivf_params_give_the_hnsw_quantizer_its_beam() -> None:
    params = ivf_params(40, 2.0)
    assert params.nprobe == 40 and params.held.efSearch == ef_for(40, 2.0) == 80
    assert ef_for(3, 1.0) == 16  # never below FAISS's default
    assert not hasattr(ivf_params(40), "held")


def test_a_fine_build_is_searched_through_its_hnsw_quantizer_at_the_recall_target(
    tmp_path: Path, demo_profiles: list[ActorProfile], monkeypatch: pytest.MonkeyPatch
) -> None:
    import faiss

    monkeypatch.setattr(index_module, "FLAT_LIMIT", 100)
    people = demo_profiles[:600]
    drawn = _clustered(len(people) + 100, 3)
    vectors, queries = drawn[: len(people)], drawn[len(people) :]  # fresh draws as queries
    root = tmp_path / "fine"
    build_index(root, people, None, vectors=vectors, model_id="synthetic-32", lists="fine")
    with CastingIndex.open(root) as index:
        plan = index.meta.plan
        assert plan.factory == f"IVF{fine_nlist(600)}_HNSW32,SQ8" and plan.ef_per_probe > 0
        ivf = faiss.extract_index_ivf(index.ann)
        assert hnsw_of(ivf) is not None and ivf.ntotal == 600
        invlists = ivf.invlists
        assert invlists is not None
        sizes = [invlists.list_size(i) for i in range(ivf.nlist)]
        assert sum(sizes) == 600 and max(sizes) < 600  # the vectors are spread over lists
        truth = exact_top(vectors, queries, 10)
        found, _ = index.dense(queries, 10, None)
        hits = sum(len(set(f) & set(t)) for f, t in zip(found, truth, strict=True))
        assert hits / 1_000 >= TARGET_RECALL
        allowed = np.arange(0, 600, 3, dtype=np.int64)
        monkeypatch.setattr("assistant.casting.catalog.EXACT_LIMIT", 10)
        got, _ = index.dense(queries, 10, allowed)
        assert set(got[got >= 0].tolist()) <= set(allowed.tolist())


def test_a_fine_index_takes_adds_and_removes(
    tmp_path: Path,
    demo_profiles: list[ActorProfile],
    embedder: FakeEmbedder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(index_module, "FLAT_LIMIT", 100)
    root = tmp_path / "fine"
    build_index(root, demo_profiles[:500], embedder, lists="fine")
    change_index(root, embedder, upsert=demo_profiles[500:510], remove=[demo_profiles[0].id])
    with CastingIndex.open(root, model_id=embedder.cache_key) as index:
        assert index.meta.count == 509 and index.ann.ntotal == 509
        target = demo_profiles[505]
        ids, _ = index.dense(embedder.embed([target.search_text()]), 1, None)
        assert index.store.profiles([int(ids[0][0])])[int(ids[0][0])].id == target.id
