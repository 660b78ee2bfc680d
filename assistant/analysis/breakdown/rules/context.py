"""``refine``: a lexicon hit read with the words around it (the rules the package lists);
the per-class word sets it reads come from the modules beside it."""

from __future__ import annotations

import re

from assistant.analysis.breakdown.lexicon import Entry, Match, singular
from assistant.analysis.breakdown.roles import names_one_person
from assistant.analysis.breakdown.rules.common import _NOT_OWNERS, _OWNER, WINDOW, owner_name
from assistant.analysis.breakdown.rules.props import (
    _FIXED_MIRRORS,
    _MATERIALS,
    _is_function_or_verb,
)
from assistant.analysis.breakdown.rules.special import (
    _EFFECT_CATEGORIES,
    _EFFECT_HEADS,
    _FIGURATIVE_HEADS,
    WATER_AFTER_OF,
    effect_sense,
    stirred_by_people,
)
from assistant.analysis.breakdown.rules.vehicles import _GENERIC_CARS
from assistant.analysis.breakdown.rules.visual import (
    _MAGIC_NOUNS,
    _MESSAGES,
    _MODIFIERS,
    playback_device,
)
from assistant.analysis.breakdown.rules.weapons import (
    _BLASTING,
    _FIRE_FORMS,
    _FIRING,
    _GENERIC_ARMS,
    _GUNFIRE,
    _GUNFIRE_BEFORE,
    _NOT_ARMS,
    _NOT_SHOOTING_AFTER,
    _SHOOTERS,
    sentence_subject,
)

_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z'’\-]+\b")
_SUBJECTS = frozenset(("he", "she", "it", "they", "who", "which", "that"))
_VERB_CATEGORIES = frozenset(("stunts", "sound_music", "visual_effects"))
"""Lists whose -s words are verbs by nature, kept after a pronoun (``he leaps``, ``it rings``,
``it sprouts``)."""
_MOVING = frozenset((
    "up", "down", "past", "across", "through", "into", "out", "off", "forward", "away", "along",
    "around", "behind", "inside", "over", "under", "toward", "towards", "back", "from", "a", "an",
    "her", "his", "them", "him",
))  # fmt: skip
"""Words after ``shoots`` or ``disappears`` that make it movement or a look (``shoots past``,
``shoots him a look``, ``disappears into the crowd``, ``pirates swarm across``)."""
_MOVEMENT_VERBS = frozenset(
    ("shoots", "disappears", "disappear", "vanishes", "vanish", "swarm", "swarms")
)


_WORD = re.compile(r"[A-Za-z’']+")
_SIMILE = re.compile(r"(?<!\bwould )(?<!\bdo )(?<!\bdoes )(?<!\bdid )(?<!n't )(?<!n’t )"
                     r"(?<!'d )(?<!’d )"
                     r"\b(?:like|as if|as though)\s+(?:a|an|some|the)?\s*(?:[\w'’-]+\s+){0,5}$",
                     re.IGNORECASE)  # fmt: skip
"""``like a rag``, ``like a train plowing into a stalled``: the words before a hit in a simile
(up to five words between; a comma or full stop ends it). After ``would``, ``do``, ``'d`` or a
negation ``like`` is the verb: ``would like a cigarette`` wants one."""
_ABOUT_NOUNS = frozenset((
    "ad", "ads", "advert", "adverts", "advertisement", "advertisements", "poster", "posters",
    "billboard", "billboards", "logo", "logos", "commercial", "commercials", "dealer",
    "dealership", "company", "brand",
))  # fmt: skip
"""Nouns after a hit that make it their subject: ``cigarette ads`` are no cigarette."""
_IDIOMS = frozenset((("full", "steam"), ("head", "steam")))
"""(word before, hit) pairs that are figures of speech: ``running at full steam``."""


_NEGATED = re.compile(
    r"\b(?:no|not an?|without an?|without any|without)\s+(?:[a-z'-]+\s+)?$", re.IGNORECASE
)
"""The words before a hit that deny it: ``not a damaging blast``, ``no smoke``, ``without a
sound`` (a lower-case word between at most)."""


_NAME_WORD = re.compile(r"[A-Z][a-z]+")
_OPENS = re.compile(r"(?:^|[.!?:;\"“”(\[\-–—]\s*)$")


