"""Casting index at scale: build time, size, memory, queries/s and recall@10, Slate vs raw FAISS.

    python scripts/bench_casting.py [--sizes 10000,100000,1000000] [--ten-million] [--queries 1000]
        [--vectors realistic|hard] [--lists auto|coarse|fine]

Vectors are synthetic, 384-d, made by ``casting_vectors.py`` (its docstring and docs/casting.md
say exactly how): ``--vectors realistic`` (the default) is locally low-dimensional like MiniLM
vectors (leaf clusters of rank 12 in their own orientations around 3,000 topics, small isotropic
noise); ``--vectors hard`` is runs 1-12's generator, isotropic noise in all 384 dimensions around
50,000 sub-centres (``--structure flat``: around 2,000 centres). Queries are new draws from the
same population (not copies of indexed rows). Profiles are minimal (no bio) with one filter
column, so filters keeping 50%, 5% and 0.1% are exact fractions. Memory is printed as the RSS
(which counts the memory-mapped float16 rosters' page cache) and as anonymous memory.

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
IDSelectorBitmap + the plan's over-fetch re-ranked exactly from float16; since run 15 a kept
filter searched by the ANN index gets its own lists, subsets.py, which return the selector
search's results over the same lists, and probes adaptively where the build measured it
cheaper, plan.filter_gaps). nprobe: the one the
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

from assistant.casting import catalog, subsets, tuning  # noqa: E402
from assistant.casting.catalog import CastingIndex  # noqa: E402
from assistant.casting.probe_counts import filtered_nprobe, search_params  # noqa: E402
from assistant.casting.profiles import ActorProfile, AgeRange  # noqa: E402
from assistant.casting.store import CastFilters  # noqa: E402
from assistant.casting.writing import build_index  # noqa: E402

sys.path.insert(0, str(REPO / "scripts"))
import casting_vectors as vectors_mod  # noqa: E402

DIM = vectors_mod.DIM


def roster_vectors(
    n: int, nq: int, rng: np.random.Generator, vectors: str, structure: str, out: np.ndarray
) -> np.ndarray:
    """Fill ``out`` with the roster's ``n`` vectors and return ``nq`` fresh queries drawn from
    the same population (not copies of indexed rows)."""
    if vectors == "realistic":
        model = vectors_mod.RealisticModel(rng)
        vectors_mod.realistic(n, rng, model, out=out)
        return vectors_mod.realistic(nq, rng, model)
    centres = vectors_mod.hard_centres(rng, structure)
    vectors_mod.hard(n, rng, centres, structure, out=out)
    return vectors_mod.hard(nq, rng, centres, structure)


class Profiles(Sequence[ActorProfile]):
    """Minimal profiles made on demand (10M pydantic objects would not fit in memory);
    ``playing_age`` holds a uniform 0-999 code the filters cut on."""

    def __init__(self, n: int, rng: np.random.Generator) -> None:
        self.codes = rng.integers(0, 1000, size=n).astype(np.int16)

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, i):  # type: ignore[no-untyped-def]
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


def anon_mib() -> float:
    """Anonymous resident memory (heap, SQ8 codes, arrays), without mapped file pages."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("RssAnon:"):
                return int(line.split()[1]) / 1024
    return 0.0


class AnonPeak:
    """The largest ``anon_mib`` seen, sampled every 0.5 s on a thread (the kernel keeps only the
    peak of the whole RSS, which counts the memory-mapped float16 rosters' page cache)."""

    def __init__(self) -> None:
        import threading

        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(0.5):
            self.peak = max(self.peak, anon_mib())


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


def run(
    n: int, nq: int, extra_nprobes: list[int], vectors: str, structure: str, lists: str
) -> None:
    import faiss

    rng = np.random.default_rng(n)
    anon = AnonPeak()
    with tempfile.TemporaryDirectory(dir=REPO / "index") as folder:
        root = Path(folder)
        # the roster as float16 on disk (what the index's re-rank store holds anyway): float32
        # in memory would be 15 GB at 10M; exact search reads it in blocks like the build does
        db = np.lib.format.open_memmap(
            root / "roster.f16.npy", mode="w+", dtype=np.float16, shape=(n, DIM)
        )
        queries = roster_vectors(n, nq, rng, vectors, structure, db)
        db.flush()
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
            f"\n== {n:,} profiles, {vectors} vectors: {plan.factory}; built in {build_s:.1f} s "
            f"wall, {build_cpu:.1f} s CPU (load {os.getloadavg()[0]:.1f}); "
            f"{disk / 2**20:.0f} MiB on disk; RSS {rss_mib():.0f} MiB after open "
            f"(peak {peak:.0f} MiB, with the benchmark's own vectors; anonymous {anon_mib():.0f} "
            f"MiB, peak {anon.peak:.0f} MiB without mapped file pages)"
            + (
                f"; tuned nprobe {tuned}, over-fetch {plan.rerank}x, build-time recall@10 "
                f"{plan.tuned_recall}; filtered probes (kept, nprobe) {plan.filter_probes}, "
                f"adaptive (kept, cap, gap) {plan.filter_gaps}; "
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
                assert allowed is not None  # (f is not None)
                if len(allowed) > catalog.EXACT_LIMIT and subsets.supports(index.ann):
                    # an ANN-searched filter's own lists, made on its first search (subsets.py)
                    t0, c0 = time.perf_counter(), time.process_time()
                    subsets.subset(index.ann, index.filters.matching(f).mask)
                    timing += (
                        f"; its own lists {(time.perf_counter() - t0) * 1000:.0f} ms "
                        f"({(time.process_time() - c0) * 1000:.0f} ms CPU)"
                    )
            if f is not None:
                # the open index makes a filter's kept state (survivors, bitmap, own lists) on its
                # first search, a one-off printed above ("its own lists"); untimed here, as the
                # raw side's selector is made before its timing. Before run 16 the first timed
                # batch paid it: at 10M, 50% kept, 3.4 s of own lists inside 1,000 queries
                index.dense(queries[:2], 10, allowed)
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
                    found: np.ndarray = index.ann.search(q, 10, params=params)[1]
                    return found

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
    parser.add_argument(
        "--vectors",
        choices=("realistic", "hard"),
        default="realistic",
        help="realistic: locally low-dimensional like MiniLM vectors (the default); hard: runs "
        "1-12's isotropic sub-clusters (casting_vectors.py)",
    )
    parser.add_argument(
        "--structure",
        choices=sorted(vectors_mod.HARD_NOISE),
        default="hierarchical",
        help="the hard generator's shape (ignored by realistic)",
    )
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
        run(n, args.queries, nprobes, args.vectors, args.structure, args.lists)


if __name__ == "__main__":
    main()
