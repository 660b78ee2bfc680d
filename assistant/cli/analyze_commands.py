"""``slate analyze``: a whole folder (or library) of scripts, analysed in parallel into reports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

import typer

from assistant import api
from assistant.cli.errors import handles_errors
from assistant.cli.main import app
from assistant.cli.options import plain_option, wants_plain
from assistant.errors import ConfigError

if TYPE_CHECKING:
    from assistant.analysis.batch.models import BatchSummary, FileOutcome

SKIPPED_SHOWN = 20
"""Skipped files listed by name; the rest are counted (a library folder holds many non-scripts)."""

_HELP = """Analyse every script under the paths (all formats Slate reads; other files are listed
as skipped): statistics, scene strength and turning points, beats, and a breakdown summary. Per
script: a JSON report, Markdown and an HTML page with charts; across the run: scripts.csv and
index.html comparing them. A rerun skips scripts whose content and settings are unchanged; a
failed file is listed with its reason while the others go on. JSON schema in docs/batch.md.

Exit code: 0 when every script was analysed, 1 when any failed, 130 when interrupted."""


@app.command(help=_HELP)
@handles_errors
def analyze(
    paths: list[Path] = typer.Argument(..., help="Script files or folders (walked recursively)."),
    out: Path = typer.Option(Path("slate-analysis"), "--out", "-o", help="Output folder."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes."),
    engine: str = typer.Option("local", "--engine", help="local (worker processes) or dask "
                               "(a Dask cluster: --cluster ADDRESS, else a LocalCluster)."),
    cluster: str | None = typer.Option(None, "--cluster", help="Dask scheduler address "
                                       "(tcp://host:8786) for --engine dask."),
    formats: str = typer.Option("json,md,html", "--format", help="Per-script outputs, "
                                "comma-separated: json, md, html."),
    llm: bool = typer.Option(False, "--llm/--no-llm", help="The optional LLM pass (not part of "
                             "batch analysis yet: --llm is refused)."),
    config: Path | None = typer.Option(None, "--config", help="TOML config file."),
    force: bool = typer.Option(False, "--force", help="Replace output files Slate did not "
                               "write."),
    precision: str | None = typer.Option(None, "--precision", help="float32 (exact), bfloat16 "
                                         "(~2x faster on CPUs with bf16; strengths move <= "
                                         "~0.002), int8 (CPU, ~1.8x faster with VNNI; strengths "
                                         "move <= ~0.015), onnx-int8 (int8 in ONNX Runtime, "
                                         "less CPU still) or auto (bfloat16 where the CPU has "
                                         "bf16); default: the batch.precision setting, float32."),
    plain: bool | None = plain_option(),
) -> None:  # fmt: skip
    if engine not in ("local", "dask"):
        raise ConfigError(f"No engine {engine!r}: choose local or dask")
    chosen = [f.strip().lower() for f in formats.split(",") if f.strip()]
    bad = [f for f in chosen if f not in ("json", "md", "html")]
    if bad or not chosen:
        raise ConfigError(f"No output format {', '.join(bad) or '(none)'}: choose json, md, html")
    if llm:
        raise ConfigError("slate analyze has no LLM pass yet; run it with --no-llm")
    if precision not in (None, "auto", "float32", "bfloat16", "int8", "onnx-int8"):
        raise ConfigError(
            f"No precision {precision!r}: choose auto, float32, bfloat16, int8 or onnx-int8"
        )
    from assistant.analysis.batch.runner import check_writable

    check_writable(out)  # one line before any work (and before the walk)
    total = api.count_batch_scripts(paths, out)
    with _Progress(total, wants_plain(plain)) as progress:
        summary = api.analyze_scripts(
            paths,
            out,
            jobs=jobs,
            engine=cast(Literal["local", "dask"], engine),
            formats=cast(list[Literal["json", "md", "html"]], chosen),
            config_file=config,
            cluster=cluster,
            force=force,
            on_progress=progress.update,
            precision=cast(
                Literal["auto", "float32", "bfloat16", "int8", "onnx-int8"] | None, precision
            ),
        )
    _print_summary(summary, total, wants_plain(plain))
    if summary.interrupted:
        typer.echo(
            f"Interrupted: {_done(summary)} of {total} scripts finished ({summary.count('done')} "
            f"analysed, {summary.count('failed')} failed), their reports in "
            f"{out}; rerun the same command to go on.",
            err=True,
        )
        raise typer.Exit(130)
    if summary.count("failed"):
        raise typer.Exit(1)


def _done(summary: BatchSummary) -> int:
    return sum(summary.count(s) for s in ("done", "unchanged", "failed"))


class _Progress:
    """A rich progress bar on stderr (per-file status, rate, ETA); plain lines when not rich."""

    def __init__(self, total: int, plain: bool) -> None:
        self.total = total
        self.plain = plain
        self.finished = 0

    def __enter__(self) -> _Progress:
        if not self.plain:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                TextColumn("{task.fields[last]}"),
                console=Console(stderr=True),
            )
            self.bar.__enter__()
            self.task = self.bar.add_task("Analysing", total=self.total, rate="", last="")
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.plain:
            self.bar.__exit__(None, None, None)

    def update(self, outcome: FileOutcome, found: int) -> None:
        if outcome.status == "skipped":
            return
        self.finished += 1
        name = Path(outcome.file).name
        line = f"{outcome.status} {name}" + (f": {outcome.reason}" if outcome.reason else "")
        if self.plain:
            typer.echo(f"[{self.finished}/{self.total}] {line}", err=True)
            return
        task = self.bar.tasks[0]
        speed = task.speed
        rate = f"{speed * 60:.0f} scripts/min" if speed else ""
        if outcome.status == "failed":
            self.bar.console.print(f"failed {outcome.file}: {outcome.reason}", markup=False)
        self.bar.update(self.task, advance=1, rate=rate, last=line[:50])


def _print_summary(summary: BatchSummary, total: int, plain: bool) -> None:
    from assistant.cli.output import Column, Output

    out = Output(plain)
    reports = [o.report for o in summary.outcomes if o.report is not None]
    if reports:
        out.table(
            "Scripts",
            [Column("Script"), Column("Status"), Column("Pages", right=True),
             Column("Scenes", right=True), Column("Cast", right=True),
             Column("Night", right=True), Column("Turning points (pages)")],
            [[o.report.name, o.status, str(o.report.page_count), str(o.report.scene_count),
              str(o.report.cast_size),
              "-" if o.report.night_share is None else f"{o.report.night_share:.0%}",
              " ".join(str(tp.page) for tp in o.report.turning_points)]
             for o in summary.outcomes if o.report is not None],
        )  # fmt: skip
    failed = [o for o in summary.outcomes if o.status == "failed"]
    for outcome in failed:
        out.line(f"Failed: {outcome.file}: {outcome.reason}", style="red")
    skipped = [o for o in summary.outcomes if o.status == "skipped"]
    for outcome in skipped[:SKIPPED_SHOWN]:
        out.line(f"Skipped: {outcome.file}: {outcome.reason}", style="dim")
    if len(skipped) > SKIPPED_SHOWN:
        out.line(f"... and {len(skipped) - SKIPPED_SHOWN} more files skipped", style="dim")
    rate = summary.count("done") / summary.seconds * 60 if summary.seconds else 0.0
    out.line(
        f"{summary.count('done')} analysed, {summary.count('unchanged')} unchanged, "
        f"{len(failed)} failed, {len(skipped)} skipped in {summary.seconds:.1f} s "
        f"({rate:.0f} scripts/min, {summary.engine}, {summary.jobs} job(s)); "
        f"reports in {summary.out} (index.html, scripts.csv)."
    )
