"""Reasons in words: which features pushed a scene's score up or down, and by how much.

The model is linear in its features, so a scene's score on a head splits exactly into per-feature
pushes (weight x the scene's value relative to the script's average scene). Features are grouped
into what a writer would recognise (``position``, ``length``, ``cast``...).

Two rules keep reasons honest:

- A reason's words come from the scene's own value, never from the sign of its push: a night scene
  says "at night" whether night raised or lowered its score, and a day scene says nothing about
  night. A template returns None when there is nothing true to say (an average-length scene is
  neither long nor short).
- Reasons are ranked by how unusual the push is for this script: the push divided by that group's
  typical push over the script's scenes. Length pushes every scene a lot (a prior of the model), so
  it shows only where it pushes harder than usual; a first appearance that happens once shows where
  it happens. Position, the largest prior, is measured against the neighbouring scenes, which share
  it, so "N% into the script" no longer explains every scene.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel

from assistant.analysis.strength.scene_features import SceneFacts

FloatArray = npt.NDArray[np.float64]

MIN_EFFECT = 0.15
"""Pushes smaller than this (in logit units, ~15% on the odds) are not worth a reason."""
MARKED = 0.5
"""A per-script z-scored value counts as high or low beyond half a standard deviation."""


class Reason(BaseModel):
    """One thing that moved a scene's score."""

    text: str
    effect: float
    """Push on the scene's log-odds, relative to the script's average scene (position: to the
    scenes around it): positive raised the score, negative lowered it."""


@dataclass(frozen=True)
class SceneView:
    """What a template may read about one scene: its facts and its feature values by name.

    Most values are z-scored within the script (0 = the script's average scene); flags are 0 or 1.
    """

    facts: SceneFacts
    values: Mapping[str, float]

    def level(self, *features: str) -> int:
        """+1 if the features' mean is marked above the script's average scene, -1 below, else 0."""
        mean = sum(self.values.get(f, 0.0) for f in features) / len(features)
        return 1 if mean > MARKED else -1 if mean < -MARKED else 0

    def flag(self, feature: str) -> bool:
        return self.values.get(feature, 0.0) > 0.5


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
        "protagonist_present": "protagonist",
        "protagonist_share": "protagonist",
        "cast_count": "cast",
    }.get(feature, feature)


def _names(names: list[str], limit: int = 2) -> str:
    shown = [n.title() for n in names[:limit]]
    extra = len(names) - len(shown)
    return ", ".join(shown) + (f" and {extra} more" if extra > 0 else "")


def _scaled(features: tuple[str, ...], high: str, low: str) -> Callable[[SceneView], str | None]:
    """A template for z-scored features: ``high`` above the script's average, ``low`` below."""

    def say(view: SceneView) -> str | None:
        return {1: high, -1: low}.get(view.level(*features))

    return say


def _protagonist(view: SceneView) -> str | None:
    name = (view.facts.protagonist or "").title()
    if not name:
        return None
    if view.facts.protagonist_present:
        return f"the protagonist ({name}) is in it"
    return f"without the protagonist ({name})"


def _location(view: SceneView) -> str | None:
    place = view.facts.location
    if view.facts.new_location:
        return f"a new location ({place})"
    if place and not view.flag("new_location"):
        return f"back at a familiar location ({place})"
    return None


TEMPLATES: dict[str, Callable[[SceneView], str | None]] = {
    "length": _scaled(("length",), "a long scene for this script", "a short scene for this script"),
    "dialogue_share": _scaled(
        ("dialogue_share",), "more dialogue than most scenes", "more action than most scenes"
    ),
    "exclamations": _scaled(
        ("exclamations",), "heated dialogue (exclamations)", "fewer exclamations than most scenes"
    ),
    "questions": _scaled(
        ("questions",), "more questions than most scenes", "fewer questions than most scenes"
    ),
    "capitals": _scaled(
        ("capitals",), "loud action (words in capitals)", "fewer words in capitals than most scenes"
    ),
    "lex_violence": _scaled(
        ("lex_violence",), "violent action words", "less violent wording than most scenes"
    ),
    "lex_emotion": _scaled(
        ("lex_emotion",), "emotional words (tears, love)", "less emotional wording than most"
    ),
    "lex_resolve": _scaled(
        ("lex_resolve",), "words of decision (plan, promise)", "fewer words of decision than most"
    ),
    "lex_discovery": _scaled(
        ("lex_discovery",), "words of discovery (truth, secret)", "fewer words of discovery"
    ),
    "new_location": _location,
    "int_ext_change": lambda v: (
        "cuts between inside and outside" if v.facts.int_ext_change else None
    ),
    "time_change": lambda v: "the time of day changes" if v.facts.time_change else None,
    "night": lambda v: "at night" if v.flag("night") else None,
    "speakers": _scaled(("speakers",), "many characters speak", "fewer speakers than most scenes"),
    "entering": lambda v: f"{_names(v.facts.entering)} enter" if v.facts.entering else None,
    "leaving": lambda v: f"{_names(v.facts.leaving)} drop out" if v.facts.leaving else None,
    "protagonist": _protagonist,
    "cast": _scaled(("cast_count",), "much of the main cast together", "little of the main cast"),
    "first_appearance": lambda v: (
        f"first appearance of {_names(v.facts.first_appearance)}"
        if v.facts.first_appearance
        else None
    ),
    "last_appearance": lambda v: (
        f"last appearance of {_names(v.facts.last_appearance)}" if v.facts.last_appearance else None
    ),
    "new_pair": lambda v: (
        f"{(v.facts.protagonist or '').title()}'s first scene with {_names(v.facts.new_pairs)}"
        if v.facts.new_pairs and v.facts.protagonist
        else None
    ),
    "shift": _scaled(
        ("shift_before", "shift_after", "tone_shift"),
        "a sharp change of tone from its neighbours",
        "in tone with its neighbours",
    ),
    "novelty": _scaled(("novelty",), "unlike any scene before it", "close to an earlier scene"),
    "centrality": _scaled(("centrality",), "echoes the script's main threads", "a side thread"),
    "like_opening": _scaled(("like_opening",), "echoes the opening", "far from the opening"),
    "like_ending": _scaled(("like_ending",), "resembles the ending", "far from the ending"),
    "tone": lambda v: f"tone: {v.facts.tone}" if v.facts.tone else None,
}
"""One template per feature group except ``position`` (worded from the model, see ``_position``)."""


