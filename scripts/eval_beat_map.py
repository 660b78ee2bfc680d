"""Score the synopsis beat map on the 10 gold TRIPOD test movies; one command, run once.

    python scripts/eval_beat_map.py [--data ../shared/data]

Pre-registered (committed before the gold movies were scored; gold is never used for tuning):

- Movies: the 10 gold test movies in ``../shared/data/labeled/tripod``; each script parsed with
  Slate's plain-text importer; each movie's first annotator's synopsis.
- Two forms, both through ``analysis/beats/synopsis_map.map_synopsis`` exactly as
  ``slate beats --synopsis`` runs it (MiniLM all-MiniLM-L6-v2 for sentences and whole scenes, the
  shipped sentence classifier, the strength model's training-set TP positions):
  1. **prose**: the synopsis's sentences joined by spaces; Slate splits it and its classifier picks
     the five TP sentences.
  2. **outline**: five lines ``<TP name>: <sentence>``, the annotated TP sentences (gold sentence
     ids from the labels).
- Prediction of TP k: the scene of TP k in the map's ``turning_points`` (the five decoded jointly
  in story order, ``analysis/beats/tp_decoding.py``; method v2 for the second scoring, v3 for the
  third, v4 for the fourth, each pre-registered in docs/beats.md before its scoring; from v4 the
  map also reads the shipped scene-strength model's per-TP probabilities, as ``slate beats``
  does: ``score_screenplay`` with the same MiniLM), mapped to TRIPOD's reference
  scenes by heading lines (``tripod_data.slate_to_reference``; a scene before the first
  reference heading maps to 0). A TP the map does not place (prose under five sentences) is put
  at the theory position (10/25/50/75/95%). The first scoring (cb1322d) read the best scene of
  the sentence named TP k.
- Metrics: TA, PA, D of the TRIPOD protocol (``training/tp_metrics.protocol_scores``) over the 10
  movies, with bootstrap 95% intervals over movies; printed beside the theory baseline and
  ``prose-gold``: the same prose map read at the annotated TP sentences (found by their text; the
  silver projection's setting), which separates the classifier's loss from the projection's.
  For prose also the share of TPs whose carrying sentence is the annotated one.
- Goals: outline TA >= 35.48 and PA >= 56.67 (human agreement); prose TA > 20.6 and PA > 28.3.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.analysis.beats.beat_sheet import strength_rows  # noqa: E402
from assistant.analysis.beats.sentence_classifier import shipped_classifier  # noqa: E402
from assistant.analysis.beats.synopsis_map import map_synopsis  # noqa: E402
from assistant.analysis.strength.scene_strength import score_screenplay, shipped_model  # noqa: E402
from assistant.analysis.strength.turning_points import TP_NAMES  # noqa: E402
from assistant.errors import SlateError  # noqa: E402
from assistant.script.reading import read_script  # noqa: E402
from assistant.training.tp_dataset import whole_scene_embedder  # noqa: E402
from assistant.training.tp_metrics import (  # noqa: E402
    THEORY_POSITIONS,
    MovieResult,
    bootstrap,
    position_index,
    protocol_scores,
)
from assistant.training.tripod_data import (  # noqa: E402
    load_movies,
    reference_heading_lines,
    slate_to_reference,
)

GOALS = {"outline": (35.48, 56.67), "prose": (20.6, 28.3)}


def _statistic(key: str) -> Callable[[Sequence[MovieResult]], float]:
    """One protocol score (``ta``, ``pa`` or ``d``) of a sample of movies."""

    def statistic(results: Sequence[MovieResult]) -> float:
        return float(getattr(protocol_scores(results), key))

    return statistic


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    args = parser.parse_args()
    try:
        movies = load_movies(args.data, "test")
    except SlateError as exc:
        print(exc, file=sys.stderr)
        return 1
    embedder = whole_scene_embedder()
    classifier = shipped_classifier()
    means = shipped_model().metrics.get("tp_position_means")
    positions = [float(m) for m in means] if isinstance(means, list) else list(THEORY_POSITIONS)
    rows: dict[str, list[MovieResult]] = {
        "outline": [],
        "prose": [],
        "prose-gold": [],
        "theory": [],
    }
    found = total = missing = 0
    for movie in movies:
        assert movie.gold is not None
        started = time.perf_counter()
        screenplay = read_script(movie.path, format="plain")
        strength = strength_rows(score_screenplay(screenplay, embedder))
        reference = reference_heading_lines(movie.read_text())
        n = len(reference) - 1
        to_ref = slate_to_reference([s.start_line for s in screenplay.scenes], reference)
        synopsis = movie.synopses[0]
        outline = "\n".join(
            f"{name}: {synopsis.sentences[i]}"
            for name, i in zip(TP_NAMES, synopsis.tp_sentences, strict=True)
        )
        for form, text in (("outline", outline), ("prose", " ".join(synopsis.sentences))):
            mapped = map_synopsis(
                screenplay, text, embedder, classifier=classifier, tp_positions=positions,
                tp_strength=strength,
            )  # fmt: skip
            picks = []
            placed = {tp.name: tp for tp in mapped.turning_points}
            for k, name in enumerate(TP_NAMES):
                tp = placed.get(name)
                if tp is None:
                    picks.append(position_index(THEORY_POSITIONS[k], n))
                    continue
                picks.append(to_ref[tp.scene_index] or 0)
                if form == "prose":
                    total += 1
                    carrier = mapped.sentences[tp.sentence_index].text
                    found += carrier == synopsis.sentences[synopsis.tp_sentences[k]]
            rows[form].append(MovieResult(movie.name, n, picks, movie.gold))
            if form == "prose":
                by_text = {m.text: m for m in mapped.sentences}
                oracle = []
                for k, i in enumerate(synopsis.tp_sentences):
                    hit = by_text.get(synopsis.sentences[i])
                    if hit is None or hit.best_scene_index is None:
                        missing += 1
                        oracle.append(position_index(THEORY_POSITIONS[k], n))
                    else:
                        oracle.append(to_ref[hit.best_scene_index] or 0)
                rows["prose-gold"].append(MovieResult(movie.name, n, oracle, movie.gold))
        theory = [position_index(p, n) for p in THEORY_POSITIONS]
        rows["theory"].append(MovieResult(movie.name, n, theory, movie.gold))
        print(f"{movie.name}: {len(screenplay.scenes)} Slate scenes, {n} reference, "
              f"{time.perf_counter() - started:.1f} s", flush=True)  # fmt: skip
    print(f"\n{'form':<10} {'TA':>22} {'PA':>22} {'D':>22}  goal (TA / PA)")
    for form, results in rows.items():
        cells = [bootstrap(results, _statistic(key)) for key in ("ta", "pa", "d")]
        goal = GOALS.get(form)
        verdict = ""
        if goal is not None:
            met = protocol_scores(results).ta >= goal[0] and protocol_scores(results).pa >= goal[1]
            verdict = f"{goal[0]} / {goal[1]}: {'met' if met else 'not met'}"
        print(f"{form:<10} {cells[0]!s:>22} {cells[1]!s:>22} {cells[2]!s:>22}  {verdict}")
    print(f"\nprose: the classifier found {found} of {total} TP sentences exactly; prose-gold: "
          f"{missing} TP sentences not found as a sentence of Slate's split")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
