"""Time the story features on a 120-page script with the models loaded; prints seconds per part and
peak memory.

    python scripts/bench_story.py [--data ../shared/data] [--script test/Die Hard.txt]
                                  [--threads 2] [--repeat 3] [--no-llm]

Parts (one function each, listed in ``PARTS``; add a part by writing ``bench_<name>(ctx)`` and
listing it):

- ``beats``: ``api.beat_sheet`` (scene strength + the Save the Cat! sheet), no synopsis;
- ``beat_map``: the same with the movie's TRIPOD synopsis (read at run time, never copied), which
  embeds every 160-word chunk of every scene;
- ``map_rules``: the beat map with every vector already in an embedding cache (a temporary
  ``CachedEmbedder`` filled by one run first) and the strength report given: what the map costs
  besides MiniLM (reading, TF-IDF, projection, classifier, sheet);
- ``shots``: ``api.shot_list``; ``storyboard_html``: its cards and HTML; ``board_files``:
  everything ``slate storyboard`` writes (HTML, PDF and the ``scene_<number>.png`` key frames),
  rendered in memory;
- ``llm_describe`` (not with ``--no-llm``): the optional beat-description pass with the
  configured text model.

Every part but ``map_rules`` runs with no embedding cache after a warm-up that loads MiniLM and
the weights. The goal (issue 16) is under 3 s for beats, shots and the storyboard HTML together on
2 cores with ``--no-llm``; the last line adds those three parts.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant import api  # noqa: E402
from assistant.models.base import Embedder  # noqa: E402
from assistant.script.model import Screenplay  # noqa: E402

DEFAULT_SCRIPT = "test/Die Hard.txt"
"""A TRIPOD screenplay of about 120 pages under Slate's paginator."""


@dataclass
class Context:
    """What every part reads: the parsed script, the loaded embedder, a synopsis, the flags."""

    screenplay: Screenplay
    embedder: Embedder
    synopsis: str | None
    llm: bool
    cached: Embedder | None = None
    """``embedder`` behind a temporary disk cache holding every vector ``beat_map`` needs."""
    report: Any = None
    sheet: Any = None


def bench_beats(ctx: Context) -> None:
    api.beat_sheet(ctx.screenplay, sheet="save-the-cat", embedder=ctx.embedder)


def bench_beat_map(ctx: Context) -> None:
    if ctx.synopsis is None:
        raise SystemExit("no synopsis for this script in the TRIPOD data")
    api.beat_sheet(ctx.screenplay, sheet="save-the-cat", embedder=ctx.embedder,
                   synopsis=ctx.synopsis)  # fmt: skip


def prepare_map_rules(ctx: Context) -> None:
    """Fill a temporary embedding cache with every vector the map needs (not timed)."""
    from assistant.models.embedding_cache import CachedEmbedder

    folder = Path(tempfile.mkdtemp(prefix="bench_story_"))
    ctx.cached = CachedEmbedder(ctx.embedder, folder / "vectors.sqlite")
    ctx.report = api.score_scenes(ctx.screenplay, embedder=ctx.cached)
    api.beat_sheet(ctx.screenplay, sheet="save-the-cat", embedder=ctx.cached,
                   synopsis=ctx.synopsis, report=ctx.report)  # fmt: skip


def bench_map_rules(ctx: Context) -> None:
    if ctx.synopsis is None or ctx.cached is None:
        raise SystemExit("no synopsis for this script in the TRIPOD data")
    api.beat_sheet(ctx.screenplay, sheet="save-the-cat", embedder=ctx.cached,
                   synopsis=ctx.synopsis, report=ctx.report)  # fmt: skip


def bench_shots(ctx: Context) -> None:
    api.shot_list(ctx.screenplay)


def bench_storyboard_html(ctx: Context) -> None:
    from assistant.post.storyboard.board import build_cards
    from assistant.post.storyboard.html import to_html

    plan = api.shot_list(ctx.screenplay)
    to_html(build_cards(plan), title=plan.title)


def bench_board_files(ctx: Context) -> None:
    from assistant.post.storyboard.write import render_storyboard

    # The whole board as slate storyboard renders it (HTML, PDF, key frames), in memory.
    render_storyboard(api.shot_list(ctx.screenplay))


def bench_llm_describe(ctx: Context) -> None:
    if ctx.sheet is None:
        ctx.sheet = api.beat_sheet(ctx.screenplay, sheet="save-the-cat", embedder=ctx.embedder)
    result = api.describe_beats_with_llm(ctx.screenplay, ctx.sheet, api.load_settings(None))
    print(f"  llm_describe: {len(result.descriptions)} described, skipped={result.skipped} "
          f"{result.note}")  # fmt: skip


PARTS: list[tuple[str, Callable[[Context], None]]] = [
    ("beats", bench_beats),
    ("beat_map", bench_beat_map),
    ("map_rules", bench_map_rules),
    ("shots", bench_shots),
    ("storyboard_html", bench_storyboard_html),
    ("board_files", bench_board_files),
    ("llm_describe", bench_llm_describe),
]
GOAL_PARTS = ("beats", "shots", "storyboard_html")


def _synopsis(data: Path, script: str) -> str | None:
    from assistant.training.tripod_data import load_movies

    split = script.split("/", 1)[0]
    for movie in load_movies(data, split):
        if movie.path.name == Path(script).name and movie.synopses:
            return " ".join(movie.synopses[0].sentences)
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--script", default=DEFAULT_SCRIPT)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-llm", action="store_true", help="Skip optional LLM passes.")
    args = parser.parse_args()
    path = args.data / "labeled" / "tripod" / "screenplays" / args.script
    if not path.is_file():
        print(f"Error: {path} is missing (the shared data folder)", file=sys.stderr)
        return 1
    from assistant.analysis.beats.sentence_classifier import shipped_classifier
    from assistant.analysis.strength.scene_strength import shipped_model
    from assistant.models.embedder import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder(device="cpu", threads=args.threads)
    embedder.embed(["warm-up: load the model"])
    shipped_model()
    shipped_classifier()
    screenplay = api.open_script(path, format="plain")
    ctx = Context(screenplay, embedder, _synopsis(args.data, args.script), not args.no_llm)
    print(f"{path.stem}: {screenplay.page_count} pages, {len(screenplay.scenes)} scenes; "
          f"threads {args.threads}, repeat {args.repeat}")  # fmt: skip
    if ctx.synopsis is not None:
        prepare_map_rules(ctx)
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    print(f"{'part':16s} {'median s':>8s} {'min s':>6s} {'cpu s':>6s}")
    medians: dict[str, float] = {}
    for name, part in PARTS:
        if name == "llm_describe" and not ctx.llm:
            continue
        times, cpu = [], []
        for _ in range(args.repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            part(ctx)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        medians[name] = statistics.median(times)
        print(f"{name:16s} {medians[name]:8.2f} {min(times):6.2f} {statistics.median(cpu):6.2f}",
              flush=True)  # fmt: skip
    goal = sum(medians[n] for n in GOAL_PARTS)
    print(f"{' + '.join(GOAL_PARTS)}: {goal:.2f} s (goal under 3 s on 2 cores)")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MB (MiniLM included)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
