"""The walk over a plain-text script's lines that tells ``SceneBuilder`` what each one is.

``parse_plain`` (``plaintext.py``) prepares the lines, infers the file's columns and finds its
headings; ``Classifier`` then reads every content line once, in order: heading, shot, transition,
cue, a line of the open speech, or action. Most of its decisions look at the lines around the one
read (the next content line, the blank lines before it), which ``NextContent`` answers in constant
time.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import islice

from assistant.script.characters import fold_voice
from assistant.script.heading_parts import is_shot
from assistant.script.model import CharacterCue, Shot
from assistant.script.plaintext_build import SceneBuilder
from assistant.script.plaintext_dual import DualBlock, dual_cues, may_hold_two_cues
from assistant.script.plaintext_headings import HeadingMatch, own_heading
from assistant.script.plaintext_layout import (
    Layout,
    colon_cue,
    cue_parts,
    cue_reading,
    is_transition,
    measured_length,
)
from assistant.script.plaintext_lines import (
    Line,
    LineKind,
    NextContent,
    is_uppercase,
    next_index,
)

MAX_SHOT_LENGTH = 70
"""A shot line is a short line of capitals (longer ones are action written in capitals)."""
NOT_SHOTS = ("CONTINUED", "OMIT")
"""Numbered lines that are page furniture or a scene left out, not shots."""
CAPTION_CAPITALS = 0.75
"""Share of capitals in the line under a centred caption (``JULY 4th BALL``)."""
MAX_CUE_LENGTH = 60
"""Longer lines are never read as a cue."""
ORDINARY_KEPT = 65536
"""Distinct line texts whose ``Classifier.is_ordinary`` answer one parse keeps."""

_CueParts = tuple[str, tuple[str, ...]]

SPEECH_SLACK = 3
"""Columns a speech line may run past the file's usual speech width before it is taken as action."""


