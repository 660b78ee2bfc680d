"""Importer for screenplay PDFs with a text layer: rebuild the typed page, read it as plain text.

The text layer's words and positions come from PDFium (``words.py``); each page is laid out again
as fixed-width text (``page_lines.py``) and the pages, joined with blank lines (and the lines the
printer broke joined again: ``joins.py``), are read by the plain-text classifier. A first page
that is a title page is read into title-page fields (``title_page.py``). ``Scene.start_line``
counts lines of the rebuilt text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from assistant.errors import ScriptReadError
from assistant.script.model import Screenplay, SourceInfo
from assistant.script.pdf.joins import join_pages
from assistant.script.pdf.page_lines import page_lines
from assistant.script.pdf.title_page import title_page_fields
from assistant.script.pdf.words import PageWords, pdfium_words, pdfplumber_words

Extractor = Literal["pdfium", "pdfplumber"]
_EXTRACTORS: dict[str, Callable[[bytes, str], list[PageWords]]] = {
    "pdfium": pdfium_words,
    "pdfplumber": pdfplumber_words,
}


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
        return read_pdf(data)


def read_pdf(data: bytes, *, extractor: Extractor = "pdfium") -> Screenplay:
    """A PDF's bytes as a screenplay, its words taken by ``extractor`` (see ``PdfImporter``)."""
    from assistant.script.plaintext import parse_plain

    pages = _pages(data, extractor)
    title_page = title_page_fields(pages)
    screenplay = parse_plain(_layout(pages[1:] if title_page else pages))
    if title_page:
        screenplay.title_page = title_page
    screenplay.source = SourceInfo(format="pdf")
    return screenplay


def pdf_layout_text(data: bytes, *, extractor: Extractor = "pdfium") -> str:
    """The PDF's words laid out again as fixed-width text, one PDF line per text line.

    Args:
        data: the PDF file's bytes.
        extractor: which library reads the text layer (pdfplumber only for comparisons).

    Returns:
        The rebuilt text, pages separated by blank lines; page numbers, revision marks,
        ``CONTINUED`` lines and a title page (read into fields instead) left out.

    Raises:
        ScriptReadError: the PDF is encrypted, corrupt, has no pages, or has no text layer.
    """
    pages = _pages(data, extractor)
    return _layout(pages[1:] if title_page_fields(pages) else pages)


def _pages(data: bytes, extractor: Extractor) -> list[PageWords]:
    from assistant.script.reading import DEFAULT_NAME

    pages = _EXTRACTORS[extractor](data, DEFAULT_NAME)
    if not pages:
        raise ScriptReadError(f"{DEFAULT_NAME} is a PDF with no pages")
    if not any(page.words for page in pages):
        raise ScriptReadError(
            f"{DEFAULT_NAME} has no text layer (a scanned PDF?); "
            "Slate needs a PDF with selectable text"
        )
    return pages


def _layout(pages: list[PageWords]) -> str:
    texts = [page_lines(page.words, page.width, page.height) for page in pages]
    return "\n".join(join_pages(texts)) + "\n"
