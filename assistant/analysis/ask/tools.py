"""Script tools: questions the parsed model answers exactly, computed rather than generated.

Each tool reads ``ScriptFacts`` (who speaks or is named in each scene, headings, pages) and
returns a ``ToolResult`` whose answer cites the scenes it counted, or None when the question lacks
what the tool needs (a character name, say), so the question goes to retrieval instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.analysis.ask.script_facts import SceneFacts, ScriptFacts
from assistant.analysis.scene_text import display_name
from assistant.script.model import IntExt, Screenplay
from assistant.script.stats_models import ScriptStats

MAX_LISTED = 12
"""Scenes named in an answer's text; all of them are in its citations."""


@dataclass
class ToolResult:
    """A computed answer and the scenes it rests on (0-based indices, in the order to cite)."""

    answer: str
    scenes: list[int] = field(default_factory=list)


@dataclass
class ToolContext:
    """What a tool may read: the question, the script, its facts, names found in the question."""

    question: str
    screenplay: Screenplay
    facts: ScriptFacts
    characters: list[str]
    locations: list[str]
    turning_points: Callable[[], list[tuple[str, int]]] | None = None
    """``(name, scene index)`` of the five turning points, computed on demand (it embeds)."""
    _stats: list[ScriptStats] = field(default_factory=list)

    def stats(self) -> ScriptStats:
        """The script's statistics (``slate stats``), computed once per context."""
        if not self._stats:
            from assistant.script.stats import compute_stats

            self._stats.append(compute_stats(self.screenplay))
        return self._stats[0]


def _name(cue: str) -> str:
    return display_name(cue)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _listing(scenes: list[SceneFacts]) -> str:
    shown = [f"{s.label} ({s.heading}, p. {s.page})" for s in scenes[:MAX_LISTED]]
    more = len(scenes) - MAX_LISTED
    return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")


def _headed(facts: ScriptFacts) -> list[SceneFacts]:
    return [s for s in facts.scenes if s.heading]


def character_scenes(ctx: ToolContext) -> ToolResult | None:
    """Which scenes a character is in: those they speak in, and those naming them in action."""
    if not ctx.characters:
        return None
    name = ctx.characters[0]
    speaks = [s for s in ctx.facts.scenes if name in s.speakers]
    named = [s for s in ctx.facts.scenes if name in s.mentioned]
    if not speaks and not named:
        return ToolResult(f"{_name(name)} is in no scene.")
    total = _plural(len(speaks) + len(named), "scene")
    parts = []
    if speaks:
        parts.append(f"speaks in {len(speaks)}: {_listing(speaks)}")
    if named:
        parts.append(f"is named in the action of {len(named)}: {_listing(named)}")
    cited = sorted({s.index for s in [*speaks, *named]})
    return ToolResult(
        f"{_name(name)} is in {total}; {_name(name)} " + "; and ".join(parts) + ".", cited
    )


def first_shared_scene(ctx: ToolContext) -> ToolResult | None:
    """The first scene two characters are both in (speaking or named in action)."""
    if len(ctx.characters) < 2:
        return None
    first, second = ctx.characters[:2]
    # Not the block before the first heading: title-page matter, where a cast list names
    # everyone together.
    for scene in [s for s in ctx.facts.scenes if s.heading] or ctx.facts.scenes:
        if first in scene.present and second in scene.present:
            return ToolResult(
                f"{_name(first)} and {_name(second)} first share {scene.citation}.",
                [scene.index],
            )
    return ToolResult(f"{_name(first)} and {_name(second)} never share a scene.")


_INT = re.compile(r"\b(interior|interiors|inside|indoors?|int)\b", re.I)
_EXT = re.compile(r"\b(exterior|exteriors|outside|outdoors?|ext)\b", re.I)
_NIGHT = re.compile(r"\b(night|nights|nighttime)\b", re.I)
_DAY = re.compile(r"\b(day|days|daytime|daylight|morning)\b", re.I)
_EVENING = re.compile(r"\b(evenings?|dusk|sunset|sundown|twilight)\b", re.I)
_TIMES = (("day", _DAY), ("night", _NIGHT), ("evening", _EVENING))
"""The times a count can ask for, as ``SceneFacts.time_group`` names them."""


def _names(place: str, cue: str) -> bool:
    """True when the heading location ``place`` holds the cue as a word (``VARGA'S FARM``)."""
    return re.search(rf"(?<![A-Z]){re.escape(cue)}(?![A-Z])", place) is not None


def _counted_apart(scenes: list[SceneFacts], times: list[str]) -> list[str]:
    """What a count by time leaves out that some would count in: the evening, dusk and sunset
    headings of a night count, and continuity headings (``CONTINUOUS``, ``LATER``) after a
    scene of the asked time. A night count is of the headings whose own time is night: the
    tuning golds counted either way, and the answer now gives both."""
    apart = []
    if times == ["night"]:
        evenings = sum(s.time_group == "evening" and not s.continuity for s in scenes)
        apart += [f"{evenings} at evening, dusk or sunset"] if evenings else []
    following = sum(s.time_group in times and s.continuity for s in scenes)
    if following:
        after = f"a {times[0]} one" if following == 1 else f"{times[0]} ones"
        apart.append(f"{_plural(following, 'continuity scene')} after {after}")
    return apart


