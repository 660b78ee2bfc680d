"""Per-category precision, recall and F1 of ``slate breakdown`` against hand-written gold.

The gold (``scripts/data/breakdown_gold.v1.jsonl``) names each scene by its script (relative to
``../shared/data``) and the 1-based line of its heading, and lists its elements in the
annotator's own words with line numbers; no script text. Each scene is in the ``tune`` half
(lexicons and thresholds may be adjusted while looking at it) or the ``report`` half (only
measured). The split was made before any tuning. The ``holdout`` scenes were annotated after the
tuning was done, and measured once. ``scripts/data/breakdown_train.v1.jsonl`` holds more scenes
(split ``train``, from the TRIPOD *training* features only), annotated later to tune on; it never
holds a scene of the gold file. A row may list the ``categories`` it was annotated in (the
second batch of training scenes annotates every category but cast); it is scored in those only.
``scripts/data/breakdown_gold.v2.jsonl`` (split ``v2``) is a second held-out set: 43 scenes from
features no other file uses, chosen by ``scripts/select_breakdown_scenes.py`` (a keyword rule,
rich in vehicles and effects), annotated in cast, props, vehicles, weapons, special and visual
effects only. After it was scored once (wave 6) it became tuning data: ``dev`` pools train,
tune and v2, and v3 since wave 8 (``dev2``, ``dev1``: the older pools).
``scripts/data/breakdown_gold.v3.jsonl`` (split ``v3``) is the third held-out set: 36 scenes of
scripts that no other file uses, chosen by ``select_breakdown_scenes.py --v3`` and annotated
blind in the same six categories; it was scored once by name (wave 7) and is tuning data since
(part of ``dev``, wave 8).
``scripts/data/breakdown_gold.v4.jsonl`` (split ``v4``, wave 8) is the fourth: 28 scenes of
seven of the nine features no other file uses, chosen by ``select_breakdown_scenes.py --v4``,
annotated blind in the same six categories, scored once by name (wave 8); tuning data since
(part of ``dev``, wave 9; ``dev3``: the pool before it joined).
``scripts/data/breakdown_gold.v5.jsonl`` (split ``v5``, wave 9) is the fifth: 31 scenes of three of
the five scripts no other file uses (two TRIPOD features without scene headings, the Trelby sample),
chosen by ``select_breakdown_scenes.py --v5``, annotated blind in the same six categories,
scored once by name (wave 9); tuning data since (part of ``dev``, wave 11; ``dev4``: the pool
before it joined).
``scripts/data/breakdown_gold.v6.jsonl`` (split ``v6``, wave 11) is the sixth: 30 unread scenes
of 30 TRIPOD features whose other scenes other files hold, chosen by
``select_breakdown_scenes.py --v6``, annotated blind in the same six categories, scored only by
name (``--split v6``) and once (wave 13); tuning data since (part of ``dev``, wave 14; ``dev5``:
the pool before it joined).
``scripts/data/breakdown_gold.v7.jsonl`` (split ``v7``, wave 14) is the seventh held-out set,
written blind by another annotator in the schema of v6, scored once by name (wave 14); tuning data
since (part of ``dev``, wave 14b; ``dev6``: the pool before it joined). Every row of that file is
the ``v7`` split, whatever its annotator wrote in ``split``.
``scripts/data/breakdown_gold.v8.jsonl`` (split ``v8``, wave 15) is the eighth held-out set: 32
scenes of 25 TRIPOD features that no other file holds, drawn by a seeded rule outside the repo and
annotated blind in the same six categories (no weapons were drawn); scored only by name (``--split
v8``), in no pool.

Matching rule (loose, one-to-one, per scene and category): names are lower-cased, split into
words, plural words made singular, and small words (articles, prepositions, possessives) dropped.
A predicted element matches a gold one of the same category when they share a word; for cast the
words of one name must all be in the other (``THE KID`` = ``KID``; ``SAM 1`` is not ``SAM 2``).
Each gold element takes the first unmatched prediction that matches. Lines are not part of the
match; the line accuracy of matched elements (within one line) is reported apart.

Usage:
    python scripts/eval_breakdown.py [--data ../shared/data]
        [--split dev|train|tune|v2|v3|v4|v5|v6|v7|v8|dev6|dev5|dev4|dev3|dev2|dev1|report|holdout|
                 untouched|all]
        [--embed] [--json] [--errors] [--misses] [--folds]

``--folds`` scores each file of the pool on its own (``train``, ``tune``, ``v2`` ... ``v7``: one
fold a file) and their mean, the leave-one-file-out view: a rule found on one file's misses should
help on the other files too. ``--misses`` lists each scene's misses and extras by script and line.

With no ``--split`` it scores ``dev`` (a tuning pool), never a held-out or report set.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant import api  # noqa: E402
from assistant.analysis.breakdown.lexicon import singular  # noqa: E402
from assistant.analysis.breakdown.model import CATEGORIES, BreakdownReport  # noqa: E402

GOLD = ROOT / "scripts" / "data" / "breakdown_gold.v1.jsonl"
TRAIN = ROOT / "scripts" / "data" / "breakdown_train.v1.jsonl"
GOLD2 = ROOT / "scripts" / "data" / "breakdown_gold.v2.jsonl"
GOLD3 = ROOT / "scripts" / "data" / "breakdown_gold.v3.jsonl"
GOLD4 = ROOT / "scripts" / "data" / "breakdown_gold.v4.jsonl"
GOLD5 = ROOT / "scripts" / "data" / "breakdown_gold.v5.jsonl"
GOLD6 = ROOT / "scripts" / "data" / "breakdown_gold.v6.jsonl"
GOLD7 = ROOT / "scripts" / "data" / "breakdown_gold.v7.jsonl"
GOLD8 = ROOT / "scripts" / "data" / "breakdown_gold.v8.jsonl"
SPLITS = ("train", "tune", "report", "holdout", "v2", "v3", "v4", "v5", "v6", "v7", "v8")
POOLS = {
    "untouched": ("report", "holdout"),
    "dev": ("train", "tune", "v2", "v3", "v4", "v5", "v6", "v7"),
    "dev6": ("train", "tune", "v2", "v3", "v4", "v5", "v6"),
    "dev5": ("train", "tune", "v2", "v3", "v4", "v5"),
    "dev4": ("train", "tune", "v2", "v3", "v4"),
    "dev3": ("train", "tune", "v2", "v3"),
    "dev2": ("train", "tune", "v2"),
    "dev1": ("train", "tune"),
}
"""Pooled splits: ``untouched`` was never looked at while tuning; ``dev`` is all one may tune on
(``dev6``: the same before v7 joined it, wave 14b; ``dev5``: before v6 joined it, wave 14;
``dev4``: before v5 joined it, wave 11; ``dev3``: before v4 joined it, wave 9; ``dev2``: before
v3 joined it, wave 8; ``dev1``: before v2 joined it)."""
HELD_OUT = ("v8",)
"""Splits not yet scored: scored by name only, never by ``--split all`` or a pool."""
DEFAULT_SPLIT = "dev"
"""What a bare run scores: a tuning pool, so that no run scores a held-out set by accident."""
SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "on",
        "in",
        "at",
        "to",
        "with",
        "and",
        "or",
        "his",
        "her",
        "their",
        "its",
        "from",
        "by",
        "for",
        "over",
        "under",
        "s",
    ]
)
GOALS = {"cast": 0.9, "props": 0.6, "vehicles": 0.6, "weapons": 0.6, "special_effects": 0.6,
         "visual_effects": 0.6}  # fmt: skip
"""The issue's goals: cast F1 >= 0.9; props, vehicles, weapons and effects F1 >= 0.6."""


