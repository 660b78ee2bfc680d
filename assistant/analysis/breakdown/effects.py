"""Special effects described by what happens rather than named: blood that flows, a bullet that
hits someone, a thing thrown through a window (used by ``breakdown.py`` on action paragraphs);
and the cue extensions that put a speaker on a screen (video playback, a visual effect).

Each pattern is for a kind of miss seen on the dev scenes (``--split dev``), where the lexicon's
nouns were there but the effect was in the verb: ``the blood rushes from her neck``, ``a pool of
blood``, ``his blood speckles the rug``, ``a bullet slams into his shoulder``, ``is hit by
Jack's fire``, ``throws it through the window``; and (round seven) a vehicle or a set that
shakes (``the plane rattles``, ``the walls shudder``: a gimbal or a shaking rig). Every gap
between the words is bounded, so a paragraph is read in one linear pass.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.analysis.breakdown.lexicon import Entry, Match, singular
from assistant.analysis.breakdown.rules.special import stirred_by_people
from assistant.script.model import Dialogue, DualDialogue, Scene

_FLOWS = (
    r"rush|rushes|rushing|spurts?|spurting|squirts?|squirting|sprays?|spraying|pours?|pouring|"
    r"gushes|gush|gushing|pools?|pooling|spreads?|spreading|drips?|dripping|oozes|oozing|"
    r"trickles?|trickling|seeps?|seeping|streams?|streaming|flows?|flowing|splatters?|"
    r"splattering|spatters?|spattering|speckles?|speckling|sprays?|wells up|runs down|"
    r"runs from|runs out|splashes|splashing|splashed|soaks|soaking|soaked|pumps|pumping"
)
_BLOOD = re.compile(
    rf"\bblood\s+(?:[a-z]+\s+)?(?:{_FLOWS})\b"
    r"|\b(?:pool|pools|puddle|spray|spurt|jet|gush|stream|trail|spatter|splatter|splash)\s+of\s+"
    r"(?:[a-z]+\s+)?blood\b"
    r"|\b(?:squirted|spattered|splattered|sprayed|drenched|splashed)\s+with\s+blood\b",
    re.IGNORECASE,
)
"""Blood that moves or pools on the set (a blood rig, a special effect), not blood on a face
(make-up, which the make-up list still gives): ``blood spurts``, ``his blood speckles``, ``a pool
of blood``, ``squirted with blood``; one word between at most."""
_BULLET_HIT = re.compile(
    r"\b(?:bullets?|slugs?|rounds?|shots?)\s+(?:slams?|slam|tears?|rips?|hits?|strikes?|"
    r"catch(?:es)?|thuds?|smacks?|punch(?:es)?|thwacks?|plows?|slice?s?|rakes?)\s+"
    r"(?:into|through|in)\b"
    r"|\b(?:is|are|gets|get|was|were|been)\s+hit\s+by\s+(?:[A-Za-z'’]+\s+){0,2}?"
    r"(?:fire|gunfire|bullets?|shots?|rounds?)\b",
    re.IGNORECASE,
)
"""A bullet that hits someone or something on screen (squibs): ``a bullet slams into Romeo's
shoulder``, ``is hit by Jack's fire``."""
_THROWN_THROUGH = re.compile(
    r"\b(?:throws|hurls|tosses|flings|heaves|throw|hurl|toss|fling|heave|thrown|hurled|tossed|"
    r"flung)\s+(?!(?:a|an|the|his|her)?\s*(?:look|looks|glance|glances|smile|light|shadow)\b)"
    r"(?:[A-Za-z'’]+\s+){1,3}?(?:through|out)\s+(?:the\s+|a\s+)?"
    r"(?:[A-Za-z'’\-]+\s+(?:and\s+)?(?:the\s+|a\s+)?){0,3}?"
    r"(?P<thing>window|windows|windshield|glass|mirror|skylight)\b",
    re.IGNORECASE,
)
"""A thing thrown through a window breaks it: a breakaway (``throws it through the window``,
``through the mesh and the window``; not ``throws a look through the window``, nor a door,
which is open as often as not)."""
_SHOT_IN = re.compile(
    r"\b(?:(?:shoots|shot|shooting|shoot|wings|winged)\s+(?:him|her|them|[A-Z][A-Za-z'’\-]+)"
    r"|(?:is|was|been|gets|got|get|are|were)\s+(?:SHOT|shot|winged))\s+"
    r"(?:in|through)\s+the\s+(?:(?:upper|lower|left|right)\s+)?"
    r"(?P<part>arm|leg|shoulder|chest|back|hand|foot|knee|stomach|gut|"
    r"side|thigh|neck|head|belly)\b"
)
"""A character shot in a body part: a bullet hit on the actor (a squib or a wound effect);
also passive (``got shot through the lower leg``, ``was winged in the left arm``)."""
_WET = re.compile(
    r"\b(?:wet|rain-soaked|rain-slicked|rain-slick|slick|flooded|waterlogged)\s+"
    r"(?P<surface>streets?|roads?|lawns?|grass|pavement|ground|sidewalks?|asphalt|tarmac|"
    r"cobblestones|parking lot|lot|deck|rooftops?)\b|\b(?P<puddle>puddles?)\b",
    re.IGNORECASE,
)
"""Wet ground or puddles: the set is wetted down (a special effect), rain or no rain."""
_CRASH_VERBS = re.compile(
    r"(?:(?!\b(?:while|as|when|then|but|he|she|they|who|we|you|i)\b)[^.!?;]){0,40}?"
    r"\b(?:crash(?:es|ing|ed)?|smash(?:es|ing|ed)?|(?:slams?|slamming|slammed)(?!\s+on\b)|"
    r"plows?|plowing|ploughs?|careens?|careening|collides?|colliding|rams?|ramming|rammed|"
    r"(?:flips?|flipping)(?!\s+(?:on|off)\b)|rolls over(?!\s+(?:the|a|an)\b)|somersaults?)\b"
    r"(?!\s+(?:its|the|his|her|their|a)\s+(?:doors?|brakes?|lid|trunk|hood|boot|lights|"
    r"headlights|switch|hands?|fists?)\b)",
    re.IGNORECASE,
)
"""A crash verb after a vehicle, in the same sentence, the vehicle its subject: the vehicle
crashes (a special effect). Not another subject's verb (``the car idles while she slams the
gate``), nor a door, the brakes, the lights or hands (``climbs out of the van and slams the
door``, ``slams on its brakes``, ``flips on its lights``), nor ``rolls over the bump``."""


