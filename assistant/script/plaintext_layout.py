"""The column layout of a plain-text script, inferred per file, and the shape of character cues.

No two converted scripts share columns: action sits at column 0, 5, 8 or 15; cues at 20-45, often
centred so that they wander by a few columns; dialogue at 10-25, or flush with the action (Titanic,
Drive), or with the cue and the speech on one line (``NAME : text``). ``infer_layout`` looks at the
lines themselves: action is where the wide lines are, a cue is a short line in capitals with text
right under it, and dialogue is where the lines under the cues start.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from assistant.script.model import CharacterCue
from assistant.script.plaintext_headings import has_heading, looks_like_bare_heading
from assistant.script.plaintext_lines import Line, LineKind, is_uppercase, word_set

WIDE_LINE = 45
"""Action fills the ~60-column text width; dialogue is wrapped at ~35 columns. A line of 45 or more
characters is almost always action (or flush dialogue), so the most common indent of such lines is
the action column."""

MIN_INDENTED_CUES = 1
"""At least this many cues indented past the action column (and at least half as many as cue-like
lines at the column) make a layout with indented cues; a scene excerpt may have only a few."""

COLON_CUES = 20
"""``NAME: speech`` lines that make a transcript (fewer in a short file: a tenth of its lines)."""
MIN_COLON_CUES = 3

MIXED_CUES = 0.3
"""Share of cue-like lines at the action column above which a script with indented cues is taken to
use both styles. Over the 94 TRIPOD scripts this share is under 0.13 except in one retyped script
(0.66), where half the cues sit at the margin."""

KNOWN_SPEAKER = 3

MIN_MEASURED_SPEECHES = 20
"""Speeches under flush cues needed before their width is trusted to tell speech from action."""
HARD_WRAP_SPREAD = 4
"""Most a wrapped speech's 99th-percentile line may exceed its 95th (a wrap width is a ceiling)."""
NARROW_SPEECH_MARGIN = 12
"""How much narrower than the action (95th percentiles) speech must be wrapped for the width to
separate them: dialogue wraps at ~35 columns, action at ~60."""

MAX_CUE_LENGTH = 40
MAX_CUE_WORDS = 6
MAX_CUE_LINE = 120
"""Longest cue line with its extensions (a 40-character name and several ``(V.O.)``-like tags)."""

_SPACE_RUNS = re.compile(r"  +")
_PARENS = re.compile(r"\s*\(([^()]*)\)\s*$")
_BARE_EXTENSION = re.compile(r"\s+(V\.?/?O\.?|O\.?/?S\.?|O\.?/?C\.?|CONT'?D?\.?|CONT’D)$", re.I)
_COLON_CUE = re.compile(
    r"^(?P<name>[A-Z][A-Za-z0-9.'’\- ]{0,30}?(?:\s*\([^)]*\))*)\s?:(?:\s+|$)(?P<rest>.*)$"
)
_TRANSITION_END = re.compile(r"(?:\bTO:|\bTO\.|:)$")
_TRANSITIONS = frozenset(
    {
        "FADE IN",
        "FADE OUT",
        "FADE TO BLACK",
        "CUT TO BLACK",
        "SMASH CUT",
        "MATCH CUT",
        "JUMP CUT",
        "CUT TO",
        "DISSOLVE TO",
        "DISSOLVE",
        "FADE TO",
        "WIPE TO",
        "IRIS OUT",
        "IRIS IN",
        "BACK TO",
        "THE END",
        "END",
        "FADE UP",
        "FADE OUT AND END",
        "TIME CUT",
        "HARD CUT",
        "QUICK CUT",
        "INTERCUT",
        "INTERCUT WITH",
        "CROSS CUT",
        "CUT",
    }
)
_NOT_NAMES = word_set(
    "ANGLE CLOSE CLOSEUP INSERT POV WIDE TIGHT EXTREME REVERSE FAVORING CAMERA SERIES "
    "MONTAGE SUPER SUPERIMPOSE TITLE TITLES CARD SUBTITLE CAPTION LEGEND SIGN NOTE CHYRON "
    "INTERCUT FLASHBACK CONTINUED OMITTED OMIT LATER SOUND SFX BLACK BLACKNESS DARKNESS "
    "SILENCE FADE DISSOLVE CUT SMASH MATCH WIPE IRIS END THE_END INT EXT INTERIOR EXTERIOR "
    "BACK ON INSIDE OUTSIDE ACROSS UNDER ABOVE BEHIND NEAR"
)
_DANGLING = word_set("OF BY THE AND TO A AN WITH FOR FROM AT IN ON MONTAGE SEQUENCE")
"""A cue never ends in these; capitals that do are a broken sentence or a title (``THE END OF``)."""
_NOT_NAME_WORDS = word_set("DRAFT REVISED REVISIONS SCREENPLAY WRITTEN")
_CONT = re.compile(r"^CONT(?:'?D|INUED|INUING|\.|’D|íD|ÍD)?\.?$")
_EXTENSION_NAMES = {
    "VO": "V.O.",
    "V/O": "V.O.",
    "V.O": "V.O.",
    "OS": "O.S.",
    "O/S": "O.S.",
    "O.S": "O.S.",
    "OC": "O.C.",
    "O/C": "O.C.",
    "O.C": "O.C.",
}


