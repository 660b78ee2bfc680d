"""Questions about a script: a cited answer, one streamed as it is written, a JSONL batch."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from assistant.script.model import Screenplay

if TYPE_CHECKING:
    from assistant.analysis.ask.answers import Answer, AnswerEvent
    from assistant.analysis.ask.service import Asker
    from assistant.config import Settings


def open_asker(
    screenplay: Screenplay,
    settings: Settings,
    *,
    use_llm: bool | None = None,
    on_progress: Callable[[str], None] | None = None,
    background: bool = True,
) -> Asker:
    """Get a script ready for questions: its facts and hybrid index (cached by content hash).

    Args:
        screenplay: the parsed script.
        settings: model and ask settings.
        use_llm: let the text model write answers; None: only when it is not the tiny default
            (SmolLM2-135M), whose answers are not trusted; False: ``--no-llm``.
        on_progress: receives one-line notes (indexing, loading the model).
        background: embed the script's sentences in a background thread once the index is
            built, so later questions never wait for them (a session, a batch); False: each
            question embeds its candidate scenes' sentences itself (one question).

    Raises:
        AnalysisError: the script has no scene text.
        ModelUnavailableError: the embedder cannot be loaded.
    """
    from assistant.analysis.ask.service import Asker

    return Asker(
        screenplay, settings, use_llm=use_llm, on_progress=on_progress, background=background
    )


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
    asker = open_asker(
        screenplay, settings, use_llm=use_llm, on_progress=on_progress, background=False
    )
    return asker.ask(question, cancel)


def ask_stream(
    question: str,
    asker: Asker,
    *,
    cancel: threading.Event | None = None,
) -> Iterator[AnswerEvent]:
    """Answer one question as it is written: ``AnswerDelta`` pieces while the model writes (only
    on the generated path), then the ``Answer``, which is authoritative (when the written text
    fails the grounding check it holds the extractive answer instead; a front end replaces what it
    showed). Closing the iterator or setting ``cancel`` stops generation.

    Args:
        question: the question.
        asker: from ``open_asker`` (index and models built once per script).
        cancel: set it to stop generation; the ``Answer`` then carries the partial text.

    Raises:
        AnalysisError: empty question.
        ModelUnavailableError: a model is missing or its server unreachable.
    """
    yield from asker.stream(question, cancel)


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

    # No background: a batch's answers must not depend on how far a thread got.
    asker = open_asker(
        screenplay, settings, use_llm=use_llm, on_progress=on_progress, background=False
    )
    yield from ask_lines(lines, asker, cancel)
