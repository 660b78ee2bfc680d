"""``slate cast``: search a casting index, suggest actors for a script's characters, manage it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from assistant import api
from assistant.cli.errors import handles_errors
from assistant.cli.help import SlateTyper
from assistant.cli.main import app
from assistant.cli.options import from_option, plain_option, script_argument, wants_plain
from assistant.errors import CastingError

if TYPE_CHECKING:
    from assistant.casting.search import CastResult
    from assistant.casting.store import CastFilters
    from assistant.cli.output import Output

cast_app = SlateTyper(
    help="Casting: search actor profiles, suggest actors for a script's "
    "characters, build and check the index.",
    no_args_is_help=True,
)
index_app = SlateTyper(help="Build, change and check a casting index.", no_args_is_help=True)
cast_app.add_typer(index_app, name="index")
app.add_typer(cast_app, name="cast")


def _index_option() -> Any:
    return typer.Option(
        None,
        "--index",
        help="Index folder (default: the casting.index_dir setting, index/).",
        show_default=False,
    )


def _config_option() -> Any:
    return typer.Option(
        None,
        "--config",
        help="TOML config file (default: $SLATE_CONFIG, else ~/.config/slate/config.toml).",
        show_default=False,
    )


def parse_age(text: str | None) -> tuple[int, int] | None:
    """``55-70`` or ``40`` as (min, max)."""
    if text is None:
        return None
    low, _, high = text.partition("-")
    try:
        a, b = int(low), int(high or low)
    except ValueError as exc:
        raise CastingError(f"--age {text!r}: give a range like 55-70") from exc
    if a > b or a < 0 or b > 120:
        raise CastingError(f"--age {text!r}: give a range like 55-70 (low first, 0-120)")
    return a, b


def parse_dates(text: str | None) -> tuple[dt.date, dt.date] | None:
    """``2027-03-01..2027-04-15`` (one date alone means that day)."""
    if text is None:
        return None
    start, _, end = text.partition("..")
    try:
        first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end or start)
    except ValueError as exc:
        raise CastingError(f"--available {text!r}: give dates like 2027-03-01..2027-04-15") from exc
    if first > last:
        raise CastingError(f"--available {text!r}: the start is after the end")
    return first, last


def make_filters(
    age: str | None,
    gender: list[str],
    language: list[str],
    skill: list[str],
    union: str | None,
    city: str | None,
    available: str | None,
    max_rate: int | None,
) -> CastFilters:
    from assistant.casting.profiles import AgeRange
    from assistant.casting.store import CastFilters

    ages = parse_age(age)
    return CastFilters(
        age=AgeRange(min=ages[0], max=ages[1]) if ages else None,
        gender=[g.lower() for g in gender],
        languages=[c.lower() for c in language],
        skills=[s.lower() for s in skill],
        union_status=union,
        city=city,
        available=parse_dates(available),
        max_rate=max_rate,
    )


_SEARCH_HELP = """Find actors for a role: hard filters first (every result passes all of them),
then the profiles ranked by meaning (the embedder) and by shared words (BM25) over bio, skills and
credits, fused as a weighted sum of normalised scores. Each result says why it matched. When no
profile passes the filters, Slate says which filter left no one. See docs/casting.md."""


@cast_app.command(help=_SEARCH_HELP)
@handles_errors
def search(
    query: str = typer.Argument(
        ..., metavar="QUERY", help="The role in words.", show_default=False
    ),
    age: str | None = typer.Option(
        None,
        "--age",
        help="Role's age range, e.g. 55-70; playing ages that overlap it pass.",
        show_default=False,
    ),
    gender: list[str] = typer.Option([], "--gender", help="Gender identity (repeat for any of)."),
    language: list[str] = typer.Option(
        [], "--language", help="Language code, e.g. en (repeat: all of)."
    ),
    skill: list[str] = typer.Option(
        [], "--skill", help="Skill from the taxonomy, e.g. boxing (repeat: all of)."
    ),
    union: str | None = typer.Option(
        None, "--union", help="union, non-union or union-eligible.", show_default=False
    ),
    city: str | None = typer.Option(
        None, "--city", help="Based there, or willing to travel.", show_default=False
    ),
    available: str | None = typer.Option(
        None,
        "--available",
        help="Free for the whole shoot, e.g. 2027-03-01..2027-04-15.",
        show_default=False,
    ),
    max_rate: int | None = typer.Option(
        None, "--max-rate", min=0, help="Highest day rate the budget allows.", show_default=False
    ),
    k: int = typer.Option(10, "-k", "--top", min=1, max=200, help="Results to show."),
    as_json: bool = typer.Option(False, "--json", help="Print slate.cast.search/1 JSON."),
    index: Path | None = _index_option(),
    plain: bool | None = plain_option(),
    config: Path | None = _config_option(),
) -> None:
    filters = make_filters(age, gender, language, skill, union, city, available, max_rate)
    settings = api.load_settings(config)
    found = api.cast_search(query, filters, index_dir=index, settings=settings, k=k)
    if as_json:
        typer.echo(found.model_dump_json(indent=2))
        return
    from assistant.cli.output import Output

    out = Output(wants_plain(plain))
    for note in found.notes:
        out.line(f"Note: {note}", style="yellow")
    if found.results:
        _results_table(
            out,
            f"Cast for: {found.query[:80]}",
            found.results,
            f"{found.candidates} profiles passed the filters.",
        )


def _results_table(out: Output, title: str, results: list[CastResult], caption: str) -> None:
    from assistant.cli.output import Column

    rows = [
        [
            str(n),
            r.name,
            r.id,
            f"{r.playing_age.min}-{r.playing_age.max}",
            r.base_city,
            f"{r.score:.4f}",
            "; ".join(r.reasons),
        ]
        for n, r in enumerate(results, start=1)
    ]
    columns = [
        Column("#", right=True),
        Column("Name"),
        Column("Id"),
        Column("Plays"),
        Column("City"),
        Column("Score", right=True),
        Column("Why", max_width=60),
    ]
    out.table(title, columns, rows, caption=caption)


_SUGGEST_HELP = """Read each speaking character's casting brief from the script (age range and
gender when the first-appearance description states them, role size from scenes and speeches,
the description, what others say about them, skills the action calls for) and search the index
with it. The brief is shown with the `slate cast search` command that ran, to edit and run again."""


@cast_app.command(help=_SUGGEST_HELP)
@handles_errors
def suggest(
    file: Path = script_argument(),
    character: str | None = typer.Option(
        None, "--character", help="Only this character.", show_default=False
    ),
    k: int = typer.Option(5, "-k", "--top", min=1, max=50, help="Actors per character."),
    as_json: bool = typer.Option(False, "--json", help="Print slate.cast.suggest/1 JSON."),
    index: Path | None = _index_option(),
    plain: bool | None = plain_option(),
    input_format: str | None = from_option(),
    config: Path | None = _config_option(),
) -> None:
    screenplay = api.open_script(file, format=input_format)
    settings = api.load_settings(config)
    found = api.cast_suggest(
        screenplay, character=character, index_dir=index, settings=settings, k=k
    )
    if as_json:
        typer.echo(found.model_dump_json(indent=2))
        return
    from assistant.cli.output import Output

    out = Output(wants_plain(plain))
    if not found.characters:
        out.line("The script has no speaking characters.")
    for item in found.characters:
        b = item.brief
        age = f"{b.age.min}-{b.age.max} (from {b.age_text!r})" if b.age else "not stated"
        out.line(
            f"{b.name}: {b.role_size}, {b.scenes} scenes, {b.speeches} speeches; "
            f"age {age}; gender {b.gender or 'not stated'}",
            style="bold",
        )
        if b.description:
            out.line(f"  Description: {b.description}")
        for line in b.said_about:
            out.line(f"  Said of them: {line}")
        if b.skills:
            out.line(f"  Action calls for: {', '.join(b.skills)}")
        out.line(f"  Query: {b.query}")
        out.line(f"  Search again: {item.search_command}")
        for note in item.notes:
            out.line(f"  Note: {note}", style="yellow")
        if item.results:
            _results_table(out, f"Suggestions for {b.name}", item.results, "")


@index_app.command(
    help="Build an index from a roster file (.csv, .jsonl, .yaml; `demo` for the "
    "bundled 600 fictional actors), replacing what the folder held."
)
@handles_errors
def build(
    roster: str = typer.Argument(
        ..., metavar="ROSTER", help="Roster file, or demo.", show_default=False
    ),
    index: Path | None = _index_option(),
    as_json: bool = typer.Option(False, "--json", help="Print the import summary and header."),
    config: Path | None = _config_option(),
) -> None:
    path = api.demo_roster_path() if roster == "demo" else Path(roster)
    report = api.import_roster(path)
    _import_errors(report, as_json)
    settings = api.load_settings(config)
    meta = api.build_cast_index(
        report, index, settings, on_progress=None if as_json else typer.echo
    )
    _done(report, meta.model_dump(mode="json"), as_json)


def _import_errors(report: Any, as_json: bool) -> None:
    if as_json:
        return
    for err in report.errors[:20]:
        typer.echo(f"row {err.row}, {err.field}: {err.message}", err=True)
    if len(report.errors) > 20:
        typer.echo(f"... and {len(report.errors) - 20} more problems", err=True)
    typer.echo(report.summary())


def _done(report: Any, result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        errors = [e.model_dump() for e in report.errors] if report else []
        summary = report.summary() if report else None
        typer.echo(
            json.dumps(
                {
                    "import": {
                        "summary": summary,
                        "errors": errors,
                        "duplicates": report.duplicates if report else [],
                    },
                    "index": result,
                },
                indent=2,
            )
        )
    else:
        typer.echo(f"index: {result.get('count')} profiles")


@index_app.command(
    help="Add profiles from a roster file; profiles whose id the index holds are replaced."
)
@handles_errors
def add(
    roster: Path = typer.Argument(..., metavar="ROSTER", show_default=False),
    index: Path | None = _index_option(),
    as_json: bool = typer.Option(False, "--json", help="Print what changed as JSON."),
    config: Path | None = _config_option(),
) -> None:
    report = api.import_roster(roster)
    _import_errors(report, as_json)
    change = api.change_cast_index(index, api.load_settings(config), upsert=report)
    _done(report, change.model_dump(mode="json"), as_json)


@index_app.command(help="Remove profiles by id.")
@handles_errors
def remove(
    ids: list[str] = typer.Argument(..., metavar="ID...", show_default=False),
    index: Path | None = _index_option(),
    as_json: bool = typer.Option(False, "--json", help="Print what changed as JSON."),
    config: Path | None = _config_option(),
) -> None:
    change = api.change_cast_index(index, api.load_settings(config), remove=ids)
    if as_json:
        typer.echo(change.model_dump_json(indent=2))
        return
    if change.missing:
        typer.echo(f"not in the index: {', '.join(change.missing)}", err=True)
    typer.echo(f"removed {len(change.removed)}; index: {change.count} profiles")


@index_app.command(
    help="Check every file against the header (sizes, checksums, counts) and the "
    "configured embedder; exit 7 with the rebuild command when it fails."
)
@handles_errors
def check(index: Path | None = _index_option(), config: Path | None = _config_option()) -> None:
    stats = api.cast_index_stats(index, api.load_settings(config), check_model=True)
    typer.echo(f"ok: {stats.count} profiles, {stats.plan.factory}, embedder {stats.model_id}")


@index_app.command(help="What the index holds: count, embedder, index type, size on disk.")
@handles_errors
def stats(
    index: Path | None = _index_option(),
    as_json: bool = typer.Option(False, "--json", help="Print the stats as JSON."),
    config: Path | None = _config_option(),
) -> None:
    found = api.cast_index_stats(index, api.load_settings(config))
    if as_json:
        typer.echo(found.model_dump_json(indent=2))
        return
    typer.echo(
        f"{found.path}: generation {found.generation}, {found.count} profiles, "
        f"{found.dimension}-d vectors from {found.model_id}, {found.plan.factory}, "
        f"{found.bytes_on_disk / 1e6:.1f} MB on disk"
    )
