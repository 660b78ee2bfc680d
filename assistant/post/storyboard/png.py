"""A ``Drawing`` as a PNG, drawn with Pillow (HPND licence, wheels on PyPI; ReportLab needs it).

The post package (``slate post --storyboard DIR``) takes a scene's frame from
``scene_<number>.png`` in the storyboard folder, so ``slate storyboard`` writes each scene's key
frame (its first shot, the one the cut opens on) under that name: one naming, the scene label
``Screenplay.scene_labels`` gives, on both sides (``frame_name``).

Shapes are drawn at ``SCALE`` pixels per frame unit, the same picture as the SVG and the PDF.
"""

from __future__ import annotations

import io
import itertools
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from assistant.post.storyboard.shapes import (
    INK,
    PAPER,
    Drawing,
    Ellipse,
    Label,
    Line,
    Polygon,
    Shape,
    arrowhead,
)

if TYPE_CHECKING:
    from PIL import Image, ImageDraw

SCALE = 4.0
"""Pixels per frame unit: a 2.39:1 frame becomes 956 x 400 pixels."""
FRAME_PREFIX = "scene_"
FRAME_SUFFIX = ".png"


def frame_name(label: str) -> str:
    """The file name of a scene's key frame: ``scene_12.png``, ``scene_12A.png`` (written numbers
    are kept as the script writes them, as ``otio_timeline`` looks them up)."""
    return f"{FRAME_PREFIX}{label}{FRAME_SUFFIX}"


def to_png(drawing: Drawing, *, caption: str = "", scale: float = SCALE) -> bytes:
    """The drawing as PNG bytes: white paper, the content (tilted for a Dutch angle), the overlay,
    the frame border, and ``caption`` in the top-left corner (a timeline shows the still alone,
    so the shot's number says which scene it is)."""
    from PIL import Image

    size = (round(drawing.width * scale), round(drawing.height * scale))
    # Drawn straight onto a paletted image: a frame has a handful of colours (no anti-aliasing
    # to keep), and 8-bit pixels encode several times faster than 24-bit ones. A Dutch angle's
    # content is drawn on a transparent layer, rotated and laid over the paper first.
    image = Image.new("P", size, PAPER)
    if drawing.rotate:
        content = Image.new("RGBA", size, (0, 0, 0, 0))
        _draw_all(content, drawing.content, scale)
        # SVG rotates clockwise for positive angles (y down); Pillow counter-clockwise.
        content = content.rotate(-drawing.rotate, resample=Image.Resampling.NEAREST)
        paper = Image.new("RGBA", size, PAPER)
        paper.alpha_composite(content)
        image = paper.convert("RGB").convert("P", palette=Image.Palette.ADAPTIVE, colors=32)
    else:
        _draw_all(image, drawing.content, scale)
    overlay = list(drawing.overlay)
    if caption:
        overlay.append(Label(3.0, 7.0, caption, size=5.0, fill=INK))
    _draw_all(image, overlay, scale)
    from PIL import ImageDraw

    # The SVG's 2-unit border is centred on the edge, so one unit of it shows.
    ImageDraw.Draw(image).rectangle(
        (0, 0, size[0] - 1, size[1] - 1), outline=INK, width=_width(1.0, scale)
    )
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1)
    return out.getvalue()


def _draw_all(image: Image.Image, shapes: list[Shape], scale: float) -> None:
    from PIL import ImageDraw

    draw = ImageDraw.Draw(image)
    for shape in shapes:
        _shape(draw, shape, scale)


def _xy(points: tuple[tuple[float, float], ...], scale: float) -> list[tuple[float, float]]:
    return [(x * scale, y * scale) for x, y in points]


def _shape(draw: ImageDraw.ImageDraw, shape: Shape, scale: float) -> None:
    if isinstance(shape, Ellipse):
        box = (
            (shape.cx - shape.rx) * scale, (shape.cy - shape.ry) * scale,
            (shape.cx + shape.rx) * scale, (shape.cy + shape.ry) * scale,
        )  # fmt: skip
        fill = None if shape.fill == "none" else shape.fill
        draw.ellipse(box, fill=fill, outline=shape.stroke, width=_width(shape.width, scale))
    elif isinstance(shape, Polygon):
        points = _xy(shape.points, scale)
        fill = None if shape.fill == "none" else shape.fill
        if shape.closed and len(points) >= 3:
            draw.polygon(points, fill=fill, outline=shape.stroke, width=_width(shape.width, scale))
        else:
            draw.line(points, fill=shape.stroke, width=_width(shape.width, scale), joint="curve")
    elif isinstance(shape, Line):
        _line(draw, shape, scale)
    elif isinstance(shape, Label):
        _label(draw, shape, scale)


def _width(width: float, scale: float) -> int:
    return max(1, round(width * scale))


def _line(draw: ImageDraw.ImageDraw, shape: Line, scale: float) -> None:
    points = _xy(shape.points, scale)
    width = _width(shape.width, scale)
    if shape.dashed:
        for start, end in itertools.pairwise(points):
            _dashes(draw, start, end, shape.stroke, width, scale)
    elif len(points) >= 2:
        draw.line(points, fill=shape.stroke, width=width, joint="curve")
    if shape.arrow and len(shape.points) >= 2:
        head = arrowhead(shape.points[-1], shape.points[-2], 5.0)
        draw.polygon(_xy(head, scale), fill=shape.stroke)


def _dashes(
    draw: ImageDraw.ImageDraw,
    start: tuple[float, float],
    end: tuple[float, float],
    colour: str,
    width: int,
    scale: float,
) -> None:
    """A dashed segment, 4 units on and 3 off as the SVG's ``stroke-dasharray``."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = (dx * dx + dy * dy) ** 0.5
    if length == 0:
        return
    on, period = 4 * scale, 7 * scale
    at = 0.0
    while at < length:
        stop = min(at + on, length)
        draw.line(
            [(start[0] + dx * at / length, start[1] + dy * at / length),
             (start[0] + dx * stop / length, start[1] + dy * stop / length)],
            fill=colour, width=width,
        )  # fmt: skip
        at += period


@lru_cache(maxsize=16)
def _font(size: int) -> Any:
    """Pillow's bundled font at ``size`` pixels, loaded once (loading it per label was half the
    cost of a feature's key frames)."""
    from PIL import ImageFont

    return ImageFont.load_default(size=size)


def _label(draw: ImageDraw.ImageDraw, shape: Label, scale: float) -> None:
    font = _font(max(6, round(shape.size * scale)))
    # SVG places text on its baseline; Pillow's "ls"/"ms"/"rs" anchors do the same.
    anchor = {"middle": "ms", "end": "rs"}.get(shape.anchor, "ls")
    draw.text((shape.x * scale, shape.y * scale), shape.text, fill=shape.fill, font=font,
              anchor=anchor)  # fmt: skip
