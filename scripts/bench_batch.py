"""Benchmark ``slate analyze`` on the TRIPOD scripts (../shared/data/labeled/tripod/, train+test)
with the real MiniLM embedder and no LLM: scripts per minute at --jobs 1 and 2 and on a Dask
LocalCluster, and the peak memory per worker.

    python scripts/bench_batch.py [--limit N] [--engines local1,local2,dask2] [--precision P]
    python scripts/bench_batch.py --check-precision [--limit N]

Each run writes into a fresh temporary folder (nothing is skipped as unchanged) and the embedding
disk cache is off. Rates count the whole run, worker start-up and model loading included.

On a shared machine wall time is distorted by the others' load, so each run also prints the load
average and the CPU seconds per script (summed over the worker's threads), and the rate the CPU
time alone allows on this machine's cores ("CPU-bound ceiling"): the figure to compare across runs.

``--check-precision`` does no batch run: it scores every TRIPOD *training* script (never the test
split, which is for reporting) with MiniLM in float32 and in bfloat16 and prints how far the
strengths move and on how many scripts all five turning points stay on the same scenes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Every script embedded afresh: the disk cache of vectors would make a second run look faster.
os.environ["SLATE_MODELS__EMBEDDER__CACHE"] = (
    "false"  # this checkout's assistant, also in the spawned workers
)

from assistant import api  # noqa: E402

DATA = Path(os.environ.get("SLATE_SHARED_DATA", ROOT.parent / "shared" / "data"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="Only the first N scripts.")
    parser.add_argument("--engines", default="local1,local2,dask2")
    parser.add_argument(
        "--precision",
        default=None,
        choices=["auto", "float32", "bfloat16"],
        help="Default: the batch.precision setting (auto: bfloat16 on a CPU with bf16).",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="Math threads per worker (default 1: a worker is one core, so local1 -> local2 is "
        "the worker scaling the goal names; 0 keeps Slate's own choice).",
    )
    parser.add_argument(
        "--check-precision",
        action="store_true",
        help="Compare float32 and bfloat16 scores on the training scripts; no batch run.",
    )
    args = parser.parse_args()
    if args.check_precision:
        check_precision(args.limit)
        return
    if args.threads > 0:  # read by the in-process embedder and by every spawned worker
        os.environ["SLATE_MODELS__THREADS"] = str(args.threads)
    folder = DATA / "labeled" / "tripod" / "screenplays"
    scripts = sorted(folder.glob("*/*.txt"))[: args.limit]
    print(f"{len(scripts)} scripts from {folder}; {os.cpu_count()} CPUs (shared machine)")
    for spec in args.engines.split(","):
        engine = "dask" if spec.startswith("dask") else "local"
        jobs = int(spec.removeprefix("dask").removeprefix("local"))
        with tempfile.TemporaryDirectory(prefix="bench-batch-") as out:
            load_before = os.getloadavg()[0]
            started = time.perf_counter()
            summary = api.analyze_scripts(
                scripts, Path(out), jobs=jobs, engine=engine, precision=args.precision
            )  # type: ignore[arg-type]
            seconds = time.perf_counter() - started
        done = summary.count("done")
        precision = next(
            (o.report.precision for o in summary.outcomes if o.report is not None), "?"
        )
        peak = max((o.peak_rss_mb for o in summary.outcomes), default=0.0)
        busy = sum(o.seconds for o in summary.outcomes)
        cpu = sum(o.cpu_seconds for o in summary.outcomes) / max(done, 1)
        cores = os.cpu_count() or 1
        print(
            f"{engine:5} jobs={jobs} {precision}: {done} done, {summary.count('failed')} "
            f"failed in {seconds:.1f} s = {done / seconds * 60:.1f} scripts/min "
            f"({busy / max(done, 1):.2f} s of work per script); peak RSS per worker {peak:.0f} MB"
        )
        print(
            f"  load average {load_before:.1f} -> {os.getloadavg()[0]:.1f}; {cpu:.2f} CPU s per "
            f"script; CPU-bound ceiling on {cores} cores {cores * 60 / max(cpu, 1e-9):.1f} "
            "scripts/min"
        )
        parts: dict[str, float] = {}
        for outcome in summary.outcomes:
            for part, took in (outcome.report.timings if outcome.report else {}).items():
                parts[part] = parts.get(part, 0.0) + took / max(done, 1)
        print("  mean seconds per script: " + ", ".join(f"{k} {v:.2f}" for k, v in parts.items()))
        for outcome in summary.outcomes:
            if outcome.status == "failed":
                print(f"  failed {Path(outcome.file).name}: {outcome.reason}")


def check_precision(limit: int | None) -> None:
    """Score the training scripts in float32 and bfloat16 and compare (one math thread)."""
    from assistant.analysis.strength.scene_strength import score_screenplay, shipped_model
    from assistant.models.embedder import SentenceTransformerEmbedder
    from assistant.script.reading import read_script

    folder = DATA / "labeled" / "tripod" / "screenplays" / "train"
    scripts = sorted(folder.glob("*.txt"))[:limit]
    model = shipped_model()
    exact, fast = (
        SentenceTransformerEmbedder(device="cpu", threads=1, precision=p)
        for p in ("float32", "bfloat16")
    )
    for embedder in (exact, fast):
        embedder.embed(["warm-up: load the weights"])
    worst, total, scenes, same_scripts, same_tps, tps = 0.0, 0.0, 0, 0, 0, 0
    cpu = {"float32": 0.0, "bfloat16": 0.0}
    for path in scripts:
        screenplay = read_script(path)
        reports = {}
        for name, embedder in (("float32", exact), ("bfloat16", fast)):
            began = time.process_time()
            reports[name] = score_screenplay(screenplay, embedder, model=model)
            cpu[name] += time.process_time() - began
        a, b = reports["float32"], reports["bfloat16"]
        gaps = [abs(x.strength - y.strength) for x, y in zip(a.scenes, b.scenes, strict=True)]
        worst, total, scenes = max(worst, *gaps), total + sum(gaps), scenes + len(gaps)
        picks = [(p.name, p.scene_index) for p in a.turning_points]
        agree = sum(p in picks for p in ((q.name, q.scene_index) for q in b.turning_points))
        same_tps, tps = same_tps + agree, tps + len(picks)
        same_scripts += agree == len(picks)
        print(f"  {path.stem[:40]:40} max |d| {max(gaps):.4f}  TPs same {agree}/{len(picks)}")
    print(
        f"{len(scripts)} training scripts, {scenes} scenes: strength max |d| {worst:.4f}, mean "
        f"{total / max(scenes, 1):.5f}; turning points on the same scene {same_tps}/{tps}; "
        f"scripts with all five the same {same_scripts}/{len(scripts)}; strength CPU s float32 "
        f"{cpu['float32']:.1f}, bfloat16 {cpu['bfloat16']:.1f}"
    )


if __name__ == "__main__":
    main()
