"""``slate compare``, ``slate revise``, and drafting with a model (``rewrite``, ``continue``,
``punch-up``, ``undo``): every suggestion is a diff the writer applies, with a backup, or not."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from assistant import api
from assistant.cli.errors import handles_errors
from assistant.cli.main import app
from assistant.cli.options import from_option, plain_option, wants_plain

if TYPE_CHECKING:
    from assistant.analysis.compare.report import CompareReport
    from assistant.analysis.writing.suggest import Suggestion
    from assistant.cli.output import Output

_COMPARE_HELP = """Compare two drafts: the scenes added, removed, moved, renumbered or changed, the
lines changed inside them, the change in length (eighths of a page) per scene, and the lines each
character gained and lost. The drafts may be in any two formats Slate reads ({importers}).

Scenes are paired by their exact text first, then by the similarity of heading and words, so a
scene that was moved and reworded is still one scene. Scenes that did not change are not listed.
Scene numbers are the ones people see (the script's own when every heading has one, else the
position). JSON schema: docs/writing.md."""

_STYLES = {"added": "green", "removed": "red", "moved": "magenta", "changed": "yellow",
           "renumbered": "cyan"}  # fmt: skip


@app.command(help=_COMPARE_HELP)
@handles_errors
def compare(
    old: Path = typer.Argument(..., metavar="OLD", help="The earlier draft.", show_default=False),
    new: Path = typer.Argument(..., metavar="NEW", help="The later draft.", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="Print the changes as JSON "
                                 "(docs/writing.md)."),
    html: Path | None = typer.Option(None, "--html", help="Also write a self-contained HTML "
                                     "report to this file."),
    lines: bool = typer.Option(True, "--lines/--no-lines", help="Show the changed lines of "
                               "each scene under the table."),
    force: bool = typer.Option(False, "--force", help="Let --html replace a file Slate did "
                               "not write."),
    plain: bool | None = plain_option(),
    input_format: str | None = from_option(),
) -> None:  # fmt: skip
    before = api.open_script(old, format=input_format)
    after = api.open_script(new, format=input_format)
    report = api.compare_drafts(before, after)
    if html is not None:
        api.save_compare_html(report, before, after, html, force=force)
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
        return
    from assistant.cli.output import Output

    out = Output(wants_plain(plain))
    _print_compare(report, out, show_lines=lines)
    if html is not None:
        typer.echo(f"Wrote {html}")


def _print_compare(report: CompareReport, out: Output, *, show_lines: bool) -> None:
    from assistant.cli.output import Column

    delta = report.eighths_new - report.eighths_old
    out.line(
        f"{len(report.changes)} scene changes; pages {report.pages_old} -> {report.pages_new} "
        f"({delta:+d} eighths)."
    )
    if not report.changes:
        return
    rows = [
        [c.kind, c.old_label or "-", c.new_label or "-", c.heading,
         f"+{c.lines_added} -{c.lines_removed}", f"{c.eighths_delta:+d}"]
        for c in report.changes
    ]  # fmt: skip
    out.table(
        "Scene changes",
        [Column("Change"), Column("Old", right=True), Column("New", right=True),
         Column("Heading", max_width=40), Column("Lines", right=True),
         Column("Eighths", right=True)],
        rows,
    )  # fmt: skip
    if report.characters:
        out.table(
            "Characters",
            [Column("Character"), Column("Lines before", right=True),
             Column("Lines after", right=True), Column("Gained", right=True),
             Column("Lost", right=True)],
            [[c.name, str(c.lines_old), str(c.lines_new), str(c.lines_added),
              str(c.lines_removed)] for c in report.characters],
        )  # fmt: skip
    if not show_lines:
        return
    for change in report.changes:
        if change.kind in ("added", "removed") or not change.hunks:
            continue
        label = change.new_label or change.old_label or "-"
        out.line(f"@@ scene {label} {change.heading} ({change.kind})", style="bold")
        for hunk in change.hunks:
            for text in hunk.removed:
                out.line(f"- {text}", style="red")
            for text in hunk.added:
                out.line(f"+ {text}", style="green")


_REVISE_HELP = """Write the new draft as a production revision of the old (locked) one: every scene
keeps the old draft's number, even when moved; a new scene takes the number before it plus a
letter (12A, 12B); a removed scene stays as OMITTED under its number; every revised line is marked
with the round's colour (the standard sequence: white, blue, pink, yellow, green, goldenrod, buff,
salmon, cherry). Fountain marks a revised line with a trailing [[*]] note; FDX marks it as a
Final Draft revision in the round's colour; PDF prints an asterisk in the right margin and the
round in the header of every revised page. With --lock-pages the PDF keeps the old draft's pages:
what grew runs onto A pages (12A, 12B), a page whose text was cut prints OMITTED. See
docs/writing.md."""


@app.command(help=_REVISE_HELP)
@handles_errors
def revise(
    old: Path = typer.Argument(..., metavar="OLD", help="The locked draft.", show_default=False),
    new: Path = typer.Argument(..., metavar="NEW", help="The revised draft.", show_default=False),
    round: str = typer.Option(..., "--round", help="Revision colour of this round (blue, pink, "
                              "...).", show_default=False),
    out: Path = typer.Option(..., "--out", "-o", help="File to write.", show_default=False),
    to: str | None = typer.Option(None, "--to", help="fountain, fdx or pdf; default from "
                                  "--out's suffix (.fdx, .pdf, anything else fountain)."),
    lock_pages: bool = typer.Option(False, "--lock-pages", help="PDF: keep the old draft's "
                                    "pages (A pages, OMITTED pages)."),
    paper: str = typer.Option("letter", "--paper", help="PDF paper: letter or a4 (the same "
                              "lines on every page)."),
    as_json: bool = typer.Option(False, "--json", help="Print the revision summary as JSON."),
    force: bool = typer.Option(False, "--force", help="Replace a file Slate did not write."),
    input_format: str | None = from_option(),
) -> None:  # fmt: skip
    from assistant.errors import UnsupportedFormatError

    suffix = out.suffix.lower().lstrip(".")
    format = (to or (suffix if suffix in ("fdx", "pdf") else "fountain")).lower()
    if format not in ("fountain", "fdx", "pdf"):
        raise UnsupportedFormatError(f"Revisions are written as fountain, fdx or pdf, not {to!r}")
    if paper.lower() not in ("letter", "a4"):
        raise UnsupportedFormatError(f"PDF paper is letter or a4, not {paper!r}")
    if lock_pages and format != "pdf":
        raise UnsupportedFormatError("--lock-pages needs a PDF (--to pdf or an --out FILE.pdf)")
    before = api.open_script(old, format=input_format)
    after = api.open_script(new, format=input_format)
    revision = api.revise_drafts(before, after, round)
    api.save_revision(revision, "fdx" if format == "fdx" else "pdf" if format == "pdf"
                      else "fountain", out, inputs=[old, new], force=force,
                      locked=before if lock_pages else None,
                      paper="a4" if paper.lower() == "a4" else "letter")  # fmt: skip
    summary = revision.summary
    numbers = api.locked_page_numbers(revision, before) if lock_pages else []
    if as_json:
        import json

        data = summary.model_dump()
        if lock_pages:
            data["pages"] = numbers  # e.g. ["1", "2", "2A", "3 OMITTED"]
        typer.echo(json.dumps(data, indent=2))
        return
    typer.echo(f"Wrote {out}: {summary.round} revision, {summary.marked_lines} lines marked.")
    typer.echo(f"Revised scenes: {', '.join(summary.revised_scenes) or 'none'}")
    typer.echo(f"New scenes: {', '.join(summary.added_scenes) or 'none'}")
    typer.echo(f"Omitted scenes: {', '.join(summary.omitted_scenes) or 'none'}")
    if lock_pages:
        added = [n for n in numbers if not n.split()[0].isdigit()]
        omitted = [n.split()[0] for n in numbers if n.endswith("OMITTED")]
        typer.echo(f"Locked pages: {len(numbers) - len(added)}; A pages: "
                   f"{', '.join(added) or 'none'}; omitted pages: "
                   f"{', '.join(omitted) or 'none'}")  # fmt: skip


_DRAFT_NOTE = """The text model (see slate models) must answer in Fountain; Slate reads the answer
and rejects one that is not screenplay text, touches other scenes or renames characters (it asks
once more, then says so). The suggestion is shown as a diff; --out writes the scene as a Fountain
patch, --apply backs the file up (FILE.~N~) and replaces it; slate undo FILE restores the backup.
Scene numbers are the ones people see. The small default model writes poorly: see
docs/writing.md for a capable local server."""


def _finish(
    suggestion: Suggestion, *, apply: bool, out: Path | None, backup_dir: Path | None,
    force: bool, plain: bool | None,
) -> None:  # fmt: skip
    from assistant.cli.output import Output

    output = Output(wants_plain(plain))
    output.line(
        f"Suggestion from {suggestion.model_id} (prompt {suggestion.prompt_ref}, "
        f"{suggestion.attempts} {'try' if suggestion.attempts == 1 else 'tries'}):",
        style="bold",
    )
    _print_compare(suggestion.diff, output, show_lines=True)
    for change in suggestion.diff.changes:
        if change.kind == "added":
            output.line(f"@@ new scene {change.heading}", style="bold")
            for hunk in change.hunks:
                for text in hunk.added:
                    output.line(f"+ {text}", style="green")
    if out is not None:
        api.save_suggestion_patch(suggestion, out, force=force)
        typer.echo(f"Wrote the suggested scene to {out}")
    if apply:
        backup = api.apply_suggestion(suggestion, backup_dir=backup_dir)
        typer.echo(f"Applied to {suggestion.path}; the original is in {backup} (slate undo).")
    elif out is None:
        typer.echo("Nothing changed: --apply to apply it, --out FILE to save it as a patch.")


_APPLY_HELP = "Back the file up (FILE.~N~) and replace it with the suggestion."
_OUT_HELP = "Write the suggested scene to this Fountain patch file."
_BACKUP_HELP = "Keep numbered backups in this folder instead of beside the file."
_CONFIG_HELP = "TOML config file (default: $SLATE_CONFIG, else ~/.config/slate/config.toml)."

# The options the three drafting commands share, declared once.
ScriptArg = Annotated[Path, typer.Argument(metavar="FILE", help="The script.", show_default=False)]
ApplyOption = Annotated[bool, typer.Option("--apply", help=_APPLY_HELP)]
OutOption = Annotated[Path | None, typer.Option("--out", "-o", help=_OUT_HELP)]
BackupOption = Annotated[Path | None, typer.Option("--backup-dir", help=_BACKUP_HELP)]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Let --out replace a file Slate did not write.")
]
ConfigOption = Annotated[Path | None, typer.Option("--config", help=_CONFIG_HELP)]


@app.command(help="Rewrite one scene as INSTRUCTION says, with the text model. " + _DRAFT_NOTE)
@handles_errors
def rewrite(
    file: ScriptArg,
    instruction: str = typer.Argument(..., metavar="INSTRUCTION", help="What to change.",
                                      show_default=False),
    scene: str = typer.Option(..., "--scene", help="The scene's number.", show_default=False),
    apply: ApplyOption = False,
    out: OutOption = None,
    backup_dir: BackupOption = None,
    force: ForceOption = False,
    plain: bool | None = plain_option(),
    config: ConfigOption = None,
) -> None:  # fmt: skip
    settings = api.load_settings(config)
    suggestion = api.suggest_scene(file, "rewrite", scene, settings, instruction=instruction)
    _finish(suggestion, apply=apply, out=out, backup_dir=backup_dir, force=force, plain=plain)


@app.command(
    name="continue", help="Write the scene that comes next, with the text model. " + _DRAFT_NOTE
)
@handles_errors
def continue_(
    file: ScriptArg,
    after: str | None = typer.Option(None, "--after", help="Write the scene after this one "
                                     "(default: after the last)."),
    apply: ApplyOption = False,
    out: OutOption = None,
    backup_dir: BackupOption = None,
    force: ForceOption = False,
    plain: bool | None = plain_option(),
    config: ConfigOption = None,
) -> None:  # fmt: skip
    settings = api.load_settings(config)
    suggestion = api.suggest_scene(file, "continue", after, settings)
    _finish(suggestion, apply=apply, out=out, backup_dir=backup_dir, force=force, plain=plain)


@app.command(
    name="punch-up", help="Sharpen one character's lines in a scene, with the text model. "
    + _DRAFT_NOTE,
)  # fmt: skip
@handles_errors
def punch_up(
    file: ScriptArg,
    character: str = typer.Option(..., "--character", help="Whose lines.", show_default=False),
    scene: str | None = typer.Option(None, "--scene", help="The scene's number (default: the "
                                     "scene where the character speaks most)."),
    apply: ApplyOption = False,
    out: OutOption = None,
    backup_dir: BackupOption = None,
    force: ForceOption = False,
    plain: bool | None = plain_option(),
    config: ConfigOption = None,
) -> None:  # fmt: skip
    settings = api.load_settings(config)
    suggestion = api.suggest_scene(file, "punch_up", scene, settings, character=character)
    _finish(suggestion, apply=apply, out=out, backup_dir=backup_dir, force=force, plain=plain)


@app.command(help="Restore FILE from its newest numbered backup (FILE.~N~) and remove that backup.")
@handles_errors
def undo(
    file: Path = typer.Argument(..., metavar="FILE", help="The script.", show_default=False),
    backup_dir: Path | None = typer.Option(None, "--backup-dir", help="Where the backups are."),
) -> None:  # fmt: skip
    backup = api.undo_last(file, backup_dir=backup_dir)
    typer.echo(f"Restored {file} from {backup}.")
