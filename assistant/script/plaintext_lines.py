"""Reading the lines of a plain-text screenplay: margins, scene numbers and page furniture.

Scripts that circulate as plain text were converted from paginated PDFs or web pages, so each line
carries layout noise that says nothing about the story: page numbers (``12.``, ``Page 12``),
revision headers with dates, the title repeated at the top of every page, ``(CONTINUED)`` /
``CONTINUED:`` / ``(MORE)`` at page breaks, scene numbers in both margins
(``12   INT. HOUSE - NIGHT   12``) and revision asterisks at the right margin. ``prepare_lines``
removes that noise and keeps, for every line, its 1-based number in the source so that scenes can
point back to their heading lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache


class LineKind(Enum):
    CONTENT = "content"
    BLANK = "blank"
    FURNITURE = "furniture"
    """A page number, header, ``(CONTINUED)``...: dropped; it ends a paragraph as a blank does."""
    MORE = "more"
    """A ``(MORE)`` at the foot of a page: the speech goes on after the page break."""
    SPACER = "spacer"
    """A blank line in a double-spaced file, where only two or more blank lines end a paragraph."""


@dataclass(frozen=True, slots=True, eq=False)
class Line:
    """What one source line holds. A record is shared by every line that reads the same (a
    script repeats its cues, ``(beat)`` and ``CUT TO:``; 1 MB of one-letter lines is 500,000
    lines of one reading), so it carries no line number: a line's number is its index in the
    list ``prepare_lines`` returns, plus one. Frozen, so that sharing is safe; compared and
    hashed by identity, so that a pass can ask a question once per record (a C-level hash)."""

    text: str
    """The words of the line: no margins, scene numbers or revision marks."""
    indent: int
    """Column where ``text`` starts once tabs are expanded and a left scene number is removed."""
    kind: LineKind = LineKind.CONTENT
    scene_number: str | None = None
    is_content: bool = field(init=False)
    """``kind`` is CONTENT (kept as a field: the classifier asks it for every line, often)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "is_content", self.kind is LineKind.CONTENT)


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string (long vocabularies read better so)."""
    return frozenset(words.split())


def next_index(lines: list[Line], i: int) -> int:
    """Index of the line after ``i``, skipping the spacer lines of a double-spaced file."""
    j = i + 1
    while j < len(lines) and lines[j].kind is LineKind.SPACER:
        j += 1
    return j


class NextContent:
    """For every line, where the next content line is and whether a blank line comes first.

    Computed once, backwards, in linear time: asking by scanning forward from each blank line made
    a long blank run inside a speech quadratic (8,000 blank lines took 7.5 s).
    """

    def __init__(self, lines: list[Line]) -> None:
        count = len(lines)
        self.count = count
        kinds = [ln.kind for ln in lines]
        content, blank = LineKind.CONTENT, LineKind.BLANK
        contents = [i for i, kind in enumerate(kinds) if kind is content]
        self._content = _first_at_or_after(contents, count)
        """For each line, the first content line at or after it."""
        self._last_blank = [-1] * (count + 1)
        """For each content line (and the end), the last BLANK line since the content line before
        it, or -1: found walking back from it, which stops at once after a blank line."""
        previous = -1
        for j in [*contents, count]:
            k = j - 1
            while k > previous and kinds[k] is not blank:
                k -= 1
            self._last_blank[j] = k if k > previous else -1
            previous = j

    def after(self, i: int) -> int:
        """Index of the first content line after line ``i`` (the line count when there is none)."""
        return self._content[min(i + 1, self.count)]

    def blank_before_next(self, i: int) -> bool:
        """Whether a BLANK line lies between line ``i`` and the next content line."""
        start = min(i + 1, self.count)
        # No content line lies in [start, next), so the last blank before next is in it if any is.
        return self._last_blank[self._content[start]] >= start


def _first_at_or_after(indices: list[int], count: int) -> list[int]:
    """For each position 0..count, the first of the ascending ``indices`` at or after it (``count``
    when none is): filled a run at a time, so a million blank lines cost one list repeat."""
    found: list[int] = []
    previous = -1
    for index in indices:
        found.extend([index] * (index - previous))
        previous = index
    found.extend([count] * (count - previous))
    return found


TAB_WIDTH = 8
"""Typewriter and word-processor tab stops are 8 columns, the width ``str.expandtabs`` assumes."""

_ODD_SPACES = ("\xa0", "\u2002", "\u2003", "\u2009", "\f")
"""No-break and typographic spaces, and form feeds, all read as plain spaces."""


def _without_revision_mark(text: str) -> str:
    """The line without a revision mark (spaces, then asterisks, at its end; the line is already
    right-stripped). The regex this replaces backtracked over long runs of spaces: quadratic."""
    stars = len(text.rstrip("*"))
    if stars == len(text):
        return text
    kept = text[:stars].rstrip()
    return text if len(kept) == stars else kept


# A scene number: 12, 12A, 107-A, A15, 161AA, 12. (also page and scene glued as 19.34).
_NUMBER = r"(?:\d{1,3}\.)?[A-Z]{0,2}\d{1,4}[A-Za-z]{0,3}(?:-[A-Z])?\.?"
_LEFT_NUMBER = re.compile(rf"^({_NUMBER})(\s+)(?=\S)")
_NUMBER_TOKEN = re.compile(_NUMBER)
_GLUED_LEFT = re.compile(r"^(\d{1,4}[A-Z]?)(?=(?:INT|EXT)[A-Z./ -])")
_GLUED_RIGHT = re.compile(r"(?<=[A-Z.)'])(\d{1,4}[A-Z]?)$")
_ONLY_NUMBERS = re.compile(r"^(?:[A-Z]?\d{1,4}[A-Za-z]{0,3}(?:\.\s*|\s+|$))+$|^\d+[.:]\d+\.?$")
"""A line of margin numbers only (``12  12``, ``12.``, ``19.34``). Each number must end in a dot,
a space or the line's end: with both optional, a run of digits split into 1-4-digit numbers in
exponentially many ways (30 digits and a letter: minutes)."""
_PAGE = re.compile(
    r"^(?:-\s*\d+\s*-|\(?\s*(?:PAGE|PG\.?)\s*\d+\s*\)?\.?|\d+\s+OF\s+\d+|SCENE\s*\d+\w*\s*PAGE\s*\d+)$",
    re.IGNORECASE,
)
_CONTINUED = re.compile(
    r"^\(?\s*(?:CONTINUED|CONT'D|CONT’D|CONTD)\s*\)?\s*(?::|-)?\s*(?:\(\d+\)|\d+)?\s*"
    r"(?:\(?\s*ON NEXT PAGE\s*\)?)?:?$",
    re.IGNORECASE,
)
_MORE = re.compile(r"^\(\s*MORE\s*\)$", re.IGNORECASE)
_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")
_REVISION_WORD = re.compile(r"\b(?:REV\.?|REVISED|REVISIONS?|DRAFT)\b", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_BULLET = re.compile(r"^(?:â€¢|Â€¢|•|·)\s*")
_BULLET_CHARS = frozenset("âÂ•·")
_RULE = re.compile(r"[*_\-=.\s]+")
"""A line of only rule characters (``-----``, ``* * *``) separates like a blank line."""
_RULE_CHARS = frozenset("*_-=.")
_STRAY_MARK = re.compile(r"^[^\w\s]{1,3}\s{6,}|^[a-z]{1,2}[^\w\s]?\s{8,}")
_SPACES = re.compile(r"\s+")

HEADER_REPEATS = 4
"""A line that recurs this often next to page furniture is a running header (a title on every page).
A 100-page script repeats its header 100 times; 4 keeps short excerpts covered."""
HEADER_NEAR = 0.6
"""Share of a header's occurrences that must sit within 3 lines of other page furniture."""
HEADER_FOLLOWED = 0.2
"""Largest share of a header's occurrences with text right under it (a cue always has)."""


