"""The cast of each scene: who speaks (cues), who is introduced (``NAME (30s)``), who is named.

``cast_ids`` numbers the cast as scheduling tools do (1 = the character in most scenes), from the
same rules the breakdown uses, so the stripboard and the breakdown agree on every ID.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from assistant.analysis.breakdown.lexicon import Lexicon, default_lexicon
from assistant.analysis.breakdown.roles import names_one_person
from assistant.script.characters import normalise_cue_name
from assistant.script.model import (
    Action,
    Dialogue,
    DualDialogue,
    Parenthetical,
    Scene,
    Screenplay,
    plain_text,
)

GROUP_CUES = frozenset(("ALL", "BOTH", "EVERYONE", "EVERYBODY", "TOGETHER", "OTHERS", "VOICES"))
"""Cues spoken by several people at once: not one cast member."""
_NOT_ALIASES = frozenset((
    "MR", "MRS", "MS", "DR", "THE", "OLD", "YOUNG", "MAN", "WOMAN", "BOY", "GIRL", "GUY", "LADY",
    "BIG", "LITTLE", "OFFICER", "COP", "DETECTIVE", "SERGEANT", "SGT", "CAPTAIN", "CAPT", "AGENT",
    "FATHER", "MOTHER", "UNCLE", "AUNT", "SISTER", "BROTHER", "DOCTOR", "NURSE", "GUARD", "KING",
    "QUEEN", "PRINCE", "LORD", "LADY", "SIR", "MISS", "CHIEF", "GENERAL", "COLONEL", "PROFESSOR",
    "VOICE", "RADIO", "SECOND", "FIRST", "OTHER", "MAN'S", "NEW", "TWO", "ONE",
))  # fmt: skip
"""Words of a multi-word name that do not stand for it alone (``OLD MAN`` is not ``Man``)."""
_INTRO = re.compile(
    r"(?<![A-Za-z])((?:[A-Z][A-Z'’.\-]+ ){0,3}[A-Z][A-Z'’\-]+)"
    r"(?:\s*\(([^()]{1,80})\)"
    r"|,\s+((?:early |mid |late )?(?:\d{1,2}(?:'?s)?|teens?|\w+t(?:y|ies))),)"
)
"""A name in capitals introduced with a description: ``MARA (30s)``, ``MARA, 30s,``."""
_ROLE_INTRO = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+"
    r"((?:[A-Z][A-Z'’\-]+\s+){0,2}[A-Z][A-Z'’\-]{2,})(?![A-Za-z'’])(?!\s+[A-Z]{2})"
)
"""A kind of person in capitals after a determiner, the way scripts introduce a part with no
name: ``a STOOPED FERRYMAN waves``, ``nods to her DEPUTY``; not after a copula (``the rower
is a GIRL`` describes someone there) nor inside a line in capitals (``DROPPING A SOLDIER``)."""
_APPOSITIVE_INTRO = re.compile(
    r"(?<![A-Za-z'’])((?:[A-Z][A-Z'’.\-]+ ){0,2}[A-Z][A-Z'’\-]{2,}),\s+(?:an?|the)\s+"
    r"([a-z][a-z\- ]{0,60})"
)
"""A name in capitals, then a description: ``NADIA, a tall woman ...``."""
_PLACE_WORDS = frozenset(("IN", "AT", "ON", "ATOP", "INTO", "INSIDE", "OUTSIDE", "BY", "THE", "OF"))
"""Words of a place or a shot in capitals (``BY THE SLUICE, a guard ...``), never of a name."""
_BEFORE_INTRO = re.compile(r"(?:\b(?:is|was|are|were|be|been|becomes|became)|[A-Z]{2})\s+$")
"""Before a determiner: a copula or a word in capitals, so no introduction."""
_DESCRIBES = re.compile(r"\d|^(?:an?|the|his|her)\s|teen|twent|thirt|fort|fift|sixt|sevent|eight",
                        re.IGNORECASE)  # fmt: skip
_LEADING = re.compile(r"^(?:AN?|THE|TWO|THREE|SOME|HIS|HER|THEIR) ")
_FUNCTION_WORDS = frozenset(("A", "I", "O", "AN", "THE"))
_NOT_NAMES = frozenset(("V.O", "O.S", "O.C", "CONT'D", "POV", "CLOSE", "ANGLE", "INT", "EXT", "CU"))


_QUOTED = re.compile(r"\"[^\"\n]{0,200}\"|“[^”\n]{0,200}”|`[^`'\n]{0,80}'")
_POSSESSIVE = re.compile(r"(?:'s|’s|'S|’S|'|’)(?![A-Za-z])\s+([A-Za-z][A-Za-z\-]*)")
"""After a name: the name owns the next word (``Kim's coat``, ``JO'S KNIFE``)."""
_CONTRACTED = frozenset((
    "a", "an", "the", "not", "been", "got", "gone", "just", "still", "already", "now", "here",
    "there", "back", "in", "on", "out", "off", "up", "down", "about", "at", "so", "too", "very",
    "almost", "never", "always", "really", "all", "no", "with", "into", "by", "over", "behind",
))  # fmt: skip
"""Words after ``'s`` that make it "is" or "has" (``Kim's still here``), not an owner."""
_OWN_BODY = frozenset((
    "eyes", "eye", "face", "head", "hand", "hands", "arm", "arms", "finger", "fingers", "fist",
    "fists", "lips", "mouth", "jaw", "brow", "cheeks", "shoulder", "shoulders", "body", "leg",
    "legs", "foot", "feet", "knees", "hair", "gaze", "expression", "smile", "breath", "tears",
    "grip", "hold", "back", "chest", "neck", "heart",
))  # fmt: skip
"""After ``'s``, the owner's own body (``Kim's eyes narrow``): the owner is on screen."""


def _unquoted(text: str) -> str:
    """Quoted words blanked: a sign reading ``"GURU 12 MI."`` does not bring the Guru on."""
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), text)