def normalise_extension(text: str) -> str:
    """``cont'd``, ``CONT.``, ``CONTINUING`` -> ``CONT'D``; ``O/S`` -> ``O.S.``; rest upper."""
    upper = re.sub(r"\s+", " ", text.strip().upper())
    if _CONT.match(upper.replace(" ", "")):
        return "CONT'D"
    return _EXTENSION_NAMES.get(upper.rstrip("."), upper)


_KNOWN_EXTENSIONS = frozenset({"CONT'D", "V.O.", "O.S.", "O.C.", "OFF", "FILTERED", "ON PHONE"})


def is_extension(text: str) -> bool:
    """Whether ``(text)`` after a name is an extension (``(V.O.)``, ``(cont'd)``), not an aside."""
    return normalise_extension(text.strip().strip("()")) in _KNOWN_EXTENSIONS


def split_cue(text: str) -> CharacterCue | None:
    """Parse ``MARA (V.O.) (CONT'D)`` into a cue, or None when the text cannot be a cue.

    Args:
        text: the line, without margins; a trailing colon is allowed (``ERIN:``).

    Returns:
        The cue with its name and normalised extensions, or None.
    """
    parts = cue_parts(text)
    return CharacterCue(name=parts[0], extensions=list(parts[1])) if parts else None


@lru_cache(maxsize=65536)
def cue_parts(text: str) -> tuple[str, tuple[str, ...]] | None:
    """The name and normalised extensions of a cue line, or None (cached: lines repeat)."""
    body = text.strip().rstrip(":").strip()
    if len(body) > MAX_CUE_LINE:
        return None  # also bounds the loop below, which re-searches the line per extension
    extensions: list[str] = []
    while True:
        parens = _PARENS.search(body)
        if parens:
            extensions.insert(0, normalise_extension(parens.group(1)))
            body = body[: parens.start()].rstrip()
            continue
        bare = _BARE_EXTENSION.search(body)
        if bare and bare.start() > 0:
            extensions.insert(0, normalise_extension(bare.group(1)))
            body = body[: bare.start()].rstrip()
            continue
        break
    if not _plausible_name(body):
        return None
    return re.sub(r"\s+", " ", body), tuple(e for e in extensions if e)


def _plausible_name(name: str) -> bool:
    if not name or len(name) > MAX_CUE_LENGTH or not re.search(r"[A-Z]", name):
        return False
    words = name.split()
    if len(words) > MAX_CUE_WORDS or not is_uppercase(name) or not name[0].isalnum():
        return False
    if name.endswith(("!", "?", ",", ";", "-", "--", ":")) or "(" in name or ")" in name:
        return False
    if name.endswith(".") and len(words[-1]) > 3 and words[-1].count(".") < 2:
        return False  # "BANG." is a sound; "D.J." and "JR." are names
    if " - " in name or "--" in name or is_transition(name):
        return False
    if len(name) < 2 or words[-1].upper() in _DANGLING or _NOT_NAME_WORDS.intersection(words):
        return False
    first = re.sub(r"[^A-Z]", "", words[0].upper())
    if (first in _NOT_NAMES and len(words) > 1) or name.upper() in _NOT_NAMES:
        return False
    return not has_heading(name)


CUE_WITH_ASIDE = re.compile(r"^([^()]+?)\s*(\([^()]*[a-z][^()]*\)?)$")
"""A cue followed by an aside in parentheses with lower-case words (``KEMP (leaning in)``)."""


@lru_cache(maxsize=65536)
def cue_reading(text: str) -> tuple[tuple[str, tuple[str, ...]] | None, str]:
    """A line's cue parts and the aside after them, kept per text (lines repeat)."""
    aside = CUE_WITH_ASIDE.match(text)
    if aside is not None and not is_extension(aside.group(2)):
        # "KEMP (leaning forward)" or "KEMP (unscrews the cigar from" going on below: the
        # lower-case words are a parenthetical, not an extension like (V.O.) or (cont'd).
        return cue_parts(aside.group(1)), aside.group(2)
    return cue_parts(text), ""


