"""One shot as a schematic frame: who stands where, how big, from which angle, and the move.

Placement follows the coverage conventions: a single sits on a third, looking across the frame
(alternate speakers on opposite thirds, so a cut keeps the eyeline); an over puts the listener's
shoulder large and dark on the near side and the speaker on the far third; a two-shot puts the
pair on the thirds; a master spreads up to four. Angles change the horizon (high: above the
heads; low: below the knees), overhead draws heads from above, Dutch tilts the content. Inserts
draw the object. The camera move is a red arrow with its name.
"""

from __future__ import annotations

from assistant.analysis.shots.model import Angle, Movement, Shot, ShotSize
from assistant.post.storyboard.figures import figure, head_top, name_tag, prop_sketch
from assistant.post.storyboard.shapes import (
    ACCENT,
    INK,
    SET,
    Drawing,
    Ellipse,
    Label,
    Line,
    Polygon,
    Shape,
    arrowhead,
    rect,
)

ASPECT = 2.39
"""Scope (2.39:1), the frame of most contemporary features."""
FRAME_H = 100.0
FRAME_W = FRAME_H * ASPECT
DUTCH_DEGREES = 12.0
MAX_FIGURES = 4


def draw_shot(shot: Shot, *, side: int = -1) -> Drawing:
    """The frame for ``shot``.

    Args:
        shot: the planned shot.
        side: the third a single sits on (-1 left, 1 right); the caller alternates it per
            speaker so that reverse singles face each other.
    """
    drawing = Drawing(FRAME_W, FRAME_H)
    _set(drawing, shot)
    if shot.kind == "insert":
        drawing.add(*prop_sketch(shot.subjects[0] if shot.subjects else "object",
                                 FRAME_W / 2, FRAME_H / 2, FRAME_H * 0.32))  # fmt: skip
    elif shot.angle == Angle.OVERHEAD:
        _overhead(drawing, shot)
    else:
        _people(drawing, shot, side)
    if shot.kind == "pov":
        drawing.overlay.append(Polygon(_vignette(), fill="none", stroke=INK, width=1.0))
        drawing.overlay.append(Label(6, 12, "POV", size=8))
    if shot.angle == Angle.DUTCH:
        drawing.rotate = DUTCH_DEGREES
    _move(drawing, shot.movement)
    return drawing


def _set(drawing: Drawing, shot: Shot) -> None:
    """The horizon and a hint of the place; the horizon moves with the angle."""
    horizon = {Angle.HIGH: 0.18, Angle.LOW: 0.82}.get(shot.angle, 0.55) * FRAME_H
    if shot.kind == "insert" or shot.angle == Angle.OVERHEAD:
        return
    drawing.add(Line(((0, horizon), (FRAME_W, horizon)), stroke=SET, width=1.0))
    if shot.kind != "establishing":
        return
    if shot.size == ShotSize.EWS:  # exterior: a skyline of buildings on the horizon
        x = 8.0
        for i, (w, h) in enumerate(((22, 18), (14, 30), (30, 12), (18, 24), (26, 16), (12, 34),
                                    (28, 20), (20, 14), (16, 26), (24, 18))):  # fmt: skip
            drawing.add(rect(x, horizon - h, w, h, fill="#eef0f3", stroke=SET, width=0.8))
            if i % 2 == 0:
                drawing.add(rect(x + w * 0.3, horizon - h * 0.6, w * 0.2, h * 0.2,
                                 fill=SET, stroke=SET, width=0.4))  # fmt: skip
            x += w + 2
    else:  # interior: the room's back wall and its corners, in perspective
        left, right, top, bottom = FRAME_W * 0.28, FRAME_W * 0.72, FRAME_H * 0.2, horizon
        drawing.add(rect(left, top, right - left, bottom - top, fill="none", stroke=SET, width=1))
        for corner, edge in (
            ((left, top), (0, 0)),
            ((right, top), (FRAME_W, 0)),
            ((left, bottom), (0, FRAME_H)),
            ((right, bottom), (FRAME_W, FRAME_H)),
        ):
            drawing.add(Line((corner, edge), stroke=SET, width=1.0))  # fmt: skip


def _people(drawing: Drawing, shot: Shot, side: int) -> None:
    names = list(shot.subjects[:MAX_FIGURES])
    size = shot.size
    if shot.kind == "over" and len(names) >= 2:
        near = FRAME_W * (0.12 if side > 0 else 0.88)
        far = FRAME_W * (0.66 if side > 0 else 0.34)
        drawing.add(*figure(far, FRAME_H, size, facing=-side))
        _tag(drawing, far, names[0], size, 1.0)
        # The listener's shoulder: nearer the camera, so larger, cut by the frame edge.
        drawing.add(*figure(near, FRAME_H, size, back=True, scale=1.45))
        return
    if not names:
        if shot.kind != "establishing":
            _empty_place(drawing)  # no one named: the place itself is the subject
        return
    if len(names) == 1:
        xs = [FRAME_W * (0.5 if size in (ShotSize.CU, ShotSize.ECU) else 0.5 + side * 0.17)]
        facings = [-side if size not in (ShotSize.EWS, ShotSize.WS) else 0]
    else:
        step = FRAME_W / (len(names) + 1)
        xs = [step * (i + 1) for i in range(len(names))]
        facings = [1 if x < FRAME_W / 2 else -1 for x in xs]
        if size in (ShotSize.CU, ShotSize.ECU, ShotSize.MCU):
            size = ShotSize.MS  # two faces share the frame at most at medium size
    for x, facing, name in zip(xs, facings, names, strict=True):
        drawing.add(*figure(x, FRAME_H, size, facing=facing))
        _tag(drawing, x, name, size, 1.0)


