"""Choose the scenes of the held-out breakdown gold v2 by a fixed, neutral criterion.

The criterion (written before any scene was read, never tuned): every scene of every script
that no breakdown file (gold v1, train) uses a scene of -- the TRIPOD features, train and test,
and the public-domain Fountain scripts -- with a heading, 2 to 12 eighths long, whose text holds
at least two words of one group of ``KEYWORDS`` (vehicle, special-effect and visual-effect
words written for this selection, not Slate's lexicons) is a candidate for that group. Each
group's candidates are ordered by script path and start line and every Nth is taken from the
first, N = candidates // (WANTED / 3); a scene chosen twice counts once, and a script gives at
most two scenes. (A first version, three words from two groups, gave 144 candidates; it was
replaced by per-group pools, so that visual effects are drawn as often as vehicles, before any
scene was read.) The 36 scenes
so chosen held 11 visual effects when annotated, short of the 15 aimed at, so ``--second-vfx``
draws EXTRA_VFX more from the visual-effect pool by the same rule, half a step later (start at
N // 2), skipping scenes already chosen; chosen before those scenes were read. It prints one
JSON line per chosen scene (script, start_line); no script text.

``--train-batch`` applies the same rule to the other pool, the TRIPOD *training* features that
``breakdown_train.v1.jsonl`` already uses (never a test feature: those hold the v1 gold), skipping
every scene a breakdown file holds, for TRAIN_WANTED more training scenes to tune on.

``--v3`` (held-out gold v3, wave 7; written before any scene was read): the same rule over the
scripts that no breakdown file (gold v1, train, gold v2) uses a scene of, with a fourth group,
``V3_WEAPONS`` (weapon words, so that weapons are drawn too), V3_WANTED scenes aimed at (every
Nth of each of the four pools, N = candidates // (V3_WANTED / 4)), 2 to 10 eighths, at most three
scenes a script (two gave 32 scenes, short of the 35 wanted; changed before any was read).

``--v4`` (held-out gold v4, wave 8; written before any scene was read): the ``--v3`` rule
(the four groups, V3_WANTED aimed at, 2 to 10 eighths) over the scripts that no breakdown file,
gold v3 now included, uses a scene of. Only nine TRIPOD features (and two Fountain scripts) are
left, so at most three a script could give 27 scenes at best; the cap is four a script (nine
times four is 36), fixed from that count of scripts before any scene was read. The pools are
small (vehicles 31, special effects 1, visual effects 0, weapons 5), and the v3 step gave 16
scenes, so every candidate is taken (step 1): 23 scenes. The rest up to V4_TARGET is a fill:
the scenes with at least one word of any group (one, not two), of scripts still under the cap,
in the same order, every Nth (N = their number // scenes still wanted); the cap binds (two
features give no candidate at all), so v4 has 28 scenes. These changes were made
from the printed pool counts only, before any scene was read.

``--v5`` (held-out gold v5, wave 9; written from the printed pool counts before any scene was
read): no TRIPOD feature with headings is left unused, so the pool is the five scripts that no
breakdown file, v4 included, uses a scene of: two TRIPOD training features whose text has no
scene headings (the importer splits them into unheaded passages, which count as scenes here)
and three public-domain scripts (the Trelby sample and two Fountain scripts). Every scene of 2
to 10 eighths (headed, or a passage of a script with no headings) that holds at least one word
of any of the four v3 groups is taken, with no per-script cap (five scripts only): 31 scenes
(12, 3 and 16; the two Fountain scripts give none).

``--v6`` (held-out gold v6, wave 11; written before any scene was read or the pool counted):
no script is left that no breakdown file uses, but most scenes of the TRIPOD features were never
read. The pool is every headed scene of every TRIPOD feature (train and test) that no breakdown
file (v1 to v5, train) holds, of 2 to 10 eighths, whose text holds at least two words (two
occurrences, of one word or two) of the weapon, special-effect and visual-effect groups
(``V3_WEAPONS`` and ``KEYWORDS``' ``sfx`` and ``vfx``; vehicle words alone do not qualify, as
issue #17 is on weapons and effects). At most one scene a script: the scripts with a candidate
are shuffled by ``random.Random(V6_SEED)`` (in path order first), and from each of the first
V6_WANTED of them one candidate is taken by the same generator's ``choice`` (candidates in line
order).

Usage: python scripts/select_breakdown_scenes.py [--data ../shared/data] [--v3 | --v4 | --v5 | --v6]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant import api  # noqa: E402

WANTED = 36
EXTRA_VFX = 7
TRAIN_WANTED = 15
KEYWORDS = {
    "vehicle": "car cars truck trucks van jeep taxi cab bus motorcycle bike helicopter chopper "
    "plane jet boat ship train tank limo sedan cruiser ambulance",
    "sfx": "explosion explodes blast fire flames smoke rain snow wind sparks blood burning "
    "crash gunfire",
    "vfx": "hologram monitor screen laser beam glowing materializes disappears spaceship "
    "creature monster magic",
}
V3_WANTED = 40
V4_WANTED = 1000
"""Every candidate of every pool (a step of 1): the v3 step over these small pools gave 16."""
V4_TARGET = 36
"""v4's size; every candidate still gave 23, so a fill draws the rest (below)."""
V3_WEAPONS = "gun guns pistol rifle shotgun revolver knife shoots fires bullet bullets sword"
V6_WANTED = 30
V6_SEED = 20261202
"""v6's size and seed (the date of the draw), fixed before the draw."""
GROUPS = {word: group for group, words in KEYWORDS.items() for word in words.split()}


