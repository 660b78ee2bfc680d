"""Importer for screenplay PDFs with a text layer: rebuild the typed page, read it as plain text.

A screenplay PDF is a typewriter page: Courier 12 (10 characters per inch, 7.2 pt each) with every
element at a fixed distance from the left edge (action 1.5", dialogue 2.5", cue 3.7"). pdfplumber
gives each word's position; placing words back at column ``x / character width`` and lines at
``top / line height`` rebuilds the indentation layout the plain-text classifier reads, page numbers
dropped. ``Scene.start_line`` then counts lines of that rebuilt text.
"""

from __future__ import annotations

import io
import re
from statistics import median
from typing import Any

from assistant.errors import ScriptReadError
from assistant.script.model import Screenplay, SourceInfo

COURIER_12_WIDTH = 7.2
"""Points per character of 12-point Courier (600/1000 em): the column unit when a PDF gives no
better measure."""
COURIER_12_LINE = 12.0
"""Points per line of a typed page (6 lines per inch)."""
SAME_LINE = 2.0
"""Words whose tops differ by less than 2 pt are on one line (baselines jitter by a fraction)."""
PAGE_MARGIN = 72.0
"""Page numbers sit in the top or bottom inch of the page, outside the text block."""
PAGE_BREAK_LINES = 2
"""Blank lines put between pages in the rebuilt text, so that a page ends a paragraph."""

_PAGE_NUMBER = re.compile(r"^\d{1,4}[A-Z]?\.?$")
_UNMAPPED = re.compile(r"\(cid:\d+\)|[\x00-\x08\x0b-\x1f\x7f]")
_Word = dict[str, Any]


class PdfImporter:
    """Reads screenplay PDFs that have selectable text."""

    name: str = "pdf"
    suffixes: tuple[str, ...] = (".pdf",)

    def read(self, data: bytes) -> Screenplay:
        """Extract the text layer, rebuild the indentation layout and classify it.

        Args:
            data: the PDF file's bytes.

        Returns:
            The screenplay with ``source.format`` "pdf"; ``start_line`` values count lines of the
            rebuilt text (``pdf_layout_text``).

        Raises:
            ScriptReadError: the PDF is encrypted, corrupt, has no pages, or has no text layer.
        """
        from assistant.script.plaintext import parse_plain

        screenplay = parse_plain(pdf_layout_text(data))
        screenplay.source = SourceInfo(format=self.name)
        return screenplay


def pdf_layout_text(data: bytes) -> str:
    """The PDF's words laid out again as fixed-width text, one PDF line per text line.

    Args:
        data: the PDF file's bytes.

    Returns:
        The rebuilt text, pages separated by blank lines, page numbers left out.

    Raises:
        ScriptReadError: the PDF is encrypted, corrupt, has no pages, or has no text layer.
    """
    from assistant.script.reading import DEFAULT_NAME

    pages = _extract_words(data, DEFAULT_NAME)
    if not pages:
        raise ScriptReadError(f"{DEFAULT_NAME} is a PDF with no pages")
    if not any(words for words, _ in pages):
        raise ScriptReadError(
            f"{DEFAULT_NAME} has no text layer (a scanned PDF?); "
            "Slate needs a PDF with selectable text"
        )
    out: list[str] = []
    for words, height in pages:
        if out:
            out.extend([""] * PAGE_BREAK_LINES)
        out.extend(_page_lines(words, height))
    return "\n".join(out) + "\n"


def _extract_words(data: bytes, name: str) -> list[tuple[list[_Word], float]]:
    """Words of every page with their positions, and each page's height."""
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [(_readable(page.extract_words()), float(page.height)) for page in pdf.pages]
    except Exception as exc:
        # pdfminer reports a damaged file with whatever error its parser hit (PDFSyntaxError,
        # KeyError, TypeError...), so any failure here means the bytes are not a readable PDF.
        raise ScriptReadError(_pdf_problem(exc, name)) from exc


def _readable(words: list[_Word]) -> list[_Word]:
    """Words with glyphs that have no Unicode mapping (NULs, ``(cid:42)``) removed."""
    kept = []
    for word in words:
        text = _UNMAPPED.sub("", str(word["text"]))
        if text.strip():
            kept.append({**word, "text": text})
    return kept


def _pdf_problem(exc: Exception, name: str) -> str:
    cause: BaseException = exc
    while cause.__cause__ is not None or cause.__context__ is not None:
        cause = cause.__cause__ or cause.__context__ or cause
    described = f"{type(exc).__name__} {type(cause).__name__} {exc}".lower()
    if "password" in described or "encrypt" in described:
        return (
            f"{name} is an encrypted PDF; Slate cannot read password-protected PDFs "
            "(save an unprotected copy and try again)"
        )
    reason = " ".join(str(exc).split()) or type(cause).__name__
    return f"{name} is not a readable PDF ({reason})"


def _page_lines(words: list[_Word], height: float) -> list[str]:
    """One page's words as lines of text with the page's indentation and blank lines."""
    if not words:
        return []
    char_width = _char_width(words)
    line_height = median(float(w["bottom"]) - float(w["top"]) for w in words) or COURIER_12_LINE
    rows: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: (float(w["top"]), float(w["x0"]))):
        if rows and abs(float(word["top"]) - float(rows[-1][0]["top"])) < SAME_LINE:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines: list[str] = []
    previous_top: float | None = None
    for row in rows:
        top = float(row[0]["top"])
        text = _row_text(row, char_width)
        if _is_page_number(text, top, height):
            continue
        if previous_top is not None:
            gap_lines = round((top - previous_top) / line_height) - 1
            lines.extend([""] * max(0, gap_lines))
        lines.append(text)
        previous_top = top
    return lines


def _char_width(words: list[_Word]) -> float:
    """Points per character on this page (7.2 for Courier 12, less for a smaller font)."""
    widths = [
        (float(w["x1"]) - float(w["x0"])) / len(w["text"]) for w in words if len(w["text"]) >= 3
    ]
    width = median(widths) if widths else COURIER_12_WIDTH
    return width if width > 0 else COURIER_12_WIDTH


def _row_text(row: list[_Word], char_width: float) -> str:
    """Words placed at their columns; words a space apart (any font) keep a single space."""
    text = ""
    previous_end: float | None = None
    for word in sorted(row, key=lambda w: float(w["x0"])):
        x0, x1 = float(word["x0"]), float(word["x1"])
        own_width = (x1 - x0) / max(1, len(word["text"]))
        column = round(x0 / char_width)
        if text and (
            column <= len(text)
            or (previous_end is not None and x0 - previous_end < 1.5 * max(own_width, char_width))
        ):
            column = len(text) + 1
        text += " " * (column - len(text)) + str(word["text"])
        previous_end = x1
    return text


def _is_page_number(text: str, top: float, height: float) -> bool:
    in_margin = top < PAGE_MARGIN or top > height - PAGE_MARGIN
    return in_margin and _PAGE_NUMBER.match(text.strip()) is not None
