"""Assembling classified plain-text lines into scenes and elements.

The classifier in ``plaintext_classify.py`` decides what each line is; ``SceneBuilder`` joins
wrapped lines back into paragraphs and speeches, closes paragraphs at blank lines, and rejoins a
speech that a page break split in two (``(MORE)`` at the foot of one page, ``NAME (CONT'D)`` at
the top of the next).
"""

from __future__ import annotations

from assistant.script.model import (
    Action,
    CharacterCue,
    Dialogue,
    DualDialogue,
    Element,
    Parenthetical,
    Scene,
    SceneHeading,
    Shot,
    Speech,
    Transition,
)


def join_wrapped(lines: list[str]) -> str:
    """Join lines that were wrapped for the page width into one paragraph.

    A line ending in a hyphen after a letter (``beach-`` / ``front``) is joined without a space.
    """
    if "" not in lines and "-\n" not in "\n".join(lines):
        # No empty line and no line but the last ends in a hyphen: every line after the first
        # is joined with a space, as the loop below would, in one C-level join.
        return " ".join(lines)
    # Pieces joined once at the end, deciding on the last two characters so far: adding each
    # line to the whole text copied the paragraph per line (500,000 one-letter lines: 6 s).
    pieces: list[str] = []
    tail = ""  # the text so far ends with these (at most two) characters; empty: no text yet
    for line in lines:
        hyphenated = len(tail) > 1 and tail[-1] == "-" and tail[-2].isalpha()
        piece = line if not tail or (hyphenated and line[:1].islower()) else " " + line
        pieces.append(piece)
        tail = (tail + piece[-2:])[-2:]
    return "".join(pieces)


_new = object.__new__
_set = object.__setattr__
_SCENE_GIVEN = frozenset(("heading", "start_line"))


def new_scene(heading: SceneHeading | None, line: int) -> Scene:
    """``Scene(heading=heading, start_line=line)``, made as pydantic's validation makes it (the
    heading kept as it is, the other fields at their defaults, those two marked as set) without
    its call: a script of one-line scenes makes one per heading, ~3 us validated against ~1 us.
    ``tests/script/test_heading_copy.py`` checks it equals the validated model and that
    ``Scene`` has no other field, default, private attribute or validator it would miss."""
    scene: Scene = _new(Scene)
    _set(
        scene,
        "__dict__",
        {
            "heading": heading,
            "elements": [],
            "start_line": line,
            "start_page": 1,
            "end_page": 1,
            "eighths": 0,
        },
    )
    _set(scene, "__pydantic_fields_set__", set(_SCENE_GIVEN))
    _set(scene, "__pydantic_extra__", None)
    _set(scene, "__pydantic_private__", None)
    return scene


