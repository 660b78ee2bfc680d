"""What the parsed script says about each scene, computed once per script: who speaks, who is
named in action, where and when it is set, its page and line, its sentences; and the names a
question can use for characters and places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.analysis.scene_text import TextUnit, read_scene, scene_units
from assistant.script.model import Action, IntExt, Screenplay
from assistant.script.stats import normalise_time_of_day
from assistant.script.stats_models import TimeGroup

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
_ALIAS_STOP = frozenset(
    [
        "MR",
        "MRS",
        "MS",
        "DR",
        "THE",
        "OLD",
        "YOUNG",
        "LITTLE",
        "BIG",
        "MAN",
        "WOMAN",
        "GIRL",
        "BOY",
        "GUY",
        "LADY",
        "SIR",
        "MISS",
        "ALL",
        "BOTH",
        "TWO",
        "THREE",
        "EVERYONE",
    ]
)
"""Words of a multi-word cue that never stand for the character alone (``DR``, ``THE``)."""


@dataclass
class SceneFacts:
    """One scene as the tools and citations see it."""

    index: int
    """Position in ``Screenplay.scenes`` (0-based)."""
    label: str
    """What people call it (``Screenplay.scene_labels``); ``opening`` for the block before the
    first heading."""
    heading: str
    start_line: int | None
    page: int
    eighths: int
    int_ext: IntExt | None
    time_group: str | None
    """``day``, ``night``, ``evening`` (evening, dusk, sunset) or ``other``; a continuity time
    (``CONTINUOUS``, ``LATER``) takes the scene before's; None: no heading. Evening is its own
    here, not night as in ``slate stats``: asked for night scenes, people count the headings
    that say night."""
    location: str
    speakers: list[str]
    """Normalised cue names, in order of first speech."""
    mentioned: list[str]
    """Characters named in action who do not speak in the scene."""
    text: str
    """Heading, action and ``Name: speech``, plain."""
    units: list[TextUnit] = field(default_factory=list)
    continuity: bool = False
    """The heading's own time is a continuity one (``CONTINUOUS``, ``SAME``, ``LATER``): its
    ``time_group`` is the scene before's, and a count by time says such scenes apart."""

    @property
    def present(self) -> list[str]:
        return [*self.speakers, *self.mentioned]

    @property
    def citation(self) -> str:
        """``scene 12 (INT. VAULT - NIGHT, p. 34, line 2201)``."""
        where = [self.heading or "before the first heading", f"p. {self.page}"]
        if self.start_line is not None:
            where.append(f"line {self.start_line}")
        return f"scene {self.label} ({', '.join(where)})"


@dataclass
class ScriptFacts:
    """Every scene's facts, the character names and aliases, and the heading locations."""

    scenes: list[SceneFacts]
    characters: list[str]
    """Normalised cue names in order of first appearance."""
    aliases: dict[str, str]
    """Lower-case phrase a question may use -> cue name (``mara's mother`` -> ``MARA'S MOTHER``,
    ``mcclane`` -> ``JOHN MCCLANE`` when no other cue holds that word)."""
    locations: list[str]
    """Distinct heading locations and their `` - `` parts, capitals."""
    full_names: dict[str, str] = field(default_factory=dict)
    """Full names action gives in capitals -> the cue (``ISLA GRANT`` -> ``ISLA``)."""
    _names: list[tuple[str, str]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _places: list[tuple[str, str]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def find_characters(self, question: str) -> list[str]:
        """Cue names the question names, in question order, longest phrase first on overlaps.

        A place on the headings wins over an alias that is not a cue: in "the Varga house",
        VARGA is the house, not TOM (whose full name, TOM VARGA, made it an alias).
        """
        if self._names is None:  # built once: rebuilding it cost ~10 ms of every answer
            places = {word for place in self.locations for word in place.split()}
            self._names = _phrase_table(
                {
                    phrase: name
                    for phrase, name in self.aliases.items()
                    if phrase == name.lower() or phrase.upper() not in places
                }
            )
        return [name for _, name in _find_phrases(question, self._names)]

    def find_locations(self, question: str) -> list[str]:
        """Heading locations (or parts of them) the question names, longest first."""
        if self._places is None:
            # "the boat shed" for NORTH QUAY BOAT SHED: a place's last two words name it too
            # (as a part, matched inside every heading that holds it); of each `` - `` part, so
            # that FARM - BACK KITCHEN gives "back kitchen", not "- kitchen"
            ends = {
                " ".join(part.split()[-2:]).lower(): " ".join(part.split()[-2:])
                for loc in self.locations
                for part in _location_parts(loc)
                if len(part.split()) >= 3
            }
            whole = {loc.lower(): loc for loc in self.locations if len(loc) >= 3}
            self._places = _phrase_table({**ends, **whole})
        return [name for _, name in _find_phrases(question, self._places)]


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text.lower().translate(_APOSTROPHES)).split())


