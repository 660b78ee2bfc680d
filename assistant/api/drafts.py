"""Draft comparison and production revisions: what changed, locked numbers, locked pages."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from assistant.saving import save_output
from assistant.script.model import Screenplay

if TYPE_CHECKING:
    from assistant.analysis.compare.report import CompareReport
    from assistant.analysis.compare.revision import Revision
    from assistant.config import Settings


def compare_drafts(old: Screenplay, new: Screenplay) -> CompareReport:
    """The scenes added, removed, moved, renumbered or changed from ``old`` to ``new``, with
    line-level changes and per-character deltas (JSON contract in docs/writing.md)."""
    from assistant.analysis.compare.report import compare_drafts as compare

    return compare(old, new)


def save_compare_html(
    report: CompareReport,
    old: Screenplay,
    new: Screenplay,
    out: Path,
    *,
    force: bool = False,
    settings: Settings | None = None,
) -> None:
    """Write the comparison as one self-contained HTML page, atomically, with the overwrite
    safety of ``save_export`` (never either draft, never a file Slate did not write, unless
    ``force``).

    Raises:
        OverwriteRefusedError: ``out`` is a draft, or a file Slate did not write.
        OutputWriteError: the file cannot be written.
    """
    from assistant.analysis.compare.html import to_html

    names = [Path(s.source.path).name if s.source.path else "draft" for s in (old, new)]
    data = to_html(report, names[0], names[1]).encode("utf-8")
    inputs = [Path(s.source.path) for s in (old, new) if s.source.path]
    save_output(out, data, inputs=inputs, settings=settings, force=force)


def revise_drafts(old: Screenplay, new: Screenplay, round: str) -> Revision:
    """``new`` with ``old``'s locked scene numbers (new scenes ``12A``, removed ones ``OMITTED``)
    and revision marks on every revised line for round ``round`` (docs/writing.md).

    Raises:
        AnalysisError: ``round`` is not a revision colour of the standard sequence.
    """
    from assistant.analysis.compare.revision import revise

    return revise(old, new, round)


def save_revision(
    revision: Revision,
    format: Literal["fountain", "fdx", "pdf"],
    out: Path,
    *,
    inputs: Iterable[Path] = (),
    force: bool = False,
    settings: Settings | None = None,
    locked: Screenplay | None = None,
    paper: Literal["letter", "a4"] = "letter",
) -> None:
    """Write the revised draft atomically, with the overwrite safety of ``save_export`` (never one
    of ``inputs``, the drafts, never a file Slate did not write, unless ``force``). A PDF is
    printed on ``paper``, and on the pages of ``locked`` (A pages, OMITTED pages) when given.

    Raises:
        OverwriteRefusedError: ``out`` is a draft, or a file Slate did not write.
        OutputWriteError: the file cannot be written.
    """
    from assistant.analysis.compare.revision import export_revision

    data = export_revision(revision, format, locked=locked, paper=paper)
    save_output(out, data, inputs=list(inputs), settings=settings, force=force)


def locked_page_numbers(revision: Revision, locked: Screenplay) -> list[str]:
    """The page numbers the revision prints on ``locked``'s pages (``12``, ``12A``...), an
    omitted page as ``13 OMITTED`` (what ``save_revision(..., locked=...)`` writes)."""
    from assistant.analysis.compare.locked_pages import OMITTED, lock_pages
    from assistant.analysis.compare.revision import marked_for_print

    numbers = []
    for page in lock_pages(locked, marked_for_print(revision)):
        texts = {piece.line.text for row in page.rows.values() for piece in row.pieces}
        omitted = page.revised and texts == {OMITTED}
        numbers.append(f"{page.printed_number} {OMITTED}" if omitted else page.printed_number)
    return numbers