class Classifier:
    """Walks the lines once and tells the builder what each one is."""

    def __init__(
        self,
        lines: list[Line],
        layout: Layout,
        headings: dict[int, HeadingMatch],
        builder: SceneBuilder,
    ) -> None:
        self.lines = lines
        self.layout = layout
        self.headings = headings
        self.builder = builder
        self.awaiting_speech = False
        """A cue was just read and its speech may follow a blank line."""
        self.dual: DualBlock | None = None
        """Two cues side by side were read; the lines under them are being split."""
        self.next_content = NextContent(lines)
        self._closes_at: tuple[int, bool] = (-1, False)
        """The last ``_closes`` answer, by the content line it looked at: every blank line of one
        run asks about the same line."""
        self._ordinary: dict[str, bool] = {}

    def run(self, start: int) -> None:
        lines = self.lines
        count = len(lines)
        blank = LineKind.BLANK
        gap = True
        ended = False  # the line before (spacers aside) was not content: the paragraph is ended
        previous = start - 1
        # Only the lines that are not blank are visited: of a blank run only the first line can
        # do anything (end the paragraph), and whether an open speech closes there depends on the
        # next content line, the same for the whole run (1 MB of blank lines is a million).
        visited = [
            i for i, ln in enumerate(islice(lines, start, None), start) if ln.kind is not blank
        ]
        headings = self.headings
        ordinary = self._ordinary
        builder = self.builder
        for i in visited:
            if i > previous + 1 and not ended:
                self._paragraph_break(previous + 1, blank)
                gap = ended = True
            previous = i
            ln = lines[i]
            if ln.kind is LineKind.SPACER:
                continue
            if not ln.is_content:
                self._paragraph_break(i, ln.kind)
                gap = ended = True
                continue
            if i in headings:
                self._finish_dual()
                self._line(i, ln, gap)
            elif self.dual is not None:
                self.dual.add(ln)
            else:
                known = ordinary.get(ln.text)
                if known is None:
                    known = self.is_ordinary(ln.text)
                if not known:
                    self._line(i, ln, gap)
                elif builder.in_dialogue:
                    self._ordinary_line(i, ln, gap)
                else:  # most ordinary lines: action, as _ordinary_line would say, one call fewer
                    self.awaiting_speech = False
                    builder.action_line(ln.text, i + 1)
            gap = ended = False
        if count > previous + 1 and not ended:
            self._paragraph_break(previous + 1, blank)
        self._finish_dual()

    def is_ordinary(self, text: str) -> bool:
        """Whether a content line of this text, not a heading, can only be action or a line of the
        open speech: it is no shot or cue (not in capitals, no cue reading), no transition, no
        ``NAME: speech`` and no pair of cues. ``_line`` then reaches ``_ordinary_line``'s three
        outcomes only, so the walk takes that shortcut (1 MB of one-letter lines is 500,000 of
        them). The answer depends on the text and the file's layout alone and is kept per text.
        """
        layout = self.layout
        answer = not (
            is_uppercase(text)
            or is_transition(text)
            or (layout.colon_cues and colon_cue(text) is not None)
            or (layout.indented_cues and may_hold_two_cues(text))
            or (len(text) <= MAX_CUE_LENGTH and cue_reading(text)[0] is not None)
        )
        if len(self._ordinary) < ORDINARY_KEPT:
            self._ordinary[text] = answer
        return answer

    def _ordinary_line(self, i: int, ln: Line, gap: bool) -> None:
        """What ``_line`` does with line ``i``, one ``is_ordinary`` accepts (and no heading)."""
        builder = self.builder
        if not builder.in_dialogue:  # the walk in ``run`` takes this branch itself
            self.awaiting_speech = False
            builder.action_line(ln.text, i + 1)
        elif builder.in_parenthetical:
            builder.dialogue_line(ln.text)
        elif self._continues(ln, gap):
            builder.dialogue_line(ln.text)
            self.awaiting_speech = False
        else:
            self.awaiting_speech = False
            builder.action_line(ln.text, i + 1)

    def _paragraph_break(self, i: int, kind: LineKind) -> None:
        """Line ``i`` is blank, furniture or ``(MORE)``: the paragraph, maybe the speech, ends."""
        self._finish_dual()
        if kind is LineKind.MORE:
            self.builder.mark_more()
        self.builder.end_paragraph()
        if self.builder.in_dialogue and not self.awaiting_speech and self._closes(i):
            self.builder.close_dialogue()

    def _finish_dual(self) -> None:
        if self.dual is not None:
            element = self.dual.element()
            self.builder.dual_dialogue(element.left, element.right, self.dual.line)
            self.dual = None

    def _closes(self, i: int) -> bool:
        """After a blank line, whether the open speech is over (no more speech lines follow)."""
        j = self.next_content.after(i)
        if j >= len(self.lines):
            return True
        if self._closes_at[0] != j:
            self._closes_at = (j, not self._speech_after_gap(self.lines[j], j))
        return self._closes_at[1]

    def _speech_after_gap(self, ln: Line, i: int) -> bool:
        if self.layout.dialogue_flush or i in self.headings:
            return False
        return abs(ln.indent - self.layout.dialogue) <= 2 and self._cue_at(i) is None

    def _line(self, i: int, ln: Line, gap: bool) -> None:
        builder = self.builder
        match = self.headings.get(i)
        if match is not None:
            if match.continuation:
                return  # the second line of a heading, read with the line above
            if match.before:
                # "BRAM : Then we vent it. EXT. PLAINS - DAWN": read the prose as its own line.
                self._content(i, replace(ln, text=match.before), gap)
            # A match may be shared by every line of its text (``shared_match``): the scene
            # gets a heading of its own.
            heading = match.heading
            builder.start_scene(None if heading is None else own_heading(heading), i + 1)
            self.awaiting_speech = False
            if match.heading is not None:
                if match.after:
                    builder.action_line(match.after, i + 1)
                return
            # A break found in prose: the line itself is read as usual below.
        if self._is_shot(i, ln, gap):
            builder.shot(Shot(text=ln.text, number=ln.scene_number), i + 1)
            self.awaiting_speech = False
            return
        self._content(i, ln, gap)

    def _is_shot(self, i: int, ln: Line, gap: bool) -> bool:
        """A shot under a master scene: a numbered line of capitals at the action margin (``3-A
        HIS P.O.V.``), or an unnumbered one standing alone that names a shot (``ANGLE ON MARA``).
        """
        if ln.indent > self.layout.action + 2 or len(ln.text) > MAX_SHOT_LENGTH:
            return False
        if self.builder.in_parenthetical or not is_uppercase(ln.text) or is_transition(ln.text):
            return False
        if ln.text.startswith(NOT_SHOTS):
            return False
        if ln.scene_number is None:
            if ln.text.endswith((",", ";", "-")):
                return False  # "ON THE MONITORS," goes on in the paragraph below: action
            j = next_index(self.lines, i)
            alone = j >= len(self.lines) or not self.lines[j].is_content
            if not (gap and alone and is_shot(ln.text)):
                return False
        return self._cue_at(i, gap) is None

    def _content(self, i: int, ln: Line, gap: bool) -> None:
        """Classify a line that is not a heading: transition, cue, speech or action."""
        builder = self.builder
        if builder.in_parenthetical and builder.in_dialogue:
            builder.dialogue_line(ln.text)
            return
        if is_transition(ln.text) and (ln.indent >= self.layout.cue_min or ln.text.endswith(":")):
            builder.transition(ln.text, i + 1)
            self.awaiting_speech = False
            return
        if self.layout.colon_cues and ln.indent <= self.layout.action + 2:
            found = colon_cue(ln.text)
            if found is not None and (found[2] or self._has_next_speech(i)):
                name, extensions, rest = found
                builder.start_dialogue(_cue(name, extensions), i + 1)
                if rest:
                    builder.dialogue_line(rest)
                self.awaiting_speech = False
                return
        if self.layout.indented_cues and ln.indent > self.layout.action + 2:
            dual = dual_cues(ln, i + 1)
            if dual is not None and self._has_next_speech(i):
                self.dual = dual
                return
        found_cue = self._cue_at(i, gap)
        if found_cue is not None:
            (name, extensions), rest = found_cue
            builder.start_dialogue(_cue(name, extensions), i + 1)
            if rest:
                builder.dialogue_line(rest)
            self.awaiting_speech = True
            return
        if builder.in_dialogue and self._continues(ln, gap):
            builder.dialogue_line(ln.text)
            self.awaiting_speech = False
            return
        self.awaiting_speech = False
        builder.action_line(ln.text, i + 1)

    def _has_next_speech(self, i: int) -> bool:
        j = next_index(self.lines, i)
        return j < len(self.lines) and self.lines[j].is_content and j not in self.headings

    def _continues(self, ln: Line, gap: bool) -> bool:
        layout = self.layout
        if layout.colon_cues and ln.text.startswith("(") and ln.text.endswith(")"):
            return False  # a stage direction standing on its own line in a transcript
        if layout.dialogue_flush:
            if (
                not gap
                and layout.speech_width
                and measured_length(ln.text) > layout.speech_width + SPEECH_SLACK
                and self.builder.dialogue_has_words
            ):
                return False  # a line as wide as action, right under a speech at the same column
            return not gap or self.awaiting_speech
        if ln.indent < (layout.action + layout.dialogue) / 2:
            return False
        return (
            not gap
            or self.awaiting_speech
            or abs(ln.indent - layout.dialogue) <= 2
            or ln.text.startswith("(")
        )

    def _cue_at(self, i: int, gap_before: bool = True) -> tuple[_CueParts, str] | None:
        ln = self.lines[i]
        layout = self.layout
        if i in self.headings or len(ln.text) > MAX_CUE_LENGTH:
            return None
        cue, rest = cue_reading(ln.text)
        if cue is None or (ln.text.endswith(":") and not layout.colon_cues):
            return None
        flush = abs(ln.indent - layout.action) <= 2
        known = cue[0] in layout.speakers and not (self.builder.in_dialogue and not gap_before)
        if layout.indented_cues:
            if ln.indent < layout.cue_min and not (layout.flush_cues_too and flush) and not known:
                return None
        elif layout.colon_cues or ln.indent > layout.action + 2:
            return None  # transcripts mark speakers with a colon; other capitals are action
        j = self.next_content.after(i)
        if j >= len(self.lines):
            return None
        gap = self.next_content.blank_before_next(i)
        nxt = self.lines[j]
        if j in self.headings or is_transition(nxt.text):
            return None
        if layout.indented_cues and not flush:
            if nxt.indent > ln.indent + 2 and not nxt.text.startswith("("):
                return None
            speech_follows = layout.speech_after_blank or nxt.text.startswith("(")
            if gap and not speech_follows and not self._speech_after_gap(nxt, j):
                return None
            if cue_parts(nxt.text) is not None and abs(nxt.indent - ln.indent) <= 2:
                return None  # two stacked lines of capitals: a title, a sign, not a cue
            if _centred_under(ln, nxt) and abs(nxt.indent - layout.dialogue) > 2:
                return None  # a caption or a document's lines, centred one under the other
        elif gap:
            return None
        return cue, rest


def _cue(name: str, extensions: tuple[str, ...]) -> CharacterCue:
    """The cue of ``name``; ``HANS' VOICE`` is HANS with the extension ``VOICE`` kept."""
    speaker, medium = fold_voice(name)
    folded = [medium] if medium is not None else []
    return CharacterCue(name=speaker, extensions=[*folded, *extensions])


def _centred_under(ln: Line, nxt: Line) -> bool:
    """Whether ``nxt`` is in capitals and centred under ``ln`` (a caption, a title card, a
    document shown on screen) rather than a speech under a cue."""
    if nxt.text.startswith("("):
        return False  # a parenthetical is often centred under its cue
    letters = [c for c in nxt.text if c.isalpha()]
    if sum(c.isupper() for c in letters) < CAPTION_CAPITALS * len(letters):
        return False  # a speech in lower case, whatever its indent
    centre = ln.indent + len(ln.text) / 2
    return abs(nxt.indent + len(nxt.text) / 2 - centre) <= 1.5
