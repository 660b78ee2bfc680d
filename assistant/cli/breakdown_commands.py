"""``slate breakdown``: the production breakdown of a script, as tables, JSON, CSV or HTML."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from assistant import api
from assistant.cli.errors import handles_errors
from assistant.cli.main import app
from assistant.cli.options import from_option, plain_option, script_argument, wants_plain
from assistant.errors import AnalysisError

if TYPE_CHECKING:
    from assistant.analysis.breakdown.model import BreakdownReport, SceneBreakdown
    from assistant.cli.output import Output
    from assistant.script.model import Screenplay

_HELP = """Break the script down for production: per scene, the cast (numbered by importance:
1 is in the most scenes), extras with counts, stunts, vehicles, props, set dressing, wardrobe,
make-up and hair, special and visual effects, animals, weapons, sound and music, special
equipment and greenery, each with the line of its first mention; the script day of every scene;
and the cast, set and element lists.

Found by rules (cues, headings, word lists), optionally the embedder (--embed) and the
configured text model (--llm, shown apart). See docs/breakdown.md for the JSON and CSV columns."""


@app.command(help=_HELP)
@handles_errors
def breakdown(
    file: Path = script_argument(),
    scene: str | None = typer.Option(None, "--scene", help="Show one scene's sheet: the scene "
                                     "number as the tables show it."),
    as_json: bool = typer.Option(False, "--json", help="Print the breakdown as JSON "
                                 "(docs/breakdown.md)."),
    as_csv: bool = typer.Option(False, "--csv", help="Print CSV, one row per scene and element, "
                                "for a scheduling tool."),
    html: Path | None = typer.Option(None, "--html", help="Write a self-contained HTML sheet "
                                     "to this file."),
    force: bool = typer.Option(False, "--force", help="Let --html replace a file Slate did "
                               "not write."),
    embed: bool = typer.Option(False, "--embed", help="Also classify capitalised words with "
                               "the configured embedder."),
    llm: bool = typer.Option(False, "--llm", help="Also ask the configured text model; shown "
                             "apart (JSON: llm)."),
    plain: bool | None = plain_option(),
    input_format: str | None = from_option(),
    config: Path | None = typer.Option(None, "--config", help="TOML config file (default: "
                                       "$SLATE_CONFIG, else ~/.config/slate/config.toml)."),
) -> None:  # fmt: skip
    screenplay = api.open_script(file, format=input_format)
    settings = api.load_settings(config) if (embed or llm or html) else None
    labels = screenplay.scene_labels()
    # --scene with --llm asks the model about that scene only (one call, not one per scene).
    only = [labels.index(scene)] if llm and scene is not None and scene in labels else None
    report = api.breakdown(screenplay, settings, use_embedder=embed, llm=llm, llm_scenes=only)
    if scene is not None:
        report = _only_scene(report, scene, screenplay)
    if html is not None:
        api.save_breakdown_html(report, screenplay, html, force=force, settings=settings)
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
        return
    if as_csv:
        typer.echo(api.breakdown_csv(report), nl=False)
        return
    if html is not None:
        typer.echo(f"Wrote {html}")
        return
    from assistant.cli.output import Output

    out = Output(wants_plain(plain))
    if scene is not None:
        _print_sheet(report.scenes[0], report, out)
    else:
        _print_reports(report, out)
    if report.llm is not None:
        _print_llm(report, out)


def _only_scene(report: BreakdownReport, label: str, screenplay: Screenplay) -> BreakdownReport:
    """The report narrowed to the scene people call ``label`` (its lists cover that scene)."""
    from assistant.analysis.breakdown.breakdown import element_list, set_list

    chosen = [s for s in report.scenes if s.label == label]
    if not chosen and all(s.label is None for s in report.scenes) and label == "1":
        chosen = report.scenes[:1]  # a script without headings is scene 1
    if not chosen:
        shown = screenplay.describe_labels() if any(s.label for s in report.scenes) else "1"
        raise AnalysisError(f"No scene {label} in this script: its scenes are {shown}")
    names = {e.name for e in chosen[0].elements["cast"]}
    llm = report.llm
    if llm is not None:
        llm = llm.model_copy(
            update={"scenes": [s for s in llm.scenes if s.index == chosen[0].index]}
        )
    return report.model_copy(
        update={
            "scenes": chosen,
            "sets": set_list(chosen),
            "element_list": element_list(chosen),
            "cast": [m for m in report.cast if m.name in names],
            "llm": llm,
        }
    )


def _print_sheet(sheet: SceneBreakdown, report: BreakdownReport, out: Output) -> None:
    from assistant.analysis.breakdown.export import pages_in_eighths
    from assistant.analysis.breakdown.html_sheet import TITLES
    from assistant.analysis.breakdown.model import CATEGORIES
    from assistant.cli.output import Column

    ids = {member.name: member.id for member in report.cast}
    out.line(
        f"Scene {sheet.label or '1'}  {sheet.int_ext or '-'}  {sheet.set or '(no heading)'}  "
        f"{sheet.time_of_day or '-'}  {pages_in_eighths(sheet.eighths)} pages  "
        f"script day {sheet.script_day}"
    )
    if sheet.synopsis:
        out.line(sheet.synopsis)
    rows = []
    for category in CATEGORIES:
        for element in sheet.elements[category]:
            name = element.name
            if category == "cast" and name in ids:
                name = f"{ids[name]}. {name}"
            rows.append([
                TITLES[category], name, "" if element.count is None else str(element.count),
                "" if element.line is None else str(element.line),
                "implied" if element.implied else "named", element.source,
            ])  # fmt: skip
    out.table(
        "Elements",
        [Column("Category"), Column("Element"), Column("Count", right=True),
         Column("Line", right=True), Column("Named"), Column("Found by")],
        rows,
    )  # fmt: skip


def _print_reports(report: BreakdownReport, out: Output) -> None:
    from assistant.analysis.breakdown.export import pages_in_eighths
    from assistant.analysis.breakdown.html_sheet import TITLES
    from assistant.cli.output import NUMBERING_NOTE, Column

    ids = {member.name: member.id for member in report.cast}
    headed = any(s.heading is not None for s in report.scenes)
    scene_rows = [
        [
            s.label or "1", s.int_ext or "-", s.set or "(no heading)", s.time_of_day or "-",
            pages_in_eighths(s.eighths), str(s.script_day),
            ",".join(str(ids[e.name]) for e in s.elements["cast"] if e.name in ids),
            str(sum(len(v) for k, v in s.elements.items() if k != "cast")),
        ]
        for s in report.scenes
        if s.heading is not None or not headed
    ]  # fmt: skip
    numbering = NUMBERING_NOTE.get(report.numbering, "")
    out.table(
        "Scenes",
        [Column("Scene", right=True), Column("I/E"), Column("Set", max_width=36),
         Column("D/N"), Column("Pages", right=True), Column("Day", right=True),
         Column("Cast IDs"), Column("Elements", right=True)],
        scene_rows, caption=f"{numbering} {report.script_days} script day(s).",
    )  # fmt: skip
    out.table(
        "Cast",
        [Column("ID", right=True), Column("Name"), Column("Scenes", right=True),
         Column("Speaking", right=True), Column("First scene", right=True),
         Column("Script days", max_width=30)],
        [[str(m.id), m.name, str(m.scenes), str(m.speaking_scenes), m.first_scene or "1",
          ",".join(map(str, m.script_days))] for m in report.cast],
    )  # fmt: skip
    out.table(
        "Sets",
        [Column("Set", max_width=40), Column("I/E"), Column("D/N"), Column("Pages", right=True),
         Column("Scenes", max_width=40)],
        [[s.set, "/".join(s.int_ext), "/".join(s.time_of_day), pages_in_eighths(s.eighths),
          ", ".join(s.scenes)] for s in report.sets],
    )  # fmt: skip
    out.table(
        "Elements",
        [Column("Category"), Column("Element"), Column("Scenes", max_width=50)],
        [[TITLES[e.category], e.name, ", ".join(e.scenes)] for e in report.element_list],
    )  # fmt: skip


def _print_llm(report: BreakdownReport, out: Output) -> None:
    from assistant.analysis.breakdown.html_sheet import TITLES
    from assistant.cli.output import Column

    llm = report.llm
    assert llm is not None
    labels = {s.index: s.label or "1" for s in report.scenes}
    rows = [
        [labels.get(scene.index, str(scene.index)), TITLES[category], element.name]
        for scene in llm.scenes
        for category, elements in scene.elements.items()
        for element in elements
    ]
    out.table(
        f"LLM pass ({llm.model_id}, prompt {llm.prompt}), apart from the rules' breakdown",
        [Column("Scene", right=True), Column("Category"), Column("Element")],
        rows,
        caption=f"{llm.fallback_scenes} scene(s) got no usable answer from the model.",
    )