def _phrase_table(table: dict[str, str]) -> list[tuple[str, str]]:
    """``(phrase as matched, value)``, longest phrase first, for ``_find_phrases``."""
    return [
        (" " + re.sub(r"'s\b", " 's", _norm(phrase)) + " ", table[phrase])
        for phrase in sorted(table, key=len, reverse=True)
    ]


def _find_phrases(question: str, table: list[tuple[str, str]]) -> list[tuple[int, str]]:
    """``(offset, value)`` of table phrases (``_phrase_table``) in the question, whole words,
    longest match wins."""
    text = f" {_norm(question)} "
    text = re.sub(r"'s\b", " 's", text)  # "mara's" can match cue "MARA" and "MARA'S MOTHER"
    taken = [False] * len(text)
    found: list[tuple[int, str]] = []
    for spaced, value in table:
        start = text.find(spaced)
        while start >= 0:
            span = range(start + 1, start + len(spaced) - 1)
            if not any(taken[i] for i in span):
                for i in span:
                    taken[i] = True
                if value not in (v for _, v in found):
                    found.append((start, value))
            start = text.find(spaced, start + 1)
    found.sort()
    return found


_CAPITALS = re.compile(r"(?<![A-Za-z])([A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+){1,4})(?![A-Za-z])")
"""A run of words in capitals, as action introduces people (``ISLA GRANT``) and camera
directions (``ANGLE ON NORA``) are written."""
_NOT_NAMES = frozenset(
    {
        "ON",
        "AND",
        "TO",
        "WITH",
        "FROM",
        "REVEAL",
        "REVEALS",
        "ANGLE",
        "TIGHT",
        "BACK",
        "CLOSE",
        "SHOT",
        "POV",
        "INTO",
        "OF",
        "THE",
        "A",
        "AN",
        "AT",
        "IN",
        "OVER",
        "UP",
        "DOWN",
        "CUT",
        "HIS",
        "HER",
        "THEIR",
        "LOVE",
        "PRETTY",
        "ANOTHER",
        "SECURITY",
        "DANCING",
        "CITY",
        "HANDS",
        "HOSTAGES",
        # titles before a name: DR MAREN VOSS is MAREN's full name
        "DR",
        "MR",
        "MRS",
        "MS",
        "MISS",
        "DOCTOR",
    }
)
"""Words in a capitals run that make it a direction or a role, not a name (checked on the TRIPOD
scripts: without them a camera angle on a character and a reveal of one became names)."""


def _full_names(action: str, characters: list[str], places: set[str]) -> dict[str, str]:
    """Full names in capitals whose first or last word is a one-word cue: ``ISLA GRANT`` -> ISLA.

    Leading direction words are dropped (``TO REVEAL TOM VARGA`` gives ``TOM VARGA``); runs
    with other direction words, other cues or a heading's place are not names.
    """
    single = {name for name in characters if " " not in name}
    cues = set(characters)
    found: dict[str, str] = {}
    for match in _CAPITALS.finditer(action):
        words = match.group(1).split()
        while words and words[0] in _NOT_NAMES:
            words.pop(0)
        phrase = " ".join(words)
        if not 2 <= len(words) <= 3 or phrase in cues or phrase in places:
            continue
        if any(w in _NOT_NAMES for w in words):
            continue
        for word, others in ((words[0], words[1:]), (words[-1], words[:-1])):
            if word in single and not any(o in cues for o in others):
                found.setdefault(phrase, word)
                break
    return found


_GROUP = re.compile(r"\s+(?:AND|&)\s+|\s*/\s*")
"""What joins the names of a group cue: ``NORA AND TOM``, ``ISLA & TOMAS``."""


def _is_group(name: str, cues: set[str]) -> bool:
    """True for a cue that names several characters who also speak alone (``NORA AND TOM``):
    "Nora and Tom" in a question means the two of them, not the pair's joint line."""
    parts = [p.strip() for p in _GROUP.split(name) if p.strip()]
    return len(parts) > 1 and any(p in cues for p in parts)


def _aliases(characters: list[str], full_names: dict[str, str]) -> dict[str, str]:
    cues = set(characters)
    table = {name.lower(): name for name in characters if not _is_group(name, cues)}
    words: dict[str, set[str]] = {}
    named = [(n, n) for n in characters if not _is_group(n, cues)] + list(full_names.items())
    for phrase, name in named:
        parts = phrase.replace("'S ", " ").split()
        if phrase != name:
            table.setdefault(phrase.lower(), name)
        if len(parts) < 2 or "'S" in phrase:  # "MARA'S MOTHER" is not "MOTHER" nor "MARA"
            continue
        if len(parts) > 3:  # a line in capitals read as a cue (a sign, a shout), not a name
            continue
        for word in parts:
            if len(word.strip(".")) >= 3 and word.strip(".") not in _ALIAS_STOP:
                words.setdefault(word.lower(), set()).add(name)
    for word, names in words.items():
        if len(names) == 1 and word not in table:
            table[word] = next(iter(names))
    return table


