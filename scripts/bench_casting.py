"""Casting index at scale: build time, size, memory, queries/s and recall@10, Slate vs raw FAISS.

    python scripts/bench_casting.py [--sizes 10000,100000,1000000] [--ten-million] [--queries 1000]
        [--lists auto|coarse|fine]

Vectors are synthetic, 384-d, clustered like sentence embeddings of a roster. ``hierarchical``
(default): 2,000 topic centres drawn from N(0, I) and normalised, 25 sub-centres around each
(Gaussian offset of norm 0.6), cluster sizes over the 50,000 sub-centres following a Zipf law
(exponent 1.1: a few kinds of actor are common, most rare), each vector its sub-centre plus
Gaussian noise of norm 0.35, normalised. ``flat``: the 2,000 centres alone with noise of norm 0.9
(neighbours are near-random inside a cluster: a much harder set for IVF). Queries are new
draws from the same mixture (not copies of indexed rows). Profiles are minimal (no bio) with one
filter column, so filters keeping 50%, 5% and 0.1% are exact fractions.

The run streams (since run 8), so sizes above 1M fit in memory: the roster is drawn 100,000
vectors at a time into a float16 memory map (the precision the index's re-rank store holds
anyway; ground truth is float32 arithmetic over those float16 rows), profiles are made on demand
from a code array, the build reads the map 200,000 rows at a time, and exact search scores it in
50,000-row blocks keeping each block's top 10. At 10M the map is 7.7 GB on disk.

Per size: the index Slate picks (index.plan_for), built with Slate's own build_index; then
queries one at a time and in batches of 1,000, recall@10 against exact search (float32 brute
force), with no filter and with each filter. "raw" is FAISS's own search on the same index object
and settings (nprobe, id selector), no re-rank; "slate" is the filter (CastingIndex.matching over
the numpy columns) then CastingIndex.dense (exact over <= 20k survivors, else ANN +
IDSelectorBitmap + the plan's over-fetch re-ranked exactly from float16). nprobe: the one the
build tuned for recall@10 0.95 (and any given with --nprobe), shown as "nprobe A->B" where a
filter widened it. Unfiltered, Slate probes adaptively when the build chose it (probing.py:
each query the lists near its best centroid, at most the plan's cap), raw FAISS the fixed tuned
nprobe (the same recall target, reached with fixed probes). Slate's open index keeps each
filter it has computed (filter_cache.py), as raw FAISS here reuses one selector, so the timed
searches pay a filter once; a new filter's cost is printed apart, with the old SQLite query's.
q/s are given by the wall clock and by CPU time ("cpu"): on the shared machine the second is
the meaningful one.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.casting import catalog, tuning  # noqa: E402
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
    n: int,
    rng: np.random.Generator,
    centres: np.ndarray,
    structure: str = "hierarchical",
    out: np.ndarray | None = None,
) -> np.ndarray:
    """``n`` unit vectors of the mixture, drawn 100,000 at a time into ``out`` (float32 in memory
    unless given, e.g. a float16 memory map: the benchmark's roster above 1M)."""
    weights = 1.0 / np.arange(1, len(centres) + 1) ** 1.1
    which = rng.choice(len(centres), size=n, p=weights / weights.sum())
    if out is None:
        out = np.empty((n, DIM), dtype=np.float32)
    scale = NOISE[structure] / np.sqrt(DIM)
    for start in range(0, n, 100_000):
        part = which[start : start + 100_000]
        noise = rng.standard_normal((len(part), DIM), dtype=np.float32) * scale
        block = centres[part] + noise
        out[start : start + len(part)] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


class Profiles(Sequence[ActorProfile]):
    """Minimal profiles made on demand (10M pydantic objects would not fit in memory);
    ``playing_age`` holds a uniform 0-999 code the filters cut on."""

    def __init__(self, n: int, rng: np.random.Generator) -> None:
        self.codes = rng.integers(0, 1000, size=n).astype(np.int16)

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, i):  # type: ignore[no-untyped-def,override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        c = int(self.codes[i])
        return ActorProfile.model_construct(
            id=f"s{i}",
            name=f"S {i}",
            playing_age=AgeRange.model_construct(min=c, max=c),
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

    def __iter__(self):  # type: ignore[no-untyped-def]
        return (self[i] for i in range(len(self)))


def exact_tops(
    db: np.ndarray, queries: np.ndarray, k: int, masks: dict[str, np.ndarray | None]
) -> dict[str, np.ndarray]:
    """Float32 brute force over ``db`` for every filter at once (None: every row): one pass
    over the roster, 50,000 rows at a time, each block scored once and each filter's top ``k``
    kept from it (at 10M a pass is ~3.8e12 multiply-adds; one per filter was four)."""
    best = {name: np.full((len(queries), 0), -1, dtype=np.int64) for name in masks}
    best_s = {name: np.full((len(queries), 0), -np.inf, dtype=np.float32) for name in masks}
    for start in range(0, len(db), tuning.EXACT_BLOCK):
        scores = queries @ np.asarray(db[start : start + tuning.EXACT_BLOCK], dtype=np.float32).T
        for name, mask in masks.items():
            part = scores
            if mask is not None:
                keep = mask[start : start + tuning.EXACT_BLOCK]
                if not keep.any():
                    continue
                part = np.where(keep[None, :], scores, -np.inf).astype(np.float32)
            take = min(k, part.shape[1])
            top = np.argpartition(-part, take - 1, axis=1)[:, :take]
            s = np.concatenate([best_s[name], np.take_along_axis(part, top, 1)], axis=1)
            i = np.concatenate([best[name], top + start], axis=1)
            take = min(k, s.shape[1])
            pick = np.argpartition(-s, take - 1, axis=1)[:, :take]
            best_s[name] = np.take_along_axis(s, pick, 1)
            best[name] = np.take_along_axis(i, pick, 1)
    # a filter keeping fewer than k rows leaves -inf picks: those are no answer
    return {name: np.where(np.isfinite(best_s[name]), best[name], -1) for name in masks}


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
    # FAISS searches a lone query on one thread (IVF parallel_mode 0 splits queries, not
    # lists), so one at a time CPU time is not spread over the threads (runs 1-7 divided it by
    # 2 here too, which doubled their "one at a time" cpu figures)
    threads = 1 if batch == 1 else faiss.omp_get_max_threads()
    used = (time.process_time() - cpu) / threads
    return np.vstack(out), len(queries) / wall, len(queries) / max(used, 1e-9)


def run(n: int, nq: int, extra_nprobes: list[int], structure: str, lists: str) -> None:
    import faiss

    rng = np.random.default_rng(n)
    centres = make_centres(rng, structure)
    with tempfile.TemporaryDirectory(dir=REPO / "index") as folder:
        root = Path(folder)
        # the roster as float16 on disk (what the index's re-rank store holds anyway): float32
        # in memory would be 15 GB at 10M; exact search reads it in blocks like the build does
        db = np.lib.format.open_memmap(
            root / "roster.f16.npy", mode="w+", dtype=np.float16, shape=(n, DIM)
        )
        clustered(n, rng, centres, structure, out=db)
        db.flush()
        queries = clustered(nq, rng, centres, structure)
        people = Profiles(n, rng)
        root = root / "index"
        started, cpu = time.perf_counter(), time.process_time()
        build_index(root, people, None, vectors=db, model_id="synthetic-384", lists=lists)  # type: ignore[arg-type]
        build_s, build_cpu = time.perf_counter() - started, time.process_time() - cpu
        del people
        index = CastingIndex.open(root, verify=False)
        disk = sum(f.stat().st_size for f in root.rglob("*") if f.is_file())
        plan = index.meta.plan
        tuned, gap = plan.nprobe, plan.probe_gap
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"\n== {n:,} profiles: {plan.factory}; built in {build_s:.1f} s wall, "
            f"{build_cpu:.1f} s CPU (load {os.getloadavg()[0]:.1f}); "
            f"{disk / 2**20:.0f} MiB on disk; RSS {rss_mib():.0f} MiB after open "
            f"(peak {peak:.0f} MiB, with the benchmark's own vectors)"
            + (
                f"; tuned nprobe {tuned}, over-fetch {plan.rerank}x, build-time recall@10 "
                f"{plan.tuned_recall}; filtered probes (kept, nprobe) {plan.filter_probes}; "
                + (f"quantizer efSearch {plan.ef_per_probe}x probes; " if plan.ef_per_probe else "")
                + (
                    f"adaptive probing: cap {plan.probe_cap}, gap {plan.probe_gap}"
                    if plan.probe_gap
                    else "fixed probing"
                )
                if tuned
                else ""
            )
        )
        # one untimed pass pages in vectors.f16 (memory-mapped): a first search's page faults
        # are a one-off after opening, not throughput (run 5's first row: 580 q/s, then 1,148)
        index.dense(queries, 10, None)
        filters = {"none": None, "50%": 499, "5%": 49, "0.1%": 0}
        chosen = {
            label: None
            if top_code is None
            else CastFilters(age=AgeRange.model_construct(min=0, max=top_code))
            for label, top_code in filters.items()
        }
        started = time.perf_counter()
        truths = exact_tops(
            db,
            queries,
            10,
            {
                label: None if f is None else index.filters.matching(f).mask
                for label, f in chosen.items()
            },
        )
        print(
            f"exact answers for every filter: {time.perf_counter() - started:.0f} s "
            f"(load {os.getloadavg()[0]:.1f})",
            flush=True,
        )
        for label, f in chosen.items():
            allowed = None if f is None else index.matching(f)
            timing = ""
            if f is not None:
                t0 = time.perf_counter()
                for _ in range(20):  # a new filter's cost: the open index keeps each one it saw
                    np.flatnonzero(index.columns.mask(f))
                columns_ms = (time.perf_counter() - t0) * 50
                t0 = time.perf_counter()
                index.store.matching(f)
                timing = (
                    f"new filter {columns_ms:.1f} ms (numpy columns, then kept; SQLite "
                    f"{(time.perf_counter() - t0) * 1000:.0f} ms)"
                )
            truth = truths[label]
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
                        at = plan.model_copy(update={"nprobe": nprobe})
                        effective = filtered_nprobe(at, len(allowed) / n)
                params = search_params(plan, selector, nprobe=effective or None)

                def raw(q: np.ndarray, params: object = params) -> np.ndarray:
                    return index.ann.search(q, 10, params=params)[1]

                def slate(
                    q: np.ndarray, f: CastFilters | None = f, nprobe: int = nprobe
                ) -> np.ndarray:
                    if plan.kind == "ivf":
                        plan.nprobe = nprobe
                        # an --nprobe other than the tuned one measures fixed probing there
                        plan.probe_gap = gap if nprobe == tuned else 0.0
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
            plan.nprobe, plan.probe_gap = tuned, gap
        index.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument(
        "--ten-million",
        action="store_true",
        help="Also 10M (streams; SQ8 codes 3.8 GB in memory plus mapped float16 pages)",
    )
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument(
        "--nprobe", default="", help="Probe counts to try besides the build's tuned one, e.g. 32,64"
    )
    parser.add_argument("--structure", choices=sorted(NOISE), default="hierarchical")
    parser.add_argument(
        "--lists",
        choices=("auto", "coarse", "fine"),
        default="auto",
        help="IVF lists (index.plan_for): fine = ~150 a list under an HNSW quantizer (opt-in at "
        "every size), coarse = 2*sqrt(n) under a flat one (what auto builds at every size)",
    )
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
        nprobes = [int(p) for p in args.nprobe.split(",") if p]
        run(n, args.queries, nprobes, args.structure, args.lists)


if __name__ == "__main__":
    main()
