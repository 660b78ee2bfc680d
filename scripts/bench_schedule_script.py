"""Schedule a synthetic 120-page script with 10 cast constraints: time, the solver's status,
objective, bound and gap, and peak memory (tracemalloc of Python objects, and the process's peak
RSS, which includes CP-SAT's native memory).

    python scripts/bench_schedule_script.py [--pages 120] [--time-limit 60]

The machine may be shared with other work: say so with the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant import api  # noqa: E402
from assistant.analysis.schedule.config import parse_schedule_config  # noqa: E402
from tests.fixtures.schedule.long_script import long_script  # noqa: E402

START = dt.date(2027, 3, 1)


def constraints(names: list[str]) -> str:
    """Ten cast constraints on the top cast: blackout dates, windows, a child, a travel actor."""
    day = lambda n: START + dt.timedelta(days=n)  # noqa: E731
    rules = [
        f'[[cast]]\nname = "{names[0]}"\ncost = 5\nunavailable = [{day(2)}, {day(9)}]',
        f'[[cast]]\nname = "{names[1]}"\ncost = 4\navailable_from = {day(3)}',
        f'[[cast]]\nname = "{names[2]}"\nchild = true\nmax_hours = 5',
        f'[[cast]]\nname = "{names[3]}"\ncost = 3\navailable_until = {day(40)}',
        f'[[cast]]\nname = "{names[4]}"\ncost = 3\nunavailable = [{day(7)}]\ntravel = true',
        f'[[cast]]\nname = "{names[5]}"\ncost = 2\nunavailable = [{day(14)}, {day(15)}]',
        f'[[cast]]\nname = "{names[6]}"\ncost = 2\navailable_from = {day(7)}',
        f'[[cast]]\nname = "{names[7]}"\ncost = 2\nunavailable = [{day(21)}]',
        f'[[cast]]\nname = "{names[8]}"\ncost = 2\navailable_until = {day(45)}',
        f'[[cast]]\nname = "{names[9]}"\ncost = 2\nunavailable = [{day(1)}, {day(22)}]',
    ]
    return f"[production]\nstart = {START}\n" + "\n".join(rules) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    tmp = Path(f"/tmp/slate-bench-schedule-{args.pages}.fountain")
    tmp.write_text(long_script(args.pages), encoding="utf-8")
    screenplay = api.open_script(tmp)
    cast = api.schedule_cast(screenplay)
    config = parse_schedule_config(constraints([c.name for c in cast[:10]]))
    tracemalloc.start()
    started = time.monotonic()
    report = api.schedule(screenplay, config, time_limit=args.time_limit, workers=args.workers)
    seconds = time.monotonic() - started
    _, peak = tracemalloc.get_traced_memory()
    print(json.dumps({
        "pages": screenplay.page_count, "scenes": len(report.stripboard), "cast": len(report.cast),
        "constraints": len(config.cast), "time_limit": args.time_limit,
        "seconds": round(seconds, 1), "status": report.status, "days": len(report.days),
        "objective": report.objective, "bound": report.bound, "gap": report.gap,
        "hold_days": report.hold_days, "company_moves": report.company_moves,
        "python_peak_mb": round(peak / 2**20, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
