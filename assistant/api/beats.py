"""Beat sheets placed on the turning points, the synopsis beat map, LLM beat descriptions."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from assistant.api.strength import score_scenes
from assistant.script.model import Screenplay

if TYPE_CHECKING:
    from assistant.analysis.beats.describe import BeatDescriptions
    from assistant.analysis.beats.results import BeatSheet
    from assistant.analysis.strength.scene_strength import SceneStrengthReport
    from assistant.config import Settings
    from assistant.models.base import Embedder


def beat_sheet(
    screenplay: Screenplay,
    settings: Settings | None = None,
    *,
    sheet: str = "turning-points",
    synopsis: str | None = None,
    embedder: Embedder | None = None,
    report: SceneStrengthReport | None = None,
) -> BeatSheet:
    """A beat sheet placed on the script and, with ``synopsis``, the synopsis's beat map.

    The sheet (``turning-points``, ``save-the-cat``, ``three-act``) stands on the five turning
    points of ``score_scenes``; each beat is a span of scenes with its pages, the page the sheet's
    convention expects, a confidence and a one-line reason (docs/beats.md).

    Args:
        screenplay: the parsed script.
        settings: used to build the embedder when ``embedder`` is not given.
        sheet: which sheet.
        synopsis: the text of a synopsis (prose, or one ``Beat name: sentence`` a line).
        embedder: the embedder (default: the configured one, MiniLM).
        report: a scene-strength report already computed for ``screenplay``.

    Raises:
        AnalysisError: no scenes, an unknown sheet, an empty synopsis, or a shipped model missing.
        ModelUnavailableError: the embedding model cannot be loaded.
    """
    from assistant.analysis.beats.beat_sheet import DEFAULT_TP_POSITIONS, build_beat_sheet
    from assistant.analysis.strength.scene_strength import shipped_model

    if embedder is None:
        from assistant.config import load_settings as _load
        from assistant.models.registry import get_embedder

        embedder = get_embedder(settings or _load())
    report = report or score_scenes(screenplay, settings, embedder=embedder)
    means = shipped_model().metrics.get("tp_position_means")
    positions = [float(m) for m in means] if isinstance(means, list) else DEFAULT_TP_POSITIONS
    return build_beat_sheet(
        screenplay, report, sheet=sheet, synopsis=synopsis, embedder=embedder,
        tp_positions=positions,
    )  # fmt: skip


def describe_beats_with_llm(
    screenplay: Screenplay,
    sheet: BeatSheet,
    settings: Settings,
    cancel: threading.Event | None = None,
) -> BeatDescriptions:
    """The optional LLM pass over a beat sheet: the configured text model describes each placed
    beat in one sentence. ``sheet`` is left unchanged; the descriptions come apart, each marked
    ``source: "llm"``. When the model gives no valid JSON the result says ``skipped`` and why,
    with no description (docs/beats.md).

    Raises:
        ModelUnavailableError: the text model cannot be loaded or reached.
        ConfigError: an unknown backend is configured.
    """
    from assistant.analysis.beats.describe import describe_beats
    from assistant.models.registry import get_text_model

    return describe_beats(screenplay, sheet, get_text_model(settings), cancel=cancel)
