"""``slate beats``: a beat sheet on the script, and with ``--synopsis`` the synopsis's beat map."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from assistant import api
from assistant.cli.errors import handles_errors
from assistant.cli.main import app
from assistant.cli.options import from_option, plain_option, script_argument, wants_plain

if TYPE_CHECKING:
    from assistant.analysis.beats.describe import BeatDescriptions
    from assistant.analysis.beats.results import BeatSheet
    from assistant.cli.output import Output

SYNOPSIS_MAX_BYTES = 1_000_000
"""A synopsis runs to a few pages; a bigger file is not one."""

_BEATS_HELP = """Place a beat sheet on the script: the five turning points (default), Save the
Cat!'s 15 beats, or the three acts. Each beat is a span of scenes with its pages, the page the
sheet's convention expects for a script of this length, a confidence and a one-line reason.

The beats stand on the turning points of slate score (a model learned from annotated films) and
on simple scene rules; see docs/beats.md for each beat's rule.

With --synopsis, each sentence of a synopsis, treatment or outline (one 'Beat name: sentence' a
line) is matched to the scenes that carry it; sentences no scene carries and long runs of scenes
no sentence covers are flagged."""


@app.command(help=_BEATS_HELP)
@handles_errors
def beats(
    file: Path = script_argument(),
    sheet: str = typer.Option("turning-points", "--sheet", help="turning-points, save-the-cat "
                              "or three-act."),
    synopsis: Path | None = typer.Option(None, "--synopsis", help="A synopsis file (prose, or "
                                         "one 'Beat name: sentence' a line) to map onto scenes."),
    as_json: bool = typer.Option(False, "--json", help="Print the sheet as JSON (schema in "
                                 "docs/beats.md)."),
    plain: bool | None = plain_option(),
    input_format: str | None = from_option(),
    config: Path | None = typer.Option(None, "--config", help="TOML config file (default: "
                                       "$SLATE_CONFIG, else ~/.config/slate/config.toml)."),
    llm: bool = typer.Option(False, "--llm", help="Also let the configured text model describe "
                             "each beat in a sentence; shown apart (JSON: llm_descriptions)."),
) -> None:  # fmt: skip
    screenplay = api.open_script(file, format=input_format)
    settings = api.load_settings(config)
    text = _read_synopsis(synopsis) if synopsis is not None else None
    result = api.beat_sheet(screenplay, settings, sheet=sheet.lower(), synopsis=text)
    described = api.describe_beats_with_llm(screenplay, result, settings) if llm else None
    if as_json:
        if described is None:
            typer.echo(result.model_dump_json(indent=2))
        else:
            data = result.model_dump(mode="json")
            data["llm_descriptions"] = described.model_dump(mode="json")
            typer.echo(json.dumps(data, indent=2))
        return
    from assistant.cli.output import Output

    out = Output(wants_plain(plain))
    _print_sheet(result, out)
    if result.synopsis is not None:
        _print_map(result, out)
    if described is not None:
        _print_descriptions(described, out)


def _print_descriptions(described: BeatDescriptions, out: Output) -> None:
    """The LLM pass, apart from the sheet above (nothing in the sheet comes from it)."""
    head = (f"LLM pass ({described.model_id}, prompt {described.prompt_version}), apart from "
            "the sheet above")  # fmt: skip
    if described.skipped:
        out.line(f"{head}: skipped. {described.note}.", style="yellow")
        return
    out.line(f"{head}: {len(described.descriptions)} beats described.")
    for item in described.descriptions:
        out.line(f"  {item.name}: {item.description}")
    if described.note:
        out.line(f"Note: {described.note}.", style="yellow")


def _read_synopsis(path: Path) -> str:
    from assistant.errors import AnalysisError

    try:
        with path.open("rb") as handle:
            data = handle.read(SYNOPSIS_MAX_BYTES + 1)
    except OSError as exc:
        raise AnalysisError(f"Cannot read the synopsis {path}: {exc.strerror or exc}") from exc
    if len(data) > SYNOPSIS_MAX_BYTES:
        raise AnalysisError(f"{path} is over 1 MB: that is not a synopsis")
    return data.decode("utf-8", errors="replace")


def _label(result: BeatSheet, indices: list[int]) -> str:
    if not indices:
        return "-"
    first = result.scenes[indices[0]].number or "-"
    last = result.scenes[indices[-1]].number or "-"
    return first if first == last else f"{first}-{last}"


def _print_sheet(result: BeatSheet, out: Output) -> None:
    from assistant.analysis.beats.beat_sheet import beat_verdict
    from assistant.cli.output import Column

    for warning in result.warnings:
        out.line(f"Note: {warning}", style="yellow")
    rows = []
    for beat in result.beats:
        first, last = [*beat.pages, 0, 0][:2]
        pages = "-" if not beat.pages else str(first) if first == last else f"{first}-{last}"
        rows.append([
            beat.name, _label(result, beat.scene_indices), pages, str(beat.expected_page),
            f"{beat.confidence:.0%}", beat.source, beat.reason,
        ])  # fmt: skip
    columns = [Column("Beat"), Column("Scenes", right=True), Column("Pages", right=True),
               Column("Convention", right=True), Column("Confidence", right=True),
               Column("From"), Column("Why", max_width=60)]  # fmt: skip
    caption = f"Convention: {result.convention}, scaled to {result.page_count} pages."
    out.table(f"Beat sheet: {result.sheet} ({result.page_count} pages)", columns, rows,
              caption=caption)  # fmt: skip
    # The turns the model placed read best as one sentence each; spans are in the table.
    for beat in result.beats:
        if beat.source == "model" and len(beat.scene_indices) == 1:
            out.line(f"Your {beat.name} {beat_verdict(beat)}.")


def _print_map(result: BeatSheet, out: Output) -> None:
    from assistant.cli.output import Column

    mapped = result.synopsis
    assert mapped is not None
    for warning in mapped.warnings:
        out.line(f"Note: {warning}", style="yellow")
    rows = []
    for sentence in mapped.sentences:
        rows.append([
            str(sentence.index + 1), sentence.beat or "", _label(result, sentence.scene_indices),
            "yes" if sentence.carried else "NO", sentence.text,
        ])  # fmt: skip
    columns = [Column("#", right=True), Column("Beat"), Column("Scenes", right=True),
               Column("Carried"), Column("Sentence", max_width=70)]  # fmt: skip
    out.table(f"Synopsis beat map ({mapped.form})", columns, rows)
    for tp in mapped.turning_points:
        scene = result.scenes[tp.scene_index]
        out.line(
            f"{tp.name}: scene {_label(result, [tp.scene_index])} (p. {scene.start_page}), "
            f"from sentence {tp.sentence_index + 1} ({tp.mass:.0%} of its weight there)."
        )
    for index in mapped.uncarried:
        out.line(f"No scene carries sentence {index + 1}: {mapped.sentences[index].text}")
    for run in mapped.uncovered:
        out.line(
            f"No synopsis sentence covers scenes {_label(result, run.scene_indices)} "
            f"(pages {run.pages[0]}-{run.pages[1]})."
        )
