"""Choosing an IVF index's probe count for a recall target, on the roster's own vectors.

How many IVF lists a query must probe for a given recall depends on the data far more than on
its size (on the benchmark's clustered vectors IVF4096 needs nprobe 64 for recall@10 0.90; the
issue's reference set reached 0.98 at nprobe 8). So the build measures it: ``TUNING_QUERIES``
indexed vectors serve as queries (each one's own row excluded from its answers), their exact top
10 is computed by brute force, and the smallest ``nprobe`` of ``probe_steps`` whose recall@10
*after* Slate's exact re-rank reaches the target plus ``TUNING_MARGIN`` is recorded in the plan
with the recall it measured. The margin covers the sampling error of that measurement: recall@10
over 1,000 queries has a standard error of ~0.003 on the benchmark's 1M clustered vectors, where
the roster's own vectors and fresh queries agreed within it (IVF2048,SQ8: 0.9675 own at nprobe
56, 0.971 fresh). With 200 queries and a margin of 0.01 the build chose nprobe 56 where 40 gave
fresh queries 0.950 at 1.5x the speed.

The over-fetch re-ranked exactly is tuned with it (``RERANK_FACTORS``): 8-bit codes blur close
neighbours, which the exact re-rank of the candidates undoes. With the flat coarse quantizer
(index.plan_for) a 4x over-fetch reached the recall of uncompressed vectors at 1M (10x gained
nothing), so 2x is tried too: each candidate costs a float16 row gathered. The pair with the
fewest probes wins (then the smaller over-fetch).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.casting.coarse import ivf_params
from assistant.errors import CastingError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

TARGET_RECALL = 0.95
TUNING_MARGIN = 0.005
RERANK_FACTORS = (2, 4, 8)
KNEE = 0.005
TUNING_QUERIES = 1_000
EXACT_BLOCK = 50_000
"""Rows scored at once by ``exact_top``."""
_K = 10


def exact_top(vectors: Any, queries: npt.NDArray[np.float32], k: int) -> npt.NDArray[np.int64]:
    """Row numbers of each query's ``k`` best rows by inner product, best first (brute force).

    ``vectors``: float32 or float16 rows, an array, a memory map or a ``Rows`` view (sliced).

    Each ``EXACT_BLOCK``-row block's own top ``k`` is picked before merging, so only the
    (queries x block) scores are held: concatenating whole 100k-row blocks of scores and ids at
    1,000 queries raised the 1M benchmark's peak from 7.2 to 9.4 GB (docs/casting.md, run 6)."""
    import numpy as np

    best = np.full((len(queries), 0), -1, dtype=np.int64)
    best_s = np.full((len(queries), 0), -np.inf, dtype=np.float32)
    for start in range(0, len(vectors), EXACT_BLOCK):
        scores = queries @ np.asarray(vectors[start : start + EXACT_BLOCK], dtype=np.float32).T
        take = min(k, scores.shape[1])
        top = np.argpartition(-scores, take - 1, axis=1)[:, :take]
        s = np.concatenate([best_s, np.take_along_axis(scores, top, 1)], axis=1)
        i = np.concatenate([best, top + start], axis=1)
        take = min(k, s.shape[1])
        keep = np.argpartition(-s, take - 1, axis=1)[:, :take]
        best_s, best = np.take_along_axis(s, keep, 1), np.take_along_axis(i, keep, 1)
    order = np.argsort(-best_s, axis=1)
    return np.take_along_axis(best, order, 1)


RERANK_SPLIT = 256
"""From this many queries a re-rank is split over FAISS's thread count (``rerank``)."""


