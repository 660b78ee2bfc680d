"""How fast Slate reads Fountain, against screenplain, on a feature-length script.

Builds a script of about ``--pages`` pages by repeating the body of the bundled sample
(``assistant/samples/night_shift.fountain``), then times in one process, each as the median of
``--runs`` runs after one warm-up run:

  (a) ``parse_fountain`` alone (text to scenes and elements);
  (b) ``parse_bytes(data, format="fountain")``: decoding, parsing, pagination and characters;
  (c) screenplain's Fountain parser (``screenplain.parsers.fountain.parse``) on the same text.

Peak memory is measured per parser in a separate run under ``tracemalloc`` (which slows code down,
so it is never timed). Usage: ``python scripts/bench_parse.py --runs 20 --pages 120``.
"""

from __future__ import annotations

import argparse
import io
import math
import statistics
import time
import tracemalloc
from collections.abc import Callable
from importlib import resources

from assistant.script.fountain import FountainImporter, parse_fountain
from assistant.script.fountain_title import read_title_page
from assistant.script.reading import finish_screenplay, parse_bytes


def build_script(pages: int) -> tuple[str, int]:
    """A title page and the sample's body repeated to about ``pages`` pages (and that count)."""
    sample = (
        resources.files("assistant").joinpath("samples/night_shift.fountain").read_text("utf-8")
    )
    lines = sample.split("\n")
    _, body_start = read_title_page(lines)
    title, body = "\n".join(lines[:body_start]), "\n".join(lines[body_start:])
    sample_pages = finish_screenplay(parse_fountain(sample)).page_count
    repeats = max(1, math.ceil(pages / sample_pages))
    return title + "\n\n" + "\n\n".join([body] * repeats), repeats


def median_seconds(run: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``runs`` runs after one warm-up run.

    CPU time is printed too because on a shared machine the wall clock also counts waiting for a
    core; the ratio between parsers is taken on wall-clock medians measured in the same process.
    """
    run()  # warm-up: imports, regex caches, pydantic validators
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def peak_mib(run: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 1_048_576
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs per parser (median)")
    parser.add_argument("--pages", type=int, default=120, help="approximate script length")
    args = parser.parse_args()

    from screenplain.parsers.fountain import parse as screenplain_parse

    text, repeats = build_script(args.pages)
    data = text.encode("utf-8")

    def slate_pipeline() -> object:
        return parse_bytes(data, format="fountain")

    try:
        screenplay = slate_pipeline()
    except ImportError as exc:
        # parse_bytes looks the importer up in the registry, which imports every format module.
        print(f"note: parse_bytes unavailable ({exc}); timing importer + finish_screenplay instead")

        def slate_pipeline() -> object:
            return finish_screenplay(FountainImporter().read(data))

        screenplay = slate_pipeline()
    page_count = screenplay.page_count  # type: ignore[attr-defined]

    contenders: list[tuple[str, Callable[[], object]]] = [
        ("slate parse_fountain", lambda: parse_fountain(text)),
        ("slate parse_bytes (+pages, characters)", slate_pipeline),
        ("screenplain parse", lambda: screenplain_parse(io.StringIO(text))),
    ]
    print(
        f"script: {text.count(chr(10)) + 1} lines, {len(data) / 1024:.0f} KiB, "
        f"{page_count} pages (sample body x{repeats}); median of {args.runs} runs"
    )
    medians: dict[str, float] = {}
    for name, run in contenders:
        wall, cpu = median_seconds(run, args.runs)
        medians[name] = wall
        print(f"  {name:<40} {wall:.4f} s (cpu {cpu:.4f} s)   peak {peak_mib(run):6.1f} MiB")
    slate, full = medians["slate parse_fountain"], medians["slate parse_bytes (+pages, characters)"]
    other = medians["screenplain parse"]
    print(f"screenplain / slate parse_fountain: {other / slate:.1f}x")
    print(f"screenplain / slate parse_bytes:    {other / full:.1f}x")


if __name__ == "__main__":
    main()