_VOICE_OF = re.compile(r"(?:'S|'|’S|’)?\s+VOICE\b.*$")
_MOJIBAKE = re.compile(
    r"[\u20ac\ufffd\u0080-\u009f]"
    r"|[\u00c2\u00c3][\u00a0-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u2013-\u2122]"
)
"""UTF-8 read as Latin-1 or Windows-1252 (``â€œ``, ``Ã©``, the replacement character): a word
holding it is a broken quotation mark, not part of a name. ``Ã`` or ``Â`` before a letter is
a letter (``JOÃO``), so only before a symbol is it a broken byte."""
_NO_SPEAKERS = frozenset((
    "HE", "SHE", "THEY", "WE", "YOU", "IT", "HIM", "HER", "THEM", "CONTINUOUS", "LATER",
    "MOMENTS LATER", "SAME", "INTERCUT", "CUT TO", "BACK TO SCENE", "FLASHBACK", "END FLASHBACK",
    "BACK TO PRESENT", "THE END", "CONTINUED", "MORE", "MONTAGE", "END MONTAGE", "INSERT",
    "SERIES OF SHOTS", "FADE IN", "FADE OUT", "DISSOLVE TO", "SOMEBODY", "SOMEONE",
    "SOMEBODY ELSE", "SOMEONE ELSE", "NOBODY", "ANYONE", "ANYBODY",
))  # fmt: skip
"""Cue-shaped lines that name nobody: a pronoun left of a broken line (``â€” SHE``) and the
scene and time directions a script sets on a line of their own (``CONTINUOUS:``), and an
indefinite ``SOMEBODY`` (a voice not yet anyone)."""
_CAMERA = frozenset((
    "SHOT", "SHOTS", "ANGLE", "ANGLES", "VIEW", "POV", "CLOSEUP", "CLOSE-UP", "INSERT",
    "TRACKING", "AERIAL", "REVERSE", "OMITTED",
))  # fmt: skip
"""Last words of a shot line read as a cue (``OVERHEAD SHOT``, ``WIDER ANGLE``): no one. Not
``PAN``, ``CRANE``, ``DOLLY`` or ``ZOOM``, which end names too (``PETER PAN``, ``DOLLY``)."""
_GROUP = re.compile(
    r"^(?:THE|ALL|BOTH|ASSORTED|VARIOUS|SEVERAL|SOME|MANY|OTHER|MORE)\s.*[A-RT-Z]S$"
)
"""``THE GUYS``, ``ASSORTED VILLAGERS``: a group (extras), not one cast member."""
_ONE_PERSON = re.compile(
    r"\bOF\b|(?:US|IS)$|\b(?:MR|MRS|MS|MISS|DR|REV|REVEREND|FATHER|MOTHER|SISTER|BROTHER|AUNT|"
    r"UNCLE|DETECTIVE|OFFICER|AGENT|CAPTAIN|SERGEANT|PROFESSOR|JUDGE|SENATOR|MAYOR|LORD|LADY|SIR|"
    r"KING|QUEEN|PRINCE|PRINCESS|DUKE|COUNT|MISTER)\.?\s+\S+$"
)
"""What makes ``THE ...S`` one person: ``THE QUEEN OF HEARTS``, a singular in -us or -is (``THE
GENIUS``, ``THE MARQUIS``), a title before a surname (``THE REVEREND JONES``)."""


