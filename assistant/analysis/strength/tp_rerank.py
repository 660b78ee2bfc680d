"""The optional LLM pass over the turning-point shortlist (issue #9).

The trained model gives, for each of the five turning points, a distribution over scenes. This pass
shows a text model the few most likely scenes per TP (heading and opening words) and asks it to pick
one per TP, as JSON (``prompts/tp_rerank.v<N>.yaml`` through ``generate_structured``). A pick is
kept only if it is on that TP's shortlist and the five picks stay in story order; anything else
falls back, TP by TP, to the trained model's pick. Scene strengths are never touched: the pass only
moves turning points, and its effect is reported apart from the trained model's figures.
"""

from __future__ import annotations

import threading

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from assistant.analysis.scene_text import embedding_text, read_scene
from assistant.analysis.strength.scene_strength import SceneStrengthReport, TurningPointPick
from assistant.analysis.strength.turning_points import window_mass
from assistant.models.base import GenerationOptions, TextModel
from assistant.models.prompts import load_prompt
from assistant.models.structured import generate_structured
from assistant.script.model import Screenplay

SHORTLIST_SIZE = 3
"""Candidates per TP. 5 TPs x 3 scenes x 60 words is ~1,200 prompt tokens: well inside SmolLM2's
8,192-token context with room for the ~100-token answer (more candidates were not tried)."""
PREVIEW_WORDS = 60
"""Opening words of each candidate shown to the model (heading included)."""
ANSWER_TOKENS = 256
"""Five ``{"name": ..., "scene_index": ...}`` entries take ~100 tokens; the rest is slack."""


class TurningPointChoice(BaseModel):
    """The text model's pick for one turning point."""

    name: str = Field(description="The turning point's name, as given.")
    scene_index: int = Field(description="The scene_index of the chosen candidate.")


class TurningPointChoices(BaseModel):
    """The JSON object the text model must answer with."""

    turning_points: list[TurningPointChoice]


class RerankResult(BaseModel):
    """The turning points after the LLM pass, and what the pass did."""

    model_config = ConfigDict(extra="forbid")

    turning_points: list[TurningPointPick]
    """Five picks in story order (the trained model's where the LLM's were not kept); the
    confidence is the trained model's window mass at the pick."""
    fallback: bool
    """True: the model never gave valid JSON, so every TP is the trained model's pick."""
    changed: int
    """Turning points placed on a different scene than the trained model placed them."""
    moved: list[str] = Field(default_factory=list)
    """Names of the TPs the LLM moved, in story order."""
    rejected: list[str] = Field(default_factory=list)
    """TPs whose LLM pick was missing, off the shortlist or out of story order."""
    shortlists: list[list[int]] = Field(default_factory=list)
    """The candidate scene indices shown for each TP."""
    prompt_version: str
    model_id: str
    attempts: int = 0
    """Model calls made (0: the pass did not run because there were no five TPs)."""
    errors: list[str] = Field(default_factory=list)
    """Why each rejected JSON reply was rejected (from the structured-output helper)."""


def shortlists(report: SceneStrengthReport, size: int = SHORTLIST_SIZE) -> list[list[int]]:
    """For each placed TP, its ``size`` most likely headed scenes in script order (the pick
    included); the block before the first heading is never a candidate.

    Args:
        report: the trained model's report.
        size: candidates per TP.

    Returns:
        One list of scene indices per entry of ``report.turning_points``.
    """
    out: list[list[int]] = []
    candidates = _candidates(report)
    for k, tp in enumerate(report.turning_points):
        probs = {i: report.scenes[i].turning_point_probabilities[k] for i in candidates}
        ranked = sorted(candidates, key=lambda i: (-probs[i], i))
        others = [i for i in ranked if i != tp.scene_index][: size - 1]
        out.append(sorted([tp.scene_index, *others]))
    return out