class SceneBuilder:
    """Collects elements into scenes in reading order."""

    def __init__(self) -> None:
        self.scenes: list[Scene] = []
        self._scene: Scene | None = None
        self._action: list[str] = []
        self._action_line = 0
        self._dialogue: Dialogue | None = None
        self._dialogue_line = 0
        self._speech: list[str] = []
        self._paren: list[str] | None = None
        self._more = False
        self._previous_more = False

    # -- state -------------------------------------------------------------------------------

    @property
    def in_dialogue(self) -> bool:
        return self._dialogue is not None

    @property
    def dialogue_has_words(self) -> bool:
        return self._dialogue is not None and (bool(self._dialogue.parts) or bool(self._speech))

    @property
    def in_parenthetical(self) -> bool:
        return self._paren is not None

    # -- scenes ------------------------------------------------------------------------------

    def start_scene(self, heading: SceneHeading | None, line: int) -> None:
        self.close()
        self._scene = new_scene(heading, line)
        self.scenes.append(self._scene)

    def _add(self, element: Element, line: int) -> None:
        if self._scene is None:
            self._scene = new_scene(None, line)
            self.scenes.append(self._scene)
        self._scene.elements.append(element)

    # -- action and transitions --------------------------------------------------------------

    def action_line(self, text: str, line: int) -> None:
        if self._dialogue is not None:  # tested here: a call fewer per line of a long paragraph
            self.close_dialogue()
        if not self._action:
            self._action_line = line
        self._action.append(text)

    def end_paragraph(self) -> None:
        """A blank line: ends an action paragraph (a speech stays open for the caller to decide)."""
        self._flush_action()
        self._flush_speech()

    def _flush_action(self) -> None:
        if self._action:
            self._add(Action(text=join_wrapped(self._action)), self._action_line)
            self._action = []

    def transition(self, text: str, line: int) -> None:
        self.close()
        self._add(Transition(text=text), line)

    def shot(self, shot: Shot, line: int) -> None:
        """A numbered shot or secondary heading: ends the paragraph or speech before it."""
        self.close()
        self._add(shot, line)

    # -- dialogue ----------------------------------------------------------------------------

    def start_dialogue(self, cue: CharacterCue, line: int) -> None:
        self._flush_action()
        self.close_dialogue()
        self._dialogue = Dialogue(cue=cue)
        self._dialogue_line = line

    def mark_more(self) -> None:
        """A ``(MORE)`` line: the open speech continues on the next page."""
        if self._dialogue is not None:
            self._more = True

    def dialogue_line(self, text: str) -> None:
        """A line inside a dialogue block: a parenthetical, a speech line, or both."""
        rest = text.strip()
        while rest:
            if self._paren is not None:
                close = rest.find(")")
                if close < 0:
                    self._paren.append(rest)
                    return
                self._paren.append(rest[: close + 1])
                self._finish_paren()
                rest = rest[close + 1 :].strip()
                continue
            if rest.startswith("("):
                self._flush_speech()
                self._paren = []
                continue
            self._speech.append(rest)
            return

    def _finish_paren(self) -> None:
        if self._dialogue is not None and self._paren is not None:
            self._dialogue.parts.append(Parenthetical(text=join_wrapped(self._paren)))
        self._paren = None

    def _flush_speech(self) -> None:
        if self._dialogue is not None and self._speech:
            self._dialogue.parts.append(Speech(text=join_wrapped(self._speech)))
        self._speech = []

    def close_dialogue(self) -> None:
        if self._dialogue is None:
            return
        if self._paren is not None:
            self._finish_paren()
        self._flush_speech()
        dialogue, self._dialogue = self._dialogue, None
        more, self._more = self._more, False
        previous = self._scene.elements[-1] if self._scene and self._scene.elements else None
        if (
            isinstance(previous, Dialogue)
            and previous.cue.name == dialogue.cue.name
            and (self._previous_more or "CONT'D" in dialogue.cue.extensions)
        ):
            # One speech split by a page break: "(MORE)" ... "NAME (CONT'D)".
            parts = dialogue.parts
            last = previous.parts[-1] if previous.parts else None
            if isinstance(last, Speech) and parts and isinstance(parts[0], Speech):
                last.text = join_wrapped([last.text, parts[0].text])
                parts = parts[1:]
            previous.parts.extend(parts)
            self._previous_more = more
            return
        self._previous_more = more
        if dialogue.parts:
            self._add(dialogue, self._dialogue_line)
        else:
            # A cue with nothing under it was a line of capitals in the action.
            self._add(Action(text=_cue_text(dialogue.cue)), self._dialogue_line)

    def take_dialogue(self) -> Dialogue | None:
        """The open dialogue with its last speech or parenthetical closed, not added to a scene."""
        if self._paren is not None:
            self._finish_paren()
        self._flush_speech()
        dialogue, self._dialogue = self._dialogue, None
        return dialogue

    def dual_dialogue(self, left: Dialogue, right: Dialogue, line: int) -> None:
        """Two speeches side by side."""
        self.close()
        self._add(DualDialogue(left=left, right=right), line)

    def close(self) -> None:
        self._flush_action()
        self.close_dialogue()
        self._previous_more = False


def dialogue_from_lines(cue: CharacterCue, lines: list[str]) -> Dialogue:
    """A dialogue built from its cue and the lines under it (one column of a dual dialogue)."""
    builder = SceneBuilder()
    builder.start_dialogue(cue, 0)
    for line in lines:
        builder.dialogue_line(line)
    return builder.take_dialogue() or Dialogue(cue=cue)


def _cue_text(cue: CharacterCue) -> str:
    return " ".join([cue.name, *(f"({e})" for e in cue.extensions)])