_SHAKES = (
    r"(?:shakes?|shaking|shook|rattles?|rattling|shudders?|shuddering|lurches|lurching|"
    r"rocks|rocking|bucks|bucking|jolts|jolting|vibrates|vibrating|trembles|trembling|quakes|"
    r"quaking|sways|swaying)\b"
)
_SHAKE_AFTER = re.compile(
    r"(?:\s+(?:\w+ly|begins?|starts?|keeps?|continues?|to|is|was|still|again|now|all))"
    r"{0,3}\s+" + _SHAKES,
    re.IGNORECASE,
)
"""A shaking verb right after a vehicle, the vehicle its subject (``the plane rattles``, ``the
van suddenly begins to shake``); only adverbs and an auxiliary between, so that the vehicle is
the subject: not ``the taxi driver shakes his head``, ``the truck rolls over the rocks``."""
_SET_SHAKES = re.compile(
    r"\b(?:the|a)\s+(?:whole\s+|entire\s+)?(?P<part>room|walls?|floor|ground|building|house|"
    r"cabin|ceiling|windows|shelves|hull|deck|bridge|tunnel)\s+(?:\w+\s+)?" + _SHAKES,
    re.IGNORECASE,
)
"""A set that shakes (``the walls shudder``, ``the whole room shakes``): a rig or an effect."""


def effect_matches(text: str, vehicles: list[Match] | None = None) -> list[Match]:
    """Special effects that an action paragraph describes by a verb (see the module's list);
    ``vehicles``, the paragraph's vehicle hits, for the crashes told of them."""
    found: list[Match] = []
    for vehicle in vehicles or []:
        if _CRASH_VERBS.match(text, vehicle.end):
            found.append(_match(f"{vehicle.entry.name} crash", vehicle.start, vehicle.end, text))
        elif (shake := _SHAKE_AFTER.match(text, vehicle.end)) and not stirred_by_people(
            text, shake.end()
        ):
            name = f"{vehicle.entry.name} shaking"
            found.append(_match(name, vehicle.start, vehicle.end, text))
    for hit in _SET_SHAKES.finditer(text):
        if stirred_by_people(text, hit.end()):
            continue  # "the whole room shakes with laughter": the people in it
        name = f"{singular(hit.group('part').lower())} shaking"
        found.append(_match(name, hit.start(), hit.end(), text))
    for hit in _SHOT_IN.finditer(text):
        found.append(_match(f"bullet hit in the {hit.group('part')}", *hit.span(), text))
    for hit in _WET.finditer(text):
        name = "puddles" if hit.group("puddle") else f"wet {hit.group('surface').lower()}"
        found.append(_match(name, hit.start(), hit.end(), text))
    for hit in _BLOOD.finditer(text):
        found.append(_match("blood effect", hit.start(), hit.end(), text))
    for hit in _BULLET_HIT.finditer(text):
        found.append(_match("bullet hits", hit.start(), hit.end(), text))
    for hit in _THROWN_THROUGH.finditer(text):
        start, end = hit.span("thing")
        found.append(_match(f"breakaway {singular(hit.group('thing').lower())}", start, end, text))
    return found


