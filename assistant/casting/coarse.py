"""The coarse quantizer of a fine-list IVF index: two-level k-means and an HNSW over the centroids.

Above a few million profiles a query can scan only so many codes on one core (~25k at 1,000 q/s,
docs/casting.md), so the fine plan has short lists (``LIST_SIZE``, ~150 vectors, the FAISS
wiki's ``IVF65536_HNSW32`` at 10M) in the hope that a query probes few of them. Two costs then
grow with the number of lists, and this module keeps both down:

- **Training.** Plain k-means on 65,536 centroids compares every training point with every
  centroid each round. Two-level k-means (as ``faiss.contrib.clustering.two_level_clustering``,
  which assumes L2) first clusters into sqrt(nlist) groups, then splits each group into centroids
  in proportion to its share of the sample, so a point meets ~sqrt(nlist) centroids a round at
  each level instead of nlist. Spherical (unit centroids), since the lists are searched by inner
  product.
- **Assignment.** A build assigns each vector to a list among the centroids of its
  ``ASSIGN_GROUPS`` best groups (``TwoLevel.assign``, matrix products; FAISS's own add walks the
  HNSW graph and was slower than that at 1M); queries and later additions go through an HNSW
  graph over the centroids (``efSearch`` from the plan) instead of a flat scan of them.

Measured at 1M on the benchmark's vectors (docs/casting.md, run 12): recall holds, but finer
lists did not cut the codes a query scans for a given recall, since that data's neighbours
spread over a sub-cluster's cells; the gain is the 10M build.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

LIST_SIZE = 150
"""Vectors a list holds in the fine plan (nlist = the power of two nearest count / LIST_SIZE)."""
HNSW_M = 32
SQ_TRAIN = 200_000
"""Training points for the 8-bit scalar quantizer's ranges (per-dimension min and max: a
sample this size is plenty, and residuals of the whole k-means sample would double its memory)."""


def fine_nlist(count: int) -> int:
    """Lists for ``count`` vectors in the fine plan: 8192 at 1M, 16,384 at 2M, 65,536 at 10M."""
    return int(2 ** round(math.log2(max(2.0, count / LIST_SIZE))))


ASSIGN_GROUPS = 4
"""Groups searched for a vector's list when a build adds it (``TwoLevel.assign``)."""


class TwoLevel:
    """Two-level spherical k-means: ``centroids`` (nlist unit rows) grouped under ``top``
    (sqrt(nlist) unit rows); group g's centroids are rows ``starts[g]:starts[g + 1]``."""

    def __init__(
        self,
        top: npt.NDArray[np.float32],
        centroids: npt.NDArray[np.float32],
        starts: npt.NDArray[np.int64],
    ) -> None:
        self.top = top
        self.centroids = centroids
        self.starts = starts

    @classmethod
    def train(
        cls, sample: npt.NDArray[np.float32], nlist: int, *, niter: int, seed: int = 0
    ) -> TwoLevel:
        """``nlist`` centroids of ``sample`` (at least ``nlist`` rows): ``round(sqrt(nlist))``
        groups first, then each group split into centroids in proportion to its share of the
        sample (at least one, at most its size, summing to exactly ``nlist``).

        Raises:
            ValueError: fewer sample rows than lists.
        """
        import faiss
        import numpy as np

        if len(sample) < nlist:
            raise ValueError(f"two-level k-means needs >= {nlist} points, got {len(sample)}")
        dim = sample.shape[1]
        groups = max(1, round(math.sqrt(nlist)))
        top = faiss.Kmeans(dim, groups, niter=niter, spherical=True, seed=seed)
        top.train(sample)
        top_centroids: npt.NDArray[np.float32] = top.centroids  # type: ignore[assignment]
        assigned = _nearest(sample, top_centroids)
        sizes = np.bincount(assigned, minlength=groups)
        shares = split(sizes, nlist)
        order = np.argsort(assigned, kind="stable")
        bounds = np.concatenate([[0], np.cumsum(sizes)])
        parts: list[npt.NDArray[np.float32]] = []
        for group in range(groups):
            want = int(shares[group])
            members = np.ascontiguousarray(sample[order[bounds[group] : bounds[group + 1]]])
            if want == len(members):  # as many centroids as points: the points themselves
                parts.append(members)
            elif want:
                sub = faiss.Kmeans(
                    dim,
                    want,
                    niter=niter,
                    spherical=True,
                    seed=seed + 1 + group,
                    min_points_per_centroid=1,  # 30 a list is by choice (index.FINE_TRAIN_PER_LIST)
                )
                sub.train(members)
                parts.append(sub.centroids)  # type: ignore[arg-type]
        centroids = np.ascontiguousarray(np.vstack(parts), dtype=np.float32)
        centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
        starts = np.concatenate([[0], np.cumsum(shares)]).astype(np.int64)
        return cls(np.ascontiguousarray(top_centroids, dtype=np.float32), centroids, starts)

    def assign(
        self, vectors: npt.NDArray[np.float32], groups: int = ASSIGN_GROUPS
    ) -> npt.NDArray[np.int64]:
        """Each vector's nearest centroid by inner product, searched within its ``groups`` best
        groups (matrix products, no graph walk: ~``(1 + groups) * sqrt(nlist)`` centroids a
        vector; at 10M the HNSW quantizer's own add took longer than the training)."""
        import numpy as np

        take = min(groups, len(self.top))
        near = np.argpartition(-(vectors @ self.top.T), take - 1, axis=1)[:, :take]
        best = np.zeros(len(vectors), dtype=np.int64)
        best_score = np.full(len(vectors), -np.inf, dtype=np.float32)
        rows = np.repeat(np.arange(len(vectors)), take)
        flat = near.ravel()
        order = np.argsort(flat, kind="stable")
        cuts = np.searchsorted(flat[order], np.arange(len(self.top) + 1))
        for group in range(len(self.top)):
            lo, hi = int(self.starts[group]), int(self.starts[group + 1])
            who = rows[order[cuts[group] : cuts[group + 1]]]
            if hi == lo or not len(who):
                continue
            scores = vectors[who] @ self.centroids[lo:hi].T
            pick = scores.argmax(axis=1)
            value = scores[np.arange(len(who)), pick]
            better = value > best_score[who]
            best[who[better]] = lo + pick[better]
            best_score[who[better]] = value[better]
        return best


