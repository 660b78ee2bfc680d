"""Method v4 of the synopsis beat map, measured on the training movies only.

    python scripts/tune_beats_v4.py [--data ../shared/data] [--cache PATH]

v4 changes how the five TPs are decoded, in both forms (``analysis/beats/tp_decoding.py``):

- **window**: each candidate scene is scored by the mass of the three scenes around it, the
  stretch the TRIPOD protocol credits a pick with (the scene model's own decoder does this),
  instead of its own mass;
- **strength**: each TP's scene distribution is multiplied by the scene-strength model's
  probability of that TP per scene (read from the script alone), to a power.

Target and folds as ``scripts/tune_beat_map.py`` (each annotator's silver TP events, the
classifier fitted without the held-out fold; 5 folds grouped by movie, the same hash). The
strength model was trained on these movies' silver labels, so here it is **refitted without each
held-out fold** (the shipped configuration: l2 0.03, temperature 2, cast l2 3), and a movie's
belief comes from the fit that never saw it. Printed: TA / PA / D per setting (all synopses and
the ones whose silver is in story order), the per-fold PA of v3 and v4, and a paired bootstrap
over movies of v4's PA gain. ``--cache``: the scene openings' embedding cache of
``scripts/train_scene_model.py`` (filled on a first run, ~15 minutes on a loaded machine).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import tune_beat_map as base  # noqa: E402

from assistant.analysis.beats.projection import (  # noqa: E402
    projection_scores,
    scores_to_distribution,
)
from assistant.analysis.beats.tp_decoding import (  # noqa: E402
    decode_increasing,
    fuse_strength,
    mix_projections,
    ordered_marginals,
)
from assistant.analysis.scene_text import EMBED_WORDS  # noqa: E402
from assistant.analysis.strength.scene_strength import shipped_model  # noqa: E402
from assistant.analysis.strength.strength_model import softmax_rows  # noqa: E402
from assistant.training.tp_dataset import (  # noqa: E402
    MIN_TRAINING_SCENES,
    MovieData,
    read_movies,
    whole_scene_embedder,
)
from assistant.training.tp_training import (  # noqa: E402
    TrainingConfig,
    _training_script,
    column_penalties,
    fit_heads,
    selected_columns,
    standardisation,
)
from assistant.training.tripod_data import load_movies  # noqa: E402

FloatArray = np.ndarray[Any, np.dtype[np.float64]]
SHIPPED = TrainingConfig(l2=0.03, temperature=2.0, cast_l2=3.0)
"""The shipped strength model's configuration (its weights' ``metrics.config``)."""
WEIGHTS = [0.0, 0.25, 0.5, 1.0]


def held_out_strength(
    data: list[MovieData], fold_of: dict[str, int], folds: int
) -> dict[str, FloatArray]:
    """Each movie's (5, headed scenes) strength belief from a fit without its fold."""
    kept = [d for d in data if len(d.screenplay.headed_scenes()) >= MIN_TRAINING_SCENES]
    kept = [d for d in kept if d.matches]
    names = kept[0].features.names
    columns = selected_columns(names, "all")
    penalties = column_penalties(names, columns, SHIPPED)
    out = {}
    for fold in range(folds):
        train = [
            _training_script(d, columns, SHIPPED.temperature)
            for d in kept
            if fold_of.get(d.movie.name, -1) != fold
        ]
        means, scales = standardisation(train)
        weights = fit_heads(train, means, scales, l2=SHIPPED.l2, column_l2=penalties)
        for d in kept:
            if fold_of.get(d.movie.name, -1) == fold:
                values = (d.features.values[:, columns] - means) / scales
                headed = [i for i, s in enumerate(d.screenplay.scenes) if s.heading is not None]
                out[d.movie.name] = softmax_rows(weights @ values.T)[:, headed]
    return out


def _rows(values: FloatArray) -> FloatArray:
    return np.asarray(values / np.maximum(values.sum(axis=1, keepdims=True), 1e-300), np.float64)


