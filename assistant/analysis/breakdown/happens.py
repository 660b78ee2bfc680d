"""Elements told by what happens to a thing (wave 11, from dev's misses): a fire or an explosion
named by what burns or explodes, a screen that shows a picture, each owner's weapon where two
characters draw ``their`` guns, and a character's generic gun named as their firearm elsewhere.

Used by ``breakdown.py`` on action paragraphs (after ``rules.refine``) and, for the guns, over the
whole script's sheets. Every gap is bounded, so a paragraph is still read in one linear pass.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.analysis.breakdown.lexicon import Entry, Match, singular
from assistant.analysis.breakdown.rules.weapons import _FIREARMS, _GENERIC_ARMS, _TITLES

if TYPE_CHECKING:
    from assistant.analysis.breakdown.model import Element

_NOT_THINGS = frozenset((
    "it", "he", "she", "they", "who", "that", "which", "this", "what", "everything", "something",
    "crowd", "audience", "room", "place", "hall", "everyone", "sun", "eyes", "eye", "cheeks",
    "face", "skin", "throat", "lungs", "ears", "stomach", "chest", "head", "heart", "anger",
    "rage", "temper", "pain", "fever", "desire", "and", "or", "but", "then", "there", "here",
    "a", "an", "the", "his", "her", "its", "their", "of", "with", "in", "on", "at", "to", "into",
))  # fmt: skip
"""Words that are no burning or exploding thing of the set: pronouns, people, the body, feelings
(``her cheeks burn``, ``the crowd explodes``) and function words."""
_BY_VERB = {"burns": "fire", "ignites": "fire", "explodes": "explosion",
            "explode": "explosion", "smolders": "smoke", "smoulders": "smoke"}  # fmt: skip
"""A verb after the thing (``the drum explodes``): the effect it names (not ``burn``, a noun as
often: ``a slow, deep burn`` is a look)."""
_BY_ADJECTIVE = {"burning": "fire", "flaming": "fire", "smoldering": "smoke",
                 "smouldering": "smoke", "exploding": "explosion"}  # fmt: skip
"""A participle before the thing (``burning tyres``): the effect it names."""
_THING_BEFORE = re.compile(r"(?:\b(?:[a-z][a-z\-]+)\s+)?\b([a-z][a-z\-]+)\s+$")
_THING_AFTER = re.compile(r"\s+([a-z][a-z\-]+)\b")
_MOVING_AFTER = re.compile(r"\s+(?:through|out|across|past|from|onto|up|over|forward|toward)\b")
"""``the whale explodes through the waves``: movement, not a blast."""


def named_by_thing(text: str, match: Match, cast_words: set[str]) -> Match:
    """A fire, an explosion or smoke hit named by what burns or explodes: ``a stack of pallets
    burns`` is a ``pallet fire``, ``burning tyres`` a ``tyre fire``, ``the fuel drum explodes`` a
    ``fuel drum explosion`` (what the effects crew must rig); the hit as it was otherwise."""
    if match.entry.category != "special_effects":
        return match
    lower = match.surface.lower()
    effect = _BY_VERB.get(lower)
    thing: list[str] = []
    if effect and match.entry.name == effect and not _MOVING_AFTER.match(text, match.end):
        found = _THING_BEFORE.search(text[max(0, match.start - 40) : match.start])
        if found:
            words = [w for w in (found.group(0).split()) if w]
            while words and words[0] in _NOT_THINGS:
                words.pop(0)
            thing = words if words and words[-1] not in _NOT_THINGS else []
    elif (effect := _BY_ADJECTIVE.get(lower)) and match.entry.name == effect:
        found = _THING_AFTER.match(text, match.end)
        if found and found.group(1) not in _NOT_THINGS:
            thing = [found.group(1)]
    if not thing or set(thing) & cast_words:
        return match
    name = " ".join([*thing[:-1], singular(thing[-1]), effect or ""])
    return Match(Entry("special_effects", name, implied=True), match.start, match.end,
                 match.surface, match.count)  # fmt: skip


_SHOWS = re.compile(
    r"\b(?:(?P<owner>t\.v\.|tv|television|monitor|laptop|computer|phone)\s+)?"
    r"(?P<device>t\.v\.|tvs?|televisions?|monitors?|screens?|laptops?|computers?)"
    r"(?:\s+[a-z]+)?\s+(?P<verb>shows|plays|displays|replays|flashes up|scrolls|pinpoints|"
    r"lights up with|flickers to life|comes alive|comes on|cuts to|goes blank)\b",
    re.IGNORECASE,
)
"""A screen device as the subject of a showing verb, not all in capitals (the film's own frame:
``SCREEN GOES BLACK``): ``the big monitor shows the yard``, ``screen after screen
pinpoints``, ``the tv plays the tape``; ``the TV screen shows`` is the TV's. Not ``the screen
fills with``, a close shot as often as a picture."""
_A_DEVICE = re.compile(r"\b(?:t\.v\.|tvs?|televisions?|monitors?|laptops?|computers?)(?!\w)",
                       re.IGNORECASE)  # fmt: skip


def screen_pictures(text: str) -> list[Match]:
    """A picture a screen shows (``the monitor shows the yard from above``): video playback on
    that screen, a visual effect (implied), named as the lexicon names a playback."""
    found: list[Match] = []
    for hit in _SHOWS.finditer(text):
        if hit.group().isupper():
            continue
        word = (hit.group("owner") or hit.group("device")).lower()
        if word.startswith("screen") and _A_DEVICE.search(text) is None:
            continue  # a bare screen, no device in the paragraph: the film's frame, not a TV's
        device = "tv" if word.startswith(("t.v", "tv", "television")) else singular(word)
        entry = Entry("visual_effects", f"video playback on the {device}", implied=True)
        found.append(Match(entry, hit.start(), hit.end(), text[hit.start() : hit.end()], None))
    return found


_SUBJECT_NAMES = re.compile(r"[A-Z][A-Za-z’'\-]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?;]\s+)(?=[A-Z])")


def shared_owners(text: str, match: Match, cast_words: set[str]) -> list[Match]:
    """``Holt and Marisol draw their pistols``: one weapon each for the cast members the
    sentence names before ``their`` (``holt's pistol``, ``marisol's pistol``); the hit alone
    otherwise (one owner or none: the plural is their guns, as ``refine`` names them)."""
    if match.entry.category != "weapons" or match.entry.implied:
        return [match]
    head = text[max(0, match.start - 160) : match.start]
    if not head.rstrip().lower().endswith("their"):
        return [match]
    opening = [m.end() for m in _SENTENCE_START.finditer(head)]
    owners: list[str] = []
    for word in _SUBJECT_NAMES.finditer(head, opening[-1] if opening else 0):
        lower = word.group().lower()
        if lower in cast_words and lower not in _TITLES and lower not in owners:
            owners.append(lower)
    if len(owners) < 2:
        return [match]
    kind = singular(match.entry.name.split("'s ")[-1])
    return [
        Match(Entry("weapons", f"{owner}'s {kind}"), match.start, match.end, match.surface, None)
        for owner in owners
    ]


def name_owned_guns(scenes: list[list[Element]]) -> None:
    """A character's generic ``gun`` (``holt's gun``) is the one firearm the script names for them
    elsewhere (``holt's pistol``): the armourer's one gun, under one name in every scene. Left
    alone when they have no specific firearm or more than one."""
    specific: dict[str, set[str]] = {}
    for weapons in scenes:
        for element in weapons:
            owner, _, kind = element.name.partition("'s ")
            if kind in _FIREARMS:
                specific.setdefault(owner, set()).add(kind)
    for weapons in scenes:
        names = {element.name for element in weapons}
        renamed: list[Element] = []
        for element in weapons:
            owner, _, kind = element.name.partition("'s ")
            kinds = specific.get(owner, set()) if kind in _GENERIC_ARMS else set()
            if len(kinds) == 1:
                name = f"{owner}'s {next(iter(kinds))}"
                if name in names:
                    continue  # the same gun, already on the sheet by its name
                element = element.model_copy(update={"name": name})
            renamed.append(element)
        weapons[:] = renamed