def cast_name(cue: str) -> str:
    """The cast member a cue stands for: ``MARA (V.O.)`` and ``MARA'S VOICE`` are ``MARA``; group
    cues (``ALL``, ``BOTH``), pronouns and directions (``CONTINUOUS``) stand for no one and
    give ``""``; words of a broken encoding are dropped."""
    name = normalise_cue_name(cue)
    if _MOJIBAKE.search(name):
        name = " ".join(word for word in name.split() if not _MOJIBAKE.search(word))
    owner = _VOICE_OF.sub("", name).strip()
    if owner and owner != name:
        name = owner
    if name in GROUP_CUES or name in _NO_SPEAKERS or (name.split() or [""])[-1] in _CAMERA:
        return ""
    group = _GROUP.match(name) and not _ONE_PERSON.search(name)
    return "" if group and not name.endswith("TWINS") else name


_JOINT = re.compile(r"\s+(?:AND|&)\s+|\s*/\s*")
_COMPANY = frozenset(("CO", "CO.", "COMPANY", "FRIENDS", "GANG", "OTHERS", "CREW"))
"""The second part of ``BRAM & CO.``, ``BRAM AND FRIENDS``: the speaker's group, no speaker."""
_BAND = re.compile(r"\s+(?:AND|&)\s+THE\s+(?:[A-Z'’\-]+\s+)*[A-Z'’\-]*[A-RT-Z]S$")
"""``KIT AND THE COMETS``: one band's name (``the`` and a plural), not two speakers."""


def cast_names(cue: str, solo: Collection[str] = ()) -> list[str]:
    """The cast members a cue stands for: ``cast_name``, and a joint cue (``MARA AND JO``,
    ``MARA & JO``, ``MARA/JO``) is each of its speakers; ``MARA & CO.`` is ``MARA``, and a
    band's name (``KIT AND THE COMETS``) is one name, unless either side speaks alone (in
    ``solo``, the script's one-speaker cues): ``MARA AND THE TWINS`` is then two members."""
    name = cast_name(cue)
    band = _BAND.search(name) if name and "/" not in name else None
    if band:
        sides = {name[: band.start()].strip(), name[band.start() :].split(None, 1)[1]}
        if not sides & set(solo):
            return [name]
    parts = [cast_name(part) for part in _JOINT.split(name)] if name else []
    joint = len(parts) > 1
    if joint:
        parts = [part for part in parts if part.rstrip(".") not in _COMPANY]
    last = parts[-1].split() if parts else []
    surname = last[1:] if last and last[0].rstrip(".") in _TITLES else []
    # "MR. AND MRS. HOLT": a bare title shares the last speaker's surname (no speaker "MR").
    parts = [
        (f"{part.rstrip('.')}. {' '.join(surname)}" if surname else "")
        if part.rstrip(".") in _TITLES
        else part
        for part in parts
    ]
    return [part for part in parts if part] if joint else ([name] if name else [])


