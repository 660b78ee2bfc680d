"""Check the plain-text importer on the 94 real TRIPOD screenplays.

For each script: Slate's scene count, the reference segmentation's count (from
``screenplay_manifest.tsv``), how many reference heading lines (lines whose tokens include
``INT.``, ``EXT.``, ``INT/EXT.``, ``EXT./INT.`` or ``INT./EXT.``) are Slate scene starts, the
number of speaking characters, the share of words that are dialogue, the parse time (CPU time, so
that other processes on the machine do not inflate it), and flags for outliers. Prints no text
from the scripts.

Usage: .venv/bin/python scripts/check_plaintext_import.py [--data ../shared/data] [--only NAME]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from assistant.script.model import Dialogue, DualDialogue, Screenplay
from assistant.script.plaintext import parse_plain
from assistant.script.reading import decode_text

REFERENCE_TOKENS = frozenset({"INT.", "EXT.", "INT/EXT.", "EXT./INT.", "INT./EXT."})
NO_INT_EXT = (
    "Alien (film)",
    "Jaws (film)",
    "Jurassic Park (film)",
    "My Girl (film)",
    "Saw (film)",
    "The Exorcist (film)",
    "When Harry Met Sally...",
)
FEW_SCENES = 0.8
"""Flag a script when Slate finds fewer than 80% of the reference scene count."""
MIN_DIALOGUE_SHARE = 0.15
"""Feature scripts are 30-60% dialogue by words; under 15% means speeches were read as action."""


@dataclass
class ScriptCheck:
    movie: str
    scenes: int
    reference: int
    reference_lines: int
    matched: int
    speakers: int
    dialogue_share: float
    seconds: float

    @property
    def flags(self) -> list[str]:
        out = []
        if self.dialogue_share == 0:
            out.append("NO-DIALOGUE")
        elif self.dialogue_share < MIN_DIALOGUE_SHARE:
            out.append("LOW-DIALOGUE")
        if self.speakers < 3:
            out.append("FEW-SPEAKERS")
        if self.reference and self.scenes < FEW_SCENES * self.reference:
            out.append("FEW-SCENES")
        if self.reference_lines and self.matched < self.reference_lines:
            out.append(f"MISSED-{self.reference_lines - self.matched}")
        if self.scenes < 10:
            out.append("UNDER-10-SCENES")
        return out


def reference_heading_lines(text: str) -> set[int]:
    """1-based numbers of the lines the reference segmentation starts scenes at."""
    return {
        number
        for number, line in enumerate(text.split("\n"), start=1)
        if REFERENCE_TOKENS.intersection(line.split())
    }


def word_shares(screenplay: Screenplay) -> tuple[int, int]:
    """(dialogue words, all words) over the scenes' elements."""
    dialogue = total = 0
    for scene in screenplay.scenes:
        for element in scene.elements:
            if isinstance(element, Dialogue | DualDialogue):
                parts = (
                    [element] if isinstance(element, Dialogue) else [element.left, element.right]
                )
                words = sum(len(d.speech_text.split()) for d in parts)
                dialogue += words
                total += words
            else:
                total += len(str(getattr(element, "text", "")).split())
    return dialogue, total


def check_script(path: Path, reference: int) -> ScriptCheck:
    text = decode_text(path.read_bytes(), name=path.name).text
    started = time.process_time()
    screenplay = parse_plain(text)
    seconds = time.process_time() - started
    starts = {scene.start_line for scene in screenplay.scenes}
    ref_lines = reference_heading_lines(text)
    speakers = {d.cue.name for scene in screenplay.scenes for d in scene.dialogues() if d.parts}
    dialogue, total = word_shares(screenplay)
    return ScriptCheck(
        movie=path.stem,
        scenes=sum(1 for k, s in enumerate(screenplay.scenes) if s.heading is not None or k > 0),
        reference=reference,
        reference_lines=len(ref_lines),
        matched=len(ref_lines & starts),
        speakers=len(speakers),
        dialogue_share=dialogue / total if total else 0.0,
        seconds=seconds,
    )


