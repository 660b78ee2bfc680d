"""The speaking characters of a screenplay, with the description from their first appearance.

One pass over the scenes collects cue names (normalised, so ``MARA``, ``MARA (V.O.)`` and
``MARA (CONT'D)`` are one character) and every capitalised name in action that is followed by a
description, then matches the two. Only speaking characters are listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.script.model import Action, Character, Dialogue, DualDialogue, Screenplay, plain_text

_PARENTHESES = re.compile(r"\s*\([^)]*\)?")
"""A parenthesised extension, closed or not: ``(V.O.)``, ``(CONT'D)``, ``(O.S.`` at the end."""
_BARE_CONTINUED = re.compile(r"\s+(?:CONT(?:'|’)?D|CONTINUED|CONT\.?)$", re.IGNORECASE)
_EDGE_JUNK = re.compile(r"^[\s@^.]+|[\s:.,;!?\-–—^]+$")
_SPACES = re.compile(r"\s+")

_NAME = r"[A-Z][A-Z0-9'’.\-]*(?: [A-Z0-9][A-Z0-9'’.\-]*){0,3}"
"""A name in capitals of up to four words: ``MARA``, ``DR. OKAFOR``, ``MARY-JO``."""
_NAME_BEFORE = re.compile(rf"(?<![A-Za-z])({_NAME})\s*$")
"""The name that ends just before a description's anchor (searched in a short window)."""
_WINDOW = 60
"""Characters before an anchor searched for the name: four words of capitals fit in 60."""
_AGE = (
    r"(?i:(?:(?:early|mid|late)[- ]?)?"
    r"(?:\d{1,2}(?:'?s)?|(?:twen|thir|for|fif|six|seven|eigh|nine)t(?:y|ies)(?:-\w+)?"
    r"|teens?|teenager|ageless|elderly|middle[- ]aged))"
)
"""What starts a comma-form description: an age (``30s``, ``late twenties``, ``40``, ``teen``)."""
_PARENTHESIS = re.compile(r"\(([^()]{1,120})\)")
"""``(30s, tired waitress)``: the anchor of ``MARA (30s, tired waitress)``."""
_COMMA_AGE = re.compile(rf",\s+({_AGE}\b(?:,\s+(?:an?|the)\s[^,.;:()\n]{{1,80}})?)\s*[,.;]")
"""``, 30s, a tired waitress,``: the anchor of ``MARA, 30s, a tired waitress,``, anchored on the
age because ``MARA, a moment later,`` reads the same way."""
_DESCRIBES = re.compile(rf"(?:^|[\s,(]){_AGE}\b|^(?:an?|the)\s", re.IGNORECASE)
"""A parenthesis in action describes a character when it holds an age or opens with an article:
``(30s, tired waitress)``, ``(a retired cop)``. Without the rule, directions the importer left in
action (``(lamely, to phone)``, ``(reading)``) and extensions (``(O.S.)``) were taken: 10 of 45
sampled descriptions from the TRIPOD scripts were such directions."""
_SENTENCE_END = re.compile(r"[.!?]\s+")
_POSSESSIVE_VOICE = re.compile(
    r"^(?!VOICES?\b)(?P<name>\S.*?)(?:'S|’S|'|’)\s+(?P<medium>(?:VOICE|VOICES|RADIO|PHONE|TELEPHONE|TAPE|"
    r"RECORDED|FILTERED|INTERCOM|WALKIE[- ]TALKIE|SPEAKERPHONE)\b[^()]{0,30})$",
    re.IGNORECASE,
)
"""``HANS' VOICE``, ``POWELL'S VOICE``, ``DISPATCHER'S VOICE/RADIO``: a speaker heard through a
medium, written as a possessive; the speaker is the name before the apostrophe."""

NO_ONE = frozenset((
    "HE", "SHE", "THEY", "WE", "YOU", "IT", "HIM", "HER", "THEM",
    "ALL", "BOTH", "EVERYONE", "EVERYBODY", "TOGETHER", "OTHERS", "VOICES",
    "SOMEBODY", "SOMEONE", "SOMEBODY ELSE", "SOMEONE ELSE", "NOBODY", "ANYONE", "ANYBODY",
))  # fmt: skip
"""Cue names that stand for no one character: a pronoun (``IT``, a voice not yet anyone, or
``HER`` left of a broken line), several people at once (``ALL``, ``BOTH``) or an indefinite
``SOMEONE``. Their speeches stay in the script; they are not listed as characters. The same words
as the breakdown's cast rule (``analysis/breakdown/cast.py``), which also drops directions."""


def fold_voice(name: str) -> tuple[str, str | None]:
    """``HANS' VOICE`` as ``("HANS", "VOICE")``; a cue without a possessive voice is unchanged.

    The speaker of ``POWELL'S VOICE`` is POWELL, heard on a radio or a phone: the rest is an
    extension of the cue, as ``(V.O.)`` is, and kept as one.

    Args:
        name: a cue name without its parenthesised extensions.

    Returns:
        The speaker's name and the extension (None when nothing was folded).
    """
    match = _POSSESSIVE_VOICE.match(name.strip())
    if match is None:
        return name, None
    return match["name"].rstrip(), " ".join(match["medium"].split())


@lru_cache(maxsize=4096)  # a script repeats ~100 distinct cues ~1,000 times: 3 regexes each
def normalise_cue_name(name: str) -> str:
    """A cue as a character's name: extensions, ``(CONT'D)`` and trailing punctuation removed.

    ``MARA (V.O.) (CONT'D)``, ``Mara:``, ``@MARA`` and ``MARA'S VOICE`` all give ``MARA``; an
    empty string means the cue held no name.

    Args:
        name: the cue name as the importer read it.

    Returns:
        The name in capitals with single spaces.
    """
    # Spaces collapsed first (same result): the patterns backtracked over long runs of them.
    name = _PARENTHESES.sub("", _SPACES.sub(" ", name))
    name = _BARE_CONTINUED.sub("", name.strip())
    name = _EDGE_JUNK.sub("", name)
    name = fold_voice(name)[0]
    return _SPACES.sub(" ", name).upper()


@dataclass
class _Appearance:
    name: str
    order: tuple[int, int]
    """Position in the script (element index over all scenes, offset in the paragraph)."""
    scene: int
    description: str | None = None


def _intro_descriptions(text: str) -> list[tuple[int, str, str]]:
    """``(offset, NAME, description)`` introduced in one action paragraph, in text order."""
    found: list[tuple[int, str, str]] = []
    # Anchors first (a parenthesis, ", 30s,"), then the name in a short window before each: the
    # name pattern alone would be tried at every capital letter (3x slower on real scripts).
    if "(" in text:
        for match in _PARENTHESIS.finditer(text):
            description = " ".join(match.group(1).split())
            if _DESCRIBES.search(description):
                found.extend(_named(text, match.start(), description))
    if "," in text:
        for match in _COMMA_AGE.finditer(text):
            found.extend(_named(text, match.start(), " ".join(match.group(1).split())))
    found.sort()
    return found


def _named(text: str, anchor: int, description: str) -> list[tuple[int, str, str]]:
    window_start = max(0, anchor - _WINDOW)
    match = _NAME_BEFORE.search(text, window_start, anchor)
    if match is None:
        return []
    # "THE DOOR OPENS. MARA (30s)" matches from THE: the name is what follows the last full stop.
    name = _SENTENCE_END.split(match.group(1))[-1]
    return [(match.start(), name, description)]


def collect_characters(screenplay: Screenplay) -> list[Character]:
    """Every speaking character in order of first appearance, with an introduction if one is found.

    A character appears first where they first speak or where action introduces them by name in
    capitals with a description (``MARA (30s, tired waitress) wipes the counter.`` or ``MARA, 30s, a
    tired waitress, wipes...``). An introduction names the character if it is the cue name, or if
    the cue name is its first or last word (``MARA OKAFOR`` introduces ``MARA`` and ``OKAFOR``).

    Args:
        screenplay: the parsed screenplay.

    Returns:
        One ``Character`` per distinct normalised cue name, but names of no one (``NO_ONE``:
        ``IT``, ``HER``, ``ALL``).
    """
    speakers: dict[str, _Appearance] = {}
    intros: dict[str, _Appearance] = {}
    order = 0
    for scene_index, scene in enumerate(screenplay.scenes):
        for element in scene.elements:
            order += 1
            if type(element) is Dialogue:
                _add_speaker(speakers, element, order, scene_index)
            elif type(element) is DualDialogue:
                _add_speaker(speakers, element.left, order, scene_index)
                _add_speaker(speakers, element.right, order, scene_index)
            elif type(element) is Action:
                text = element.text
                if "*" in text or "_" in text:
                    text = plain_text(text)
                for offset, name, description in _intro_descriptions(text):
                    appearance = _Appearance(name, (order, offset), scene_index, description)
                    intros.setdefault(name, appearance)
    by_word = _intros_by_edge_word(intros)
    characters: list[tuple[tuple[int, int], Character]] = []
    for name, spoken in speakers.items():
        intro = intros.get(name) or by_word.get(name)
        first = spoken if intro is None or spoken.order < intro.order else intro
        character = Character(
            name=name,
            description=intro.description if intro else None,
            first_scene=first.scene,
        )
        characters.append((first.order, character))
    characters.sort(key=lambda pair: pair[0])
    return [character for _, character in characters]


def _add_speaker(
    speakers: dict[str, _Appearance], dialogue: Dialogue, order: int, scene: int
) -> None:
    name = normalise_cue_name(dialogue.cue.name)
    if name and name not in speakers and name not in NO_ONE:
        speakers[name] = _Appearance(name, (order, 0), scene)


def _intros_by_edge_word(intros: dict[str, _Appearance]) -> dict[str, _Appearance]:
    """The earliest introduction whose first or last word is a given word."""
    by_word: dict[str, _Appearance] = {}
    for name, appearance in intros.items():
        words = name.split()
        if len(words) < 2:
            continue
        for word in (words[0], words[-1]):
            known = by_word.get(word)
            if known is None or appearance.order < known.order:
                by_word[word] = appearance
    return by_word
