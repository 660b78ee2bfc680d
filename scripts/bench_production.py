"""Time production planning on real scripts: the breakdown (no LLM) of ~120-page features.

    python scripts/bench_production.py [--data ../shared/data] [--repeat 3] [--embed]

One function per part (``bench_breakdown``; the schedule part is added beside it). The breakdown
part parses each TRIPOD script once, then times ``api.breakdown`` (rules only: cues, headings,
lexicons; ``--embed`` adds the embedder pass with MiniLM, loaded before timing). Goal: under 5 s
for a 120-page script. Prints one row per script, then the peak memory: Python's own allocations
during the breakdowns (tracemalloc) and the process's peak resident size.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant import api  # noqa: E402
from assistant.script.reading import read_script  # noqa: E402

SCRIPTS = ("test/Die Hard.txt", "test/Juno (film).txt", "test/Soldier (1998 American film).txt")
"""TRIPOD features of 100-125 pages (the issue's 120-page script)."""
GOAL_SECONDS = 5.0


def bench_breakdown(folder: Path, repeat: int, embed: bool) -> bool:
    """Print the breakdown rows; True when every script is under the goal."""
    embedder = None
    if embed:
        from assistant.models.registry import get_embedder

        embedder = get_embedder(api.load_settings())
        embedder.embed(["warm-up: load the model"])
    print(f"{'breakdown':40s} {'pages':>5s} {'scenes':>6s} {'median s':>8s} {'min s':>6s}")
    within = True
    traced = 0
    for name in SCRIPTS:
        screenplay = read_script(folder / name, format="plain")
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            api.breakdown(screenplay, embedder=embedder)
            times.append(time.perf_counter() - started)
        # Memory in a run of its own: tracing allocations slows Python about twofold.
        tracemalloc.start()
        api.breakdown(screenplay, embedder=embedder)
        traced = max(traced, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        within &= statistics.median(times) < GOAL_SECONDS
        print(f"{Path(name).stem[:40]:40s} {screenplay.page_count:5d} {len(screenplay.scenes):6d} "
              f"{statistics.median(times):8.2f} {min(times):6.2f}")  # fmt: skip
    verdict = "met" if within else "NOT met"
    print(f"breakdown: peak Python allocations {traced / 2**20:.1f} MB; goal < {GOAL_SECONDS} s "
          f"{verdict} (embedder pass: {'on' if embed else 'off'})")  # fmt: skip
    return within


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--embed", action="store_true", help="include the embedder pass")
    args = parser.parse_args()
    folder = args.data / "labeled" / "tripod" / "screenplays"
    if not folder.is_dir():
        print(f"Error: {folder} is missing (the shared data folder)", file=sys.stderr)
        return 1
    ok = bench_breakdown(folder, args.repeat, args.embed)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MB")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