def prose_mass(case: base.Case, probabilities: FloatArray, means: list[float]) -> FloatArray:
    """v3's prose mixture (posterior not sharpened, TP prior 0.25) before decoding."""
    per_tp = _rows(probabilities[:, 1:].T)
    mixture = mix_projections(ordered_marginals(per_tp), case.prose, 1.0)
    return _rows(mixture * base.position_prior(case.scenes, means, 0.25))


def outline_mass(case: base.Case, means: list[float]) -> FloatArray:
    """v3's outline distributions (TP means, width 0.13) before decoding."""
    embedding, tfidf = case.outline_sims
    return scores_to_distribution(
        projection_scores(
            embedding_similarity=embedding, tfidf_similarity=tfidf, sentence_count=5,
            tp_sentences=list(range(5)), scene_words=case.words, positions=means,
            sigmas=[0.13] * 5,
        )
    )  # fmt: skip


def miss_report(
    name: str, cases: list[base.Case], picks: list[list[int]], weights: list[FloatArray] | None
) -> None:
    """Where PA is lost: each missed TP by kind, per TP; for prose also whether the ordered
    posterior's likeliest sentence is the annotated one (``weights``: each case's posterior).

    Kinds, by the distance from the pick's three-scene window to the silver event: ``another
    TP`` (the window holds another TP's event), ``near`` (1-3 scenes), ``same act`` (under 10%
    of the script), ``far`` (10% or more).
    """
    kinds = ["another TP", "near", "same act", "far"]
    counts = np.zeros((5, 1 + len(kinds)), dtype=int)
    found = np.zeros((2, 2), dtype=int)
    for j, case in enumerate(cases):
        for k in range(5):
            gap = _window_gap(case, picks[j][k], case.events[k])
            others = [_window_gap(case, picks[j][k], case.events[m]) for m in range(5) if m != k]
            if gap == 0:
                kind = 0
            elif 0 in others:
                kind = 1
            else:
                kind = 2 if gap <= 3 else 3 if gap / case.scenes < 0.1 else 4
            counts[k, kind] += 1
            if weights is not None:
                exact = int(np.argmax(weights[j][k])) == case.rows.tp_sentences[k]
                found[int(exact), int(gap == 0)] += 1
    print(f"{name}: hits and misses per TP (hit, {', '.join(kinds)})")
    for k in range(5):
        print(f"  TP {k + 1}: {counts[k].tolist()}")
    print(f"  all: {counts.sum(axis=0).tolist()}")
    if weights is not None:
        print(f"  likeliest sentence the annotated one: {found[1].sum()} TPs, {found[1, 1]} hit; "
              f"another sentence: {found[0].sum()} TPs, {found[0, 1]} hit")  # fmt: skip


def _window_gap(case: base.Case, pick: int, event: list[int]) -> int:
    low = min(max(pick - 1, 0), max(case.scenes - 3, 0))
    return min(abs(a - b) for a in range(low, min(low + 3, case.scenes)) for b in event)


class TrainingInputs(NamedTuple):
    """What both tuning scripts read: the silver cases, their folds and the held-out beliefs."""

    args: argparse.Namespace
    cases: list[base.Case]
    names: list[str]
    fold_of: dict[str, int]
    strength: dict[str, Any]
    probabilities: Any
    means: list[float]


