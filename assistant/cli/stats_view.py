"""Rich tables for ``slate stats``: the figures a writer or line producer checks first."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from assistant.script.model import Screenplay
from assistant.script.stats_models import ScriptStats, Share

TOP_LOCATIONS = 12
"""Rows of the locations table; a feature has 40-80 locations, the first dozen carry most pages."""
TOP_CHARACTERS = 15


def _pages(eighths: int) -> str:
    """Eighths as a line producer writes them: ``2 3/8``, ``5/8``, ``1``."""
    whole, rest = divmod(eighths, 8)
    if not rest:
        return str(whole)
    return f"{whole} {rest}/8" if whole else f"{rest}/8"


def _share_row(label: str, share: Share, total_scenes: int) -> tuple[str, str, str, str]:
    percent = f"{100 * share.scenes / total_scenes:.0f}%" if total_scenes else "-"
    return label, str(share.scenes), percent, _pages(share.eighths)


def print_stats(screenplay: Screenplay, stats: ScriptStats, console: Console | None = None) -> None:
    """Print the overview, INT/EXT, DAY/NIGHT, locations and characters tables."""
    console = console or Console()
    title = stats.title or (screenplay.source.path or "Screenplay")

    overview = Table(title=title, show_header=False, title_justify="left")
    overview.add_column("figure", style="bold")
    overview.add_column("value", justify="right")
    overview.add_row("Scenes", str(stats.scene_count))
    overview.add_row("Pages", str(stats.page_count))
    overview.add_row("Length (eighths)", _pages(stats.total_eighths))
    overview.add_row("Speaking characters", str(len(stats.characters)))
    overview.add_row("Locations", str(len(stats.locations)))
    ratio = stats.words.dialogue_to_action_ratio
    overview.add_row("Dialogue : action (words)", f"{ratio:.2f}" if ratio is not None else "-")
    overview.add_row("Screen time, page a minute", f"{stats.screen_time.page_rule_minutes:.0f} min")
    overview.add_row("Screen time, estimated", f"{stats.screen_time.estimated_minutes:.0f} min")
    console.print(overview)

    splits = Table(title="Interior / exterior and time of day", title_justify="left")
    splits.add_column("")
    for column in ("scenes", "share", "pages"):
        splits.add_column(column, justify="right")
    n = stats.scene_count
    for label, share in (
        ("INT", stats.int_ext.interior),
        ("EXT", stats.int_ext.exterior),
        ("INT/EXT", stats.int_ext.int_ext),
        ("no prefix", stats.int_ext.unspecified),
    ):
        if share.scenes:
            splits.add_row(*_share_row(label, share, n))
    splits.add_section()
    for label, share in (
        ("DAY", stats.time_of_day.day),
        ("NIGHT", stats.time_of_day.night),
        ("other", stats.time_of_day.other),
    ):
        if share.scenes:
            splits.add_row(*_share_row(label, share, n))
    console.print(splits)

    locations = Table(title="Locations (most pages first)", title_justify="left")
    locations.add_column("location")
    locations.add_column("scenes", justify="right")
    locations.add_column("pages", justify="right")
    for place in stats.locations[:TOP_LOCATIONS]:
        locations.add_row(place.name, str(place.scenes), _pages(place.eighths))
    if len(stats.locations) > TOP_LOCATIONS:
        locations.caption = f"and {len(stats.locations) - TOP_LOCATIONS} more"
    console.print(locations)

    cast = Table(title="Characters (most speeches first)", title_justify="left")
    cast.add_column("character")
    cast.add_column("speeches", justify="right")
    cast.add_column("words", justify="right")
    cast.add_column("scenes", justify="right")
    cast.add_column("description")
    descriptions = {c.name: c.description or "" for c in screenplay.characters}
    for person in stats.characters[:TOP_CHARACTERS]:
        cast.add_row(
            person.name,
            str(person.speeches),
            str(person.words),
            str(person.scenes),
            descriptions.get(person.name, ""),
        )
    if len(stats.characters) > TOP_CHARACTERS:
        cast.caption = f"and {len(stats.characters) - TOP_CHARACTERS} more"
    console.print(cast)
