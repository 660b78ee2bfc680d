"""Writing casting indexes: build a generation from profiles, add, update and remove.

Every change writes a new generation (generations.py: written aside, then ``CURRENT`` moved), so a
reader (catalog.CastingIndex) never sees a half-applied one.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from assistant.casting import catalog
from assistant.casting.catalog import CastingIndex
from assistant.casting.coarse import add_assigned
from assistant.casting.columns import FilterColumns
from assistant.casting.generations import Generation
from assistant.casting.index import Lists, new_faiss_index, plan_for, train_sample_size
from assistant.casting.layout import LEXICAL, next_generation_number
from assistant.casting.lexical import Lexical
from assistant.casting.metadata import IndexMeta
from assistant.casting.profiles import ActorProfile
from assistant.casting.store import ProfileStore
from assistant.casting.tuning import (
    FILTER_FRACTIONS,
    TARGET_RECALL,
    TUNING_MARGIN,
    Sample,
    tune_adaptive,
    tune_ef,
    tune_filtered,
    tune_search,
)
from assistant.casting.vector_file import write_vectors
from assistant.errors import CastingError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from assistant.models.base import Embedder

ADD_CHUNK = 200_000
"""Rows converted to float32 and added (or written) at once by a build."""


def filter_shares(count: int) -> tuple[float, ...]:
    """Shares of a ``count``-profile roster the build tunes filtered probes for: 50% and 10%,
    and just above the ``catalog.EXACT_LIMIT`` survivors below which the ANN index is not used."""
    smallest = 1.5 * catalog.EXACT_LIMIT / count
    return (*FILTER_FRACTIONS, *((smallest,) if smallest < min(FILTER_FRACTIONS) else ()))


WRITE_LOCK = ".write-lock"
"""The file in an index folder that writers lock (``one_writer``); never read."""


@contextmanager
def one_writer(root: Path, *, create: bool = False) -> Iterator[None]:
    """Hold the index folder's write lock (an ``flock`` on ``WRITE_LOCK``, released if the
    process dies) while building or changing it.

    A change reads the live generation N and writes N + 1; two writers at once (two
    ``slate cast index add`` processes, or an add during a build) both wrote N + 1 and the
    later one's rename replaced the other's: a change lost without a word, and the generation
    a reader had just opened deleted under it. Without ``create`` a missing folder is left
    missing (opening it then says there is no index)."""
    import fcntl

    if not create and not root.is_dir():
        yield
        return
    root.mkdir(parents=True, exist_ok=True)
    with (root / WRITE_LOCK).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # (waits for the other writer to finish)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _embed(embedder: Embedder, profiles: Sequence[ActorProfile]) -> npt.NDArray[np.float32]:
    import numpy as np

    if not profiles:
        return np.zeros((0, 0), dtype=np.float32)
    return embedder.embed([p.search_text() for p in profiles])


def build_index(
    root: Path,
    profiles: Sequence[ActorProfile],
    embedder: Embedder | None,
    *,
    vectors: npt.NDArray[np.float32] | None = None,
    model_id: str | None = None,
    on_progress: Callable[[str], None] | None = None,
    lists: Lists = "auto",
) -> IndexMeta:
    """Write a new generation holding exactly ``profiles`` (ids must be unique).

    ``vectors`` (one unit row per profile) skips the embedder: the benchmark's synthetic vectors.
    They may be float16 or float32 and memory-mapped: they are read ``ADD_CHUNK`` rows at a time
    (added, written, scored), never copied whole, so a 10M roster's 15 GB of float32 need not fit
    in memory. ``profiles`` is iterated, never indexed (a lazy sequence works). ``lists``: the
    IVF plan's lists (index.plan_for; "fine" at 1M-2M tries the 10M plan at its list sizes).

    Raises:
        CastingError: no profiles, or duplicate ids.
    """
    with one_writer(root, create=True):
        return _build(root, profiles, embedder, vectors, model_id, on_progress, lists)


def _build(
    root: Path,
    profiles: Sequence[ActorProfile],
    embedder: Embedder | None,
    vectors: npt.NDArray[np.float32] | None,
    model_id: str | None,
    on_progress: Callable[[str], None] | None,
    lists: Lists,
) -> IndexMeta:
    import numpy as np

    if not profiles:
        raise CastingError("No profiles to index (the roster is empty or every row was rejected)")
    ids = [p.id for p in profiles]
    if len(set(ids)) != len(ids):
        raise CastingError("Duplicate profile ids; import the roster with read_roster first")
    if vectors is None:
        assert embedder is not None
        if on_progress:
            on_progress(f"embedding {len(profiles)} profiles with {embedder.cache_key}")
        vectors = _embed(embedder, profiles)
    key = model_id or (embedder.cache_key if embedder else "unknown")
    if not (isinstance(vectors, np.ndarray) and vectors.dtype in (np.float16, np.float32)):
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    plan = plan_for(len(profiles), lists)
    gen = Generation(root, next_generation_number(root))
    try:
        vids = np.arange(len(profiles), dtype=np.int64)
        rng = np.random.default_rng(0)
        picked = rng.choice(len(vectors), train_sample_size(plan, len(vectors)), replace=False)
        sample = np.asarray(vectors[np.sort(picked)], dtype=np.float32)
        if on_progress:
            on_progress(f"building {plan.factory} over {len(profiles)} vectors")
        ann, two_level = new_faiss_index(plan, vectors.shape[1], sample)
        del sample
        for start in range(0, len(vectors), ADD_CHUNK):
            part = np.asarray(vectors[start : start + ADD_CHUNK], dtype=np.float32)
            if two_level is None:
                ann.add_with_ids(part, vids[start : start + ADD_CHUNK])
            else:  # the two-level groups find each vector's list (coarse.TwoLevel.assign)
                add_assigned(ann, part, vids[start : start + ADD_CHUNK], two_level)
        del two_level
        if plan.kind == "ivf":
            if on_progress:
                on_progress(f"choosing nprobe for recall@10 {TARGET_RECALL}")
            ef = plan.ef_per_probe
            tuning_sample = Sample.draw(vectors, 0)
            nprobe, factor, measured = tune_search(
                ann, vectors, plan.nlist, sample=tuning_sample, ef_per_probe=ef
            )
            if ef and measured >= TARGET_RECALL + TUNING_MARGIN:
                ef, measured = tune_ef(ann, vectors, nprobe, factor, sample=tuning_sample)
            adaptive = tune_adaptive(
                ann, vectors, nprobe, factor, sample=tuning_sample, ef_per_probe=ef
            )
            del tuning_sample
            if on_progress:
                on_progress("choosing nprobe for filtered searches")
            shares = filter_shares(len(profiles))
            gaps: list[tuple[float, int, float]] = []
            widened = tune_filtered(
                ann, vectors, plan.nlist, nprobe, factor, shares, ef_per_probe=ef, gaps=gaps
            )
            plan = plan.model_copy(
                update={
                    "nprobe": nprobe,
                    "rerank": factor,
                    "tuned_recall": round(measured, 4),
                    "filter_probes": widened,
                    "filter_gaps": gaps,
                    "ef_per_probe": ef,
                    **(
                        {}
                        if adaptive is None
                        else {
                            "probe_cap": adaptive[0],
                            "probe_gap": adaptive[1],
                            "tuned_recall": round(adaptive[2], 4),
                        }
                    ),
                }
            )
        _write_generation(gen, ann, vectors, profiles, vids)
        return gen.commit(
            {
                "model_id": key,
                "dimension": int(vectors.shape[1]),
                "count": len(profiles),
                "rows": len(profiles),
                "plan": plan,
            }
        )
    except BaseException:
        gen.abort()
        raise


def _write_generation(
    gen: Generation,
    ann: Any,
    vectors: npt.NDArray[np.float32],
    profiles: Sequence[ActorProfile],
    vids: npt.NDArray[np.int64],
) -> None:
    import faiss

    faiss.write_index(ann, str(gen.tmp / "vectors.faiss"))
    write_vectors(gen.tmp / "vectors.f16", vectors)
    store = ProfileStore(gen.tmp / "profiles.sqlite")
    try:
        store.insert(zip((int(v) for v in vids), profiles, strict=True))
        FilterColumns.from_store(store, len(vectors)).save(gen.tmp / "columns.npz")
        Lexical.build(list(store.documents()), len(vectors)).save(gen.tmp / LEXICAL)
    finally:
        store.close()


class ChangeReport(BaseModel):
    added: list[str]
    updated: list[str]
    removed: list[str]
    missing: list[str]
    """Ids asked to be removed that the index does not hold."""
    count: int


def change_index(
    root: Path,
    embedder: Embedder,
    *,
    upsert: Sequence[ActorProfile] = (),
    remove: Sequence[str] = (),
) -> ChangeReport:
    """Add or replace ``upsert`` (by id) and delete ``remove`` in a new generation.

    An IVF index keeps its trained centroids; ``check`` says when a rebuild is due (the count
    has doubled since training).

    Raises:
        CastingError: no index, or a damaged one, or one built with another embedder.
    """
    with one_writer(root):
        return _change(root, embedder, upsert, remove)


def _change(
    root: Path, embedder: Embedder, upsert: Sequence[ActorProfile], remove: Sequence[str]
) -> ChangeReport:
    import numpy as np

    old = CastingIndex.open(root, model_id=embedder.cache_key)
    try:
        held = old.store.vids_for([p.id for p in upsert] + list(remove))
        updated = [p.id for p in upsert if p.id in held]
        added = [p.id for p in upsert if p.id not in held]
        missing = [pid for pid in remove if pid not in held]
        gone = sorted({held[pid] for pid in list(remove) + updated if pid in held})
        new_vectors = _embed(embedder, upsert)
        start = old.meta.rows
        new_vids = np.arange(start, start + len(upsert), dtype=np.int64)
        gen = Generation(root, old.meta.generation + 1)
        try:
            shutil.copyfile(old.gen / "profiles.sqlite", gen.tmp / "profiles.sqlite")
            store = ProfileStore(gen.tmp / "profiles.sqlite")
            try:
                store.delete(gone)
                store.insert(zip((int(v) for v in new_vids), upsert, strict=True))
                count = store.count()
                rows = start + len(upsert)
                FilterColumns.from_store(store, rows).save(gen.tmp / "columns.npz")
                Lexical.build(list(store.documents()), rows).save(gen.tmp / LEXICAL)
            finally:
                store.close()
            if gone:
                old.ann.remove_ids(np.array(gone, dtype=np.int64))
            if len(upsert):
                old.ann.add_with_ids(np.ascontiguousarray(new_vectors), new_vids)
            import faiss

            faiss.write_index(old.ann, str(gen.tmp / "vectors.faiss"))
            shutil.copyfile(old.gen / "vectors.f16", gen.tmp / "vectors.f16")
            if len(upsert):
                with (gen.tmp / "vectors.f16").open("ab") as handle:
                    handle.write(np.ascontiguousarray(new_vectors, dtype=np.float16).tobytes())
            gen.commit(
                {
                    "model_id": old.meta.model_id,
                    "dimension": old.meta.dimension,
                    "count": count,
                    "rows": rows,
                    "plan": old.meta.plan,
                }
            )
        except BaseException:
            gen.abort()
            raise
    finally:
        old.close()
    return ChangeReport(
        added=added,
        updated=updated,
        removed=[p for p in remove if p in held],
        missing=missing,
        count=count,
    )
