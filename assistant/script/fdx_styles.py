"""Final Draft styled text runs and Fountain emphasis markup, both ways.

Final Draft keeps emphasis as ``<Text Style="Bold+Italic">`` runs; the model keeps it as Fountain
markup in the text (``***bold italic***``, ``_underline_``). ``markup_to_runs`` reads markup
exactly as ``model.plain_text`` does (same pattern, applied until nothing changes, then ``\\*`` and
``\\_`` unescaped), so the runs' text joined is always ``plain_text`` of the markup.
``runs_to_markup`` writes one canonical nesting (underline outside, then bold/italic:
``_***x***_``) and escapes literal ``*``/``_`` only when leaving them bare would read as emphasis.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.etree.ElementTree import SubElement

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element as XmlElement

BOLD, ITALIC, UNDERLINE = "Bold", "Italic", "Underline"
"""Style names as Final Draft writes them in ``Style="Bold+Italic+Underline"``."""

Styles = frozenset[str]
_PLAIN: Styles = frozenset()

# The same pattern as model._EMPHASIS, so both read markup identically.
_EMPHASIS = re.compile(r"(\\?)(\*{1,3}|_)(?=\S)(.+?)(?<=\S)\2")
_MARKER_STYLES: dict[str, Styles] = {
    "*": frozenset({ITALIC}),
    "**": frozenset({BOLD}),
    "***": frozenset({BOLD, ITALIC}),
    "_": frozenset({UNDERLINE}),
}
_MARKER_CHARACTERS = frozenset("*_\\")
_EDGE_SPACE = re.compile(r"^(\s*)(.*?)(\s*)$", re.DOTALL)


@dataclass(frozen=True)
class StyledRun:
    """A stretch of text with one set of styles (a ``<Text>`` element)."""

    text: str
    styles: Styles = _PLAIN


def markup_to_runs(text: str) -> list[StyledRun]:
    """Split Fountain-marked-up text into styled runs, markup removed and escapes resolved.

    Args:
        text: element text from the model, e.g. ``"a **bold** word"``.

    Returns:
        Normalised runs (see ``normalise_runs``); their texts joined equal ``plain_text(text)``.
    """
    if not _MARKER_CHARACTERS.intersection(text):  # most text: nothing to read
        return normalise_runs([StyledRun(text)])
    styles: list[Styles] = [_PLAIN] * len(text)
    previous = None
    while previous != text:
        previous = text
        out_text: list[str] = []
        out_styles: list[Styles] = []
        position = 0
        for match in _EMPHASIS.finditer(text):
            out_text.append(text[position : match.start()])
            out_styles.extend(styles[position : match.start()])
            if match.group(1):  # an escaped marker: plain_text leaves the whole match as it is
                out_text.append(match.group(0))
                out_styles.extend(styles[match.start() : match.end()])
            else:
                added = _MARKER_STYLES[match.group(2)]
                start, end = match.span(3)
                out_text.append(text[start:end])
                out_styles.extend(style | added for style in styles[start:end])
            position = match.end()
        out_text.append(text[position:])
        out_styles.extend(styles[position:])
        text, styles = "".join(out_text), out_styles
    for marker in ("*", "_"):  # plain_text unescapes \* first, then \_
        text, styles = _unescape(text, styles, marker)
    runs: list[StyledRun] = []
    for char, style in zip(text, styles, strict=True):
        if runs and runs[-1].styles == style:
            runs[-1] = StyledRun(runs[-1].text + char, style)
        else:
            runs.append(StyledRun(char, style))
    return normalise_runs(runs)


def runs_to_markup(runs: Iterable[StyledRun]) -> str:
    """Fountain markup for styled runs: the inverse of ``markup_to_runs`` on normalised runs.

    Styles other than bold, italic and underline are ignored. Whitespace at the edges of a styled
    run and line breaks stay outside the markers, since Fountain emphasis cannot start or end on a
    space or cross a line; so each line is written (and escaped) on its own.
    """
    lines: list[list[StyledRun]] = [[]]
    for run in normalise_runs(runs):
        pieces = run.text.split("\n")  # only unstyled runs hold line breaks once normalised
        for index, piece in enumerate(pieces):
            if index:
                lines.append([])
            if piece:
                lines[-1].append(StyledRun(piece, run.styles))
    return "\n".join(_line_markup(line) for line in lines)


def _line_markup(wanted: list[StyledRun]) -> str:
    if not any(run.styles or _MARKER_CHARACTERS.intersection(run.text) for run in wanted):
        return "".join(run.text for run in wanted)
    for escape in (False, True):
        candidate = _join(wanted, escape=escape)
        if markup_to_runs(candidate) == wanted:
            return candidate
    # A literal backslash right before a styled run cannot be written in Fountain: keep the text
    # exact and drop the styles.
    plain = [StyledRun("".join(run.text for run in wanted))]
    unescaped = _join(plain, escape=False)
    return unescaped if markup_to_runs(unescaped) == plain else _join(plain, escape=True)


def normalise_runs(runs: Iterable[StyledRun]) -> list[StyledRun]:
    """Runs in the one form markup can express: known styles only, styles never on whitespace at a
    run's or line's edge, adjacent runs with equal styles merged, empty runs dropped."""
    pieces: list[StyledRun] = []
    for run in runs:
        styles = run.styles & {BOLD, ITALIC, UNDERLINE}
        if not styles:
            pieces.append(StyledRun(run.text))
            continue
        for index, line in enumerate(run.text.split("\n")):
            if index:
                pieces.append(StyledRun("\n"))
            lead, core, trail = _edges(line)
            pieces.extend((StyledRun(lead), StyledRun(core, styles), StyledRun(trail)))
    merged: list[StyledRun] = []
    for piece in pieces:
        if not piece.text:
            continue
        if merged and merged[-1].styles == piece.styles:
            merged[-1] = StyledRun(merged[-1].text + piece.text, piece.styles)
        else:
            merged.append(piece)
    return merged


def parse_style(value: str | None) -> Styles:
    """The styles named in a ``Style`` attribute (``"Bold+Underline"``); unknown names are kept."""
    return frozenset(part.strip() for part in (value or "").split("+") if part.strip())


def style_value(styles: Styles) -> str:
    """The ``Style`` attribute for a set of styles, in Final Draft's order."""
    return "+".join(name for name in (BOLD, ITALIC, UNDERLINE) if name in styles)


