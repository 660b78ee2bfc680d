"""The storyboard's frames in cut order: each shot's drawing and its caption."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.analysis.shots.model import Shot, ShotList
from assistant.post.storyboard.frame import draw_shot
from assistant.post.storyboard.shapes import Drawing

FRAMES_PER_PAGE = 6


@dataclass(frozen=True)
class Card:
    """One frame of the board: the picture and what is written under it."""

    shot: Shot
    scene: str
    """``12: INT. DINER - NIGHT``."""
    drawing: Drawing
    title: str
    """``12A MCU · eye level · static · 50mm · 3.5 s``."""
    subjects: str
    text: str


def caption_title(shot: Shot) -> str:
    return (f"{shot.number} {shot.size.value} · {shot.angle.value} · {shot.movement.value} · "
            f"{shot.lens_mm}mm · {shot.duration_s:.1f} s")  # fmt: skip


def subjects_line(shot: Shot) -> str:
    names = [name.title() if name.isupper() else name for name in shot.subjects]
    names += [f"{name.title()} (off)" for name in shot.off_screen if name not in shot.subjects]
    return ", ".join(names) or "—"


def build_cards(plan: ShotList) -> list[Card]:
    """Every shot as a card; in each scene, speakers keep one side of the frame (first seen on
    the left third, the next on the right), so that reverse singles and overs face each other."""
    cards: list[Card] = []
    # A shot's picture depends only on these; a feature repeats them (the same single of the
    # same speaker) often enough that drawing each once halves the board's cost.
    drawn: dict[tuple[object, ...], Drawing] = {}
    for scene in plan.scenes:
        sides: dict[str, int] = {}
        label = f"{scene.number or '0'}: {scene.heading or '(before the first heading)'}"
        for shot in scene.shots:
            for name in shot.subjects[:2]:
                sides.setdefault(name, -1 if len(sides) % 2 == 0 else 1)
            side = sides.get(shot.subjects[0], -1) if shot.subjects else -1
            key = (shot.kind, shot.size, shot.angle, shot.movement, tuple(shot.subjects), side)
            if key not in drawn:
                drawn[key] = draw_shot(shot, side=side)
            cards.append(Card(shot=shot, scene=label, drawing=drawn[key],
                              title=caption_title(shot), subjects=subjects_line(shot),
                              text=shot.description))  # fmt: skip
    return cards


def pages(cards: list[Card]) -> list[list[Card]]:
    return [cards[i : i + FRAMES_PER_PAGE] for i in range(0, len(cards), FRAMES_PER_PAGE)]
