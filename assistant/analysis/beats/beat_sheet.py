"""``slate beats``: a beat sheet (turning points, Save the Cat!, three-act) and a synopsis beat map.

Entry point for ``api.beat_sheet``. The turning points are the scene-strength model's
(``strength/``); the sheets stand on them (``sheets.py``); the map projects a synopsis
(``synopsis_map.py``).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from assistant.analysis.beats.conventions import SHEETS, TURNING_POINTS
from assistant.analysis.beats.results import Beat, BeatScene, BeatSheet, TurningPoint
from assistant.analysis.beats.sheets import place_beats
from assistant.analysis.scene_text import read_scene
from assistant.analysis.strength.scene_strength import SceneStrengthReport
from assistant.errors import AnalysisError
from assistant.models.base import Embedder
from assistant.script.model import Screenplay

DEFAULT_TP_POSITIONS = (0.10, 0.25, 0.50, 0.75, 0.95)
"""Used for outline lines when the strength model carries no training-set TP positions."""


def build_beat_sheet(
    screenplay: Screenplay,
    report: SceneStrengthReport,
    *,
    sheet: str = "turning-points",
    synopsis: str | None = None,
    embedder: Embedder | None = None,
    tp_positions: tuple[float, ...] | list[float] = DEFAULT_TP_POSITIONS,
) -> BeatSheet:
    """Place a sheet's beats on the script and, given a synopsis, map it onto the scenes.

    Args:
        screenplay: the paginated script.
        report: its scene-strength report (``api.score_scenes``).
        sheet: ``turning-points``, ``save-the-cat`` or ``three-act``.
        synopsis: the synopsis file's text (None: no beat map).
        embedder: needed with ``synopsis``.
        tp_positions: each TP's mean position in the training movies (outline lines' prior).

    Raises:
        AnalysisError: an unknown sheet, an empty synopsis, or a synopsis without an embedder.
    """
    convention = SHEETS.get(sheet)
    if convention is None:
        raise AnalysisError(f"No beat sheet {sheet!r}: choose one of {', '.join(SHEETS)}")
    scenes = [
        BeatScene(
            index=s.index, number=s.number, heading=s.heading, start_line=s.start_line,
            start_page=screenplay.scenes[s.index].start_page,
            end_page=screenplay.scenes[s.index].end_page,
        )
        for s in report.scenes
    ]  # fmt: skip
    turning_points = [
        TurningPoint(
            **tp.model_dump(),
            page=screenplay.scenes[tp.scene_index].start_page,
            reasons=report.scenes[tp.scene_index].reasons,
        )
        for tp in report.turning_points
    ]
    # Each scene is read once for the sheet and the map (reading was a third of a cached map).
    texts = [read_scene(scene) for scene in screenplay.scenes]
    beats, unplaced = place_beats(screenplay, convention, turning_points, texts)
    warnings = list(report.warnings)
    if unplaced:
        warnings.append(_unplaced_note(screenplay, unplaced))
    mapped = None
    if synopsis is not None:
        if embedder is None:
            raise AnalysisError("A synopsis beat map needs the embedder")
        from assistant.analysis.beats.sentence_classifier import shipped_classifier
        from assistant.analysis.beats.synopsis_map import map_synopsis

        mapped = map_synopsis(
            screenplay, synopsis, embedder, classifier=shipped_classifier(),
            tp_positions=tp_positions, texts=texts, tp_strength=strength_rows(report),
        )  # fmt: skip
    return BeatSheet(
        sheet=convention.name,
        convention=convention.source,
        page_count=screenplay.page_count,
        scenes=scenes,
        turning_points=turning_points,
        beats=beats,
        unplaced=unplaced,
        synopsis=mapped,
        model_version=report.model_version,
        warnings=warnings,
    )


def strength_rows(report: SceneStrengthReport) -> npt.NDArray[np.float64] | None:
    """(5, scenes) the strength model's probability that each TP falls on each scene, as the
    synopsis map reads it (None for a report without scenes)."""
    if not report.scenes:
        return None
    return np.asarray([s.turning_point_probabilities for s in report.scenes], np.float64).T


def _unplaced_note(screenplay: Screenplay, unplaced: list[str]) -> str:
    headed = len(screenplay.headed_scenes())
    if headed == 0:
        why = "the script has no scene headings (Slate reads it as one scene)"
    elif headed < 5:
        why = f"the script has {headed} scenes and the turning points need five"
    else:
        why = "no scene lies between their neighbouring beats"
    return f"Cannot place {', '.join(unplaced)}: {why}"


def beat_verdict(beat: Beat) -> str:
    """``lands on page 19; convention says 12`` (or why the beat is not placed)."""
    if not beat.pages:
        return f"not placed; convention says page {beat.expected_page}"
    return f"lands on page {beat.pages[0]}; convention says {beat.expected_page}"


__all__ = ["TURNING_POINTS", "beat_verdict", "build_beat_sheet", "strength_rows"]
