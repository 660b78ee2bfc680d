"""Fountain emphasis (``*italic*``, ``**bold**``, ``***both***``, ``_underline_``) as typed runs.

One left-to-right pass per line with a stack of open markers, as CommonMark reads emphasis, so the
time is linear in the text whatever it holds (the regex this replaces backtracked over every
unclosed marker: 100 KB of ``_a `` took minutes). The rules, on each line (emphasis never crosses
a line break):

- ``\\*`` and ``\\_`` are a literal ``*`` and ``_``; a backslash before anything else is itself.
- A run of ``*`` (or of ``_``) can open emphasis when a non-space character follows it, and can
  close when a non-space character precedes it; a run that can do both closes if an opener is
  waiting, and opens otherwise.
- A closing run pairs with the nearest waiting opener of the same character; markers opened in
  between are left unpaired and print as themselves (``*a _b* c`` is italic ``a _b``).
- Paired ``*`` runs take up to three stars from each side: one is italic, two bold, three bold and
  italic, and what is left pairs on (``***a* b**`` is bold italic ``a``, bold `` b``). Paired
  ``_`` runs take one character each: underline.
- Characters of a run that pair with nothing print as themselves.

``plain_text`` is the runs' text joined; the FDX exporter writes markup that reads back here to
the runs it started from (``fdx_styles.runs_to_markup``).
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, islice

MARKER_CHARACTERS = frozenset("*_\\")
"""Text without any of these has no emphasis and no escapes: one plain run."""
ITALIC, BOLD, UNDERLINE = 1, 2, 4
"""Style bits of a run (a star pairing adds ``min(stars, 3)``: 1 italic, 2 bold, 3 both)."""
CACHED_TEXTS = 16_384
"""Distinct texts whose runs are kept (a 120-page script has about 4,000 elements with text)."""
CACHED_LENGTH = 65_536
"""Longer texts (no real paragraph is) are read again when asked, not kept: a hostile 10 MB line
of emphasis holds millions of runs, which the cache kept alive after the import (1.2 GB)."""
LONG_PLAIN_TEXTS = 4
"""Longer texts whose plain text (a string no longer than the text) is kept: pagination, the
character list and stats each ask for it (1 MB of nested emphasis read 3 times: 0.57 s each)."""


@dataclass(frozen=True, slots=True)
class EmphasisRun:
    """A stretch of text with one set of styles, markers and escapes removed."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False

    @property
    def plain(self) -> bool:
        return not (self.bold or self.italic or self.underline)


def _has_markers(text: str) -> bool:
    # Three substring tests (memchr) are much faster than a set intersection over the text.
    return "*" in text or "_" in text or "\\" in text


def emphasis_runs(text: str) -> tuple[EmphasisRun, ...]:
    """The runs of marked-up text: plain and styled stretches in order, markup removed.

    Adjacent stretches with the same styles are one run; line breaks are kept in the runs' text.
    Runs are cached per text (``CACHED_TEXTS``), so an element's emphasis is read once.
    """
    if not _has_markers(text):
        return (EmphasisRun(text),) if text else ()
    if len(text) > CACHED_LENGTH:
        return _cached_runs.__wrapped__(text)
    return _cached_runs(text)


def plain_text(text: str) -> str:
    """Text with emphasis markers and escapes removed (``**bold**`` -> ``bold``)."""
    if not _has_markers(text):
        return text
    return _cached_plain(text)


def _cached_plain(text: str) -> str:
    if len(text) > CACHED_LENGTH:  # no run objects: only the text is wanted
        return _long_plain(text)
    # Through the runs, so the pagination of every import fills the runs' cache.
    return "".join(run.text for run in _cached_runs(text))


def _long_plain(text: str) -> str:
    return _long_pieces(text)[0]


