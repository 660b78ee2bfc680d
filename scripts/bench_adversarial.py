"""How Slate's importers, exporters and ``slate stats`` cope with hostile input: time per MB.

Each family is a few tokens repeated to a target size (unclosed and nested emphasis, notes,
boneyard, brackets, carets, very long lines, millions of blank lines, one-character lines, repeated
cues, huge title pages), as Fountain, plain text or FDX. Every (family, size) case runs in its own
subprocess, so a case that hangs is killed at ``--timeout`` and reported as such, and the child's
peak resident memory is its own. A case times, one after the other:

  import  choosing the importer as for a ``.txt`` file (not for FDX), then ``parse_bytes``
          (decode, parse, paginate, characters): what ``slate stats`` reads;
  stats   ``compute_stats`` on the result;
  export  ``to_fountain`` and ``to_fdx`` of the result.

Prints seconds per MB of input for each stage and the case's total, and flags a family whose
total per MB at the largest size is more than ``GROWTH_FLAG`` times its per-MB at 100 KB (time
that grows with size: a super-linear path). Goal: every family, every size, under 1 s per MB on
2 cores, and flat per-MB time from 100 KB to 10 MB.

Usage: ``python scripts/bench_adversarial.py`` (10 KB to 10 MB; minutes), or quick:
``python scripts/bench_adversarial.py --max-size 100k --timeout 20``; ``--family NAME`` (repeat)
runs only the named families.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

# Bench the checkout this script is in, not whichever copy of the package is installed.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

KB = 1024
MB = 1024 * KB
SIZES = {"10k": 10 * KB, "100k": 100 * KB, "1m": MB, "10m": 10 * MB}
GROWTH_FLAG = 2.0
"""Per-MB time at the largest size over per-MB time at 100 KB above which a family is flagged
(noise on a shared machine stays well under 2x; a quadratic path grows 100x over the range)."""
GOAL_SECONDS_PER_MB = 1.0

CUE_PAD = " " * 25
SPEECH_PAD = " " * 10
_SPEECHES = "INT. A - DAY\n\n" + f"{CUE_PAD}MARA\n{SPEECH_PAD}Hello.\n" * 20
"""Enough speeches for the plain-text importer to find its cue and speech columns."""


def _repeat(unit: str, size: int, head: str = "", tail: str = "") -> str:
    count = max(1, (size - len(head) - len(tail)) // len(unit))
    return head + unit * count + tail


def _fdx(paragraphs: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n'
        '<FinalDraft DocumentType="Script" Template="No" Version="5"><Content>'
        f"{paragraphs}</Content></FinalDraft>"
    )


_ACTION_A = '<Paragraph Type="Action"><Text>a</Text></Paragraph>'
_CENTERED_GROUP = '<Paragraph Alignment="Center"><Text>x</Text></Paragraph><Paragraph/>'
_STYLED_PAIR = '<Text Style="Bold">a</Text><Text Style="Italic+Underline">b </Text>'


def _fdx_repeat(paragraph: str, size: int, last: str = "") -> str:
    return _fdx(_repeat(paragraph, size - 150, tail=last))


def _fdx_one(kind: str, unit: str, size: int) -> str:
    return _fdx(f'<Paragraph Type="{kind}"><Text>{_repeat(unit, size - 200)}</Text></Paragraph>')


Builder = Callable[[int], str]
FAMILIES: dict[str, tuple[str, Builder]] = {
    # Fountain: emphasis
    "ftn-underline-open": ("fountain", lambda n: _repeat("_a ", n)),
    "ftn-italic-open": ("fountain", lambda n: _repeat("*a ", n)),
    "ftn-bold-open": ("fountain", lambda n: _repeat("**a ", n)),
    "ftn-bold-italic-open": ("fountain", lambda n: _repeat("***a ", n)),
    "ftn-nested-open": ("fountain", lambda n: _repeat("*_**a ", n)),
    "ftn-nested-closed": ("fountain", lambda n: _repeat("***_a_*** ", n)),
    "ftn-emphasis-lines": ("fountain", lambda n: _repeat("_a *b **c\n", n)),
    "ftn-escapes": ("fountain", lambda n: _repeat("\\*a\\_ ", n)),
    "ftn-stars-only": ("fountain", lambda n: _repeat("*", n)),
    # Fountain: notes, boneyard, brackets, carets
    "ftn-note-open": ("fountain", lambda n: _repeat("[[", n)),
    "ftn-note-words": ("fountain", lambda n: _repeat("[[a ", n)),
    "ftn-note-close": ("fountain", lambda n: _repeat("]]", n)),
    "ftn-notes-inline": ("fountain", lambda n: _repeat("a [[b]] ", n)),
    "ftn-note-lines": ("fountain", lambda n: _repeat("[[a\n", n)),
    "ftn-boneyard-open": ("fountain", lambda n: _repeat("/*", n)),
    "ftn-boneyard-close": ("fountain", lambda n: _repeat("*/", n)),
    "ftn-boneyard-pairs": ("fountain", lambda n: _repeat("a /* b */ c\n", n)),
    "ftn-slash-star": ("fountain", lambda n: _repeat("/*/", n)),
    "ftn-brackets": ("fountain", lambda n: _repeat("[(", n)),
    "ftn-parens-lines": ("fountain", lambda n: _repeat("MARA\n(a\n", n)),
    "ftn-carets": ("fountain", lambda n: _repeat("^", n, head="MARA ")),
    "ftn-dual-cues": ("fountain", lambda n: _repeat("MARA ^\nHi.\n\n", n)),
    "ftn-cue-extensions": ("fountain", lambda n: _repeat(" (V.O.)", n, head="MARA", tail="\nHi.")),
    "ftn-cue-spaces": ("fountain", lambda n: _repeat(" ", n, head="MARA", tail="B\nHi.")),
    "ftn-heading-spaces": ("fountain", lambda n: _repeat(" ", n, head="INT. A", tail="-x")),
    "ftn-number-spaces": ("fountain", lambda n: _repeat(" ", n, head="INT. A", tail="a##")),
    "ftn-centered": ("fountain", lambda n: _repeat(">a<", n)),
    "ftn-centered-spaces": ("fountain", lambda n: _repeat(" ", n, head=">a", tail="b<")),
    # Fountain: shapes
    "ftn-long-line": ("fountain", lambda n: _repeat("a", n)),
    "ftn-long-words": ("fountain", lambda n: _repeat("word ", n)),
    "ftn-blank-lines": ("fountain", lambda n: _repeat("\n", n, head="A")),
    "ftn-two-space-lines": ("fountain", lambda n: _repeat("  \n", n, head="MARA\nHi\n")),
    "ftn-one-char-lines": ("fountain", lambda n: _repeat("a\n", n)),
    "ftn-cues": ("fountain", lambda n: _repeat("MARA\nHi.\n\n", n)),
    "ftn-long-speech": ("fountain", lambda n: _repeat("(a)\nb\n", n, head="MARA\n")),
    "ftn-cue-lines": ("fountain", lambda n: _repeat("MARA\n", n)),
    "ftn-headings": ("fountain", lambda n: _repeat("INT. A - DAY\n\n", n)),
    "ftn-title-page": ("fountain", lambda n: _repeat("Title: a\n", n, tail="\nA\n")),
    "ftn-title-values": (
        "fountain",
        lambda n: _repeat("    a\n", n, head="Title:\n", tail="\nA\n"),
    ),
    "ftn-sections": ("fountain", lambda n: _repeat("# a\n", n)),
    # Plain text (indentation layout)
    "txt-open-speech-blanks": (
        "plain",
        lambda n: _repeat("\n", n, head=_SPEECHES, tail=f"{SPEECH_PAD}And more.\n"),
    ),
    "txt-blank-lines": ("plain", lambda n: _repeat("\n", n, head="INT. A - DAY\n\nA\n")),
    "txt-cues": ("plain", lambda n: _repeat(f"{CUE_PAD}MARA\n{SPEECH_PAD}Hi.\n\n", n)),
    "txt-cue-blanks": ("plain", lambda n: _repeat(f"{CUE_PAD}MARA\n\n\n\n", n)),
    "txt-speech-blanks": ("plain", lambda n: _repeat(f"{SPEECH_PAD}Hi.\n\n\n", n)),
    "txt-one-char-lines": ("plain", lambda n: _repeat("a\n", n)),
    "txt-long-line": ("plain", lambda n: _repeat("a ", n)),
    "txt-headings": ("plain", lambda n: _repeat("INT. A - DAY\n\n", n)),
    "txt-heading-prose": ("plain", lambda n: _repeat("Ab c ", n, head="INT. ab ")),
    "txt-dotted-headings": ("plain", lambda n: _repeat("a INT. ", n)),
    "txt-digit-runs": ("plain", lambda n: _repeat("1" * 60 + "!\n", n)),
    "txt-parens": ("plain", lambda n: _repeat(f"{CUE_PAD}MARA\n{CUE_PAD[:15]}(a\n", n)),
    "txt-dual": ("plain", lambda n: _repeat(f"{SPEECH_PAD}MARA{' ' * 20}JOE\n\n", n)),
    "txt-emphasis": ("plain", lambda n: _repeat("_a ", n)),
    "txt-revision-spaces": ("plain", lambda n: _repeat(" ", n, head="a", tail="*a*")),
    "txt-cue-extensions": (
        "plain",
        lambda n: _repeat(" (V.O.)", n, head=_SPEECHES + CUE_PAD + "MARA", tail="\n   Hi.\n"),
    ),
    "txt-title-page": ("plain", lambda n: _repeat(f"{CUE_PAD}Written by\n\n", n)),
    # FDX
    "fdx-actions": ("fdx", lambda n: _fdx_repeat(_ACTION_A, n)),
    "fdx-long-text": ("fdx", lambda n: _fdx_one("Action", "word ", n)),
    "fdx-underline-text": ("fdx", lambda n: _fdx_one("Action", "_a ", n)),
    "fdx-note-text": ("fdx", lambda n: _fdx_one("Action", "[[", n)),
    "fdx-styled-runs": (
        "fdx",
        lambda n: _fdx(
            '<Paragraph Type="Action">' + _repeat(_STYLED_PAIR, n - 250) + "</Paragraph>"
        ),
    ),
    "fdx-cue-extensions": (
        "fdx",
        lambda n: _fdx(
            '<Paragraph Type="Character"><Text>MARA'
            + _repeat(" (V.O.)", n - 300)
            + '</Text></Paragraph><Paragraph Type="Dialogue"><Text>Hi.</Text></Paragraph>'
        ),
    ),
    "fdx-title-page": (
        "fdx",
        lambda n: _fdx(_ACTION_A).replace(
            "</Content></FinalDraft>",
            "</Content><TitlePage><Content>"
            + _repeat(_CENTERED_GROUP, n - 300)
            + "</Content></TitlePage></FinalDraft>",
        ),
    ),
    "fdx-empty-paragraphs": (
        "fdx",
        lambda n: _fdx_repeat('<Paragraph Type="Action"/>', n, last=_ACTION_A),
    ),
    "fdx-cues": (
        "fdx",
        lambda n: _fdx_repeat(
            '<Paragraph Type="Character"><Text>MARA</Text></Paragraph>'
            '<Paragraph Type="Dialogue"><Text>Hi.</Text></Paragraph>',
            n,
        ),
    ),
    "fdx-script-notes": (
        "fdx",
        lambda n: _fdx_repeat(
            '<Paragraph Type="Action"><ScriptNote><Paragraph><Text>n</Text></Paragraph>'
            "</ScriptNote><Text>a</Text></Paragraph>",
            n,
        ),
    ),
}


_WARM_UP = {
    "fountain": b"INT. A - DAY\n\nMARA\nHi.\n",
    "plain": _SPEECHES.encode(),
    "fdx": _fdx(_ACTION_A).encode(),
}


class _Clock:
    """Records each stage's wall-clock seconds under its name and CPU seconds under ``name_cpu``."""

    def __init__(self, times: dict[str, float]) -> None:
        self.times = times

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        yield
        self.times[stage] = time.perf_counter() - wall
        self.times[f"{stage}_cpu"] = time.process_time() - cpu


