"""Adaptive IVF probing: each query probes the lists whose centroids score near its best one.

A fixed ``nprobe`` pays for the hardest queries on every query. On clustered data most queries
sit clearly inside one cluster (their best centroid scores well above the next ones) and need a
few lists, while a query inside a dense, evenly spread region has many centroids at almost the
same score and needs many. So a query probes, of its ``cap`` best lists, those whose centroid
inner product is within ``gap`` of its best one, and at least ``floor`` (an early-termination rule
on the coarse scores, as in Li et al., "Improving approximate nearest neighbor search through
learned adaptive early termination", SIGMOD 2020, without the learned part). Lists left out are
passed to FAISS as -1, which its ``search_preassigned`` skips.

Measured at 1M on the benchmark's clustered vectors (IVF2048,SQ8, 2x re-rank, 1,000 fresh
queries; docs/casting.md, run 9): a fixed nprobe 48 scanned 39k codes a query for recall@10
0.959; a cap of 48 and a gap of 0.05 scanned 23k for 0.957, a cap of 72 and 0.005 27k for 0.971.

The gap is in inner-product units and depends on the data, so the build measures it
(``tune_gap``) like the fixed probe count, on the same roster-row queries, and keeps it only when
it scans fewer codes than the fixed count for the same recall target.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from assistant.errors import CastingError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

GAP_STEPS = 12
"""Gaps tried, ascending (recall grows with the gap): geometric steps from the 5th percentile to
the largest of the tuning queries' spreads between their best and their ``nprobe``-th centroid
score. The scale of a gap is the data's, so the grid is read off the data; it is geometric
because the spreads are bimodal (at 1M on the benchmark's vectors: 20% of queries within 0.0055,
the next 15% from 0.22; the gaps that pay, 0.01-0.05, lie between, where quantiles put none)."""
CAP_FACTORS = (1.0, 1.5, 2.0)
"""Caps tried, as multiples of the fixed probe count the build tuned first."""
FLOOR = 2
"""Lists every query probes whatever the gap: the best one and its runner-up."""


PARALLEL_OVER_QUERIES = 3
"""FAISS IVF ``parallel_mode`` under which ``search_preassigned`` splits a batch's queries over
the threads. Under FAISS's default mode 0 only ``search`` does the splitting (faiss
IndexIVF.cpp: each thread quantizes and scans its slice) and a direct ``search_preassigned`` runs
the whole batch on one thread: adaptive probing's batches used one of the two cores (run 14,
10M: 886 queries/s by the wall clock for 2,535 by CPU time over two threads)."""


_MODE_SWITCH = threading.Lock()
"""Held by a batch while it runs with its index's ``parallel_mode`` switched to
``PARALLEL_OVER_QUERIES``. Unguarded, a batch starting while another thread's batch ran saved
the switched 3 as the mode to put back and, finishing last, left the index in mode 3. One lock
for every index: a batch in mode 3 already runs on all of FAISS's threads, so a second batch
waiting for it loses nothing a concurrent one would have had. A search reading the mode
meanwhile (a lone query, a fixed-probe ``search``) gets mode 3's threading and the same
results: FAISS scans a query's lists with the same loop in modes 0 and 3 (IndexIVF.cpp,
``pmode == 0 || pmode == 3``)."""


def probe_lists(
    quantizer: Any,
    queries: npt.NDArray[np.float32],
    cap: int,
    gap: float,
    floor: int = FLOOR,
    ef_per_probe: float = 0.0,
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    """(centroid scores, list numbers) of each query's ``cap`` best lists, -1 where a list
    scores more than ``gap`` below the query's best (beyond the first ``floor``).
    ``ef_per_probe``: an HNSW quantizer's efSearch per listed probe (coarse.ef_for).

    The SWIG call is made directly (``search_c``): the Python wrapper's checks and type lookups
    were ~10 us of a lone query's ~200 at 200k profiles (docs/casting.md, run 15)."""
    from assistant.casting.queries import as_queries, check_k

    check_k(cap, "list probed")
    # (FAISS reads the raw buffer: queries.py)
    return _probe_lists(quantizer, as_queries(queries, quantizer.d), cap, gap, floor, ef_per_probe)