def _one_edit_apart(a: str, b: str) -> bool:
    """One letter changed, added, dropped, or two neighbours swapped (``ANAKN``, ``ANAKIN``)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    if a[i + 1 :] == b[i + 1 :]:
        return True
    return i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]


_CAPITALS = re.compile(r"(?<![A-Za-z'’])[A-Z][A-Z'’.\-]{3,}(?: [A-Z][A-Z'’.\-]+){0,2}(?![A-Za-z])")


@dataclass(frozen=True)
class CastMention:
    name: str
    surface: str
    """The words to look for in the source (the cue as written, the name as written)."""
    source: str
    """``cue``, ``description`` or ``action``."""


class CastFinder:
    """Knows the script's speaking names and finds them, and new introductions, in a scene."""

    def __init__(self, screenplay: Screenplay, lexicon: Lexicon | None = None) -> None:
        names: dict[str, None] = {}
        cue_scenes: dict[str, set[int]] = {}
        self._solo = {cast_name(d.cue.name) for s in screenplay.scenes for d in s.dialogues()}
        """Every cue's name as one speaker: a band's cue whose side speaks alone is two."""
        for index, scene in enumerate(screenplay.scenes):
            for dialogue in scene.dialogues():
                for name in cast_names(dialogue.cue.name, self._solo):
                    names.setdefault(name)
                    cue_scenes.setdefault(name, set()).add(index)
        self._typos = _typo_cues(screenplay, cue_scenes)
        """A cue spelled once that is one letter from a name written more often -> that name."""
        self.speakers = [name for name in names if name not in self._typos]
        self._forms: dict[str, str] = {name: name for name in self.speakers}
        common = lexicon or default_lexicon()
        self._lexicon = common
        # A surname or first name stands for a multi-word cue (``TAKAGI`` for ``MR. TAKAGI``)
        # when it is a plain word of one name only and no lexicon word (``POLICE SCANNER``).
        owners: dict[str, set[str]] = {}
        for name in self.speakers:
            words = name.split()
            # "ORKIN MAN", "WARRIOR FOUR": a description, not a first name and a surname.
            if words[-1] in _NOT_ALIASES or words[-1].rstrip("S") in _NOT_ALIASES:
                continue
            if 1 < len(words) <= 3:
                for word in {words[0], words[-1]}:
                    owners.setdefault(word, set()).add(name)
        for word, named in owners.items():
            if (
                len(named) == 1 and len(word) >= 3 and word.isalpha() and word not in _NOT_ALIASES
                and not common.find(word.lower())
            ):  # fmt: skip
                self._forms.setdefault(word, next(iter(named)))
        self._common = {
            name for name in self.speakers
            if any(m.entry.category == "extras" for m in common.find(name.lower()))
        }  # fmt: skip
        """Speakers named by a common noun (``GUARD``, ``HOSTAGE``): found by their cues only."""
        # "A" and "I" as names would be every article and every "I" of the action.
        alternatives = sorted(
            (form for form in self._forms if form not in _FUNCTION_WORDS), key=len, reverse=True
        )
        self._pattern = (
            re.compile(
                r"(?<![A-Za-z])(" + "|".join(map(re.escape, alternatives)) + r")(?![A-Za-z])",
                re.IGNORECASE,
            )
            if alternatives
            else None
        )

    def mentions(self, scene: Scene) -> Iterator[CastMention]:
        """Cast mentions of one scene in text order (a name may repeat; the first one counts).

        A character named in action only as an owner (``Kim's coat hangs there``, and no cue
        or other mention in the scene) is not on screen, so is left out."""
        found: list[tuple[CastMention, bool]] = []
        for element in scene.elements:
            if isinstance(element, Dialogue | DualDialogue):
                pair = [element] if isinstance(element, Dialogue) else [element.left, element.right]
                for dialogue in pair:
                    written = cast_name(dialogue.cue.name)
                    # The cue as written is the surface: a joint cue's "MR. X" is not in the text.
                    for name in cast_names(dialogue.cue.name, self._solo):
                        found.append(
                            (CastMention(self._typos.get(name, name), written, "cue"), False)
                        )
                    # "(to Jo)", "(Jo watches him)": a parenthetical's action names who is there.
                    for part in dialogue.parts:
                        if isinstance(part, Parenthetical):
                            found.extend(self._in_parenthetical(_unquoted(part.text)))
            elif isinstance(element, Action):
                found.extend(self._in_action(_unquoted(plain_text(element.text))))
        present = {mention.name for mention, owner in found if not owner}
        yield from (mention for mention, _ in found if mention.name in present)

    def _in_parenthetical(self, text: str) -> Iterator[tuple[CastMention, bool]]:
        """A parenthetical's mentions: ``(to Jo)`` names who is there, but when the line goes
        into a phone or radio (``(into the phone, to Jo)``), the one spoken to is elsewhere and
        counts only as an owner's name does (there if named otherwise)."""
        remote = _REMOTE.search(text) is not None
        for start, mention, owner in self._found_in(text):
            away = remote and _ADDRESSED.search(text, max(0, start - 8), start) is not None
            yield mention, owner or away

    def _owner_only(self, text: str, end: int) -> bool:
        """Whether the name ending at ``end`` only owns a thing: ``Kim's coat``, not ``Kim's
        running`` or ``Kim's still here`` ("is"), nor ``Kim's car`` (an owner drives it)."""
        owned = _POSSESSIVE.match(text, end)
        if owned is None:
            return False
        word = owned.group(1).lower()
        if word in _CONTRACTED or word in _OWN_BODY or word.endswith(("ing", "ed")):
            return False
        rest = text[owned.start(1) : owned.start(1) + 40]
        return not any(m.entry.category == "vehicles" for m in self._lexicon.find(rest)[:1])

    def _in_action(self, text: str) -> Iterator[tuple[CastMention, bool]]:
        """The mentions in one action paragraph, each with whether it is only an owner's name."""
        yield from ((mention, owner) for _, mention, owner in self._found_in(text))

    def _introduced(self, text: str) -> Iterator[tuple[int, CastMention, bool]]:
        """Parts introduced in capitals without an age: a kind of person after a determiner
        (``a STOOPED FERRYMAN``), or a name followed by a description of a person (``NADIA, a
        tall woman``, ``NADIA, the man who ...``). Speakers are found as speakers."""
        for match in _ROLE_INTRO.finditer(text):
            name = " ".join(match.group(1).split())
            if _BEFORE_INTRO.search(text, max(0, match.start() - 12), match.start()):
                continue
            head = name.split()[-1]
            # A word the lexicon lists as no person (``a WALKMAN``: a prop) is a thing.
            found = self._lexicon.find(head.lower())
            thing = any(m.entry.category != "extras" for m in found)
            if names_one_person(head) and cast_name(name) and not thing:
                # "A NERVOUS PILOT" who then speaks as PILOT is that speaker.
                known = self._forms.get(name) or self._forms.get(name.split()[-1]) or name
                yield match.start(1), CastMention(known, match.group(1), "description"), False
        for match in _APPOSITIVE_INTRO.finditer(text):
            name = " ".join(match.group(1).split())
            words = match.group(2).split()
            if (
                name in _NOT_NAMES or not cast_name(name) or self._lexicon.find(name.lower())
                or _PLACE_WORDS.intersection(name.split())
            ):  # fmt: skip
                continue
            if any(names_one_person(w) for w in words) or "who" in words:
                known = self._forms.get(name) or name
                yield match.start(1), CastMention(known, match.group(1), "description"), False

    def _found_in(self, text: str) -> list[tuple[int, CastMention, bool]]:
        """``_in_action``'s mentions with where each starts, in text order."""
        found: list[tuple[int, CastMention, bool]] = []
        for match in _INTRO.finditer(text):
            description = match.group(2) or match.group(3) or ""
            if match.group(2) is not None and not _DESCRIBES.search(description):
                continue
            name = _LEADING.sub("", " ".join(match.group(1).split()))
            if name in _NOT_NAMES or len(name) < 2 or name.upper() != name or not cast_name(name):
                continue
            known: str = self._forms.get(name) or name
            found.append((match.start(), CastMention(known, match.group(1), "description"), False))
        found.extend(self._introduced(text))
        if self._pattern is not None:
            named: list[tuple[int, int, CastMention]] = []
            for match in self._pattern.finditer(text):
                written = match.group(0)
                if not written[0].isupper() or written.lower() == written:
                    continue
                speaker = self._forms.get(written.upper())
                if speaker is not None and speaker in self._common:
                    continue  # "the HOSTAGE floor" is not the speaking HOSTAGE: cues count
                if speaker is not None:
                    mention = CastMention(speaker, written, "action")
                    named.append((match.start(), match.end(), mention))
            for i, (start, end, mention) in enumerate(named):
                # "JOHN MCCLANE" with cues JOHN and MCCLANE is one person, called by the surname.
                if i + 1 < len(named) and text[end : named[i + 1][0]].strip() == "":
                    continue
                away = _sent_by(text, start) or _depicted(text, start)
                found.append((start, mention, away or self._owner_only(text, end)))
        found.sort(key=lambda triple: triple[0])
        return found


