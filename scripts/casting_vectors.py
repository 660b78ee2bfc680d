"""Synthetic 384-d roster vectors for ``bench_casting.py``, and the TwoNN estimate that compares
them with real embeddings.

Two generators, both fixed distributions (parameters below). The seed is the roster size and the
population (topics, leaves, bases, weights) is drawn from it too, so each size gets its own draw
of the same distribution, not a denser sample of one population:

``realistic`` (the default since wave 8): 3,000 topic directions, each ``0.35 * g + 0.94 * t``
normalised, where ``g`` is one shared direction (MiniLM vectors share a mean direction: the mean
of 42k real vectors has norm 0.36) and ``t`` is drawn from N(0, I) and normalised; 10 leaf
centres around each topic (an isotropic Gaussian offset of norm 0.7, normalised), 30,000 in all;
each leaf gets one of 256 random orthonormal bases of rank 12 and a Zipf(1.0) weight (order
shuffled); a vector is its leaf's centre, plus a Gaussian in the leaf's 12-dimensional basis
(variances falling as i^-0.6, total norm 0.4), plus isotropic noise of norm 0.12 in all 384
dimensions, normalised. Locally the vectors live near 12-dimensional pieces in different
orientations, so they are low-dimensional at the nearest-neighbour scale (TwoNN) while a k-means
cluster of them has a broad covariance spectrum, as real sentence embeddings do.

``hard`` (runs 1-12): 2,000 topic directions from N(0, I); 25 sub-centres around each (offset
norm 0.6), Zipf(1.1) weights; each vector its sub-centre plus isotropic noise of norm 0.35 in
all 384 dimensions (``flat``: the topics alone, noise 0.9). Inside a sub-cluster there is no
low-dimensional structure at all (TwoNN 91-145).

Both are drawn 100,000 rows at a time into ``out`` (a float16 memory map for large rosters), so
a 10M roster is never held as float32.
"""

from __future__ import annotations

import numpy as np

DIM = 384
CHUNK = 100_000

HARD_CENTRES = 2_000
HARD_NOISE = {"flat": 0.9, "hierarchical": 0.35}
"""Norm of each vector's own noise around its (sub-)centre, ``hard`` generator."""

REALISTIC = {
    "topics": 3_000,
    "leaves": 10,
    "shared": 0.35,
    "leaf_offset": 0.7,
    "rank": 12,
    "spectrum": 0.6,
    "leaf_spread": 0.4,
    "noise": 0.12,
    "zipf": 1.0,
    "bases": 256,
}
"""The ``realistic`` generator's parameters, chosen against 42,438 real MiniLM vectors
(docs/casting.md)."""


