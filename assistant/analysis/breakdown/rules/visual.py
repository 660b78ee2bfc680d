"""Visual-effect rules: titles over picture, the screen a playback is on, text messages on a
phone's screen, effect words that describe the next noun, explosions in space."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.analysis.breakdown.lexicon import Entry, Match, singular
from assistant.analysis.breakdown.rules.common import WINDOW, _base

if TYPE_CHECKING:
    from assistant.analysis.breakdown.model import Element

_TITLES = re.compile(
    r"^\s*(?:INSERT\s*(?::|-+)\s*)?"
    r"(?:SUPER(?:IMPOSE(?:D)?)?(?:\s+TITLES?)?|(?:MAIN\s+)?TITLES?(?:\s+CARDS?)?|CHYRON|CAPTION)"
    r"\s*(?::|-(?-i:(?![a-z]))|(?-i:(?<=[A-Z]))(?=\s*(?:[\"“]|[.\s]*$)))",
    re.IGNORECASE,
)
"""``SUPER:``, ``Caption --``, ``SUPER TITLE:``, ``INSERT: TITLE CARD "..."``: a title over
picture, in any case (a colon or dash after it, or a quotation or nothing after the capitals, as
quotations are blanked before the rules read a paragraph; a hyphen into
a lower-case word is a compound: ``Super-fast cars``, ``Title-holder Ken``)."""
_MODIFIERS = frozenset(("holographic", "hologram", "digital", "animated"))
"""Visual-effect words that describe the thing after them: ``holographic billboards``."""


_DEVICE = re.compile(
    r"\b(?:t\.v\.?|tvs?|televisions?|monitors?|laptops?|computers?|screens?)(?!\w)", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def playback_device(text: str, start: int, end: int) -> str | None:
    """The screen a playback is seen on, named in its own words or its sentence (``on the
    TV``, ``footage ... on the monitor``): ``tv`` (a television too), ``monitor``, ``laptop``,
    ``computer`` or ``screen``. When the sentence names none or only a bare
    ``screen``, the nearest TV, monitor, laptop or computer within three windows, in any
    sentence (``the TV is off. She watches the footage``, ``volume on the television ... on the
    screen``); None when there is none either (``the footage`` alone)."""
    found = _DEVICE.search(text, start, end)
    if found is None:
        stop = _SENTENCE_END.search(text, end, end + WINDOW)
        found = _DEVICE.search(text, end, stop.start() if stop else min(len(text), end + WINDOW))
    if found is None:
        head = text[max(0, start - WINDOW) : start]
        ends = list(_SENTENCE_END.finditer(head))
        before = list(_DEVICE.finditer(head, ends[-1].end() if ends else 0))
        found = before[-1] if before else None
    if found is None or found.group().lower().startswith("screen"):
        # "the screen" of a TV or computer named nearby is that TV's or computer's.
        near = [
            hit
            for hit in _DEVICE.finditer(text, max(0, start - 3 * WINDOW), end + 3 * WINDOW)
            if not hit.group().lower().startswith("screen")
        ]
        if near:
            found = min(near, key=lambda hit: abs(hit.start() - start))
    if found is None:
        return None
    word = found.group().lower()
    # One name for one device: a television is the "tv" of the element list, as written either way.
    return "tv" if word.startswith(("t.v", "tv", "television")) else singular(word)


_MAGIC_NOUNS = frozenset((
    "spell", "spells", "wand", "wands", "light", "lights", "fire", "flames", "power", "powers",
    "energy", "mist", "smoke", "dust", "sparks", "portal", "carpet", "forcefield", "shield",
))  # fmt: skip
"""Nouns after ``magic`` that are an effect on screen (``magic sparks``); any other word after it
is what the figure describes (``magic marker``, ``magic day``, ``magic moment``)."""


_SCREEN_TEXT = re.compile(
    r"\b(?:reads?|reading|gets?|getting|receives?|receiving|checks?|checking|sees?|types?|"
    r"typing|sends?|sending|writes?|texts?)\s+(?:(?:a|an|the|his|her|their|another|one|new|"
    r"last|latest|[A-Z][a-z]+['’]s)\s+){0,2}(?P<what>text messages?|texts?|sms|e-?mails?)\b"
    r"(?!\s+of\b)"
    r"|\b(?P<arrives>(?:a\s+|new\s+)?text(?:\s+message)?)\s+(?:arrives|pops up|comes in|appears)\b",
    re.IGNORECASE,
)
"""A text message or e-mail read or written on screen: a graphic over the phone's screen (not
``reads the text of the treaty``: a document's words)."""
_PHONE = re.compile(r"\b(?:phones?|cell(?:phone)?s?|mobiles?|iphones?|blackberr(?:y|ies))\b",
                    re.IGNORECASE)  # fmt: skip
