"""The storyboard's drawing vocabulary: a few plain shapes that both SVG and PDF can draw.

A frame is built once as a ``Drawing`` (coordinates in frame units, y down, the frame
``width`` x ``height``), then written by ``svg.py`` for the HTML and by ``pdf.py`` for ReportLab,
so the two outputs always show the same picture.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Point = tuple[float, float]

INK = "#222222"
SHADOW = "#8a8f98"
"""The foreground figure of an over-the-shoulder: darker mass, back to camera."""
PAPER = "#ffffff"
ACCENT = "#c0392b"
"""Camera moves: the one colour on the page, so an arrow is never read as set or figure."""
SET = "#b9c0c9"


@dataclass(frozen=True)
class Ellipse:
    cx: float
    cy: float
    rx: float
    ry: float
    fill: str = PAPER
    stroke: str = INK
    width: float = 1.2


@dataclass(frozen=True)
class Polygon:
    points: tuple[Point, ...]
    fill: str = PAPER
    stroke: str = INK
    width: float = 1.2
    closed: bool = True


@dataclass(frozen=True)
class Line:
    points: tuple[Point, ...]
    stroke: str = INK
    width: float = 1.0
    dashed: bool = False
    arrow: bool = False
    """An arrowhead at the last point."""


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    size: float = 7.0
    fill: str = INK
    anchor: str = "start"
    """``start``, ``middle`` or ``end`` (SVG's text-anchor)."""


Shape = Ellipse | Polygon | Line | Label


@dataclass
class Drawing:
    """One frame's picture; ``rotate`` tilts the content (a Dutch angle), never the frame."""

    width: float
    height: float
    content: list[Shape] = field(default_factory=list)
    overlay: list[Shape] = field(default_factory=list)
    """Drawn over the content, unrotated: camera moves and their labels."""
    rotate: float = 0.0

    def add(self, *shapes: Shape) -> None:
        self.content.extend(shapes)


def rect(
    x: float, y: float, w: float, h: float, *, fill: str = PAPER, stroke: str = INK,
    width: float = 1.2,
) -> Polygon:  # fmt: skip
    return Polygon(((x, y), (x + w, y), (x + w, y + h), (x, y + h)), fill, stroke, width)


def arrowhead(tip: Point, base: Point, size: float) -> tuple[Point, Point, Point]:
    """The triangle of an arrow pointing from ``base`` to ``tip``."""
    dx, dy = tip[0] - base[0], tip[1] - base[1]
    length = (dx * dx + dy * dy) ** 0.5 or 1.0
    ux, uy = dx / length, dy / length
    back = (tip[0] - ux * size, tip[1] - uy * size)
    return tip, (back[0] - uy * size * 0.5, back[1] + ux * size * 0.5), (
        back[0] + uy * size * 0.5, back[1] - ux * size * 0.5)  # fmt: skip
