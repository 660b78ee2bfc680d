"""Figures and objects for storyboard frames, sized in head heights as figure drawing is.

A standing figure is 7.5 heads tall: head, shoulders at 1.2 heads, hips at 4, feet at 7.5. A shot
size says how many head heights the frame shows (``HEAD_FRACTION``): a close-up's head fills most
of the frame, a wide shot's whole body is small.
"""

from __future__ import annotations

from assistant.analysis.shots.model import ShotSize
from assistant.post.storyboard.shapes import (
    INK,
    PAPER,
    SHADOW,
    Ellipse,
    Label,
    Line,
    Polygon,
    Shape,
    rect,
)

HEAD_FRACTION: dict[ShotSize, float] = {
    ShotSize.EWS: 0.025,
    ShotSize.WS: 0.07,
    ShotSize.FS: 0.115,
    ShotSize.MS: 0.2,
    ShotSize.MCU: 0.3,
    ShotSize.CU: 0.55,
    ShotSize.ECU: 1.1,
    ShotSize.INSERT: 0.3,
}
"""Head height as a share of the frame height, per shot size."""
HEAD_TOP: dict[ShotSize, float] = {
    ShotSize.MS: 0.12,
    ShotSize.MCU: 0.1,
    ShotSize.CU: 0.12,
    ShotSize.ECU: -0.3,
}
"""Where the head's top sits (share of the frame height) for sizes that cut the body; the full
body sizes stand their feet on ``FLOOR`` instead."""
FLOOR = 0.88
FIGURE_HEADS = 7.5


def figure(cx: float, frame_h: float, size: ShotSize, *, facing: int = 0,
           back: bool = False, scale: float = 1.0) -> list[Shape]:  # fmt: skip
    """A person centred at ``cx``: head, torso, arms, legs, scaled to the shot size.

    Args:
        facing: -1 looks left, 1 right, 0 to camera (a nose mark shows the eyeline).
        back: seen from behind (the shoulder in the foreground of an over): a dark mass.
        scale: relative size (a foreground shoulder is nearer, so larger).
    """
    h = HEAD_FRACTION[size] * frame_h * scale
    top = HEAD_TOP[size] * frame_h if size in HEAD_TOP else FLOOR * frame_h - FIGURE_HEADS * h
    fill = SHADOW if back else PAPER
    stroke = INK
    shapes: list[Shape] = []
    shoulder_y, hip_y, foot_y = top + 1.25 * h, top + 4.0 * h, top + FIGURE_HEADS * h
    torso = Polygon(((cx - 1.15 * h, shoulder_y + 0.2 * h), (cx - 0.85 * h, shoulder_y),
                     (cx + 0.85 * h, shoulder_y), (cx + 1.15 * h, shoulder_y + 0.2 * h),
                     (cx + 0.8 * h, hip_y), (cx - 0.8 * h, hip_y)), fill, stroke)  # fmt: skip
    leg_h = foot_y - hip_y
    legs = [rect(cx - 0.7 * h, hip_y, 0.6 * h, leg_h, fill=fill, stroke=stroke),
            rect(cx + 0.1 * h, hip_y, 0.6 * h, leg_h, fill=fill, stroke=stroke)]  # fmt: skip
    arms = [Line(((cx - 1.1 * h, shoulder_y + 0.3 * h), (cx - 1.35 * h, hip_y + 0.3 * h)),
                 width=max(1.0, 0.25 * h)),
            Line(((cx + 1.1 * h, shoulder_y + 0.3 * h), (cx + 1.35 * h, hip_y + 0.3 * h)),
                 width=max(1.0, 0.25 * h))]  # fmt: skip
    shapes.extend(legs)
    shapes.extend(arms)
    shapes.append(torso)
    shapes.append(Line(((cx, top + 0.95 * h), (cx, shoulder_y)), width=max(1.0, 0.35 * h)))
    shapes.append(Ellipse(cx, top + 0.5 * h, 0.4 * h, 0.52 * h, fill, stroke))
    if not back and h > 4:
        shapes.extend(_face(cx, top, h, facing))
    return shapes


def _face(cx: float, top: float, h: float, facing: int) -> list[Shape]:
    eye_y = top + 0.45 * h
    shift = 0.12 * h * facing
    r = max(0.4, 0.035 * h)
    eyes: list[Shape] = [Ellipse(cx - 0.14 * h + shift, eye_y, r, r, INK, INK, 0.5),
                         Ellipse(cx + 0.14 * h + shift, eye_y, r, r, INK, INK, 0.5)]  # fmt: skip
    nose_x = cx + shift + 0.1 * h * facing
    eyes.append(Line(((cx + shift, eye_y + 0.08 * h), (nose_x, eye_y + 0.2 * h),
                      (cx + shift, eye_y + 0.24 * h)), width=max(0.6, 0.02 * h)))  # fmt: skip
    return eyes


