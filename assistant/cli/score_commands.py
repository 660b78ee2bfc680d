"""``slate score``: every scene's turning-point strength, with reasons and a sparkline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from assistant import api
from assistant.cli.errors import handles_errors
from assistant.cli.main import app
from assistant.cli.options import (
    all_option,
    from_option,
    plain_option,
    script_argument,
    wants_plain,
)

if TYPE_CHECKING:
    from assistant.analysis.strength.scene_strength import SceneStrengthReport
    from assistant.analysis.strength.tp_rerank import RerankResult
    from assistant.cli.output import Output
    from assistant.script.model import Screenplay

_SPARKS = "▁▂▃▄▅▆▇█"

DEFAULT_TOP = 20
"""Scene rows shown without ``--top`` or ``--all`` (the turning points are shown besides): a
feature has 100-250 scenes, and the table of all of them runs to hundreds of lines."""

_SCORE_HELP = """Score every scene: the likelihood (0-1) that it is one of the five turning points
of the story (Opportunity, Change of Plans, Point of No Return, Major Setback, Climax), with the
reasons that raised or lowered it, and the five turning points placed in story order.

The model learned from people's turning-point annotations of 82 produced feature films (TRIPOD)
and scores structure, cast and tone. It is not a verdict on quality: a fine quiet scene scores low,
and a weak scene where stories usually turn can score high. See docs/scene_model.md.

Scenes are numbered as in the script when every scene heading carries a number, else by position
among the headed scenes; the table says which. The text before the first heading (title page,
FADE IN:) has no number."""


def sparkline(values: list[float], width: int = 80) -> str:
    """Values in [0, 1] as block characters, at most ``width`` of them.

    When there are more values than ``width``, each character stands for a run of neighbouring
    values and shows the highest of them, so a single strong scene is never averaged away.
    """
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
    file: Path = script_argument(),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON (schema in "
                                 "docs/scene_model.md); it always lists every scene."),
    top: int = typer.Option(DEFAULT_TOP, "--top", min=1, help="Show the N strongest scenes, "
                            "plus the turning points, in script order."),
    show_all: bool = all_option("every scene"),
    plain: bool | None = plain_option(),
    input_format: str | None = from_option(),
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
    from assistant.cli.output import Output

    out = Output(wants_plain(plain))
    _print_report(report, screenplay, out, top=None if show_all else top)
    if rerank is not None:
        _print_rerank(report, screenplay, rerank, out)


def scene_label(report: SceneStrengthReport, row: int) -> str:
    """The number people see for the report's scene ``row`` (``-`` for the pre-heading block).

    The report's ``number`` is ``Screenplay.scene_labels``'s label, the one numbering every
    command shows.
    """
    return report.scenes[row].number or "-"


def _print_rerank(
    report: SceneStrengthReport, screenplay: Screenplay, rerank: RerankResult, out: Output
) -> None:
    """Say what the LLM pass moved, apart from the trained model's table."""
    if rerank.attempts == 0:
        out.line("LLM pass: no turning points to adjust.")
        return
    out.line(
        f"LLM pass ({rerank.model_id}, prompt {rerank.prompt_version}), apart from the model's "
        "turning points above:"
    )
    if rerank.fallback:
        out.line("  the text model gave no usable answer; nothing moved.")
        return
    if not rerank.moved:
        out.line("  it kept every turning point where the model put it.")
    for before, after in zip(report.turning_points, rerank.turning_points, strict=True):
        if before.scene_index != after.scene_index:
            was = scene_label(report, before.scene_index)
            now = scene_label(report, after.scene_index)
            heading = report.scenes[after.scene_index].heading
            out.line(f"  {after.name} moved from #{was} to #{now} ({heading})")
    if rerank.rejected:
        out.line(
            f"  kept the trained model's pick for {', '.join(rerank.rejected)} (the LLM's was off "
            "the shortlist or out of story order)."
        )


def _print_report(
    report: SceneStrengthReport, screenplay: Screenplay, out: Output, *, top: int | None
) -> None:
    """Print warnings, the five turning points, the sparkline and the scene table.

    ``top``: the strongest scenes to list (the turning points are listed besides), or every
    scene when None.
    """
    from assistant.cli.output import NUMBERING_NOTE, Column

    for warning in report.warnings:
        out.line(f"Note: {warning}", style="yellow")
    numbering = NUMBERING_NOTE[screenplay.numbering]
    tp_names = {tp.scene_index: tp.name for tp in report.turning_points}
    if report.turning_points:
        out.table(
            "Turning points",
            [
                Column("Turning point"),
                Column("Scene", right=True),
                Column("Heading"),
                Column("Confidence", right=True),
            ],
            [
                [
                    tp.name,
                    scene_label(report, tp.scene_index),
                    report.scenes[tp.scene_index].heading,
                    f"{tp.confidence:.0%}",
                ]
                for tp in report.turning_points
            ],
            caption=numbering,
        )
    out.line(f"Strength over the script: {sparkline([s.strength for s in report.scenes])}")
    total = len(report.scenes)
    if top is None or top >= total:
        shown = list(range(total))
        title, left_out = "Scenes", None
    else:
        order = sorted(range(total), key=lambda i: -report.scenes[i].strength)
        shown = sorted(set(order[:top]) | set(tp_names))
        title = f"Scenes (the {top} strongest and the turning points)"
        left_out = f"{len(shown)} of {total} scenes shown; --all shows every scene."
    rows = []
    for i in shown:
        scene = report.scenes[i]
        why = "; ".join(
            ("+ " if reason.effect > 0 else "- ") + reason.text for reason in scene.reasons
        )
        rows.append([
            scene_label(report, i), str(scene.start_line or ""), scene.heading,
            f"{scene.strength:.2f}", tp_names.get(i, ""), why,
        ])  # fmt: skip
    columns = [Column("Scene", right=True), Column("Line", right=True),
               Column("Heading", max_width=40), Column("Strength", right=True),
               Column("Turning point"), Column("Why")]  # fmt: skip
    out.table(title, columns, rows, caption=" ".join(filter(None, [left_out, numbering])))
    out.line(
        f"Strength: chance a scene is a turning point, learned from annotated films "
        f"(model {report.model_version}); not a measure of quality.",
        style="dim",
    )