def _position(facts: SceneFacts, effect: float, tp: str) -> str:
    """Position is the model's prior: what is true is where TPs fell in the films it learned."""
    where = f"{round(facts.position * 100)}% into the script"
    article = "an" if tp[0] in "AEIOU" else "a"
    if effect > 0:
        return f"{where}, where {article} {tp} often falls"
    return f"{where}, where {article} {tp} rarely falls"


NEIGHBOURHOOD = 0.05
"""Position pushes are compared with the scenes within this share of the script on either side."""


@dataclass(frozen=True)
class ScriptPushes:
    """One head's pushes on every scene of a script, by reason group, ready to explain."""

    groups: list[str]
    pushes: FloatArray
    """(scenes, groups): each push relative to the script's average scene, except ``position``,
    which is relative to the scenes around it (see ``script_pushes``)."""
    typical: FloatArray
    """Each group's mean absolute push over the script's scenes."""


def script_pushes(contributions: FloatArray, feature_names: list[str]) -> ScriptPushes:
    """Per-feature pushes summed into reason groups, with the shared position prior taken out.

    Position moves every scene by a smooth curve: all scenes around the 75% mark get the same
    Major Setback push, so it says nothing about one of them. Its push is therefore measured
    against the mean of the neighbouring scenes (``NEIGHBOURHOOD`` of the script either side),
    and shows only where the prior changes sharply.

    Args:
        contributions: (scenes, features) pushes on one head (``TurningPointModel.contributions``).
        feature_names: the columns' names.
    """
    groups = list(dict.fromkeys(_group(name) for name in feature_names))
    index = {g: k for k, g in enumerate(groups)}
    pushes = np.zeros((contributions.shape[0], len(groups)))
    for column, name in enumerate(feature_names):
        pushes[:, index[_group(name)]] += contributions[:, column]
    n = pushes.shape[0]
    if "position" in index and n:
        raw = pushes[:, index["position"]].copy()
        radius = max(1, round(NEIGHBOURHOOD * n))
        around = [raw[max(0, i - radius) : i + radius + 1].mean() for i in range(n)]
        pushes[:, index["position"]] = raw - np.asarray(around)
    typical = np.abs(pushes).mean(axis=0) if n else np.zeros(len(groups))
    return ScriptPushes(groups=groups, pushes=pushes, typical=typical)


def explain(
    script: ScriptPushes,
    scene: int,
    view: SceneView,
    turning_point: str,
    *,
    limit_up: int = 3,
    limit_down: int = 2,
) -> list[Reason]:
    """The pushes on one scene that are large, unusual for this script and true in words.

    Args:
        script: the pushes of the scene's most likely TP head on every scene (``script_pushes``).
        scene: the scene's index.
        view: the scene's facts and values.
        turning_point: the name of that TP (for the position phrase).
        limit_up: most reasons that raised the score.
        limit_down: most reasons that lowered it.

    Returns:
        Reasons that raised the score, then those that lowered it, each most unusual first. A
        push shows only if it is at least ``MIN_EFFECT`` and larger than the group's typical push
        in this script, so the priors every scene gets (position, length) drop out of ordinary
        scenes.
    """
    pushes = script.pushes[scene]
    unusual = np.abs(pushes) / np.maximum(script.typical, MIN_EFFECT)
    ups: list[Reason] = []
    downs: list[Reason] = []
    for k in np.argsort(-unusual, kind="stable"):
        effect = float(pushes[k])
        if abs(effect) < MIN_EFFECT or unusual[k] <= 1.0:
            continue
        bucket, limit = (ups, limit_up) if effect > 0 else (downs, limit_down)
        if len(bucket) >= limit:
            continue
        group = script.groups[k]
        if group == "position":
            text: str | None = _position(view.facts, effect, turning_point)
        else:
            template = TEMPLATES.get(group)
            text = template(view) if template else None
        if text is not None:
            bucket.append(Reason(text=text, effect=round(effect, 3)))
    return ups + downs
