"""What happens in the first or the last scene: a tool that reads the scene out and cites it.

Retrieval answered "What happens in the last scene?" with lines elsewhere that say "last" (a
character remarking that something was the last one): the words of such a question name a
position, not what is in the scene, so the scene is found by its place and its own lines are
the answer.
"""

from __future__ import annotations

import re

from assistant.analysis.ask.script_facts import SceneFacts
from assistant.analysis.ask.tools import ToolContext, ToolResult
from assistant.analysis.scene_text import display_name

ASKS = re.compile(
    r"\bwhat (?:happens|goes on|is happening)\b.*\b(?:in|during) the (?:very )?"
    r"(first|opening|last|final|closing|ending) scene"
    r"(?: of (?:the |this )?(?:script|film|story|movie))?\s*\??\s*$"
    r"|\bhow does (?:the (?:script|film|story|movie)|it) (end|open|begin|start)\s*\??\s*$",
    re.IGNORECASE,
)
"""A question about the first or last scene as a whole, nothing after "scene" but "of the
script" (not "the first scene with both", nor "the opening scene on the plane")."""
_LAST = frozenset({"last", "final", "closing", "ending", "end"})
READ_OUT = 3
"""Sentences read out from the start of the scene; its last sentence is added after them, as
an ending often turns there."""


def _said(unit_text: str, speaker: str | None) -> str:
    return f"{display_name(speaker)}: {unit_text}" if speaker else unit_text


def _read_out(scene: SceneFacts) -> str:
    units = scene.units
    picked = list(range(min(READ_OUT, len(units))))
    if units and len(units) - 1 not in picked:
        picked.append(len(units) - 1)
    parts = [_said(units[i].text, units[i].speaker) for i in picked]
    if len(units) > len(picked):
        parts.insert(len(picked) - 1, "...")
    return " ".join(parts)


OPENING_WORDS = 15
"""Words of action or dialogue that make the block before the first heading the first scene: a
script may open on ``FADE IN:`` and a page of action before any INT/EXT (its scene 1), while a
bare ``FADE IN:`` is no scene."""


def end_scene(ctx: ToolContext) -> ToolResult | None:
    """The first or the last scene, read out: its opening sentences and its last one."""
    match = ASKS.search(ctx.question)
    headed = [s for s in ctx.facts.scenes if s.heading]
    if match is None or not headed:
        return None
    last = (match.group(1) or match.group(2)).lower() in _LAST
    scene = headed[-1] if last else _first_scene(ctx.facts.scenes, headed[0])
    which = "last" if last else "first"
    text = f"The {which} scene is {scene.citation}: {_read_out(scene)}"
    if scene.present:  # who is in it: the reading may stop before someone enters
        text += f" In it: {', '.join(display_name(c) for c in scene.present)}."
    return ToolResult(text, [scene.index])


def _first_scene(scenes: list[SceneFacts], first_headed: SceneFacts) -> SceneFacts:
    opening = scenes[0]
    if opening.heading or sum(len(u.text.split()) for u in opening.units) < OPENING_WORDS:
        return first_headed
    return opening
