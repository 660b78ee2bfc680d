"""``slate score``: every scene's turning-point strength, with reasons and a sparkline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from assistant import api
from assistant.cli.errors import handles_errors
from assistant.cli.main import app

if TYPE_CHECKING:
    from assistant.analysis.scene_strength import SceneStrengthReport
    from assistant.analysis.tp_rerank import RerankResult

_SPARKS = "▁▂▃▄▅▆▇█"

_SCORE_HELP = """Score every scene: the likelihood (0-1) that it is one of the five turning points
of the story (Opportunity, Change of Plans, Point of No Return, Major Setback, Climax), with the
reasons that raised or lowered it, and the five turning points placed in story order.

The model learned from people's turning-point annotations of 84 produced feature films (TRIPOD)
and scores structure, cast and tone. It is not a verdict on quality: a fine quiet scene scores low,
and a weak scene where stories usually turn can score high. See docs/scene_model.md."""


def sparkline(values: list[float], width: int = 80) -> str:
    """Values in [0, 1] as block characters, averaged down to at most ``width`` characters."""
    if not values:
        return ""
    buckets = min(width, len(values))
    line = []
    for b in range(buckets):
        part = values[b * len(values) // buckets : (b + 1) * len(values) // buckets] or [0.0]
        top = max(part)
        line.append(_SPARKS[min(int(top * len(_SPARKS)), len(_SPARKS) - 1)])
    return "".join(line)


@app.command(help=_SCORE_HELP)
@handles_errors
def score(
    file: Path = typer.Argument(..., help="Screenplay file (.fountain, .fdx, .pdf, .txt).",
                                show_default=False),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON (schema in "
                                 "docs/scene_model.md)."),
    top: int | None = typer.Option(None, "--top", min=1, help="Show only the N strongest scenes "
                                   "(JSON: all scenes are always listed)."),
    input_format: str | None = typer.Option(None, "--from", help="Input format (fountain, fdx, "
                                            "plain, pdf); detected when omitted."),
    config: Path | None = typer.Option(None, "--config", help="TOML config file (default: "
                                       "$SLATE_CONFIG, else ~/.config/slate/config.toml)."),
    llm: bool = typer.Option(False, "--llm", help="Also let the configured text model pick each "
                             "turning point from the model's shortlist; shown apart (JSON: "
                             "llm_turning_points)."),
) -> None:  # fmt: skip
    screenplay = api.open_script(file, format=input_format)
    settings = api.load_settings(config)
    report = api.score_scenes(screenplay, settings)
    rerank = api.rerank_with_llm(report, screenplay, settings) if llm else None
    if as_json:
        if rerank is None:
            typer.echo(report.model_dump_json(indent=2))
        else:
            data = report.model_dump(mode="json")
            data["llm_turning_points"] = rerank.model_dump(mode="json")
            typer.echo(json.dumps(data, indent=2))
        return
    _print_report(report, top=top, sparkline=sparkline([s.strength for s in report.scenes]))
    if rerank is not None:
        _print_rerank(report, rerank)


def _print_rerank(report: SceneStrengthReport, rerank: RerankResult) -> None:
    """Say what the LLM pass moved, apart from the trained model's table."""
    from rich.console import Console

    console = Console()
    if rerank.attempts == 0:
        console.print("LLM pass: no turning points to adjust.")
        return
    console.print(
        f"LLM pass ({rerank.model_id}, prompt {rerank.prompt_version}), apart from the model's "
        "turning points above:",
        highlight=False,
    )
    if rerank.fallback:
        console.print("  the text model gave no usable answer; nothing moved.", highlight=False)
        return
    if not rerank.moved:
        console.print("  it kept every turning point where the model put it.", highlight=False)
    for before, after in zip(report.turning_points, rerank.turning_points, strict=True):
        if before.scene_index != after.scene_index:
            console.print(
                f"  {after.name} moved from #{before.scene_index + 1} to "
                f"#{after.scene_index + 1} ({report.scenes[after.scene_index].heading})",
                highlight=False,
            )
    if rerank.rejected:
        console.print(
            f"  kept the trained model's pick for {', '.join(rerank.rejected)} (the LLM's was off "
            "the shortlist or out of story order).",
            highlight=False,
        )


def _print_report(report: SceneStrengthReport, *, top: int | None, sparkline: str) -> None:
    """Print warnings, the five turning points, the sparkline and the scene table."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for warning in report.warnings:
        console.print(f"[yellow]Note:[/yellow] {warning}")
    if report.turning_points:
        tps = Table(title="Turning points", title_justify="left")
        tps.add_column("Turning point")
        # "#" is the position in the script; written scene numbers may skip or repeat (10, 10A).
        tps.add_column("#", justify="right")
        tps.add_column("Heading")
        tps.add_column("Confidence", justify="right")
        for tp in report.turning_points:
            scene = report.scenes[tp.scene_index]
            tps.add_row(tp.name, str(tp.scene_index + 1), scene.heading, f"{tp.confidence:.0%}")
        console.print(tps)
    console.print(f"Strength over the script: {sparkline}", highlight=False)
    order = sorted(range(len(report.scenes)), key=lambda i: -report.scenes[i].strength)
    shown = sorted(order[:top]) if top else list(range(len(report.scenes)))
    table = Table(title="Scenes" + (f" (top {top})" if top else ""), title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("Line", justify="right")
    table.add_column("Heading", max_width=40)
    table.add_column("Strength", justify="right")
    table.add_column("Why")
    for i in shown:
        scene = report.scenes[i]
        why = "; ".join(
            ("+ " if reason.effect > 0 else "- ") + reason.text for reason in scene.reasons
        )
        table.add_row(
            str(i + 1),
            str(scene.start_line or ""),
            scene.heading,
            f"{scene.strength:.2f}",
            why,
        )
    console.print(table)
    console.print(
        f"[dim]Strength: chance a scene is a turning point, learned from annotated films "
        f"(model {report.model_version}); not a measure of quality.[/dim]"
    )