_ASKS_LOCATIONS = re.compile(
    r"\blocations?\b|\bsets?\b(?!\s+(?:in|at|on|inside|outside|around|near|by)\b)"
    r"|(?<!\btake )(?<!\btakes )(?<!\btaking )(?<!\btook )\bplaces?\b",
    re.IGNORECASE,
)
"""A count of the locations themselves ("how many sets / places / locations"), not of scenes
"set in" or that "take place" / "took place" at one: those are counts at a place."""


_SPEAKS = re.compile(r"\b(speaks?|speaking|talks?|talking|has lines|says anything)\b", re.I)
"""A count of the scenes where someone speaks, not of every scene they are in (named in action
too)."""
_SILENT = re.compile(
    r"(?:\b(?:without|never|not)|n[o'’]t)\s+(?:speaks?|speaking|talks?|talking|saying anything)\b",
    re.I,
)
"""A count of the scenes someone is in without speaking: the opposite of ``_SPEAKS``'s set."""


def scene_counts(ctx: ToolContext) -> ToolResult | None:
    """How many scenes, optionally interior/exterior, day/night, at a location or with someone."""
    question = ctx.question
    if _ASKS_LOCATIONS.search(question) and not ctx.locations:
        places = {s.location for s in _headed(ctx.facts) if s.location}
        return ToolResult(f"The script has {len(places)} distinct locations on its headings.")
    scenes = _headed(ctx.facts)
    said: list[str] = []
    if _INT.search(question) and not _EXT.search(question):
        scenes = [s for s in scenes if s.int_ext in (IntExt.INT, IntExt.INT_EXT)]
        said.append("interior")
    elif _EXT.search(question) and not _INT.search(question):
        scenes = [s for s in scenes if s.int_ext in (IntExt.EXT, IntExt.INT_EXT)]
        said.append("exterior")
    place = ctx.locations[0] if ctx.locations else None
    if place is not None:
        scenes = [s for s in scenes if place in s.location]
        said.append(f"at {place}")
    # A place named after someone ("VARGA'S FARM") is no filter on them too: it counted only
    # the scenes there that Varga is in.
    who = [c for c in ctx.characters if place is None or not _names(place, c)]
    if who and _SILENT.search(question):  # "... is Ada in without speaking?"
        scenes = [s for s in scenes if who[0] in s.present and who[0] not in s.speakers]
        said.append(f"where {_name(who[0])} is present but does not speak")
    elif who and _SPEAKS.search(question):  # "In how many scenes does Ada speak?"
        scenes = [s for s in scenes if who[0] in s.speakers]
        said.append(f"where {_name(who[0])} speaks")
    elif who:
        scenes = [s for s in scenes if who[0] in s.present]
        said.append(f"with {_name(who[0])}")
    times = [name for name, asks in _TIMES if asks.search(question)]
    apart: list[str] = []  # left out of a time count and said: some count them in
    if times and not ("day" in times and "night" in times):  # "day or night": no split
        apart = _counted_apart(scenes, times)
        scenes = [s for s in scenes if s.time_group in times and not s.continuity]
        said.insert(0, " or ".join(times))
    kind = " ".join(w for w in said if not w.startswith(("at ", "with ", "where ")))
    where = " ".join(w for w in said if w.startswith(("at ", "with ", "where ")))
    noun = ("scene" if len(scenes) == 1 else "scenes") if not kind else f"{kind} scenes"
    if kind and len(scenes) == 1:
        noun = noun[:-1]
    eighths = sum(s.eighths for s in scenes)
    text = f"The script has {len(scenes)} {noun}{' ' + where if where else ''}"
    text += f" ({eighths // 8} {eighths % 8}/8 pages)." if scenes else "."
    if scenes and (said and len(scenes) <= MAX_LISTED):
        text += f" They are {_listing(scenes)}."
    if apart:  # after a colon: not the count itself (eval_ask reads a count before one)
        text += f" Counted apart: {'; '.join(apart)}."
    return ToolResult(text, [s.index for s in scenes] if said else [])


