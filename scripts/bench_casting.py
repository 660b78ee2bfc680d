"""Casting index at scale: build time, size, memory, queries/s and recall@10, Slate vs raw FAISS.

    python scripts/bench_casting.py [--sizes 10000,100000,1000000] [--ten-million] [--queries 1000]

Vectors are synthetic, 384-d, clustered like sentence embeddings of a roster. ``hierarchical``
(default): 2,000 topic centres drawn from N(0, I) and normalised, 25 sub-centres around each
(Gaussian offset of norm 0.6), cluster sizes over the 50,000 sub-centres following a Zipf law
(exponent 1.1: a few kinds of actor are common, most rare), each vector its sub-centre plus
Gaussian noise of norm 0.35, normalised. ``flat``: the 2,000 centres alone with noise of norm 0.9
(neighbours are near-random inside a cluster: a much harder set for IVF). Queries are new
draws from the same mixture (not copies of indexed rows). Profiles are minimal (no bio) with one
filter column, so filters keeping 50%, 5% and 0.1% are exact fractions.

Per size: the index Slate picks (index.plan_for), built with Slate's own build_index; then
queries one at a time and in batches of 1,000, recall@10 against exact search (float32 brute
force), with no filter and with each filter. "raw" is FAISS's own search on the same index object
and settings (nprobe, id selector), no re-rank; "slate" is the filter (CastingIndex.matching over
the numpy columns) then CastingIndex.dense (exact over <= 20k survivors, else ANN +
IDSelectorBitmap + the plan's over-fetch re-ranked exactly from float16). nprobe: the one the
build tuned for recall@10 0.95 (and any given with --nprobe), shown as "nprobe A->B" where a
filter widened it. The filter time per query is printed apart, with the old SQLite query's for
comparison. q/s are given by the wall clock and by CPU time ("cpu"): on the shared machine the
second is the meaningful one.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.casting import catalog  # noqa: E402
from assistant.casting.catalog import CastingIndex, build_index  # noqa: E402
from assistant.casting.index import filtered_nprobe, search_params  # noqa: E402
from assistant.casting.profiles import ActorProfile, AgeRange  # noqa: E402
from assistant.casting.store import CastFilters  # noqa: E402

DIM = 384
CENTRES = 2_000


NOISE = {"flat": 0.9, "hierarchical": 0.35}
"""Norm of each vector's own noise around its (sub-)centre."""


