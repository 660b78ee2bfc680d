"""The optional LLM pass: a configured text model may change a shot's size, angle or move.

The rule-based plan stays the reference: the model sees one scene at a time and may only change
the three fields of shots that exist; anything else (a shot it invents, a value off the lists) is
dropped, and a reply that never validates keeps the scene as planned. Changed shots say
``source: "llm"``; the changes are listed apart so that nothing measured mixes with them.
"""

from __future__ import annotations

import threading

from pydantic import BaseModel, ConfigDict, Field

from assistant.analysis.shots.model import Angle, Movement, SceneShots, ShotList, ShotSize
from assistant.models.base import GenerationOptions, TextModel
from assistant.models.prompts import load_prompt
from assistant.models.structured import generate_structured
from assistant.script.model import Action, Dialogue, DualDialogue, Screenplay, plain_text

ANSWER_TOKENS = 384
SCENE_CHARS = 1200
"""Scene text shown to the model: SmolLM2's 2,048-token context holds it with ~25 shots."""
MAX_SHOTS_SHOWN = 25


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ShotChange(_Model):
    """What the model asks for one shot."""

    number: str
    size: ShotSize | None = None
    angle: Angle | None = None
    movement: Movement | None = None


class ShotChanges(_Model):
    """The reply the model must give for a scene."""

    changes: list[ShotChange] = Field(default_factory=list)


class AppliedChange(_Model):
    number: str
    field: str
    rules: str
    llm: str


class ShotRefinement(_Model):
    """The LLM pass's result, reported apart from the rule-based plan."""

    plan: ShotList
    """The plan with the accepted changes applied (changed shots have ``source: "llm"``)."""
    changes: list[AppliedChange] = Field(default_factory=list)
    rejected: int = 0
    """Changes naming a shot the scene does not have (or outside the shots shown)."""
    scenes: int = 0
    fallbacks: int = 0
    """Scenes where the model never gave valid JSON (kept as planned)."""
    attempts: int = 0
    model_id: str
    prompt_version: str


def _scene_text(screenplay: Screenplay, planned: SceneShots) -> str:
    parts: list[str] = []
    for element in screenplay.scenes[planned.index].elements:
        if isinstance(element, Action):
            parts.append(plain_text(element.text))
        elif isinstance(element, Dialogue | DualDialogue):
            blocks = [element] if isinstance(element, Dialogue) else [element.left, element.right]
            parts.extend(f"{b.cue.name}: {plain_text(b.speech_text)}" for b in blocks)
    return "\n".join(parts)[:SCENE_CHARS]


def refine_shots(
    plan: ShotList,
    screenplay: Screenplay,
    model: TextModel,
    *,
    cancel: threading.Event | None = None,
) -> ShotRefinement:
    """Ask ``model`` to adjust each scene's shots; ``plan`` itself is left unchanged.

    Raises:
        ModelUnavailableError: the text model cannot be loaded or reached.
    """
    template = load_prompt("shot_list")
    refined = plan.model_copy(deep=True)
    result = ShotRefinement(plan=refined, model_id=model.model_id, prompt_version=template.ref)
    for planned in refined.scenes:
        if not planned.shots or (cancel is not None and cancel.is_set()):
            continue
        shown = planned.shots[:MAX_SHOTS_SHOWN]
        task = template.render(
            heading=planned.heading or "(before the first heading)",
            text=_scene_text(screenplay, planned),
            shots=[
                {"number": s.number, "size": s.size.value, "angle": s.angle.value,
                 "movement": s.movement.value, "description": s.description[:80]}
                for s in shown
            ],
        )  # fmt: skip
        answer = generate_structured(
            model, task, ShotChanges, ShotChanges,
            GenerationOptions(max_new_tokens=ANSWER_TOKENS), cancel=cancel,
        )  # fmt: skip
        result.scenes += 1
        result.attempts += answer.attempts
        result.fallbacks += answer.fallback
        by_number = {s.number: s for s in shown}
        for change in answer.value.changes:
            shot = by_number.get(change.number.strip().upper())
            if shot is None:
                result.rejected += 1
                continue
            for field in ("size", "angle", "movement"):
                new = getattr(change, field)
                old = getattr(shot, field)
                if new is None or new == old:
                    continue
                setattr(shot, field, new)
                shot.source = "llm"
                result.changes.append(
                    AppliedChange(number=shot.number, field=field, rules=old.value, llm=new.value)
                )
    if result.changes:
        refined.source = "llm"
    return result
