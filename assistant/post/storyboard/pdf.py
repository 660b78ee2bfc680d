"""The storyboard as a PDF drawn with ReportLab (BSD licence, wheels on PyPI, no system
libraries): A4 landscape, six frames a page (three across, two down), captions under them.

The frames are the same ``Drawing`` objects the HTML shows as SVG, drawn with ReportLab's canvas
(y up, so each frame is flipped once into the SVG's y-down units).
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from assistant.post.storyboard.board import Card, pages
from assistant.post.storyboard.shapes import INK, Drawing, Ellipse, Label, Line, Polygon, Shape

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

COLUMNS, ROWS = 3, 2
MARGIN = 30.0
GAP_X, GAP_Y = 16.0, 14.0
CAPTION_LINES = 6
CAPTION_SIZE = 7.0
FONT, BOLD = "Helvetica", "Helvetica-Bold"


@lru_cache(maxsize=64)
def _colour(hex_colour: str) -> Any:
    """ReportLab's colour for ``#rrggbb``, made once: parsing it per shape took 8 of 15 s on a
    120-page board."""
    from reportlab.lib.colors import HexColor

    return HexColor(hex_colour)


def _latin(text: str) -> str:
    """The text in the standard fonts' encoding (cp1252); other characters become ``?``."""
    return text.encode("cp1252", "replace").decode("cp1252")


def to_pdf(cards: list[Card], *, title: str | None) -> bytes:
    """The board as PDF bytes (a page saying there is nothing to draw when ``cards`` is empty)."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    page_w, page_h = landscape(A4)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(page_w, page_h), invariant=True)
    canvas.setTitle(_latin(f"{title or 'Storyboard'} - storyboard"))
    canvas.setCreator("Slate")
    cell_w = (page_w - 2 * MARGIN - (COLUMNS - 1) * GAP_X) / COLUMNS
    cell_h = (page_h - 2 * MARGIN - 14 - (ROWS - 1) * GAP_Y) / ROWS
    sheets = pages(cards) or [[]]
    for number, sheet in enumerate(sheets, start=1):
        canvas.setFont(FONT, 8)
        canvas.setFillColor(_colour(INK))
        heading = f"{title or 'Storyboard'} - page {number} of {len(sheets)}"
        canvas.drawString(MARGIN, page_h - MARGIN + 4, _latin(heading))
        if not sheet:
            canvas.drawString(MARGIN, page_h / 2, "No shots to draw.")
        for i, card in enumerate(sheet):
            column, row = i % COLUMNS, i // COLUMNS
            x = MARGIN + column * (cell_w + GAP_X)
            top = page_h - MARGIN - 14 - row * (cell_h + GAP_Y)
            _card(canvas, card, x, top, cell_w)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _card(canvas: Canvas, card: Card, x: float, top: float, width: float) -> None:
    from reportlab.lib.utils import simpleSplit

    drawing = card.drawing
    scale = width / drawing.width
    height = drawing.height * scale
    _drawing(canvas, drawing, x, top, scale)
    y = top - height - 9
    c = canvas
    c.setFillColor(_colour(INK))
    lines: list[tuple[str, str]] = [(FONT, card.scene), (BOLD, card.title), (FONT, card.subjects)]
    lines += [(FONT, t) for t in simpleSplit(_latin(card.text), FONT, CAPTION_SIZE, width)]
    for font, text in lines[:CAPTION_LINES]:
        c.setFont(font, CAPTION_SIZE)
        c.drawString(x, y, _latin(text)[:200])
        y -= CAPTION_SIZE + 2


def _drawing(canvas: Canvas, drawing: Drawing, x: float, top: float, scale: float) -> None:
    c = canvas
    w, h = drawing.width, drawing.height
    c.saveState()
    c.translate(x, top)
    c.scale(scale, -scale)  # y down, in frame units, as in the SVG
    clip = c.beginPath()
    clip.rect(0, 0, w, h)
    c.clipPath(clip, stroke=0, fill=0)
    c.setFillColor(_colour("#ffffff"))
    c.rect(0, 0, w, h, stroke=0, fill=1)
    c.saveState()
    if drawing.rotate:
        c.translate(w / 2, h / 2)
        c.rotate(drawing.rotate)
        c.translate(-w / 2, -h / 2)
    for shape in drawing.content:
        _shape(c, shape)
    c.restoreState()
    for shape in drawing.overlay:
        _shape(c, shape)
    c.restoreState()
    c.saveState()
    c.setStrokeColor(_colour(INK))
    c.setLineWidth(1.2)
    c.rect(x, top - h * scale, w * scale, h * scale, stroke=1, fill=0)
    c.restoreState()


def _shape(c: Canvas, shape: Shape) -> None:
    if isinstance(shape, Label):
        c.saveState()
        c.setFillColor(_colour(shape.fill))
        c.setFont(FONT, shape.size)
        c.translate(shape.x, shape.y)
        c.scale(1, -1)  # text upright again inside the flipped frame
        draw = {"middle": c.drawCentredString, "end": c.drawRightString}.get(
            shape.anchor, c.drawString
        )
        draw(0, 0, _latin(shape.text))
        c.restoreState()
        return
    path = c.beginPath()
    if isinstance(shape, Ellipse):
        path.ellipse(shape.cx - shape.rx, shape.cy - shape.ry, 2 * shape.rx, 2 * shape.ry)
        closed, fill = True, shape.fill
    else:
        first, *rest = shape.points
        path.moveTo(*first)
        for point in rest:
            path.lineTo(*point)
        closed = isinstance(shape, Polygon) and shape.closed
        fill = shape.fill if isinstance(shape, Polygon) else "none"
        if closed:
            path.close()
    c.setStrokeColor(_colour(shape.stroke))
    c.setLineWidth(shape.width)
    c.setLineJoin(1)
    c.setLineCap(1)
    if isinstance(shape, Line) and shape.dashed:
        c.setDash(4, 3)
    if fill != "none":
        c.setFillColor(_colour(fill))
    c.drawPath(path, stroke=1, fill=1 if closed and fill != "none" else 0)
    c.setDash()
