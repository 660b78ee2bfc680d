"""Scene strength: each scene's chance of being a turning point; the optional LLM re-pick."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from assistant.script.model import Screenplay

if TYPE_CHECKING:
    from assistant.analysis.strength.scene_strength import SceneStrengthReport
    from assistant.analysis.strength.tp_rerank import RerankResult
    from assistant.config import Settings
    from assistant.models.base import Embedder


def score_scenes(
    screenplay: Screenplay,
    settings: Settings | None = None,
    *,
    embedder: Embedder | None = None,
) -> SceneStrengthReport:
    """Each scene's strength (the chance it is one of the five turning points) with reasons, and
    the five turning points placed in story order.

    The score is learned from people's turning-point annotations of produced films (TRIPOD); it
    says how much a scene looks like the places where stories turn, not whether it is good.

    Args:
        screenplay: the parsed script.
        settings: used to build the embedder when ``embedder`` is not given.
        embedder: the embedder to read scenes with (default: the configured one, MiniLM).

    Raises:
        AnalysisError: no scenes, or the shipped model is missing or does not match this version
            (the message names ``python scripts/train_scene_model.py``).
        ModelUnavailableError: the embedding model cannot be loaded.
    """
    from assistant.analysis.strength.scene_strength import score_screenplay

    if embedder is None:
        from assistant.config import load_settings as _load
        from assistant.models.registry import get_embedder

        embedder = get_embedder(settings or _load())
    return score_screenplay(screenplay, embedder)


def rerank_with_llm(
    report: SceneStrengthReport,
    screenplay: Screenplay,
    settings: Settings,
    cancel: threading.Event | None = None,
) -> RerankResult:
    """The optional LLM pass: the configured text model picks each turning point's scene from the
    trained model's shortlist (issue #9).

    Picks off the shortlist or out of story order fall back, TP by TP, to the trained model's;
    scene strengths and ``report`` are left unchanged, so the pass is reported on its own.

    Args:
        report: the trained model's report (from ``score_scenes``).
        screenplay: the script it scores.
        settings: names the text model (``models.generator``).
        cancel: set to stop generating (the trained picks are then kept).

    Raises:
        ModelUnavailableError: the text model cannot be loaded or reached.
        ConfigError: an unknown backend is configured.
    """
    from assistant.analysis.strength.tp_rerank import rerank_turning_points
    from assistant.models.registry import get_text_model

    return rerank_turning_points(report, screenplay, get_text_model(settings), cancel=cancel)