def rerank(
    vectors: Any, queries: npt.NDArray[np.float32], ids: npt.NDArray[np.int64], k: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """The ``k`` best of each row's candidate ``ids`` (-1 = none) by exact inner product with
    ``vectors`` (float16 or float32 rows by vid).

    A lone query takes a path of its own (one gather, one matrix-vector product, ~25 us less
    than the batched form at 20 candidates, docs/casting.md run 15); a batch of at least
    ``RERANK_SPLIT`` is cut into one part per FAISS thread, scored on threads (numpy's gather,
    float16 conversion and products release the GIL): it was a fifth of a batch's CPU time,
    on one core while FAISS's scan used both."""
    import numpy as np

    from assistant.casting.queries import as_queries

    queries = as_queries(queries, vectors.shape[1])  # (the lone path reads a raw row)
    if len(ids) != len(queries):
        raise CastingError(f"{len(ids)} rows of candidates for {len(queries)} queries")
    if len(ids) == 1:
        return _rerank_lone(vectors, queries[0], ids[0], k)
    threads = _threads()
    if len(ids) < RERANK_SPLIT or threads < 2:
        return _rerank_rows(vectors, queries, ids, k)
    cuts = np.linspace(0, len(ids), threads + 1).astype(int)
    parts = list(
        _pool(threads).map(
            lambda i: _rerank_rows(
                vectors, queries[cuts[i] : cuts[i + 1]], ids[cuts[i] : cuts[i + 1]], k
            ),
            range(threads),
        )
    )
    return np.vstack([p[0] for p in parts]), np.vstack([p[1] for p in parts])


def _rerank_rows(
    vectors: Any, queries: npt.NDArray[np.float32], ids: npt.NDArray[np.int64], k: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    import numpy as np

    safe = np.where(ids < 0, 0, ids)
    rows = np.asarray(vectors[safe], dtype=np.float32)
    # numpy's own loop: half the CPU of the stacked matmul over 1,000 queries x 20 candidates
    # (1.5 ms / 3.2), and never OpenBLAS threads under the re-rank's own (see _rerank_lone)
    exact = np.einsum("nfd,nd->nf", rows, queries)
    exact[ids < 0] = -np.inf
    order = np.argsort(-exact, axis=1)[:, :k]
    return np.take_along_axis(ids, order, 1), np.take_along_axis(exact, order, 1)


def _rerank_lone(
    vectors: Any, query: npt.NDArray[np.float32], ids: npt.NDArray[np.int64], k: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    import faiss
    import numpy as np

    missing = ids < 0
    any_missing = bool(missing.any())
    safe = np.where(missing, 0, ids) if any_missing else ids
    # ndarray.take gathers in about half the time of fancy indexing at 20 rows
    rows = vectors.take(safe, axis=0) if isinstance(vectors, np.ndarray) else vectors[safe]
    rows = np.ascontiguousarray(rows, dtype=np.float32)
    query = np.ascontiguousarray(query, dtype=np.float32)
    exact = np.empty(len(ids), dtype=np.float32)
    # FAISS's single-threaded SIMD loop: numpy's product goes to OpenBLAS, which spreads a
    # matrix-vector product over both cores from 9,216 elements (24 candidates of 384), and on
    # the loaded machine that cost ~10x the CPU of one thread (run 12)
    ptr, inner = faiss.swig_ptr, faiss.fvec_inner_products_ny  # type: ignore[attr-defined]
    inner(ptr(exact), ptr(query), ptr(rows), rows.shape[1], len(ids))
    if any_missing:
        exact[missing] = -np.inf
    order = np.argsort(-exact)[:k]
    return ids[order][None, :], exact[order][None, :]


_POOLS: dict[int, Any] = {}


def _threads() -> int:
    import faiss

    return int(faiss.omp_get_max_threads())


def _pool(threads: int) -> Any:
    """A thread pool of ``threads`` workers, made once per size and kept (its threads idle)."""
    from concurrent.futures import ThreadPoolExecutor

    pool = _POOLS.get(threads)
    if pool is None:
        pool = _POOLS.setdefault(threads, ThreadPoolExecutor(threads, "casting-rerank"))
    return pool


def probe_steps(nlist: int) -> list[int]:
    """Probe counts tried in order, up to nlist: 1, 2, 3, 4, 6, then quarter steps from 8
    (8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, ...). Throughput falls in proportion to the
    probes, so a step of x1.5 could overshoot the target by a third of the speed: at 1M recall@10
    was 0.933 at nprobe 32 and 0.963 at 48, with 40 between them."""
    steps, base = [], 1
    while base < nlist:
        if base >= 8:
            steps += [base, base + base // 4, base + base // 2, base + 3 * base // 4]
        else:
            steps += [base, base + base // 2] if base >= 2 else [base]
        base *= 2
    return sorted({s for s in steps if s < nlist} | {nlist})


def tune_nprobe(
    ann: Any,
    vectors: npt.NDArray[np.float32],
    nlist: int,
    rerank_factor: int,
    *,
    target: float = TARGET_RECALL + TUNING_MARGIN,
    seed: int = 0,
    curve: list[tuple[int, float]] | None = None,
    sample: Sample | None = None,
    ef_per_probe: float = 0.0,
) -> tuple[int, float]:
    """(nprobe, recall@10 measured at it): the smallest of ``probe_steps`` reaching ``target``;
    when even every list misses it, the fewest probes within ``KNEE`` of the best recall seen
    (probing all 4096 lists for 0.006 more recall would cut throughput ~8x). ``curve``, when
    given, receives each (nprobe, recall) measured. ``sample``: the queries and their exact
    answers (``Sample.draw(vectors, seed)`` when not given; the brute force is the costly part,
    so ``tune_search`` draws it once for every factor). ``ef_per_probe``: an HNSW coarse
    quantizer's efSearch per probe (coarse.ef_for; 0 for a flat quantizer)."""
    sample = sample or Sample.draw(vectors, seed)
    curve = [] if curve is None else curve
    for nprobe in probe_steps(nlist):
        params = ivf_params(nprobe, ef_per_probe)
        got = sample.recall(_searcher(ann, params), vectors, rerank_factor)
        curve.append((nprobe, got))
        if got >= target:
            return nprobe, got
    best = max(r for _, r in curve)
    return next((p, r) for p, r in curve if r >= best - KNEE)


def tune_search(
    ann: Any,
    vectors: npt.NDArray[np.float32],
    nlist: int,
    *,
    target: float = TARGET_RECALL + TUNING_MARGIN,
    sample: Sample | None = None,
    ef_per_probe: float = 0.0,
) -> tuple[int, int, float]:
    """(nprobe, rerank factor, recall@10): the fewest probes reaching ``target`` over
    ``RERANK_FACTORS`` (ties: the smaller over-fetch); when none reaches it, the fewest probes
    within ``KNEE`` of the best recall. ``tuned_recall`` below 0.95 in the plan says so."""
    sample = sample or Sample.draw(vectors, 0)
    tried = [
        (
            *tune_nprobe(
                ann, vectors, nlist, f, target=target, sample=sample, ef_per_probe=ef_per_probe
            ),
            f,
        )
        for f in RERANK_FACTORS
    ]
    reached = [t for t in tried if t[1] >= target]
    if reached:
        nprobe, got, factor = min(reached, key=lambda t: (t[0], t[2]))
    else:
        best = max(t[1] for t in tried)
        nprobe, got, factor = min(
            (t for t in tried if t[1] >= best - KNEE), key=lambda t: (t[0], t[2])
        )
    return nprobe, factor, got


EF_PER_PROBE = (1.0, 1.5, 2.0)
"""HNSW quantizer beams tried (efSearch per probe, coarse.ef_for); the plan starts at the last."""


def tune_ef(
    ann: Any,
    vectors: npt.NDArray[np.float32],
    nprobe: int,
    rerank_factor: int,
    *,
    target: float = TARGET_RECALL + TUNING_MARGIN,
    sample: Sample,
) -> tuple[float, float]:
    """(efSearch per probe, recall@10): the narrowest beam of ``EF_PER_PROBE`` whose recall at
    ``nprobe`` still reaches ``target``, else the widest. The quantizer's walk is a fixed cost a
    query (at 10M ~2 x 32 x efSearch centroid products), so a narrower beam that keeps the
    recall is free speed."""
    got = 0.0
    for ef in EF_PER_PROBE:
        got = sample.recall(_searcher(ann, ivf_params(nprobe, ef)), vectors, rerank_factor)
        if got >= target:
            return ef, got
    return EF_PER_PROBE[-1], got


def tune_adaptive(
    ann: Any,
    vectors: npt.NDArray[np.float32],
    nprobe: int,
    rerank_factor: int,
    *,
    target: float = TARGET_RECALL + TUNING_MARGIN,
    sample: Sample | None = None,
    ef_per_probe: float = 0.0,
) -> tuple[int, float, float] | None:
    """(cap, gap, recall@10) of the adaptive probing (probing.py) that reaches ``target``
    scanning the fewest codes, or None when none scans fewer than the fixed ``nprobe``.
    Measured on ``sample`` (``Sample.draw(vectors, 0)``, the queries ``tune_search`` uses, when
    not given)."""
    from assistant.casting import probing

    sample = sample or Sample.draw(vectors, 0)
    found = probing.tune_gap(
        ann,
        sample.queries,
        lambda search: sample.recall(search, vectors, rerank_factor),
        nprobe,
        target,
        ef_per_probe,
    )
    return None if found is None else found[:3]


FILTER_FRACTIONS = (0.5, 0.1)
"""Shares of the roster kept by the random filters the build tunes the probe count for (plus the
smallest share the ANN index still serves, see ``catalog.EXACT_LIMIT``)."""


FILTER_GAP_SAVING = 0.8
"""A filtered adaptive setting is recorded only when it scans at most this share of the fixed
probes' codes: searches interpolate between recorded shares (index.filtered_probing), and a
setting that barely beats fixed probes at a narrow share (at 1M, 3% kept: a cap of 192 lists and
a gap covering nearly all of them, where 96 fixed probes sufficed) makes the shares between
probe more than the fixed count would."""


def tune_filtered(
    ann: Any,
    vectors: npt.NDArray[np.float32],
    nlist: int,
    nprobe: int,
    rerank_factor: int,
    fractions: tuple[float, ...],
    *,
    target: float = TARGET_RECALL + TUNING_MARGIN,
    seed: int = 1,
    ef_per_probe: float = 0.0,
    gaps: list[tuple[float, int, float]] | None = None,
) -> list[tuple[float, int]]:
    """(kept, nprobe) per share of ``fractions``: the fewest probes (from the unfiltered
    ``nprobe`` up, ``probe_steps``) whose recall@10 after the exact re-rank reaches ``target``
    when a random filter keeps that share of the rows.

    ``gaps``, when given, receives (kept, cap, gap) for each share where adaptive probing
    (probing.tune_gap, from those probes, with the filter's selector) reaches the same target
    scanning fewer codes: at 200k, 50% kept, 14 fixed probes scanned 5,570 codes a query for
    recall@10 0.967 where a cap of 14 and 1.5x the unfiltered gap scanned 1,786 for 0.959
    (docs/casting.md, run 15): most queries' eligible neighbours still sit in a few lists.

    A filter keeping a share ``kept`` leaves ``kept`` as many eligible rows in each probed list,
    so the 10th eligible neighbour lies farther out; how much farther depends on the data, so it
    is measured like the unfiltered probe count. Queries are ``TUNING_QUERIES`` of the rows
    themselves (each one's own row excluded), as in ``tune_nprobe``."""
    import faiss
    import numpy as np

    from assistant.casting import probing

    rng = np.random.default_rng(seed)
    out: list[tuple[float, int]] = []
    rows = np.sort(rng.choice(len(vectors), min(TUNING_QUERIES, len(vectors)), replace=False))
    queries = np.ascontiguousarray(vectors[rows], dtype=np.float32)
    for kept in sorted(fractions, reverse=True):
        mask = rng.random(len(vectors)) < kept
        allowed = np.flatnonzero(mask)
        if len(allowed) <= _K + 1:
            continue
        wanted = _wanted(allowed[exact_top(Rows(vectors, allowed), queries, _K + 1)], rows)
        bits = np.packbits(mask, bitorder="little")
        selector = faiss.IDSelectorBitmap(len(bits), faiss.swig_ptr(bits))
        chosen = nlist
        for probes in [p for p in probe_steps(nlist) if p >= nprobe]:
            params = ivf_params(probes, ef_per_probe, selector)
            if (
                Sample(rows, queries, wanted).recall(_searcher(ann, params), vectors, rerank_factor)
                >= target
            ):
                chosen = probes
                break
        out.append((round(float(kept), 6), chosen))
        if gaps is not None and chosen < nlist:
            sample = Sample(rows, queries, wanted)
            found = probing.tune_gap(
                ann,
                queries,
                lambda search, sample=sample: sample.recall(search, vectors, rerank_factor),
                chosen,
                target,
                ef_per_probe,
                selector,
            )
            fixed = probing.codes_scanned(ann, ann.quantizer.search(queries, chosen)[1])
            if found is not None and found[3] <= FILTER_GAP_SAVING * fixed:
                gaps.append((round(float(kept), 6), found[0], found[1]))
    return out


def _wanted(truth: npt.NDArray[np.int64], rows: npt.NDArray[np.int64]) -> list[set[int]]:
    """Each query's exact top ``_K``, its own row left out (the queries are roster rows)."""
    return [set(t[t != r][:_K].tolist()) for t, r in zip(truth, rows, strict=True)]


def _searcher(ann: Any, params: Any) -> Any:
    """``search(queries, fetch) -> (scores, ids)`` of ``ann`` with ``params``."""
    return lambda queries, fetch: ann.search(queries, fetch, params=params)


class Sample:
    """Roster rows used as tuning queries and their exact top ``_K`` (own row left out)."""

    def __init__(
        self, rows: npt.NDArray[np.int64], queries: npt.NDArray[np.float32], wanted: list[set[int]]
    ) -> None:
        self.rows = rows
        self.queries = queries
        self.wanted = wanted

    @classmethod
    def draw(cls, vectors: Any, seed: int) -> Sample:
        """``TUNING_QUERIES`` rows drawn with ``seed``, their answers by brute force over every
        row (at 1M ~35 s of CPU: draw once per build, ``writing.build_index``)."""
        import numpy as np

        rng = np.random.default_rng(seed)
        rows = np.sort(rng.choice(len(vectors), min(TUNING_QUERIES, len(vectors)), replace=False))
        queries = np.ascontiguousarray(vectors[rows], dtype=np.float32)
        return cls(rows, queries, _wanted(exact_top(vectors, queries, _K + 1), rows))

    def recall(self, search: Any, vectors: Any, rerank_factor: int) -> float:
        """Recall@10 of ``search(queries, fetch)`` (fetch = 11 x ``rerank_factor``) after the
        exact re-rank from ``vectors``."""
        _, ids = search(self.queries, (_K + 1) * rerank_factor)
        found, _ = rerank(vectors, self.queries, ids, _K + 1)
        hits = sum(
            len(w & set(f[f != r][:_K].tolist()))
            for w, f, r in zip(self.wanted, found, self.rows, strict=True)
        )
        return hits / max(1, sum(len(w) for w in self.wanted))


class Rows:
    """``vectors[allowed]`` read block by block as float32 (``exact_top`` slices it), never
    copied whole."""

    def __init__(self, vectors: Any, allowed: npt.NDArray[np.int64]) -> None:
        self.vectors = vectors
        self.allowed = allowed

    def __len__(self) -> int:
        return len(self.allowed)

    def __getitem__(self, part: slice) -> Any:
        import numpy as np

        return np.asarray(self.vectors[self.allowed[part]], dtype=np.float32)
