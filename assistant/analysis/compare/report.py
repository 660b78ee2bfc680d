"""``compare_drafts``: the scene-level and line-level changes from one draft to the next.

The JSON contract (``CompareReport.model_dump``) is documented in ``docs/writing.md``, version
``COMPARE_SCHEMA_VERSION``.
"""

from __future__ import annotations

import difflib
from collections import Counter
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.analysis.compare.align import align
from assistant.analysis.compare.scene_lines import SceneLines, ScriptLine, scene_lines
from assistant.script.model import Screenplay

COMPARE_SCHEMA_VERSION = "1"

ChangeKind = Literal["added", "removed", "moved", "changed", "renumbered"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LineChange(_Model):
    """One changed run of lines inside a scene: ``-`` lines left, ``+`` lines came."""

    removed: list[str] = Field(default_factory=list)
    added: list[str] = Field(default_factory=list)


class SceneChange(_Model):
    """One scene that is not the same in both drafts.

    ``moved``: out of its old order (its lines may have changed too: see the counts);
    ``changed``: in place, lines differ; ``renumbered``: the same lines under another written
    scene number; ``added`` / ``removed``: only in the new / old draft.
    """

    kind: ChangeKind
    old_index: int | None
    """0-based position in the old draft's ``scenes``; None when added."""
    new_index: int | None
    old_start_line: int | None
    new_start_line: int | None
    heading: str
    """The new draft's heading (the old one's when removed)."""
    lines_added: int
    lines_removed: int
    eighths_delta: int
    """New length minus old length, in eighths of a page."""
    old_label: str | None = Field(default=None, exclude=True)
    """The scene number people see (``Screenplay.scene_labels``): shown, not in the JSON."""
    new_label: str | None = Field(default=None, exclude=True)
    hunks: list[LineChange] = Field(default_factory=list, exclude=True)
    """The line-level changes (CLI and HTML show them; the JSON counts them)."""


class CharacterDelta(_Model):
    """Lines a character gained and lost (cue lines not counted; only what they say)."""

    name: str
    lines_added: int
    lines_removed: int
    lines_old: int
    lines_new: int


class CompareReport(_Model):
    changes: list[SceneChange]
    characters: list[CharacterDelta]
    """Characters whose lines changed, most changed first."""
    pages_old: int = Field(default=0, exclude=True)
    pages_new: int = Field(default=0, exclude=True)
    eighths_old: int = Field(default=0, exclude=True)
    eighths_new: int = Field(default=0, exclude=True)


def _spoken(lines: list[ScriptLine]) -> Counter[str]:
    """Spoken lines per character."""
    return Counter(ln.speaker for ln in lines if ln.speaker)


def _diff(
    a: SceneLines, b: SceneLines, gained: Counter[str], lost: Counter[str]
) -> tuple[int, int, list[LineChange]]:
    """Line-level changes of a scene (heading first), counted per speaker into gained/lost."""
    old = [ScriptLine(a.heading), *a.lines]
    new = [ScriptLine(b.heading), *b.lines]
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    added = removed = 0
    hunks: list[LineChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        hunks.append(LineChange(removed=[ln.text for ln in old[i1:i2]],
                                added=[ln.text for ln in new[j1:j2]]))  # fmt: skip
        removed += i2 - i1
        added += j2 - j1
        lost.update(_spoken(old[i1:i2]))
        gained.update(_spoken(new[j1:j2]))
    return added, removed, hunks


def compare_drafts(
    old: Screenplay, new: Screenplay, fixed: dict[int, int] | None = None
) -> CompareReport:
    """Every scene that is not the same in ``new`` as in ``old``, in the new draft's order
    (removed scenes where they stood), and every character whose lines changed. ``fixed``: scene
    pairs known beforehand (old index -> new index)."""
    old_lines = [scene_lines(s, i) for i, s in enumerate(old.scenes)]
    new_lines = [scene_lines(s, i) for i, s in enumerate(new.scenes)]
    old_labels, new_labels = old.scene_labels(), new.scene_labels()
    gained: Counter[str] = Counter()
    lost: Counter[str] = Counter()
    changes: list[tuple[tuple[int, int], SceneChange]] = []
    pairs = align(old_lines, new_lines, fixed)
    new_of = {pair.old: pair.new for pair in pairs}
    paired_new = set(new_of.values())
    for pair in pairs:
        a, b = old_lines[pair.old], new_lines[pair.new]
        so, sn = old.scenes[pair.old], new.scenes[pair.new]
        added = removed = 0
        hunks: list[LineChange] = []
        if not pair.identical:
            added, removed, hunks = _diff(a, b, gained, lost)
        if pair.moved:
            kind: ChangeKind = "moved"
        elif not pair.identical:
            kind = "changed"
        elif (so.number or None) != (sn.number or None):
            kind = "renumbered"
        else:
            continue
        changes.append(((pair.new, 0), SceneChange(
            kind=kind, old_index=pair.old, new_index=pair.new, old_start_line=so.start_line,
            new_start_line=sn.start_line, heading=b.heading, lines_added=added,
            lines_removed=removed, eighths_delta=sn.eighths - so.eighths,
            old_label=old_labels[pair.old], new_label=new_labels[pair.new], hunks=hunks,
        )))  # fmt: skip
    for i, scene in enumerate(new.scenes):
        if i in paired_new:
            continue
        lines = new_lines[i]
        gained.update(_spoken(lines.lines))
        changes.append(((i, 0), SceneChange(
            kind="added", old_index=None, new_index=i, old_start_line=None,
            new_start_line=scene.start_line, heading=lines.heading,
            lines_added=len(lines.lines) + 1, lines_removed=0, eighths_delta=scene.eighths,
            new_label=new_labels[i], hunks=[LineChange(added=_texts(lines))],
        )))  # fmt: skip
    previous_new = -1
    for i, scene in enumerate(old.scenes):
        if i in new_of:
            previous_new = new_of[i]
            continue
        lines = old_lines[i]
        lost.update(_spoken(lines.lines))
        # A removed scene is listed where it stood: after the new place of the old scene before it.
        changes.append(((previous_new, 1), SceneChange(
            kind="removed", old_index=i, new_index=None, old_start_line=scene.start_line,
            new_start_line=None, heading=lines.heading, lines_added=0,
            lines_removed=len(lines.lines) + 1, eighths_delta=-scene.eighths,
            old_label=old_labels[i], hunks=[LineChange(removed=_texts(lines))],
        )))  # fmt: skip
    changes.sort(key=lambda item: item[0])
    return CompareReport(
        changes=[c for _, c in changes],
        characters=_characters(old_lines, new_lines, gained, lost),
        pages_old=old.page_count, pages_new=new.page_count,
        eighths_old=sum(s.eighths for s in old.scenes),
        eighths_new=sum(s.eighths for s in new.scenes),
    )  # fmt: skip


def _texts(lines: SceneLines) -> list[str]:
    return [lines.heading, *(ln.text for ln in lines.lines)]


def _characters(
    old: list[SceneLines], new: list[SceneLines], gained: Counter[str], lost: Counter[str]
) -> list[CharacterDelta]:
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    for scene in old:
        before.update(_spoken(scene.lines))
    for scene in new:
        after.update(_spoken(scene.lines))
    names = sorted(set(gained) | set(lost), key=lambda n: (-(gained[n] + lost[n]), n))
    return [
        CharacterDelta(name=n, lines_added=gained[n], lines_removed=lost[n],
                       lines_old=before[n], lines_new=after[n])
        for n in names
    ]  # fmt: skip
