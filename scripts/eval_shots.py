"""Measure the shot planner on the 94 TRIPOD screenplays (read at run time, never copied).

Prints shots per page, average shot length (ASL), the share of scenes whose every speaking
character is in at least one shot, the share of shots whose lines lie inside their scene, and the
share of scenes whose shots add up to their screen time; compare ASL with the published norm in
docs/shots.md.

    python scripts/eval_shots.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from assistant import api
from assistant.analysis.shots.dialogue import speaker
from assistant.analysis.shots.model import ShotList
from assistant.script.model import Screenplay


def check(screenplay: Screenplay, plan: ShotList) -> dict[str, int]:
    """Counts for one script: scenes, scenes fully covered, shots, shots inside their scene..."""
    counts = {"scenes": 0, "covered": 0, "shots": 0, "inside": 0, "timed": 0, "with_lines": 0}
    for planned in plan.scenes:
        scene = screenplay.scenes[planned.index]
        counts["scenes"] += 1
        speakers = {speaker(d) for d in scene.dialogues()}
        seen = {name for shot in planned.shots for name in shot.subjects + shot.off_screen}
        counts["covered"] += speakers <= seen
        total = round(sum(s.duration_s for s in planned.shots), 1)
        counts["timed"] += (not planned.shots) or abs(total - planned.screen_time_s) < 0.05
        for shot in planned.shots:
            counts["shots"] += 1
            if shot.lines:
                counts["with_lines"] += 1
            start, end = planned.start_line or 0, planned.end_line or 0
            counts["inside"] += all(start <= n <= end for n in shot.lines)
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    folder = args.data / "labeled/tripod/screenplays"
    files = sorted((folder / "train").glob("*.txt")) + sorted((folder / "test").glob("*.txt"))
    if not files:
        print(f"No screenplays under {folder}: pass --data", file=sys.stderr)
        return 2
    totals: dict[str, int] = {}
    pages = 0
    seconds = 0.0
    asls: list[float] = []
    started = time.perf_counter()
    for path in files:
        screenplay = api.open_script(path)
        plan = api.shot_list(screenplay)
        for key, value in check(screenplay, plan).items():
            totals[key] = totals.get(key, 0) + value
        pages += plan.page_count
        runtime = sum(s.duration_s for scene in plan.scenes for s in scene.shots)
        seconds += runtime
        if plan.shot_count:
            asls.append(runtime / plan.shot_count)
    elapsed = time.perf_counter() - started
    shots = totals["shots"]
    print(f"scripts: {len(files)}  pages: {pages}  scenes: {totals['scenes']}  shots: {shots}")
    print(f"shots per page: {shots / pages:.1f}")
    print(
        f"average shot length: {seconds / shots:.2f} s overall; per script median "
        f"{statistics.median(asls):.2f} s (range {min(asls):.2f}-{max(asls):.2f})"
    )
    print(
        f"scenes with every speaker in a shot: {totals['covered']}/{totals['scenes']} "
        f"({100 * totals['covered'] / totals['scenes']:.1f}%)"
    )
    print(
        f"shots with lines inside their scene: {totals['inside']}/{shots} "
        f"({100 * totals['inside'] / shots:.1f}%); shots with lines: {totals['with_lines']}"
    )
    print(f"scenes whose shots add up to their screen time: {totals['timed']}/{totals['scenes']}")
    print(f"time: {elapsed:.1f} s for reading and planning {len(files)} scripts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
