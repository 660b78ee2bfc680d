"""The gun a shooter needs when the text never names it (wave 12, from dev's weapon misses).

Someone who fires, shoots or pulls a trigger holds a firearm the armourer must supply, though
the action only tells the shot: ``Kane fires twice``, ``he leans out and shoots at her``, ``the
guards open fire``. One implied weapon per shooter and scene, named by the owner (``kane's gun``,
``guards' guns``), so that ``name_owned_guns`` can give it the firearm the script names for them
elsewhere; ``drop_shooters_guns`` removes it when the scene names that owner's weapon anyway.

The shooter is the sentence's subject: a cast name, a group of armed people (``cops``,
``soldiers``) right before the verb, or, for a sentence that opens with ``he`` or ``she``, the
subject of the sentence before. Every gap is bounded, so a paragraph is read in one pass.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.analysis.breakdown.lexicon import Entry, Match
from assistant.analysis.breakdown.rules.weapons import _TITLES

if TYPE_CHECKING:
    from assistant.analysis.breakdown.model import Element

_SHOOTS = re.compile(
    r"\b(?P<verb>fires|fired|firing|fire|shoots|shooting|shoot|opens\s+fire|opened\s+fire|"
    r"open\s+fire|pulls\s+the\s+trigger|pulled\s+the\s+trigger|squeezes\s+the\s+trigger|"
    r"squeezes\s+off)\b",
    re.IGNORECASE,
)
_NOT_A_SHOT_AFTER = re.compile(
    r"\s+(?:up|away|(?:it|this|that|the\s+[a-z]+)\s+up\b|off\s+(?:an?\s+)?(?:e-?mail|text|message|memo|letter|note|question)|"
    r"(?:\S+\s+){0,2}(?:a\s+)?(?:looks?|glances?|smiles?|grins?|glares?|questions?|e-?mails?|"
    r"texts?|messages?|engines?|thrusters?|rockets?|boosters?|retros?|kiln|furnace|grill)\b|"
    r"past|across|through|into|out|down|along|around|forward|toward|towards|back\b|over|under|"
    r"straight\s+up|upright|to\s+(?:his|her|their)\s+feet)",
    re.IGNORECASE,
)
"""Words after the verb that make it no shot: ``fires up the grill``, ``fires off an email``,
``shoots her a look``, ``fires the thrusters``, ``shoots past``, ``shoots to his feet``,
``fires it up`` (an engine)."""
_NAMED_AFTER = re.compile(
    r"\s+(?:[A-Za-z’'\-]+\s+){0,3}?(?:guns?|pistols?|rifles?|shotguns?|revolvers?|weapons?|"
    r"handguns?|cannons?|arrows?|bows?|crossbows?|missiles?|rockets?|harpoons?|tasers?|"
    r"flare|flares|magnums?|uzis?|blasters?|lasers?)\b",
    re.IGNORECASE,
)
"""The firearm named right after the verb (``firing the machine gun``, ``fires his pistol``):
the lexicon gives it, no second gun is implied."""
_NOT_GUN_SPORTS = re.compile(
    r"\b(?:balls?|hoops?|baskets?|basketball|pucks?|goals?|free throws?|camera|cameras|photos?|"
    r"film|scene|pool|darts?|dice|marbles?)\b",
    re.IGNORECASE,
)
"""Words of the same sentence that make shooting a game's or a camera's (``shoots baskets``,
``grabs balls and shoots``, ``they shoot the scene``)."""
_SENTENCE_END = re.compile(r"[.!?;]")
_NOT_A_SHOT_BEFORE = re.compile(
    r"\b(?:is|was|were|been|be|being|get|gets|got|getting|are|you're|'re|’re|he's|she's|will|"
    r"to|a|the|of|camera|we|photo|photos|video|film|films)\s*$",
    re.IGNORECASE,
)
"""Words before it that make it passive, a noun or filming: ``she was fired``, ``about to
fire``, ``a photo shoot``, ``the camera shoots``, ``we shoot`` (``is shot`` is the victim's
bullet hit, not the shooter's gun)."""
_GROUPS = {
    "cops": "cops' guns", "police": "police guns", "officers": "officers' guns",
    "policemen": "policemen's guns", "guards": "guards' guns", "soldiers": "soldiers' guns",
    "troops": "troops' guns", "agents": "agents' guns", "gunmen": "gunmen's guns",
    "bodyguards": "bodyguards' guns", "marines": "marines' guns", "troopers": "troopers' guns",
    "deputies": "deputies' guns", "snipers": "snipers' rifles", "swat": "swat guns",
    "cop": "cop's gun", "guard": "guard's gun", "soldier": "soldier's gun",
    "officer": "officer's gun", "gunman": "gunman's gun", "sniper": "sniper's rifle",
}  # fmt: skip
"""Armed people who fire as a group (``Cops FIRE``, ``the guards open fire``): their guns, one
element for the group, as a breakdown lists the background's weapons."""
_SENTENCE_START = re.compile(r"(?:^|[.!?;]\s+)(?=[A-Z\"“(])")
_NAME = re.compile(r"[A-Z][A-Za-z’'\-]*")
_PRONOUNS = frozenset(("he", "she"))
_REACH = 320
"""How far back a shooter is looked for (this sentence and the one before)."""
_WORD_BEFORE = re.compile(r"([A-Za-z’'\-]+)\W*$")


def _first_cast_word(text: str, start: int, end: int, cast_words: set[str]) -> str | None:
    for word in _NAME.finditer(text, start, end):
        lower = word.group().lower()
        if lower in cast_words and lower not in _TITLES:
            return lower
    return None


def shooter(text: str, start: int, cast_words: set[str]) -> str | None:
    """The cast member who is the subject of the sentence holding ``start`` (lower case), or
    for a sentence opening with ``he``/``she`` and naming nobody before ``start``, the first
    cast name of the sentence before; None when neither names anyone."""
    low = max(0, start - _REACH)
    openings = [m.end() for m in _SENTENCE_START.finditer(text, low, start)]
    opening = openings[-1] if openings else low
    found = _first_cast_word(text, opening, start, cast_words)
    if found is not None:
        return found
    first = re.match(r"\W*([A-Za-z]+)", text[opening:start])
    if first is None or first.group(1).lower() not in _PRONOUNS or len(openings) < 2:
        return None
    return _first_cast_word(text, openings[-2], opening, cast_words)


def shooters_guns(text: str, cast_words: set[str]) -> list[Match]:
    """One implied gun per shooter the paragraph shows firing (see the module's note)."""
    found: list[Match] = []
    named: set[str] = set()
    for hit in _SHOOTS.finditer(text):
        if _NOT_A_SHOT_AFTER.match(text, hit.end()) or _NAMED_AFTER.match(text, hit.end()):
            continue
        end = _SENTENCE_END.search(text, hit.end())
        opened = [m.end() for m in _SENTENCE_END.finditer(text, max(0, hit.start() - 200),
                                                          hit.start())]  # fmt: skip
        sentence = text[opened[-1] if opened else max(0, hit.start() - 200) :
                        end.start() if end else hit.end() + 200]  # fmt: skip
        if _NOT_GUN_SPORTS.search(sentence):
            continue
        head = text[max(0, hit.start() - 40) : hit.start()]
        if _NOT_A_SHOT_BEFORE.search(head):
            continue
        before = _WORD_BEFORE.search(head)
        group = _GROUPS.get(before.group(1).lower()) if before else None
        verb = hit.group("verb").lower()
        if group is None and verb in ("fire", "shoot"):
            continue  # a bare "fire" or "shoot" after a name is an order or a wish as often
        if group is not None:
            name = group
        elif before and before.group(1).lower() in cast_words - _TITLES:
            name = f"{before.group(1).lower()}'s gun"  # "so Sing fires": the name before it
        else:
            owner = shooter(text, hit.start(), cast_words)
            if owner is None:
                continue
            name = f"{owner}'s gun"
        if name in named:
            continue
        named.add(name)
        entry = Entry("weapons", name, implied=True)
        found.append(Match(entry, hit.start(), hit.end(), text[hit.start() : hit.end()], None))
    return found


def drop_shooters_guns(weapons: list[Element]) -> None:
    """An implied shooter's gun is dropped when the scene names a weapon of the same owner
    (``kane's revolver``), and a group's implied guns when it names owner-less ``guns`` (the
    group's, as often as not)."""

    def owner(name: str) -> str:
        for mark in ("'s ", "' ", " guns", " gun"):
            if mark in name:
                return name.split(mark, 1)[0]
        return ""

    implied = [e for e in weapons if e.implied and e.source == "rule"]
    if not implied:
        return
    others = [e for e in weapons if not (e.implied and e.source == "rule")]
    plural = any(o.name in ("guns", "weapons") for o in others)
    kept_out = {
        id(e)
        for e in implied
        if any(owner(o.name) == owner(e.name) != "" for o in others)
        or (plural and e.name.endswith(("guns", "rifles")))  # "guns aimed": the group's guns
    }
    weapons[:] = [e for e in weapons if id(e) not in kept_out]