@lru_cache(maxsize=LONG_PLAIN_TEXTS)
def _long_pieces(text: str) -> tuple[str, array[int], bytes]:
    """A long text's ``style_pieces`` kept compact: the plain text, where each piece ends in it,
    and each piece's style bits (a hostile 10 MB line holds millions of pieces: tens of MB this
    way). Import reads it for the plain text, and the FDX export for the pieces, so the text is
    tokenized once (1 MB of nested emphasis: 0.5 s a time)."""
    pieces = _style_pieces(text)
    plain = "".join([piece for piece, _ in pieces])
    ends = array("q", accumulate([len(piece) for piece, _ in pieces]))
    return plain, ends, bytes([bits for _, bits in pieces])


@lru_cache(maxsize=CACHED_TEXTS)
def _cached_runs(text: str) -> tuple[EmphasisRun, ...]:
    return tuple(_run(piece, styles) for piece, styles in style_pieces(text))


@lru_cache(maxsize=CACHED_TEXTS)
def _cached_pieces(text: str) -> tuple[tuple[str, int], ...]:
    """A text's pieces, kept as its runs are (the pieces' strings are the runs' own): the import
    makes the runs of every text with markup (pagination reads its plain text), and the FDX
    export then asks for the pieces of the same texts; reading them again was most of the FDX
    export of a 10 KB line of nested emphasis (11 ms)."""
    return tuple(_style_pieces(text))


def style_pieces(text: str) -> list[tuple[str, int]]:
    """``emphasis_runs`` as (text, style bits) pairs (``ITALIC | BOLD | UNDERLINE``): for a writer
    that wants no object per run (a hostile line holds millions of runs). Texts longer than
    ``CACHED_LENGTH`` are read from the compact form the import kept (``_long_pieces``), shorter
    ones from the pieces kept when their runs were made (``_cached_pieces``)."""
    if len(text) <= CACHED_LENGTH:
        return list(_cached_pieces(text))
    plain, ends, styles = _long_pieces(text)
    starts = chain((0,), ends)  # one more than the pieces: the last is the end
    return [
        (plain[start:end], bits) for start, end, bits in zip(starts, ends, styles, strict=False)
    ]


def _style_pieces(text: str) -> list[tuple[str, int]]:
    runs: list[tuple[str, int]] = []
    buffer: list[str] = []
    current = 0
    for index, line in enumerate(text.split("\n")):
        if index:
            if current and buffer:
                runs.append(("".join(buffer), current))
                buffer = []
            current = 0
            buffer.append("\n")
        if not _CLOSER.search(line):  # no emphasis: plain, as the line start always is
            buffer.append(_unescape(line))
            continue
        texts, styles = _read_line(line)
        for piece, piece_styles in zip(texts, styles, strict=True):
            if piece_styles != current:
                if buffer:
                    runs.append(("".join(buffer), current))
                    buffer = []
                current = piece_styles
            buffer.append(piece)
    if buffer:
        runs.append(("".join(buffer), current))
    return runs


def _run(text: str, styles: int) -> EmphasisRun:
    return EmphasisRun(
        text,
        bold=bool(styles & BOLD),
        italic=bool(styles & ITALIC),
        underline=bool(styles & UNDERLINE),
    )


_CLOSER = re.compile(r"(?<=[^\s*])\*|(?<=[^\s_])_")
"""A marker run with a non-space character before it; a line without one has no emphasis."""


def _unescape(line: str) -> str:
    return line.replace("\\*", "*").replace("\\_", "_") if "\\" in line else line


_MARKER_SPLIT = re.compile(r"(\\[*_]|\*+|_+)")
"""An escape, or a run of stars or of underscores: linear, nothing to backtrack over."""


