"""Train the synopsis sentence classifier of ``slate beats --synopsis``; one command.

    python scripts/train_beat_classifier.py [--data ../shared/data] [--out PATH] [--folds 5]

Steps: read the 84 TRIPOD training movies' synopses (every annotator; the 10 gold test movies are
never read); embed each sentence with all-MiniLM-L6-v2 (cached on disk); choose the L2 penalty and
the weight of non-TP sentences by cross-validation grouped by movie, scored by how often the
decoded sentence of each TP is the annotated one; fit on every training synopsis; write the
weights JSON (``assistant/analysis/beats/weights/``) with the CV figures and a data hash.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.analysis.beats.sentence_classifier import (  # noqa: E402
    FORMAT_VERSION,
    SentenceClassifier,
    feature_names,
    weights_path,
)
from assistant.analysis.strength.turning_points import TP_NAMES  # noqa: E402
from assistant.errors import SlateError  # noqa: E402
from assistant.files import write_atomic  # noqa: E402
from assistant.training.beat_classifier import (  # noqa: E402
    GRID,
    cross_validate,
    embed_synopses,
    fit,
    tp_position_means,
)
from assistant.training.tripod_data import load_movies  # noqa: E402

VERSION = "1.0"
SENTENCE_CACHE = Path.home() / ".cache/slate/beat_sentences.sqlite"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=weights_path())
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    try:
        movies = load_movies(args.data, "train")
    except SlateError as exc:
        print(exc, file=sys.stderr)
        return 1
    from assistant.models.embedder import SentenceTransformerEmbedder
    from assistant.models.embedding_cache import CachedEmbedder

    embedder = CachedEmbedder(SentenceTransformerEmbedder(device="cpu"), SENTENCE_CACHE)
    started = time.perf_counter()
    rows = embed_synopses(movies, embedder)
    print(f"{len(rows)} synopses of {len({r.movie for r in rows})} movies embedded in "
          f"{time.perf_counter() - started:.0f} s")  # fmt: skip
    best: tuple[float, float, float] | None = None
    baseline = None
    for c in GRID["c"]:
        for none_weight in GRID["none_weight"]:
            figures, baseline = cross_validate(rows, c=c, none_weight=none_weight, folds=args.folds)
            print(
                f"C={c:<4} none_weight={none_weight:<4} exact {figures.exact:5.1f}%  within 1 "
                f"{figures.within_one:5.1f}%  mean distance {figures.mean_distance:.2f}",
                flush=True,
            )
            if best is None or figures.exact > best[0]:
                best = (figures.exact, c, none_weight)
                best_figures = figures
    assert best is not None and baseline is not None
    _, c, none_weight = best
    print(f"position-only baseline: exact {baseline.exact:.1f}%  within 1 "
          f"{baseline.within_one:.1f}%  mean distance {baseline.mean_distance:.2f}")  # fmt: skip
    coef, intercept = fit(rows, c=c, none_weight=none_weight)
    digest = hashlib.sha256()
    for movie in movies:
        for synopsis in movie.synopses:
            digest.update(repr((movie.name, synopsis.sentences, synopsis.tp_sentences)).encode())
    model = SentenceClassifier(
        format_version=FORMAT_VERSION,
        version=VERSION,
        embedder_id=embedder.model_id,
        classes=["none", *TP_NAMES],
        feature_names=feature_names(coef.shape[1] - 13),
        coef=[[round(float(v), 6) for v in row] for row in coef],
        intercept=[round(float(v), 6) for v in intercept],
        tp_position_means=[round(m, 4) for m in tp_position_means(rows)],
        metrics={
            "cv_folds": args.folds,
            "cv_exact": round(best_figures.exact, 2),
            "cv_within_one": round(best_figures.within_one, 2),
            "cv_mean_distance": round(best_figures.mean_distance, 3),
            "baseline_exact": round(baseline.exact, 2),
            "baseline_within_one": round(baseline.within_one, 2),
            "baseline_mean_distance": round(baseline.mean_distance, 3),
            "c": c,
            "none_weight": none_weight,
            "synopses": len(rows),
            "movies": len({r.movie for r in rows}),
            "data_sha256": digest.hexdigest(),
        },
    )
    write_atomic(args.out, (json.dumps(model.model_dump(), indent=1) + "\n").encode())
    print(f"wrote {args.out} (C={c}, none_weight={none_weight})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