def _in_a_proper_name(text: str, match: Match, after: re.Match[str] | None) -> bool:
    """Whether a hit written with a capital (``Dragon``), not at a sentence's start and not in
    capitals, runs straight into another capitalised word (``Dragon Lady``): a place's, a
    firm's or a nickname's name. Vehicles and weapons are left alone (``a Ford Fiesta`` is a
    car, ``a Colt Python`` a revolver: a maker's name before its model's)."""
    if match.entry.category in ("vehicles", "weapons") or after is None:
        return False
    if not _NAME_WORD.fullmatch(match.surface.split()[0]) or match.surface.isupper():
        return False
    if not _NAME_WORD.fullmatch(after.group()):
        return False
    return _OPENS.search(text[max(0, match.start - 8) : match.start]) is None


def _shooter(text: str, start: int, previous: str, cast_words: set[str]) -> str | None:
    """Who fires, for the effects crew (as a weapon is its holder's): the sentence's cast
    subject (``Mr. Vane FIRES``, ``Odile aims, fires``) or a kind of person just before (``the
    gunman fires``); None when neither is written."""
    shooter = sentence_subject(text, start, cast_words)
    if shooter is None and names_one_person(previous):
        shooter = previous.lower()
    if shooter is None and previous.lower() in _SUBJECTS | {"and", ""}:
        # "Lau fires. He fires again": a pronoun (or no subject) is the last cast member named
        # before in the paragraph, so one shooter's gunfire is one element.
        named = [w for w in _CAPITALISED.findall(text, max(0, start - 200), start)]
        shooter = next((w.lower() for w in reversed(named) if w.lower() in cast_words), None)
    return shooter


def _gunfire(match: Match, shooter: str | None) -> Match:
    """The hit as gunfire, named by its shooter when one is known (``odile's gunfire``)."""
    name = f"{shooter}'s gunfire" if shooter else _GUNFIRE.name
    entry = Entry("special_effects", name, implied=True)
    return Match(entry, match.start, match.end, match.surface, None)


