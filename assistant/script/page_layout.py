"""The printed page in numbers, and how many lines each element fills on it.

Courier 12 pt prints 10 characters per inch and 6 lines per inch, so every measure here is a whole
number of characters or lines (see ``docs/pagination.md`` for the sources). ``pagination.py`` lays
these line counts out on pages; stats and the TUI use ``element_line_count`` directly.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate, repeat
from operator import attrgetter

from assistant.script.model import (
    Action,
    Centered,
    Dialogue,
    DualDialogue,
    Element,
    Lyrics,
    Shot,
    Transition,
    plain_text,
)


@dataclass(frozen=True)
class PageLayout:
    """Line and column counts of a printed page (Courier 12: 10 characters and 6 lines per inch)."""

    lines_per_page: int = 55
    """Printable lines below the page-number header: a 1" top margin, then 55 lines at 6 per inch
    (9.17") over a 0.83" bottom margin on US Letter; screenplain's ``lines_per_page`` is also 55."""
    action_width: int = 60
    """Scene headings, action, centered text, lyrics: 1.5" to 7.5" from the left edge."""
    cue_width: int = 38
    """Character cue: starts 3.7" from the left edge and may run to the 7.5" right margin."""
    dialogue_width: int = 35
    """Dialogue: 2.5" to 6.0" from the left edge (3.5")."""
    parenthetical_width: int = 25
    """Parenthetical: 3.1" to 5.6" from the left edge (2.5")."""
    transition_width: int = 20
    """Transition: right-aligned at 7.5", at most 2.0" wide (from 5.5", as Final Draft sets it)."""
    dual_column_width: int = 28
    """Each column of dual dialogue (cue, parenthetical and speech share it)."""
    blank_lines_between_elements: int = 1
    """Blank lines before action, a cue, a transition, centered text (none inside a speech)."""
    blank_lines_before_heading: int = 1
    """Blank lines before a scene heading: 1, as in 76% of 12,544 headings of the TRIPOD scripts
    (68 of 84 scripts use 1 for most headings, 12 use 2); see docs/pagination.md."""
    min_split_lines: int = 2
    """Fewest lines of an action paragraph or a speech left on either side of a page break."""


DEFAULT_LAYOUT = PageLayout()

CONTINUED_EXTENSION = "CONT'D"
"""Added to the cue of a speech that carries on at the top of the next page."""


def printable(text: str) -> str:
    """The text as printed: inline notes and emphasis markers removed, ends stripped."""
    # The substring checks skip both regexes for the ~90% of paragraphs that have neither.
    if "[[" in text:
        text = _without_inline_notes(text)
    if "*" in text or "_" in text:
        text = plain_text(text)
    return text.strip()


def _without_inline_notes(text: str) -> str:
    """Text without ``[[...]]`` spans (each from a ``[[`` to the next ``]]``), in linear time: the
    lazy regex this replaces rescanned to the end from every unclosed ``[[`` (100 KB: 70 s)."""
    kept: list[str] = []
    position = 0
    while (start := text.find("[[", position)) >= 0:
        end = text.find("]]", start + 2)
        if end < 0:
            break  # no later [[ can close either
        kept.append(text[position:start])
        position = end + 2
    kept.append(text[position:])
    return "".join(kept)


def wrapped_line_count(text: str, width: int) -> int:
    """How many lines ``text`` fills when word-wrapped at ``width`` characters.

    Lines break at spaces or just after a hyphen inside a word; explicit line breaks are kept (an
    empty line inside the text is one blank line); runs of spaces count as one; a word longer than
    the width is cut. Markup is not removed here (``printable`` does that).

    Args:
        text: the text, possibly with ``\\n`` line breaks.
        width: characters per line (at least 1).

    Returns:
        The number of printed lines, 0 for empty text.
    """
    if not text:
        return 0
    if "\n" not in text:
        return 1 if len(text) <= width else _wrap_count(text, width)
    return sum(1 if len(line) <= width else _wrap_count(line, width) for line in text.split("\n"))


def _wrap_count(line: str, width: int) -> int:
    if "  " in line or "\t" in line:
        line = " ".join(line.split())
    length, start, count = len(line), 0, 1
    if "-" not in line:
        # One rfind per printed line, never a loop over characters or words.
        while length - start > width:
            space = line.rfind(" ", start, start + width + 1)
            start = start + width if space <= start else space + 1
            count += 1
        return count
    while length - start > width:
        end = start + width
        space = line.rfind(" ", start, end + 1)
        hyphen = line.rfind("-", start + 1, end)
        if hyphen > space and line[hyphen - 1] != " ":
            start = hyphen + 1  # "well-" or "runs--" may end a line
        else:
            start = end if space <= start else space + 1
        count += 1
    return count


class SpeechLines:
    """A dialogue block as line counts.

    ``parts`` holds each parenthetical's or speech's lines and whether a page may break inside or
    after it (never after a parenthetical: it keeps with the words it directs).
    """

    __slots__ = ("_continued", "_starts", "body", "cue", "cue_text", "cue_width", "parts", "total")

    def __init__(
        self, cue_text: str, cue_width: int, cue: int, parts: list[tuple[int, bool]], body: int
    ) -> None:
        self.cue_text = cue_text
        self.cue_width = cue_width
        self.cue = cue
        self.parts = parts
        self.body = body
        self.total = cue + body
        self._continued: int | None = None
        self._starts: list[int] | None = None

    def continued_cue(self) -> int:
        """Lines of the cue repeated with ``(CONT'D)`` at the top of the next page."""
        # Kept: asked at every page break, and a cue can be huge (re-wrapping it was quadratic).
        if self._continued is None:
            if CONTINUED_EXTENSION in self.cue_text:
                self._continued = self.cue
            else:
                text = f"{self.cue_text} ({CONTINUED_EXTENSION})"
                self._continued = wrapped_line_count(text, self.cue_width)
        return self._continued

    def first_break(self, minimum: int) -> int:
        """Fewest body lines that may end a page; 0 when the speech cannot be split."""
        position = 0
        for lines, breakable in self.parts:
            if breakable:
                candidate = max(position + 1, minimum)
                if candidate <= position + lines and self.body - candidate >= minimum:
                    return candidate
            position += lines
        return 0

    def last_break(self, start: int, most: int, minimum: int) -> int:
        """Most body lines after ``start`` that may end a page, at most ``most``; 0 if none."""
        limit = min(start + most, self.body - minimum)
        # Part starts are summed once, and only the parts on this page are looked at: building and
        # scanning every part at every page break was quadratic in a long speech.
        if self._starts is None:
            self._starts = list(accumulate((lines for lines, _ in self.parts), initial=0))
        starts = self._starts
        index = bisect_left(starts, limit, 0, len(self.parts)) - 1  # last part starting before
        while index >= 0:
            candidate = min(starts[index + 1], limit)
            if candidate - start < minimum:
                return 0  # parts further back end earlier still
            if self.parts[index][1] and candidate > starts[index]:
                return candidate - start
            index -= 1
        return 0

    def chunk(self, minimum: int) -> int:
        """Fewest lines the speech needs at the foot of a page: cue, first lines and (MORE)."""
        first = self.first_break(minimum)
        return self.cue + first + 1 if first else self.total


def speech_lines(dialogue: Dialogue, layout: PageLayout, column: int = 0) -> SpeechLines:
    """Line counts of a dialogue block, in the dual-dialogue column width when ``column`` is set."""
    parts, body = _measured_parts(dialogue, layout, column)
    cue_width = column or layout.cue_width
    cue_text = _cue_text(dialogue)
    return SpeechLines(cue_text, cue_width, _cue_lines(cue_text, cue_width), parts, body)


def speech_line_total(dialogue: Dialogue, layout: PageLayout, column: int = 0) -> int:
    """``speech_lines(...).total`` without the record (stats asks it of every dialogue)."""
    body = _measured_parts(dialogue, layout, column)[1]
    return _cue_lines(_cue_text(dialogue), column or layout.cue_width) + body


def _measured_parts(
    dialogue: Dialogue, layout: PageLayout, column: int
) -> tuple[list[tuple[int, bool]], int]:
    """Each part's printed lines and whether a page may break after it (not a parenthetical),
    parts that print nothing left out, and the lines of them all: the one measure of a speech's
    parts, for ``speech_lines`` and ``speech_line_total``.

    A short one-line part without markup, the usual kind, is answered here without a call: a
    long speech has a part per line (on a 111-page script, answering them without a call took
    ``speech_lines`` from 3.2 to 1.9 us a speech).
    """
    speech_width = column or layout.dialogue_width
    paren_width = column or layout.parenthetical_width
    if len(dialogue.parts) > ONE_LINE_PARTS:
        measured = _one_line_parts(dialogue, min(speech_width, paren_width))
        if measured is not None:
            return measured, len(measured)
    parts: list[tuple[int, bool]] = []
    append = parts.append
    body = 0
    for part in dialogue.parts:
        breakable = part.type != "parenthetical"
        text = part.text
        width = speech_width if breakable else paren_width
        if (
            len(text) <= width
            and "\n" not in text
            and "*" not in text
            and "_" not in text
            and "[" not in text
        ):
            if not text or text.isspace():
                continue
            lines = 1
        else:
            lines = wrapped_line_count(printable(text), width)
            if not lines:
                continue
        append((lines, breakable))
        body += lines
    return parts, body


ONE_LINE_PARTS = 16
"""Speeches of more parts than this are first measured by ``_one_line_parts``."""


def _one_line_parts(dialogue: Dialogue, width: int) -> list[tuple[int, bool]] | None:
    """``_measured_parts``'s parts of a speech whose every part is a short line without markup
    that prints (one line each), or None when some part is not (the caller measures them one by
    one). Found by comprehensions and C-level scans, without the loop's steps per part: a 1 MB
    speech of a part per line has 350,000 parts, measured at import and again by stats.
    """
    parts = dialogue.parts
    texts = list(map(_TEXT, parts))
    joined = "".join(texts)
    if "\n" in joined or "*" in joined or "_" in joined or "[" in joined:
        return None
    if max(map(len, texts)) > width or not all(texts) or any(map(str.isspace, texts)):
        return None  # a long line to wrap, or a part that prints nothing
    # Each part's measure by its type, looked up in C (``map``): one shared tuple per kind, as
    # a tuple cannot change.
    return list(map(_ONE_LINE.get, map(_TYPE, parts), repeat(_ONE_LINE_BREAKABLE)))


_TEXT, _TYPE = attrgetter("text"), attrgetter("type")
_ONE_LINE_BREAKABLE = (1, True)
_ONE_LINE: dict[str, tuple[int, bool]] = {"parenthetical": (1, False)}
"""A one-line part's measure by its type: a page may break after any part but a parenthetical."""


def _cue_text(dialogue: Dialogue) -> str:
    cue = dialogue.cue
    if cue.extensions:
        return " ".join([cue.name, *(f"({extension})" for extension in cue.extensions)])
    return cue.name


def _cue_lines(cue_text: str, cue_width: int) -> int:
    return 1 if len(cue_text) <= cue_width else wrapped_line_count(cue_text, cue_width)


def element_line_count(element: Element, layout: PageLayout = DEFAULT_LAYOUT) -> int:
    """Lines an element prints, unsplit, without the blank lines before it.

    A dialogue block counts its cue, parentheticals and speech; dual dialogue the taller column;
    sections, synopses, notes and page breaks print nothing (0).

    Args:
        element: any element of a scene.
        layout: the page model (the default is the one described in ``docs/pagination.md``).

    Returns:
        The number of printed lines.
    """
    if type(element) is Dialogue:
        return speech_line_total(element, layout)
    if (
        type(element) is Action
        or type(element) is Centered
        or type(element) is Lyrics
        or type(element) is Shot
    ):
        return wrapped_line_count(printable(element.text), layout.action_width)
    if type(element) is DualDialogue:
        column = layout.dual_column_width
        left = speech_line_total(element.left, layout, column)
        return max(left, speech_line_total(element.right, layout, column))
    if type(element) is Transition:
        return wrapped_line_count(printable(element.text), layout.transition_width)
    return 0


DUALS_KEPT = 4096
"""Distinct short dual dialogues whose line count one ``dual_line_count`` caller keeps."""
_SHORT_PARTS = 8


def dialogue_key(dialogue: Dialogue) -> tuple[object, ...]:
    """The fields a dialogue's layout, counts and FDX text depend on (its cue's name and
    extensions, each part's type and text), as a key for keeping any of them per distinct
    dialogue (pagination, stats and the FDX export each keep one).

    A one-part dialogue, most of a script's, is keyed by the part's type and text themselves, not
    a list of pairs: ~0.6 -> ~0.35 us a key. The keys cannot meet: the third item is a string
    there and a pair for more parts, and a dialogue without parts has two items.
    """
    cue, parts = dialogue.cue, dialogue.parts
    if len(parts) == 1:
        part = parts[0]
        return (cue.name, tuple(cue.extensions), part.type, part.text)
    return (cue.name, tuple(cue.extensions), *[(part.type, part.text) for part in parts])


def dual_key(dual: DualDialogue) -> tuple[object, ...]:
    """The fields a dual dialogue's layout and FDX text depend on (``dialogue_key`` of each side),
    as a key for keeping either per distinct dual dialogue."""
    return (dialogue_key(dual.left), dialogue_key(dual.right))


def dual_line_count(dual: DualDialogue, kept: dict[object, int], layout: PageLayout) -> int:
    """``element_line_count`` of a dual dialogue, kept in ``kept`` per distinct cues and parts
    (the only fields it depends on) for sides of a few parts; ``kept`` holds one layout's."""
    left, right = dual.left, dual.right
    if len(left.parts) > _SHORT_PARTS or len(right.parts) > _SHORT_PARTS:
        return element_line_count(dual, layout)
    key = dual_key(dual)
    lines = kept.get(key)
    if lines is None:
        lines = element_line_count(dual, layout)
        if len(kept) < DUALS_KEPT:
            kept[key] = lines
    return lines


def heading_line_count(text: str, layout: PageLayout = DEFAULT_LAYOUT) -> int:
    """Lines a scene heading prints (headings wrap at the action width)."""
    return wrapped_line_count(printable(text), layout.action_width)
