"""Benchmark ``slate analyze`` on the TRIPOD scripts (../shared/data/labeled/tripod/, train+test)
with the real MiniLM embedder and no LLM: scripts per minute at --jobs 1 and 2 and on a Dask
LocalCluster, and the peak memory per worker.

    python scripts/bench_batch.py [--limit N] [--engines local1,local2,dask2]

Each run writes into a fresh temporary folder (nothing is skipped as unchanged) and the embedding
disk cache is off. Rates count the whole run, worker start-up and model loading included.
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
    args = parser.parse_args()
    folder = DATA / "labeled" / "tripod" / "screenplays"
    scripts = sorted(folder.glob("*/*.txt"))[: args.limit]
    print(f"{len(scripts)} scripts from {folder}; {os.cpu_count()} CPUs (shared machine)")
    for spec in args.engines.split(","):
        engine = "dask" if spec.startswith("dask") else "local"
        jobs = int(spec.removeprefix("dask").removeprefix("local"))
        with tempfile.TemporaryDirectory(prefix="bench-batch-") as out:
            started = time.perf_counter()
            summary = api.analyze_scripts(scripts, Path(out), jobs=jobs, engine=engine)  # type: ignore[arg-type]
            seconds = time.perf_counter() - started
        done = summary.count("done")
        peak = max((o.peak_rss_mb for o in summary.outcomes), default=0.0)
        busy = sum(o.seconds for o in summary.outcomes)
        print(
            f"{engine:5} jobs={jobs}: {done} done, {summary.count('failed')} failed in "
            f"{seconds:.1f} s = {done / seconds * 60:.1f} scripts/min "
            f"({busy / max(done, 1):.2f} s of work per script); peak RSS per worker {peak:.0f} MB"
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