def _nearest(vectors: npt.NDArray[np.float32], centroids: npt.NDArray[np.float32]) -> Any:
    import numpy as np

    out = np.empty(len(vectors), dtype=np.int64)
    for start in range(0, len(vectors), 100_000):
        out[start : start + 100_000] = np.argmax(vectors[start : start + 100_000] @ centroids.T, 1)
    return out


def split(sizes: npt.NDArray[np.int64], total: int) -> npt.NDArray[np.int64]:
    """``total`` split over groups in proportion to ``sizes``: each non-empty group gets at
    least 1 and at most its size; the rest goes by largest remainder. Needs
    ``sizes.sum() >= total >= number of non-empty groups``."""
    import numpy as np

    exact = sizes / max(1, int(sizes.sum())) * total
    out = np.clip(np.floor(exact).astype(np.int64), (sizes > 0).astype(np.int64), sizes)
    while out.sum() < total:
        room = np.where(out < sizes, exact - out, -np.inf)
        out[int(np.argmax(room))] += 1
    while out.sum() > total:
        out[int(np.argmax(np.where(out > 1, out, 0)))] -= 1
    return out


def train_fine(index: Any, sample: npt.NDArray[np.float32], *, niter: int) -> TwoLevel:
    """Train an ``IVF{n}_HNSW32,SQ8`` index: two-level centroids into its HNSW quantizer, then
    the scalar quantizer on ``SQ_TRAIN`` of the sample (FAISS skips the quantizer's own
    training once it holds nlist centroids)."""
    import faiss
    import numpy as np

    ivf = faiss.extract_index_ivf(index)
    two_level = TwoLevel.train(sample, ivf.nlist, niter=niter)
    ivf.quantizer.add(two_level.centroids)
    rng = np.random.default_rng(1)
    few = sample[np.sort(rng.choice(len(sample), min(SQ_TRAIN, len(sample)), replace=False))]
    index.train(np.ascontiguousarray(few))
    return two_level


def add_assigned(
    index: Any, vectors: npt.NDArray[np.float32], ids: npt.NDArray[np.int64], two_level: TwoLevel
) -> None:
    """Add ``vectors`` under ``ids`` to the IVF ``index``, lists chosen by ``two_level``."""
    import faiss
    import numpy as np

    x = np.ascontiguousarray(vectors, dtype=np.float32)
    lists = np.ascontiguousarray(two_level.assign(x), dtype=np.int64)
    ids = np.ascontiguousarray(ids, dtype=np.int64)
    ivf = faiss.extract_index_ivf(index)
    ivf.add_core(len(x), faiss.swig_ptr(x), faiss.swig_ptr(ids), faiss.swig_ptr(lists))


def hnsw_of(ivf: Any) -> Any:
    """The HNSW graph of ``ivf``'s coarse quantizer, or None when the quantizer is flat."""
    import faiss

    quantizer = faiss.downcast_index(ivf.quantizer)
    return quantizer.hnsw if isinstance(quantizer, faiss.IndexHNSW) else None


def set_ef(ivf: Any, ef: int) -> None:
    """Set the HNSW quantizer's efSearch (no-op for a flat quantizer)."""
    hnsw = hnsw_of(ivf)
    if hnsw is not None:
        hnsw.efSearch = int(ef)


MIN_EF = 16
"""The smallest efSearch the quantizer is given (FAISS's default)."""


def ef_for(probes: int, ef_per_probe: float) -> int:
    """The quantizer's efSearch for ``probes`` lists."""
    return max(MIN_EF, probes, math.ceil(ef_per_probe * probes))


def hnsw_params(probes: int, ef_per_probe: float) -> Any:
    """``SearchParametersHNSW`` for an HNSW quantizer asked for ``probes`` lists."""
    import faiss

    params = faiss.SearchParametersHNSW()  # type: ignore[attr-defined]
    params.efSearch = ef_for(probes, ef_per_probe)
    return params


def ivf_params(nprobe: int, ef_per_probe: float = 0.0, selector: Any = None) -> Any:
    """``SearchParametersIVF`` probing ``nprobe`` lists; with an HNSW quantizer
    (``ef_per_probe`` > 0) its efSearch is ``ef_for(nprobe, ef_per_probe)``."""
    import faiss

    params: Any = faiss.SearchParametersIVF()
    params.nprobe = int(nprobe)
    if ef_per_probe:
        hnsw = hnsw_params(nprobe, ef_per_probe)
        params.quantizer_params = hnsw
        params.held = hnsw  # FAISS keeps a raw pointer: the Python object must live as long
    if selector is not None:
        params.sel = selector
    return params
