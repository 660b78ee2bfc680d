"""Benchmark ``slate analyze`` on the TRIPOD scripts (../shared/data/labeled/tripod/, train+test)
with the real MiniLM embedder and no LLM: scripts per minute at --jobs 1 and 2 and on a Dask
LocalCluster, and the peak memory per worker.

    python scripts/bench_batch.py [--limit N] [--engines local1,local2,dask2] [--precision P]

Each run writes into a fresh temporary folder (nothing is skipped as unchanged) and the embedding
disk cache is off. Rates count the whole run, worker start-up and model loading included.

On a shared machine wall time is distorted by the others' load, so each run also prints the load
average and the CPU seconds per script (summed over the worker's threads), and the rate the CPU
time alone allows on this machine's cores ("CPU-bound ceiling"): the figure to compare across runs.
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
    parser.add_argument("--precision", default="float32", choices=["float32", "bfloat16"])
    args = parser.parse_args()
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
        peak = max((o.peak_rss_mb for o in summary.outcomes), default=0.0)
        busy = sum(o.seconds for o in summary.outcomes)
        cpu = sum(o.cpu_seconds for o in summary.outcomes) / max(done, 1)
        cores = os.cpu_count() or 1
        print(
            f"{engine:5} jobs={jobs} {args.precision}: {done} done, {summary.count('failed')} "
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


if __name__ == "__main__":
    main()
