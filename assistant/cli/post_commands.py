"""``slate export`` (previs timelines and looks for the edit and the grade) and ``slate post``
(loudness of a mix): a few lines each over ``assistant.api`` (``api/post.py``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

import typer

from assistant import api
from assistant.cli.errors import handles_errors, user_errors
from assistant.cli.help import SlateTyper
from assistant.cli.main import app
from assistant.cli.options import from_option, plain_option, script_argument, wants_plain
from assistant.errors import ConfigError

if TYPE_CHECKING:
    from assistant.post.loudness import LoudnessReport

_EXPORT_HELP = """Export a previsualisation of the script for the edit and the grade: one clip
per planned shot (slate shots; --clips scene: one per scene, as long as its pages, a page a
minute), named by the shot and its description, with the turning points and beats as markers and
the scene number, heading, pages, shot and breakdown in the clip's metadata under "slate"; and a
starting ASC CDL look per scene from its time of day, INT/EXT and tone.

Formats: otio (OpenTimelineIO), edl (CMX 3600, with *ASC_SOP/*ASC_SAT comments), fcp7xml
(Final Cut Pro 7 XML), fcpxml (Final Cut Pro X XML), cdl, ccc, and any a plugin adds. The file is
DIR/<script name><suffix>. See docs/post.md."""

post_app = SlateTyper(
    name="post",
    help="Post-production checks on media files: loudness against delivery specs.",
    no_args_is_help=True,
)
app.add_typer(post_app, name="post")


@app.command(name="export", help=_EXPORT_HELP)
@handles_errors
def export(
    file: Path = script_argument(),
    to: str = typer.Option(..., "--to", help="otio, edl, fcp7xml, fcpxml, cdl, ccc, or "
                           "a plugin's."),
    out: Path = typer.Option(..., "--out", help="Folder to write into (created when missing)."),
    force: bool = typer.Option(False, "--force", help="Replace a file Slate did not write."),
    storyboard: Path | None = typer.Option(None, "--storyboard", help="Folder of frames named "
                                           "shot_<12A>.png or scene_<12>.png (or .jpg), used as "
                                           "the clips' media."),
    clips: str = typer.Option("shot", "--clips", help="shot: one clip per planned shot "
                              "(slate shots); scene: one per scene."),
    sheet: str = typer.Option("save-the-cat", "--sheet", help="Beat sheet whose beats become "
                              "markers: turning-points, save-the-cat or three-act."),
    input_format: str | None = from_option(),
    config: Path | None = typer.Option(None, "--config", help="TOML config file."),
) -> None:  # fmt: skip
    if clips not in ("shot", "scene"):
        raise ConfigError(f"No clip source {clips!r}: choose shot or scene")
    screenplay = api.open_script(file, format=input_format)
    settings = api.load_settings(config)
    package = api.post_package(
        screenplay, settings, storyboard=storyboard, sheet=sheet,
        clips=cast(Literal["shot", "scene"], clips),
    )  # fmt: skip
    result = api.save_post_export(
        package, to, out, stem=file.stem, inputs=[file], force=force, settings=settings
    )
    for failure in result.plugin_failures:
        typer.echo(f"Note: plugin {failure.plugin!r} failed: {failure.error}", err=True)
    typer.echo(f"Wrote {result.path} ({result.exporter}, {result.clips} clips)")


@post_app.command(name="loudness")
def loudness(
    files: list[Path] = typer.Argument(..., metavar="FILE.wav", help="WAV (or FLAC) files."),
    target: list[str] = typer.Option([], "--target", help="ebu-r128, atsc-a85 or netflix "
                                     "(repeat for several; default: all three)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per file, in a list "
                                 "(contract in docs/post.md)."),
    plain: bool | None = plain_option(),
) -> None:  # fmt: skip
    """Integrated loudness (BS.1770), loudness range (EBU Tech 3342) and true peak (4x
    oversampled) of each file, with pass/fail per delivery spec. Netflix's dialogue gating is
    not done: the whole mix is measured. A file that cannot be measured is named with its reason
    and the others go on; the exit code is 1 when any could not be measured."""
    reports, failed = [], False
    for path in files:
        try:
            with user_errors():
                reports.extend(api.measure_loudness([path], target or None))
        except typer.Exit as stop:
            if stop.exit_code == 130:
                raise
            failed = True
    if as_json:
        typer.echo(json.dumps([r.contract() for r in reports], indent=2))
    elif reports:
        _print_loudness(reports, wants_plain(plain))
    if failed:
        raise typer.Exit(1)


def _figure(value: float | None, unit: str) -> str:
    return "-" if value is None else f"{value:.1f} {unit}"


def _print_loudness(reports: list[LoudnessReport], plain: bool) -> None:
    from assistant.cli.output import Column, Output

    out = Output(plain)
    names = list(reports[0].targets)
    # The dialogue column only when a dialogue-gated spec (netflix) was asked for.
    gated = any(r.speech_share is not None for r in reports)
    out.table(
        "Loudness",
        [Column("File"), Column("Integrated", right=True), Column("Range", right=True),
         Column("True peak", right=True), *([Column("Dialogue~", right=True)] if gated else []),
         *(Column(n) for n in names)],
        [[r.file, _figure(r.integrated_lufs, "LUFS"), _figure(r.loudness_range_lu, "LU"),
          _figure(r.true_peak_dbtp, "dBTP"),
          *([_figure(r.dialogue_gated_lufs, "LUFS")] if gated else []),
          *("pass" if r.targets[n].pass_ else "FAIL" for n in names)] for r in reports],
    )  # fmt: skip
    if gated:
        out.line(
            "Dialogue~: loudness of the blocks a speech-activity gate flags (an approximation "
            "of dialogue gating, not a certified meter; docs/post.md)"
        )
    for r in reports:
        for name, verdict in r.targets.items():
            if not verdict.pass_:
                out.line(f"{r.file} fails {name}: {verdict.why}")


@post_app.command(name="normalize")
@handles_errors
def normalize(
    file: Path = typer.Argument(..., metavar="FILE.wav", help="The mix to normalise."),
    target: str = typer.Option("ebu-r128", "--target", help="ebu-r128, atsc-a85 or netflix."),
    out: Path = typer.Option(..., "--out", help="The normalised copy (WAV)."),
    force: bool = typer.Option(False, "--force", help="Replace a file Slate did not write."),
) -> None:  # fmt: skip
    """Write a copy of FILE at the spec's integrated loudness, with a look-ahead limiter holding
    the true peak at or under the spec's ceiling; written atomically, never over FILE."""
    result = api.save_normalized(file, target, out, force=force)
    typer.echo(
        f"Wrote {result.out}: {result.input_lufs:.1f} -> {_figure(result.output_lufs, 'LUFS')}, "
        f"gain {result.gain_db:+.1f} dB, true peak {_figure(result.output_true_peak_dbtp, 'dBTP')}"
        + (" (limited)" if result.limited else "")
    )
