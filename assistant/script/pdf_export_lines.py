"""The printed lines of an element: its text wrapped exactly as the page model counts it, with the
emphasis of every character and the revision mark of every line.

``page_layout.wrapped_line_count`` counts lines; the PDF needs the lines themselves. ``wrap``
breaks at the same places (spaces, just after a hyphen inside a word, a hard cut for a word longer
than the width; runs of spaces collapsed only when a line has them), so that an exported page
holds exactly the lines the page model put on it (``tests/script/test_pdf_export.py`` checks the
counts agree on every paragraph of real scripts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.script.emphasis import emphasis_runs

BOLD, ITALIC, UNDERLINE = 1, 2, 4
"""Style bits of one printed character."""
REVISION_MARK = re.compile(r"\[\[\s*\*+\s*\]\]")
"""The ``[[*]]`` note that ``slate revise`` writes on a revised Fountain line (at its end; inside
the opening parenthesis of a parenthetical)."""


@dataclass(frozen=True, slots=True)
class StyledLine:
    """One printed line: its characters, the style bits of each, and whether it is revised."""

    text: str
    styles: tuple[int, ...]
    marked: bool = False


def without_inline_notes(text: str) -> str:
    """Text without ``[[...]]`` spans, as ``page_layout.printable`` removes them (linear time)."""
    if "[[" not in text:
        return text
    kept: list[str] = []
    position = 0
    while (start := text.find("[[", position)) >= 0:
        end = text.find("]]", start + 2)
        if end < 0:
            break
        kept.append(text[position:start])
        position = end + 2
    kept.append(text[position:])
    return "".join(kept)


def _styled_chars(text: str) -> tuple[str, list[int]]:
    """``printable(text)`` and the style bits of each of its characters."""
    text = without_inline_notes(text)
    if "*" not in text and "_" not in text:  # printable leaves such text unread (escapes too)
        stripped = text.strip()
        return stripped, [0] * len(stripped)
    chars: list[str] = []
    styles: list[int] = []
    for run in emphasis_runs(text):
        bits = (BOLD if run.bold else 0) | (ITALIC if run.italic else 0)
        bits |= UNDERLINE if run.underline else 0
        chars.append(run.text)
        styles.extend([bits] * len(run.text))
    joined = "".join(chars)
    start = len(joined) - len(joined.lstrip())
    end = len(joined.rstrip())
    return joined[start:end], styles[start:end]


def _collapsed(line: str, styles: list[int]) -> tuple[str, list[int]]:
    """``" ".join(line.split())`` with the styles kept beside the characters."""
    chars: list[str] = []
    kept: list[int] = []
    pending = False
    for char, bits in zip(line, styles, strict=True):
        if char.isspace():
            pending = bool(chars)
            continue
        if pending:
            chars.append(" ")
            kept.append(bits)
            pending = False
        chars.append(char)
        kept.append(bits)
    return "".join(chars), kept


def wrap_spans(line: str, width: int) -> list[tuple[int, int]]:
    """Where ``line`` (already collapsed if it must be) breaks at ``width``: (start, end) spans.

    The same breaks as ``page_layout._wrap_count``: the number of spans is its count.
    """
    length, start = len(line), 0
    spans: list[tuple[int, int]] = []
    hyphens = "-" in line  # asked once: asking per printed line was quadratic in a long line
    while length - start > width:
        end = start + width
        space = line.rfind(" ", start, end + 1)
        hyphen = line.rfind("-", start + 1, end) if hyphens else -1
        if hyphen > space and line[hyphen - 1] != " ":
            spans.append((start, hyphen + 1))
            start = hyphen + 1
        elif space <= start:
            spans.append((start, end))
            start = end
        else:
            spans.append((start, space))
            start = space + 1
    spans.append((start, length))
    return spans


def wrap_line(line: str, styles: list[int], width: int, marked: bool) -> list[StyledLine]:
    """One source line as printed lines (one, or more when longer than ``width``)."""
    if len(line) <= width:
        return [StyledLine(line, tuple(styles), marked)]
    if "  " in line or "\t" in line:
        line, styles = _collapsed(line, styles)
    return [StyledLine(line[a:b], tuple(styles[a:b]), marked) for a, b in wrap_spans(line, width)]


def _line_marks(text: str, printed_lines: int) -> list[bool]:
    """Which printed source lines carry a revision mark; all of them or none when a multi-line
    note or stripped blank lines make the source lines and the printed ones differ."""
    if "[[" not in text:
        return [False] * printed_lines
    marks = [REVISION_MARK.search(line) is not None for line in text.split("\n")]
    if len(marks) != printed_lines:
        return [any(marks)] * printed_lines
    return marks


def styled_lines(text: str, width: int) -> list[StyledLine]:
    """Element text as printed lines: notes and markup removed, wrapped at ``width``.

    ``len(styled_lines(t, w)) == wrapped_line_count(printable(t), w)`` for every text.
    """
    plain, styles = _styled_chars(text)
    if not plain:
        return []
    out: list[StyledLine] = []
    position = 0
    lines = plain.split("\n")
    marks = _line_marks(text, len(lines))
    for line, marked in zip(lines, marks, strict=True):
        out.extend(wrap_line(line, styles[position : position + len(line)], width, marked))
        position += len(line) + 1
    return out


def raw_lines(text: str, width: int) -> list[StyledLine]:
    """Text printed as written (a cue), wrapped at ``width`` as the page model wraps it."""
    out: list[StyledLine] = []
    for line in text.split("\n"):
        out.extend(wrap_line(line, [0] * len(line), width, False))
    return out