_TITLES = frozenset(("MR", "MRS", "MS", "MISS", "DR"))
_SENDER = re.compile(
    r"\b(?:texts?|messages?|calls?|letters?|e-?mails?|notes?|voicemails?|postcards?|cards?|"
    r"parcels?|packages?|gifts?|news|word)\s+from\s+$",
    re.IGNORECASE,
)
"""``a text from Kim``: Kim sent it and need not be there (like an owner, below)."""
_REMOTE = re.compile(
    r"\b(?:into|on|over|through|down)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+|my\s+)?"
    r"(?:[a-z\-]+\s+)?(?:tele)?(?:phones?|cell(?:phone)?|mobile|radio|walkie(?:-talkie)?|"
    r"intercom|receiver|handset|headset|mic|microphone|speaker(?:phone)?|line|comms?)\b",
    re.IGNORECASE,
)
"""A parenthetical that sends the line down a device (``(into the phone)``, ``(over the
radio)``, ``(on the line)``): whom it is spoken to is elsewhere."""
_ADDRESSED = re.compile(r"\bto\s+$", re.IGNORECASE)
"""``to`` right before a name: the one spoken to."""
_TAKEN = re.compile(
    r"\b(?:takes?|took|taking|snatch(?:es|ed|ing)?|grabs?|grabbed|grabbing|seiz(?:es|ed|ing)|"
    r"pulls?|pulled|pulling|plucks?|plucked|plucking|wrests?|wrested|wresting|yanks?|yanked|"
    r"yanking|rips?|ripped|ripping|tears?|tore|tearing|swipes?|swiped|swiping|steals?|stole|"
    r"stealing|accepts?|accepted|accepting|collects?|collected|collecting)\s+"
    r"(?:(?:the|a|an|his|her|their|its|this|that)\s+)?(?:[A-Za-z'’\-]+\s+)?$",
    re.IGNORECASE,
)
"""A verb of taking by hand before the thing (``snatches the letter from Kim``): the thing is
taken from Kim's hands, so Kim is there; the verb class, not a list of things taken."""


