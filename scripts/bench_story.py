"""Time the story features on a 120-page script with the models loaded; prints seconds per part and
peak memory.

    python scripts/bench_story.py [--data ../shared/data] [--script test/Die Hard.txt]
                                  [--threads 2] [--repeat 3] [--no-llm]

Parts (one function each, listed in ``PARTS``; add a part by writing ``bench_<name>(ctx)`` and
listing it):

- ``beats``: ``api.beat_sheet`` (scene strength + the Save the Cat! sheet), no synopsis;
- ``beat_map``: the same with the movie's TRIPOD synopsis (read at run time, never copied), which
  embeds every 160-word chunk of every scene.

Every part runs with no embedding cache after a warm-up that loads MiniLM and the weights. The
goal (issue 16) is under 3 s for beats, shots and the storyboard together on 2 cores with
``--no-llm``; beats has no LLM pass, so ``--no-llm`` changes nothing here yet.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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


def bench_beats(ctx: Context) -> None:
    api.beat_sheet(ctx.screenplay, sheet="save-the-cat", embedder=ctx.embedder)


def bench_beat_map(ctx: Context) -> None:
    if ctx.synopsis is None:
        raise SystemExit("no synopsis for this script in the TRIPOD data")
    api.beat_sheet(ctx.screenplay, sheet="save-the-cat", embedder=ctx.embedder,
                   synopsis=ctx.synopsis)  # fmt: skip


PARTS: list[tuple[str, Callable[[Context], None]]] = [
    ("beats", bench_beats),
    ("beat_map", bench_beat_map),
]


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
    print(f"{'part':12s} {'median s':>8s} {'min s':>6s}")
    for name, part in PARTS:
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            part(ctx)
            times.append(time.perf_counter() - started)
        print(f"{name:12s} {statistics.median(times):8.2f} {min(times):6.2f}", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MB (MiniLM included)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
