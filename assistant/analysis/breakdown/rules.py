"""Readings of lexicon hits that need the words around them (used by ``breakdown.py``).

The lexicon matcher (``lexicon.py``) sees a phrase and the word after it; these rules look a
little further, each for a mistake found on the training scenes (``--split train``):

- a word ending in -s right after a subject pronoun or a cast name is a verb (``he waves``,
  ``JO waves``);
- ``NAME FIRES`` / ``he fires`` is gunfire (a special effect), not a fire;
- ``shoots up the street``, ``disappears down an alley`` are movement, not a gun or a vanishing;
- a capitalised word that is a cast member's name is that person (``Rose stops``: no roses);
- ``holographic billboards`` names the billboards, ``Dad's car`` the car it belongs to;
- a title over picture (``SUPER:``, ``TITLE CARD``) is a visual effect;
- (round four, from fresh training scenes scored before any rule was fitted to them) a simile
  names nothing on the set (``flaps like a flag``, ``throws him like a rag doll``, ``like a train
  plowing into a stalled car``); a word that only says what an advertisement or a sign is about
  is no element (``cigarette ads``, ``a car dealer sign``); ``full steam`` is speed, not steam.

Per scene, a generic vehicle word (``car``, ``boat``, ``plane``) beside a vehicle of its kind is
that vehicle named again and is dropped (``the Chevy ... the car``, ``the ferry ... the boat``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.analysis.breakdown.lexicon import Entry, Match, singular

if TYPE_CHECKING:
    from assistant.analysis.breakdown.model import Element

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
_FIRING = frozenset(("fires", "fired", "firing"))
_GUNFIRE = Entry("special_effects", "gunfire", implied=True)
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
_OWNER = re.compile(r"([^\W\d_](?:[^\W\d_]|-)*)['’]s\s*$")
"""The owner's name right before a hit, any script's letters (``José's gun`` is José's)."""
_NOT_OWNERS = frozenset(("it", "that", "there", "here", "what", "who", "he", "she", "one"))
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
_EFFECT_HEADS = frozenset((
    "escape", "escapes", "station", "department", "exit", "exits", "alarm", "alarms", "door",
    "doors", "chief", "marshal", "extinguisher", "extinguishers", "detector", "detectors",
    "cream", "cube", "cubes", "bucket", "pick", "skates", "rink", "coat", "coats", "boots",
    "globe", "jacket", "drain", "drains", "cellar", "trooper", "troopers", "pan", "plug",
    "plugs", "screen", "shield", "proof", "insurance", "drill", "pit", "ring", "sale",
))  # fmt: skip
"""Nouns that a practical-effect word right before them only describes: ``fire escape``,
``blast doors``, ``ice cream``, ``rain coat``, ``smoke alarm``, ``storm drain``."""
_FIGURATIVE_HEADS = frozenset((
    "smile", "smiles", "grin", "laugh", "laughter", "temper", "glare", "look", "looks", "stare",
    "mood", "energy", "kiss", "chemistry", "silence", "situation", "growth", "personality",
    "argument", "debate", "anger", "rage", "passion", "performance", "romance", "relationship",
    "combination", "mix", "red", "hair", "eyes", "speech", "style", "career", "start", "finish",
))  # fmt: skip
"""Nouns that an effect word right before them can only describe, as a figure: ``an explosive
smile``, ``a fiery temper``, ``a stormy look``, ``a blazing red``."""
_NOT_ARMS = frozenset((
    "finger", "fingertip", "toy", "water", "glue", "nail", "staple", "spray", "squirt", "cap",
    "paintball", "radar", "speed", "grease", "heat", "potato", "starting", "tattoo", "caulk",
    "caulking", "label", "price", "bubble", "foam", "dart", "flare",
))  # fmt: skip
"""Words before ``gun`` that make it a tool, a toy or a hand (``a glue gun``, ``a finger gun``):
no weapon for the armourer."""
_BLASTING = frozenset(("blasts", "blasting", "blasted"))
"""(word before, hit) pairs that are figures of speech: ``running at full steam``."""
WINDOW = 64
"""Characters looked at on each side of a hit. The rules need the word before and after it (and
an owner's name); reading the whole paragraph for every hit made a long paragraph quadratic
(152 KB of "He drives the car." took 62 s)."""


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
    if match.entry.category == "props" and match.entry.name in _MESSAGES:
        return None  # the message is a screen graphic and the phone the prop (screen_texts)
    if match.entry.category == "weapons" and previous.lower() in _NOT_ARMS:
        return None  # "a glue gun", "blows on his finger gun"
    if _in_a_proper_name(text, match, after if adjacent else None):
        return None  # "the Dragon Lady", "Fire Island": a name, nothing on the set
    if lower in _BLASTING and following in _MOVING:
        return None  # "blasting through doors", "blasts out the window": movement
    if lower in _FIRING and match.entry.category == "special_effects":
        subject = previous.lower() in _SUBJECTS or previous.lower() == "and"
        if subject or surface.isupper() or (previous[:1].isupper() and lower != "firing"):
            return Match(_GUNFIRE, match.start, match.end, surface, None)
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
        if owner is not None and owner.group(1).lower() not in _NOT_OWNERS:
            name = f"{owner.group(1).lower()}'s {match.entry.name}"
            return Match(Entry("vehicles", name), match.start, match.end, surface, match.count)
    if match.entry.category == "weapons" and not match.entry.implied:
        name = match.entry.name
        if name in _GENERIC_ARMS and singular(lower) != lower:
            name = f"{name}s"  # "carrying their guns": more guns than the scene's one gun
        owner = _OWNER.search(head)  # "Jack's pistol" and "Blue's pistol" are two pistols
        if owner is not None and owner.group(1).lower() not in _NOT_OWNERS:
            name = f"{owner.group(1).lower()}'s {name}"
        if name != match.entry.name:
            return Match(Entry("weapons", name), match.start, match.end, surface, match.count)
    return match


_DEVICE = re.compile(
    r"\b(?:t\.v\.?|tvs?|televisions?|monitors?|laptops?|computers?|screens?)(?!\w)", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def playback_device(text: str, start: int, end: int) -> str | None:
    """The screen a playback is seen on, named in its own words or its sentence (``on the
    TV``, ``footage ... on the monitor``): ``tv``, ``television``, ``monitor``, ``laptop``,
    ``computer`` or ``screen``, as written. When the sentence names none or only a bare
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
    return "tv" if word.startswith(("t.v", "tv")) else singular(word)


_MAGIC_NOUNS = frozenset((
    "spell", "spells", "wand", "wands", "light", "lights", "fire", "flames", "power", "powers",
    "energy", "mist", "smoke", "dust", "sparks", "portal", "carpet", "forcefield", "shield",
))  # fmt: skip
"""Nouns after ``magic`` that are an effect on screen (``magic sparks``); any other word after it
is what the figure describes (``magic marker``, ``magic day``, ``magic moment``)."""
_MATERIALS = frozenset(
    ("glass", "pipe", "box", "card", "chain", "rope", "wire", "picture", "paper", "flag")
)
"""Prop words that are often a material or kind of the next noun: ``glass doors``, ``pipe
organ``, ``card table``, ``rope ladder``, ``picture window``."""
_FUNCTION_WORDS = frozenset((
    "of", "in", "on", "at", "to", "with", "and", "or", "from", "into", "onto", "behind", "under",
    "over", "the", "a", "an", "his", "her", "its", "their", "my", "your", "our", "is", "are",
    "was", "were", "that", "which", "as", "he", "she", "it", "they", "off", "out", "up", "down",
    "away", "back", "for", "by", "then", "but", "near", "beside", "against", "through", "across",
    "toward", "towards", "around", "aside", "too", "still", "again", "here", "there", "now",
    "just", "slowly",
))  # fmt: skip


def _is_function_or_verb(word: str) -> bool:
    """A word after a noun that leaves the noun a thing of its own (``a glass of``, ``the glass
    shatters``, ``the rope tightening``), not one that it describes (``glass doors``)."""
    if word in _MADE_OF:
        return False
    return word in _FUNCTION_WORDS or word.endswith(("ed", "ing", "s", "ly"))


_MADE_OF = frozenset((
    "doors", "windows", "panes", "walls", "panels", "partitions", "cases", "cabinets", "shelves",
    "tables", "ladders", "organs", "bridges", "links", "cutters", "frames", "screens",
))  # fmt: skip
"""Plural nouns a material word names the kind of (``glass doors``, ``rope ladders``): an -s
word after a material is otherwise taken for a verb (``the glass shatters``)."""


_FIXED_MIRRORS = frozenset(  # "rear-view" reads as "view" (the word before is one word)
    ("view", "rearview", "side", "wing", "bathroom", "vanity", "wall", "hall", "dressing")
)
_GUNFIRE_BEFORE = frozenset(
    ("return", "returns", "returning", "covering", "under", "cease", "open", "opens", "opened")
)
_SHOOTERS = frozenset((
    "they", "both", "cop", "police", "officer", "soldier", "guard", "men", "agent", "trooper",
    "gunmen", "sniper", "marine", "troops", "we", "all",
))  # fmt: skip
"""People before ``fire`` who shoot (``Cops FIRE``, ``they fire again``): gunfire, not a fire
(a plural subject takes ``fire``, as one takes ``fires``)."""
"""``return fire``, ``under fire``, ``covering fire``: gunfire, not a fire."""
_NEGATED = re.compile(
    r"\b(?:no|not an?|without an?|without any|without)\s+(?:[a-z'-]+\s+)?$", re.IGNORECASE
)
"""The words before a hit that deny it: ``not a damaging blast``, ``no smoke``, ``without a
sound`` (a lower-case word between at most)."""


_EFFECT_CATEGORIES = frozenset(("special_effects", "visual_effects"))
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


_BREAKABLE = (
    r"window|windows|windshield|glass|pane|mirror|railing|rail|wall|walls|door|doors|table|"
    r"chair|mast|deck|roof|ceiling|bottle|floor|beam|pillar|column|fence|staircase|shelf|"
    r"shelves|machinery|bridge|vase|lamp|screen"
)
_BREAKS = (
    r"snaps|snap|snapping|bends|bending|breaks|break|breaking|shatters|shattering|smashes|"
    r"smashing|collapses|collapsing|splinters|splintering|crumbles|crumbling|buckles|"
    r"buckling|caves in|gives way|giving way|tears loose|tearing loose|explodes inward|cracks"
)
_BROKEN = re.compile(
    rf"\b(?:(?:{_BREAKABLE})\s+)?(?P<thing>{_BREAKABLE})\b(?:\s+[a-z]+){{0,2}}?\s+(?:{_BREAKS})\b"
    rf"|\b(?:{_BREAKS}|crashes through|blasts out|kicks in|kicks down)\s+(?:the\s+|a\s+|an\s+)?"
    rf"(?:[a-z]+\s+)?(?P<object>{_BREAKABLE})\b",
    re.IGNORECASE,
)
"""A thing of the set that snaps, shatters or gives way, or that someone smashes: a breakaway
(a special effect built to break), ``the railing snaps``, ``smashes the window``. The gaps are
bounded (two words at most), so one pass over a paragraph is linear. Of two breakable words the
second is the thing: ``the glass door shatters`` is a door (``glass`` before ``door`` reads as
the ``fire door`` kind of word, and ``refine`` dropped it)."""


_BREAKS_ANYWHERE = re.compile(
    rf"\b(?:{_BREAKS}|crashes through|blasts out|kicks in|kicks down)\b", re.IGNORECASE
)
"""The verbs every ``_BROKEN`` match holds (whole words): most paragraphs have none, and this
one-list search costs about half of ``_BROKEN``'s two-list one."""


def breakaway_matches(text: str) -> list[Match]:
    """Breakaways in an action paragraph: ``breakaway railing`` for ``the railing snaps``."""
    found: list[Match] = []
    if _BREAKS_ANYWHERE.search(text) is None:
        return found
    for hit in _BROKEN.finditer(text):
        thing = (hit.group("thing") or hit.group("object") or "").lower()
        name = f"breakaway {singular(thing)}"
        start, end = hit.span("thing") if hit.group("thing") else hit.span("object")
        entry = Entry("special_effects", name, implied=True)
        found.append(Match(entry, start, end, text[start:end], None))
    return found


_KINDS: dict[str, frozenset[str]] = {
    "boat": frozenset((
        "ferry", "yacht", "sailboat", "speedboat", "canoe", "kayak", "raft", "rowboat", "tugboat",
        "barge", "dinghy", "lifeboat", "motorboat", "patrol boat", "submarine",
    )),
    "ship": frozenset(("ferry", "yacht", "tugboat", "barge", "submarine")),
    "plane": frozenset((
        "jet", "airliner", "747", "cessna", "glider", "fighter jet", "bomber", "warplane", "a-10",
        "f-14", "f-16", "tomcat", "aircraft",
    )),
    "aircraft": frozenset((
        "jet", "airliner", "747", "cessna", "fighter jet", "bomber", "warplane", "a-10", "f-14",
        "f-16", "tomcat", "helicopter", "chopper", "plane", "gunship",
    )),
    "jet": frozenset(("fighter jet", "a-10", "f-14", "f-16", "tomcat")),
    "truck": frozenset((
        "pickup", "pickup truck", "tanker", "eighteen-wheeler", "big rig", "semi truck",
        "tow truck", "dump truck", "garbage truck", "delivery truck", "fire truck", "panel truck",
    )),
    "spaceship": frozenset(("spacecraft", "shuttle", "starship", "starfighter")),
    "chopper": frozenset(("helicopter",)),
    "car": frozenset(("subway car", "cable car", "streetcar", "boxcar")),
    "cars": frozenset(("subway car", "cable car", "streetcar", "boxcar")),
}  # fmt: skip
"""Generic vehicle words and the kinds of vehicle they name again."""
_GENERIC_CARS = frozenset(("vehicle", "car", "automobile"))


def _base(name: str) -> str:
    """A vehicle's name without its owner: ``dad's car`` -> ``car``."""
    return name.split("'s ", 1)[1] if "'s " in name else name


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
    moved = [e for e in elements["special_effects"] if e.name in _BLASTS]
    if not moved:
        return
    elements["special_effects"][:] = [e for e in elements["special_effects"] if e not in moved]
    known = {e.name for e in elements["visual_effects"]}
    for element in moved:
        if element.name not in known:
            elements["visual_effects"].append(element.model_copy(update={"source": "rule"}))


def drop_generic_vehicles(vehicles: list[Element], car_models: frozenset[str]) -> None:
    """A generic word beside a vehicle of its kind is that vehicle again (``INT. DRIVER'S CAR``
    ... ``the Camaro's windscreen``; ``the ferry`` ... ``this boat``; ``Dad's car`` ... ``the
    car``); a bare ``vehicle`` beside any other vehicle too."""
    if len(vehicles) < 2:
        return
    bases = [_base(e.name) for e in vehicles]
    has_make = any(base in car_models for base in bases)
    owned = {_base(e.name) for e in vehicles if "'s " in e.name}

    def again(element: Element) -> bool:
        name = element.name
        if name == "vehicle":
            return True
        if name in _GENERIC_CARS and (has_make or owned & _GENERIC_CARS):
            return True
        if name in owned:
            return True
        kinds = _KINDS.get(name)
        return kinds is not None and any(base in kinds for base in bases if base != name)

    vehicles[:] = [e for e in vehicles if not again(e)]


_FIREARMS = frozenset((
    "handgun", "pistol", "revolver", "rifle", "shotgun", "machine gun", "submachine gun", "uzi",
    "assault rifle", "sniper rifle", "m-16", "ak-47", "beretta", "glock", "magnum", "colt",
    "winchester", "carbine", "musket", "semi-automatic",
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