_DEPICTED = re.compile(
    r"\b(?:pictures?|photos?|photographs?|snapshots?|images?|portraits?|drawings?|sketch(?:es)?|"
    r"posters?|paintings?|footage|videos?|mug\s?shots?|headshots?)\s+of\s+(?:a\s+|the\s+)?"
    r"(?:young\s+|smiling\s+)?$",
    re.IGNORECASE,
)
"""``a picture of Kim``, ``footage of Kim``: Kim is shown, not there (like an owner)."""


def _depicted(text: str, start: int) -> bool:
    """Whether the name at ``start`` is what a picture, photo or footage shows."""
    return _DEPICTED.search(text, max(0, start - 40), start) is not None


def _sent_by(text: str, start: int) -> bool:
    """Whether the name at ``start`` only sent the thing before it (``a text from Kim``), not
    had it taken from them (``grabs the letter from Kim``)."""
    sender = _SENDER.search(text, max(0, start - 40), start)
    if sender is None:
        return False
    return _TAKEN.search(text, max(0, sender.start() - 40), sender.start()) is None


def _kin(a: str, b: str) -> bool:
    """Names one edit apart that are two people, not a misspelling: numbered (``GUARD 1``,
    ``GUARD 2``) or titled (``MR. HOLT``, ``MRS. HOLT``)."""
    if re.sub(r"\d", "", a) == re.sub(r"\d", "", b):
        return True
    first_a, first_b = a.split()[0].rstrip("."), b.split()[0].rstrip(".")
    return first_a != first_b and first_a in _TITLES and first_b in _TITLES


_TOKEN = re.compile(r"[A-Z0-9][A-Z0-9'’\-]*\.?")