def _empty_place(drawing: Drawing) -> None:
    """A doorway and a table standing on the floor line, so an empty frame reads as a place."""
    floor = FRAME_H * 0.55
    w = FRAME_W
    drawing.add(rect(w * 0.14, floor - 38, 20, 38, fill="#f4f5f7", stroke=INK, width=1.0))
    drawing.add(Line(((w * 0.14 + 15, floor - 19), (w * 0.14 + 16, floor - 19)), width=2.0))
    top = floor + 12
    drawing.add(Polygon(((w * 0.55, top), (w * 0.8, top), (w * 0.84, top + 8), (w * 0.51, top + 8)),
                        fill="#f4f5f7", stroke=INK, width=1.0))  # fmt: skip
    for x in (0.53, 0.82):
        drawing.add(Line(((w * x, top + 8), (w * x, top + 26)), width=1.5))


def _tag(drawing: Drawing, x: float, name: str, size: ShotSize, scale: float) -> None:
    top = head_top(size, FRAME_H, scale)
    y = top - 2 if top > 10 else FRAME_H - 4
    drawing.overlay.append(name_tag(x, y, name, FRAME_H))


def _overhead(drawing: Drawing, shot: Shot) -> None:
    """From above: shoulders as ellipses with the head a circle inside."""
    names = shot.subjects[:MAX_FIGURES] or [""]
    scale = {ShotSize.EWS: 0.3, ShotSize.WS: 0.5, ShotSize.FS: 0.7}.get(shot.size, 1.0)
    step = FRAME_W / (len(names) + 1)
    for i, name in enumerate(names):
        x, y = step * (i + 1), FRAME_H / 2
        drawing.add(Ellipse(x, y, 22 * scale, 11 * scale),
                    Ellipse(x, y, 8 * scale, 8 * scale, "#eeeeee"))  # fmt: skip
        if name:
            drawing.overlay.append(name_tag(x, y + 18 * scale + 6, name, FRAME_H))


def _vignette() -> tuple[tuple[float, float], ...]:
    """A rounded mask just inside the frame: what the character sees."""
    import math

    cx, cy, rx, ry = FRAME_W / 2, FRAME_H / 2, FRAME_W * 0.47, FRAME_H * 0.45
    return tuple((cx + rx * math.cos(t / 24 * math.tau), cy + ry * math.sin(t / 24 * math.tau))
                 for t in range(24))  # fmt: skip


def _move(drawing: Drawing, move: Movement) -> None:
    if move == Movement.STATIC:
        return
    w, h = FRAME_W, FRAME_H
    paths: dict[Movement, tuple[tuple[float, float], ...]] = {
        Movement.PAN: ((w * 0.3, h * 0.1), (w * 0.7, h * 0.1)),
        Movement.TILT: ((w * 0.95, h * 0.7), (w * 0.95, h * 0.25)),
        Movement.TRACK: ((w * 0.25, h * 0.94), (w * 0.75, h * 0.94)),
        Movement.CRANE: ((w * 0.08, h * 0.85), (w * 0.1, h * 0.45), (w * 0.2, h * 0.15)),
        Movement.STEADICAM: ((w * 0.2, h * 0.92), (w * 0.4, h * 0.84), (w * 0.6, h * 0.92),
                             (w * 0.8, h * 0.84)),
        Movement.HANDHELD: tuple((w * (0.3 + 0.04 * i), h * (0.97 if i % 2 else 0.92))
                                 for i in range(11)),
    }  # fmt: skip
    shapes: list[Shape] = []
    if move == Movement.DOLLY:  # pushing in: four arrows from the corners toward the centre
        for x, y in ((0.06, 0.1), (0.94, 0.1), (0.06, 0.9), (0.94, 0.9)):
            start = (w * x, h * y)
            end = (w * (x + (0.5 - x) * 0.18), h * (y + (0.5 - y) * 0.3))
            shapes.append(Line((start, end), stroke=ACCENT, width=1.6))
            shapes.append(Polygon(arrowhead(end, start, 4.5), fill=ACCENT, stroke=ACCENT))
        label_at = (w * 0.5, h * 0.08)
    else:
        points = paths[move]
        shapes.append(Line(points, stroke=ACCENT, width=1.6))
        shapes.append(Polygon(arrowhead(points[-1], points[-2], 5.0), fill=ACCENT, stroke=ACCENT))
        if move == Movement.TRACK:  # rails under the arrow
            for i in range(9):
                x = w * (0.25 + i * 0.0625)
                shapes.append(Line(((x, h * 0.91), (x, h * 0.97)), stroke=ACCENT, width=0.8))
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        label_at = ((min(xs) + max(xs)) / 2, min(ys) - 2 if min(ys) > 12 else max(ys) + 8)
        if move == Movement.TILT:
            label_at = (w * 0.93, h * 0.2)
    shapes.append(Label(label_at[0], label_at[1], move.value.upper(), size=7, fill=ACCENT,
                        anchor="end" if move == Movement.TILT else "middle"))  # fmt: skip
    drawing.overlay.extend(shapes)
