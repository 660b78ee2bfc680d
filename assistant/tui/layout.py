"""A scene laid out as a screenplay page for the reader pane, and the scene facts the filter reads.

The TUI does no analysis: this is presentation of the parsed model (indents as on the page) and a
lower-cased index of what the scene list filters on.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from rich.text import Text

from assistant.script.model import (
    Action,
    Centered,
    Dialogue,
    DialogueLyric,
    DualDialogue,
    Lyrics,
    Note,
    PageBreak,
    Parenthetical,
    Scene,
    Screenplay,
    Section,
    Shot,
    Synopsis,
    Transition,
    plain_text,
)

# Columns from the action margin, as on a US screenplay page (action 1.5", dialogue 2.5",
# parenthetical 3.1", cue 3.7" from the paper's edge, 10 characters an inch).
DIALOGUE_INDENT = 10
PAREN_INDENT = 16
CUE_INDENT = 22
ACTION_WIDTH = 60
DIALOGUE_WIDTH = 35
PAREN_WIDTH = 25


@dataclass(frozen=True)
class PageColumns:
    """Indents and widths for a reader ``width`` columns wide: the page's own below 60 columns
    are scaled down so cue, parenthetical and dialogue keep their places relative to action."""

    action: int
    dialogue_indent: int
    dialogue: int
    paren_indent: int
    paren: int
    cue_indent: int

    @classmethod
    def for_width(cls, width: int) -> PageColumns:
        scale = min(1.0, max(width, 30) / ACTION_WIDTH)
        return cls(
            action=min(ACTION_WIDTH, max(width, 30)),
            dialogue_indent=round(DIALOGUE_INDENT * scale),
            dialogue=round(DIALOGUE_WIDTH * scale),
            paren_indent=round(PAREN_INDENT * scale),
            paren=round(PAREN_WIDTH * scale),
            cue_indent=round(CUE_INDENT * scale),
        )


def _wrap(text: str, width: int, indent: int) -> str:
    pad = " " * indent
    lines = []
    for para in plain_text(text).splitlines() or [""]:
        lines.extend(textwrap.wrap(para, width) or [""])
    return "\n".join(pad + line for line in lines)


def _dialogue(out: Text, dialogue: Dialogue, cols: PageColumns) -> None:
    cue = dialogue.cue.name + "".join(f" ({ext})" for ext in dialogue.cue.extensions)
    out.append(" " * cols.cue_indent + cue + "\n", style="bold")
    for part in dialogue.parts:
        if isinstance(part, Parenthetical):
            text = part.text if part.text.startswith("(") else f"({part.text})"
            out.append(_wrap(text, cols.paren, cols.paren_indent) + "\n", style="italic")
        elif isinstance(part, DialogueLyric):
            out.append(_wrap(part.text, cols.dialogue, cols.dialogue_indent) + "\n", style="italic")
        else:
            out.append(_wrap(part.text, cols.dialogue, cols.dialogue_indent) + "\n")


def render_scene(scene: Scene, label: str | None, width: int = ACTION_WIDTH) -> Text:
    """The scene as the page shows it in ``width`` columns: heading, action, cue/parenthetical/
    dialogue indented, transitions to the right, notes, synopses and sections dimmed."""
    cols = PageColumns.for_width(width)
    ACTION_WIDTH = cols.action
    out = Text()
    if scene.heading is not None:
        number = f"{label}  " if label else ""
        out.append(number + plain_text(scene.heading.text).upper() + "\n\n", style="bold")
    for element in scene.elements:
        if isinstance(element, Action | Shot):
            out.append(_wrap(element.text, ACTION_WIDTH, 0) + "\n")
        elif isinstance(element, Dialogue):
            _dialogue(out, element, cols)
        elif isinstance(element, DualDialogue):
            _dialogue(out, element.left, cols)
            _dialogue(out, element.right, cols)
        elif isinstance(element, Transition):
            text = plain_text(element.text).upper()
            out.append(" " * max(0, ACTION_WIDTH - len(text)) + text + "\n")
        elif isinstance(element, Centered | Lyrics):
            out.append(plain_text(element.text).center(ACTION_WIDTH).rstrip() + "\n")
        elif isinstance(element, Note | Synopsis | Section):
            out.append(_wrap(element.text, ACTION_WIDTH, 0) + "\n", style="dim")
        elif isinstance(element, PageBreak):
            out.append("-" * 12 + "\n", style="dim")
            continue
        out.append("\n")
    return out


@dataclass(frozen=True)
class SceneFacts:
    """What the filter matches one scene on (lower case)."""

    index: int
    label: str | None
    heading: str
    int_ext: str
    time_of_day: str
    location: str
    characters: tuple[str, ...]
    text: str
    start_page: int
    eighths: int


def scene_facts(screenplay: Screenplay) -> list[SceneFacts]:
    """One entry per scene of ``screenplay.scenes``, in order."""
    labels = screenplay.scene_labels()
    facts = []
    for index, scene in enumerate(screenplay.scenes):
        heading = scene.heading
        names = tuple(dict.fromkeys(d.cue.name.upper() for d in scene.dialogues()))
        words = [heading.text if heading else ""]
        for element in scene.elements:
            text = getattr(element, "text", None)
            if isinstance(text, str):
                words.append(text)
            elif isinstance(element, Dialogue):
                words.append(element.speech_text)
        facts.append(
            SceneFacts(
                index=index,
                label=labels[index],
                heading=plain_text(heading.text) if heading else "(before the first heading)",
                int_ext=(heading.int_ext.value if heading and heading.int_ext else "").lower(),
                time_of_day=(heading.time_of_day or "").lower() if heading else "",
                location=(heading.location or "").lower() if heading else "",
                characters=names,
                text=plain_text(" ".join(words)).lower(),
                start_page=scene.start_page,
                eighths=scene.eighths,
            )
        )
    return facts


def pages_in_eighths(eighths: int) -> str:
    """``1 3/8`` for 11 eighths, ``4/8`` for 4."""
    whole, rest = divmod(eighths, 8)
    if whole and rest:
        return f"{whole} {rest}/8"
    return f"{whole}" if whole else f"{rest}/8"