def _typo_cues(screenplay: Screenplay, cue_scenes: dict[str, set[int]]) -> dict[str, str]:
    """Misspelt cues: a name of five letters or more whose cues are all in one scene and that the
    action never writes, one edit from a speaker or a name in capitals written at least three
    times (``ANAKN`` for ``ANAKIN``)."""
    lonely = [n for n, scenes in cue_scenes.items() if len(scenes) == 1 and len(n) >= 5]
    if not lonely:
        return {}
    cues: dict[str, int] = {}
    capitals: set[str] = set()
    paragraphs: list[str] = []
    for scene in screenplay.scenes:
        for name in (cast_name(d.cue.name) for d in scene.dialogues()):
            cues[name] = cues.get(name, 0) + 1
        for element in scene.elements:
            if isinstance(element, Action):
                paragraphs.append(plain_text(element.text))
                capitals.update(_CAPITALS.findall(paragraphs[-1]))
    # How often each run of one to three words is written in action (upper-cased, dots off):
    # one pass, where a search per name over the whole script cost 0.1 s on a feature.
    tokens = [t.rstrip(".") for t in _TOKEN.findall(" ".join(paragraphs).upper())]
    grams: dict[tuple[str, ...], int] = {}
    for size in (1, 2, 3):
        for i in range(len(tokens) - size + 1):
            key = tuple(tokens[i : i + size])
            grams[key] = grams.get(key, 0) + 1

    def written(name: str) -> int:
        return grams.get(tuple(word.rstrip(".") for word in name.split()), 0)

    # Names one edit apart share a one-letter deletion: an index of those, where comparing each
    # lonely name with every name took 6 s for 2,000 one-scene cues.
    near_by: dict[str, set[str]] = {}
    for t in {*cues, *capitals}:
        if len(t) <= _LONGEST_NAME and cues.get(t, 0) + written(t) >= 3:
            for deleted in _deletions(t):
                near_by.setdefault(deleted, set()).add(t)
    typos: dict[str, str] = {}
    for name in lonely:
        if written(name) or len(name) > _LONGEST_NAME:
            continue
        near = {t for deleted in _deletions(name) for t in near_by.get(deleted, ())}
        targets = [t for t in near if t != name and _one_edit_apart(name, t) and not _kin(name, t)]
        if len(targets) == 1:
            typos[name] = targets[0]
    return typos


_LONGEST_NAME = 40
"""Longer runs of capitals are no name to misspell (and their deletions would cost n²)."""


def _deletions(name: str) -> set[str]:
    return {name, *(name[:i] + name[i + 1 :] for i in range(len(name)))}


def rank_cast(scene_casts: list[list[str]]) -> list[tuple[str, int, int]]:
    """``(name, scenes, first scene index)`` numbered by importance: most scenes first, ties to the
    earlier first scene, then to the name; position + 1 in the list is the cast ID."""
    scenes: dict[str, int] = {}
    first: dict[str, int] = {}
    for index, names in enumerate(scene_casts):
        for name in dict.fromkeys(names):
            scenes[name] = scenes.get(name, 0) + 1
            first.setdefault(name, index)
    order = sorted(scenes, key=lambda n: (-scenes[n], first[n], n))
    return [(name, scenes[name], first[name]) for name in order]


_PRONOUN_SUBJECT = re.compile(r"(?:^|[.!?]\s+)(?P<pronoun>She|He)\s+[a-z]")
_SOMEONE_ELSE = re.compile(
    r"\b(?:[a-z]*(?:man|woman|men|women)|boys?|girls?|guys?|kids?|child|children|lady|ladies|"
    r"strangers?|figures?|someone|somebody|nurses?|doctors?|guards?|officers?|cops?|clerks?|"
    r"waiters?|waitress|bartenders?|drivers?|soldiers?|workers?|teenagers?|passengers?|"
    r"customers?|people|person)\b",
    re.IGNORECASE,
)
"""An unnamed person in the scene before its ``She``/``He``, whom the pronoun may stand for."""


def carried_cast(
    scene: Scene, found: list[str], previous: list[str], before: Scene | None = None
) -> tuple[str, str] | None:
    """The one character of the scene before (``before``), for a scene that names nobody but
    whose action has ``She ...`` or ``He ...`` as a sentence's subject: ``(name, the pronoun as
    written)``; not when the scene before calls its people by the other pronoun only.

    A chase or a drive cut into short scenes often names its character in the first only."""
    if found or len(previous) != 1:
        return None
    if before is not None and in_another_time(scene) != in_another_time(before):
        return None  # into or out of a flashback or a dream: another time, often another person
    for element in scene.elements:
        if isinstance(element, Action):
            text = _unquoted(plain_text(element.text))
            hit = _PRONOUN_SUBJECT.search(text)
            if _SOMEONE_ELSE.search(text, 0, hit.start() if hit else len(text)):
                return None  # "A watchman walks his rounds. He yawns.": the pronoun is his
            if hit:
                said = _pronouns(before) if before is not None else set()
                if said and hit.group("pronoun") not in said:
                    return None  # "She" there, "He" here: someone else
                return previous[0], hit.group("pronoun")
    return None