FILES = (
    "breakdown_gold.v1.jsonl",
    "breakdown_train.v1.jsonl",
    "breakdown_gold.v2.jsonl",
    "breakdown_gold.v3.jsonl",
    "breakdown_gold.v4.jsonl",
)


FILES_USED = list(FILES)
"""The files whose scripts a draw excludes (the earlier draws reproduce with the first three)."""


def annotated() -> list[tuple[str, int, str]]:
    """Every annotated scene: (script, start line, file)."""
    rows = []
    for name in FILES_USED:
        path = ROOT / "scripts" / "data" / name
        if path.is_file():
            for line in path.read_text("utf-8").splitlines():
                if line:
                    row = json.loads(line)
                    rows.append((row["script"], int(row["start_line"]), name))
    return rows


def scene_words(path: Path) -> list[tuple[int, float, list[str]]]:
    """(start line, eighths, lower-case words after the heading) of every scene with a start."""
    screenplay = api.open_script(path)
    lines = path.read_text("utf-8", errors="replace").splitlines()
    starts = [s.start_line for s in screenplay.scenes]
    out: list[tuple[int, float, list[str]]] = []
    for i, scene in enumerate(screenplay.scenes):
        if scene.start_line is None:
            continue
        end = next((s for s in starts[i + 1 :] if s is not None), len(lines) + 1)
        words = re.findall(r"[a-z]+", " ".join(lines[scene.start_line : end - 1]).lower())
        out.append((scene.start_line, scene.eighths, words))
    return out


def draw_v5(data: Path) -> int:
    """The v5 rule (module docstring): one keyword of any group, 2-10 eighths, unused scripts."""
    groups = {**GROUPS, **{word: "weapon" for word in V3_WEAPONS.split()}}
    used = {script for script, _, _ in annotated()}
    paths = sorted(
        [*(data / "labeled/tripod/screenplays").glob("*/*.txt"),
         *(data / "screenplays/fountain").glob("*.fountain"),
         *(data / "screenplays/other_formats").glob("*.trelby")]
    )  # fmt: skip
    chosen = []
    for path in paths:
        rel = str(path.relative_to(data))
        if rel in used:
            continue
        for start, eighths, words in scene_words(path):
            if 2 <= eighths <= 10 and any(w in groups for w in words):
                chosen.append((rel, start))
    print(f"{len(chosen)} chosen", file=sys.stderr)
    for rel, start in sorted(chosen):
        print(json.dumps({"script": rel, "start_line": start}))
    return 0


