"""The screenplay model to a PDF in the industry layout, drawn with reportlab (BSD-3-Clause).

The page is the page model's (``docs/pagination.md``): Courier 12 pt, 10 characters and 6 lines per
inch, a 1" top margin under the page number, 55 lines, the element indents of ``page_layout``;
``pdf_export_layout`` places every line where the page model counts it, so the PDF's page count is
``Screenplay.page_count``. Around the lines:

- a title page first when the script has title fields (not counted, as the page model does not);
- page numbers (``2.``) top right from page 2 on; ``(MORE)`` and ``CUE (CONT'D)`` where a speech
  breaks; scene numbers in both margins when the heading carries one;
- revision marks: a line whose source ends in the ``[[*]]`` note that ``slate revise`` writes gets
  an asterisk in the right margin, and every page holding one carries the script's ``Revision``
  title field (``Blue Revision``) in its header beside the page number;
- US Letter, or A4 with the same text block (the same lines on every page, so the same count);
- with ``continueds``, a page break inside a scene prints ``(CONTINUED)`` under the page's last
  line (in the bottom margin, one blank line below the 55 lines) and ``CONTINUED:`` on the next
  page's header row at the action column: outside the text block, so the page count stays the
  page model's (which keeps no lines for them).

The standard PDF fonts are used (Courier and its bold and oblique faces, not embedded): they hold
the Windows-1252 characters; any other character is printed as ``?``.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Literal

from assistant.script.pdf_export_layout import Piece, PrintedPage, lay_out
from assistant.script.pdf_export_lines import BOLD, ITALIC, UNDERLINE, styled_lines

if TYPE_CHECKING:
    from assistant.script.model import Screenplay, TitleField

Paper = Literal["letter", "a4"]
INCH = 72.0
FONT_SIZE = 12.0
CHAR_WIDTH = 7.2
"""Points per character of Courier 12 (600/1000 em)."""
LINE_HEIGHT = 12.0
TOP_MARGIN = 1.0
"""Inches from the top edge to the top of the first line."""
HEADER_TOP = 0.5
"""Inches from the top edge to the top of the page number."""
ASCENT = 9.0
"""Points from the top of a line to its baseline (Courier's cap height is ~7.5 pt at 12 pt)."""
MARK_X = 8.0
FOOT_LINE = 56
"""``(CONTINUED)``'s line: one blank line under the page model's 55 (lines 0-54)."""
_FACES = {0: "Courier", BOLD: "Courier-Bold", ITALIC: "Courier-Oblique",
          BOLD | ITALIC: "Courier-BoldOblique"}  # fmt: skip
_CENTRED_TITLE_KEYS = ("title", "credit", "author", "authors", "source")
_LEFT_TITLE_KEYS = ("contact", "address", "phone", "email")


def page_size(paper: Paper) -> tuple[float, float]:
    """Width and height in points."""
    return (595.2756, 841.8898) if paper == "a4" else (612.0, 792.0)


def _safe(text: str) -> str:
    """Text the standard fonts can print: Windows-1252, anything else as ``?``."""
    return text.encode("cp1252", "replace").decode("cp1252")


class _Drawer:
    def __init__(self, paper: Paper, title: str | None) -> None:
        from reportlab.pdfgen.canvas import Canvas

        self.buffer = io.BytesIO()
        self.width, self.height = page_size(paper)
        # invariant: no creation date or random id, so the same script gives the same bytes.
        self.canvas = Canvas(self.buffer, pagesize=(self.width, self.height), invariant=1)
        self.canvas.setCreator("Slate")
        if title:
            self.canvas.setTitle(_safe(title))

    def baseline(self, line: int) -> float:
        return self.height - TOP_MARGIN * INCH - line * LINE_HEIGHT - ASCENT

    def text(self, piece: Piece, y: float) -> None:
        text, styles = piece.line.text, piece.line.styles
        width = len(text) * CHAR_WIDTH
        x = piece.x * INCH
        if piece.align == "right":
            x -= width
        elif piece.align == "center":
            x -= width / 2
        if not any(styles):  # most lines: one plain run
            self.canvas.setFont(_FACES[0], FONT_SIZE)
            self.canvas.drawString(x, y, _safe(text))
            return
        start = 0
        while start < len(text):
            end = start
            while end < len(text) and styles[end] == styles[start]:
                end += 1
            bits = styles[start]
            left = x + start * CHAR_WIDTH
            self.canvas.setFont(_FACES[bits & (BOLD | ITALIC)], FONT_SIZE)
            self.canvas.drawString(left, y, _safe(text[start:end]))
            if bits & UNDERLINE:
                self.canvas.setLineWidth(0.6)
                self.canvas.line(left, y - 1.5, x + end * CHAR_WIDTH, y - 1.5)
            start = end

    def plain(self, text: str, x: float, y: float, align: Literal["left", "right"]) -> None:
        self.canvas.setFont(_FACES[0], FONT_SIZE)
        if align == "right":
            self.canvas.drawRightString(x, y, _safe(text))
        else:
            self.canvas.drawString(x, y, _safe(text))

    def script_page(
        self, page: PrintedPage, header: str | None, *, continued: bool = False,
        continues: bool = False,
    ) -> None:  # fmt: skip
        """One page; ``continued``: a scene goes on from the page before, ``continues``: onto
        the next page (the ``CONTINUED`` lines, when asked for)."""
        label = page.printed_number
        top = self.height - HEADER_TOP * INCH - ASCENT
        number = f"{label}." if page.number > 1 or page.label else ""
        if header and page.marked:
            number = f"{header}    {number}".rstrip()
        if number:
            self.plain(number, 7.5 * INCH, top, "right")
        if continued:
            self.plain("CONTINUED:", 1.5 * INCH, top, "left")
        if continues:
            self.plain("(CONTINUED)", 7.5 * INCH, self.baseline(FOOT_LINE), "right")
        for line, row in page.rows.items():
            y = self.baseline(line)
            for piece in row.pieces:
                self.text(piece, y)
            if row.marked:
                self.plain("*", MARK_X * INCH, y, "left")
        self.canvas.showPage()

    def title_page(self, fields: list[TitleField]) -> None:
        centred = [f for f in fields if f.key.lower() in _CENTRED_TITLE_KEYS]
        left = [f for f in fields if f.key.lower() in _LEFT_TITLE_KEYS]
        right = [f for f in fields if f not in centred and f not in left]
        line = 18
        for field in centred:
            for printed in styled_lines(field.value, 60):
                self.text(Piece(4.25 * self.width / 612.0, printed, "center"), self.baseline(line))
                line += 1
            line += 1
        for column, x, align in ((left, 1.5 * INCH, "left"), (right, 7.5 * INCH, "right")):
            texts = [text for f in column for text in f.value.split("\n")]
            for k, text in enumerate(texts):
                self.plain(text.strip(), x, self.baseline(54 - len(texts) + 1 + k),
                           align)  # type: ignore[arg-type]  # fmt: skip
        self.canvas.showPage()

    def finish(self) -> bytes:
        self.canvas.save()
        return self.buffer.getvalue()


def to_pdf(
    screenplay: Screenplay,
    *,
    paper: Paper = "letter",
    pages: list[PrintedPage] | None = None,
    continueds: bool = False,
) -> bytes:
    """The screenplay as PDF bytes.

    Args:
        screenplay: any screenplay; its page model need not be filled in.
        paper: US Letter or A4 (the same text block on both).
        pages: the script's pages when already laid out (locked pages), else ``lay_out``'s.
        continueds: print ``(CONTINUED)`` / ``CONTINUED:`` where a page break cuts a scene.

    Returns:
        The PDF: a title page when there are title fields, then one page per page of the model.
    """
    drawer = _Drawer(paper, screenplay.title)
    if screenplay.title_page:
        drawer.title_page(screenplay.title_page)
    header = next((f.value.split("\n")[0] for f in screenplay.title_page
                   if f.key.lower() == "revision"), None)  # fmt: skip
    printed = pages if pages is not None else lay_out(screenplay)
    cuts = _scene_cuts(screenplay, printed) if continueds else [False] * len(printed)
    for k, page in enumerate(printed):
        drawer.script_page(page, header, continued=k > 0 and cuts[k - 1],
                           continues=cuts[k])  # fmt: skip
    return drawer.finish()


def _scene_cuts(screenplay: Screenplay, pages: list[PrintedPage]) -> list[bool]:
    """Per page: whether the break after it falls inside a headed scene (the next page has text
    and does not begin with a heading)."""
    cuts: list[bool] = []
    current: int | None = None
    for k, page in enumerate(pages):
        if page.scenes:
            current = page.scenes[-1]
        following = pages[k + 1] if k + 1 < len(pages) else None
        cuts.append(
            following is not None
            and bool(following.rows)
            and 0 not in following.heading_starts.values()
            and current is not None
            and screenplay.scenes[current].heading is not None
        )
    return cuts


class PdfExporter:
    """Writes screenplay PDFs in the industry layout: the registered one prints on US Letter,
    ``PdfExporter(paper="a4")`` on A4 (``api.export_script(..., paper=)``)."""

    name = "pdf"
    suffix = ".pdf"

    def __init__(self, paper: Paper = "letter", *, continueds: bool = False) -> None:
        self.paper: Paper = paper
        self.continueds = continueds

    def write(self, screenplay: Screenplay) -> bytes:
        """The screenplay as a PDF (see the module doc)."""
        return to_pdf(screenplay, paper=self.paper, continueds=self.continueds)
