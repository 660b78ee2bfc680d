"""Time ``slate score`` on real scripts once the models are loaded; prints seconds and peak memory.

    python scripts/bench_score.py [--data ../shared/data] [--threads 2] [--repeat 3]
                                  [--precision float32|bfloat16]

Scripts: TRIPOD screenplays of about 120 pages and the longest one (parsed by Slate). Each is scored
with no embedding cache (every scene embedded) after a warm-up that loads MiniLM and the weights.
CPU seconds are printed beside wall seconds (the machine is shared). With ``--precision bfloat16``
each script is also scored in float32 and the largest strength difference is printed.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.analysis.strength.scene_strength import score_screenplay, shipped_model  # noqa: E402
from assistant.models.embedder import SentenceTransformerEmbedder  # noqa: E402
from assistant.script.reading import read_script  # noqa: E402

SCRIPTS = ("test/Die Hard.txt", "test/Juno (film).txt", "test/Soldier (1998 American film).txt")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--precision", choices=["float32", "bfloat16"], default="float32")
    args = parser.parse_args()
    folder = args.data / "labeled" / "tripod" / "screenplays"
    if not folder.is_dir():
        print(f"Error: {folder} is missing (the shared data folder)", file=sys.stderr)
        return 1
    model = shipped_model()
    embedder = SentenceTransformerEmbedder(
        device="cpu",
        max_seq_length=model.embed_max_tokens,
        threads=args.threads,
        precision=args.precision,
    )
    embedder.embed(["warm-up: load the model"])
    exact = None
    if args.precision != "float32":
        exact = SentenceTransformerEmbedder(
            device="cpu", max_seq_length=model.embed_max_tokens, threads=args.threads
        )
    print(f"{'script':40s} {'pages':>5s} {'scenes':>6s} {'median s':>8s} {'min s':>6s} "
          f"{'CPU s':>6s}  {'max |d strength|' if exact else ''}")  # fmt: skip
    for name in SCRIPTS:
        screenplay = read_script(folder / name, format="plain")
        times, cpu = [], []
        for _ in range(args.repeat):
            started, cpu_started = time.perf_counter(), time.process_time()
            report = score_screenplay(screenplay, embedder, model=model)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
        drift = ""
        if exact is not None:
            base = score_screenplay(screenplay, exact, model=model)
            pairs = zip(report.scenes, base.scenes, strict=True)
            gap = max(abs(a.strength - b.strength) for a, b in pairs)
            same = sum(a.scene_index == b.scene_index
                       for a, b in zip(report.turning_points, base.turning_points,
                                       strict=True))  # fmt: skip
            drift = f"  {gap:.4f}, {same}/{len(base.turning_points)} TPs on the same scene"
        print(f"{Path(name).stem[:40]:40s} {screenplay.page_count:5d} {len(screenplay.scenes):6d} "
              f"{statistics.median(times):8.2f} {min(times):6.2f} {statistics.median(cpu):6.2f}"
              f"{drift}")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MB (MiniLM included); threads {args.threads}, "
          f"{args.precision}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