_LOWER = re.compile(r"[^\W\d_A-ZÀ-Þ]")
_UPPER = re.compile(r"[A-ZÀ-Þ]")


@lru_cache(maxsize=65536)
def is_uppercase(text: str) -> bool:
    """Whether the letters of ``text`` are capitals (``McCLANE`` and ``DR. McCOY'S`` count)."""
    if text.isupper():
        return True
    return mostly_capitals(*letter_counts(text))


def letter_counts(text: str) -> tuple[int, int]:
    """The capitals and the lower-case letters of ``text``, as ``is_uppercase`` counts them."""
    return len(_UPPER.findall(text)), len(_LOWER.findall(text))


def mostly_capitals(upper: int, lower: int) -> bool:
    """``is_uppercase``'s rule on letter counts: some capitals, and 85% of the letters."""
    return upper > 0 and upper >= 0.85 * (upper + lower)


_OMITTED = frozenset({"OMITTED", "OMIT", "SCENE OMITTED", "SCENES OMITTED"})


_YEAR = re.compile(r"(?:18|19|20)\d\d\.?")
"""A year alone on a line: a speech's last word (``1972.``), a caption, an epigraph's date. No
script has page 1800; a scene number that high is not a feature's."""


def _is_furniture(text: str, stripped: str) -> bool:
    """Whether a line is page furniture; ``stripped`` is the line without margin numbers."""
    if _ONLY_NUMBERS.match(text) and not _YEAR.fullmatch(text):
        return True
    if _PAGE.match(text) or _CONTINUED.match(text):
        return True
    if stripped != text and _CONTINUED.match(stripped):
        return True
    if stripped.upper() in _OMITTED:
        return True
    if "/" in text or "." in text or "-" in text:
        date = _DATE.search(text)
        if date:
            # A revision header or a bare date: "TWINS - Rev. 2/3/88 12." / "9/24/10".
            rest = _DATE.sub("", text).strip(" .-")
            return not rest or (len(text.split()) <= 10 and _REVISION_WORD.search(text) is not None)
    return False


