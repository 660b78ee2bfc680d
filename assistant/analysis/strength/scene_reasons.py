"""Reasons in words: which features pushed a scene's score up or down, and by how much.

The model is linear in its features, so a scene's score on a head splits exactly into per-feature
pushes (weight x the scene's value relative to the script's average scene). Features are grouped
into what a writer would recognise (``position``, ``length``, ``cast``...) and each group is said in
words from the scene's facts.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel

from assistant.analysis.strength.scene_features import SceneFacts

FloatArray = npt.NDArray[np.float64]

MIN_EFFECT = 0.15
"""Pushes smaller than this (in logit units, ~15% on the odds) are not worth a reason."""


class Reason(BaseModel):
    """One thing that moved a scene's score."""

    text: str
    effect: float
    """Push on the scene's log-odds: positive raised the score, negative lowered it."""


def _group(feature: str) -> str:
    if feature.startswith("pos_"):
        return "position"
    if feature.startswith("tone_") and feature != "tone_shift":
        return "tone"
    if feature.startswith("lex_"):
        return feature
    return {
        "length": "length",
        "words": "length",
        "shift_before": "shift",
        "shift_after": "shift",
        "tone_shift": "shift",
        "speakers": "speakers",
        "entering": "entering",
        "leaving": "leaving",
        "protagonist_present": "protagonist",
        "protagonist_share": "protagonist",
        "cast_count": "cast",
    }.get(feature, feature)


def _names(names: list[str], limit: int = 2) -> str:
    shown = [n.title() for n in names[:limit]]
    extra = len(names) - len(shown)
    return ", ".join(shown) + (f" and {extra} more" if extra > 0 else "")


def _position(f: SceneFacts, up: bool, tp: str) -> str:
    where = f"{round(f.position * 100)}% into the script"
    article = "an" if tp[0] in "AEIOU" else "a"
    if up:
        return f"{where}, where {article} {tp} often falls"
    return f"{where}, where turning points are rare"


_PHRASES: dict[str, Callable[[SceneFacts, bool], str]] = {
    "length": lambda f, up: "a long scene for this script" if up else "a short scene",
    "dialogue_share": lambda f, up: "mostly dialogue" if up else "mostly action",
    "exclamations": lambda f, up: "heated dialogue (exclamations)" if up else "calm dialogue",
    "questions": lambda f, up: "many questions asked" if up else "few questions asked",
    "capitals": lambda f, up: "loud action (words in capitals)" if up else "quiet action",
    "lex_violence": lambda f, up: "violent action words" if up else "no violence",
    "lex_emotion": lambda f, up: "emotional words (tears, love)" if up else "little emotion",
    "lex_resolve": lambda f, up: "words of decision (plan, promise)" if up else "no decision",
    "lex_discovery": lambda f, up: "words of discovery (truth, secret)" if up else "no discovery",
    "new_location": lambda f, up: (
        f"new location ({f.location})" if f.new_location else f"a familiar location ({f.location})"
    ),
    "int_ext_change": lambda f, up: (
        "cuts between inside and outside" if f.int_ext_change else "stays inside or outside"
    ),
    "time_change": lambda f, up: "the time of day changes" if f.time_change else "same time of day",
    "night": lambda f, up: "set at night" if up else "set by day",
    "speakers": lambda f, up: "many characters speak" if up else "few characters speak",
    "entering": lambda f, up: f"{_names(f.entering)} enter" if f.entering else "nobody new enters",
    "leaving": lambda f, up: (
        f"{_names(f.leaving)} drop out" if f.leaving else "the same characters carry on"
    ),
    "protagonist": lambda f, up: (
        f"the protagonist ({(f.protagonist or '').title()}) is in it"
        if f.protagonist_present
        else f"without the protagonist ({(f.protagonist or '').title()})"
    ),
    "cast": lambda f, up: "much of the main cast together" if up else "little of the main cast",
    "first_appearance": lambda f, up: (
        f"first appearance of {_names(f.first_appearance)}"
        if f.first_appearance
        else "no main character's first appearance"
    ),
    "last_appearance": lambda f, up: (
        f"last appearance of {_names(f.last_appearance)}"
        if f.last_appearance
        else "no main character's last appearance"
    ),
    "new_pair": lambda f, up: (
        f"{(f.protagonist or '').title()}'s first scene with {_names(f.new_pairs)}"
        if f.new_pairs
        else "no new meeting for the protagonist"
    ),
    "shift": lambda f, up: (
        "sharp tonal shift from its neighbours" if up else "in tone with its neighbours"
    ),
    "novelty": lambda f, up: "unlike any scene before it" if up else "close to an earlier scene",
    "centrality": lambda f, up: "echoes the script's main threads" if up else "a side thread",
    "like_opening": lambda f, up: "echoes the opening" if up else "far from the opening",
    "like_ending": lambda f, up: "resembles the ending" if up else "far from the ending",
    "tone": lambda f, up: f"tone: {f.tone}" if f.tone else "no marked tone",
}


def explain(
    contributions: FloatArray,
    feature_names: list[str],
    facts: SceneFacts,
    turning_point: str,
    *,
    limit_up: int = 3,
    limit_down: int = 2,
) -> list[Reason]:
    """The strongest pushes on one scene's score, in words, strongest first.

    Args:
        contributions: this scene's per-feature pushes on its most likely TP head.
        feature_names: names of the columns.
        facts: the scene's facts.
        turning_point: the name of that TP (for the position phrase).
        limit_up: most reasons that raised the score.
        limit_down: most reasons that lowered it.

    Returns:
        Reasons that raised the score, then those that lowered it.
    """
    grouped: dict[str, float] = {}
    for name, value in zip(feature_names, contributions, strict=True):
        group = _group(name)
        grouped[group] = grouped.get(group, 0.0) + float(value)
    ranked = sorted(grouped.items(), key=lambda kv: -abs(kv[1]))
    ups: list[Reason] = []
    downs: list[Reason] = []
    for group, effect in ranked:
        if abs(effect) < MIN_EFFECT:
            break
        up = effect > 0
        bucket, limit = (ups, limit_up) if up else (downs, limit_down)
        if len(bucket) >= limit:
            continue
        if group == "position":
            text = _position(facts, up, turning_point)
        else:
            phrase = _PHRASES.get(group)
            if phrase is None:
                continue
            text = phrase(facts, up)
        bucket.append(Reason(text=text, effect=round(effect, 3)))
    return ups + downs