def name_tag(cx: float, y: float, name: str, frame_h: float) -> Label:
    return Label(cx, y, name.title(), size=max(5.0, frame_h * 0.065), anchor="middle")


def head_top(size: ShotSize, frame_h: float, scale: float = 1.0) -> float:
    h = HEAD_FRACTION[size] * frame_h * scale
    return HEAD_TOP[size] * frame_h if size in HEAD_TOP else FLOOR * frame_h - FIGURE_HEADS * h


def prop_sketch(prop: str, cx: float, cy: float, s: float) -> list[Shape]:
    """An object drawn large in the middle of an insert: its outline and a few telling lines.

    ``s`` is the sketch's half-size. Unknown props are a labelled box.
    """
    name = prop.lower()
    if name in ("clock", "watch"):
        return [Ellipse(cx, cy, s, s, PAPER, INK, 2.0),
                Line(((cx, cy), (cx, cy - 0.7 * s)), width=2),
                Line(((cx, cy), (cx + 0.5 * s, cy + 0.2 * s)), width=2)]  # fmt: skip
    if name in ("phone", "cellphone", "telephone", "laptop", "computer", "screen", "monitor",
                "tv", "television"):  # fmt: skip
        w, h = (0.6 * s, s) if "phone" in name else (1.4 * s, 0.9 * s)
        return [rect(cx - w, cy - h, 2 * w, 2 * h, width=2.0),
                rect(cx - 0.8 * w, cy - 0.8 * h, 1.6 * w, 1.5 * h, fill="#dfe6ee",
                     width=0.8)]  # fmt: skip
    if name in ("letter", "note", "notes", "envelope", "paper", "papers", "document",
                "documents", "contract", "newspaper", "book", "notebook", "diary", "journal",
                "map", "menu", "receipt", "ticket", "tickets", "photo", "photograph",
                "picture", "card", "sign", "poster", "flyer", "written detail", "file",
                "folder", "passport", "license"):  # fmt: skip
        w, h = 1.2 * s, 0.85 * s
        shapes: list[Shape] = [rect(cx - w, cy - h, 2 * w, 2 * h, width=2.0)]
        for i in range(5):
            y = cy - 0.55 * h + i * 0.28 * h
            shapes.append(Line(((cx - 0.8 * w, y), (cx + (0.8 if i < 4 else 0.2) * w, y))))
        return shapes
    if name in ("mug", "cup", "glass", "bottle"):
        if name == "bottle":
            return [Polygon(((cx - 0.15 * s, cy - s), (cx + 0.15 * s, cy - s),
                             (cx + 0.15 * s, cy - 0.5 * s), (cx + 0.4 * s, cy - 0.25 * s),
                             (cx + 0.4 * s, cy + s), (cx - 0.4 * s, cy + s),
                             (cx - 0.4 * s, cy - 0.25 * s), (cx - 0.15 * s, cy - 0.5 * s)),
                            width=2.0)]  # fmt: skip
        return [Polygon(((cx - 0.6 * s, cy - 0.7 * s), (cx + 0.6 * s, cy - 0.7 * s),
                         (cx + 0.5 * s, cy + 0.8 * s), (cx - 0.5 * s, cy + 0.8 * s)), width=2.0),
                Ellipse(cx + 0.75 * s, cy, 0.25 * s, 0.35 * s, PAPER, INK, 2.0)]  # fmt: skip
    if name in ("key", "keys"):
        return [Ellipse(cx - 0.6 * s, cy, 0.35 * s, 0.35 * s, PAPER, INK, 2.0),
                Line(((cx - 0.25 * s, cy), (cx + s, cy)), width=2.5),
                Line(((cx + 0.7 * s, cy), (cx + 0.7 * s, cy + 0.3 * s)), width=2.5),
                Line(((cx + 0.9 * s, cy), (cx + 0.9 * s, cy + 0.25 * s)), width=2.5)]  # fmt: skip
    if name in ("gun", "pistol", "revolver", "rifle", "shotgun"):
        return [Polygon(((cx - s, cy - 0.35 * s), (cx + s, cy - 0.35 * s), (cx + s, cy - 0.05 * s),
                         (cx - 0.3 * s, cy - 0.05 * s), (cx - 0.45 * s, cy + 0.8 * s),
                         (cx - 0.85 * s, cy + 0.8 * s), (cx - 0.75 * s, cy - 0.05 * s),
                         (cx - s, cy - 0.05 * s)), fill="#dddddd", width=2.0)]  # fmt: skip
    return [
        rect(cx - s, cy - 0.7 * s, 2 * s, 1.4 * s, width=2.0),
        Label(cx, cy + 0.1 * s, name, size=max(6.0, 0.35 * s), anchor="middle"),
    ]