def rerank_turning_points(
    report: SceneStrengthReport,
    screenplay: Screenplay,
    model: TextModel,
    *,
    cancel: threading.Event | None = None,
) -> RerankResult:
    """Let ``model`` pick each TP's scene from the trained model's shortlist.

    Args:
        report: the trained model's report for ``screenplay`` (left unchanged).
        screenplay: the script the report scores (for the candidates' text).
        model: the text model.
        cancel: set to stop generating (the trained picks are then kept).

    Returns:
        The adjusted turning points, how many moved, and whether the model's answer was usable.

    Raises:
        ModelUnavailableError: the text model cannot be loaded or reached.
    """
    template = load_prompt("tp_rerank")
    trained = list(report.turning_points)
    if len(trained) < 5:
        return RerankResult(
            turning_points=trained, fallback=False, changed=0,
            prompt_version=template.ref, model_id=model.model_id,
        )  # fmt: skip
    lists = shortlists(report)
    previews = {i: _preview(screenplay, i) for i in sorted({i for s in lists for i in s})}
    task = template.render(
        turning_points=[
            {"name": tp.name, "candidates": [{"index": i, **previews[i]} for i in shortlist]}
            for tp, shortlist in zip(trained, lists, strict=True)
        ]
    )

    def keep_trained() -> TurningPointChoices:
        return TurningPointChoices(
            turning_points=[
                TurningPointChoice(name=t.name, scene_index=t.scene_index) for t in trained
            ]
        )

    answer = generate_structured(
        model, task, TurningPointChoices, keep_trained,
        GenerationOptions(max_new_tokens=ANSWER_TOKENS), cancel=cancel,
    )  # fmt: skip
    by_name: dict[str, int] = {}
    for choice in answer.value.turning_points:
        by_name.setdefault(choice.name.strip().casefold(), choice.scene_index)
    proposed: list[int | None] = []
    for tp, shortlist in zip(trained, lists, strict=True):
        pick = by_name.get(tp.name.casefold())
        proposed.append(pick if pick in shortlist else None)
    indices = _ordered([t.scene_index for t in trained], proposed)
    candidates = _candidates(report)
    probabilities = np.array([s.turning_point_probabilities for s in report.scenes]).T
    mass = window_mass(np.asarray(probabilities[:, candidates], dtype=np.float64))
    column = {scene: j for j, scene in enumerate(candidates)}
    picks = [
        TurningPointPick(
            name=tp.name,
            scene_index=index,
            confidence=round(min(float(mass[k, column[index]]), 1.0), 4),
        )
        if index != tp.scene_index
        else tp
        for k, (tp, index) in enumerate(zip(trained, indices, strict=True))
    ]
    moved = [tp.name for tp, index in zip(trained, indices, strict=True) if index != tp.scene_index]
    rejected = [
        tp.name
        for tp, offered, index in zip(trained, proposed, indices, strict=True)
        if offered is None or offered != index
    ]
    return RerankResult(
        turning_points=picks,
        fallback=answer.fallback,
        changed=len(moved),
        moved=moved,
        rejected=rejected,
        shortlists=lists,
        prompt_version=answer.prompt,
        model_id=model.model_id,
        attempts=answer.attempts,
        errors=answer.errors,
    )


def _candidates(report: SceneStrengthReport) -> list[int]:
    """Scenes a TP can fall on, as the decoder sees them: those with a label (a heading)."""
    return [scene.index for scene in report.scenes if scene.number is not None]


def _ordered(trained: list[int], proposed: list[int | None]) -> list[int]:
    """The proposed picks where they keep story order, else the trained pick, TP by TP.

    Where two neighbours are out of order, each of them that the LLM proposed goes back to the
    trained pick; repeated until the five are strictly increasing (or only trained picks clash,
    which the trained decoder already allowed).
    """
    final = [t if p is None else p for t, p in zip(trained, proposed, strict=True)]
    from_llm = [p is not None for p in proposed]
    changed = True
    while changed:
        changed = False
        for k in range(1, len(final)):
            if final[k] > final[k - 1]:
                continue
            for j in (k - 1, k):
                if from_llm[j]:
                    final[j], from_llm[j], changed = trained[j], False, True
    return final


def _preview(screenplay: Screenplay, index: int) -> dict[str, str]:
    text = read_scene(screenplay.scenes[index])
    heading = text.heading or "(no heading)"
    body = embedding_text(text, PREVIEW_WORDS)
    if body.startswith(heading):
        body = body[len(heading) :].strip()
    return {"heading": heading, "text": body}