def _strip_numbers(text: str) -> tuple[str, str | None, int]:
    """``text`` without margin scene numbers, the number, and the columns cut on the left."""
    number: str | None = None
    cut = 0
    glued = _GLUED_LEFT.match(text)
    if glued:
        number = glued.group(1)
        cut = glued.end()
        text = text[cut:]
        glued_right = _GLUED_RIGHT.search(text)
        if glued_right and glued_right.group(1) == number:
            text = text[: glued_right.start()].rstrip()
        return text, number, cut
    left = _LEFT_NUMBER.match(text)
    right = _right_number(text)
    left_number = left.group(1).rstrip(".") if left else None
    rest = text[left.end() :] if left else text
    if left and left_number is not None:
        matching = right is not None and right[1] == left_number.split(".")[-1]
        wide_gap = len(left.group(2)) >= 2
        heading = _starts_heading(rest)
        if (matching or wide_gap or heading) and (heading or is_uppercase(rest)):
            number = left_number.split(".")[-1] if "." in left_number[:-1] else left_number
            cut = left.end()
            text = rest
    right = _right_number(text) if right is not None else None
    if right is not None:
        head, right_number, gap = right
        if right_number != number and not right_number.isupper() and not right_number.isdigit():
            # "- 1960s", "- 9am": a lower-case suffix ("35a") is a number only when the left
            # margin prints the same one; otherwise the token is the heading's own word.
            return text, number, cut
        if (number is not None and (right_number == number or _starts_heading(text))) or (
            gap >= 3 and is_uppercase(head)
        ):
            if number is not None and number[-1].islower() and right_number != number:
                # "5o INT. ... - DAY. 50": a scanned "0" read as "o"; a lower-case suffix
                # ("35a") is only trusted when the other margin agrees.
                number = right_number
            number = number or right_number
            text = head
    return text, number, cut


def _right_number(text: str) -> tuple[str, str, int] | None:
    """``(text before, number, width of the gap)`` when the line ends in a scene number."""
    head, space, tail = text.rpartition(" ")
    if not space or not tail[:1].isalnum() or _NUMBER_TOKEN.fullmatch(tail) is None:
        return None
    kept = head.rstrip()
    if not kept:
        return None
    return kept, tail.rstrip("."), len(head) - len(kept) + 1


_HEADING_START = re.compile(r"^(?:INT|EXT|INTERIOR|EXTERIOR|I/E)\b")


def _starts_heading(text: str) -> bool:
    return _HEADING_START.match(text) is not None


_Reading = tuple[str, int, LineKind, str | None]
"""A line's ``text``, ``indent``, ``kind`` and ``scene_number``: the fields of ``Line``."""
_BLANK: _Reading = ("", 0, LineKind.BLANK, None)
BLANK_LINE = Line(*_BLANK)
"""The record of every blank line ``prepare_lines`` returns."""
SPACER_LINE = Line("", 0, LineKind.SPACER)
"""The record of every spacer line (a blank line of a double-spaced file)."""


def _read_line(raw: str) -> _Reading:
    """What one source line holds once margins, numbers and revision marks are cut."""
    if not raw or raw.isspace():  # what the stripping below makes blank, found sooner
        return _BLANK
    expanded = raw.expandtabs(TAB_WIDTH).rstrip() if "\t" in raw else raw.rstrip()
    if expanded.endswith("*"):
        expanded = _without_revision_mark(expanded)
    body = expanded.strip()
    if not body or (body[0] in _RULE_CHARS and _RULE.fullmatch(body)):
        return _BLANK
    indent = len(expanded) - len(expanded.lstrip())
    if body[0] == "(" and _MORE.match(body):
        return body, indent, LineKind.MORE, None
    if body[0] in _BULLET_CHARS:
        body = _BULLET.sub("", body) or body
    stripped, scene_number, cut = _strip_numbers(body)
    if _is_furniture(body, stripped):
        return body, indent, LineKind.FURNITURE, None
    if cut:
        indent += cut + len(body[cut:]) - len(body[cut:].lstrip())
    else:
        stray = _STRAY_MARK.match(stripped)
        if stray:
            # "o                MONTY": a scanning speck in the margin, not text.
            indent += stray.end()
            stripped = stripped[stray.end() :]
    return stripped.strip(), indent, LineKind.CONTENT, scene_number


