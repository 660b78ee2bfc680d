"""A character's first name, as the script gives it or not ("What is Hooper's first name?").

Cues are mostly one word, a surname as often as a first name (``HOOPER``), so a question asking
for the first name is answered only by a sentence that puts a name before the cue: a title-case
word right before it (``Lena Hooper``) that is no title, rank or kin word (``Dr``,
``Captain``, ``Marshal``, ``Ma``), that the script never writes in lower case or, inside its
sentences, writes capitalised more often than in lower case (``Jack``, with a car's jack once;
not ``On``, ``Coroner``, ``Then Varga ...``), nor ends in ``'s`` or an apostrophe (``Where's
Varga?``, ``Evenin' Varga``), nor is another character's
cue (``Nora Varga`` with a cue ``NORA`` names Nora), or a full name in capitals whose last word
is the cue (``LENA HOOPER``, a cast list or an introduction). Without one the answer is "not in
the script". The block before the first heading counts here: a cast list there gives full
names, and unlike a year a name there is the story's.
"""

from __future__ import annotations

import re

from assistant.analysis.ask.script_facts import ScriptFacts
from assistant.analysis.scene_text import display_name

FIRST_NAME = re.compile(r"\b(first|given|christian) name\b", re.I)
"""How a question asks for a first name."""
FIRST_NAME_SCENES = 3
"""Scenes, first in script order, read for a first name the retrieved scenes do not give."""
_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "doctor",
        "captain",
        "capt",
        "officer",
        "chief",
        "sergeant",
        "sgt",
        "detective",
        "agent",
        "mayor",
        "professor",
        "prof",
        "father",
        "mother",
        "sister",
        "brother",
        "uncle",
        "aunt",
        "lady",
        "lord",
        "sir",
        "judge",
        "nurse",
        "coach",
        # ranks, offices and kin that stand before a surname mid-sentence ("tells Sheriff
        # Brody"): a word written in lower case elsewhere may still be a first name there
        "sheriff",
        "deputy",
        "general",
        "colonel",
        "major",
        "lieutenant",
        "lt",
        "corporal",
        "private",
        "commander",
        "admiral",
        "inspector",
        "reverend",
        "rev",
        "pastor",
        "senator",
        "governor",
        "president",
        "principal",
        "mister",
        "madam",
        "saint",
        "st",
        "king",
        "queen",
        "prince",
        "princess",
        "marshal",
        "ranger",
        "trooper",
        "doc",
        "grandma",
        "grandpa",
        "mama",
        "papa",
        "ma",
        "pa",
        "cousin",
        "nanny",
        "old",
        "young",
        "little",
        "big",
        "poor",
        "dear",
        "good",
        "the",
        "and",
        "but",
        "then",
        "when",
        "as",
        "so",
        "now",
    ]
)
_WORD_BEFORE = r"(?<![A-Za-z'’-])([A-Z][a-z][A-Za-z'’-]*)(?: +|\n(?![A-Z][\w .'’-]*:))"
"""A title-case word and the space after it; across a line break only when the next line is
not a speech (``... ask Tom``, then ``Varga: ...``). A word starts where its run of letters,
hyphens and apostrophes starts: started after every hyphen of "Ab-Ab-Ab-..." it was read to the
run's end each time (quadratic)."""


def untitled(cue: str) -> str:
    """The cue without the titles before its name (``COACH HARVEY`` -> ``HARVEY``): the name
    after a title is a surname as often as not, so its first name is still to be found."""
    words = cue.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in _TITLES:
        words = words[1:]
    return " ".join(words)


def first_name_pattern(cue: str, facts: ScriptFacts) -> re.Pattern[str] | None:
    """What gives the one-word ``cue`` a first name (the module docstring); None when ``cue``
    has two words already (it holds its first name) or the script gives it none."""
    if len(cue.split()) > 1:
        return None
    lower = lower_words(facts)
    cues = set(facts.characters)  # "Nell Toll" with a cue NELL is Nell's name, not Toll's
    # "McCoy", "O'Hara" (not "Mccoy", "O'hara"); a capital first: "his secretary" is no cue
    title = f"{re.escape(cue[0])}(?i:{re.escape(display_name(cue)[1:])})"
    names = {
        m.group(1)
        for scene in facts.scenes
        for m in re.finditer(_WORD_BEFORE + title + r"\b", scene.text)
        if m.group(1).lower() not in _TITLES
        and not m.group(1).endswith(("'s", "’s", "'", "’"))  # "Where's", "Mornin'"
        and m.group(1).upper() not in cues
    }
    # A word also written in lower case ("will", "jack", "on", "coroner") is a name only where
    # the script's own use says so: inside sentences, capitalised more often than not. Where it
    # stood before the cue said too little ("waves, On Hooper ...", "tells Coroner Hooper").
    names = {n for n in names if n.lower() not in lower or _capitalised_inside(n, facts)}
    capitals = [
        re.escape(full)
        for full, name in facts.full_names.items()
        if name == cue and len(full.split()) == 2 and full.split()[-1] == cue
    ]
    options = [rf"\b(?:{'|'.join(sorted(names))})\s+{title}\b(?!:)"] if names else []
    options += [rf"\b(?:{'|'.join(capitals)})\b"] if capitals else []
    return re.compile("|".join(options)) if options else None


_INSIDE = re.compile(r"[a-z,;] ")
"""What stands before a word inside a sentence: a lower-case word, a comma or a semicolon, and
a space."""


def _inside(text: str, start: int) -> bool:
    """True when the word at ``start`` stands inside a sentence (only the two characters before
    it are read, so many candidates cost no more than one each)."""
    return bool(_INSIDE.fullmatch(text[max(0, start - 2) : start]))


def _capitalised_inside(word: str, facts: ScriptFacts) -> bool:
    """True when, where ``word`` stands inside a sentence (``_inside``), the script writes it
    in title case more often than in lower case; words in capitals count as neither."""
    counts = {"title": 0, "lower": 0}
    pattern = re.compile(rf"(?<![A-Za-z'’-])(?i:{re.escape(word)})(?![A-Za-z])")
    for scene in facts.scenes:
        for m in pattern.finditer(scene.text):
            if _inside(scene.text, m.start()):
                found = m.group(0)
                if found == word or found.islower():
                    counts["title" if found == word else "lower"] += 1
    return counts["title"] > counts["lower"]


def first_name_scenes(facts: ScriptFacts, pattern: re.Pattern[str]) -> list[int]:
    """The first ``FIRST_NAME_SCENES`` scenes whose text gives the first name."""
    return [s.index for s in facts.scenes if pattern.search(s.text)][:FIRST_NAME_SCENES]


def lower_words(facts: ScriptFacts) -> set[str]:
    """Every word the script writes in lower case (computed per question that asks for a first
    name, which is rare: ~10 ms on a 120-page script)."""
    return {w for scene in facts.scenes for w in re.findall(r"\b[a-z][a-z'’-]*\b", scene.text)}
