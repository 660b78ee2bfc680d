"""The stripboard and CP-SAT shooting schedule: its config, exports and numbered cast."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.saving import save_output
from assistant.script.model import Screenplay

if TYPE_CHECKING:
    from assistant.analysis.schedule.config import ScheduleConfig
    from assistant.analysis.schedule.report import ScheduleReport
    from assistant.analysis.schedule.strips import CastMember
    from assistant.config import Settings


def load_schedule_config(path: Path | None) -> ScheduleConfig:
    """A ``SCHEDULE.toml`` (defaults when None; docs/schedule.md).

    Raises:
        ConfigError: unreadable, bad TOML, an unknown key or bad value (key and line named).
    """
    from assistant.analysis.schedule.config import load_schedule_config as _load

    return _load(path)


def schedule(
    screenplay: Screenplay,
    config: ScheduleConfig | None = None,
    *,
    time_limit: float = 30.0,
    workers: int = 2,
    cancel: threading.Event | None = None,
) -> ScheduleReport:
    """The stripboard, the best shooting schedule OR-Tools CP-SAT finds within ``time_limit``
    seconds (with its objective, bound and gap), the day-out-of-days and the call sheets.

    When no schedule exists, ``status`` is ``infeasible`` and ``conflicts`` names the constraints
    (cast member and date, scene lock, a child's hours, ...) that together allow none. Setting
    ``cancel`` (from another thread: the TUI's Escape) stops the solver within a fraction of a
    second; the best schedule found so far comes back with ``cancelled`` True.

    Raises:
        AnalysisError: fewer than two headed scenes, or the config names a cast member, location
            or scene the script lacks, or locks a scene to a date outside the shooting days.
        ScheduleCancelledError: cancelled before any schedule was found.
    """
    from assistant.analysis.schedule.config import ScheduleConfig as _Config
    from assistant.analysis.schedule.report import schedule_screenplay

    return schedule_screenplay(
        screenplay, config or _Config(), time_limit=time_limit, workers=workers, cancel=cancel
    )


SCHEDULE_EXPORTS = ("json", "csv", "ics", "html", "pdf")


def schedule_export(report: ScheduleReport, format: str) -> bytes:
    """The report as ``json`` (contract ``schedule.v1``), ``csv``, ``ics``, ``html`` or ``pdf``."""
    from assistant.analysis.schedule import exports, html, pdf

    if format == "json":
        return report.model_dump_json(indent=2).encode("utf-8")
    if format == "csv":
        return exports.schedule_csv(report)
    if format == "ics":
        return exports.schedule_ics(report)
    if format == "html":
        return html.schedule_html(report).encode("utf-8")
    return pdf.call_sheets_pdf(report)


def save_schedule_export(
    report: ScheduleReport,
    format: str,
    out: Path,
    *,
    inputs: list[Path],
    force: bool = False,
    settings: Settings | None = None,
) -> None:
    """Write one export atomically, with ``save_export``'s overwrite safety: unless ``force``,
    never replace an input or a file Slate did not write.

    Raises:
        OverwriteRefusedError: ``out`` is an input, or a file Slate did not write.
        OutputWriteError: the file cannot be written.
    """
    data = schedule_export(report, format)
    save_output(out, data, inputs=inputs, settings=settings, force=force)


def schedule_cast(screenplay: Screenplay) -> list[CastMember]:
    """The cast as the stripboard numbers it (most scenes first), to write a config against."""
    from assistant.analysis.schedule.strips import build_strips

    return build_strips(screenplay)[1]
