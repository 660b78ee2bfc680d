"""The words of a PDF's text layer with their positions, page by page.

Two extractors give the same ``PageWords``: PDFium's (``pypdfium2``, BSD-3-Clause/Apache-2.0, the
one the importer uses) and pdfplumber's (MIT, on pdfminer.six; kept as the reference that
``scripts/bench_pdf.py`` and the equivalence test compare against, about 15x slower). Positions are
pdfplumber's: points from the page's left and top edges, a word's ``top``/``bottom`` the font's
em box (``bottom - top`` is the font size).

PDFium gives its text with generated spaces and line breaks where glyphs are apart, so words are
the runs between whitespace; only each word's first and last glyph are measured, which is what
makes the path fast (two calls per word instead of pdfminer's layout analysis of every glyph).
"""

from __future__ import annotations

import ctypes
import io
import re
from typing import Any, NamedTuple

from assistant.errors import ScriptReadError


class Word(NamedTuple):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


class PageWords(NamedTuple):
    words: list[Word]
    width: float
    height: float


_UNMAPPED = re.compile(r"\(cid:\d+\)|[\x00-\x08\x0b-\x1f\x7f\ufffd\uffff]")
"""Glyphs with no Unicode mapping: pdfminer writes ``(cid:42)``, PDFium a NUL or U+FFFD."""
_PDFIUM_HYPHENS = str.maketrans({"\x02": "-", "\ufffe": "-"})
"""PDFium gives a hyphen that ends a line as U+0002 (U+FFFE in its text ranges); it is printed."""
_WORD = re.compile(r"\S+")
SAME_LINE = 2.0
"""Glyphs whose tops differ by less than 2 pt are on one line."""
WORD_GAP = 3.0
"""Glyphs further apart than 3 pt are separate words (pdfplumber's ``x_tolerance``)."""
WIDEST_GLYPH = 1.1
"""No glyph is wider than 1.1 em: a run wider than that per character holds a gap PDFium did not
mark with a space, and is split glyph by glyph."""


def pdfium_words(data: bytes, name: str) -> list[PageWords]:
    """Every page's words through PDFium.

    Raises:
        ScriptReadError: the PDF is encrypted or cannot be parsed.
    """
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ScriptReadError(pdf_problem(exc, name)) from exc
    try:
        pages: list[PageWords] = []
        for index in range(len(document)):
            page = document[index]
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                try:
                    pages.append(PageWords(_page_words(textpage, height), width, height))
                finally:
                    textpage.close()
            finally:
                page.close()
        return pages
    except pdfium.PdfiumError as exc:
        raise ScriptReadError(pdf_problem(exc, name)) from exc
    finally:
        document.close()


def _page_words(textpage: Any, height: float) -> list[Word]:
    import pypdfium2.raw as raw

    handle = textpage.raw
    count = raw.FPDFText_CountChars(handle)
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # indices must line up with glyphs: read them one by one
        text = "".join(chr(raw.FPDFText_GetUnicode(handle, i) or 0xFFFE) for i in range(count))
    text = text.translate(_PDFIUM_HYPHENS)  # one character for one: indices still line up
    clean = _UNMAPPED.search(text) is None
    box = raw.FS_RECTF()
    box_ref = ctypes.byref(box)

    def measure(index: int) -> tuple[float, float, float, float]:
        """(left, right, top from the page's top edge, font size) of one glyph."""
        raw.FPDFText_GetLooseCharBox(handle, index, box_ref)
        size = raw.FPDFText_GetFontSize(handle, index)
        return box.left, box.right, height - box.bottom - size, size

    char_box, font_size = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetFontSize
    words: list[Word] = []
    for match in _WORD.finditer(text):  # the hot loop: three calls per word, nothing more
        start, end = match.span()
        char_box(handle, start, box_ref)
        x0, x1, bottom = box.left, box.right, box.bottom
        size = font_size(handle, start)
        top = height - bottom - size
        last_bottom = bottom
        if end - start > 1:
            char_box(handle, end - 1, box_ref)
            x1, last_bottom = box.right, box.bottom
        spread = x1 - x0 > WIDEST_GLYPH * max(size, 1.0) * (end - start)
        if spread or abs(last_bottom - bottom) >= SAME_LINE:
            words.extend(_split_by_glyph(text, start, end, measure))
        elif clean:
            words.append(Word(match.group(), x0, x1, top, top + size))
        else:
            _add(words, match.group(), x0, x1, top, size)
    return words


def _split_by_glyph(text: str, start: int, end: int, measure: Any) -> list[Word]:
    """A whitespace-free run split where its glyphs change line or stand apart (rare)."""
    out: list[Word] = []
    run = ""
    run_x0 = run_x1 = run_top = run_size = 0.0
    for index in range(start, end):
        x0, x1, top, size = measure(index)
        if run and (abs(top - run_top) >= SAME_LINE or x0 - run_x1 > WORD_GAP):
            _add(out, run, run_x0, run_x1, run_top, run_size)
            run = ""
        if not run:
            run_x0, run_top, run_size = x0, top, size
        run += text[index]
        run_x1 = x1
    if run:
        _add(out, run, run_x0, run_x1, run_top, run_size)
    return out


def _add(words: list[Word], text: str, x0: float, x1: float, top: float, size: float) -> None:
    text = _UNMAPPED.sub("", text)
    if text:
        words.append(Word(text, x0, x1, top, top + size))


def pdfplumber_words(data: bytes, name: str) -> list[PageWords]:
    """Every page's words through pdfplumber (the reference extractor; a dev dependency).

    Raises:
        ScriptReadError: the PDF is encrypted or cannot be parsed.
    """
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = []
            for page in pdf.pages:
                words: list[Word] = []
                for word in page.extract_words():
                    text = _UNMAPPED.sub("", str(word["text"]))
                    if text.strip():
                        words.append(
                            Word(
                                text,
                                float(word["x0"]),
                                float(word["x1"]),
                                float(word["top"]),
                                float(word["bottom"]),
                            )
                        )
                pages.append(PageWords(words, float(page.width), float(page.height)))
            return pages
    except Exception as exc:
        # pdfminer reports a damaged file with whatever error its parser hit (PDFSyntaxError,
        # KeyError, TypeError...), so any failure here means the bytes are not a readable PDF.
        raise ScriptReadError(pdf_problem(exc, name)) from exc


def pdf_problem(exc: Exception, name: str) -> str:
    """A PDF library's failure worded for the user: encrypted, or not a readable PDF."""
    cause: BaseException = exc
    while cause.__cause__ is not None or cause.__context__ is not None:
        cause = cause.__cause__ or cause.__context__ or cause
    described = f"{type(exc).__name__} {type(cause).__name__} {exc}".lower()
    if "password" in described or "encrypt" in described or "security" in described:
        return (
            f"{name} is an encrypted PDF; Slate cannot read password-protected PDFs "
            "(save an unprotected copy and try again)"
        )
    reason = " ".join(str(exc).split()) or type(cause).__name__
    return f"{name} is not a readable PDF ({reason})"
