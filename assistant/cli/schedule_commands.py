"""``slate schedule``: the stripboard and an optimal shooting schedule, with day-out-of-days,
call sheets and exports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from assistant import api
from assistant.cli.errors import handles_errors
from assistant.cli.main import app
from assistant.cli.options import from_option, plain_option, script_argument, wants_plain

if TYPE_CHECKING:
    from assistant.analysis.schedule.report import ScheduleReport
    from assistant.cli.output import Output

_SCHEDULE_HELP = """Build the stripboard (a strip per scene: INT DAY white, EXT DAY yellow, INT
NIGHT blue, EXT NIGHT green; pages in eighths, set, cast IDs, cast numbered by scene count) and
solve a shooting schedule with OR-Tools CP-SAT: scenes to days under the limits of SCHEDULE.toml
(pages a day, day and night apart, cast and location availability, locked scenes, a child's
hours, turnaround after nights), minimising hold days, company moves and shooting days.

Prints the days, the day-out-of-days and the solver's objective, bound and gap; when there is no
schedule, the constraints that allow none. See docs/schedule.md for the config and JSON."""


@app.command(help=_SCHEDULE_HELP)
@handles_errors
def schedule(
    file: Path = script_argument(),
    config: Path | None = typer.Option(None, "--config", help="SCHEDULE.toml with the "
                                       "production's constraints and weights (docs/schedule.md)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON (schedule.v1)."),
    html: Path | None = typer.Option(None, "--html", help="Write the stripboard, day-out-of-days "
                                     "and call sheets as one HTML page."),
    pdf: Path | None = typer.Option(None, "--pdf", help="Write the call sheets as PDF."),
    csv: Path | None = typer.Option(None, "--csv", help="Write one row per scene, "
                                    "in shooting order."),
    ics: Path | None = typer.Option(None, "--ics", help="Write the shooting days as iCalendar."),
    time_limit: float = typer.Option(30.0, "--time-limit", min=0.5, help="Seconds the solver may "
                                     "take; the best schedule found is kept."),
    force: bool = typer.Option(False, "--force", help="Replace output files Slate did not write."),
    plain: bool | None = plain_option(),
    input_format: str | None = from_option(),
) -> None:  # fmt: skip
    screenplay = api.open_script(file, format=input_format)
    settings = api.load_schedule_config(config)
    report = api.schedule(screenplay, settings, time_limit=time_limit)
    inputs = [file] + ([config] if config else [])
    for fmt, out in (("html", html), ("pdf", pdf), ("csv", csv), ("ics", ics)):
        if out is not None:
            api.save_schedule_export(report, fmt, out, inputs=inputs, force=force)
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
    else:
        from assistant.cli.output import Output

        _print_report(report, Output(wants_plain(plain)))
    if report.status in ("infeasible", "unknown"):
        raise typer.Exit(1)


def _print_report(report: ScheduleReport, out: Output) -> None:
    from assistant.analysis.schedule.report import eighths_text
    from assistant.cli.output import Column

    if not report.days:
        reason = "; ".join(report.conflicts) or (
            f"none found in {report.seconds:.0f} s; give the solver more time (--time-limit)"
        )
        out.line(f"No schedule ({report.status}): {reason}", style="red")
        return
    rows = []
    for day in report.days:
        for position in day.strips:
            strip = report.stripboard[position]
            rows.append([str(day.number), day.date.isoformat(), strip.label, strip.int_ext,
                         strip.set, strip.day_night, eighths_text(strip.eighths),
                         " ".join(str(c) for c in strip.cast)])  # fmt: skip
    columns = [Column("Day", right=True), Column("Date"), Column("Scene", right=True),
               Column("I/E"), Column("Set", max_width=30), Column("D/N"),
               Column("Pages", right=True), Column("Cast")]  # fmt: skip
    out.table("Shooting schedule", columns, rows)
    dood_columns = [Column("ID", right=True), Column("Cast"),
                    *(Column(str(d.number)) for d in report.days),
                    Column("Work", right=True), Column("Hold", right=True)]  # fmt: skip
    dood_rows = [[str(r.cast_id), r.name, *r.codes, str(r.worked), str(r.held)]
                 for r in report.day_out_of_days]  # fmt: skip
    out.table("Day out of days", dood_columns, dood_rows)
    gap = f"{report.gap:.1%}" if report.gap is not None else "-"
    out.line(
        f"{len(report.days)} days, {report.hold_days} hold days, {report.company_moves} company "
        f"moves; {report.status}: objective {report.objective}, bound {report.bound}, gap {gap} "
        f"({report.seconds:.1f} s)."
    )
