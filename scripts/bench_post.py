"""Benchmark the post-production hooks: the previs package and every exporter on a real script,
and loudness measurement and normalisation on generated audio; time, CPU time and peak memory.

    python scripts/bench_post.py [--script PATH] [--minutes M] [--clips shot|scene]

The script defaults to the first TRIPOD screenplay in ../shared/data (read at run time, nothing
copied); the package uses the real MiniLM embedder with the disk cache off, so scoring, beats,
breakdown, shots and the CDL tones are all computed. The audio is generated here: M minutes of
48 kHz stereo, alternating speech-like sound and a louder held chord (half dialogue), so the
Netflix verdict runs the speech-activity gate. Peak memory is the process's resident peak during
each step (Linux VmHWM, reset before each step), so it includes what earlier steps still hold
(torch and MiniLM, about 0.5-0.9 GB, after the first steps). On a shared machine wall time is
distorted by the others' load; the load average is printed and CPU time is the figure to compare.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["SLATE_MODELS__EMBEDDER__CACHE"] = "false"  # every vector computed afresh

import numpy as np  # noqa: E402

from assistant import api  # noqa: E402
from assistant.analysis.batch.worker import peak_rss_mb  # noqa: E402

DATA = Path(os.environ.get("SLATE_SHARED_DATA", ROOT.parent / "shared" / "data"))
RATE = 48_000
T = TypeVar("T")


def _reset_peak() -> bool:
    """Reset the kernel's resident-memory peak (VmHWM) of this process; False when it cannot."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def timed(label: str, step: Callable[[], T]) -> T:
    """Run ``step``; print its wall and CPU seconds and the process's resident peak during it
    (the whole run's peak so far where the peak cannot be reset)."""
    reset = _reset_peak()
    wall, cpu = time.perf_counter(), time.process_time()
    result = step()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    mark = "" if reset else " (run so far)"
    print(
        f"  {label:34} {wall:7.2f} s wall {cpu:7.2f} s CPU  peak RSS {peak_rss_mb():6.0f} MB{mark}"
    )
    return result


def mix(minutes: float) -> np.ndarray:
    """Ten-second stretches of speech-like sound (-30 dBFS RMS, the tests' generator) and a held
    chord (-18 dBFS peak), alternating."""
    from tests.post.conftest import chord, speech_like

    pair = np.concatenate([speech_like(10, -30.0), chord(10, -18.0)])
    return np.tile(pair, (max(1, round(minutes * 3)), 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--script", type=Path, default=None)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--clips", choices=["shot", "scene"], default="shot")
    args = parser.parse_args()
    script = args.script or sorted((DATA / "labeled" / "tripod" / "screenplays").glob("*/*.txt"))[0]
    print(f"load average {os.getloadavg()[0]:.1f}; {os.cpu_count()} CPUs (shared machine)")
    print(f"previs of {script.name}, one clip per {args.clips}:")
    screenplay = timed("parse", lambda: api.open_script(script))
    settings = api.load_settings()
    from assistant.models.registry import get_embedder

    embedder = get_embedder(settings)
    timed("load MiniLM", lambda: embedder.embed(["Slate"]))
    package = timed(
        "post_package (score, beats, shots...)",
        lambda: api.post_package(screenplay, settings, embedder=embedder, clips=args.clips),
    )
    print(f"  {len(package.clips)} clips over {len(screenplay.scenes)} scenes")
    with tempfile.TemporaryDirectory(prefix="bench-post-") as tmp:
        out = Path(tmp)
        for name in ("otio", "edl", "fcp7xml", "fcpxml", "cdl", "ccc"):
            result = timed(
                f"write {name}",
                lambda name=name: api.save_post_export(  # type: ignore[misc]
                    package, name, out, stem=script.stem, settings=settings
                ),
            )
            print(f"    {Path(result.path).name}: {Path(result.path).stat().st_size / 1024:.0f} KB")
        import soundfile

        wav = out / "mix.wav"
        audio = mix(args.minutes)
        soundfile.write(str(wav), audio, RATE, subtype="PCM_24")
        seconds = audio.shape[0] / RATE
        del audio
        print(f"loudness of {seconds / 60:.1f} min of 48 kHz stereo (generated, half dialogue):")
        for targets in (["ebu-r128"], ["ebu-r128", "atsc-a85", "netflix"]):
            started = time.process_time()
            [report] = timed(
                f"measure {'+'.join(targets)}", lambda t=targets: api.measure_loudness([wav], t)
            )
            cpu = time.process_time() - started
            print(
                f"    {seconds / max(cpu, 1e-9):.0f}x real time (CPU); integrated "
                f"{report.integrated_lufs} LUFS, dialogue~ {report.dialogue_gated_lufs} LUFS, "
                f"speech share {report.speech_share}"
            )
        for target in ("ebu-r128", "netflix"):
            timed(
                f"normalize {target}",
                lambda t=target: api.save_normalized(
                    wav, t, out / f"norm-{t}.wav", settings=settings
                ),
            )
    print(f"process peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