@lru_cache(maxsize=65536)
def is_transition(text: str) -> bool:
    """``CUT TO:``, ``DISSOLVE TO:``, ``FADE OUT.``, ``SMASH CUT TO BLACK`` and the like."""
    upper = text.strip().upper()
    if len(upper) > 40:
        return False
    bare = upper.rstrip(".:! ").strip()
    if bare in _TRANSITIONS:
        return True
    return (
        is_uppercase(text)
        and bool(_TRANSITION_END.search(upper))
        and re.search(r"\b(CUT|FADE|DISSOLVE|WIPE)", upper) is not None
    )


@lru_cache(maxsize=65536)
def colon_cue(text: str) -> tuple[str, tuple[str, ...], str] | None:
    """``NAME : speech`` or ``Name: speech`` (transcripts): name, extensions, rest of the line."""
    match = _COLON_CUE.match(text)
    if match is None:
        return None
    raw_name = match.group("name").strip()
    if raw_name.upper() != raw_name:
        # Transcripts in title case ("Harry:") are upper-cased like any cue.
        if not all(w[:1].isupper() for w in raw_name.split() if w[:1].isalpha()):
            return None
        raw_name = raw_name.upper()
    if raw_name.split(" ")[0].strip(".").upper() in _NOT_NAMES or is_transition(raw_name + ":"):
        return None
    parts = cue_parts(raw_name)
    if parts is None or len(parts[0].split()) > 3:
        return None
    return parts[0], parts[1], match.group("rest").strip()


@dataclass(frozen=True)
class Layout:
    """The columns of one file, as inferred from its lines."""

    action: int
    """Column of action lines (and of headings once margin numbers are removed)."""
    cue_min: int
    """Smallest column a cue may start at."""
    dialogue: int
    """Column where speech lines start."""
    indented_cues: bool
    """Cues sit right of the action column; False for flush-left scripts."""
    speech_after_blank: bool
    """A blank line separates a cue from its speech (some HTML conversions)."""
    flush_cues_too: bool
    """Cues also sit at the action column (a script retyped by hand with both styles)."""
    colon_cues: bool
    """The script is a transcript with ``NAME: speech`` lines."""
    speech_width: int = 0
    """Longest usual speech line (95th percentile); speech is wrapped narrower than action, which
    tells the two apart when both start at the same column. 0 when unknown."""
    speakers: frozenset[str] = frozenset()
    """Names seen as cues at the usual cue column at least ``KNOWN_SPEAKER`` times: a cue with one
    of these names is accepted at any column (retyped scripts misplace a few)."""

    @property
    def dialogue_flush(self) -> bool:
        """Speech may start at the action column, so only blank lines end it."""
        return abs(self.dialogue - self.action) <= 2 or self.flush_cues_too


def _next_content(lines: list[Line], i: int) -> tuple[int, bool]:
    """Index of the next content line after ``i``, and whether a blank or furniture came first."""
    j = i + 1
    gap = False
    while j < len(lines) and not lines[j].is_content:
        gap = gap or lines[j].kind is not LineKind.SPACER
        j += 1
    return j, gap


