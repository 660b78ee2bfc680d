"""Benchmark ``slate analyze`` on the TRIPOD scripts (../shared/data/labeled/tripod/, train+test)
with the real MiniLM embedder and no LLM: scripts per minute at --jobs 1 and 2 and on a Dask
LocalCluster, and the peak memory per worker.

    python scripts/bench_batch.py [--limit N] [--engines local1,local2,dask2] [--precision P,...]
    python scripts/bench_batch.py --check-precision [--against bfloat16,int8] [--limit N]

Each run writes into a fresh temporary folder (nothing is skipped as unchanged) and the embedding
disk cache is off. Rates count the whole run, worker start-up and model loading included.

On a shared machine wall time is distorted by the others' load, so each run also prints the load
average and the CPU seconds per script (summed over the worker's threads), and the rate the CPU
time alone allows on this machine's cores ("CPU-bound ceiling"): the figure to compare across runs.
Every engine runs in every precision given (``--precision float32,bfloat16,int8``); a table of
all the runs ends the output.

``--check-precision`` does no batch run: it scores every TRIPOD *training* script (never the test
split, which is for reporting) with MiniLM in float32 and in each ``--against`` precision and
prints how far the strengths move and on how many scripts all five turning points stay on the
same scenes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import cast

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Every script embedded afresh: the disk cache of vectors would make a second run look faster.
os.environ["SLATE_MODELS__EMBEDDER__CACHE"] = (
    "false"  # this checkout's assistant, also in the spawned workers
)

from assistant import api  # noqa: E402

PRECISIONS = ("float32", "bfloat16", "int8", "onnx-int8")
DATA = Path(os.environ.get("SLATE_SHARED_DATA", ROOT.parent / "shared" / "data"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="Only the first N scripts.")
    parser.add_argument("--engines", default="local1,local2,dask2")
    parser.add_argument(
        "--precision",
        default=None,
        help="Comma-separated, each of auto, float32, bfloat16, int8, onnx-int8 (every engine "
        "runs in each). Default: the batch.precision setting (auto: bfloat16 on a CPU with bf16).",
    )
    parser.add_argument(
        "--against",
        default="bfloat16",
        help="--check-precision: the precisions compared with float32 (comma-separated).",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="Math threads per worker (default 1: a worker is one core, so local1 -> local2 is "
        "the worker scaling the goal names; 0 keeps Slate's own choice).",
    )
    parser.add_argument(
        "--check-precision",
        action="store_true",
        help="Compare float32 scores with --against's on the training scripts; no batch run.",
    )
    args = parser.parse_args()
    if args.check_precision:
        against = [p.strip() for p in args.against.split(",") if p.strip()]
        bad = [p for p in against if p not in ("bfloat16", "int8", "onnx-int8")]
        if bad:
            parser.error(f"--against: no precision {', '.join(bad)} (bfloat16, int8, onnx-int8)")
        check_precision(args.limit, against)
        return
    precisions: list[str | None] = (
        [p.strip() for p in args.precision.split(",") if p.strip()] if args.precision else [None]
    )
    bad = [p for p in precisions if p not in (None, "auto", *PRECISIONS)]
    if bad:
        parser.error(f"--precision: no precision {', '.join(map(str, bad))}")
    if args.threads > 0:  # read by the in-process embedder and by every spawned worker
        os.environ["SLATE_MODELS__THREADS"] = str(args.threads)
    folder = DATA / "labeled" / "tripod" / "screenplays"
    scripts = sorted(folder.glob("*/*.txt"))[: args.limit]
    print(f"{len(scripts)} scripts from {folder}; {os.cpu_count()} CPUs (shared machine)")
    rows: list[str] = []
    for spec, asked in [(e, p) for e in args.engines.split(",") for p in precisions]:
        engine = "dask" if spec.startswith("dask") else "local"
        jobs = int(spec.removeprefix("dask").removeprefix("local"))
        with tempfile.TemporaryDirectory(prefix="bench-batch-") as out:
            load_before = os.getloadavg()[0]
            started = time.perf_counter()
            summary = api.analyze_scripts(
                scripts,
                Path(out),
                jobs=jobs,
                engine=engine,  # type: ignore[arg-type]
                precision=asked,  # type: ignore[arg-type]
            )
            seconds = time.perf_counter() - started
        done = summary.count("done")
        precision = next(
            (o.report.precision for o in summary.outcomes if o.report is not None), "?"
        )
        peak = max((o.peak_rss_mb for o in summary.outcomes), default=0.0)
        busy = sum(o.seconds for o in summary.outcomes)
        cpu = sum(o.cpu_seconds for o in summary.outcomes) / max(done, 1)
        cores = os.cpu_count() or 1
        print(
            f"{engine:5} jobs={jobs} {precision}: {done} done, {summary.count('failed')} "
            f"failed in {seconds:.1f} s = {done / seconds * 60:.1f} scripts/min "
            f"({busy / max(done, 1):.2f} s of work per script); peak RSS per worker {peak:.0f} MB"
        )
        print(
            f"  load average {load_before:.1f} -> {os.getloadavg()[0]:.1f}; {cpu:.2f} CPU s per "
            f"script; CPU-bound ceiling on {cores} cores {cores * 60 / max(cpu, 1e-9):.1f} "
            "scripts/min"
        )
        parts: dict[str, float] = {}
        for outcome in summary.outcomes:
            for part, took in (outcome.report.timings if outcome.report else {}).items():
                parts[part] = parts.get(part, 0.0) + took / max(done, 1)
        print("  mean seconds per script: " + ", ".join(f"{k} {v:.2f}" for k, v in parts.items()))
        rows.append(
            f"| {spec} | {precision} | {done / seconds * 60:.1f} | {cpu:.2f} | "
            f"{cores * 60 / max(cpu, 1e-9):.1f} | {peak:.0f} | {load_before:.1f}-"
            f"{os.getloadavg()[0]:.1f} |"
        )
        for outcome in summary.outcomes:
            if outcome.status == "failed":
                print(f"  failed {Path(outcome.file).name}: {outcome.reason}")
    print(
        "\n| engine | precision | wall scripts/min | CPU s per script | CPU-bound ceiling, "
        f"{os.cpu_count()} cores | peak RSS per worker, MB | load average |"
    )
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows))


def check_precision(limit: int | None, against: list[str]) -> None:
    """Score the training scripts in float32 and in each of ``against`` and compare (one math
    thread). Strength CPU is ``process_time`` of ``score_screenplay`` (embedding and model)."""
    from assistant.analysis.strength.scene_strength import score_screenplay, shipped_model
    from assistant.models.embedder import Precision, SentenceTransformerEmbedder
    from assistant.script.reading import read_script

    folder = DATA / "labeled" / "tripod" / "screenplays" / "train"
    scripts = sorted(folder.glob("*.txt"))[:limit]
    model = shipped_model()
    names = ["float32", *against]
    cache_dir = api.load_settings().cache_dir  # where onnx-int8 keeps its exported graph
    embedders = {
        name: SentenceTransformerEmbedder(
            device="cpu", threads=1, precision=cast(Precision, name), cache_dir=cache_dir
        )
        for name in names
    }
    for embedder in embedders.values():
        embedder.embed(["warm-up: load the weights"])
    cpu = dict.fromkeys(names, 0.0)
    worst, total = dict.fromkeys(against, 0.0), dict.fromkeys(against, 0.0)
    same_scripts, same_tps = dict.fromkeys(against, 0), dict.fromkeys(against, 0)
    scenes = tps = 0
    for path in scripts:
        screenplay = read_script(path)
        reports = {}
        for name, embedder in embedders.items():
            began = time.process_time()
            reports[name] = score_screenplay(screenplay, embedder, model=model)
            cpu[name] += time.process_time() - began
        exact = reports["float32"]
        picks = [(p.name, p.scene_index) for p in exact.turning_points]
        scenes, tps = scenes + len(exact.scenes), tps + len(picks)
        line = f"  {path.stem[:40]:40}"
        for name in against:
            other = reports[name]
            gaps = [
                abs(x.strength - y.strength)
                for x, y in zip(exact.scenes, other.scenes, strict=True)
            ]
            worst[name], total[name] = max(worst[name], *gaps), total[name] + sum(gaps)
            agree = sum(p in picks for p in ((q.name, q.scene_index) for q in other.turning_points))
            same_tps[name] += agree
            same_scripts[name] += agree == len(picks)
            line += f"  {name}: max |d| {max(gaps):.4f}, TPs same {agree}/{len(picks)}"
        print(line, flush=True)
    print(f"{len(scripts)} training scripts, {scenes} scenes, {tps} turning points")
    print(f"  float32: strength CPU {cpu['float32']:.1f} s")
    for name in against:
        print(
            f"  {name}: strength max |d| {worst[name]:.4f}, "
            f"mean {total[name] / max(scenes, 1):.5f}; "
            f"turning points on the same scene {same_tps[name]}/{tps}; scripts with all five "
            f"the same {same_scripts[name]}/{len(scripts)}; strength CPU {cpu[name]:.1f} s "
            f"({cpu['float32'] / max(cpu[name], 1e-9):.2f}x less than float32)"
        )


if __name__ == "__main__":
    main()
