"""Evaluate the shipped scene-strength model on TRIPOD's 10 gold test movies; prints a table.

    python scripts/eval_scene_model.py [--data ../shared/data] [--weights PATH] [--samples 1000]
        [--llm [--llm-movies N]]

Protocol (fixed, TRIPOD/GraphTP): per TP the predicted set is the picked scene and its two
neighbours; TA = gold TP scenes inside their sets, PA = events whose set holds a gold scene,
D = mean min distance / scenes. Slate's scenes are mapped onto TRIPOD's reference segmentation
by heading lines (``tripod_data.slate_to_reference``). Baselines run on the same movies and
protocol. 95% intervals come from resampling movies.

``--llm`` then runs the optional LLM pass (``assistant/analysis/strength/tp_rerank.py``) with the
configured text model on the same movies and prints it as a separate row; the rows above stay
the trained model's alone.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.analysis.strength.scene_strength import score_screenplay, shipped_model  # noqa: E402
from assistant.analysis.strength.strength_model import TurningPointModel, load_model  # noqa: E402
from assistant.analysis.strength.tp_rerank import RerankResult, rerank_turning_points  # noqa: E402
from assistant.errors import SlateError  # noqa: E402
from assistant.models.base import Embedder  # noqa: E402
from assistant.training.tp_dataset import (  # noqa: E402
    PROJECTION_CACHE,
    read_movie,
    whole_scene_embedder,
)
from assistant.training.tp_evaluation import SegmentationCount, evaluate_gold  # noqa: E402
from assistant.training.tp_metrics import (  # noqa: E402
    Interval,
    MovieResult,
    any_tp_labels,
    auroc,
    average_precision,
    bootstrap,
    expected_calibration_error,
    pooled_scene_metric,
    protocol_scores,
    reliability_curve,
)
from assistant.training.tripod_data import load_movies  # noqa: E402

PUBLISHED = [
    ("Theory position prior (TRIPOD paper, 15 movies)", "8.66", "10.67", "10.45"),
    ("CAM + entities (TRIPOD paper)", "14.18", "17.33", "12.77"),
    ("TAM (TRIPOD paper)", "10.63", "13.33", "8.94"),
    ("8B LLM, chain of thought on scene summaries", "~20.6", "~28.3", "~13.1"),
    ("Human agreement", "35.48", "56.67", "1.48"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--weights", type=Path, default=None)
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument(
        "--chunk-cache",
        type=Path,
        default=PROJECTION_CACHE,
        help="embedding cache of whole-scene chunks (the silver projection row)",
    )
    parser.add_argument("--llm", action="store_true", help="add a row for the LLM pass")
    parser.add_argument("--llm-movies", type=int, default=None, help="LLM pass on the first N")
    args = parser.parse_args()
    if not (args.data / "README.md").is_file():
        print(f"Error: {args.data} is missing (the shared data folder)", file=sys.stderr)
        return 1
    try:
        return _evaluate(args)
    except SlateError as exc:
        print(f"Error: {exc.message}", file=sys.stderr)
        return 1


def _evaluate(args: argparse.Namespace) -> int:
    from assistant.models.embedder import SentenceTransformerEmbedder

    model = load_model(args.weights) if args.weights else shipped_model()
    embedder = SentenceTransformerEmbedder(device="cpu", max_seq_length=model.embed_max_tokens)
    chunks = whole_scene_embedder(args.chunk_cache)
    print(f"{'movie':38s} {'ref':>5s} {'slate':>6s} {'headed':>6s} {'matched':>7s} {'score s':>7s}")

    def report(c: SegmentationCount) -> None:
        print(f"{c.movie[:38]:38s} {c.reference:5d} {c.slate:6d} {c.slate_headed:6d} "
              f"{c.reference_headings_matched:7d} {c.score_seconds:7.2f}", flush=True)  # fmt: skip

    evaluation = evaluate_gold(
        args.data, embedder, model, on_movie=report, projection_embedder=chunks
    )
    _print_table(evaluation.rows, evaluation.projection, args.samples)
    _print_reliability(evaluation.rows["model"])
    if args.llm:
        _print_llm_row(args.data, embedder, model, args.samples, limit=args.llm_movies)
    return 0


def llm_pass_results(
    data_dir: Path, embedder: Embedder, model: TurningPointModel, limit: int | None = None
) -> tuple[str, list[MovieResult], list[RerankResult]]:
    """Score the gold movies again and run the LLM pass with the configured text model.

    Returns:
        The text model's id, each movie's result with the LLM's picks (reference indexing),
        and each movie's rerank result.
    """
    from assistant.config import load_settings
    from assistant.models.registry import get_text_model

    text_model = get_text_model(load_settings())
    results: list[MovieResult] = []
    reranks: list[RerankResult] = []
    for movie in load_movies(data_dir, "test")[:limit]:
        assert movie.gold is not None
        data = read_movie(movie, embedder, embed_words=model.embed_words)
        report = score_screenplay(data.screenplay, embedder, model=model)
        rerank = rerank_turning_points(report, data.screenplay, text_model)
        # As tp_evaluation maps the trained picks: a scene before any reference heading -> 0.
        mapped = [data.slate_to_ref[tp.scene_index] for tp in rerank.turning_points]
        picks = [0 if p is None else p for p in mapped]
        results.append(MovieResult(movie.name, data.reference_count, picks, movie.gold))
        reranks.append(rerank)
        print(
            f"  LLM pass {movie.name[:38]:38s} moved {rerank.changed}, "
            f"fallback {rerank.fallback}, rejected {len(rerank.rejected)}",
            flush=True,
        )
    return text_model.model_id, results, reranks


def _print_llm_row(
    data_dir: Path, embedder: Embedder, model: TurningPointModel, samples: int, limit: int | None
) -> None:
    print("\nOptional LLM pass (reported apart; the rows above are the trained model alone):")
    model_id, results, reranks = llm_pass_results(data_dir, embedder, model, limit)
    if not results:
        return
    ta, pa, d = (_interval(results, f, samples) for f in ("ta", "pa", "d"))
    label = f"trained model + LLM pass ({model_id})"
    print(f"{label[:46]:46s} {ta!s:>22s} {pa!s:>22s} {d!s:>22s}")
    fallbacks = sum(r.fallback for r in reranks)
    rejected = sum(len(r.rejected) for r in reranks)
    moved = sum(r.changed for r in reranks)
    print(f"{'  fallback rate (no usable JSON)':46s} {fallbacks}/{len(reranks)} movies "
          f"({100.0 * fallbacks / len(reranks):.0f}%); TPs moved {moved}/{5 * len(reranks)}, "
          f"picks rejected {rejected}")  # fmt: skip


def _interval(results: list[MovieResult], figure: str, samples: int) -> Interval:
    return bootstrap(results, lambda r: getattr(protocol_scores(r), figure), samples=samples)


def _print_table(
    rows: dict[str, list[MovieResult]], projection: list[MovieResult], samples: int
) -> None:
    labels = {
        "model": "Slate scene-strength model",
        "theory": "Theory positions 10/25/50/75/95%",
        "dist": "Training-set TP position means",
        "length": "Scene-length x theory position prior",
    }
    title = "On the 10 gold movies (95% CI over movies)"
    print(f"\n{title:46s} {'TA':>22s} {'PA':>22s} {'D':>22s} "
          f"{'AUPRC':>7s} {'AUROC':>7s} {'ECE':>6s}")  # fmt: skip
    for key, results in rows.items():
        if not results:
            continue
        ta, pa, d = (_interval(results, f, samples) for f in ("ta", "pa", "d"))
        ap = pooled_scene_metric(results, average_precision)
        roc = pooled_scene_metric(results, auroc)
        ece = _ece(results) if key == "model" else float("nan")
        print(f"{labels[key]:46s} {ta!s:>22s} {pa!s:>22s} {d!s:>22s} {ap:7.3f} {roc:7.3f} "
              f"{ece:6.3f}")  # fmt: skip
    model = rows["model"]
    ap_ci = bootstrap(model, lambda r: pooled_scene_metric(r, average_precision), samples=samples)
    roc_ci = bootstrap(model, lambda r: pooled_scene_metric(r, auroc), samples=samples)
    ece_ci = bootstrap(model, _ece, samples=samples)
    print(f"{'  model AUPRC / AUROC / ECE with CIs':46s} {ap_ci!s} / {roc_ci!s} / {ece_ci!s}")
    p = protocol_scores(projection)
    print(
        f"{'Silver projection vs gold (uses the synopsis)':46s} "
        f"{p.ta:22.2f} {p.pa:22.2f} {p.d:22.2f}"
    )
    print("\nPublished on TRIPOD's 15 test movies (the 10 here are a subset):")
    for name, ta_s, pa_s, d_s in PUBLISHED:
        print(f"{name:46s} {ta_s:>22s} {pa_s:>22s} {d_s:>22s}")


def _ece(results: Sequence[MovieResult]) -> float:
    scores = np.concatenate([np.asarray(r.scene_scores) for r in results])
    labels = np.concatenate([any_tp_labels(r) for r in results])
    return expected_calibration_error(scores, labels)


def _print_reliability(results: list[MovieResult]) -> None:
    scores = np.concatenate([np.asarray(r.scene_scores) for r in results])
    labels = np.concatenate([any_tp_labels(r) for r in results])
    print("\nReliability (strength bin: mean predicted / observed gold rate / scenes):")
    for predicted, observed, count in reliability_curve(scores, labels):
        print(f"  {predicted:5.2f} / {observed:5.2f} / {count}")


if __name__ == "__main__":
    raise SystemExit(main())
