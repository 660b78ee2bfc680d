"""The production breakdown: each scene's elements by category, as a report, CSV or HTML."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.api.models import load_settings
from assistant.saving import save_output
from assistant.script.model import Screenplay

if TYPE_CHECKING:
    from assistant.analysis.breakdown.model import BreakdownReport
    from assistant.config import Settings
    from assistant.models.base import Embedder


def breakdown(
    screenplay: Screenplay,
    settings: Settings | None = None,
    *,
    embedder: Embedder | None = None,
    use_embedder: bool = False,
    llm: bool = False,
    llm_scenes: list[int] | None = None,
    cancel: threading.Event | None = None,
) -> BreakdownReport:
    """The production breakdown: every scene's elements by category (cast numbered by
    importance, extras with counts, props, vehicles, weapons, effects...), script days, and the
    cast, set and element lists. JSON contract in docs/breakdown.md.

    Args:
        screenplay: the parsed script; its source file (Fountain, plain text) gives line numbers.
        settings: names the embedder and the text model when they are used.
        embedder: the embedder for the prototype pass (default: the configured one, when
            ``use_embedder``).
        use_embedder: run the embedder pass over the capitalised words no other pass claimed.
        llm: also run the optional LLM pass; its elements go to ``report.llm``, apart.
        llm_scenes: indices of the scenes the LLM pass reads (default: every headed scene).
        cancel: set to stop the LLM pass (scenes not reached are left out of it).

    Raises:
        ModelUnavailableError: a requested model cannot be loaded.
    """
    from assistant.analysis.breakdown.breakdown import build_breakdown, source_text

    embed = None
    if use_embedder or embedder is not None:
        from assistant.analysis.breakdown.embed_pass import EmbedPass

        if embedder is None:
            from assistant.models.registry import get_embedder

            embedder = get_embedder(settings or load_settings())
        embed = EmbedPass(embedder)
    report = build_breakdown(screenplay, source_text(screenplay), embed_pass=embed)
    if llm:
        from assistant.analysis.breakdown.llm_pass import run_llm_pass
        from assistant.models.registry import get_text_model

        model = get_text_model(settings or load_settings())
        report.llm = run_llm_pass(screenplay, report, model, only=llm_scenes, cancel=cancel)
    return report


def breakdown_csv(report: BreakdownReport) -> str:
    """The breakdown as CSV, one row per scene and element (columns in docs/breakdown.md)."""
    from assistant.analysis.breakdown.export import to_csv

    return to_csv(report)


def save_breakdown_html(
    report: BreakdownReport,
    screenplay: Screenplay,
    out: Path,
    *,
    colours: dict[str, str] | None = None,
    force: bool = False,
    settings: Settings | None = None,
) -> None:
    """Write the breakdown as one self-contained HTML page, atomically, with the same overwrite
    safety as ``save_export`` (never the script itself, never a file Slate did not write, unless
    ``force``).

    Args:
        colours: category -> CSS colour, over the setting ``analysis.breakdown_colours``, over
            the default palette.

    Raises:
        OverwriteRefusedError: ``out`` is the script, or a file Slate did not write.
        OutputWriteError: the file cannot be written.
    """
    from assistant.analysis.breakdown.html_sheet import to_html

    settings = settings or load_settings()
    chosen = {**settings.analysis.breakdown_colours, **(colours or {})}
    data = to_html(report, chosen).encode("utf-8")
    inputs = [Path(screenplay.source.path)] if screenplay.source.path else []
    save_output(out, data, inputs=inputs, settings=settings, force=force)