def infer_layout(lines: list[Line]) -> Layout:
    """Infer the action, cue and dialogue columns of a script from its lines.

    Args:
        lines: the prepared lines of the file.

    Returns:
        The layout; for a file with too little text the defaults describe a flush-left script.
    """
    # Lines that read the same share one record (``prepare_lines``): what depends on a line alone
    # is asked once per record, and only the lines of records shaped like a cue are visited.
    uses = Counter(filter(attrgetter("is_content"), lines))  # record -> lines, first use first
    if not uses:
        return Layout(0, 0, 0, False, False, False, False)
    wide: Counter[int] = Counter()
    for record, used in uses.items():
        if len(record.text) >= WIDE_LINE:
            wide[record.indent] += used
    action = wide.most_common(1)[0][0] if wide else min(ln.indent for ln in uses)
    cue_indents: list[int] = []
    speech_indents: Counter[int] = Counter()
    after_blank = 0
    direct = 0
    flush_cues = 0
    colon_lines = 0
    speech_lengths: list[int] = []
    flush_speech_lengths: list[int] = []
    names: Counter[str] = Counter()
    flush_names: Counter[str] = Counter()
    shapes: dict[Line, tuple[str, tuple[str, ...]]] = {}
    for record, used in uses.items():
        if colon_cue(record.text) is not None and record.indent <= action + 2:
            colon_lines += used
        shape = _is_cue_shape(record.text)
        if shape is not None:
            shapes[record] = shape
    shaped = [i for i, ln in enumerate(lines) if ln in shapes] if shapes else []
    for i in shaped:
        ln = lines[i]
        shape = shapes[ln]
        j, gap = _next_content(lines, i)
        if j >= len(lines):
            continue
        nxt = lines[j]
        if has_heading(nxt.text) or _is_cue_shape(nxt.text) is not None:
            continue
        if ln.indent >= action + 2 and nxt.indent <= ln.indent:
            cue_indents.append(ln.indent)
            names[shape[0]] += 1
            if gap:
                after_blank += 1
            else:
                direct += 1
            if not nxt.text.startswith("("):
                speech_indents[nxt.indent] += 1
                speech_lengths.append(len(nxt.text))
        elif abs(ln.indent - action) <= 2 and not gap and not ln.text.endswith(":"):
            flush_cues += 1
            flush_names[shape[0]] += 1
            if not nxt.text.startswith("("):
                flush_speech_lengths.append(measured_length(nxt.text))
    enough = max(MIN_COLON_CUES, min(COLON_CUES, sum(uses.values()) // 10))
    colon_cues = colon_lines >= enough and colon_lines > len(cue_indents) + flush_cues
    indented = len(cue_indents) >= MIN_INDENTED_CUES and len(cue_indents) >= flush_cues / 2
    if indented:
        cue_indents.sort()
        # The few lowest "cues" are often shouted dialogue lines; the 3rd percentile is a cue.
        low = cue_indents[len(cue_indents) * 3 // 100]
        speech_after_blank = after_blank > direct
        dialogue = speech_indents.most_common(1)[0][0] if speech_indents else action
        typical = cue_indents[len(cue_indents) // 2]
        floor = action + 2
        if typical > dialogue + 2:
            # Cues are centred, so long names start left of the usual column: accept anything
            # past the midpoint between speech and cues, but never the speech column itself.
            floor = max(floor, dialogue + 3)
            cue_min = max(floor, min(low - 1, (dialogue + typical) // 2))
        else:
            cue_min = max(floor, low - 1)
        mixed = flush_cues >= MIXED_CUES * (flush_cues + len(cue_indents))
        if mixed:
            names.update(flush_names)
        speakers = frozenset(name for name, count in names.items() if count >= KNOWN_SPEAKER)
        width = _usual_width(speech_lengths)
        return Layout(
            action, cue_min, dialogue, True, speech_after_blank, mixed, colon_cues, width, speakers
        )
    speakers = frozenset(name for name, count in flush_names.items() if count >= KNOWN_SPEAKER)
    width = 0 if colon_cues else _narrow_speech_width(flush_speech_lengths, uses)
    return Layout(action, action, action, False, False, False, colon_cues, width, speakers)


def measured_length(text: str) -> int:
    """The length of ``text`` with each run of spaces counted as one."""
    return len(text) - sum(len(run) - 1 for run in _SPACE_RUNS.findall(text))


def _usual_width(lengths: list[int]) -> int:
    """The 95th percentile of ``lengths`` (0 for none): a speech's usual longest line."""
    lengths.sort()
    return lengths[len(lengths) * 95 // 100] if lengths else 0


def _narrow_speech_width(speech_lengths: list[int], uses: Counter[Line]) -> int:
    """The speech width of a flush-left file, or 0 where speech is not wrapped narrower.

    Where cue, speech and action all start at one column and no blank line follows a speech
    (some HTML conversions), the wrap width is the only sign that action has begun. The first
    line under each cue is speech (a speech is never cut off by action on its first line), so
    its usual length measures the speech width; it is used only where it is well short of the
    action's (files that wrap speech as wide as action, Titanic-like, keep 0) and where speech
    is wrapped at all (its 99th percentile close to its 95th). Lengths are measured with runs of
    spaces as one (``measured_length``), as typists put two or three after a full stop.
    """
    if len(speech_lengths) < MIN_MEASURED_SPEECHES:
        return 0
    speech_lengths.sort()
    width = speech_lengths[len(speech_lengths) * 95 // 100]
    if speech_lengths[len(speech_lengths) * 99 // 100] > width + HARD_WRAP_SPREAD:
        return 0  # lines end where sentences end, not at a wrap width: no width to go by
    lengths: Counter[int] = Counter()
    for record, used in uses.items():
        lengths[len(record.text)] += used
    return width if width + NARROW_SPEECH_MARGIN <= _percentile_95(lengths) else 0


def _percentile_95(counts: Counter[int]) -> int:
    """The 95th percentile of values given with their counts (linear in distinct values)."""
    rank = sum(counts.values()) * 95 // 100
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        if seen > rank:
            return value
    return 0


_Shape = tuple[str, tuple[str, ...]] | None


def _is_cue_shape(text: str) -> _Shape:
    if len(text) > MAX_CUE_LENGTH + 25 or looks_like_bare_heading(text):
        return None
    return cue_parts(text)