def make_centres(rng: np.random.Generator, structure: str) -> np.ndarray:
    """2,000 topic centres; ``hierarchical`` adds 25 sub-centres per topic (noise norm 0.6)."""
    centres = rng.standard_normal((CENTRES, DIM), dtype=np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    if structure == "hierarchical":
        subs = np.repeat(centres, 25, axis=0)
        subs += rng.standard_normal(subs.shape, dtype=np.float32) * (0.6 / np.sqrt(DIM))
        centres = subs / np.linalg.norm(subs, axis=1, keepdims=True)
    return centres


def clustered(
    n: int, rng: np.random.Generator, centres: np.ndarray, structure: str = "hierarchical"
) -> np.ndarray:
    weights = 1.0 / np.arange(1, len(centres) + 1) ** 1.1
    which = rng.choice(len(centres), size=n, p=weights / weights.sum())
    out = np.empty((n, DIM), dtype=np.float32)
    scale = NOISE[structure] / np.sqrt(DIM)
    for start in range(0, n, 100_000):
        part = which[start : start + 100_000]
        noise = rng.standard_normal((len(part), DIM), dtype=np.float32) * scale
        block = centres[part] + noise
        out[start : start + len(part)] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


def profiles(n: int, rng: np.random.Generator) -> list[ActorProfile]:
    """Minimal profiles; ``playing_age`` holds a uniform 0-999 code the filters cut on."""
    codes = rng.integers(0, 1000, size=n)
    return [
        ActorProfile.model_construct(
            id=f"s{i}",
            name=f"S {i}",
            playing_age=AgeRange.model_construct(min=int(c), max=int(c)),
            gender_identity="woman",
            pronouns=None,
            heritage=None,
            languages=[],
            accents=[],
            skills=[],
            union_status="union",
            base_city="X",
            travel="national",
            availability=[],
            day_rate=None,
            representation=None,
            credits=[],
            bio="",
            tags=[],
            headshot=None,
        )
        for i, c in enumerate(codes)
    ]


def exact_top(
    db: np.ndarray, queries: np.ndarray, k: int, allowed: np.ndarray | None
) -> np.ndarray:
    ids = np.arange(len(db)) if allowed is None else allowed
    best = np.full((len(queries), k), -1, dtype=np.int64)
    best_s = np.full((len(queries), k), -np.inf, dtype=np.float32)
    for start in range(0, len(ids), 200_000):
        part = ids[start : start + 200_000]
        scores = queries @ db[part].T
        s = np.concatenate([best_s, scores], axis=1)
        i = np.concatenate([best, np.broadcast_to(part, scores.shape)], axis=1)
        top = np.argpartition(-s, k - 1, axis=1)[:, :k]
        best_s, best = np.take_along_axis(s, top, 1), np.take_along_axis(i, top, 1)
    return best


def recall(found: np.ndarray, truth: np.ndarray) -> float:
    hits = sum(len(set(f[f >= 0]) & set(t[t >= 0])) for f, t in zip(found, truth, strict=True))
    return hits / max(1, sum(int((t >= 0).sum()) for t in truth))


def rss_mib() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def timed(fn, queries: np.ndarray, batch: int) -> tuple[np.ndarray, float, float]:  # type: ignore[no-untyped-def]
    """(results, q/s by the wall clock, q/s by CPU time spread over the threads).

    On a shared machine the wall clock counts other people's work; CPU time counts only this
    process's, so the second figure is what two otherwise idle cores would do (an upper bound
    where the threads do not scale perfectly)."""
    import faiss

    out = []
    started, cpu = time.perf_counter(), time.process_time()
    for start in range(0, len(queries), batch):
        out.append(fn(queries[start : start + batch]))
    wall = time.perf_counter() - started
    used = (time.process_time() - cpu) / faiss.omp_get_max_threads()
    return np.vstack(out), len(queries) / wall, len(queries) / max(used, 1e-9)


def run(n: int, nq: int, extra_nprobes: list[int], structure: str) -> None:
    import faiss

    rng = np.random.default_rng(n)
    centres = make_centres(rng, structure)
    db = clustered(n, rng, centres, structure)
    queries = clustered(nq, rng, centres, structure)
    people = profiles(n, rng)
    with tempfile.TemporaryDirectory(dir=REPO / "index") as folder:
        root = Path(folder)
        started, cpu = time.perf_counter(), time.process_time()
        build_index(root, people, None, vectors=db, model_id="synthetic-384")
        build_s, build_cpu = time.perf_counter() - started, time.process_time() - cpu
        del people
        index = CastingIndex.open(root, verify=False)
        disk = sum(f.stat().st_size for f in root.rglob("*") if f.is_file())
        plan = index.meta.plan
        tuned = plan.nprobe
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"\n== {n:,} profiles: {plan.factory}; built in {build_s:.1f} s wall, "
            f"{build_cpu:.1f} s CPU (load {os.getloadavg()[0]:.1f}); "
            f"{disk / 2**20:.0f} MiB on disk; RSS {rss_mib():.0f} MiB after open "
            f"(peak {peak:.0f} MiB, with the benchmark's own vectors)"
            + (
                f"; tuned nprobe {tuned}, over-fetch {plan.rerank}x, build-time recall@10 "
                f"{plan.tuned_recall}"
                if tuned
                else ""
            )
        )
        # one untimed pass pages in vectors.f16 (memory-mapped): a first search's page faults
        # are a one-off after opening, not throughput (run 5's first row: 580 q/s, then 1,148)
        index.dense(queries, 10, None)
        filters = {"none": None, "50%": 499, "5%": 49, "0.1%": 0}
        for label, top_code in filters.items():
            f = (
                None
                if top_code is None
                else CastFilters(age=AgeRange.model_construct(min=0, max=top_code))
            )
            allowed = None if f is None else index.matching(f)
            timing = ""
            if f is not None:
                t0 = time.perf_counter()
                for _ in range(20):
                    index.matching(f)
                columns_ms = (time.perf_counter() - t0) * 50
                t0 = time.perf_counter()
                index.store.matching(f)
                timing = (
                    f"filter {columns_ms:.1f} ms (numpy columns; SQLite "
                    f"{(time.perf_counter() - t0) * 1000:.0f} ms)"
                )
            truth = exact_top(db, queries, 10, allowed)
            nprobes = [tuned, *[p for p in extra_nprobes if p != tuned]] if tuned else [0]
            for nprobe in nprobes:
                selector = None
                effective = nprobe
                if allowed is not None:
                    mask = np.zeros(index.meta.rows, dtype=bool)
                    mask[allowed] = True
                    bits = np.packbits(mask, bitorder="little")
                    selector = faiss.IDSelectorBitmap(len(bits), faiss.swig_ptr(bits))
                    if nprobe:
                        effective = filtered_nprobe(nprobe, plan.nlist, len(allowed) / n)
                params = search_params(plan, selector, nprobe=effective or None)

                def raw(q: np.ndarray, params: object = params) -> np.ndarray:
                    return index.ann.search(q, 10, params=params)[1]

                def slate(
                    q: np.ndarray, f: CastFilters | None = f, nprobe: int = nprobe
                ) -> np.ndarray:
                    if plan.kind == "ivf":
                        plan.nprobe = nprobe
                    return index.dense(q, 10, index.matching(f) if f else None)[0]

                line = [
                    f"filter {label:>4}",
                    f"nprobe {nprobe:>3}->{effective:<4}" if nprobe else "exact flat",
                ]
                for name, fn in (("raw", raw), ("slate", slate)):
                    found, wall_b, cpu_b = timed(fn, queries, 1000)
                    _, wall_1, cpu_1 = timed(fn, queries[:200], 1)
                    line.append(
                        f"{name}: R@10 {recall(found, truth):.3f} one {wall_1:5.0f} ({cpu_1:5.0f} "
                        f"cpu) batch {wall_b:5.0f} ({cpu_b:5.0f} cpu) q/s"
                    )
                line.append(f"load {os.getloadavg()[0]:.1f}")
                if timing:
                    line.append(timing)
                print(" | ".join(line), flush=True)
            plan.nprobe = tuned
        index.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument(
        "--ten-million",
        action="store_true",
        help="Also 10M (~25 GB peak: only on an otherwise idle machine)",
    )
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument(
        "--nprobe", default="", help="Probe counts to try besides the build's tuned one, e.g. 32,64"
    )
    parser.add_argument("--structure", choices=sorted(NOISE), default="hierarchical")
    args = parser.parse_args()
    import faiss

    faiss.omp_set_num_threads(int(os.environ.get("BENCH_THREADS", "2")))
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.ten_million:
        sizes.append(10_000_000)
    print(
        f"faiss {faiss.__version__}, {faiss.omp_get_max_threads()} threads, exact limit "
        f"{catalog.EXACT_LIMIT}; the machine is shared, figures are lower bounds"
    )
    for n in sizes:
        run(n, args.queries, [int(p) for p in args.nprobe.split(",") if p], args.structure)


if __name__ == "__main__":
    main()
