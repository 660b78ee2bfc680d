"""PDF export on real scripts: time, agreement with the page model, and what reads back.

For each TRIPOD test script (plain text, read at run time from ../shared/data) and Slate's sample:
the CPU time of the export, whether the PDF has the page model's page count and every scene on its
page, and how much Slate's own PDF importer reads back: scenes, cues, headings, and the scenes
whose spoken words and other printed words come back exactly.

Usage: ``.venv/bin/python scripts/bench_pdf_export.py [--data ../shared/data] [--runs 3]``
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from assistant.script.characters import normalise_cue_name
from assistant.script.model import Action, Centered, Lyrics, Screenplay, Shot, Transition
from assistant.script.page_layout import printable
from assistant.script.pdf.words import pdfium_words
from assistant.script.pdf_export import to_pdf
from assistant.script.pdf_export_layout import lay_out
from assistant.script.reading import parse_bytes, read_script

REPO_ROOT = Path(__file__).resolve().parent.parent
_PRINTED = (Action, Transition, Centered, Lyrics, Shot)


def _signature(screenplay: Screenplay) -> list[tuple[str, list[str], list[str], list[str]]]:
    out = []
    for scene in screenplay.headed_scenes():
        assert scene.heading is not None
        dialogues = scene.dialogues()
        spoken = " ".join(printable(p.text) for d in dialogues for p in d.parts).split()
        other = " ".join(printable(e.text) for e in scene.elements if isinstance(e, _PRINTED))
        cues = [normalise_cue_name(d.cue.name) for d in dialogues]
        out.append((printable(scene.heading.text), cues, spoken, other.split()))
    return out


def _measure(path: Path, runs: int) -> str:
    screenplay = read_script(path)
    times = []
    for _ in range(runs):
        start = time.process_time()
        data = to_pdf(screenplay)
        times.append(time.process_time() - start)
    pages = lay_out(screenplay)
    on_page = all(screenplay.scenes[i].start_page == p.number for p in pages for i in p.scenes)
    printed = len(pdfium_words(data, path.name)) - bool(screenplay.title_page)
    before, after = _signature(screenplay), _signature(parse_bytes(data, format="pdf"))
    n = len(before)
    if len(after) != n:
        name = path.name[:28]
        return f"{name:28} {screenplay.page_count:5} {printed:5} scenes {n} -> {len(after)}"
    pairs = list(zip(before, after, strict=True))
    headings = sum(a[0] == b[0] for a, b in pairs)
    cues = sum(a[1] == b[1] for a, b in pairs)
    spoken = sum(a[2] == b[2] for a, b in pairs)
    other = sum(a[3] == b[3] for a, b in pairs)
    return (
        f"{path.name[:28]:28} {screenplay.page_count:5} {printed:5} {on_page!s:6} "
        f"{n:6} {headings:8} {cues:5} {spoken:6} {other:6} {min(times) * 1000:8.0f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO_ROOT.parent / "shared" / "data")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = args.data / "labeled" / "tripod" / "screenplays" / "test"
    paths = [REPO_ROOT / "assistant" / "samples" / "night_shift.fountain"]
    if folder.is_dir():
        paths += sorted(folder.glob("*.txt"))
    else:
        print(f"{folder} is missing: only the sample is measured", file=sys.stderr)
    print(f"load average {os.getloadavg()[0]:.1f}; CPU ms = fastest of {args.runs} exports")
    print(f"{'script':28} {'model':>5} {'pdf':>5} {'starts':6} {'scenes':>6} {'headings':>8} "
          f"{'cues':>5} {'spoken':>6} {'other':>6} {'CPU ms':>8}")  # fmt: skip
    for path in paths:
        print(_measure(path, args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
