"""Evaluate ``slate compare`` on revisions of real scripts made with known edits.

For every TRIPOD test screenplay (read at run time, never copied), the script is written out as
Fountain and read back (the old draft); a revision is made in memory with known edits on distinct
scenes (moves of 8+ places, deletions, insertions of scenes from another film, heading renames
and rewordings of one line), written out in a format and read back (the new draft). Every edit
must come back as the change it is: (moved, old, new), (removed, old), (added, new), (changed,
old, new). Reports precision and recall of edits, per kind, and the time of the comparison.
``--to pdf`` writes the new draft as a PDF (Slate's exporter) and reads it back with Slate's PDF
importer.

With ``--marks``, each revision is also written as a marked production revision of the old draft
(``slate revise``, Fountain, ``[[*]]`` on every revised line) and read back; comparing it with the
revision it marks must report no scene whose lines changed (the marks are not printed text).

    .venv/bin/python scripts/eval_compare.py [--seeds 5] [--to fountain --to fdx --to pdf] [--marks]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant import api  # noqa: E402
from assistant.analysis.compare.scene_lines import scene_lines  # noqa: E402
from assistant.script.model import Action, Dialogue, Scene, Screenplay, Speech  # noqa: E402
from assistant.script.reading import parse_bytes  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "labeled" / "tripod" / "screenplays" / "test"
EDITS = {"move": 2, "delete": 2, "insert": 2, "rename": 2, "reword": 2}
Expected = tuple[str, int | None, int | None]


def _roundtrip(screenplay: Screenplay, format: str) -> Screenplay:
    return parse_bytes(api.export_script(screenplay, format), format=format)


def _reword(scene: Scene, rng: random.Random) -> bool:
    """Replace three words of one action line or speech; False when the scene has none."""
    texts: list[Action | Speech] = [
        e for e in scene.elements if isinstance(e, Action) and len(e.text.split()) > 5
    ]
    texts += [p for e in scene.elements if isinstance(e, Dialogue) for p in e.parts
              if isinstance(p, Speech) and len(p.text.split()) > 5]  # fmt: skip
    if not texts:
        return False
    target = rng.choice(texts)
    words = target.text.split()
    at = rng.randrange(len(words) - 3)
    words[at : at + 3] = ["quietly", "rearranged", "words"]
    target.text = " ".join(words)
    return True


def make_revision(
    old: Screenplay, donor: Screenplay, rng: random.Random
) -> tuple[Screenplay, set[Expected]]:
    """A copy of ``old`` with the edits of ``EDITS`` and the changes they must be reported as."""
    new = old.model_copy(deep=True)
    lines = [scene_lines(s, i) for i, s in enumerate(old.scenes)]
    digests = Counter(sl.digest for sl in lines)
    eligible = [i for i, s in enumerate(old.scenes) if s.heading is not None
                and digests[lines[i].digest] == 1 and len(lines[i].lines) >= 3]  # fmt: skip
    rng.shuffle(eligible)
    chosen: list[int] = []
    for i in eligible:  # targets at least 3 scenes apart, so no two edits touch
        if all(abs(i - j) >= 3 for j in chosen):
            chosen.append(i)
    need = sum(EDITS.values()) - EDITS["insert"]
    if len(chosen) < need:
        raise ValueError("too few distinct scenes")
    kinds = [k for k, n in EDITS.items() if k != "insert" for _ in range(n)]
    plan = dict(zip(chosen, kinds, strict=False))
    items: list[tuple[str, int, Scene]] = []
    moving: list[tuple[int, Scene]] = []
    for i, scene in enumerate(new.scenes):
        kind = plan.get(i)
        if kind == "delete":
            continue
        if kind == "rename":
            assert scene.heading is not None
            scene.heading.text = scene.heading.text + " - ANNEX"
        if kind == "reword" and not _reword(scene, rng):
            plan[i] = "none"
        if kind == "move":
            moving.append((i, scene))
            continue
        items.append(("old", i, scene))
    for i, scene in moving:
        at = next(p for p, item in enumerate(items) if item[1] >= i)
        shift = rng.choice([-1, 1]) * rng.randint(8, 15)
        target = min(max(at + shift, 1), len(items))
        items.insert(target, ("old", i, scene))
    foreign = [s for s in donor.scenes if s.heading is not None and len(s.elements) >= 3]
    for k in range(EDITS["insert"]):
        scene = rng.choice(foreign).model_copy(deep=True)
        items.insert(rng.randrange(1, len(items)), ("new", k, scene))
    new.scenes = [scene for _, _, scene in items]
    expected: set[Expected] = set()
    for pos, (origin, i, _) in enumerate(items):
        kind = plan.get(i) if origin == "old" else None
        if origin == "new":
            expected.add(("added", None, pos))
        elif kind == "move":
            expected.add(("moved", i, pos))
        elif kind in ("rename", "reword"):
            expected.add(("changed", i, pos))
    expected |= {("removed", i, None) for i, k in plan.items() if k == "delete"}
    return new, expected


def _marked_changes(old: Screenplay, new: Screenplay) -> int:
    """Scenes whose lines differ between ``new`` and its marked revision of ``old``, read back."""
    marked = api.revise_drafts(old, new, "blue")
    from assistant.analysis.compare.revision import export_revision

    back = parse_bytes(export_revision(marked, "fountain"), format="fountain")
    report = api.compare_drafts(new, back)
    return sum(1 for c in report.changes if c.kind in ("changed", "moved") and c.lines_added)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--to", action="append", default=None, help="format of the new draft")
    parser.add_argument("--marks", action="store_true", help="also compare marked revisions")
    args = parser.parse_args()
    formats = args.to or ["fountain", "fdx"]
    paths = sorted(DATA.iterdir())
    scripts = [_roundtrip(api.open_script(p), "fountain") for p in paths]
    for format in formats:
        hits = total_pred = total_exp = 0
        by_kind: Counter[str] = Counter()
        found_kind: Counter[str] = Counter()
        seconds: list[float] = []
        marked_changed = marked_revisions = 0
        for n, old in enumerate(scripts):
            donor = scripts[(n + 1) % len(scripts)]
            for seed in range(args.seeds):
                revision, expected = make_revision(old, donor, random.Random(seed * 1000 + n))
                new = _roundtrip(revision, format)
                if len(new.scenes) != len(revision.scenes):
                    print(f"  {paths[n].name}: {format} round trip changed the scene count")
                start = time.perf_counter()
                report = api.compare_drafts(old, new)
                seconds.append(time.perf_counter() - start)
                predicted = {(c.kind, c.old_index, c.new_index) for c in report.changes}
                hit = predicted & expected
                hits += len(hit)
                total_pred += len(predicted)
                total_exp += len(expected)
                by_kind.update(k for k, _, _ in expected)
                found_kind.update(k for k, _, _ in hit)
                for miss in sorted(expected - predicted, key=str):
                    print(f"  missed {miss} in {paths[n].name} seed {seed} ({format})")
                if args.marks:
                    marked_changed += _marked_changes(old, new)
                    marked_revisions += 1
        precision = hits / total_pred if total_pred else 1.0
        recall = hits / total_exp if total_exp else 1.0
        print(f"new draft as {format}: {len(seconds)} revisions, {total_exp} edits, "
              f"{total_pred} changes reported")  # fmt: skip
        print(f"  precision {precision:.3f}  recall {recall:.3f}")
        for kind in sorted(by_kind):
            print(f"  {kind:8} recall {found_kind[kind] / by_kind[kind]:.3f} ({by_kind[kind]})")
        if args.marks:
            print(f"  marked revisions read back: {marked_changed} scenes reported with changed "
                  f"lines in {marked_revisions} revisions (0 expected)")  # fmt: skip
        seconds.sort()
        print(f"  compare time: median {seconds[len(seconds) // 2] * 1000:.0f} ms, "
              f"max {seconds[-1] * 1000:.0f} ms")  # fmt: skip
    big = Screenplay(scenes=[s for sp in scripts for s in sp.scenes[1:]][:320])
    shuffled = big.model_copy(deep=True)
    random.Random(7).shuffle(shuffled.scenes)
    start = time.perf_counter()
    api.compare_drafts(big, shuffled)
    print(f"{len(big.scenes)} scenes against a full shuffle of them: "
          f"{(time.perf_counter() - start) * 1000:.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