def words_of(name: str) -> set[str]:
    """A name's content words: ``the Bleeker's guitars`` -> ``{"bleeker", "guitar"}``."""
    tokens = re.findall(r"[a-z0-9]+", name.lower().replace("'s", " "))
    return {_stem(singular(t)) for t in tokens if t not in SMALL_WORDS}


def _stem(word: str) -> str:
    """``hurled``, ``hurls``, ``hurling`` -> ``hurl``: verb endings do not make another thing."""
    for ending in ("ing", "ed"):
        if len(word) > len(ending) + 2 and word.endswith(ending):
            return word[: -len(ending)]
    return word


def names_match(category: str, gold: str, predicted: str) -> bool:
    """The loose rule above."""
    a, b = words_of(gold), words_of(predicted)
    if not a or not b:
        return False
    if category == "cast":
        return a <= b or b <= a
    return bool(a & b)


Predicted = dict[str, list[tuple[str, int | None]]]


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    line_ok: int = 0
    examples: list[str] = field(default_factory=list)

    def scores(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def score_scene(
    gold: dict[str, list[dict[str, object]]],
    predicted: Predicted,
    tallies: dict[str, Tally],
    categories: Iterable[str] = CATEGORIES,
    label: str = "",
) -> None:
    """Add one scene's matches to ``tallies`` (category -> Tally), for the categories the scene
    was annotated in (a row's ``categories``; every category when it has none)."""
    for category in categories:
        wanted = gold.get(category, [])
        found = list(predicted.get(category, []))
        used = [False] * len(found)
        tally = tallies[category]
        for item in wanted:
            name, line = str(item["name"]), item.get("line")
            for j, (guess, guess_line) in enumerate(found):
                if not used[j] and names_match(category, name, guess):
                    used[j] = True
                    tally.tp += 1
                    if isinstance(line, int) and guess_line is not None:
                        tally.line_ok += abs(guess_line - line) <= 1
                    break
            else:
                tally.fn += 1
                tally.examples.append(f"{label}missed {name!r}")
        for j, (guess, _) in enumerate(found):
            if not used[j]:
                tally.fp += 1
                tally.examples.append(f"{label}extra {guess!r}")


def predictions(
    report: BreakdownReport, start_line: int
) -> dict[str, list[tuple[str, int | None]]]:
    for sheet in report.scenes:
        if sheet.start_line == start_line:
            return {c: [(e.name, e.line) for e in sheet.elements[c]] for c in CATEGORIES}
    raise SystemExit(f"no scene starts at line {start_line}: the importer's segmentation changed")


def evaluate(
    data: Path, rows: Iterable[dict[str, object]], embed: bool, where: bool = False
) -> dict[str, Tally]:
    """Category -> tally over ``rows``; with ``where``, each miss and extra names its scene."""
    tallies = {category: Tally() for category in CATEGORIES}
    reports: dict[str, BreakdownReport] = {}
    for row in rows:
        _score_row(data, row, embed, reports, tallies, where)
    return tallies


def _score_row(
    data: Path,
    row: dict[str, object],
    embed: bool,
    reports: dict[str, BreakdownReport],
    tallies: dict[str, Tally],
    where: bool,
) -> None:
    script = str(row["script"])
    if script not in reports:
        settings = api.load_settings() if embed else None
        screenplay = api.open_script(data / script)
        reports[script] = api.breakdown(screenplay, settings, use_embedder=embed)
    gold = row["elements"]
    assert isinstance(gold, dict)
    annotated = row.get("categories", CATEGORIES)
    assert isinstance(annotated, (list, tuple))
    found = predictions(reports[script], int(str(row["start_line"])))
    label = f"{Path(script).name}:{row['start_line']} " if where else ""
    score_scene(gold, found, tallies, [str(c) for c in annotated], label)


def build_parser() -> argparse.ArgumentParser:
    """The command line; a bare run scores ``DEFAULT_SPLIT``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--train", type=Path, default=TRAIN)
    parser.add_argument("--gold2", type=Path, default=GOLD2)
    parser.add_argument("--gold3", type=Path, default=GOLD3)
    parser.add_argument("--gold4", type=Path, default=GOLD4)
    parser.add_argument("--gold5", type=Path, default=GOLD5)
    parser.add_argument("--gold6", type=Path, default=GOLD6)
    parser.add_argument("--gold7", type=Path, default=GOLD7)
    parser.add_argument("--gold8", type=Path, default=GOLD8)
    parser.add_argument(
        "--split", choices=(*SPLITS, *POOLS, "all"), default=DEFAULT_SPLIT,
        help="a split (default: dev); untouched = report and holdout pooled (never looked at "
        "while tuning); dev = train, tune and v2 to v7 pooled (what tuning may look at); dev6 = "
        "the same without v7; dev5 = without v6 and v7; dev4 = without v5 to v7; dev3 = without "
        "v4 to v7; dev2 = train, tune and v2; dev1 = train and tune; all = each split but the "
        "held-out v8, then the pools",
    )  # fmt: skip
    parser.add_argument("--embed", action="store_true", help="run the embedder pass too")
    parser.add_argument("--json", action="store_true", help="one JSON object per split")
    parser.add_argument("--errors", action="store_true", help="list misses and extras")
    parser.add_argument(
        "--misses", action="store_true", help="list misses and extras per scene (script:line)"
    )
    parser.add_argument(
        "--folds", action="store_true", help="F1 per file of the split (one fold a file) and mean"
    )
    return parser


def _read_rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def scored_rows(args: argparse.Namespace) -> dict[str, list[dict[str, object]]]:
    """Split name -> the gold rows a run with ``args`` scores, in the order it prints them."""
    paths = [args.gold, args.train, args.gold2, args.gold3, args.gold4, args.gold5, args.gold6]
    rows = [row for path in paths for row in _read_rows(path)]
    if not args.gold7.is_file():
        raise SystemExit(f"{args.gold7} is missing: the dev pool holds v7 since wave 14b")
    # Every row of the v7 file is the v7 split, whatever its annotator wrote in ``split``.
    rows += [{**row, "split": "v7"} for row in _read_rows(args.gold7)]
    if args.gold8.is_file():  # held out: read only when asked for by name (no pool holds it)
        rows += [{**row, "split": "v8"} for row in _read_rows(args.gold8)]
    every = tuple(split for split in SPLITS if split not in HELD_OUT)
    splits = (*every, *POOLS) if args.split == "all" else (args.split,)
    return {
        split: [row for row in rows if row["split"] in POOLS.get(split, (split,))]
        for split in splits
    }


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not (args.data / "README.md").is_file():
        print(f"{args.data} is missing: pass --data PATH to ../shared/data", file=sys.stderr)
        return 2
    for split, chosen in scored_rows(args).items():
        if args.folds:
            _print_folds(split, evaluate_folds(args.data, chosen, args.embed))
            continue
        tallies = evaluate(args.data, chosen, args.embed, args.misses)
        _print(split, len(chosen), tallies, args.json, args.errors or args.misses)
    return 0


def evaluate_folds(
    data: Path, rows: list[dict[str, object]], embed: bool
) -> dict[str, dict[str, Tally]]:
    """Split name (one file each) -> its tallies; the scripts are broken down once."""
    reports: dict[str, BreakdownReport] = {}
    folds: dict[str, dict[str, Tally]] = {}
    for row in rows:
        tallies = folds.setdefault(str(row["split"]), {c: Tally() for c in CATEGORIES})
        _score_row(data, row, embed, reports, tallies, False)
    return folds


def _print_folds(split: str, folds: dict[str, dict[str, Tally]]) -> None:
    """One line a fold (F1 in the goal categories and micro F1 over them), then the mean."""
    columns = [*GOALS, "micro"]
    heads = {"special_effects": "sfx", "visual_effects": "vfx"}
    print(f"split {split}: F1 per file (fold)")
    print(f"{'fold':<8}" + "".join(f"{heads.get(c, c):>9}" for c in columns))
    table: dict[str, list[float]] = {}
    for fold, tallies in folds.items():
        micro = Tally(
            tp=sum(tallies[c].tp for c in GOALS), fp=sum(tallies[c].fp for c in GOALS),
            fn=sum(tallies[c].fn for c in GOALS),
        )  # fmt: skip
        table[fold] = [tallies[c].scores()[2] for c in GOALS] + [micro.scores()[2]]
        print(f"{fold:<8}" + "".join(f"{f:>9.2f}" for f in table[fold]))
    means = [sum(row[i] for row in table.values()) / len(table) for i in range(len(columns))]
    print(f"{'mean':<8}" + "".join(f"{f:>9.2f}" for f in means) + "\n")


def _print(split: str, scenes: int, tallies: dict[str, Tally], as_json: bool, errors: bool) -> None:
    total = Tally(
        tp=sum(t.tp for t in tallies.values()), fp=sum(t.fp for t in tallies.values()),
        fn=sum(t.fn for t in tallies.values()), line_ok=sum(t.line_ok for t in tallies.values()),
    )  # fmt: skip
    if as_json:
        out = {"split": split, "scenes": scenes, "categories": {}}
        for category, tally in [*tallies.items(), ("all", total)]:
            p, r, f = tally.scores()
            out["categories"][category] = {  # type: ignore[index]
                "tp": tally.tp, "fp": tally.fp, "fn": tally.fn, "precision": round(p, 3),
                "recall": round(r, 3), "f1": round(f, 3),
            }  # fmt: skip
        print(json.dumps(out))
        return
    print(f"split {split}: {scenes} scenes")
    print(f"{'category':<18} {'gold':>4} {'pred':>4} {'tp':>3}  {'P':>5} {'R':>5} {'F1':>5}  goal")
    for category, tally in [*tallies.items(), ("all (micro)", total)]:
        p, r, f = tally.scores()
        goal = GOALS.get(category)
        mark = "" if goal is None else (f">= {goal} {'met' if f >= goal else 'NOT met'}")
        print(
            f"{category:<18} {tally.tp + tally.fn:>4} {tally.tp + tally.fp:>4} {tally.tp:>3}  "
            f"{p:>5.2f} {r:>5.2f} {f:>5.2f}  {mark}"
        )
        if errors and tally.examples and category != "all (micro)":
            joiner = "\n    " if ":" in tally.examples[0].split(" ")[0] else "; "
            print("    " + joiner.join(tally.examples))
    line_rate = total.line_ok / total.tp if total.tp else 0.0
    print(f"matched elements whose line is within 1 of the gold line: {line_rate:.0%}\n")


if __name__ == "__main__":
    raise SystemExit(main())