def _mentions(action: str, names: list[str], skip: set[str]) -> list[str]:
    found = []
    for name in names:
        if name in skip:
            continue
        variants = {name, name.title()}
        if any(re.search(rf"(?<![A-Za-z]){re.escape(v)}(?![A-Za-z])", action) for v in variants):
            found.append(name)
    return found


_TIME_PARTS = frozenset(
    {
        "DAY", "NIGHT", "DAWN", "DUSK", "EVENING", "MORNING", "AFTERNOON", "SUNSET", "SUNRISE",
        "LATER", "CONTINUOUS", "SAME TIME", "MOMENTS LATER", "LATE AFTERNOON", "LATE NIGHT",
    }
)  # fmt: skip
"""Parts of a heading's location that are a time, left there by a heading the parser did not
split at its time ("EXT. RAFT - ON THE LAKE - NIGHT - WIDE ON X"): a question saying "night" named
a place NIGHT and counted no scenes. Such a part is the scene's time when the heading's own
time is none the parser knows."""
_EVENING_LABELS = frozenset({"EVENING", "DUSK", "SUNSET"})
"""Times between day and night (``normalise_time_of_day``'s labels; twilight is DUSK, sundown
SUNSET): a night count leaves them out and says how many it left."""
_TITLE_END = re.compile(
    r"(?:^|[\s(\"“])(?:Mr|Mrs|Ms|Dr|Prof|Mssrs|Messrs|St|MR|MRS|MS|DR|PROF|MESSRS|ST)\.$"
)
"""A sentence the splitter ended at a title's full stop ("Dr. Hale opens it." split in two);
in capitals too, as action introduces people ("DR. HALE (50s) opens it." lost its name)."""


def join_titles(units: list[TextUnit]) -> list[TextUnit]:
    """The sentences of a scene with a break after a title (``Dr.``, ``Mr.``, ``Mrs.``) undone:
    the shared splitter breaks after any full stop before a capital, so "Dr." was a sentence
    of its own and the line it opened lost its subject."""
    out: list[TextUnit] = []
    for unit in units:
        last = out[-1] if out else None
        if (
            last is not None
            and last.element == unit.element
            and last.speaker == unit.speaker
            # only the end is read: searched whole, a long run of joined titles was quadratic
            and _TITLE_END.search(last.text, max(0, len(last.text) - 9))
        ):
            out[-1] = TextUnit(f"{last.text} {unit.text}", unit.speaker, unit.element)
        else:
            out.append(unit)
    return out


def _location_parts(location: str) -> list[str]:
    """A heading location's parts: its `` - `` parts and the halves of ``SCHOOL/GYM`` in them
    (a slash without spaces joins a place and a room in it, as a dash does)."""
    parts = [p.strip() for p in location.split(" - ")]
    halves = [h.strip() for p in parts if "/" in p for h in p.split("/")]
    return [p for p in parts + halves if p]


def script_facts(screenplay: Screenplay) -> ScriptFacts:
    """The facts of every scene of ``screenplay`` (read once; a few ms per 100 scenes)."""
    characters = [c.name for c in screenplay.characters]
    labels = screenplay.scene_labels()
    scenes: list[SceneFacts] = []
    locations: dict[str, None] = {}
    last_group: str | None = None
    for index, scene in enumerate(screenplay.scenes):
        read = read_scene(scene)
        heading = scene.heading
        group: str | None = None
        if heading is not None:
            label, time_group = normalise_time_of_day(heading.time_of_day)
            location = " ".join(heading.location.upper().split())
            left = [p.strip() for p in location.split(" - ") if p.strip() in _TIME_PARTS]
            if time_group is TimeGroup.OTHER and left:  # "LAKE - NIGHT - WIDE": a night scene
                label, time_group = normalise_time_of_day(left[0])
            group = time_group.value if time_group is not None else (last_group or "other")
            group = "evening" if label in _EVENING_LABELS else group
            last_group = group
            if location:
                locations[location] = None
                for part in _location_parts(location):
                    if part not in _TIME_PARTS:  # "LAKE - NIGHT - WIDE": no place NIGHT
                        locations.setdefault(part, None)
        action = "\n".join(e.text for e in scene.elements if isinstance(e, Action))
        scenes.append(
            SceneFacts(
                index=index,
                label=labels[index] or "opening",
                heading=read.heading,
                start_line=scene.start_line,
                page=scene.start_page,
                eighths=scene.eighths,
                int_ext=heading.int_ext if heading else None,
                time_group=group,
                location=" ".join(heading.location.upper().split()) if heading else "",
                speakers=list(read.speakers),
                mentioned=_mentions(action, characters, set(read.speakers)),
                text=read.text,
                units=join_titles(scene_units(scene)),
                continuity=heading is not None and time_group is None,
            )
        )
    full_names = _full_names(
        "\n".join(e.text for sc in screenplay.scenes for e in sc.elements if isinstance(e, Action)),
        characters,
        set(locations),
    )
    return ScriptFacts(
        scenes, characters, _aliases(characters, full_names), list(locations), full_names
    )
