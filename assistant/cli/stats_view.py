"""Tables for ``slate stats``: the figures a writer or line producer checks first."""

from __future__ import annotations

from assistant.cli.output import Column, Output, Row
from assistant.script.model import Screenplay
from assistant.script.stats_models import ScriptStats, Share

TOP_LOCATIONS = 12
"""Rows of the locations table without ``--all``; a feature has 40-80 locations, the first dozen
carry most pages."""
TOP_CHARACTERS = 15
"""Rows of the characters table without ``--all``."""


def pages(eighths: int) -> str:
    """Eighths as a line producer writes pages: ``2 3/8``, ``5/8``, ``1``."""
    whole, rest = divmod(eighths, 8)
    if not rest:
        return str(whole)
    return f"{whole} {rest}/8" if whole else f"{rest}/8"


def _share_row(label: str, share: Share, total_scenes: int) -> list[str]:
    percent = f"{100 * share.scenes / total_scenes:.0f}%" if total_scenes else "-"
    return [label, str(share.scenes), percent, pages(share.eighths)]


def _more(shown: int, total: int, what: str) -> str | None:
    return f"and {total - shown} more {what} (--all shows them)" if total > shown else None


def print_stats(
    screenplay: Screenplay, stats: ScriptStats, out: Output, *, show_all: bool = False
) -> None:
    """Print the overview, INT/EXT, DAY/NIGHT, locations and characters tables.

    Without ``show_all`` the locations stop at ``TOP_LOCATIONS`` rows and the characters at
    ``TOP_CHARACTERS``, with a caption saying how many were left out.
    """
    title = stats.title or (screenplay.source.path or "Screenplay")
    ratio = stats.words.dialogue_to_action_ratio
    overview: list[Row] = [
        ["Scenes" if stats.counted_by == "master" else "Scenes (numbered)", str(stats.scene_count)],
        *([["Numbered shots", str(stats.shot_count)]] if stats.shot_count else []),
        [
            "Scene numbers",
            "as in the script" if screenplay.numbering == "written" else "by position",
        ],
        ["Pages", stats.pages_text],
        ["Length (pages, to the eighth)", pages(stats.total_eighths)],
        ["Speaking characters", str(len(stats.characters))],
        ["Locations", str(len(stats.locations))],
        ["Dialogue : action (words)", f"{ratio:.2f}" if ratio is not None else "-"],
        ["Screen time, page a minute", f"{stats.screen_time.page_rule_minutes:.0f} min"],
        ["Screen time, estimated", f"{stats.screen_time.estimated_minutes:.0f} min"],
    ]
    out.table(title, [Column("figure"), Column("value", right=True)], overview, show_header=False)

    n = stats.master_scene_count  # the splits count master scenes, whatever --count-by says
    splits: list[Row] = [
        _share_row(label, share, n)
        for label, share in (
            ("INT", stats.int_ext.interior),
            ("EXT", stats.int_ext.exterior),
            ("INT/EXT", stats.int_ext.int_ext),
            ("no prefix", stats.int_ext.unspecified),
        )
        if share.scenes
    ]
    splits.append(None)
    splits += [
        _share_row(label, share, n)
        for label, share in (
            ("DAY", stats.time_of_day.day),
            ("NIGHT", stats.time_of_day.night),
            ("other", stats.time_of_day.other),
        )
        if share.scenes
    ]
    numbers = [Column("scenes", right=True), Column("share", right=True)]
    out.table(
        "Interior / exterior and time of day",
        [Column(""), *numbers, Column("pages", right=True)],
        splits,
    )

    places = stats.locations if show_all else stats.locations[:TOP_LOCATIONS]
    out.table(
        "Locations (most pages first)",
        [Column("location"), Column("scenes", right=True), Column("pages", right=True)],
        [[p.name, str(p.scenes), pages(p.eighths)] for p in places],
        caption=_more(len(places), len(stats.locations), "locations"),
    )

    descriptions = {c.name: c.description or "" for c in screenplay.characters}
    people = stats.characters if show_all else stats.characters[:TOP_CHARACTERS]
    out.table(
        "Characters (most speeches first)",
        [
            Column("character"),
            Column("speeches", right=True),
            Column("words", right=True),
            Column("scenes", right=True),
            Column("description"),
        ],
        [
            [p.name, str(p.speeches), str(p.words), str(p.scenes), descriptions.get(p.name, "")]
            for p in people
        ],
        caption=_more(len(people), len(stats.characters), "characters"),
    )
