"""Scene strength: how likely each scene is one of the script's five turning points, and why.

The score is the probability that a scene is a turning point (Opportunity, Change of Plans, Point of
No Return, Major Setback, Climax) as people annotated them on produced films (TRIPOD), learned from
structure, cast and tone. It is not a judgement of quality: a brilliant quiet scene scores low, and
a weak scene placed where stories usually turn can score high.
"""

from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, Field

from assistant.analysis.scene_text import embedding_text, read_scene
from assistant.analysis.strength.scene_features import TONE_ANCHORS, SceneFeatures, scene_features
from assistant.analysis.strength.scene_reasons import Reason, SceneView, explain, script_pushes
from assistant.analysis.strength.strength_model import (
    TurningPointModel,
    any_tp_strength,
    load_model,
)
from assistant.analysis.strength.turning_points import TP_NAMES, decode_ordered
from assistant.errors import AnalysisError
from assistant.models.base import Embedder
from assistant.script.model import Screenplay

FloatArray = npt.NDArray[np.float64]

WEIGHTS_FILE = "scene_strength.v1.json"
"""The shipped model, package data under ``assistant/analysis/strength/weights/``."""
SHORT_SCRIPT_SCENES = 40
"""Training scripts have 40-280 scenes; with fewer, each scene holds a larger share of each TP."""
LONG_SCRIPT_PAGES = 200
"""Training scripts run 90-180 pages; past 200 the position features stretch beyond them."""

_cache_lock = threading.Lock()
_loaded: dict[str, TurningPointModel] = {}


class SceneStrength(BaseModel):
    """One scene's score."""

    index: int
    """0-based position in ``Screenplay.scenes`` (what ``TurningPointPick.scene_index`` names)."""
    number: str | None
    """The scene's label for people (``Screenplay.scene_labels``): its written number when every
    headed scene has one, else its position among headed scenes; None for the block before the
    first heading."""
    heading: str
    start_line: int | None
    """1-based line of the scene's heading in the source file (None for scripts built in code)."""
    strength: float = Field(ge=0.0, le=1.0)
    """Calibrated probability that the scene is one of the five turning points."""
    likely_turning_point: str
    """The turning point this scene most resembles."""
    turning_point_probabilities: list[float]
    """For each TP in story order, the model's probability that it falls on this scene."""
    reasons: list[Reason]
    """What pushed the score up (positive effect) or down, strongest first."""


class TurningPointPick(BaseModel):
    """Where the decoder places one turning point."""

    name: str
    scene_index: int
    """Index into ``SceneStrengthReport.scenes``; always a headed scene."""
    confidence: float = Field(ge=0.0, le=1.0)
    """Model probability that this TP lies within one headed scene of the pick."""


class SceneStrengthReport(BaseModel):
    """Every scene's strength and the five turning points (the JSON of ``slate score --json``)."""

    scenes: list[SceneStrength]
    turning_points: list[TurningPointPick]
    """Five entries in story order; empty when the script has too few scenes to place them."""
    numbering: Literal["written", "position"]
    """Which scheme the scenes' ``number`` follows (``Screenplay.numbering``)."""
    model_version: str
    warnings: list[str] = Field(default_factory=list)


def weights_path() -> Path:
    """The shipped weights file inside the installed package."""
    return Path(str(resources.files("assistant.analysis.strength") / "weights" / WEIGHTS_FILE))


def shipped_model(path: Path | None = None) -> TurningPointModel:
    """The trained model, read once per path.

    Raises:
        AnalysisError: the file is missing, unreadable or does not match this code (the message
            names the retrain command).
    """
    path = path or weights_path()
    key = str(path)
    with _cache_lock:
        model = _loaded.get(key)
        if model is None:
            model = _loaded[key] = load_model(path, expected_features=feature_names())
    return model


def feature_names() -> list[str]:
    """The columns the current feature code computes (to check a weights file against)."""
    from assistant.analysis.strength.scene_features import scene_features as build

    empty = build([], [], np.zeros((0, 4)), np.zeros((len(TONE_ANCHORS), 4)))
    return empty.names


