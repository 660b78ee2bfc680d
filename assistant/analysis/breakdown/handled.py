"""Props told by what a character does with them: the object of a handling verb (used by
``breakdown.py`` on action paragraphs).

The lexicons list the props a script often names; many props are things no list can foresee (a
thermos, a turnip, a tin whistle), and the misses on the dev scenes were mostly such things in
a character's hands: ``glances at her pocket sundial``, ``carries a trug of turnips``, ``plucks
the thermos from his grasp``, ``raises a tin whistle``. Here the syntax says it: a handling verb, a
determiner, then up to three words before a preposition, a conjunction or punctuation. The last
word is the thing, and it must pass a concrete-noun test: no body part, person, place, fixture
or abstract noun (``holds her breath``, ``grabs the door``, ``takes a step``), no adverb or verb
form, and no word the lexicons already read there (their category wins: ``grabs the gun`` is a
weapon, ``picks up the phone`` the listed prop), except set dressing, which a character's hands
make a prop (``carries a crate``). One linear pass over each paragraph.
"""

from __future__ import annotations

import re

from assistant.analysis.breakdown.lexicon import Entry, Match, singular

_VERBS = (
    r"picks?\s+up|picking\s+up|picked\s+up|grabs?|grabbing|grabbed|holds?|holding|held|"
    r"carr(?:y|ies|ying|ied)|raises?|raising|raised|lifts?|lifting|lifted|"
    r"hands?\s+(?:him|her|them|me|us)|handing\s+(?:him|her|them)|handed\s+(?:him|her|them)|"
    r"takes?\s+out|took\s+out|pulls?\s+out|pulling\s+out|pulled\s+out|produces?|produced|"
    r"plucks?|plucked|snatch(?:es|ed|ing)?|clutch(?:es|ed|ing)?|clasps?|clasped|"
    r"toss(?:es|ed|ing)?|drops?|dropped|sets?\s+down|puts?\s+down|unwraps?|unwrapped|"
    r"opens?\s+up|reads?|reading|sips?|sipping|sipped|drinks?|drinking|eats?|eating|"
    r"lights?\s+up|wields?|wielding|waves?\s+around|brandish(?:es|ed|ing)?|"
    r"checks?|checking|checked|looks?\s+at|glances?\s+at|examines?|examining|studies|"
    r"fiddles?\s+with|plays?\s+with|pockets?|pocketed|stuffs?|shoves?|offers?|"
    r"passes\s+(?:him|her|them|me|us)|"
    r"swigs?\s+from|sips?\s+from|drinks?\s+from|hangs?\s+up|dials?|dialing|dialling|dialed"
)


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DETERMINER = r"(?:a|an|the|his|her|their|its|my|your|some|another|one|two|three)"
_PHRASE = re.compile(
    rf"\b(?:{_VERBS})\s{{1,4}}(?:{_DETERMINER}\s{{1,4}})((?:[a-z][a-z\-]*\s{{1,4}}){{0,4}}[a-z][a-z\-]*)",
    re.IGNORECASE,
)
_POSSESSIVE_ONLY = re.compile(r"^(?:looks?|glances?|checks?|checking|checked)\b", re.IGNORECASE)
"""Looking verbs take only an owned thing (``looks at his watch``, not ``looks at the sea``)."""
_STOP = _wordset("""
of to and or in on at with from into onto out off up down as while for that which who then but
over under toward towards across through back away is are was were be it this these those so
like than if when before after around behind beside near against along there here again now
every each too very just still once twice
""")
"""Words that end the noun phrase (a preposition, a conjunction, an adverb of degree or time:
``checks his watch every few seconds``, ``holds it a moment too long``)."""
_NOT_THINGS = _wordset("""
hand hands head face eye eyes arm arms finger fingers shoulder shoulders hair breath lip lips
mouth leg legs foot feet back chest neck knee knees fist fists teeth tongue throat skin wrist
wrists waist hip hips cheek cheeks chin forehead brow ear ears nose body heart palm palms thumb
man woman boy girl guy kid kids child children baby friend friends wife husband mother father mom
dad son daughter brother sister family people person crowd men women boys girls guys officer
cop cops guard guards stranger driver lady gentleman partner sir
look glance step steps moment beat chance call turn time way seat place side attention bit lot
hold grip nod smile shrug sigh kiss hug break rest lead control pause silence sound noise voice
line lines thing things something stuff one ones number view scene situation idea question answer
order orders word words name story news truth air floor ground door doors window windows wall
walls ceiling room stairs steps corner street road house building car end edge top bottom middle
front rear left right inside outside light lights way fire heat weather life money cash
breath breathing weight pain courage chance blow hit shot shots aim speed pace distance
eyebrow eyebrows jaw elbow elbows ankle ankles wheel slack tab trail scent subject act charade
pretence pretense hint matter alarm stakes mood bite expression horizon condolences test grudge
difference thought thoughts frustration fill conversation day night mind temper nerve composure
""")
"""Not props: body parts, people, abstract nouns and figures of speech (``picks up the slack``,
``raises the alarm``, ``carries the day``), the set's own fixtures (the lexicons give cars,
doors are part of the set, a steering wheel is the car's; money stays with the lists, which name
it)."""
_QUANTITIES = _wordset("""
piece pieces bit bits pair bunch handful pile stack couple sheet sheets lot lots kind sort
set sets
""")
"""Words that count or part the noun after ``of``: the thing is that noun."""
_AFTER_THING = _wordset("""
open shut closed close closer tight aside aloft high steady still together apart loose ready
forward upright level
""")
"""Words that, after the thing, say how it is held or moved (``holds the door open``, ``shoves
the plate aside``): they end the phrase (before it, ``an open book``, they are part of it)."""
_HOLD = re.compile(r"^(?:holds?|holding|held)\b", re.IGNORECASE)
_HELD_FIGURES = _wordset("note notes gaze stare pose position fort peace tongue own court sway")
"""What ``hold`` takes in a figure of speech (``hold the note``, ``holds her gaze``)."""
_ADVERB = re.compile(r"(?:ly|ing|ed)$")
_HANDS_MAKE_PROPS = frozenset(("set_dressing", "wardrobe"))
"""Lists whose things become props in a character's hands: a crate on the set is dressing and a
jacket worn is wardrobe, but ``carries a crate`` and ``hurls Bram's coat`` handle props."""