def draw_v6(data: Path) -> int:
    """The v6 rule (module docstring): two weapon/effect words, 2-10 eighths, unread scenes of the
    TRIPOD features, one a script, scripts and scenes drawn with a fixed seed."""
    FILES_USED[:] = [*FILES, "breakdown_gold.v5.jsonl"]
    effect_words = {*V3_WEAPONS.split(), *KEYWORDS["sfx"].split(), *KEYWORDS["vfx"].split()}
    read = {(script, start) for script, start, _ in annotated()}
    pools: dict[str, list[int]] = {}
    for path in sorted((data / "labeled/tripod/screenplays").glob("*/*.txt")):
        rel = str(path.relative_to(data))
        headed = {s.start_line for s in api.open_script(path).scenes if s.heading}
        for start, eighths, words in scene_words(path):
            hits = sum(1 for w in words if w in effect_words)
            if start in headed and (rel, start) not in read and 2 <= eighths <= 10 and hits >= 2:
                pools.setdefault(rel, []).append(start)
    rng = random.Random(V6_SEED)
    scripts = sorted(pools)
    rng.shuffle(scripts)
    chosen = [(rel, rng.choice(pools[rel])) for rel in scripts[:V6_WANTED]]
    print(f"{len(pools)} scripts, {sum(map(len, pools.values()))} candidates", file=sys.stderr)
    print(f"{len(chosen)} chosen", file=sys.stderr)
    for rel, start in sorted(chosen):
        print(json.dumps({"script": rel, "start_line": start}))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--second-vfx", action="store_true", help="the second visual-effect draw")
    parser.add_argument("--train-batch", action="store_true", help="training scenes instead")
    parser.add_argument("--v3", action="store_true", help="the third held-out gold's scenes")
    parser.add_argument("--v4", action="store_true", help="the fourth held-out gold's scenes")
    parser.add_argument("--v5", action="store_true", help="the fifth held-out gold's scenes")
    parser.add_argument("--v6", action="store_true", help="the sixth held-out gold's scenes")
    args = parser.parse_args()
    if args.v3 + args.v4 + args.v5 + args.v6 > 1:
        parser.error("--v3, --v4, --v5 and --v6 are different draws")
    if args.v6:
        return draw_v6(args.data)
    if args.v5:
        return draw_v5(args.data)
    cap = 4 if args.v4 else 3 if args.v3 else 2
    if args.v4:
        args.v3 = True  # the v3 rule, over the scripts that v3 left (args.v4 stays set)
        FILES_USED[:] = FILES[:4]  # v4's draw was made before v4's file existed
    else:
        # The earlier draws were made before v3's file existed: they exclude the first three.
        FILES_USED[:] = FILES[:3]
    if args.v3:
        KEYWORDS["weapon"] = V3_WEAPONS
        GROUPS.update({word: "weapon" for word in V3_WEAPONS.split()})
    done = annotated()
    v1 = {script for script, _, name in done if name != FILES[2] or args.v3}
    train = {script for script, _, name in done if name == FILES[1]}
    skip = {(script, start) for script, start, _ in done}
    paths = sorted(
        [*(args.data / "labeled/tripod/screenplays").glob("*/*.txt"),
         *(args.data / "screenplays/fountain").glob("*.fountain")]
    )  # fmt: skip
    candidates: dict[str, list[tuple[str, int]]] = {group: [] for group in KEYWORDS}
    one_word: list[tuple[str, int]] = []
    for path in paths:
        rel = str(path.relative_to(args.data))
        if (rel in train) != args.train_batch or (not args.train_batch and rel in v1):
            continue
        screenplay = api.open_script(path)
        lines = path.read_text("utf-8", errors="replace").splitlines()
        starts = [s.start_line for s in screenplay.scenes]
        for i, scene in enumerate(screenplay.scenes):
            longest = 10 if args.v3 else 12
            if scene.start_line is None or not scene.heading or not 2 <= scene.eighths <= longest:
                continue
            if args.train_batch and (rel, scene.start_line) in skip:
                continue
            end = next((s for s in starts[i + 1 :] if s is not None), len(lines) + 1)
            words = re.findall(r"[a-z]+", " ".join(lines[scene.start_line : end - 1]).lower())
            hits = [GROUPS[w] for w in words if w in GROUPS]
            for group in KEYWORDS:
                if hits.count(group) >= 2:
                    candidates[group].append((rel, scene.start_line))
            if hits:
                one_word.append((rel, scene.start_line))
    per_script: dict[str, int] = {}
    chosen: list[tuple[str, int]] = []
    wanted = (
        TRAIN_WANTED if args.train_batch else V4_WANTED if args.v4 else V3_WANTED if args.v3
        else WANTED
    )  # fmt: skip
    for group, pool in candidates.items():
        step = max(1, len(pool) // (wanted // len(KEYWORDS)))
        print(f"{group}: {len(pool)} candidates, every {step}th", file=sys.stderr)
        for rel, start in pool[::step]:
            if (rel, start) not in chosen and per_script.get(rel, 0) < cap:
                per_script[rel] = per_script.get(rel, 0) + 1
                chosen.append((rel, start))
    if args.v4 and len(chosen) < V4_TARGET:
        # The fill: scenes with one word of any group, of scripts under the cap, every Nth.
        rest = [c for c in one_word if c not in chosen and per_script.get(c[0], 0) < cap]
        step = max(1, len(rest) // (V4_TARGET - len(chosen)))
        print(f"fill: {len(rest)} one-word candidates, every {step}th", file=sys.stderr)
        for rel, start in rest[::step]:
            if per_script.get(rel, 0) < cap and len(chosen) < V4_TARGET:
                per_script[rel] = per_script.get(rel, 0) + 1
                chosen.append((rel, start))
    if args.second_vfx:
        pool = candidates["vfx"]
        step = max(1, len(pool) // (WANTED // 3))
        first = list(chosen)
        for rel, start in pool[step // 2 :: step]:
            if (
                (rel, start) not in first
                and per_script.get(rel, 0) < 2
                and len(chosen) < len(first) + EXTRA_VFX
            ):
                per_script[rel] = per_script.get(rel, 0) + 1
                chosen.append((rel, start))
        chosen = chosen[len(first) :]
    print(f"{len(chosen)} chosen", file=sys.stderr)
    for rel, start in sorted(chosen):
        print(json.dumps({"script": rel, "start_line": start}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