def _probe_lists(
    quantizer: Any,
    queries: npt.NDArray[np.float32],
    cap: int,
    gap: float,
    floor: int,
    ef_per_probe: float,
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    """``probe_lists`` on ``queries`` already checked (queries.as_queries) and ``cap`` >= 1."""
    import faiss
    import numpy as np

    from assistant.casting.coarse import hnsw_params

    n = len(queries)
    params = hnsw_params(cap, ef_per_probe) if ef_per_probe else None
    scores = np.empty((n, cap), dtype=np.float32)
    lists = np.empty((n, cap), dtype=np.int64)
    ptr = faiss.swig_ptr
    quantizer.search_c(n, ptr(queries), cap, ptr(scores), ptr(lists), params)
    drop = scores < scores[:, :1] - gap
    drop[:, :floor] = False
    lists[drop] = -1
    return scores, lists


def preassigned_search(
    ivf: Any,
    queries: npt.NDArray[np.float32],
    fetch: int,
    lists: npt.NDArray[np.int64],
    scores: npt.NDArray[np.float32],
    selector: Any = None,
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    """(scores, ids) of each query's ``fetch`` best codes in its ``lists`` (-1: skipped), from
    FAISS's ``search_preassigned``, restricted to ``selector`` when given; a batch is split over
    FAISS's threads (``PARALLEL_OVER_QUERIES``).

    Called through SWIG directly: the Python wrapper refuses search parameters (so it could
    take no selector) and checks the width of ``lists`` against the index's own ``nprobe``,
    which then had to be set to it."""
    import numpy as np

    from assistant.casting.queries import as_queries, check_k

    queries = as_queries(queries, ivf.d)  # (FAISS reads raw buffers: queries.py)
    lists = np.ascontiguousarray(lists, dtype=np.int64)
    scores = np.ascontiguousarray(scores, dtype=np.float32)
    n = len(queries)
    check_k(fetch)
    if lists.ndim != 2 or lists.shape[0] != n or lists.shape[1] < 1 or scores.shape != lists.shape:
        # FAISS reads n x width of each, the width taken from the lists
        raise CastingError(
            f"Preassigned lists {lists.shape} and scores {scores.shape} must both be "
            f"({n}, probes), one row per query"
        )
    return _preassigned(ivf, queries, fetch, lists, scores, selector)


def _preassigned(
    ivf: Any,
    queries: npt.NDArray[np.float32],
    fetch: int,
    lists: npt.NDArray[np.int64],
    scores: npt.NDArray[np.float32],
    selector: Any,
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    """``preassigned_search`` on checked input: C-contiguous float32 queries ``ivf.d`` wide,
    int64 ``lists`` and float32 ``scores`` of one shape with a row per query, ``fetch`` >= 1."""
    import faiss
    import numpy as np

    n = len(queries)
    params = faiss.SearchParametersIVF()
    params.nprobe = lists.shape[1]
    if selector is not None:
        params.sel = selector
    distances = np.empty((n, fetch), dtype=np.float32)
    ids = np.empty((n, fetch), dtype=np.int64)
    ptr = faiss.swig_ptr
    args = (n, ptr(queries), fetch, ptr(lists), ptr(scores), ptr(distances), ptr(ids))
    if n == 1:  # (the mode is read only for batches; setting it costs a lone query ~4 us)
        ivf.search_preassigned_c(*args, False, params)
        return distances, ids
    # the mode is the index's own field, not a search parameter (SearchParametersIVF has
    # none): set for this call and put back, one batch at a time (_MODE_SWITCH)
    with _MODE_SWITCH:
        mode = ivf.parallel_mode
        ivf.parallel_mode = PARALLEL_OVER_QUERIES
        try:
            ivf.search_preassigned_c(*args, False, params)
        finally:
            ivf.parallel_mode = mode
    return distances, ids


def adaptive_search(
    ivf: Any,
    queries: npt.NDArray[np.float32],
    fetch: int,
    cap: int,
    gap: float,
    selector: Any = None,
    ef_per_probe: float = 0.0,
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    """FAISS search of the IVF index ``ivf`` with the lists ``probe_lists`` keeps (restricted
    to ``selector`` when given).

    Raises:
        CastingError: queries not ``(n, ivf.d)`` numbers, ``cap`` or ``fetch`` below 1."""
    from assistant.casting.queries import as_queries, check_k

    check_k(cap, "list probed")
    check_k(fetch)
    queries = as_queries(queries, ivf.d)  # checked once for both raw calls (queries.py)
    scores, lists = _probe_lists(ivf.quantizer, queries, cap, gap, FLOOR, ef_per_probe)
    return _preassigned(ivf, queries, fetch, lists, scores, selector)


def codes_scanned(ivf: Any, lists: npt.NDArray[np.int64]) -> float:
    """Mean codes a query scans over the kept ``lists`` (what a query's time follows)."""
    import numpy as np

    sizes = np.array([ivf.invlists.list_size(i) for i in range(ivf.nlist)], dtype=np.int64)
    return float(np.where(lists >= 0, sizes[np.maximum(lists, 0)], 0).sum(axis=1).mean())


def tune_gap(
    ivf: Any,
    queries: npt.NDArray[np.float32],
    recall_of: Any,
    nprobe: int,
    target: float,
    ef_per_probe: float = 0.0,
    selector: Any = None,
) -> tuple[int, float, float, float] | None:
    """(cap, gap, recall@10, codes scanned) of the cheapest (fewest codes scanned) adaptive
    setting reaching ``target``, or None when it scans no fewer codes than the fixed
    ``nprobe``. ``recall_of(search)`` measures recall@10 of ``search(queries, fetch)`` after the
    exact re-rank. ``ef_per_probe``: as in ``probe_lists``; ``selector``: a filter's FAISS
    selector, every search restricted to it (tuning.tune_filtered)."""
    import numpy as np

    from assistant.casting.coarse import hnsw_params

    params = hnsw_params(nprobe, ef_per_probe) if ef_per_probe else None
    scores, lists = ivf.quantizer.search(queries, nprobe, params=params)
    fixed = codes_scanned(ivf, lists)
    spread = scores[:, 0] - scores[:, -1]
    high = float(spread.max())
    low = max(float(np.quantile(spread, 0.05)), high / 1e4)
    gaps = [] if high <= 0 else [round(float(g), 6) for g in np.geomspace(low, high, GAP_STEPS)]
    best: tuple[int, float, float, float] | None = None
    for factor in CAP_FACTORS:
        cap = min(ivf.nlist, round(nprobe * factor))
        for gap in gaps:

            def search(q: Any, fetch: int, cap: int = cap, gap: float = gap) -> Any:
                return adaptive_search(
                    ivf, q, fetch, cap, gap, selector=selector, ef_per_probe=ef_per_probe
                )

            got = recall_of(search)
            if got >= target:
                kept = probe_lists(ivf.quantizer, queries, cap, gap, ef_per_probe=ef_per_probe)
                cost = codes_scanned(ivf, kept[1])
                if cost < fixed and (best is None or cost < best[3]):
                    best = (cap, gap, got, cost)
                break
    return best
