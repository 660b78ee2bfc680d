"""Check Slate's page counts against scripts whose real page count is known.

Three checks, all reading ``../shared/data`` at run time (nothing from it is copied):

1. screenplain's PDF fixtures: the page count of each PDF against Slate's count for the Fountain
   file beside it (the PDF's title page, if any, is not counted).
2. TRIPOD plain-text scripts that kept their printed page numbers (``12.`` alone on a line): the
   last page number against Slate's page count, and the page each scene heading sits on against
   the scene's ``start_page``. Reports the mean absolute error in pages.
3. Screen time: the page rule and Slate's estimate against the films' running times in the CMU
   Movie Summary metadata, for every TRIPOD script matched to a film.

Usage: ``.venv/bin/python scripts/check_page_counts.py [--data ../shared/data] [--details]``
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import itertools
import re
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.script.model import Screenplay

REPO_ROOT = Path(__file__).resolve().parent.parent

_PAGE_NUMBER = re.compile(r"^\s*(\d{1,3})\.?\s*$|^.*\S\s{10,}(\d{1,3})\.\s*$")
"""A line holding only a number, with or without a full stop (a page number or a scene number),
or a header line ending far right in a number and a full stop (``187 - Rev. 9/4/96    122.``);
a scene number in the right margin has no full stop."""
_MAX_BACK = 12
"""How many earlier candidates a page number may follow in the chain (skips stray numbers)."""


@dataclass(frozen=True)
class PageMarkers:
    """The printed page numbers found in a plain-text script."""

    lines: list[int]
    """0-based line index of each page number, in order."""
    pages: list[int]
    """The page number on each of those lines (increasing)."""
    total_lines: int
    """Lines in the file."""

    @property
    def page_count(self) -> int:
        return self.pages[-1]

    def page_at(self, line_index: int) -> int:
        """The page a 0-based line is printed on (numbers sit at the top of their page)."""
        page = self.pages[0] - 1 if self.pages[0] > 1 else 1
        for marker_line, number in zip(self.lines, self.pages, strict=True):
            if marker_line > line_index:
                break
            page = number
        return max(page, 1)


def find_page_markers(text: str) -> PageMarkers | None:
    """The chain of printed page numbers in a text, or None if it has no complete chain.

    Scene numbers also stand alone on lines, so the page numbers are taken as the longest chain of
    numbers rising by 1 to 3 with 15 to 120 lines per page step (a printed page is 50-66 text
    lines in these files). The chain counts as complete when it has 20+ numbers, starts by page 3,
    misses at most a fifth of the pages and its last number sits within 1.5 pages of the end.
    """
    all_lines = text.split("\n")
    found = [
        (index, int(match.group(1) or match.group(2)))
        for index, line in enumerate(all_lines)
        if (match := _PAGE_NUMBER.match(line))
    ]
    if len(found) < 20:
        return None
    best = [1] * len(found)
    previous = [-1] * len(found)
    for j, (line_j, number_j) in enumerate(found):
        for i in range(max(0, j - _MAX_BACK), j):
            line_i, number_i = found[i]
            step, gap = number_j - number_i, line_j - line_i
            if 1 <= step <= 3 and 15 * step <= gap <= 120 * step and best[i] + 1 > best[j]:
                best[j], previous[j] = best[i] + 1, i
    end = max(range(len(found)), key=best.__getitem__)
    chain: list[tuple[int, int]] = []
    while end >= 0:
        chain.append(found[end])
        end = previous[end]
    chain.reverse()
    first, last = chain[0][1], chain[-1][1]
    if len(chain) < 20 or first > 3 or len(chain) < 0.8 * (last - first + 1):
        return None
    per_page = statistics.median(
        (b[0] - a[0]) / (b[1] - a[1]) for a, b in itertools.pairwise(chain)
    )
    if len(all_lines) - chain[-1][0] > 1.5 * per_page:
        return None
    return PageMarkers([c[0] for c in chain], [c[1] for c in chain], len(all_lines))


@dataclass(frozen=True)
class PageCheck:
    name: str
    real_pages: int
    slate_pages: int
    scene_errors: list[int]
    """|start_page - printed page| for every headed scene with a source line."""
    seconds: float


def check_tripod(data: Path) -> list[PageCheck]:
    """Paginate every TRIPOD script with a complete page-number chain."""
    from assistant.script.pagination import paginate
    from assistant.script.plaintext import parse_plain
    from assistant.script.reading import decode_text

    checks: list[PageCheck] = []
    for path in sorted((data / "labeled/tripod/screenplays").glob("*/*.txt")):
        text = decode_text(path.read_bytes(), name=path.name).text
        markers = find_page_markers(text)
        if markers is None:
            continue
        screenplay = parse_plain(text)
        started = time.thread_time()
        paginate(screenplay)
        seconds = time.thread_time() - started
        errors = [
            abs(scene.start_page - markers.page_at(scene.start_line - 1))
            for scene in screenplay.headed_scenes()
            if scene.start_line is not None
        ]
        checks.append(
            PageCheck(path.stem, markers.page_count, screenplay.page_count, errors, seconds)
        )
    return checks


def _read_fountain(path: Path) -> Screenplay:
    from assistant.script.fountain import parse_fountain
    from assistant.script.reading import decode_text, finish_screenplay

    return finish_screenplay(parse_fountain(decode_text(path.read_bytes(), name=path.name).text))


def _pdf_pages(source: Path | io.BytesIO) -> int:
    import pdfplumber

    with pdfplumber.open(source) as pdf:
        return len(pdf.pages)


def check_screenplain_pdfs(data: Path) -> list[tuple[str, int, int]]:
    """(name, PDF pages without title page, Slate pages) for each PDF with a Fountain source."""
    results = []
    for pdf_path in sorted((data / "screenplays/format_fixtures/screenplain").glob("*.pdf")):
        source = pdf_path.with_suffix(".fountain")
        if not source.exists():
            continue
        screenplay = _read_fountain(source)
        pages = _pdf_pages(pdf_path) - (1 if screenplay.title_page else 0)
        results.append((pdf_path.stem, pages, screenplay.page_count))
    return results


def check_screenplain_renders(data: Path) -> list[tuple[str, int, int]]:
    """(name, pages screenplain prints, Slate pages) for the longer public Fountain scripts.

    screenplain is another implementation of the same page model (Courier 12, 55 lines, 1.5"
    margin) without (MORE)/(CONT'D), so this is a cross-check, not a ground truth.
    """
    from screenplain.export.pdf import to_pdf
    from screenplain.parsers import fountain as screenplain_fountain

    results = []
    for path in sorted((data / "screenplays/fountain").glob("*.fountain")):
        with path.open(encoding="utf-8-sig") as handle:
            parsed = screenplain_fountain.parse(handle)
        rendered = io.BytesIO()
        to_pdf(parsed, rendered)
        rendered.seek(0)
        screenplay = _read_fountain(path)
        pages = _pdf_pages(rendered) - (1 if screenplay.title_page else 0)
        results.append((path.stem, pages, screenplay.page_count))
    return results


def _runtimes(data: Path) -> dict[str, list[tuple[str, float]]]:
    """Film name -> [(release date, minutes)] from the CMU Movie Summary metadata."""
    found: dict[str, list[tuple[str, float]]] = {}
    path = data / "actors/cmu_movie_summary/movie.metadata.tsv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if len(row) > 5 and row[5]:
                try:
                    found.setdefault(row[2].lower(), []).append((row[3], float(row[5])))
                except ValueError:
                    continue
    return found


_WIKI_SUFFIX = re.compile(r"\s*\((?:(\d{4})\s+)?(?:[\w ]*\s)?film\)$")


def check_runtimes(data: Path) -> list[tuple[str, float, float, float]]:
    """(film, real minutes, page-rule minutes, estimated minutes) for each matched TRIPOD film."""
    from assistant.script.plaintext import parse_plain
    from assistant.script.reading import decode_text, finish_screenplay
    from assistant.script.stats import compute_stats

    runtimes = _runtimes(data)
    rows = []
    for path in sorted((data / "labeled/tripod/screenplays").glob("*/*.txt")):
        match = _WIKI_SUFFIX.search(path.stem)
        title = path.stem[: match.start()] if match else path.stem
        year = match.group(1) if match else None
        candidates = runtimes.get(title.lower(), [])
        if year:
            candidates = [c for c in candidates if c[0].startswith(year)]
        if len(candidates) != 1 or not 60 <= candidates[0][1] <= 240:
            continue  # unknown or ambiguous film (remakes share titles)
        text = decode_text(path.read_bytes(), name=path.name).text
        stats = compute_stats(finish_screenplay(parse_plain(text)))
        if stats.scene_count < 10:
            continue  # the importer did not find this script's scenes
        screen = stats.screen_time
        rows.append(
            (path.stem, candidates[0][1], screen.page_rule_minutes, screen.estimated_minutes)
        )
    return rows


def _mean_abs(values: Sequence[float]) -> float:
    return sum(abs(v) for v in values) / len(values) if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO_ROOT.parent / "shared" / "data")
    parser.add_argument("--details", action="store_true", help="one line per script")
    parser.add_argument("--skip-runtimes", action="store_true", help="skip check 3 (~1 minute)")
    args = parser.parse_args(argv)
    data: Path = args.data
    if not (data / "README.md").is_file():
        print(f"{data} is missing: this check reads ../shared/data", file=sys.stderr)
        return 2

    try:
        pdfs = check_screenplain_pdfs(data)
    except ImportError as exc:
        print(f"1. screenplain PDFs: skipped, an importer is missing ({exc})")
    else:
        wrong = [(name, real, ours) for name, real, ours in pdfs if real != ours]
        print(f"1. screenplain PDFs: {len(pdfs) - len(wrong)}/{len(pdfs)} page counts equal")
        for name, real, ours in wrong:
            print(f"   {name}: PDF {real}, Slate {ours}")
        renders = check_screenplain_renders(data)
        print("   screenplain's own PDFs of the longer Fountain scripts (a cross-check):")
        for name, real, ours in renders:
            print(f"   {name[:40]:40} screenplain {real:3d}  Slate {ours:3d}")

    checks = check_tripod(data)
    page_errors = [c.slate_pages - c.real_pages for c in checks]
    scene_errors = [e for c in checks for e in c.scene_errors]
    print(
        f"2. TRIPOD scripts with printed page numbers: {len(checks)}; page count error: mean "
        f"absolute {_mean_abs(page_errors):.2f} pages "
        f"({_mean_abs([e / c.real_pages for e, c in zip(page_errors, checks, strict=True)]):.1%}),"
        f" mean signed {statistics.fmean(page_errors):+.2f}, worst {max(page_errors, key=abs):+d}"
    )
    milliseconds = [c.seconds * 1000 for c in checks]
    print(
        f"   scene start pages: mean absolute error {_mean_abs(scene_errors):.2f} pages over "
        f"{len(scene_errors)} scenes; paginate() took {statistics.median(milliseconds):.1f} ms "
        f"CPU per script (median; at most {max(milliseconds):.1f})"
    )
    if args.details:
        for check, error in zip(checks, page_errors, strict=True):
            scene_mae = _mean_abs(check.scene_errors)
            print(
                f"   {check.name[:40]:40} printed {check.real_pages:4d}  Slate "
                f"{check.slate_pages:4d}  {error:+4d}  scene MAE {scene_mae:5.2f}"
            )

    if not args.skip_runtimes:
        rows = check_runtimes(data)
        rule = [r[2] - r[1] for r in rows]
        estimate = [r[3] - r[1] for r in rows]
        print(
            f"3. Screen time vs CMU running times ({len(rows)} films): page rule MAE "
            f"{_mean_abs(rule):.1f} min (mean {statistics.fmean(rule):+.1f}), estimate MAE "
            f"{_mean_abs(estimate):.1f} min (mean {statistics.fmean(estimate):+.1f})"
        )
        if args.details:
            for film, minutes, by_rule, estimated in rows:
                print(
                    f"   {film[:40]:40} real {minutes:5.0f}  rule {by_rule:6.1f}  "
                    f"est {estimated:6.1f}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
