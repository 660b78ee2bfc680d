"""Talent scheduling (CSPLib 039) with Slate's scheduling core: one JSON line per instance.

    python scripts/bench_schedule.py --dzn ../shared/data/scheduling/talent_scheduling/*.dzn

Each line: instance, scenes, actors, total_cost (sum over actors of cost x days from first to
last scene, durations counted), hold_cost, optimal (proved), seconds, and besides lower_bound and
proved_by (cp-sat or branch-and-bound). The machine may be shared: say so with the figures.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.analysis.schedule.talent import read_dzn, solve_talent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dzn", type=Path, nargs="+", required=True, help=".dzn instance files")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per instance")
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT worker threads")
    args = parser.parse_args()
    for path in args.dzn:
        solution = solve_talent(read_dzn(path), time_limit=args.time_limit, workers=args.workers)
        keys = ("instance", "scenes", "actors", "total_cost", "hold_cost", "optimal", "seconds",
                "lower_bound", "proved_by")  # fmt: skip
        print(json.dumps({key: getattr(solution, key) for key in keys}), flush=True)


if __name__ == "__main__":
    main()
