"""Time pagination, the character list and stats on a synthetic 120-page script (and real ones).

The synthetic script is generated here from a fixed seed: 110 scenes of action paragraphs and
speeches in the proportions of a feature script (about 55% dialogue blocks). With ``--data``
pointing at ../shared/data it also times the TRIPOD scripts that have printed page numbers.

Usage: ``.venv/bin/python scripts/bench_pagination.py [--data ../shared/data] [--repeat 50]``
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from assistant.script.characters import collect_characters
from assistant.script.model import (
    Action,
    CharacterCue,
    Dialogue,
    Parenthetical,
    Scene,
    SceneHeading,
    Screenplay,
    Speech,
    Transition,
)
from assistant.script.pagination import paginate
from assistant.script.stats import compute_stats

REPO_ROOT = Path(__file__).resolve().parent.parent
_SYLLABLES = ("ka", "lo", "mi", "ren", "tu", "sa", "vel", "dor", "in", "ap", "ost", "ne")
_NAMES = ("MARA", "OKAFOR", "LENA", "THEO", "RUIZ", "BEA", "HOLLIS", "PIKE")


def _sentence(rng: random.Random, words: int) -> str:
    made = ["".join(rng.choices(_SYLLABLES, k=rng.randint(1, 3))) for _ in range(words)]
    return " ".join(made).capitalize() + "."


def synthetic_script(pages: int = 120, seed: int = 7) -> Screenplay:
    """A script of about ``pages`` pages: ~0.95 scenes a page, ~11 paragraphs a scene."""
    rng = random.Random(seed)
    scenes = []
    for number in range(int(pages * 0.95)):
        elements: list[Action | Dialogue | Transition] = []
        for _ in range(rng.randint(7, 16)):
            if rng.random() < 0.55:
                parts: list[Parenthetical | Speech] = []
                if rng.random() < 0.2:
                    parts.append(Parenthetical(text="(quietly)"))
                parts.append(
                    Speech(text=" ".join(_sentence(rng, rng.randint(3, 14)) for _ in "ab"))
                )
                cue = CharacterCue(name=rng.choice(_NAMES))
                elements.append(Dialogue(cue=cue, parts=parts))
            else:
                text = " ".join(
                    _sentence(rng, rng.randint(5, 16)) for _ in range(rng.randint(1, 3))
                )
                elements.append(Action(text=text))
        if rng.random() < 0.1:
            elements.append(Transition(text="CUT TO:"))
        place = "INT." if rng.random() < 0.6 else "EXT."
        heading = SceneHeading(
            text=f"{place} PLACE {number % 30} - DAY", location=f"PLACE {number}"
        )
        scenes.append(Scene(heading=heading, elements=elements))
    return Screenplay(scenes=scenes)


def _time(function: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(median, best) CPU milliseconds of ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        started = time.thread_time()
        function()
        times.append((time.thread_time() - started) * 1000)
    return statistics.median(times), min(times)


def _peak_kib(function: Callable[[], object]) -> float:
    tracemalloc.start()
    function()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024


def _report(name: str, screenplay: Screenplay, repeat: int) -> None:
    paginate(screenplay)
    pages = screenplay.page_count
    for label, function in (
        ("paginate", lambda: paginate(screenplay)),
        ("collect_characters", lambda: collect_characters(screenplay)),
        ("compute_stats", lambda: compute_stats(screenplay)),
    ):
        median, best = _time(function, repeat)
        peak = _peak_kib(function)
        print(
            f"{name[:32]:32} {pages:4d} pages  {label:18} median {median:6.2f} ms  "
            f"best {best:6.2f} ms  peak {peak:7.1f} KiB"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="../shared/data for real scripts")
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args(argv)
    _report("synthetic", synthetic_script(), args.repeat)
    if args.data is not None:
        sys.path.insert(0, str(REPO_ROOT / "scripts"))
        from check_page_counts import find_page_markers

        from assistant.script.plaintext import parse_plain
        from assistant.script.reading import decode_text

        folder = args.data / "labeled/tripod/screenplays"
        for path in sorted(folder.glob("*/*.txt")):
            text = decode_text(path.read_bytes(), name=path.name).text
            if find_page_markers(text) is not None:
                _report(path.stem, parse_plain(text), max(args.repeat // 5, 3))
    return 0


if __name__ == "__main__":
    sys.exit(main())
