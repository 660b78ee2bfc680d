"""Draft comparison and production revisions: what changed, locked numbers, locked pages."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from assistant.api.models import load_settings
from assistant.files import write_atomic
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
    from assistant.files import WRITTEN_FILES_NAME, WrittenFiles, check_replaceable

    names = [Path(s.source.path).name if s.source.path else "draft" for s in (old, new)]
    data = to_html(report, names[0], names[1]).encode("utf-8")
    settings = settings or load_settings()
    written = WrittenFiles(settings.cache_dir / WRITTEN_FILES_NAME)
    if not force:
        inputs = [Path(s.source.path) for s in (old, new) if s.source.path]
        check_replaceable(out, data, inputs=inputs, written=written)
    write_atomic(out, data)
    written.remember(out, data)


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
    from assistant.files import WRITTEN_FILES_NAME, WrittenFiles, check_replaceable

    data = export_revision(revision, format, locked=locked, paper=paper)
    settings = settings or load_settings()
    written = WrittenFiles(settings.cache_dir / WRITTEN_FILES_NAME)
    if not force:
        check_replaceable(out, data, inputs=list(inputs), written=written)
    write_atomic(out, data)
    written.remember(out, data)


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