def refine(text: str, match: Match, cast_words: set[str]) -> Match | None:
    """``match`` as the words around it read it: the same, renamed, or None (no element)."""
    surface = match.surface
    lower = surface.lower()
    head = text[max(0, match.start - WINDOW) : match.start]
    before = _WORD.findall(head)[-1:]
    previous = before[0] if before else ""
    after = _WORD.search(text, match.end, match.end + WINDOW)
    following = after.group().lower() if after else ""
    # The next word only describes the hit when nothing stands between them: in "drops the
    # gun. Posters cover the walls" the gun is no poster's subject.
    adjacent = after is not None and not text[match.end : after.start()].strip()
    about = adjacent and following in _ABOUT_NOUNS and match.entry.category != "visual_effects"
    if about or _SIMILE.search(head):  # "holographic billboards" are billboards (below)
        return None
    if (previous.lower(), lower) in _IDIOMS:
        return None
    if match.entry.category == "special_effects" and adjacent and following in _EFFECT_HEADS:
        return None
    if match.entry.category in _EFFECT_CATEGORIES and adjacent and following in _FIGURATIVE_HEADS:
        return None  # "an explosive smile": a figure of speech
    if match.entry.category == "special_effects" and stirred_by_people(text, match.end):
        return None  # "the room shakes with laughter": the people, not a rig
    water = WATER_AFTER_OF.match(text, match.end) is not None
    then = (
        tuple(w.lower() for w in _WORD.findall(text, after.end(), after.end() + 24)[:2])
        if after
        else ()
    )
    sense = effect_sense(lower, previous, following if adjacent else "", water, then)
    if match.entry.category == "special_effects" and sense == "none":
        return (
            None  # "a wave of sorrow", "the pair wind up soaked", "fires two cooks": not an effect
        )
    if match.entry.category == "special_effects" and sense == "gunfire":
        shooter = _shooter(text, match.start, previous, cast_words)  # "fires at the lamp"
        return _gunfire(match, shooter)
    if match.entry.category == "props" and match.entry.name in _MESSAGES:
        return None  # the message is a screen graphic and the phone the prop (screen_texts)
    if match.entry.category == "weapons" and previous.lower() in _NOT_ARMS:
        return None  # "a glue gun", "blows on his finger gun"
    if _in_a_proper_name(text, match, after if adjacent else None):
        return None  # "the Dragon Lady", "Fire Island": a name, nothing on the set
    if lower in _FIRE_FORMS and adjacent and following in _NOT_SHOOTING_AFTER:
        return None  # "they fire up the grill": a verb frame of starting, not of shooting
    if lower in _BLASTING and following in _MOVING:
        return None  # "blasting through doors", "blasts out the window": movement
    if lower in _FIRING and match.entry.category == "special_effects":
        subject = previous.lower() in _SUBJECTS or previous.lower() == "and"
        shooter = _shooter(text, match.start, previous, cast_words)
        # Only when "fires" is the subject's own verb, right after its name, a pronoun, "and" or
        # a comma: "watches the fires", "lights fires" are flames, whoever watches them.
        named = shooter is not None and (
            previous.lower() in cast_words | _SUBJECTS | {"and", shooter}
            or re.search(r",\s*$", head) is not None
        )
        if named or subject or surface.isupper() or (previous[:1].isupper() and lower != "firing"):
            return _gunfire(match, shooter)
    if lower in _MOVEMENT_VERBS and following in _MOVING:
        return None
    if (
        surface[:1].isupper()
        and not surface.isupper()
        and lower.split()
        and set(lower.split()) <= cast_words
    ):
        return None  # "Rose stops": the character, not a rose
    if (
        (previous.lower() in _SUBJECTS or previous.lower() in cast_words)
        and lower.endswith("s")
        and match.entry.name == lower  # "explodes = explosion" is listed as a verb on purpose
        and not match.entry.implied
        and match.entry.category not in _VERB_CATEGORIES
    ):
        return None  # "he waves", "she smokes": a verb
    if (
        match.entry.category == "props"
        and previous.lower() in _SUBJECTS
        and lower.endswith("s")
        and singular(lower) == match.entry.name
    ):
        return None  # "she drinks": a verb, not the plural of the prop "drink"
    if match.entry.category == "visual_effects" and match.entry.name == "video playback":
        device = playback_device(text, match.start, match.end)
        if device:
            entry = Entry("visual_effects", f"video playback on the {device}", implied=True)
            return Match(entry, match.start, match.end, surface, match.count)
    if lower in ("magic", "magical") and adjacent and following not in _MAGIC_NOUNS:
        return None  # "magic day", "a magical moment": a figure of speech, not an effect
    if (
        match.entry.category == "props"
        and lower in _MATERIALS
        and adjacent
        and not _is_function_or_verb(following)
    ):
        return None  # "glass doors", "a pipe organ", "card table": the word names the next noun
    if match.entry.name == "mirror" and previous.lower() in _FIXED_MIRRORS:
        return None  # "the rear-view mirror" is part of the car, "the bathroom mirror" the set
    fire = lower == "fire" and match.entry.category == "special_effects"
    shooters = previous.lower() in _SHOOTERS or previous.lower().rstrip("s") in _SHOOTERS
    if fire and (_OWNER.search(head) or previous.lower() in _GUNFIRE_BEFORE or shooters):
        return Match(_GUNFIRE, match.start, match.end, surface, None)  # "Jack's fire"
    if match.entry.category != "weapons" and _NEGATED.search(head):
        return None  # "not a damaging blast", "no smoke": the text says it is not there
    if match.entry.category == "visual_effects" and lower in _MODIFIERS and following:
        noun = singular(following)
        name = f"{match.entry.name if lower != 'holographic' else 'holographic'} {noun}"
        return Match(Entry("visual_effects", name), match.start, match.end, surface, match.count)
    if match.entry.category == "vehicles" and not match.entry.implied:
        if match.entry.name in _GENERIC_CARS and singular(lower) != lower:
            name = f"{match.entry.name}s"  # "a sea of cars": traffic, not the scene's car again
            return Match(Entry("vehicles", name), match.start, match.end, surface, match.count)
        if previous.lower() in ("other", "another", "second"):  # "the other ferry": a second one
            name = f"other {match.entry.name}"
            return Match(Entry("vehicles", name), match.start, match.end, surface, match.count)
        owner = _OWNER.search(head)
        if owner is not None and owner_name(owner).lower() not in _NOT_OWNERS:
            name = f"{owner_name(owner).lower()}'s {match.entry.name}"
            return Match(Entry("vehicles", name), match.start, match.end, surface, match.count)
    if match.entry.category == "weapons" and not match.entry.implied:
        name = match.entry.name
        if name in _GENERIC_ARMS and singular(lower) != lower:
            name = f"{name}s"  # "carrying their guns": more guns than the scene's one gun
        owner = _OWNER.search(head)  # "Jack's pistol" and "Blue's pistol" are two pistols
        if owner is not None and owner_name(owner).lower() not in _NOT_OWNERS:
            name = f"{owner_name(owner).lower()}'s {name}"
        elif (previous.lower() in ("his", "her") or name in _GENERIC_ARMS) and (
            name == match.entry.name
        ):
            # "Pink aims his magnum"; "Jo edges in, gun raised": a bare gun is the holder's.
            holder = sentence_subject(text, match.start, cast_words)  # "Pink aims his magnum"
            name = f"{holder}'s {name}" if holder else name
        if name != match.entry.name:
            return Match(Entry("weapons", name), match.start, match.end, surface, match.count)
    return match
