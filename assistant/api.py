"""What the CLI and the TUI share: every front-end action is one call here, with pydantic results.

Importing this module loads no torch, FAISS, transformers or Textual: heavy layers are imported
inside the functions that need them (checked by ``tests/test_import_hygiene.py``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.files import write_atomic
from assistant.script.formats import exporter_named
from assistant.script.model import Screenplay
from assistant.script.reading import read_script

if TYPE_CHECKING:
    from assistant.analysis.ask.answers import Answer
    from assistant.analysis.ask.service import Asker
    from assistant.config import Settings
    from assistant.models.status import ModelStatus
    from assistant.script.stats import ScriptStats


# --- Scripts ------------------------------------------------------------------------------------


def open_script(path: Path | str, *, format: str | None = None) -> Screenplay:
    """Read a screenplay file (format detected from suffix and content unless given)."""
    return read_script(path, format=format)


def export_script(screenplay: Screenplay, format: str) -> bytes:
    """The screenplay in an export format (``fountain``, ``fdx``, ``json`` or a plugin's)."""
    return exporter_named(format).write(screenplay)


def save_export(screenplay: Screenplay, format: str, out: Path) -> None:
    """Export and write atomically: on any failure ``out`` is left as it was."""
    write_atomic(out, export_script(screenplay, format))


def script_stats(screenplay: Screenplay) -> ScriptStats:
    """Counts and splits a line producer asks for: scenes, pages, INT/EXT, DAY/NIGHT, characters."""
    from assistant.script.stats import compute_stats

    return compute_stats(screenplay)


# --- Models -------------------------------------------------------------------------------------


def load_settings(
    config_file: Path | str | None = None, overrides: dict[str, Any] | None = None
) -> Settings:
    """Settings from CLI flags (``overrides``), ``SLATE_*`` variables and the TOML config file.

    Raises:
        ConfigError: the named file is missing, malformed, or holds an invalid value.
    """
    from assistant.config import load_settings as _load

    return _load(config_file, overrides)


def list_models(settings: Settings, *, load: bool = True) -> list[ModelStatus]:
    """The configured text model and embedder, and (with ``load``) whether each loads."""
    from assistant.models.status import check_models

    return check_models(settings, load=load)


def open_asker(
    screenplay: Screenplay,
    settings: Settings,
    *,
    use_llm: bool | None = None,
    on_progress: Callable[[str], None] | None = None,
) -> Asker:
    """Get a script ready for questions: its facts and hybrid index (cached by content hash).

    Args:
        screenplay: the parsed script.
        settings: model and ask settings.
        use_llm: let the text model write answers; None: only when it is not the tiny default
            (SmolLM2-135M), whose answers are not trusted; False: ``--no-llm``.
        on_progress: receives one-line notes (indexing, loading the model).

    Raises:
        AnalysisError: the script has no scene text.
        ModelUnavailableError: the embedder cannot be loaded.
    """
    from assistant.analysis.ask.service import Asker

    return Asker(screenplay, settings, use_llm=use_llm, on_progress=on_progress)


def ask(
    question: str,
    screenplay: Screenplay,
    settings: Settings,
    *,
    use_llm: bool | None = None,
    on_progress: Callable[[str], None] | None = None,
    cancel: threading.Event | None = None,
) -> Answer:
    """Answer one question about a screenplay, citing its scenes.

    A script tool answers structural questions exactly (scenes of a character, counts, pages,
    who speaks most, turning points); other questions get the best-supported sentences of the
    retrieved scenes, or, with a capable model, the model's answer checked against them. When
    nothing supports an answer the result says so (``abstained``) and cites the nearest scenes.

    Raises:
        AnalysisError: empty question or a script without scene text.
        ModelUnavailableError: a model is missing or its server unreachable.
        ConfigError: an unknown backend is configured.
    """
    asker = open_asker(screenplay, settings, use_llm=use_llm, on_progress=on_progress)
    return asker.ask(question, cancel)


def ask_batch(
    lines: Iterable[str],
    screenplay: Screenplay,
    settings: Settings,
    *,
    use_llm: bool | None = None,
    on_progress: Callable[[str], None] | None = None,
    cancel: threading.Event | None = None,
) -> Iterator[dict[str, Any]]:
    """Answer JSONL questions (``{"question": ..., "id": ...}`` a line) with one index and model.

    Yields one JSON-ready object per non-blank line, in input order: the answer's fields (plus the
    ``id`` given), or ``{"line", "id", "error"}`` for a line that could not be asked.
    """
    from assistant.analysis.ask.batch import ask_lines

    asker = open_asker(screenplay, settings, use_llm=use_llm, on_progress=on_progress)
    yield from ask_lines(lines, asker, cancel)


# --- Scene strength -----------------------------------------------------------------------------

if TYPE_CHECKING:
    from assistant.analysis.scene_strength import SceneStrengthReport
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
    from assistant.analysis.scene_strength import score_screenplay

    if embedder is None:
        from assistant.config import load_settings as _load
        from assistant.models.registry import get_embedder

        embedder = get_embedder(settings or _load())
    return score_screenplay(screenplay, embedder)


# --- Scene strength: LLM pass -------------------------------------------------------------------

if TYPE_CHECKING:
    from assistant.analysis.tp_rerank import RerankResult


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
    from assistant.analysis.tp_rerank import rerank_turning_points
    from assistant.models.registry import get_text_model

    return rerank_turning_points(report, screenplay, get_text_model(settings), cancel=cancel)