def hard_centres(rng: np.random.Generator, structure: str = "hierarchical") -> np.ndarray:
    """2,000 topic centres; ``hierarchical`` adds 25 sub-centres per topic (noise norm 0.6)."""
    centres = rng.standard_normal((HARD_CENTRES, DIM), dtype=np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    if structure == "hierarchical":
        subs = np.repeat(centres, 25, axis=0)
        subs += rng.standard_normal(subs.shape, dtype=np.float32) * (0.6 / np.sqrt(DIM))
        centres = subs / np.linalg.norm(subs, axis=1, keepdims=True)
    return centres


def hard(
    n: int,
    rng: np.random.Generator,
    centres: np.ndarray,
    structure: str = "hierarchical",
    out: np.ndarray | None = None,
) -> np.ndarray:
    """``n`` unit vectors of the ``hard`` mixture (float32 in memory unless ``out`` is given)."""
    weights = 1.0 / np.arange(1, len(centres) + 1) ** 1.1
    which = rng.choice(len(centres), size=n, p=weights / weights.sum())
    if out is None:
        out = np.empty((n, DIM), dtype=np.float32)
    scale = HARD_NOISE[structure] / np.sqrt(DIM)
    for start in range(0, n, CHUNK):
        part = which[start : start + CHUNK]
        noise = rng.standard_normal((len(part), DIM), dtype=np.float32) * scale
        block = centres[part] + noise
        out[start : start + len(part)] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


class RealisticModel:
    """The ``realistic`` population: leaf centres, their bases (already scaled by the
    spectrum), the leaves' weights. ~50 MB, independent of the roster size."""

    def __init__(self, rng: np.random.Generator, params: dict[str, float] = REALISTIC) -> None:
        topics, leaves, rank = int(params["topics"]), int(params["leaves"]), int(params["rank"])
        shared = rng.standard_normal(DIM)
        shared /= np.linalg.norm(shared)
        t = rng.standard_normal((topics, DIM)).astype(np.float32)
        t /= np.linalg.norm(t, axis=1, keepdims=True)
        t = params["shared"] * shared + np.sqrt(1 - params["shared"] ** 2) * t
        offsets = rng.standard_normal((topics * leaves, DIM)).astype(np.float32)
        centres = np.repeat(t, leaves, axis=0) + offsets * (params["leaf_offset"] / np.sqrt(DIM))
        self.centres = (centres / np.linalg.norm(centres, axis=1, keepdims=True)).astype(np.float32)
        bases = np.linalg.qr(rng.standard_normal((int(params["bases"]), DIM, rank)))[0]
        variances = np.arange(1, rank + 1) ** -params["spectrum"]
        scale = np.sqrt(variances / variances.sum()) * params["leaf_spread"]
        self.bases = (bases * scale[None, None, :]).astype(np.float32)
        weights = rng.permutation(1.0 / np.arange(1, len(self.centres) + 1) ** params["zipf"])
        self.weights = weights / weights.sum()
        self.basis_of = rng.integers(0, len(self.bases), size=len(self.centres))
        self.noise = float(params["noise"])
        self.rank = rank

    def draw_into(self, out: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """Fill ``out`` (n x 384) with unit vectors of the population, ``CHUNK`` rows at a time."""
        for start in range(0, len(out), CHUNK):
            m = min(CHUNK, len(out) - start)
            which = rng.choice(len(self.centres), size=m, p=self.weights)
            block = self.centres[which].copy()
            z = rng.standard_normal((m, self.rank), dtype=np.float32)
            basis = self.basis_of[which]
            order = np.argsort(basis, kind="stable")
            for rows in np.split(order, np.flatnonzero(np.diff(basis[order])) + 1):
                block[rows] += z[rows] @ self.bases[basis[rows[0]]].T
            block += rng.standard_normal(block.shape, dtype=np.float32) * (
                self.noise / np.sqrt(DIM)
            )
            out[start : start + m] = block / np.linalg.norm(block, axis=1, keepdims=True)
        return out


def realistic(
    n: int, rng: np.random.Generator, model: RealisticModel, out: np.ndarray | None = None
) -> np.ndarray:
    """``n`` unit vectors of the ``realistic`` population (float32 unless ``out`` is given)."""
    if out is None:
        out = np.empty((n, DIM), dtype=np.float32)
    return model.draw_into(out, rng)


def twonn(points: np.ndarray, pool: np.ndarray, drop: float = 0.1) -> float:
    """Intrinsic dimension by TwoNN (Facco et al. 2017): for each of ``points`` (rows of
    ``pool``), mu = r2 / r1 of its two nearest other rows; the dimension is the slope of
    -log(1 - F(mu)) against log(mu) through the origin, the top ``drop`` of mu left out.
    Exact duplicates (r1 = 0) are skipped."""
    import faiss

    index = faiss.IndexFlatIP(pool.shape[1])
    index.add(np.ascontiguousarray(pool, dtype=np.float32))
    scores, _ = index.search(np.ascontiguousarray(points, dtype=np.float32), 3)
    r = np.sqrt(np.clip(2 - 2 * scores, 0, None))
    r1, r2 = r[:, 1], r[:, 2]
    ok = r1 > 1e-6
    mu = np.sort(r2[ok] / r1[ok])
    keep = int(len(mu) * (1 - drop))
    x = np.log(mu[:keep])
    y = -np.log(1 - np.arange(1, len(mu) + 1)[:keep] / len(mu))
    return float((x @ y) / (x @ x))


def ivf_curve(vectors: np.ndarray, probes: tuple[int, ...] = (1, 2, 4, 8, 16, 32, 64)) -> str:
    """recall@10 of ``IVF{2*sqrt(n) as a power of two},Flat`` at each nprobe: 1,000 of the rows
    as queries against the rest, exact answers by brute force."""
    import faiss

    rng = np.random.default_rng(0)
    order = rng.permutation(len(vectors))
    queries = np.ascontiguousarray(vectors[order[:1000]], dtype=np.float32)
    rows = np.ascontiguousarray(vectors[order[1000:]], dtype=np.float32)
    flat = faiss.IndexFlatIP(DIM)
    flat.add(rows)
    truth = flat.search(queries, 10)[1]
    nlist = int(2 ** round(np.log2(2 * np.sqrt(len(rows)))))
    ivf = faiss.index_factory(DIM, f"IVF{nlist},Flat", faiss.METRIC_INNER_PRODUCT)
    ivf.train(rows)
    ivf.add(rows)
    out = []
    for nprobe in probes:
        ivf.nprobe = nprobe
        found = ivf.search(queries, 10)[1]
        hits = sum(len(set(f) & set(t)) for f, t in zip(found, truth, strict=True))
        out.append(f"{nprobe}:{hits / truth.size:.3f}")
    return f"IVF{nlist} recall@10 by nprobe " + " ".join(out)


def describe(label: str, vectors: np.ndarray) -> None:
    """Print TwoNN over 5,000 rows (neighbours among all rows), TwoNN inside the 4 largest of 64
    spherical k-means clusters, the top cluster's share, and the IVF curve."""
    import faiss

    rng = np.random.default_rng(0)
    sample = vectors[rng.choice(len(vectors), min(5_000, len(vectors)), replace=False)]
    kmeans = faiss.Kmeans(DIM, 64, niter=15, spherical=True, seed=1, verbose=False)
    kmeans.train(np.ascontiguousarray(vectors, dtype=np.float32))
    assigned = kmeans.index.search(np.ascontiguousarray(vectors, dtype=np.float32), 1)[1][:, 0]
    sizes = np.bincount(assigned, minlength=64)
    inside = [twonn(vectors[assigned == c], vectors[assigned == c]) for c in np.argsort(-sizes)[:4]]
    print(
        f"{label} ({len(vectors):,} vectors): TwoNN {twonn(sample, vectors):.1f}, inside a "
        f"cluster {np.mean(inside):.1f}; largest of 64 k-means clusters "
        f"{sizes.max() / len(vectors):.1%}; " + ivf_curve(vectors),
        flush=True,
    )


def main() -> None:
    """Compare both generators with real vectors at the real sample's size (docs/casting.md)."""
    import argparse
    import sqlite3

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument(
        "--real",
        help="real vectors: a .npy (n x 384), or an embedding cache (embeddings.sqlite) whose "
        "all-MiniLM-L6-v2 vectors are read",
    )
    args = parser.parse_args()
    real = None
    if args.real and args.real.endswith(".sqlite"):
        with sqlite3.connect(f"file:{args.real}?mode=ro", uri=True) as db:
            rows = db.execute(
                "SELECT vector FROM embeddings WHERE embedder_key LIKE "
                "'sentence-transformers/all-MiniLM-L6-v2%'"
            ).fetchall()
        real = np.vstack([np.frombuffer(v, dtype=np.float32) for (v,) in rows])
    elif args.real:
        real = np.load(args.real).astype(np.float32)
    if real is not None:
        real /= np.linalg.norm(real, axis=1, keepdims=True)
        real = real[np.sort(np.unique(np.round(real, 4), axis=0, return_index=True)[1])]
        describe("real", real)
    n = len(real) if real is not None else 42_438
    rng = np.random.default_rng(n)
    describe("realistic", realistic(n, rng, RealisticModel(rng)))
    rng = np.random.default_rng(n)
    describe("hard", hard(n, rng, hard_centres(rng)))


if __name__ == "__main__":
    main()