_SCREEN_TEXT_ENTRY = Entry("visual_effects", "text message on the phone screen", implied=True)
_PHONE_ENTRY = Entry("props", "phone", implied=True)
_MESSAGES = frozenset(("text", "texts", "text message", "message", "email", "e-mail", "sms"))
"""A handled "text message" is no prop: the phone it is read on is (``screen_texts``)."""


def screen_texts(text: str) -> list[Match]:
    """A text message or e-mail read, written or arriving (``reads a text from Jo``): the
    screen graphic (a visual effect, implied), and the phone when the paragraph names none."""
    found = _SCREEN_TEXT.search(text)
    if found is None:
        return []
    span = found.span("what") if found.group("what") else found.span("arrives")
    out = [Match(_SCREEN_TEXT_ENTRY, span[0], span[1], text[span[0] : span[1]], None)]
    if _PHONE.search(text) is None:
        out.append(Match(_PHONE_ENTRY, span[0], span[1], text[span[0] : span[1]], None))
    return out


def title_matches(text: str) -> list[Match]:
    """A title over picture at the start of an action paragraph (``SUPER: Three years later``)."""
    found = _TITLES.match(text)
    if found is None:
        return []
    entry = Entry("visual_effects", "super: title over picture")
    return [Match(entry, found.start(), found.end(), text[found.start() : found.end()], None)]


_SPACE_CRAFT = frozenset(("spaceship", "spacecraft", "starship", "starfighter", "shuttlecraft"))
_IN_SPACE = re.compile(
    r"(?:^|[.\-\u2013\u2014/]\s*|\b(?:OUTER|DEEP|OPEN|IN)\s+)SPACE\b|\bORBIT\b", re.IGNORECASE
)
"""SPACE as a place of its own (``EXT. SPACE``, ``- SPACE``, ``OUTER SPACE``), not the last word
of a compound (``PARKING SPACE``, ``CRAWL SPACE``, ``OFFICE SPACE``); ORBIT anywhere."""
_BLASTS = frozenset(("explosion", "explosions", "fireball", "blast", "implosion"))


def explosions_in_space(elements: dict[str, list[Element]], heading: str) -> None:
    """An explosion in a scene set in space (the heading says SPACE or ORBIT, or a spacecraft is
    on screen) is a visual effect: nothing is blown up on a set in a vacuum."""
    vehicles = {_base(e.name) for e in elements["vehicles"]}
    if not (_IN_SPACE.search(heading) or vehicles & _SPACE_CRAFT):
        return
    # "ship explosion" too: since wave 11 a blast may be named by what explodes (happens.py).
    moved = [
        e
        for e in elements["special_effects"]
        if e.name in _BLASTS or e.name.rsplit(" ", 1)[-1] in _BLASTS
    ]
    if not moved:
        return
    elements["special_effects"][:] = [e for e in elements["special_effects"] if e not in moved]
    known = {e.name for e in elements["visual_effects"]}
    for element in moved:
        if element.name not in known:
            elements["visual_effects"].append(element.model_copy(update={"source": "rule"}))
