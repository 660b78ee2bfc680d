"""A ``Drawing`` as inline SVG: the frame border, the content clipped to it, then the overlay."""

from __future__ import annotations

from html import escape

from assistant.post.storyboard.shapes import (
    INK,
    Drawing,
    Ellipse,
    Line,
    Polygon,
    Shape,
    arrowhead,
)


def _f(value: float) -> str:
    # A tenth of a frame unit is under a pixel at any print size; 260,000 numbers on a 120-page
    # board made trimming trailing zeros the HTML's largest cost.
    return f"{value:.1f}"


def _points(points: tuple[tuple[float, float], ...]) -> str:
    return " ".join(f"{_f(x)},{_f(y)}" for x, y in points)


def _shape(shape: Shape) -> str:
    if isinstance(shape, Ellipse):
        return (f'<ellipse cx="{_f(shape.cx)}" cy="{_f(shape.cy)}" rx="{_f(shape.rx)}" '
                f'ry="{_f(shape.ry)}" fill="{shape.fill}" stroke="{shape.stroke}" '
                f'stroke-width="{_f(shape.width)}"/>')  # fmt: skip
    if isinstance(shape, Polygon):
        tag = "polygon" if shape.closed else "polyline"
        return (f'<{tag} points="{_points(shape.points)}" fill="{shape.fill}" '
                f'stroke="{shape.stroke}" stroke-width="{_f(shape.width)}" '
                'stroke-linejoin="round"/>')  # fmt: skip
    if isinstance(shape, Line):
        dash = ' stroke-dasharray="4 3"' if shape.dashed else ""
        line = (f'<polyline points="{_points(shape.points)}" fill="none" stroke="{shape.stroke}" '
                f'stroke-width="{_f(shape.width)}" stroke-linecap="round" '
                f'stroke-linejoin="round"{dash}/>')  # fmt: skip
        if shape.arrow and len(shape.points) >= 2:
            head = arrowhead(shape.points[-1], shape.points[-2], 5.0)
            line += f'<polygon points="{_points(head)}" fill="{shape.stroke}"/>'
        return line
    return (f'<text x="{_f(shape.x)}" y="{_f(shape.y)}" font-size="{_f(shape.size)}" '
            f'fill="{shape.fill}" text-anchor="{shape.anchor}" '
            f'font-family="Helvetica, Arial, sans-serif">{escape(shape.text)}</text>')  # fmt: skip


def svg_body(drawing: Drawing) -> str:
    """The drawing's shapes, without the ``<svg>`` element (shared by frames that look alike)."""
    centre = f"{_f(drawing.width / 2)} {_f(drawing.height / 2)}"
    rotate = f' transform="rotate({_f(drawing.rotate)} {centre})"' if drawing.rotate else ""
    w, h = _f(drawing.width), _f(drawing.height)
    return "".join(
        [
            f'<rect width="{w}" height="{h}" fill="#ffffff"/>',
            f"<g{rotate}>",
            *(_shape(s) for s in drawing.content),
            "</g>",
            *(_shape(s) for s in drawing.overlay),
            f'<rect width="{w}" height="{h}" fill="none" stroke="{INK}" stroke-width="2"/>',
        ]
    )


def to_svg(drawing: Drawing, *, title: str = "", body: str | None = None) -> str:
    """The drawing as one ``<svg>`` element (no external references), scaled by its container.

    An inline ``<svg>`` clips what it draws to its viewBox (``overflow: hidden``), which keeps a
    Dutch angle's corners and a foreground shoulder inside the frame without a clip path.
    """
    w, h = _f(drawing.width), _f(drawing.height)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" '
        f'class="frame" overflow="hidden" aria-label="{escape(title)}">'
        + (f"<title>{escape(title)}</title>" if title else "")
        + (body if body is not None else svg_body(drawing))
        + "</svg>"
    )