def prepare_lines(text: str) -> list[Line]:
    """Split a decoded script into ``Line`` records with furniture marked and margins removed.

    Args:
        text: the whole script, line endings normalised to ``\\n``.

    Returns:
        One ``Line`` per source line, in order (blank and furniture lines included, so that the
        list index plus one is the source line number). Lines that read the same share one
        record (``Line`` is frozen); every BLANK line is ``BLANK_LINE``.
    """
    for odd_space in _ODD_SPACES:
        if odd_space in text:
            text = text.replace(odd_space, " ")
    # A line's reading depends on its text alone, and scripts repeat lines (cues, "(beat)",
    # "CUT TO:", blank-looking runs): each distinct line is read once.
    raw_lines = text.split("\n")
    # One record per distinct reading, shared by its lines (a Line costs 0.4 us, and 1 MB of
    # one-letter or blank lines is 500,000 to a million of them); the list is then one C-level
    # lookup per line.
    records: dict[_Reading, Line] = {_BLANK: BLANK_LINE}
    by_raw: dict[str, Line] = {}
    for raw in dict.fromkeys(raw_lines):
        reading = _read_line(raw)
        record = records.get(reading)
        if record is None:
            record = records[reading] = Line(*reading)
        by_raw[raw] = record
    lines = list(map(by_raw.__getitem__, raw_lines))
    _mark_double_spacing(lines)
    _mark_running_headers(lines)
    return lines


DOUBLE_SPACED_DIRECT = 0.05
"""Some HTML conversions put a blank line after every line. In such a file almost no line (under 5%)
is directly followed by another; in ordinary layouts 35-60% are (wrapped action and speeches)."""


MIN_DOUBLE_SPACED = 12
"""Lines needed before a file is judged double spaced (a short excerpt proves nothing)."""


def _mark_double_spacing(lines: list[Line]) -> None:
    direct = single = 0
    content, blank = LineKind.CONTENT, LineKind.BLANK
    kinds = [ln.kind for ln in lines]
    for first, second, third in zip(kinds, kinds[1:], kinds[2:], strict=False):
        if first is not content:
            continue
        if second is content:
            direct += 1
        elif second is blank and third is content:
            single += 1
    if single < MIN_DOUBLE_SPACED or direct > DOUBLE_SPACED_DIRECT * (direct + single):
        return
    for i in range(1, len(lines) - 1):
        if kinds[i] is blank and kinds[i - 1] is not blank and kinds[i + 1] is not blank:
            lines[i] = SPACER_LINE


def _mark_running_headers(lines: list[Line]) -> None:
    """Drop lines that recur next to page furniture and are never followed by text (page headers).

    A title repeated on every page sits beside the page number, with a blank line under it; a
    character cue may also recur at page tops (``MARA (CONT'D)``) but has its speech right under it.
    """
    # Lines with some page furniture within 3 lines of them: the few around each furniture line.
    window = 3
    count = len(lines)
    furniture, more = LineKind.FURNITURE, LineKind.MORE
    around: set[int] = set()
    for i in [i for i, ln in enumerate(lines) if ln.kind is furniture or ln.kind is more]:
        around.update(range(max(0, i - window), min(count, i + window + 1)))
    near: Counter[str] = Counter()
    for i in sorted(around):
        ln = lines[i]
        if ln.kind is LineKind.CONTENT:
            near[_DIGITS.sub("#", ln.text)] += 1
    # Only lines seen near furniture often enough can be headers; count just those everywhere.
    candidates = {
        key for key, seen_near in near.items() if seen_near >= HEADER_NEAR * HEADER_REPEATS
    }
    if not candidates:
        return
    starts = {key[:1] for key in candidates}
    total: Counter[str] = Counter()
    followed: Counter[str] = Counter()
    keys: dict[int, str] = {}
    for i, ln in enumerate(lines):
        if ln.kind is not LineKind.CONTENT:
            continue
        first = ln.text[:1]
        if ("#" if first.isdigit() else first) not in starts:
            continue
        key = _DIGITS.sub("#", ln.text)
        if key not in candidates:
            continue
        keys[i] = key
        total[key] += 1
        j = next_index(lines, i)
        if j < count and lines[j].kind is LineKind.CONTENT:
            followed[key] += 1
    headers = {
        key
        for key, times in total.items()
        if times >= HEADER_REPEATS
        and near[key] >= HEADER_NEAR * times
        and followed[key] <= HEADER_FOLLOWED * times
    }
    furniture_of: dict[Line, Line] = {}  # records are shared: each is replaced, not changed
    for i, key in keys.items():
        if key in headers and not _starts_heading(lines[i].text):
            ln = lines[i]
            marked = furniture_of.get(ln)
            if marked is None:
                marked = furniture_of[ln] = Line(ln.text, ln.indent, furniture, ln.scene_number)
            lines[i] = marked
