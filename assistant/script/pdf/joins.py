"""Lines a printed page broke that the rebuilt text joins again before it is classified.

A PDF holds the printed lines, not the paragraphs: where the printer wrapped, the reader sees two
lines. The plain-text classifier joins the lines of one paragraph, so only three breaks need
help, each joined only when the page shows that the text went on:

- a scene heading wider than a line (60 characters), whose rest is printed on the next line at the
  heading's column (``INT. ... - MAIN CORRIDOR DAY`` / ``(FIFTH PERIOD)``);
- a word hyphenated at a line end (``Sun-`` / ``Glitz``): the page model and word processors break
  just after a hyphen inside a word, so the word is one word again (``Sun-Glitz``); a ``--`` dash
  at a line end is left alone (``runs--`` / ``and`` may have had a space);
- a line holding only a dash (``--``), which a line wrapped at the space before it: it goes back
  on the end of the line above (the classifier would drop it);
- a paragraph a page break cut, when the page is full to its last line, both lines are at the same
  column in mixed case, and the page's last line does not end a sentence (or the next page's first
  line starts in lower case): the two pages' lines are joined with no blank line between.
"""

from __future__ import annotations

import re

from assistant.script.page_layout import DEFAULT_LAYOUT
from assistant.script.pdf.page_lines import PageText
from assistant.script.plaintext_headings import has_heading

PAGE_BREAK_LINES = 2
"""Blank lines put between pages in the rebuilt text, so that a page ends a paragraph."""
FULL_PAGE_SLACK = 0.5
"""A page is full when its last row is within half a line of the lowest last row of any page."""

_NUMBER = r"[A-Z]?\d{1,4}[A-Z]{0,2}(?:-[A-Z\d]{1,3})?\.?"
_NUMBERED_LINE = re.compile(
    rf"^(?P<lead>\s*(?:(?P<number>{_NUMBER})\s{{2,}})?)(?P<text>\S.*?)(?P<tail>\s+(?P=number))?\s*$"
)
"""A printed heading: the scene number on the left, the heading, the same number on the right
(as little as one space after a full-width heading)."""
_HYPHEN_END = re.compile(r"[^\W_]-$")
_LONE_DASH = re.compile(r"^\s*-{1,3}\s*$")
_SENTENCE_END = re.compile(r"[.!?:;][\"')\u201d\u2019]*$")


def join_pages(pages: list[PageText]) -> list[str]:
    """The pages' lines as one text, pages apart by ``PAGE_BREAK_LINES`` blank lines unless a
    paragraph runs on from a full page; then headings and hyphenated words joined."""
    bottoms = [page.bottom for page in pages if page.bottom is not None]
    lowest = max(bottoms, default=0.0)
    out: list[str] = []
    previous: PageText | None = None
    for page in pages:
        if not page.lines:
            continue
        if out:
            assert previous is not None and previous.bottom is not None
            full = previous.bottom >= lowest - FULL_PAGE_SLACK * previous.line_height
            if not (full and _runs_on(out[-1], page.lines[0])):
                out.extend([""] * PAGE_BREAK_LINES)
        out.extend(page.lines)
        previous = page
    return join_hyphenated(join_lone_dashes(join_wrapped_headings(out)))


def _runs_on(last: str, first: str) -> bool:
    """Whether the first line of a page goes on with the paragraph of the last line before it."""
    if _indent(last) != _indent(first) or not _has_lower(last) or not _has_lower(first):
        return False
    starts_lower = first.lstrip()[:1].islower()
    return starts_lower or _SENTENCE_END.search(last.rstrip()) is None


def join_wrapped_headings(lines: list[str]) -> list[str]:
    """Lines with each wrapped scene heading on one line (see the module doc)."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        below = lines[index + 1] if index + 1 < len(lines) else ""
        joined = _heading_with_rest(line, below) if below.strip() else None
        if joined is None:
            out.append(line)
            index += 1
        else:
            out.append(joined)
            index += 2
    return out


def _heading_with_rest(line: str, below: str) -> str | None:
    """``line`` with ``below`` joined into its heading, or None when ``below`` does not go on."""
    match = _NUMBERED_LINE.match(line)
    if match is None or not match.group("text").isupper() or not has_heading(match["text"]):
        return None
    rest = below.strip()
    heading = match["text"].rstrip()
    if (
        abs(_indent(below) - len(match["lead"])) > 1
        or _has_lower(rest)
        or has_heading(rest)
        or len(heading) + 1 + len(rest.split()[0]) <= DEFAULT_LAYOUT.action_width
    ):
        return None
    return f"{match['lead']}{heading} {rest}{match['tail'] or ''}"


def join_lone_dashes(lines: list[str]) -> list[str]:
    """Lines with a line that is only ``-``/``--`` put back on the end of the line above it, when
    it stands directly under that line at its column."""
    out: list[str] = []
    for line in lines:
        if (
            _LONE_DASH.match(line)
            and out
            and out[-1].strip()
            and abs(_indent(out[-1]) - _indent(line)) <= 1
        ):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return out


def join_hyphenated(lines: list[str]) -> list[str]:
    """Lines with a word hyphenated at a line end moved whole onto the line it starts."""
    out = list(lines)
    index = 0
    while index + 1 < len(out):
        line, below = out[index], out[index + 1]
        if (
            _HYPHEN_END.search(line) is not None
            and below.strip()
            and abs(_indent(below) - _indent(line)) <= 1
        ):
            word, _, rest = below.strip().partition(" ")
            if word[:1].isalnum():
                out[index] = line + word
                if rest.strip():
                    out[index + 1] = " " * _indent(below) + rest.lstrip()
                else:
                    del out[index + 1]
        index += 1
    return out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _has_lower(text: str) -> bool:
    return any(c.islower() for c in text)
