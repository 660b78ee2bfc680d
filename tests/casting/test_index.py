"""The index folder: plan by size, checked header, generations, incremental changes."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

import numpy as np
import pytest

from assistant.casting import index as index_module
from assistant.casting import metadata, validation
from assistant.casting.catalog import CastingIndex
from assistant.casting.generations import Generation
from assistant.casting.index import plan_for
from assistant.casting.layout import POINTER, current_generation
from assistant.casting.profiles import ActorProfile, AgeRange
from assistant.casting.store import CastFilters
from assistant.casting.validation import read_meta
from assistant.casting.writing import build_index, change_index
from assistant.errors import CastingError
from tests.fakes import FakeEmbedder


def test_plan_is_exact_up_to_100k_and_ivf_sq8_above() -> None:
    assert plan_for(100_000).kind == "flat"
    big = plan_for(1_000_000)
    assert (big.kind, big.nlist, big.factory) == ("ivf", 2048, "IVF2048,SQ8")
    assert big.rerank > 1 and "IndexFlatIP" in big.rule
    assert big.ef_per_probe == 0  # the 1M plan keeps its flat quantizer


def test_fine_lists_under_an_hnsw_quantizer_only_when_asked_for() -> None:
    assert plan_for(10_000_000).factory == "IVF8192,SQ8"  # auto stays coarse (run 12)
    ten = plan_for(10_000_000, "fine")
    assert (ten.nlist, ten.factory) == (65536, "IVF65536_HNSW32,SQ8")
    assert ten.ef_per_probe > 0
    assert plan_for(2_000_000, "fine").nlist == 16384
    # asked for, the 10M plan at 1M keeps its list sizes (~150; 10M / 65,536 = 153)
    assert plan_for(1_000_000, "fine").factory == "IVF8192_HNSW32,SQ8"
    assert plan_for(10_000_000, "coarse").factory == "IVF8192,SQ8"


def test_header_records_model_dimension_count_plan_and_checksums(
    demo_index: CastingIndex, embedder: FakeEmbedder
) -> None:
    meta = demo_index.meta
    assert meta.model_id == embedder.cache_key and meta.dimension == 64
    assert meta.count == demo_index.ann.ntotal == demo_index.store.count() == 600
    every = {"vectors.faiss", "vectors.f16", "profiles.sqlite", "columns.npz", "bm25/vids.npy"}
    assert every < set(meta.files)  # (and bm25s's own files in bm25/: test_bm25_checks.py)
    assert (demo_index.gen / "meta.json").is_file()


def test_another_embedder_is_refused_with_the_rebuild_command(demo_index: CastingIndex) -> None:
    with pytest.raises(CastingError, match=r"fake-bow-64.*fake-bow-32.*slate cast index build"):
        CastingIndex.open(demo_index.root, model_id=FakeEmbedder(dimensions=32).cache_key)


def test_missing_truncated_and_corrupt_files_are_one_clear_error(demo_index: CastingIndex) -> None:
    root, gen = demo_index.root, demo_index.gen
    demo_index.close()
    vectors = gen / "vectors.faiss"
    data = vectors.read_bytes()
    vectors.write_bytes(data[: len(data) // 2])
    with pytest.raises(CastingError, match=r"vectors.faiss has \d+ bytes.*truncated.*build"):
        CastingIndex.open(root)
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0xFF
    vectors.write_bytes(bytes(flipped))
    with pytest.raises(CastingError, match="fails its checksum"):
        CastingIndex.open(root)
    (gen / "meta.json").write_text("{", encoding="utf-8")
    with pytest.raises(CastingError, match="no readable header"):
        CastingIndex.open(root)
    with pytest.raises(CastingError, match="No casting index"):
        read_meta(root.parent / "nowhere")


def test_a_crash_while_writing_leaves_the_old_generation_live(
    demo_index: CastingIndex,
    embedder: FakeEmbedder,
    demo_profiles: list[ActorProfile],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = demo_index.root
    before = current_generation(root)
    demo_index.close()

    def crash(*_: object) -> None:
        raise OSError("disk full (simulated)")

    # Half-way through writing the new generation: the vectors are written, the rest is not.
    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="simulated"):
        change_index(root, embedder, remove=["demo-0001"])
    monkeypatch.undo()
    assert current_generation(root) == before
    reopened = CastingIndex.open(root, model_id=embedder.cache_key)
    assert reopened.store.vids_for(["demo-0001"])
    reopened.close()
    # A temporary folder left by a killed process is ignored, then pruned by the next write.
    stale = root / ".gen-000009.tmp-123"
    stale.mkdir()
    (stale / "vectors.faiss").write_bytes(b"half")
    change_index(root, embedder, remove=["demo-0002"])
    assert not stale.exists()


def test_add_update_remove_write_a_new_consistent_generation(
    demo_index: CastingIndex, embedder: FakeEmbedder, demo_profiles: list[ActorProfile]
) -> None:
    root = demo_index.root
    demo_index.close()
    changed = demo_profiles[0].model_copy(update={"bio": "A circus strongman who juggles fire."})
    new = demo_profiles[1].model_copy(update={"id": "new-1", "name": "Newel Penby"})
    report = change_index(root, embedder, upsert=[changed, new], remove=["demo-0003", "ghost"])
    assert report.added == ["new-1"] and report.updated == ["demo-0001"]
    assert report.removed == ["demo-0003"] and report.missing == ["ghost"]
    index = CastingIndex.open(root, model_id=embedder.cache_key)
    assert index.meta.count == index.ann.ntotal == 600 and index.meta.generation == 2
    vids = index.store.vids_for(["demo-0001", "new-1", "demo-0003"])
    assert "demo-0003" not in vids
    # the updated profile's vector is its new text's, found first by that text
    query = embedder.embed([changed.search_text()])
    ids, _ = index.dense(query, 1, None)
    assert ids[0][0] == vids["demo-0001"]
    assert index.store.profiles([vids["demo-0001"]])[vids["demo-0001"]].bio.startswith("A circus")
    index.close()


def test_empty_roster_and_duplicate_ids_are_refused(
    tmp_path: Path, embedder: FakeEmbedder, demo_profiles: list[ActorProfile]
) -> None:
    with pytest.raises(CastingError, match="No profiles"):
        build_index(tmp_path / "i", [], embedder)
    with pytest.raises(CastingError, match="Duplicate"):
        build_index(tmp_path / "i", [demo_profiles[0], demo_profiles[0]], embedder)
    assert current_generation(tmp_path / "i") is None


def test_ivf_plan_with_a_selector_returns_only_allowed_ids_and_reranks_exactly(
    tmp_path: Path,
    demo_profiles: list[ActorProfile],
    embedder: FakeEmbedder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(index_module, "FLAT_LIMIT", 100)
    root = tmp_path / "ivf"
    build_index(root, demo_profiles, embedder)
    index = CastingIndex.open(root, model_id=embedder.cache_key)
    assert (
        index.meta.plan.kind == "ivf" and index.meta.plan.nlist == 64
    )  # 2^round(log2(2*sqrt(600)))
    query = embedder.embed(["gentle boxer from Glasgow"])
    allowed = np.arange(0, 600, 2, dtype=np.int64)
    ids, scores = index.ann_search(query, 10, allowed, nprobe=64)
    assert set(ids[0].tolist()) <= set(allowed.tolist())
    exact_ids, exact_scores = index.exact(query, allowed, 10)
    assert ids[0].tolist() == exact_ids[0].tolist()  # every list probed + exact re-rank = exact
    assert np.allclose(scores, exact_scores, atol=1e-3)
    index.close()
    assert os.path.isdir(root)


def test_ann_search_uses_the_filter_mask_of_its_own_survivors_never_a_later_one(
    ivf_root: Path, embedder: FakeEmbedder
) -> None:
    with CastingIndex.open(ivf_root, model_id=embedder.cache_key) as index:
        young = index.matching(CastFilters(age=AgeRange(min=18, max=30)))
        old = index.matching(CastFilters(age=AgeRange(min=60, max=90)))  # the last mask kept
        assert young is not None and old is not None and not set(young) & set(old)
        query = embedder.embed(["gentle boxer from Glasgow"])
        for allowed in (young, old, young.copy()):  # the kept mask, a stale one, a plain copy
            ids, _ = index.ann_search(query, 10, allowed, nprobe=index.meta.plan.nlist)
            found = ids[0][ids[0] >= 0]
            assert len(found) and set(found.tolist()) <= set(allowed.tolist())
            assert found.tolist() == index.exact(query, allowed, 10)[0][0][: len(found)].tolist()


def test_ivf_index_takes_incremental_changes(
    tmp_path: Path,
    demo_profiles: list[ActorProfile],
    embedder: FakeEmbedder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(index_module, "FLAT_LIMIT", 100)
    root = tmp_path / "ivf"
    build_index(root, demo_profiles[:300], embedder)
    report = change_index(root, embedder, upsert=demo_profiles[300:310], remove=["demo-0001"])
    assert report.count == 309 and len(report.added) == 10
    index = CastingIndex.open(root, model_id=embedder.cache_key)
    assert index.meta.plan.kind == "ivf" and index.ann.ntotal == 309
    target = demo_profiles[305]
    ids, _ = index.ann_search(
        embedder.embed([target.search_text()]), 1, nprobe=index.meta.plan.nlist
    )
    assert index.store.profiles([int(ids[0][0])])[int(ids[0][0])].id == target.id
    index.close()


def test_a_profile_with_no_bio_is_indexed_and_found_by_its_facts(
    tmp_path: Path, demo_profiles: list[ActorProfile], embedder: FakeEmbedder
) -> None:
    from assistant.casting.search import search

    bare = demo_profiles[0].model_copy(
        update={"bio": "", "credits": [], "skills": [], "accents": [], "name": "Quillon Brombey"}
    )
    root = tmp_path / "i"
    build_index(root, [*demo_profiles[1:50], bare], embedder)
    index = CastingIndex.open(root)
    found = search(index, embedder, "Quillon Brombey", k=1)
    assert found.results[0].name == "Quillon Brombey"
    index.close()


class _OnlyIterated(Sequence[ActorProfile]):
    """Profiles a build may count and iterate but never index (the benchmark's lazy roster)."""

    def __init__(self, items: list[ActorProfile]) -> None:
        self.items = items

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i: int | slice) -> NoReturn:
        raise AssertionError("a build indexed the profiles")

    def __iter__(self) -> Iterator[ActorProfile]:
        return iter(self.items)