def _read_line(line: str) -> tuple[list[str], list[int]]:
    """One line's text pieces and, aligned with them, their style bits."""
    # Marker runs are kept in parallel lists of ints, indexed by the run's place among the line's
    # markers and made at their full length at once: allocating an object per run made hostile
    # lines (100,000 runs) slow, half of it in the garbage collector, and an append per list per
    # run was a third of the loop. The line is cut by re.split (text, marker, text, ...), which is
    # faster than a match per marker.
    pieces = _MARKER_SPLIT.split(line)
    texts = pieces[0::2]  # one more than the markers: the text before each, and the line's tail
    markers = pieces[1::2]
    chars = [marker[0] for marker in markers]
    counts = [0] * len(markers)  # characters of the run not yet paired
    opened = [0] * len(markers)  # pairings opened at the run, packed as in ``_ADDED``
    closed = [0] * len(markers)
    following = markers[1:]
    following.append(" ")  # what follows the last marker when no text does: the line's end
    tokens: list[str | int] = []  # text, or the index of a marker run
    stack: list[int] = []  # runs that can open and still have unpaired characters
    waiting = {"*": 0, "_": 0}
    append = tokens.append
    previous = " "  # the marker before, which is what precedes a marker with no text before it
    has_runs = False
    for run, (text, marker, char, after_text, next_marker) in enumerate(
        zip(texts, markers, chars, islice(texts, 1, None), following, strict=False)
    ):  # texts hold one more than the markers: the line's tail
        if text:
            append(text)
        before = text or previous
        previous = marker
        if char == "\\":
            append(marker[1])
            continue
        can_open = not (after_text or next_marker)[0].isspace()
        can_close = not before[-1].isspace() and waiting[char] > 0
        if not can_close and not can_open:
            append(marker)  # pairs with nothing: literal
            continue
        has_runs = True
        append(run)
        count = len(marker)
        while count and can_close and waiting[char]:
            opener = stack[-1]
            while chars[opener] != char:
                stack.pop()  # opened inside this pairing and never closed: stays literal
                waiting[chars[opener]] -= 1
                opener = stack[-1]
            used = min(counts[opener], count, 3) if char == "*" else 1
            counts[opener] -= used
            count -= used
            added = _ADDED[used] if char == "*" else _UNDERLINED
            opened[opener] += added
            closed[run] += added
            if not counts[opener]:
                stack.pop()
                waiting[char] -= 1
        counts[run] = count
        if count and can_open:
            stack.append(run)
            waiting[char] += 1
    if texts[-1]:
        append(texts[-1])
    if not has_runs:
        return ["".join(token for token in tokens if isinstance(token, str))], [0]
    return _pieces(tokens, chars, counts, opened, closed)


_FIELD = 1 << 40
"""Pairings are counted per style in one int, a field of 40 bits each (italic lowest, then bold,
then underline): no count can reach 2**40, since each pairing uses up a character of the line."""
_ADDED = (0, 1, _FIELD, 1 + _FIELD)
"""What pairing 1, 2 or 3 stars adds: italic, bold, both."""
_UNDERLINED = _FIELD * _FIELD


def _styles(depth: int) -> int:
    """Style bits of the pairings open, packed as in ``_ADDED``."""
    return (
        (ITALIC if depth % _FIELD else 0)
        | (BOLD if depth // _FIELD % _FIELD else 0)
        | (UNDERLINE if depth >= _UNDERLINED else 0)
    )


def _pieces(
    tokens: list[str | int],
    chars: list[str],
    counts: list[int],
    opened: list[int],
    closed: list[int],
) -> tuple[list[str], list[int]]:
    texts: list[str] = []
    styles: list[int] = []
    depth = 0  # open pairings, packed as in ``_ADDED`` (they nest: ``*a *b* c*``)
    current = 0
    for token in tokens:
        if isinstance(token, str):
            texts.append(token)
            styles.append(current)
            continue
        if closed[token]:
            depth -= closed[token]
            current = _styles(depth)
        if counts[token]:
            texts.append(chars[token] * counts[token])
            styles.append(current)
        if opened[token]:
            depth += opened[token]
            current = _styles(depth)
    return texts, styles
