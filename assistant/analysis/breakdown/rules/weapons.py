"""Weapon and gunfire rules: who fires, a tool's or a toy's gun, a generic firearm word named
again."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.analysis.breakdown.lexicon import Entry
from assistant.analysis.breakdown.rules.common import _base

if TYPE_CHECKING:
    from assistant.analysis.breakdown.model import Element

_FIRING = frozenset(("fires", "fired", "firing"))
_GUNFIRE = Entry("special_effects", "gunfire", implied=True)


_NOT_ARMS = frozenset((
    "finger", "fingertip", "toy", "water", "glue", "nail", "staple", "spray", "squirt", "cap",
    "paintball", "radar", "speed", "grease", "heat", "potato", "starting", "tattoo", "caulk",
    "caulking", "label", "price", "bubble", "foam", "dart", "flare",
))  # fmt: skip
"""Words before ``gun`` that make it a tool, a toy or a hand (``a glue gun``, ``a finger gun``):
no weapon for the armourer."""
_BLASTING = frozenset(("blasts", "blasting", "blasted"))
"""Forms of ``blast`` that are movement before a direction word (``blasts out the window``)."""


_FIRE_FORMS = frozenset(("fire", "fires", "fired", "firing"))
_NOT_SHOOTING_AFTER = frozenset(("up", "away"))
"""Particles that make ``fire`` another verb: ``fire up the grill`` starts it, ``fired up`` is
keen, ``fire away`` asks on (no fire and no gunfire, whoever the subject is)."""
_GUNFIRE_BEFORE = frozenset(
    ("return", "returns", "returning", "covering", "under", "cease", "open", "opens", "opened")
)
"""``return fire``, ``under fire``, ``covering fire``: gunfire, not a fire."""
_SHOOTERS = frozenset((
    "they", "both", "cop", "police", "officer", "soldier", "guard", "men", "agent", "trooper",
    "gunmen", "sniper", "marine", "troops", "we", "all",
))  # fmt: skip
"""People before ``fire`` who shoot (``Cops FIRE``, ``they fire again``): gunfire, not a fire
(a plural subject takes ``fire``, as one takes ``fires``)."""


_FIREARMS = frozenset((
    "handgun", "pistol", "revolver", "rifle", "shotgun", "machine gun", "submachine gun", "uzi",
    "assault rifle", "sniper rifle", "m-16", "ak-47", "beretta", "glock", "magnum", "colt",
    "winchester", "carbine", "musket", "semi-automatic", "derringer", "luger", "walther",
    "mauser", "smith and wesson", "sig sauer", "mac-10", "tec-9", "tommy gun", "six-shooter",
))  # fmt: skip
_GENERIC_ARMS = {"gun": 1, "weapon": 2, "firearm": 2}
"""How generic a word for a firearm is: a ``gun`` beside a ``pistol`` is that pistol again, a
``weapon`` beside a ``gun`` that gun (plural ``guns`` are more guns, and kept)."""


def drop_generic_weapons(weapons: list[Element]) -> None:
    """A generic firearm word beside a more specific one for the same owner (or none) is that
    firearm named again (``the revolver ... the gun``, ``Lau's gun ... the weapon``), and a
    weapon without an owner beside the same one with an owner is that one (``V's knives ... the
    knives``)."""

    def rank(name: str) -> int:
        return _GENERIC_ARMS.get(_base(name), 0 if _base(name) in _FIREARMS else -1)

    def owner(name: str) -> str:
        return name.split("'s ", 1)[0] if "'s " in name else ""

    owned = {_base(e.name) for e in weapons if "'s " in e.name}
    # The most specific firearm rank per owner ("" too) and over all owners, read once: comparing
    # every pair was quadratic (4,000 owners' guns in one scene took 9 s).
    least: dict[str, int] = {}
    for e in weapons:
        level = rank(e.name)
        if level >= 0:
            least[owner(e.name)] = min(level, least.get(owner(e.name), level))
    anyone = min(least.values(), default=None)

    def again(element: Element) -> bool:
        if element.name in owned:
            return True  # "V's knives ... the knives"
        level = rank(element.name)
        if level <= 0:
            return False
        # Beside a more specific firearm of the same owner; an owner-less word, of anyone's.
        found = least.get(owner(element.name)) if owner(element.name) else anyone
        return found is not None and found < level

    weapons[:] = [e for e in weapons if not again(e)]


_SENTENCE_START = re.compile(r"(?:^|[.!?;]\s+)(?=[A-Z])")
_NAME = re.compile(r"[A-Z][A-Za-z’'\-]*")
_SUBJECT_REACH = 160
"""How far back a weapon's holder is looked for: a sentence's subject a clause or two before
``his`` (bounded, so a paragraph is still read in one linear pass)."""


def sentence_subject(text: str, start: int, cast_words: set[str]) -> str | None:
    """The cast member that is the subject of the sentence a hit at ``start`` is in: its first
    capitalised word that is a word of a cast name (``Mr. Vane ... points his carbine`` is
    Vane's), lower case; None when the sentence names nobody before the hit."""
    head = text[max(0, start - _SUBJECT_REACH) : start]
    opening = [m.end() for m in _SENTENCE_START.finditer(head)]
    for word in _NAME.finditer(head, opening[-1] if opening else 0):
        lower = word.group().lower()
        if lower in cast_words and lower not in _TITLES:
            return lower
    return None


_TITLES = frozenset(("mr", "mrs", "ms", "miss", "dr", "mr.", "mrs.", "ms.", "dr."))
