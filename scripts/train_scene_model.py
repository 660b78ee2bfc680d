"""Train the scene-strength (turning point) model on TRIPOD's 84 training movies; one command.

    python scripts/train_scene_model.py [--data ../shared/data] [--out PATH] [--folds 5]

Steps: parse every training script with Slate's plain-text importer; embed each scene's opening
(the features) and every 160-word chunk of each scene (the projection) with all-MiniLM-L6-v2,
cached on disk; project each annotator's turning-point synopsis sentences onto the whole scenes
(silver targets); choose the regularisation, target temperature and decoder by grouped
cross-validation over the training movies (the 10 gold test movies are never read); fit the five
heads on all training movies; fit the Platt calibration on held-out folds; write the weights JSON
with the data hash and CV figures.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.analysis.scene_text import EMBED_WORDS  # noqa: E402
from assistant.analysis.strength.scene_strength import WEIGHTS_FILE, feature_names  # noqa: E402
from assistant.analysis.strength.strength_model import DecoderSettings, TurningPointModel  # noqa: E402
from assistant.errors import SlateError  # noqa: E402
from assistant.files import write_atomic  # noqa: E402
from assistant.training.tp_dataset import (  # noqa: E402
    MIN_TRAINING_SCENES,
    PROJECTION_CACHE,
    MovieData,
    data_fingerprint,
    read_movies,
    whole_scene_embedder,
)
from assistant.training.tp_training import (  # noqa: E402
    CvResult,
    TrainingConfig,
    cross_validate,
    fit_final,
    fit_platt,
    silver_position_means,
)
from assistant.training.tripod_data import load_movies  # noqa: E402

MODEL_VERSION = "1.1"
EMBED_MAX_TOKENS = 128
"""Token cap given to MiniLM; 48 words of script fit in ~70 tokens, so it never cuts."""

GRID = {"l2": [0.01, 0.03, 0.1], "temperature": [1.0, 2.0, 3.0], "cast_l2": [None, 3.0, 30.0]}
"""Cross-validated learner choices: the ridge penalty (position bumps included), the silver
targets' temperature, and the cast columns' own penalty (None: the same as the rest)."""
DECODERS = [(1, True), (1, False), (3, True), (3, False)]
"""Decoder choices ``(min_gap, use_window)`` scored on the same cross-validated fits."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument(
        "--out", type=Path, default=REPO / "assistant/analysis/strength/weights" / WEIGHTS_FILE
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--embed-words",
        type=int,
        default=EMBED_WORDS,
        help="Words of each scene's opening given to MiniLM (fewer: faster scoring).",
    )
    parser.add_argument(
        "--cache", type=Path, default=Path.home() / ".cache/slate/tp_training.sqlite"
    )
    parser.add_argument("--chunk-cache", type=Path, default=PROJECTION_CACHE)
    args = parser.parse_args()
    try:
        return _train(args)
    except SlateError as exc:
        print(f"Error: {exc.message}", file=sys.stderr)
        return 1


def _train(args: argparse.Namespace) -> int:
    from assistant.models.embedder import SentenceTransformerEmbedder
    from assistant.models.embedding_cache import CachedEmbedder

    started = time.perf_counter()
    movies = load_movies(args.data, "train")
    inner = SentenceTransformerEmbedder(device="cpu", max_seq_length=EMBED_MAX_TOKENS)
    embedder = CachedEmbedder(inner, args.cache)
    chunks = whole_scene_embedder(args.chunk_cache)
    print(f"Reading {len(movies)} training scripts (Slate importer, MiniLM on "
          f"{args.embed_words} words per scene; whole scenes for the projection; caches "
          f"{args.cache}, {args.chunk_cache}; a first run takes ~25 min)")  # fmt: skip

    def report(data: MovieData) -> None:
        name = data.movie.name[:44]
        print(f"  {name:44s} slate {data.scene_count:4d} scenes, reference "
              f"{data.reference_count:4d}, annotators {len(data.matches)}", flush=True)  # fmt: skip

    data = read_movies(
        movies, embedder, embed_words=args.embed_words, projection_embedder=chunks, on_movie=report
    )
    kept = [
        d for d in data if len(d.screenplay.headed_scenes()) >= MIN_TRAINING_SCENES and d.matches
    ]
    dropped = sorted(d.movie.name for d in data if d not in kept)
    print(f"Training on {len(kept)} scripts; left out (under {MIN_TRAINING_SCENES} scenes): "
          f"{', '.join(dropped) or 'none'}  [{time.perf_counter() - started:.0f}s]")  # fmt: skip

    position_only = TrainingConfig(feature_filter="position")
    baseline = cross_validate(kept, position_only, folds=args.folds)[0]
    _print_cv("position only", baseline)
    best: CvResult | None = None
    for l2, temperature, cast_l2 in itertools.product(*GRID.values()):
        config = TrainingConfig(l2=l2, temperature=temperature, cast_l2=cast_l2)
        for result in cross_validate(kept, config, decoders=DECODERS, folds=args.folds):
            if best is None or result.criterion > best.criterion:
                best = result
                _print_cv("best so far", result)
    assert best is not None
    config = best.config
    columns, means, scales, weights = fit_final(kept, config)
    cal_x, cal_y = fit_platt(best.raw_strength, best.silver_labels)
    names = feature_names()
    model = TurningPointModel(
        feature_names=[names[c] for c in columns],
        means=[round(float(v), 6) for v in means],
        scales=[round(float(v), 6) for v in scales],
        weights=[[round(float(v), 6) for v in row] for row in weights],
        calibration_x=cal_x,
        calibration_y=cal_y,
        decoder=DecoderSettings(min_gap=config.min_gap, use_window=config.use_window),
        embed_words=args.embed_words,
        embed_max_tokens=EMBED_MAX_TOKENS,
        embedder_id=inner.model_id,
        version=MODEL_VERSION,
        training_data_sha256=data_fingerprint([d.movie for d in kept]),
        trained_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        metrics={
            "cv_folds": args.folds,
            "cv_movies": len(kept),
            "cv_silver": _figures(best),
            "cv_silver_position_only": _figures(baseline),
            "config": {
                "l2": config.l2,
                "temperature": config.temperature,
                "cast_l2": config.cast_l2,
            },
            "silver_projection": "whole scenes (mean of 160-word chunk vectors)",
            "tp_position_means": silver_position_means(kept),
            "left_out": dropped,
        },
    )
    write_atomic(args.out, model.to_json().encode("utf-8"))
    print(f"Wrote {args.out} ({args.out.stat().st_size / 1024:.1f} kB) in "
          f"{time.perf_counter() - started:.0f}s")  # fmt: skip
    return 0


def _figures(result: CvResult) -> dict[str, float]:
    return {
        "ta": round(result.ta, 2),
        "pa": round(result.pa, 2),
        "d": round(result.d, 2),
        "auroc": round(result.auroc, 4),
        "auprc": round(result.auprc, 4),
    }


def _print_cv(label: str, result: CvResult) -> None:
    c = result.config
    print(f"  CV {label:14s} TA {result.ta:5.2f} PA {result.pa:5.2f} D {result.d:5.2f} "
          f"AUROC {result.auroc:.3f} AUPRC {result.auprc:.3f}  (l2 {c.l2}/{c.cast_l2}, "
          f"T {c.temperature}, "
          f"gap {c.min_gap}, window {c.use_window}, {c.feature_filter})", flush=True)  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
