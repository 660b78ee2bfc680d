"""A casting index as one object: build, open (checked), add, update, remove, dense search.

Vectors and profiles share one integer id (``vid``); see index.py for the folder layout and
store.py for the SQLite half. Every change writes a new generation (index.py), so readers never
see a half-applied one.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from assistant.casting.coarse import add_assigned, ef_for, set_ef
from assistant.casting.columns import FilterColumns
from assistant.casting.filter_cache import FilterCache, FilterHit
from assistant.casting.index import (
    Generation,
    IndexMeta,
    IndexPlan,
    Lists,
    current_generation,
    filtered_nprobe,
    map_vectors,
    new_faiss_index,
    next_generation_number,
    plan_for,
    read_meta,
    rebuild_hint,
    search_params,
    train_sample_size,
    write_vectors,
)
from assistant.casting.lexical import Lexical
from assistant.casting.probing import adaptive_search
from assistant.casting.profiles import ActorProfile
from assistant.casting.store import CastFilters, ProfileStore
from assistant.casting.tuning import (
    FILTER_FRACTIONS,
    TARGET_RECALL,
    TUNING_MARGIN,
    Sample,
    rerank,
    tune_adaptive,
    tune_ef,
    tune_filtered,
    tune_search,
)
from assistant.errors import CastingError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from assistant.models.base import Embedder

ADD_CHUNK = 200_000
"""Rows converted to float32 and added (or written) at once by a build."""
LONE_QUERIES = 4
"""Up to this many queries an exact search scores them one by one without BLAS (see exact)."""
EXACT_LIMIT = 20_000
"""Filter survivors up to this many are searched exactly from ``vectors.f16`` (20k x 384 is a
few milliseconds); more go to the ANN index with an id selector."""


def filter_shares(count: int) -> tuple[float, ...]:
    """Shares of a ``count``-profile roster the build tunes filtered probes for: 50% and 10%,
    and just above the ``EXACT_LIMIT`` survivors below which the ANN index is not used."""
    smallest = 1.5 * EXACT_LIMIT / count
    return (*FILTER_FRACTIONS, *((smallest,) if smallest < min(FILTER_FRACTIONS) else ()))


class IndexStats(BaseModel):
    path: str
    generation: int
    model_id: str
    dimension: int
    count: int
    plan: IndexPlan
    bytes_on_disk: int


def _embed(embedder: Embedder, profiles: Sequence[ActorProfile]) -> npt.NDArray[np.float32]:
    import numpy as np

    if not profiles:
        return np.zeros((0, 0), dtype=np.float32)
    return embedder.embed([p.search_text() for p in profiles])


def _require_faiss() -> Any:
    try:
        import faiss
    except ImportError as exc:  # pragma: no cover - faiss-cpu is a dependency
        raise CastingError("Casting needs faiss-cpu: pip install faiss-cpu") from exc
    return faiss


class CastingIndex:
    """An opened, checked index generation."""

    def __init__(self, root: Path, gen: Path, meta: IndexMeta, *, shared: bool = False) -> None:
        faiss = _require_faiss()
        self.root = root
        self.gen = gen
        self.meta = meta
        self.store = ProfileStore(gen / "profiles.sqlite", shared=shared)
        try:
            self.ann = faiss.read_index(str(gen / "vectors.faiss"))
        except RuntimeError as exc:
            raise CastingError(
                f"The casting index in {root} is damaged: vectors.faiss cannot "
                f"be read; {rebuild_hint(root)}"
            ) from exc
        if meta.plan.ef_per_probe:  # the HNSW quantizer's beam for adaptive probing's lists
            ivf = faiss.extract_index_ivf(self.ann)
            set_ef(ivf, ef_for(meta.plan.probe_cap or meta.plan.nprobe, meta.plan.ef_per_probe))
        self.vectors = map_vectors(gen / "vectors.f16", meta.dimension)
        self.columns = FilterColumns.load(gen / "columns.npz")
        self._lexical: Lexical | None = None
        self._params: dict[int, Any] = {}
        self.filters = FilterCache(self.columns)
        if self.ann.ntotal != meta.count or self.store.count() != meta.count:
            raise CastingError(
                f"The casting index in {root} is inconsistent: header says "
                f"{meta.count} profiles, vectors {self.ann.ntotal}, profiles "
                f"{self.store.count()}; {rebuild_hint(root)}"
            )

    @classmethod
    def open(
        cls,
        root: Path,
        *,
        model_id: str | None = None,
        verify: bool = True,
        shared: bool = False,
    ) -> CastingIndex:
        """Open the live generation after ``read_meta``'s checks (see there for the errors);
        ``shared``: usable from one thread after another (``opened.py`` serializes them)."""
        meta = read_meta(root, verify=verify, model_id=model_id)
        gen = current_generation(root)
        assert gen is not None  # read_meta raised otherwise
        return cls(root, gen, meta, shared=shared)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> CastingIndex:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def lexical(self) -> Lexical:
        if self._lexical is None:
            self._lexical = Lexical.load(self.gen / "bm25", self.meta.rows)
        return self._lexical

    def stats(self) -> IndexStats:
        size = sum(f.stat().st_size for f in self.gen.rglob("*") if f.is_file())
        m = self.meta
        return IndexStats(
            path=str(self.root),
            generation=m.generation,
            model_id=m.model_id,
            dimension=m.dimension,
            count=m.count,
            plan=m.plan,
            bytes_on_disk=size,
        )

    def matching(self, filters: CastFilters) -> npt.NDArray[np.int64] | None:
        """The vids passing ``filters`` ascending, or None when there are no filters.

        Kept per filter while the index is open (``filter_cache.py``); ``ann_search`` given this
        very array reuses the mask's FAISS bitmap instead of scattering the vids into a new one.
        """
        if filters.is_empty():
            return None
        return self.filters.matching(filters).vids

    # --- dense search ----------------------------------------------------------------------

    def exact(
        self, queries: npt.NDArray[np.float32], vids: npt.NDArray[np.int64], k: int
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
        """Top ``k`` of ``vids`` per query by exact inner product (ids -1 pad short rows)."""
        import numpy as np

        nq = len(queries)
        out_ids = np.full((nq, k), -1, dtype=np.int64)
        out_scores = np.full((nq, k), -np.inf, dtype=np.float32)
        if len(vids) == 0:
            return out_ids, out_scores
        hit = self.filters.find(vids)
        if hit is not None:  # a kept filter's survivors (ascending): their rows are kept too
            ordered, rows = hit.vids, self.filters.rows(hit, self.vectors)
        else:
            ordered = np.sort(vids)
            rows = np.ascontiguousarray(self.vectors[ordered], dtype=np.float32)
        if 0 < nq <= LONE_QUERIES:  # (np.stack needs a query; none goes to the product)
            # numpy's own loop, one thread: OpenBLAS spread a lone query's product over both
            # cores and, on the loaded machine, spent 7.6 ms of CPU on 10,000 rows where one
            # thread took 0.7 (docs/casting.md, run 12)
            scores = np.stack([np.einsum("nd,d->n", rows, q) for q in queries])
        else:
            scores = queries @ rows.T
        take = min(k, len(ordered))
        top = np.argpartition(-scores, take - 1, axis=1)[:, :take]
        for row in range(nq):
            picked = top[row][np.argsort(-scores[row, top[row]])]
            out_ids[row, :take] = ordered[picked]
            out_scores[row, :take] = scores[row, picked]
        return out_ids, out_scores

    def ann_search(
        self,
        queries: npt.NDArray[np.float32],
        k: int,
        allowed: npt.NDArray[np.int64] | None = None,
        *,
        nprobe: int | None = None,
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
        """Top ``k`` per query from FAISS (restricted to ``allowed`` by a bitmap selector), with
        ``plan.rerank`` x over-fetch re-ranked exactly from ``vectors.f16``."""
        import numpy as np

        plan = self.meta.plan
        selector = None
        if allowed is not None:
            hit = self.filters.find(allowed)
            if hit is None:  # vids from elsewhere: a one-off mask and bitmap
                mask = np.zeros(self.meta.rows, dtype=bool)
                mask[allowed] = True
                hit = FilterHit(vids=allowed, mask=mask)
            selector = self.filters.selector(hit)
            if nprobe is None and plan.kind == "ivf":
                nprobe = filtered_nprobe(plan, len(allowed) / self.meta.count)
        fetch = k * plan.rerank
        if selector is None and nprobe is None and plan.probe_gap > 0:
            scores, ids = adaptive_search(
                self.ann,
                queries,
                fetch,
                plan.probe_cap,
                plan.probe_gap,
                ef_per_probe=plan.ef_per_probe,
            )
        else:
            if selector is None:  # made once per probe count: a query at a time, it showed
                probes = nprobe or plan.nprobe
                params = self._params.get(probes)
                if params is None:
                    params = self._params[probes] = search_params(plan, None, nprobe=probes)
            else:
                params = search_params(plan, selector, nprobe=nprobe)
            scores, ids = self.ann.search(queries, fetch, params=params)
        if plan.rerank == 1:
            return ids[:, :k], scores[:, :k]
        return rerank(self.vectors, queries, ids, k)

    def dense(
        self, queries: npt.NDArray[np.float32], k: int, allowed: npt.NDArray[np.int64] | None
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
        """Exact over few survivors, ANN with a selector over many (``EXACT_LIMIT``)."""
        if allowed is not None and len(allowed) <= EXACT_LIMIT:
            return self.exact(queries, allowed, k)
        if allowed is not None and len(allowed) >= self.meta.count:
            allowed = None
        return self.ann_search(queries, k, allowed)


# --- writing -------------------------------------------------------------------------------


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
            widened = tune_filtered(
                ann, vectors, plan.nlist, nprobe, factor, shares, ef_per_probe=ef
            )
            plan = plan.model_copy(
                update={
                    "nprobe": nprobe,
                    "rerank": factor,
                    "tuned_recall": round(measured, 4),
                    "filter_probes": widened,
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
        Lexical.build(list(store.documents()), len(vectors)).save(gen.tmp / "bm25")
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
                Lexical.build(list(store.documents()), rows).save(gen.tmp / "bm25")
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
