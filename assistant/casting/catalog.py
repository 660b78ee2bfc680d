"""An opened, checked casting index: filters, exact and ANN dense search.

Vectors and profiles share one integer id (``vid``); see layout.py for the folder layout and
store.py for the SQLite half; writing.py builds and changes indexes. Every change writes a new
generation (generations.py), so readers never see a half-applied one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from assistant.casting import subsets
from assistant.casting.coarse import ef_for, set_ef
from assistant.casting.columns import FilterColumns
from assistant.casting.filter_cache import FilterCache, FilterHit
from assistant.casting.index_plan import IndexPlan
from assistant.casting.layout import LEXICAL, rebuild_hint
from assistant.casting.leases import lease_live, release
from assistant.casting.lexical import Lexical
from assistant.casting.metadata import IndexMeta
from assistant.casting.probe_counts import filtered_nprobe, filtered_probing, search_params
from assistant.casting.probing import adaptive_search
from assistant.casting.queries import as_queries, check_k, check_vids
from assistant.casting.store import CastFilters, ProfileStore
from assistant.casting.tuning import (
    rerank,
)
from assistant.casting.validation import check_generation
from assistant.casting.vector_file import map_vectors
from assistant.errors import CastingError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


LONE_QUERIES = 4
"""Up to this many queries an exact search scores them one by one without BLAS (see exact)."""
EXACT_LIMIT = 20_000
"""Filter survivors up to this many are searched exactly from ``vectors.f16`` (20k x 384 is a
few milliseconds); more go to the ANN index with an id selector."""


class IndexStats(BaseModel):
    path: str
    generation: int
    model_id: str
    dimension: int
    count: int
    plan: IndexPlan
    bytes_on_disk: int


def _require_faiss() -> Any:
    try:
        import faiss
    except ImportError as exc:  # pragma: no cover - faiss-cpu is a dependency
        raise CastingError("Casting needs faiss-cpu: pip install faiss-cpu") from exc
    return faiss


class CastingIndex:
    """An opened, checked index generation."""

    def __init__(
        self,
        root: Path,
        gen: Path,
        meta: IndexMeta,
        *,
        shared: bool = False,
        lease: int | None = None,
    ) -> None:
        faiss = _require_faiss()
        self.root = root
        self.gen = gen
        self.meta = meta
        self._lease = lease
        """Held from the open to ``close``: ``gen`` is not removed while this reads it."""
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
        if meta.plan.kind == "ivf" and subsets.supports(self.ann):
            # a filter's own lists (subsets.py) may take as much memory as the codes themselves
            self.filters.subset_budget = self.ann.ntotal * subsets.entry_bytes(self.ann)
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
        gen, lease = lease_live(root)  # (one read of CURRENT, and the folder it names leased)
        try:
            meta = check_generation(root, gen, verify=verify, model_id=model_id)
            return cls(root, gen, meta, shared=shared, lease=lease)
        except BaseException:
            release(lease)
            raise

    def close(self) -> None:
        self.store.close()
        if self._lease is not None:
            release(self._lease)
            self._lease = None

    def __enter__(self) -> CastingIndex:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def lexical(self) -> Lexical:
        """The BM25 index, read at the first text search.

        Raises:
            CastingError: ``bm25/`` cannot be read (the open checked its files against the header
                when that records them, and their checksums when ``verify``).
        """
        if self._lexical is None:
            try:
                self._lexical = Lexical.load(self.gen / LEXICAL, self.meta.rows)
            except (OSError, ValueError, KeyError, IndexError, TypeError, EOFError) as exc:
                raise CastingError(
                    f"The casting index in {self.root} is damaged: {LEXICAL}/ cannot be read; "
                    f"{rebuild_hint(self.root)}"
                ) from exc
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
        """Top ``k`` of ``vids`` per query by exact inner product (ids -1 pad short rows).

        Raises:
            CastingError: queries not ``(n, dimension)`` numbers, or ``k`` below 1 (queries.py).
        """
        import numpy as np

        queries = as_queries(queries, self.meta.dimension)  # (the SIMD loop reads raw rows)
        check_k(k)
        nq = len(queries)
        out_ids = np.full((nq, k), -1, dtype=np.int64)
        out_scores = np.full((nq, k), -np.inf, dtype=np.float32)
        if len(vids) == 0:
            return out_ids, out_scores
        hit = self.filters.find(vids)
        if hit is not None:  # a kept filter's survivors (ascending): their rows are kept too
            ordered, rows = hit.vids, self.filters.rows(hit, self.vectors)
        else:
            check_vids(vids, self.meta.rows)
            ordered = np.sort(vids)
            rows = np.ascontiguousarray(self.vectors[ordered], dtype=np.float32)
        take = min(k, len(ordered))
        faiss = _require_faiss()
        if nq > LONE_QUERIES:  # FAISS's blocked product and heaps, on every thread
            scores, picked = faiss.knn(queries, rows, take, metric=faiss.METRIC_INNER_PRODUCT)
            out_ids[:, :take] = ordered[picked]
            out_scores[:, :take] = scores
            return out_ids, out_scores
        ptr, inner = faiss.swig_ptr, faiss.fvec_inner_products_ny
        scores = np.empty(len(ordered), dtype=np.float32)
        for row, query in enumerate(queries):
            # FAISS's single-threaded SIMD loop: 0.53 ms a query over 10,000 rows where numpy's
            # einsum took 0.86 (load 13); and never OpenBLAS, which spread a lone query's
            # product over both cores and, on the loaded machine, spent 7.6 ms of CPU on
            # 10,000 rows where one thread took 0.7 (docs/casting.md, runs 12 and 15)
            inner(ptr(scores), ptr(query), ptr(rows), rows.shape[1], len(ordered))
            top = np.argpartition(-scores, take - 1)[:take]
            top = top[np.argsort(-scores[top])]
            out_ids[row, :take] = ordered[top]
            out_scores[row, :take] = scores[top]
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
        ``plan.rerank`` x over-fetch re-ranked exactly from ``vectors.f16``.

        Without ``nprobe``, probing is adaptive where the build measured it cheaper (probing.py;
        with a filter, ``index.filtered_probing``), else the plan's fixed count (widened for a
        filter, ``index.filtered_nprobe``); ``nprobe`` forces that many fixed probes.

        Raises:
            CastingError: queries not ``(n, dimension)`` numbers, or ``k`` below 1 (queries.py).
        """
        import numpy as np

        queries = as_queries(queries, self.meta.dimension)
        check_k(k)
        plan = self.meta.plan
        fetch = k * plan.rerank
        selector = None
        ann = self.ann
        adaptive: tuple[int, float] | None = None
        if allowed is not None:
            hit = self.filters.find(allowed)
            # a kept filter's own lists when the budget allows: the same results as the
            # selector over the same lists, scanning only the survivors' codes (subsets.py)
            own = None if hit is None else self.filters.subset(hit, ann)
            if own is not None:
                ann = own
            elif hit is None:  # vids from elsewhere: a one-off mask and bitmap
                check_vids(allowed, self.meta.rows)
                mask = np.zeros(self.meta.rows, dtype=bool)
                mask[allowed] = True
                selector = self.filters.selector(FilterHit(vids=allowed, mask=mask))
            else:
                selector = self.filters.selector(hit)
            if nprobe is None and plan.kind == "ivf":
                kept = len(allowed) / self.meta.count
                adaptive = filtered_probing(plan, kept)
                if adaptive is None:
                    nprobe = filtered_nprobe(plan, kept)
        elif nprobe is None and plan.probe_gap > 0:
            adaptive = plan.probe_cap, plan.probe_gap
        if adaptive is not None:
            scores, ids = adaptive_search(
                ann,
                queries,
                fetch,
                adaptive[0],
                adaptive[1],
                selector=selector,
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
            scores, ids = ann.search(queries, fetch, params=params)
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
