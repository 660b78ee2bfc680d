"""The FAISS half of a casting index: which index a roster gets (``plan_for``) and how it is
made and trained (``new_faiss_index``).

How an index folder is laid out, written and checked lives in modules of their own, whose names
this one re-exports so that ``from assistant.casting.index import ...`` keeps working:
index_plan.py (``IndexPlan``, the recorded plan), layout.py (the folder, ``CURRENT``),
metadata.py (``meta.json``, checksums), validation.py (checking a generation's header against
its files), generations.py (writing a generation), vector_file.py (``vectors.f16``) and
probe_counts.py (probes and FAISS search parameters per filter).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Literal

from assistant.casting.generations import Generation
from assistant.casting.index_plan import IndexPlan
from assistant.casting.layout import (
    FILES,
    POINTER,
    current_generation,
    live_generation,
    next_generation_number,
    rebuild_hint,
)
from assistant.casting.metadata import FORMAT_VERSION, IndexMeta, sha256
from assistant.casting.probe_counts import filtered_nprobe, filtered_probing, search_params
from assistant.casting.validation import check_generation, read_live, read_meta
from assistant.casting.vector_file import map_vectors, write_vectors

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from assistant.casting.coarse import TwoLevel

__all__ = [
    "FILES",
    "FINE_RULE",
    "FINE_TRAIN_PER_LIST",
    "FLAT_LIMIT",
    "FORMAT_VERSION",
    "KMEANS_ITERATIONS",
    "POINTER",
    "TRAIN_PER_LIST",
    "Generation",
    "IndexMeta",
    "IndexPlan",
    "Lists",
    "check_generation",
    "current_generation",
    "filtered_nprobe",
    "filtered_probing",
    "live_generation",
    "map_vectors",
    "new_faiss_index",
    "next_generation_number",
    "plan_for",
    "read_live",
    "read_meta",
    "rebuild_hint",
    "search_params",
    "sha256",
    "train_sample_size",
    "write_vectors",
]

FLAT_LIMIT = 100_000
"""Up to this many profiles the index is exact (``IndexFlatIP``): at 384 dimensions a flat scan
of 100k rows is ~40M multiply-adds a query, fast enough, and exact is always right."""
KMEANS_ITERATIONS = 10
"""k-means rounds when training IVF centroids (FAISS's default is 25): at 1M, 10 rounds on
40 points a list trained IVF2048 in 18 s of CPU and reached the same recall per probe."""
TRAIN_PER_LIST = 40
"""Training points per IVF list (FAISS warns below 39)."""
FINE_TRAIN_PER_LIST = 30
"""The same for the fine plan, whose sample is held as float32 while its two-level k-means runs:
30 x 65,536 lists is 2M points, 3 GB at 10M (40 would be 4 GB)."""
FINE_RULE = (
    "IVF{2^round(log2(n/150))}_HNSW32,SQ8: two-level k-means, lists of ~150, an HNSW coarse "
    "quantizer whose efSearch per probe is tuned with nprobe"
)


Lists = Literal["auto", "coarse", "fine"]


def plan_for(count: int, lists: Lists = "auto") -> IndexPlan:
    """The index for ``count`` profiles: exact up to ``FLAT_LIMIT``; IVF above.

    ``lists`` "fine" (only when asked for: at 1M it scanned as many codes a query as the
    coarse plan for the same recall and ran slower, docs/casting.md run 12, so "auto" stays
    coarse at every size until a 10M run shows it faster): ``IVF{nlist}_HNSW32,SQ8`` with nlist
    the power of two nearest count / ``coarse.LIST_SIZE`` (65,536 at 10M, the FAISS wiki's
    choice for 10M; 8192 at 1M), trained by two-level k-means and searched through an HNSW
    graph over the centroids (coarse.py): at 10M the coarse plan's IVF8192 needed 160 probes of
    ~1,200 codes each for recall@10 0.955 (106 q/s one at a time, run 11).

    "coarse" (the default, "auto"):

    Above it: ``IVF{nlist},SQ8`` with nlist the power of two nearest 2*sqrt(count) (2048 at 1M,
    8192 at 10M), an exact (flat) coarse quantizer, 8-bit scalar codes and exact re-ranking of
    the over-fetched candidates from ``vectors.f16``. Measured at 1M on the benchmark's
    clustered vectors (docs/casting.md, run 5): the coarse quantizer was the recall limiter of
    the previous ``IVF4096_HNSW32,SQ8`` (recall@10 0.86 raw at nprobe 128); with a flat
    quantizer, IVF2048 reaches 0.96 after re-rank at nprobe 48, and SQ8 plus a 4x re-rank loses
    nothing against uncompressed vectors at the same nprobe while scanning 4x fewer bytes. The
    flat quantizer costs 2048 x 384 multiply-adds a query, a few percent of the list scan.
    ``nprobe`` 16 here is a placeholder: ``build_index`` measures and records the one the data
    needs (tuning.py).
    """
    rule = (
        f"flat (IndexFlatIP) up to {FLAT_LIMIT} profiles; above, "
        "IVF{2^round(log2(2*sqrt(n)))},SQ8 with a flat coarse quantizer, exact re-rank of "
        "2x/4x/8x candidates and nprobe tuned together: the fewest probes reaching recall@10 "
        "0.955 (0.95 + margin) on 1,000 of the roster's own vectors; then adaptive probing "
        "(probing.py: the lists within a tuned centroid-score gap of a query's best, capped) "
        "when it scans fewer codes for the same target"
    )
    if count <= FLAT_LIMIT:
        return IndexPlan(kind="flat", factory="IDMap,Flat", rule=rule)
    if lists == "fine":
        from assistant.casting.coarse import HNSW_M, fine_nlist

        nlist = fine_nlist(count)
        return IndexPlan(
            kind="ivf",
            factory=f"IVF{nlist}_HNSW{HNSW_M},SQ8",
            nlist=nlist,
            nprobe=16,
            rerank=4,
            ef_per_probe=2.0,
            rule=rule + f"; asked for: {FINE_RULE}",
        )
    nlist = 2 ** round(math.log2(2 * math.sqrt(count)))
    return IndexPlan(
        kind="ivf", factory=f"IVF{nlist},SQ8", nlist=nlist, nprobe=16, rerank=4, rule=rule
    )


def train_sample_size(plan: IndexPlan, count: int) -> int:
    """How many of ``count`` vectors train ``plan``'s index (0: it needs no training)."""
    if plan.kind == "flat":
        return 0
    per_list = FINE_TRAIN_PER_LIST if plan.ef_per_probe else TRAIN_PER_LIST
    return min(count, per_list * plan.nlist)


def new_faiss_index(
    plan: IndexPlan, dimension: int, sample: npt.NDArray[np.float32]
) -> tuple[Any, TwoLevel | None]:
    """An empty FAISS index for ``plan``, trained on ``sample`` when it needs training, and for
    the fine plan its two-level k-means (whose groups assign the build's vectors to lists)."""
    import faiss

    from assistant.casting.coarse import train_fine

    index = faiss.index_factory(dimension, plan.factory, faiss.METRIC_INNER_PRODUCT)
    if plan.ef_per_probe:
        return index, train_fine(index, sample, niter=KMEANS_ITERATIONS)
    if not index.is_trained:
        if plan.kind == "ivf":
            faiss.extract_index_ivf(index).cp.niter = KMEANS_ITERATIONS
        index.train(sample)
    return index, None
