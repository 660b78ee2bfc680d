"""``slate shots`` (a shot list per scene) and ``slate storyboard`` (the printable sheet)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from assistant import api
from assistant.cli.errors import handles_errors
from assistant.cli.main import app
from assistant.cli.options import from_option, plain_option, script_argument, wants_plain

if TYPE_CHECKING:
    from assistant.analysis.shots.model import ShotList
    from assistant.analysis.shots.refine import ShotRefinement

_SHOTS_HELP = """Plan the shots of every scene (or of one): numbered as on a shooting script
(scene 12 gives 12A, 12B..., no I or O), each with size, angle, camera move, a suggested lens,
who and what is in frame, the script lines it covers and its estimated length in the cut.

The plan comes from rules a director would recognise: an establishing shot for a new place or a
time jump, a two-shot or master then overs and singles for dialogue, a cut at every action
paragraph, inserts for props and written details, POV where the action says so, moves where the
action moves. Durations add up to the scene's screen time (a page a minute). Set-ups group the
shots one camera position and lens can film, numbered in shooting order. See docs/shots.md."""

_STORYBOARD_HELP = """Draw a storyboard: one schematic frame per shot (figures sized by shot size,
overs and two-shots placed left and right, the camera move as an arrow, inserts as an object),
each captioned with its number, size, angle, move, subjects, line and duration. Writes
storyboard.html (self-contained: opens offline), storyboard.pdf (6 frames a page) and each
scene's key frame as scene_<number>.png (what slate post --storyboard DIR reads) into DIR."""


def scene_option() -> Any:
    return typer.Option(
        None, "--scene", help="Only this scene, by the number the script shows (0: the part "
        "before the first heading)."
    )  # fmt: skip


@app.command(help=_SHOTS_HELP)
@handles_errors
def shots(
    file: Path = script_argument(),
    scene: str | None = scene_option(),
    as_json: bool = typer.Option(False, "--json", help="Print the shot list as JSON (schema in "
                                 "docs/shots.md)."),
    as_csv: bool = typer.Option(False, "--csv", help="Print a shot-list sheet as CSV."),
    plain: bool | None = plain_option(),
    input_format: str | None = from_option(),
    config: Path | None = typer.Option(None, "--config", help="TOML config file (default: "
                                       "$SLATE_CONFIG, else ~/.config/slate/config.toml)."),
    llm: bool = typer.Option(False, "--llm", help="Also let the configured text model adjust "
                             "sizes, angles and moves; shown apart (JSON: llm_refinement)."),
) -> None:  # fmt: skip
    if as_json and as_csv:
        raise typer.BadParameter("choose one of --json and --csv")
    screenplay = api.open_script(file, format=input_format)
    plan = api.shot_list(screenplay, scene=scene)
    refinement = (
        api.refine_shots_with_llm(plan, screenplay, api.load_settings(config)) if llm else None
    )
    if as_json:
        if refinement is None:
            typer.echo(plan.model_dump_json(indent=2))
        else:
            data = plan.model_dump(mode="json")
            data["llm_refinement"] = refinement.model_dump(mode="json", exclude={"plan"})
            typer.echo(json.dumps(data, indent=2))
        return
    if as_csv:
        from assistant.analysis.shots.sheet import to_csv

        typer.echo(to_csv(plan), nl=False)
        return
    _print_plan(plan, wants_plain(plain))
    if refinement is not None:
        _print_refinement(refinement)


def _print_refinement(refinement: ShotRefinement) -> None:
    """What the LLM pass changed, apart from the rule-based table."""
    typer.echo(
        f"LLM pass ({refinement.model_id}, prompt {refinement.prompt_version}) over "
        f"{refinement.scenes} scenes, apart from the plan above: {len(refinement.changes)} "
        f"changes, {refinement.rejected} rejected, {refinement.fallbacks} scenes without a "
        "usable answer."
    )
    for change in refinement.changes:
        typer.echo(f"  {change.number} {change.field}: {change.rules} -> {change.llm}")


def _print_plan(plan: ShotList, plain: bool) -> None:
    from assistant.analysis.shots.sheet import line_range
    from assistant.cli.output import Column, Output

    out = Output(plain)
    columns = [Column("Shot"), Column("Size"), Column("Angle"), Column("Move"),
               Column("Lens", right=True), Column("Subjects", max_width=24),
               Column("Lines", right=True), Column("Shows", max_width=50),
               Column("Secs", right=True), Column("Set-up", right=True)]  # fmt: skip
    for scene in plan.scenes:
        title = f"Scene {scene.number or '-'}: {scene.heading or '(before the first heading)'}"
        rows = [
            [shot.number, shot.size.value, shot.angle.value, shot.movement.value,
             f"{shot.lens_mm}mm", ", ".join(shot.subjects + [f"{n} (off)" for n in
                                                             shot.off_screen
                                                             if n not in shot.subjects]),
             line_range(shot), shot.description, f"{shot.duration_s:.1f}", str(shot.setup)]
            for shot in scene.shots
        ]  # fmt: skip
        caption = (
            f"{len(scene.shots)} shots, {scene.screen_time_s:.0f} s; shooting order: "
            + " ".join(scene.shooting_order)
            if scene.shots
            else "No shots: the scene has nothing to film."
        )
        out.table(title, columns, rows, caption=caption)
    out.line(
        f"{plan.shot_count} shots over {plan.page_count} pages; planned by rules.", style="dim"
    )


@app.command(help=_STORYBOARD_HELP)
@handles_errors
def storyboard(
    file: Path = script_argument(),
    out: Path = typer.Option(..., "--out", help="Folder to write storyboard.html, "
                             "storyboard.pdf and scene_<number>.png key frames into (created "
                             "when missing).", show_default=False),
    scene: str | None = scene_option(),
    force: bool = typer.Option(False, "--force", help="Replace storyboard files Slate did not "
                               "write (or that changed since)."),
    input_format: str | None = from_option(),
) -> None:  # fmt: skip
    screenplay = api.open_script(file, format=input_format)
    written = api.storyboard(screenplay, out, scene=scene, force=force)
    for path in written.files:
        typer.echo(f"Wrote {path}")
    if written.key_frames:
        typer.echo(f"Wrote {len(written.key_frames)} key frames, one a scene "
                   f"({Path(written.key_frames[0]).name} ...): the media of slate post "
                   f"--storyboard {out}")  # fmt: skip
    typer.echo(f"{written.frames} frames on {written.pages} pages.")