def _match(name: str, start: int, end: int, text: str) -> Match:
    return Match(Entry("special_effects", name, implied=True), start, end, text[start:end], None)


_FRAMING = re.compile(
    r"\b(?:head|face|faces|eyes|eye|figure|body|profile|silhouette|mouth|hands?)\b[^.!?;]{0,40}$",
    re.IGNORECASE,
)
"""A body before ``fills the screen`` / ``on the screen``: a close shot, not a screen insert."""
_DEVICE = re.compile(
    r"\b(?:monitors?|tvs?|t\.v\.|television|computer|laptop|video|vp|footage|tape|playback|"
    r"broadcast|watch(?:es|ing)?|re-watch)\b",
    re.IGNORECASE,
)
"""A device or watching in the paragraph: a face ``on the screen`` is then a picture on it."""


@lru_cache(maxsize=8)
def _names_a_device(text: str) -> bool:
    # Once per paragraph, not once per screen hit: a long paragraph of hits was quadratic.
    return _DEVICE.search(text) is not None


_NATURAL_GLOW = re.compile(
    r"(?:\b(?:sun|sunlight|sunshine|daylight|moonlight|moon|dawn|sunset|sunrise|firelight|"
    r"candlelight|lamplight|embers?|coals?|cigarette|lamps?|candles?|fire)\b[^.!?;]{0,20}$)",
    re.IGNORECASE,
)
_GLOW_OF = re.compile(r"\s+(?:with|of)\s+(?:delight|joy|pride|pleasure|happiness|health|"
                      r"excitement|love|triumph|anticipation)\b", re.IGNORECASE)  # fmt: skip
_LIGHT_OF = re.compile(r"\b(?:glow|light|flicker|glare)\s+of\s+(?:an?|the|his|her)?\s*"
                       r"(?:[a-z\-]+\s+){0,2}$", re.IGNORECASE)  # fmt: skip


def no_visual_effect(text: str, match: Match) -> bool:
    """Whether a visual-effect hit is light or framing, not an effect: ``Odile's face fills the
    screen`` (a close shot), ``the sun glows on the ridge``, ``glowing with pride``, ``lit by the
    glow of a laptop screen`` (the screen's light, not its picture)."""
    if match.entry.category != "visual_effects":
        return False
    before = text[max(0, match.start - 60) : match.start]
    name = match.entry.name
    if ("screen" in match.surface.lower() or name.startswith("video playback")) and (
        (_FRAMING.search(before) and not _names_a_device(text)) or _LIGHT_OF.search(before)
    ):
        return True
    if name == "glow":
        return bool(_NATURAL_GLOW.search(before) or _GLOW_OF.match(text, match.end))
    return False


_SCREEN_EXTENSION = re.compile(
    r"^(?:ON|FROM|VOICE FROM|ON THE) (?:TV|TELEVISION|SCREEN|MONITOR|VIDEO|VIDEOTAPE|TAPE|"
    r"COMPUTER|LAPTOP|FILM)$"
)
"""A cue extension saying the speaker is seen on a screen: ``NICOLETTE (ON T.V.)`` needs her
footage played back or put in the screen in post (read with the dots dropped)."""


_CUE_DEVICES = {"TV": "tv", "TELEVISION": "tv", "SCREEN": "screen", "MONITOR": "monitor",
                "COMPUTER": "computer", "LAPTOP": "laptop"}  # fmt: skip


def screen_cues(scene: Scene) -> list[tuple[str, str]]:
    """The scene's cue extensions that put a speaker on a screen, as written (for the line),
    each with its element's name: ``video playback on the tv`` for ``(ON T.V.)``, ``video
    playback`` for a tape or film, which names no screen."""
    found: list[tuple[str, str]] = []
    for element in scene.elements:
        pair = [element.left, element.right] if isinstance(element, DualDialogue) else [element]
        for dialogue in pair:
            if not isinstance(dialogue, Dialogue):
                continue
            extensions = dialogue.cue.extensions
            for k, extension in enumerate(extensions):
                plain = " ".join(extension.replace(".", "").upper().split())
                if _SCREEN_EXTENSION.match(plain):
                    # With the extensions written before it: "NAME (CONT'D) (ON T.V.)" is not
                    # found by "NAME (ON T.V." (line_of wants the words in order).
                    written = " ".join(f"({e})" for e in extensions[: k + 1])
                    device = _CUE_DEVICES.get(plain.split()[-1])
                    name = f"video playback on the {device}" if device else "video playback"
                    found.append((f"{dialogue.cue.name} {written}", name))
    return found
