"""Final Draft styled text runs and Fountain emphasis markup, both ways.

Final Draft keeps emphasis as ``<Text Style="Bold+Italic">`` runs; the model keeps it as Fountain
markup in the text (``***bold italic***``, ``_underline_``). ``markup_to_runs`` reads markup
with the tokenizer of ``emphasis.py`` that ``model.plain_text`` uses, so the runs' text joined is
always ``plain_text`` of the markup.
``runs_to_markup`` writes one canonical nesting (underline outside, then bold/italic:
``_***x***_``) and escapes literal ``*``/``_`` only when leaving them bare would read as emphasis.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING
from xml.etree.ElementTree import SubElement

from assistant.script.emphasis import BOLD as BOLD_BIT
from assistant.script.emphasis import ITALIC as ITALIC_BIT
from assistant.script.emphasis import MARKER_CHARACTERS, emphasis_runs, style_pieces
from assistant.script.emphasis import UNDERLINE as UNDERLINE_BIT

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element as XmlElement

BOLD, ITALIC, UNDERLINE = "Bold", "Italic", "Underline"
"""Style names as Final Draft writes them in ``Style="Bold+Italic+Underline"``."""

Styles = frozenset[str]
_PLAIN: Styles = frozenset()
_KNOWN_STYLES: Styles = frozenset((BOLD, ITALIC, UNDERLINE))

_RUN_STYLES: dict[tuple[bool, bool, bool], Styles] = {
    (bold, italic, underline): frozenset(
        name for name, on in ((BOLD, bold), (ITALIC, italic), (UNDERLINE, underline)) if on
    )
    for bold in (False, True)
    for italic in (False, True)
    for underline in (False, True)
}
"""Final Draft's style names for an ``EmphasisRun``'s (bold, italic, underline)."""


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
    if not MARKER_CHARACTERS.intersection(text):  # most text: nothing to read
        return [StyledRun(text)] if text else []
    return normalise_runs(
        StyledRun(run.text, _RUN_STYLES[run.bold, run.italic, run.underline])
        for run in emphasis_runs(text)
    )


def markup_pieces(text: str) -> list[tuple[str, str]]:
    """``markup_to_runs`` as (text, ``Style`` attribute value) pairs, ``""`` for plain text, with
    no object per run: what the FDX writer needs of a text (a hostile one holds millions)."""
    if not MARKER_CHARACTERS.intersection(text):
        return [(text, "")] if text else []
    pieces: list[tuple[str, int]] = []
    for piece, bits in style_pieces(text):
        if not bits:
            pieces.append((piece, 0))
            continue
        for index, line in enumerate(piece.split("\n")):
            if index:
                pieces.append(("\n", 0))
            lead, core, trail = _edges(line)
            pieces += ((lead, 0), (core, bits), (trail, 0))
    merged: list[tuple[str, str]] = []
    texts: list[str] = []
    current = 0
    for piece, bits in pieces:
        if not piece:
            continue
        if texts and bits != current:
            merged.append(("".join(texts), _STYLE_VALUES[current]))
            texts = []
        current = bits
        texts.append(piece)
    if texts:
        merged.append(("".join(texts), _STYLE_VALUES[current]))
    return merged


_STYLE_VALUES = {
    bits: "+".join(
        name
        for name, bit in ((BOLD, BOLD_BIT), (ITALIC, ITALIC_BIT), (UNDERLINE, UNDERLINE_BIT))
        if bits & bit
    )
    for bits in range(8)
}
"""The ``Style`` value for an emphasis run's style bits, in Final Draft's order."""


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
    if not any(run.styles or MARKER_CHARACTERS.intersection(run.text) for run in wanted):
        return "".join(run.text for run in wanted)
    # Candidates are read back as (text, Style value) pairs, which name the same runs as
    # ``markup_to_runs`` (a property test checks it) without a run object per piece.
    pieces = [(run.text, style_value(run.styles)) for run in wanted]
    for escape in (False, True):
        candidate = _join(wanted, escape=escape)
        if markup_pieces(candidate) == pieces:
            return candidate
    # A literal backslash right before a styled run cannot be written in Fountain: keep the text
    # exact and drop the styles.
    plain = "".join(run.text for run in wanted)
    unescaped = _join([StyledRun(plain)], escape=False)
    if markup_pieces(unescaped) == ([(plain, "")] if plain else []):
        return unescaped
    return _join([StyledRun(plain)], escape=True)


def normalise_runs(runs: Iterable[StyledRun]) -> list[StyledRun]:
    """Runs in the one form markup can express: known styles only, styles never on whitespace at a
    run's or line's edge, adjacent runs with equal styles merged, empty runs dropped."""
    # (text, styles) pairs until merged: a run object per piece cost a third of the import of a
    # paragraph of 100,000 styled runs.
    pieces: list[tuple[str, Styles]] = []
    for run in runs:
        styles = run.styles & _KNOWN_STYLES
        if not styles:
            pieces.append((run.text, _PLAIN))
            continue
        for index, line in enumerate(run.text.split("\n")):
            if index:
                pieces.append(("\n", _PLAIN))
            lead, core, trail = _edges(line)
            pieces += ((lead, _PLAIN), (core, styles), (trail, _PLAIN))
    # Texts of equal styles are gathered and joined once: adding each to the run before made
    # 100,000 plain <Text> runs in one paragraph quadratic.
    merged: list[StyledRun] = []
    texts: list[str] = []
    current = _PLAIN
    for text, styles in pieces:
        if not text:
            continue
        if texts and styles != current:
            merged.append(StyledRun("".join(texts), current))
            texts = []
        current = styles
        texts.append(text)
    if texts:
        merged.append(StyledRun("".join(texts), current))
    return merged


@lru_cache(maxsize=256)
def parse_style(value: str | None) -> Styles:
    """The styles named in a ``Style`` attribute (``"Bold+Underline"``); unknown names are kept.

    Kept per value: a file names a few styles, on every ``<Text>`` run it holds."""
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
    """Leading space, the rest, trailing space (a lazy regex did this in quadratic time)."""
    core = text.strip()
    if not core:
        return text, "", ""
    lead = len(text) - len(text.lstrip())
    trail = len(text) - len(text.rstrip())
    return text[:lead], core, text[len(text) - trail :]


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