def training_inputs(description: str) -> TrainingInputs:
    """Parse ``--data/--cache/--folds`` and read the training movies, refitting the strength
    model and the sentence classifier without each held-out fold."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument(
        "--cache", type=Path, default=Path.home() / ".cache/slate/tp_training.sqlite"
    )
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    from assistant.models.embedder import SentenceTransformerEmbedder
    from assistant.models.embedding_cache import CachedEmbedder

    cases = base.read_cases(args.data, None)
    names = sorted({c.movie for c in cases})
    fold_of = {n: int(hashlib.sha256(n.encode()).hexdigest(), 16) % args.folds for n in names}
    openings = CachedEmbedder(
        SentenceTransformerEmbedder(device="cpu", max_seq_length=128), args.cache
    )
    data = read_movies(
        load_movies(args.data, "train"), openings, embed_words=EMBED_WORDS,
        projection_embedder=whole_scene_embedder(),
    )  # fmt: skip
    belief = held_out_strength(data, fold_of, args.folds)
    # The report rounds to 4 decimals; movies the strength model leaves out get a flat belief.
    strength = {
        c.movie: np.round(belief[c.movie], 4)
        if c.movie in belief and belief[c.movie].shape[1] == c.scenes
        else np.full((5, c.scenes), 1.0 / c.scenes)
        for c in cases
    }
    means_value = shipped_model().metrics.get("tp_position_means")
    assert isinstance(means_value, list)
    means = [float(m) for m in means_value]
    probabilities = base.held_out_probabilities(cases, fold_of, args.folds)
    return TrainingInputs(args, cases, names, fold_of, strength, probabilities, means)


def main() -> int:
    args, cases, names, fold_of, strength, probabilities, means = training_inputs(
        __doc__.split("\n")[0]
    )
    masses = {
        "prose": [prose_mass(c, probabilities[j], means) for j, c in enumerate(cases)],
        "outline": [outline_mass(c, means) for c in cases],
    }
    ordered = [j for j, c in enumerate(cases) if base._in_order(c.events)]
    print(f"{len(cases)} synopses of {len(names)} movies; {len(ordered)} with silver in order")
    picks: dict[tuple[str, bool, float], list[list[int]]] = {}
    for form, rows in masses.items():
        for window in (False, True):
            for weight in WEIGHTS:
                chosen = [
                    decode_increasing(fuse_strength(m, strength[c.movie], weight), window=window)
                    for m, c in zip(rows, cases, strict=True)
                ]
                picks[(form, window, weight)] = chosen
                r = base.scores_of(cases, chosen)
                q = base.scores_of([cases[j] for j in ordered], [chosen[j] for j in ordered])
                print(f"{form} window {window!s:5} strength {weight:4}: TA {r.ta:5.2f} PA "
                      f"{r.pa:5.2f} D {r.d:5.2f} | in order TA {q.ta:5.2f} PA {q.pa:5.2f} "
                      f"D {q.d:5.2f}")  # fmt: skip
    posteriors = [ordered_marginals(_rows(probabilities[j][:, 1:].T)) for j in range(len(cases))]
    for form in masses:
        for label, key in (("v3", (form, False, 0.0)), ("v4", (form, True, 0.25))):
            miss_report(
                f"{form} {label}", cases, picks[key], posteriors if form == "prose" else None
            )
    rng = np.random.default_rng(0)
    by_movie = {n: [j for j, c in enumerate(cases) if c.movie == n] for n in names}
    for form in masses:
        v3, v4 = picks[(form, False, 0.0)], picks[(form, True, 0.25)]
        for fold in range(args.folds):
            held = [j for j, c in enumerate(cases) if fold_of[c.movie] == fold]
            a = base.scores_of([cases[j] for j in held], [v3[j] for j in held])
            b = base.scores_of([cases[j] for j in held], [v4[j] for j in held])
            print(f"{form} fold {fold}: PA {a.pa:5.1f} -> {b.pa:5.1f}, TA {a.ta:5.1f} -> "
                  f"{b.ta:5.1f}")  # fmt: skip
        gains = []
        for _ in range(1000):
            draw = rng.choice(len(names), len(names))
            held = [j for i in draw for j in by_movie[names[i]]]
            sample = [cases[j] for j in held]
            gains.append(
                base.scores_of(sample, [v4[j] for j in held]).pa
                - base.scores_of(sample, [v3[j] for j in held]).pa
            )
        low, mid, high = np.percentile(gains, [2.5, 50, 97.5])
        print(f"{form}: v4 - v3 PA, paired bootstrap over movies: {mid:.2f} [{low:.2f}, "
              f"{high:.2f}], above 0 in {100 * np.mean(np.asarray(gains) > 0):.0f}%")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
