"""How fast Slate reads screenplay PDFs: PDFium (the importer's path) against pdfplumber.

On the same files, side by side: the median wall-clock seconds of ``--runs`` full imports (text
layer, rebuilt layout, plain-text classification, pagination and characters) after one warm-up,
each extractor's peak memory (the resident high-water mark of a fresh interpreter while it imports
one file, less its mark after loading the modules; PDFium allocates outside Python's heap, so
tracemalloc would not see it; Linux only), and
whether the two give the same screenplay (``model_dump`` equal).

Files: screenplain's PDFs in ``<data>/screenplays/format_fixtures/screenplain/`` and ``--tripod``
TRIPOD test scripts turned into PDFs at run time in a temporary folder (read by Slate, written as
Fountain, rendered by screenplain), which gives real feature lengths. The last line is PDFium's
time scaled to 120 pages (the goal is under 1 s). Usage:
``python scripts/bench_pdf.py --runs 3 --tripod 3 [--data ../shared/data]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from assistant.script.model import Screenplay
from assistant.script.pdf import Extractor, read_pdf
from assistant.script.reading import finish_screenplay

EXTRACTORS: tuple[Extractor, ...] = ("pdfplumber", "pdfium")
_MEMORY_CHILD = """
import json, sys
from assistant.script.pdf import read_pdf
from assistant.script.reading import finish_screenplay
import pdfplumber, pypdfium2

def high_water_kb():  # VmHWM starts afresh at exec; ru_maxrss would carry the parent's peak
    status = open("/proc/self/status").read()
    return int(next(l for l in status.splitlines() if l.startswith("VmHWM:")).split()[1])

before = high_water_kb()
if sys.argv[2] != "-":
    finish_screenplay(read_pdf(open(sys.argv[2], "rb").read(), extractor=sys.argv[1]))
print(json.dumps(high_water_kb() - before))
"""


def render_tripod(data: Path, count: int, folder: Path) -> list[Path]:
    """The first ``count`` TRIPOD test scripts as PDFs rendered by screenplain into ``folder``."""
    from screenplain.main import main as screenplain_main

    from assistant.script.fountain_export import FountainExporter
    from assistant.script.reading import read_script

    scripts = sorted((data / "labeled" / "tripod" / "screenplays" / "test").glob("*.txt"))
    out = []
    for script in scripts[:count]:
        fountain = folder / (script.stem.replace(" ", "_") + ".fountain")
        fountain.write_bytes(FountainExporter().write(read_script(script)))
        pdf = fountain.with_suffix(".pdf")
        screenplain_main([str(fountain), str(pdf), "--format", "pdf"])
        out.append(pdf)
    return out


def timed(data: bytes, extractor: Extractor, runs: int) -> tuple[float, float, Screenplay]:
    """Median wall-clock and CPU seconds of ``runs`` imports after a warm-up, and the screenplay.

    CPU time is given too because on a shared machine the wall clock also counts waiting for a
    core; the speed-up is taken on wall-clock medians measured in the same process.
    """
    screenplay = finish_screenplay(read_pdf(data, extractor=extractor))
    walls, cpus = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        finish_screenplay(read_pdf(data, extractor=extractor))
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
    return statistics.median(walls), statistics.median(cpus), screenplay


def peak_mb(path: Path | None, extractor: Extractor) -> float:
    """Peak resident memory (MB) a fresh interpreter adds while importing ``path``."""
    result = subprocess.run(
        [sys.executable, "-c", _MEMORY_CHILD, extractor, str(path) if path else "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    kilobytes: int = json.loads(result.stdout.strip().splitlines()[-1])
    return kilobytes / 1024


def pdf_pages(data: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tripod", type=int, default=3, help="TRIPOD scripts to render")
    args = parser.parse_args()
    fixtures = args.data / "screenplays" / "format_fixtures" / "screenplain"
    if not fixtures.is_dir():
        sys.exit(f"No shared data at {args.data} (give --data PATH)")
    with tempfile.TemporaryDirectory() as tmp:
        files = sorted(fixtures.glob("*.pdf")) + render_tripod(args.data, args.tripod, Path(tmp))
        header = (
            f"{'file':34} {'pages':>5} {'pdfplumber s':>12} {'pdfium s':>9} {'(cpu s)':>8} "
            f"{'x faster':>8} {'plumber MB':>10} {'pdfium MB':>9} same"
        )
        print(header)
        long_pages = long_seconds = long_cpu = 0.0
        for path in files:
            data = path.read_bytes()
            pages = pdf_pages(data)
            (slow, _, reference), (fast, fast_cpu, screenplay) = (
                timed(data, extractor, args.runs) for extractor in EXTRACTORS
            )
            memory = [peak_mb(path, extractor) for extractor in EXTRACTORS]
            same = reference.model_dump() == screenplay.model_dump()
            print(
                f"{path.name[:34]:34} {pages:5d} {slow:12.3f} {fast:9.3f} {fast_cpu:8.3f} "
                f"{slow / max(fast, 1e-9):8.1f} {memory[0]:10.1f} {memory[1]:9.1f} "
                f"{'yes' if same else 'NO'}"
            )
            if pages >= 20:
                long_pages += pages
                long_seconds += fast
                long_cpu += fast_cpu
    if long_pages:
        per_120, cpu_120 = long_seconds / long_pages * 120, long_cpu / long_pages * 120
        print(
            f"pdfium on the rendered features: {per_120:.3f} s ({cpu_120:.3f} s CPU) per 120 pages"
        )


if __name__ == "__main__":
    main()