_ANOTHER_TIME = re.compile(
    r"\b(?:FLASH[- ]?(?:BACK|FORWARD)S?|(?:DAY)?DREAM(?:S|ING|Y)?|NIGHTMARES?|FANTASY|FANTASIES|"
    r"HALLUCINATIONS?|VISIONS?|MEMORY|MEMORIES|(?:YEARS|MONTHS|WEEKS|DAYS) EARLIER|THE PAST)\b",
    re.IGNORECASE,
)
"""A heading's tag or an opening line that puts a scene in another time or in someone's head
(``- FLASHBACK``, ``(DAYDREAM)``, ``- DREAM SEQUENCE``, ``- NIGHTMARE``, ``- FLASH FORWARD``)."""


_PLACE_END = re.compile(r"\s+-+\s+|\s*\(")


def in_another_time(scene: Scene) -> bool:
    """Whether the scene is a flashback, a dream or the like: its heading but for the place
    (``INT. DREAM CAFE`` is a café), or the first words of its first action, say so."""
    heading = scene.heading
    if heading is not None:
        # The heading without its place (the location's first part: "KITCHEN (FLASHBACK)" and
        # "FARM - YEARS EARLIER" keep their tags there): the tags, time and shot.
        place = _PLACE_END.split(heading.location, 1)[0].strip()
        rest = heading.text.replace(place, " ", 1) if place else heading.text
        if any(_ANOTHER_TIME.search(part) for part in (rest, *heading.tags)):
            return True
    first = next((e for e in scene.elements if isinstance(e, Action)), None)
    opening = plain_text(first.text)[:40] if first is not None else ""
    return bool(_ANOTHER_TIME.match(opening.lstrip()))


def _pronouns(scene: Scene) -> set[str]:
    return {
        hit.group("pronoun")
        for element in scene.elements
        if isinstance(element, Action)
        for hit in _PRONOUN_SUBJECT.finditer(_unquoted(plain_text(element.text)))
    }


class CarryOver:
    """The scene a She/He carry reads from: the headed scene before, except that a scene after a
    flashback or a dream reads the last scene before it (the story's present resumes)."""

    def __init__(self) -> None:
        self._before: tuple[list[str], Scene] | None = None
        self._present: tuple[list[str], Scene] | None = None
        """The last headed scene outside a flashback."""

    def carried(self, scene: Scene, found: list[str]) -> tuple[str, str] | None:
        """``carried_cast`` for ``scene`` against the scene it reads from."""
        before = self._before
        if before is not None and in_another_time(before[1]) and not in_another_time(scene):
            before = self._present
        if before is None:
            return None
        return carried_cast(scene, found, before[0], before[1])

    def seen(self, scene: Scene, names: list[str]) -> None:
        """Record a headed scene's cast (with any carried name) for the scenes after it."""
        self._before = (names, scene)
        if not in_another_time(scene):
            self._present = self._before


def scene_cast_names(screenplay: Screenplay) -> list[list[str]]:
    """Each scene's cast names in order of first mention (what ``cast_ids`` ranks)."""
    finder = CastFinder(screenplay)
    casts: list[list[str]] = []
    carry = CarryOver()
    headed = bool(screenplay.headed_scenes())
    for scene in screenplay.scenes:
        if scene.heading is None and headed:
            casts.append([])  # the title page before the first heading: as the breakdown reads it
            continue
        names = list(dict.fromkeys(mention.name for mention in finder.mentions(scene)))
        carried = carry.carried(scene, names) if scene.heading else None
        if carried:
            names = [carried[0]]
        casts.append(names)
        if scene.heading:
            carry.seen(scene, names)
    return casts


def cast_ids(screenplay: Screenplay) -> dict[str, int]:
    """Cast IDs as scheduling tools number them: 1 for the character in the most scenes.

    Ties go to the character who appears first, then to the name, so the IDs are stable. Speaking
    and non-speaking characters are both numbered (the breakdown's ``cast`` category).

    Args:
        screenplay: the parsed script.

    Returns:
        Character name (as in the breakdown, in capitals) -> ID from 1.
    """
    ranked = rank_cast(scene_cast_names(screenplay))
    return {name: position for position, (name, _, _) in enumerate(ranked, start=1)}