def length(ctx: ToolContext) -> ToolResult | None:
    """Pages and estimated screen time, of the script or of one character's scenes."""
    if ctx.characters:
        name = ctx.characters[0]
        scenes = [s for s in ctx.facts.scenes if name in s.present]
        eighths = sum(s.eighths for s in scenes)
        return ToolResult(
            f"{_name(name)} is in {_plural(len(scenes), 'scene')} totalling {eighths // 8} "
            f"{eighths % 8}/8 pages, about {_plural(round(eighths / 8), 'minute')} at a page a "
            "minute.",
            [s.index for s in scenes],
        )
    stats = ctx.stats()
    time = stats.screen_time
    return ToolResult(
        f"The script runs {_plural(stats.page_count, 'page')} in "
        f"{_plural(stats.scene_count, 'scene')}: about "
        f"{_plural(round(time.page_rule_minutes), 'minute')} at a page a minute "
        f"({round(time.estimated_minutes)} by the dialogue-and-action estimate)."
    )


def speaks_most(ctx: ToolContext) -> ToolResult | None:
    """Who speaks most: speeches and words per character."""
    ranked = ctx.stats().characters
    if not ranked:
        return ToolResult("Nobody speaks in this script.")
    top = ranked[:3]
    lines = [
        f"{_name(c.name)} ({c.speeches} speech{'es' * (c.speeches != 1)}, "
        f"{_plural(c.words, 'word')})"
        for c in top
    ]
    return ToolResult(
        f"{_name(top[0].name)} speaks most: {lines[0]}"
        + (f"; then {', '.join(lines[1:])}." if len(lines) > 1 else "."),
        [top[0].first_scene],
    )


def first_appearance(ctx: ToolContext) -> ToolResult | None:
    """A character's first scene (speaking or named in action) and how the script introduces
    them: the description it gives, else the first action sentence naming them."""
    if not ctx.characters:
        return None
    name = ctx.characters[0]
    character = next((c for c in ctx.screenplay.characters if c.name == name), None)
    present = [s for s in ctx.facts.scenes if name in s.present]
    if character is None or not present:
        return None
    first = min(present[0].index, character.first_scene)
    scene = ctx.facts.scenes[first]
    text = f"{_name(name)} first appears in {scene.citation}."
    if character.description:
        return ToolResult(
            f"{text} The script introduces them as: {character.description}.", [first]
        )
    pattern = re.compile(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", re.IGNORECASE)
    intro = next(
        (u.text for u in scene.units if u.speaker is None and pattern.search(u.text)), None
    )
    if intro:
        text += f" The first line naming them: {intro}"
    return ToolResult(text, [first])


def turning_points(ctx: ToolContext) -> ToolResult | None:
    """The five turning points and their scenes (Slate's scene-strength model)."""
    if ctx.turning_points is None:
        return None
    picks = ctx.turning_points()
    if not picks:
        return ToolResult("The script is too short to place five turning points.")
    parts = [f"{name}: {ctx.facts.scenes[i].citation}" for name, i in picks]
    return ToolResult(
        "Slate's scene-strength model places the turning points at " + "; ".join(parts) + ".",
        [i for _, i in picks],
    )


_FIRST = re.compile(r"\bfirst\b|\bmeets?\b|\bmet\b", re.I)


def shared_scenes(ctx: ToolContext) -> ToolResult | None:
    """Every scene two or more characters are all in (speaking or named in action); "first"
    and "meet" questions are left to ``first_shared_scene``."""
    if len(ctx.characters) < 2 or _FIRST.search(ctx.question):
        return None
    names = ctx.characters
    together = [s for s in ctx.facts.scenes if all(n in s.present for n in names)]
    who = ", ".join(_name(n) for n in names[:-1]) + f" and {_name(names[-1])}"
    if not together:
        return ToolResult(f"{who} are never in the same scene.")
    eighths = sum(s.eighths for s in together)
    return ToolResult(
        f"{who} are together in {_plural(len(together), 'scene')} ({eighths // 8} {eighths % 8}/8 "
        f"pages): {_listing(together)}.",
        [s.index for s in together],
    )


MAIN_LOCATIONS = 5
"""Locations named by ``main_locations``."""
_WHEN = re.compile(r"\b(when|year|years|decade|century|era|period|date|time)\b", re.I)


def main_locations(ctx: ToolContext) -> ToolResult | None:
    """Where the story is set: the locations on the headings with the most scenes, each with its
    page length and first scene. A question about when ("What year is the story set in?") is
    not one about where, however close an embedder puts the two."""
    if _WHEN.search(ctx.question):
        return None
    counts: dict[str, list[SceneFacts]] = {}
    for scene in _headed(ctx.facts):
        if scene.location:
            counts.setdefault(scene.location, []).append(scene)
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda item: (-len(item[1]), item[1][0].index))
    parts = []
    for place, scenes in ranked[:MAIN_LOCATIONS]:
        eighths = sum(s.eighths for s in scenes)
        parts.append(
            f"{place} ({_plural(len(scenes), 'scene')}, {eighths // 8} {eighths % 8}/8 pages, "
            f"first {scenes[0].label})"
        )
    return ToolResult(
        f"The script is set in {_plural(len(counts), 'location')}; most used: "
        + "; ".join(parts)
        + ".",
        [scenes[0].index for _, scenes in ranked[:MAIN_LOCATIONS]],
    )