def add_text_runs(paragraph: XmlElement, runs: Sequence[StyledRun]) -> None:
    """Append one ``<Text>`` per run to a ``<Paragraph>`` (one empty ``<Text>`` when no runs)."""
    for run in runs or [StyledRun("")]:
        text = SubElement(paragraph, "Text")
        if run.styles:
            text.set("Style", style_value(run.styles))
        text.text = run.text


def _edges(text: str) -> tuple[str, str, str]:
    match = _EDGE_SPACE.match(text)
    assert match is not None  # the pattern matches every string
    return match.group(1), match.group(2), match.group(3)


def _join(runs: Sequence[StyledRun], *, escape: bool) -> str:
    out: list[str] = []
    for run in runs:
        text = run.text.replace("*", "\\*").replace("_", "\\_") if escape else run.text
        if not run.styles:
            out.append(text)
            continue
        stars = "*" * ((BOLD in run.styles) * 2 + (ITALIC in run.styles))
        under = "_" if UNDERLINE in run.styles else ""
        out.append(f"{under}{stars}{text}{stars}{under}")
    return "".join(out)


def _unescape(text: str, styles: list[Styles], marker: str) -> tuple[str, list[Styles]]:
    escaped = "\\" + marker
    out_text: list[str] = []
    out_styles: list[Styles] = []
    position = 0
    while (found := text.find(escaped, position)) != -1:
        out_text.append(text[position:found])
        out_styles.extend(styles[position:found])
        out_text.append(marker)
        out_styles.append(styles[found + 1])
        position = found + 2
    out_text.append(text[position:])
    out_styles.extend(styles[position:])
    return "".join(out_text), out_styles