def compute_features(
    screenplay: Screenplay, embedder: Embedder, *, embed_words: int
) -> tuple[SceneFeatures, FloatArray]:
    """Embed each scene's opening and the tone anchors, then build the feature matrix.

    Args:
        screenplay: the script.
        embedder: any embedder (the model was trained with all-MiniLM-L6-v2).
        embed_words: words of each scene given to the embedder.

    Returns:
        The features of every scene, and the scene vectors (scenes, dims).
    """
    texts = [read_scene(scene) for scene in screenplay.scenes]
    inputs = [embedding_text(t, embed_words) for t in texts] + list(TONE_ANCHORS.values())
    vectors = np.asarray(embedder.embed(inputs), dtype=np.float64)
    scenes_v, anchors_v = vectors[: len(texts)], vectors[len(texts) :]
    return scene_features(screenplay.scenes, texts, scenes_v, anchors_v), scenes_v


def score_screenplay(
    screenplay: Screenplay, embedder: Embedder, *, model: TurningPointModel | None = None
) -> SceneStrengthReport:
    """Score every scene of a screenplay and place the five turning points.

    Args:
        screenplay: the parsed script.
        embedder: the embedder to read scenes with.
        model: a trained model; the shipped one by default.

    Returns:
        The report: scenes in script order, the five TPs, and warnings about the input.

    Raises:
        AnalysisError: the script has no scenes, or the model file is missing or mismatched.
    """
    if not screenplay.scenes:
        raise AnalysisError("The script has no scenes to score")
    model = model or shipped_model()
    features, _ = compute_features(screenplay, embedder, embed_words=model.embed_words)
    probabilities = model.tp_probabilities(features.values)
    strengths = model.calibrate(any_tp_strength(probabilities))
    warnings = _input_warnings(screenplay, model, embedder)
    pushes = [
        script_pushes(model.contributions(features.values, head), features.names)
        for head in range(5)
    ]
    labels = screenplay.scene_labels()
    scenes = []
    for i, scene in enumerate(screenplay.scenes):
        head = int(np.argmax(probabilities[:, i]))
        view = SceneView(
            features.facts[i], dict(zip(features.names, features.values[i], strict=True))
        )
        scenes.append(
            SceneStrength(
                index=i,
                number=labels[i],
                heading=scene.heading.text if scene.heading else "(before the first heading)",
                start_line=scene.start_line,
                strength=round(float(np.clip(strengths[i], 0.0, 1.0)), 4),
                likely_turning_point=TP_NAMES[head],
                turning_point_probabilities=[round(float(p), 4) for p in probabilities[:, i]],
                reasons=explain(pushes[head], i, view, TP_NAMES[head]),
            )
        )
    picks: list[TurningPointPick] = []
    # Only headed scenes can hold a TP: the block before the first heading is title-page matter
    # (TRIPOD's segmentation drops it too). Its probability mass is left out, not spread.
    headed = [i for i, scene in enumerate(screenplay.scenes) if scene.heading is not None]
    if len(headed) >= 5:
        decoded = decode_ordered(
            probabilities[:, headed],
            min_gap=model.decoder.min_gap,
            use_window=model.decoder.use_window,
        )
        picks = [
            TurningPointPick(name=name, scene_index=headed[j], confidence=round(min(conf, 1.0), 4))
            for name, j, conf in zip(TP_NAMES, decoded.scenes, decoded.confidences, strict=True)
        ]
    return SceneStrengthReport(
        scenes=scenes,
        turning_points=picks,
        numbering=screenplay.numbering,
        model_version=model.version,
        warnings=warnings,
    )


def _input_warnings(
    screenplay: Screenplay, model: TurningPointModel, embedder: Embedder
) -> list[str]:
    warnings: list[str] = []
    headed = len(screenplay.headed_scenes())
    if headed == 0:
        shape = "reads as one scene" if len(screenplay.scenes) == 1 else "has no headed scenes"
        warnings.append(
            f"No scene headings found: the script {shape}, so no turning points can be placed "
            "(headings start with INT. or EXT.)"
        )
    elif headed < 5:
        warnings.append(
            f"Only {headed} scenes: five turning points need at least five scenes, so none are "
            "placed; the scores below still rank the scenes"
        )
    if 5 <= headed < SHORT_SCRIPT_SCENES:
        warnings.append(
            f"{headed} scenes: shorter than the feature films the model learned from (40-280 "
            "scenes), so strengths run high; compare scenes with each other, not with 1.0"
        )
    if screenplay.page_count > LONG_SCRIPT_PAGES:
        warnings.append(
            f"{screenplay.page_count} pages: longer than any script the model learned from "
            "(90-180 pages), so positions are stretched; read the scores with care"
        )
    if model.embedder_id and embedder.model_id != model.embedder_id:
        warnings.append(
            f"The model was trained with the embedder {model.embedder_id}; scores from "
            f"{embedder.model_id} are less reliable"
        )
    return warnings