def handled_matches(text: str, known: list[Match]) -> list[Match]:
    """Props that ``text`` shows a character handling, as lexicon-like matches (category props,
    the thing's words as name), skipping any phrase a ``known`` lexicon hit overlaps; a handled
    set-dressing hit comes back as a prop of the same name and span (the caller drops the
    dressing)."""
    found: list[Match] = []
    for match in _PHRASE.finditer(text):
        # The determiner is in the match: a window, not the whole paragraph before it (n²).
        owned = text[match.start() : match.start(1)].split()[-1:]
        if _POSSESSIVE_ONLY.match(match.group(0)) and not (
            owned and owned[0].lower() in ("his", "her", "their", "my", "your")
        ):
            continue
        words: list[re.Match[str]] = []
        for word in re.finditer(r"\S+", match.group(1)):
            lowered = word.group(0).lower()
            if lowered == "of" and words and words[-1].group(0).lower() in _QUANTITIES:
                words = []  # "a handful of coins" is coins
                continue
            if lowered in _STOP or len(words) == 3 or (words and lowered in _AFTER_THING):
                break
            words.append(word)
        if not words:
            continue
        head = words[-1].group(0).lower()
        if _HOLD.match(match.group(0)) and head in _HELD_FIGURES:
            continue
        if head in _NOT_THINGS or singular(head) in _NOT_THINGS or _ADVERB.search(head):
            continue
        if head in _AFTER_THING:  # "holds her close": "her" is the person, not a determiner
            continue
        start, end = match.start(1) + words[0].start(), match.start(1) + words[-1].end()
        overlapping = [k for k in known if k.start < end and start < k.end]
        dressing = [k for k in overlapping if k.entry.category in _HANDS_MAKE_PROPS]
        if dressing and len(dressing) == len(overlapping):
            # "carries a crate": dressing on the set, a prop once in a character's hands.
            k = dressing[-1]
            found.append(Match(Entry("props", k.entry.name), k.start, k.end, k.surface, k.count))
            continue
        if overlapping:
            continue
        name = " ".join(w.group(0).lower() for w in words[-2:])
        found.append(Match(Entry("props", name), start, end, text[start:end], None))
    return found