def test_a_build_streams_float16_memory_mapped_vectors_in_chunks(
    tmp_path: Path,
    demo_profiles: list[ActorProfile],
    embedder: FakeEmbedder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from assistant.casting import writing

    vectors = embedder.embed([p.search_text() for p in demo_profiles]).astype(np.float16)
    mapped = np.lib.format.open_memmap(
        tmp_path / "v.npy", mode="w+", dtype=np.float16, shape=vectors.shape
    )
    mapped[:] = vectors
    build_index(tmp_path / "whole", demo_profiles, None, vectors=vectors.astype(np.float32))
    monkeypatch.setattr(writing, "ADD_CHUNK", 7)  # ragged chunks
    build_index(tmp_path / "mapped", _OnlyIterated(demo_profiles), None, vectors=mapped)
    whole = CastingIndex.open(tmp_path / "whole")
    streamed = CastingIndex.open(tmp_path / "mapped")
    assert (whole.gen / "vectors.f16").read_bytes() == (streamed.gen / "vectors.f16").read_bytes()
    query = vectors[:5].astype(np.float32)
    assert whole.dense(query, 10, None)[0].tolist() == streamed.dense(query, 10, None)[0].tolist()
    assert streamed.dense(query, 1, None)[0][:, 0].tolist() == [0, 1, 2, 3, 4]
    whole.close()
    streamed.close()


def test_a_change_landing_while_an_index_opens_never_pairs_one_header_with_the_next_files(
    ivf_root: Path,
    embedder: FakeEmbedder,
    demo_profiles: list[ActorProfile],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # an update keeps the count (the open's count check passes) and adds a row (vid 600)
    moved = demo_profiles[0].model_copy(update={"bio": "Now a lighthouse keeper."})
    change_index(ivf_root, embedder, upsert=[moved])
    pointer = ivf_root / POINTER
    pointer.write_text("gen-000001\n", encoding="utf-8")  # as it was before the change landed
    real = metadata.sha256
    moves: list[str] = []

    def sha256_then_move(path: Path) -> str:
        # the change lands while the open checks the header it read (gen 1's)
        if not moves:
            moves.append(path.name)
            pointer.write_text("gen-000002\n", encoding="utf-8")
        return real(path)

    monkeypatch.setattr(validation, "sha256", sha256_then_move)  # (as the header check calls it)
    with CastingIndex.open(ivf_root) as index:
        assert moves  # (the move did land mid-open)
        assert index.gen.name == f"gen-{index.meta.generation:06d}"
        assert len(index.vectors) == index.meta.rows == index.columns.rows
        allowed = index.matching(CastFilters(age=AgeRange(min=18, max=90)))
        assert allowed is not None
        queries = np.ascontiguousarray(index.vectors[:3], dtype=np.float32)
        index.ann_search(queries, 5, allowed.copy())  # a one-off mask over the header's rows


def test_two_changes_at_once_both_land(
    demo_index: CastingIndex,
    embedder: FakeEmbedder,
    demo_profiles: list[ActorProfile],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    root = demo_index.root
    demo_index.close()
    both_read = threading.Barrier(2, timeout=3)
    real_commit = Generation.commit

    def commit_when_both_have_read(self: Generation, fields: Any) -> Any:
        # both writers have read the live generation before either publishes (unless one
        # waits for the other's lock, which breaks the barrier and lets it go on)
        with contextlib.suppress(threading.BrokenBarrierError):
            both_read.wait()
        return real_commit(self, fields)

    monkeypatch.setattr(Generation, "commit", commit_when_both_have_read)
    new = [
        demo_profiles[0].model_copy(update={"id": f"zz-{n}", "bio": f"Writer {n}."}) for n in (1, 2)
    ]
    errors: list[BaseException] = []

    def add(profile: ActorProfile) -> None:
        try:
            change_index(root, embedder, upsert=[profile])
        except BaseException as exc:  # (shown by the assert below)
            errors.append(exc)

    threads = [threading.Thread(target=add, args=(p,)) for p in new]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    with CastingIndex.open(root, model_id=embedder.cache_key) as index:
        assert set(index.store.vids_for(["zz-1", "zz-2"])) == {"zz-1", "zz-2"}
        assert index.meta.count == len(demo_profiles) + 2 and index.meta.generation == 3
