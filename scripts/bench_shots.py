"""Time the shot list and the storyboard on real scripts of about 120 pages; prints each part.

    python scripts/bench_shots.py [--data ../shared/data] [--repeat 3]

Parts: planning the shots (``api.shot_list``: reading the source lines included), building the
frames, the storyboard HTML and the PDF, each the median of ``--repeat`` runs, plus peak resident
memory. Parsing is reported apart (it is ``slate parse``'s cost, shared with every command). The
shots need no model, so none is loaded. The goal (issue 16) is beats + shots + storyboard HTML
under 3 s for 120 pages on 2 cores; the beats part is timed by the beats engineer's bench.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant import api  # noqa: E402
from assistant.post.storyboard.board import build_cards  # noqa: E402
from assistant.post.storyboard.html import to_html  # noqa: E402
from assistant.post.storyboard.pdf import to_pdf  # noqa: E402

SCRIPTS = ("test/Die Hard.txt", "test/Juno (film).txt", "test/Soldier (1998 American film).txt")


def _median(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = args.data / "labeled" / "tripod" / "screenplays"
    if not folder.is_dir():
        print(f"Error: {folder} is missing (the shared data folder)", file=sys.stderr)
        return 1
    print(f"{'script':32s} {'pages':>5s} {'shots':>5s} {'parse':>6s} {'shots':>6s} "
          f"{'frames':>6s} {'html':>6s} {'pdf':>6s} {'shots+html':>10s}")  # fmt: skip
    for name in SCRIPTS:
        parse_s, screenplay = _median(lambda n=name: api.open_script(folder / n), 1)
        shots_s, plan = _median(lambda s=screenplay: api.shot_list(s), args.repeat)
        cards_s, cards = _median(lambda p=plan: build_cards(p), args.repeat)
        html_s, _ = _median(lambda c=cards, p=plan: to_html(c, title=p.title), args.repeat)
        pdf_s, _ = _median(lambda c=cards, p=plan: to_pdf(c, title=p.title), 1)
        total = shots_s + cards_s + html_s
        print(f"{Path(name).stem[:32]:32s} {screenplay.page_count:5d} {plan.shot_count:5d} "
              f"{parse_s:6.2f} {shots_s:6.2f} {cards_s:6.2f} {html_s:6.2f} {pdf_s:6.2f} "
              f"{total:10.2f}")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MB (seconds; no model loaded)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