def run_case(family: str, size: int) -> dict[str, float]:
    """Build one input and time its stages (in the child process)."""
    from assistant.script.fdx_export import to_fdx
    from assistant.script.fountain_export import to_fountain
    from assistant.script.plaintext import looks_like_indented_layout
    from assistant.script.reading import decode_text, parse_bytes
    from assistant.script.stats import compute_stats

    fmt, build = FAMILIES[family]
    # One warm-up on a small input of the format, every stage: first-call costs (the format
    # registry's imports, pydantic's validators, the exporters' first calls, 0.2-0.5 ms) are not
    # the input's.
    warmed = parse_bytes(_WARM_UP[fmt], format=fmt)
    compute_stats(warmed)
    to_fountain(warmed)
    to_fdx(warmed)
    data = build(size).encode("utf-8")
    times: dict[str, float] = {"bytes": float(len(data))}
    clock = _Clock(times)
    with clock("import"):
        if fmt != "fdx":  # a .txt file is looked at first, to choose between Fountain and plain
            looks_like_indented_layout(decode_text(data).text)
        screenplay = parse_bytes(data, format=fmt)
    with clock("stats"):
        compute_stats(screenplay)
    with clock("export"):
        to_fountain(screenplay)
        to_fdx(screenplay)
    times["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return times


def _child(family: str, size: int, timeout: float) -> dict[str, float] | str:
    command = [sys.executable, __file__, "--child", family, str(size)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return f">{timeout:.0f}s"
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return f"error: {last[:60]}"
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-size", choices=list(SIZES), default="10m")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per case")
    parser.add_argument("--family", action="append", help="only these families (repeatable)")
    parser.add_argument(
        "--clock",
        choices=("cpu", "wall"),
        default="cpu",
        help="CPU seconds of the case (default: steady on a shared machine) or wall-clock",
    )
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_case(args.child[0], int(args.child[1]))))
        return
    sizes = [(name, n) for name, n in SIZES.items() if n <= SIZES[args.max_size]]
    families = args.family or list(FAMILIES)
    header = " ".join(f"{name:>18}" for name, _ in sizes)
    print(
        f"{args.clock} seconds per MB: import+stats+export (import alone); "
        f"peak MiB at the largest size; load average {_load()}"
    )
    suffix = "_cpu" if args.clock == "cpu" else ""
    worst_import = 0.0
    print(f"{'':24}{header}")
    worst = 0.0
    failures: list[str] = []
    for family in families:
        cells: list[str] = []
        per_mb: dict[str, float] = {}
        peak = 0.0
        for name, size in sizes:
            result = _child(family, size, args.timeout)
            if isinstance(result, str):
                cells.append(f"{result:>18}")
                failures.append(f"{family} {name}: {result}")
                break
            megabytes = result["bytes"] / MB
            stages = [result[f"{stage}{suffix}"] for stage in ("import", "stats", "export")]
            total = sum(stages) / megabytes
            per_mb[name] = total
            peak = result["peak_mib"]
            cells.append(f"{total:>9.3f} ({stages[0] / megabytes:6.3f})")
            if name != "10k":  # 10 KB is dominated by fixed costs
                worst = max(worst, total)
                worst_import = max(worst_import, stages[0] / megabytes)
        flag = ""
        largest = sizes[-1][0]
        if "100k" in per_mb and largest in per_mb and largest != "100k":
            growth = per_mb[largest] / per_mb["100k"]
            flag = f"  GROWS x{growth:.1f}" if growth > GROWTH_FLAG else ""
        if any(isinstance(c, str) and ">" in c for c in cells) or len(cells) < len(sizes):
            flag += "  INCOMPLETE"
        print(f"{family:<24}{' '.join(cells)}  {peak:6.0f} MiB{flag}", flush=True)
    print(
        f"worst per MB (100 KB and up): import {worst_import:.3f} s, import+stats+export "
        f"{worst:.3f} s (goal < {GOAL_SECONDS_PER_MB} s)"
    )
    for failure in failures:
        print(f"  not finished: {failure}")
    print(f"load average at the end: {_load()}")


def _load() -> str:
    """The 1, 5 and 15 minute load averages: CPU time per MB stays steady on a shared machine,
    wall time does not, so every run says what it ran beside."""
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