def load_manifest(tripod: Path) -> dict[str, int]:
    with (tripod / "screenplay_manifest.tsv").open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {row["movie"]: int(row["n_scenes_reference_segmentation"]) for row in rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--only", help="check only scripts whose name contains this")
    parser.add_argument("--flagged", action="store_true", help="print only flagged scripts")
    args = parser.parse_args(argv)
    tripod = args.data / "labeled" / "tripod"
    if not (tripod / "screenplay_manifest.tsv").is_file():
        print(
            f"{tripod} is missing: this check reads the TRIPOD screenplays from the shared data "
            "folder (give its path with --data)",
            file=sys.stderr,
        )
        return 2
    manifest = load_manifest(tripod)
    paths = sorted((tripod / "screenplays").glob("*/*.txt"))
    if args.only:
        paths = [p for p in paths if args.only.lower() in p.stem.lower()]
    checks = [check_script(path, manifest.get(path.stem, 0)) for path in paths]
    header = f"{'script':44} {'slate':>5} {'ref':>4} {'reflines':>8} {'recall':>6} "
    print(header + f"{'speakers':>8} {'dlg%':>5} {'cpu ms':>6}  flags")
    for c in checks:
        if args.flagged and not c.flags:
            continue
        recall = c.matched / c.reference_lines if c.reference_lines else float("nan")
        print(
            f"{c.movie[:44]:44} {c.scenes:5d} {c.reference:4d} {c.reference_lines:8d} "
            f"{recall:6.1%} {c.speakers:8d} {c.dialogue_share:5.0%} {c.seconds * 1000:6.0f}  "
            + " ".join(c.flags)
        )
    _summary(checks)
    return 0


def _summary(checks: list[ScriptCheck]) -> None:
    ref_lines = sum(c.reference_lines for c in checks)
    matched = sum(c.matched for c in checks)
    with_ref = [c for c in checks if c.reference]
    ratio = sorted(c.scenes / c.reference for c in with_ref if c.movie not in NO_INT_EXT)
    no_int_ext = [c for c in checks if c.movie in NO_INT_EXT]
    print()
    print(f"scripts: {len(checks)}")
    print(
        f"reference heading lines: {ref_lines}, Slate scene starts among them: {matched} "
        f"(recall {matched / ref_lines:.2%})"
        if ref_lines
        else "no reference heading lines"
    )
    print(
        f"scripts with every reference heading found: "
        f"{sum(1 for c in checks if c.matched == c.reference_lines)}/{len(checks)}"
    )
    counted = [c for c in with_ref if c.movie not in NO_INT_EXT]
    if counted:
        extra = sum(1 for c in counted if c.scenes > c.reference + 1)
        print(
            f"scenes over the {len(counted)} scripts with INT/EXT headings: Slate "
            f"{sum(c.scenes for c in counted)}, reference {sum(c.reference for c in counted)} "
            f"(the reference drops each script's last scene); scripts where Slate finds more "
            f"than reference + 1: {extra}"
        )
    if ratio:
        print(
            "Slate scenes / reference scenes (INT/EXT scripts): "
            f"median {ratio[len(ratio) // 2]:.2f}, min {ratio[0]:.2f}, max {ratio[-1]:.2f}"
        )
    print(
        f"scripts with dialogue: {sum(1 for c in checks if c.dialogue_share > 0)}/{len(checks)}; "
        f"dialogue share median "
        f"{sorted(c.dialogue_share for c in checks)[len(checks) // 2]:.0%}"
    )
    print(
        f"speaking characters: median {sorted(c.speakers for c in checks)[len(checks) // 2]}, "
        f"min {min(c.speakers for c in checks)}"
    )
    if no_int_ext:
        print(
            "scripts without INT/EXT headings: "
            + ", ".join(f"{c.movie} {c.scenes}" for c in no_int_ext)
        )
    flagged = [c for c in checks if c.flags]
    print(f"flagged: {len(flagged)}")
    slowest = max(checks, key=lambda c: c.seconds)
    print(
        f"slowest parse: {slowest.seconds * 1000:.0f} ms CPU ({slowest.movie}); total "
        f"{sum(c.seconds for c in checks):.1f} s"
    )


if __name__ == "__main__":
    raise SystemExit(main())
