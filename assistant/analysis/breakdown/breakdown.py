"""The breakdown of a screenplay: every scene's elements by category, and the reports over them.

Passes, each recorded in an element's ``source``: character cues and first-appearance
descriptions (``cast.py``); heading parts (a vehicle or weather in the slugline); the category
lexicons with their phrase chunker (``lexicon.py``); optionally the embedder against category
prototypes (``embed_pass.py``). The optional LLM pass (``llm_pass.py``) is reported apart.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.analysis.breakdown.cast import CarryOver, CastFinder, rank_cast
from assistant.analysis.breakdown.effects import effect_matches, no_visual_effect, screen_cues
from assistant.analysis.breakdown.handled import handled_matches
from assistant.analysis.breakdown.happens import (
    name_owned_guns,
    named_by_thing,
    screen_pictures,
    shared_owners,
)
from assistant.analysis.breakdown.lexicon import (
    Entry,
    Lexicon,
    Match,
    default_lexicon,
    singular,
)
from assistant.analysis.breakdown.locate import SourceLines
from assistant.analysis.breakdown.model import (
    CATEGORIES,
    BreakdownReport,
    CastMember,
    Element,
    ElementEntry,
    SceneBreakdown,
    SetEntry,
)
from assistant.analysis.breakdown.roles import ROLE_NOUNS
from assistant.analysis.breakdown.rules import (
    WINDOW,
    breakaway_matches,
    drop_generic_vehicles,
    drop_generic_weapons,
    explosions_in_space,
    refine,
    screen_texts,
    title_matches,
)
from assistant.analysis.breakdown.script_days import infer_script_days
from assistant.analysis.breakdown.shooters import drop_shooters_guns, shooters_guns
from assistant.script.model import (
    Action,
    Dialogue,
    Parenthetical,
    Scene,
    Screenplay,
    Shot,
    Synopsis,
    plain_text,
)

if TYPE_CHECKING:
    from assistant.analysis.breakdown.embed_pass import EmbedPass

_HEADING_CATEGORIES = frozenset(("vehicles", "special_effects"))
"""What a heading can name besides the set: ``INT. POLICE CAR``, ``EXT. STREET - RAIN``."""
_SYNOPSIS_CHARS = 90
_SENTENCE = re.compile(r"(?<=[.!?])\s")


def build_breakdown(
    screenplay: Screenplay,
    source_text: str | None = None,
    *,
    lexicon: Lexicon | None = None,
    embed_pass: EmbedPass | None = None,
) -> BreakdownReport:
    """Break down every scene and derive the cast, set and element lists.

    Args:
        screenplay: the parsed script.
        source_text: the file's text, to give each element its source line (without it an
            element gets its scene's start line).
        lexicon: the category lexicons (default: the shipped ones).
        embed_pass: classifies the capitalised words no other pass claimed; None skips it.

    Returns:
        The report; ``scenes`` aligned with ``screenplay.scenes``.
    """
    lexicon = lexicon or default_lexicon()
    lines = SourceLines(screenplay, source_text)
    finder = CastFinder(screenplay)
    days = infer_script_days(screenplay.scenes)
    labels = screenplay.scene_labels()
    sheets: list[SceneBreakdown] = []
    headed = bool(screenplay.headed_scenes())
    speaking: dict[str, int] = {}
    carry = CarryOver()
    common_nouns = _CommonNouns(screenplay)
    if embed_pass is not None:
        embed_pass.prepare(screenplay.scenes)
    for index, scene in enumerate(screenplay.scenes):
        elements: dict[str, list[Element]] = {category: [] for category in CATEGORIES}
        # Before the first heading is the title page and FADE IN: nothing to shoot. A script
        # without any heading is one scene, broken down whole.
        if scene.heading is None and headed:
            sheets.append(_empty_sheet(scene, index, labels[index], elements, days[index].day))
            continue
        for name in _add_cast(elements, finder, scene, index, lines):
            speaking[name] = speaking.get(name, 0) + 1
        carried = carry.carried(scene, [e.name for e in elements["cast"]])
        if carried:
            _add(elements, "cast", carried[0], lines.line_of(index, carried[1]),
                 implied=True, source="rule")  # fmt: skip
        carry.seen(scene, [e.name for e in elements["cast"]])
        _add_heading(elements, lexicon, scene)
        cast = {element.name for element in elements["cast"]}
        twins = [name for name in _doubled_actors(cast) if not common_nouns.names_a_role(name)]
        if twins:
            first = min((e.line for e in elements["cast"] if e.line is not None), default=None)
            _add(elements, "visual_effects", f"composite: {twins[0]} twice in frame", first,
                 implied=True, source="rule")  # fmt: skip
        for surface, name in screen_cues(scene):
            _add(elements, "visual_effects", name, lines.line_of(index, surface),
                 implied=True, source="cue")  # fmt: skip
        shot_guns: set[Entry] = set()
        for match in _action_matches(lexicon, scene, cast, shot_guns):
            line = lines.line_of(index, match.surface)
            source = "rule" if match.entry in shot_guns else "lexicon"
            _add(elements, match.entry.category, match.entry.name, line,
                 implied=match.entry.implied, count=match.count, source=source)  # fmt: skip
        if embed_pass is not None:
            for category, name, surface in embed_pass.classify(scene, elements):
                _add(elements, category, name, lines.line_of(index, surface), source="embedder")
        drop_generic_vehicles(elements["vehicles"], lexicon.car_models)
        drop_generic_weapons(elements["weapons"])
        drop_shooters_guns(elements["weapons"])
        heading = scene.heading
        explosions_in_space(elements, heading.text if heading else "")
        sheets.append(
            SceneBreakdown(
                index=index,
                label=labels[index],
                heading=heading.text if heading else None,
                start_line=scene.start_line,
                int_ext=heading.int_ext.value if heading and heading.int_ext else None,
                set=heading.location if heading else "",
                time_of_day=days[index].time_of_day,
                eighths=scene.eighths,
                script_day=days[index].day,
                synopsis=synopsis_line(scene),
                elements=elements,
            )
        )
    name_owned_guns([sheet.elements["weapons"] for sheet in sheets])
    passes = ["cue", "description", "action", "heading", "lexicon"]
    if embed_pass is not None:
        passes.append("embedder")
    return BreakdownReport(
        title=screenplay.title,
        numbering=screenplay.numbering,
        script_days=max((d.day for d in days), default=0),
        scenes=sheets,
        cast=cast_list(sheets, speaking),
        sets=set_list(sheets),
        element_list=element_list(sheets),
        passes=passes,
    )


_NUMBERED = re.compile(r"^(.+?) (?:\d+|#\d+|ONE|TWO)$")


def _doubled_actors(cast: set[str]) -> list[str]:
    """Characters on screen twice in one scene (``SAM 1`` and ``SAM 2``: one actor, two roles),
    which needs a split-screen or a composite."""
    bases: dict[str, int] = {}
    for name in cast:
        match = _NUMBERED.match(name)
        if match is not None:
            bases[match.group(1)] = bases.get(match.group(1), 0) + 1
    return sorted(base for base, count in bases.items() if count > 1)


_LOWER_WORD = re.compile(r"\b[a-z]+\b")


class _CommonNouns:
    """Whether a numbered character's name is a kind of person rather than someone's name.

    A kind is a known role noun, or a word the script's action writes in lower case (``two
    thugs``); a name (``SAM 1``, ``SAM 2``: one actor in two parts) is written with a capital.
    The action's words are read once, the first time a numbered pair needs them.
    """

    def __init__(self, screenplay: Screenplay) -> None:
        self._screenplay = screenplay
        self._lower: frozenset[str] | None = None

    def names_a_role(self, base: str) -> bool:
        word = base.split()[-1].lower() if base.split() else ""
        if word in ROLE_NOUNS or singular(word) in ROLE_NOUNS:
            return True
        if self._lower is None:
            self._lower = frozenset(
                found
                for scene in self._screenplay.scenes
                for element in scene.elements
                if type(element) is Action
                for found in _LOWER_WORD.findall(element.text)
            )
        return word in self._lower or f"{word}s" in self._lower


def _empty_sheet(
    scene: Scene, index: int, label: str | None, elements: dict[str, list[Element]], day: int
) -> SceneBreakdown:
    return SceneBreakdown(
        index=index, label=label, heading=None, start_line=scene.start_line, int_ext=None, set="",
        time_of_day=None, eighths=scene.eighths, script_day=day, synopsis="", elements=elements,
    )  # fmt: skip


def source_text(screenplay: Screenplay) -> str | None:
    """The text of the file the script was read from, when its line numbers are text lines
    (Fountain and plain text); None for other formats or a file that is gone."""
    path = screenplay.source.path
    if path is None or screenplay.source.format not in ("fountain", "plain"):
        return None
    try:
        return Path(path).read_text(
            encoding=screenplay.source.encoding or "utf-8", errors="replace"
        )
    except OSError:
        return None


def _add(
    elements: dict[str, list[Element]],
    category: str,
    name: str,
    line: int | None,
    *,
    implied: bool = False,
    count: int | None = None,
    source: str,
) -> None:
    """Add an element unless the category already has it (the first mention wins)."""
    listed = elements[category]
    for known in listed:
        if known.name == name:
            if known.count is None and count is not None:
                known.count = count
            if known.implied and not implied:
                known.implied = False
            return
    listed.append(Element(name=name, line=line, implied=implied, count=count, source=source))


def _add_cast(
    elements: dict[str, list[Element]],
    finder: CastFinder,
    scene: Scene,
    index: int,
    lines: SourceLines,
) -> set[str]:
    """Add the scene's cast; returns the names that speak in it."""
    speakers: set[str] = set()
    for mention in finder.mentions(scene):
        _add(elements, "cast", mention.name, lines.line_of(index, mention.surface),
             source=mention.source)  # fmt: skip
        if mention.source == "cue":
            speakers.add(mention.name)
    return speakers


def _add_heading(elements: dict[str, list[Element]], lexicon: Lexicon, scene: Scene) -> None:
    if scene.heading is None:
        return
    text = f"{scene.heading.location} {scene.heading.time_of_day or ''}"
    for found in lexicon.find(text):
        # The context rules apply to a heading too: "FIRE STATION" names no fire.
        match = refine(text, found, set())
        if match is not None and match.entry.category in _HEADING_CATEGORIES:
            _add(elements, match.entry.category, match.entry.name, scene.start_line,
                 source="heading")  # fmt: skip


_PARENTHETICAL_CATEGORIES = frozenset(("props", "weapons"))
"""What a parenthetical can hand an actor: ``(on the radio)``, ``(lowering the gun)``."""
_NOT_ACTORS = frozenset(("camera", "we", "shot", "angle", "lens"))
"""Words before an implication that make it camera direction: ``CAMERA PULLS UP`` is no car."""


_SHOT_CATEGORIES = frozenset(("visual_effects", "vehicles"))
"""What a shot line can name: ``ON THE MONITOR``, ``INSERT - TV SCREEN``, ``INT. THE VAN``."""


def _scene_texts(scene: Scene) -> list[tuple[str, bool | None]]:
    """The scene's action paragraphs (True), parentheticals (False) and shot lines (None)."""
    texts: list[tuple[str, bool | None]] = []
    for element in scene.elements:
        if isinstance(element, Action):
            texts.append((plain_text(element.text), True))
        elif isinstance(element, Shot):
            texts.append((element.text, None))
        elif isinstance(element, Dialogue):
            texts.extend(
                (part.text, False) for part in element.parts if isinstance(part, Parenthetical)
            )
    return texts


def _names_the_set(match: Match, set_words: set[str], set_head: str) -> bool:
    """A people word found only by its singular that is a word of the set's name is the set:
    ``the diner door`` in ``LANTERN DINER`` names no diners (``police`` in ``POLICE STATION``,
    listed as written, still names police). A prop word that is the set's head noun (the last
    word of the place) is the set too: ``the other side of the torch`` on ``EXT. TORCH`` is no
    flashlight (``a briefcase`` in ``BRIEFCASE SHOP`` is still a briefcase)."""
    surface = match.surface.lower()
    if match.entry.category == "props":
        return surface == set_head
    return (
        match.entry.category == "extras"
        and surface in set_words
        and surface not in match.entry.name.split()
    )


def _action_matches(
    lexicon: Lexicon, scene: Scene, cast: set[str], shot_guns: set[Entry] | None = None
) -> list[Match]:
    """Lexicon hits in the scene's action that are not part of a cast name (``CROW CREEK KATE``
    is no crow, a speaking ``NEW SOLDIER`` no extra), one stunt per paragraph; and the props and
    weapons of parentheticals. A shooter's implied gun (``shooters.py``) replaces the lexicon's
    owner-less gun implied by the same verb; its entries are added to ``shot_guns``."""
    cast_words = {word for name in cast for word in name.lower().split()}
    place = scene.heading.location if scene.heading else ""
    set_words = set(re.findall(r"[a-z0-9']+", place.lower()))
    set_head = (re.findall(r"[a-z0-9']+", place.lower().split(" - ")[0]) or [""])[-1]
    found: list[Match] = []
    for raw, is_action in _scene_texts(scene):
        stunt = False
        text = unquoted(raw)
        paragraph: list[Match] = []
        hits = lexicon.find(text)
        vehicles = [h for h in hits if h.entry.category == "vehicles"]
        titles = title_matches(text) if is_action is not False else []
        if titles:  # "TITLE CARD" names no card: the words of the title's label are the title
            hits = [h for h in hits if not any(t.start <= h.start < t.end for t in titles)]
        extra = (
            [
                *titles,
                *breakaway_matches(text),
                *effect_matches(text, vehicles),
                *screen_texts(text),
                *screen_pictures(text),
            ]
            if is_action
            else titles
        )
        shots = shooters_guns(text, cast_words) if is_action else []
        if shots:
            starts = {m.start for m in shots}
            hits = [
                h
                for h in hits
                if not (h.entry.category == "weapons" and h.entry.implied and h.start in starts)
            ]
            extra.extend(shots)
            if shot_guns is not None:
                shot_guns.update(m.entry for m in shots)
        if is_action:
            handled = handled_matches(text, [*hits, *extra])
            refiled = {(m.start, m.end) for m in handled}
            hits = [h for h in hits if (h.start, h.end) not in refiled]
            extra.extend(h for h in handled if not any(t.start <= h.start < t.end for t in titles))
        # In text order, so that the paragraph's elements keep the order of first mention.
        for found_match in sorted([*hits, *extra], key=lambda m: m.start):
            match = refine(text, found_match, cast_words)
            if match is None or no_visual_effect(text, match):
                continue
            if is_action is False and match.entry.category not in _PARENTHETICAL_CATEGORIES:
                continue
            if is_action is None and match.entry.category not in _SHOT_CATEGORIES:
                continue
            before = text[max(0, match.start - WINDOW) : match.start].split()[-1:]
            if match.entry.implied and before and before[0].lower() in _NOT_ACTORS:
                continue
            words = {w.lower() for w in match.surface.split()}
            if match.surface.isupper() and words <= cast_words:
                continue
            if match.entry.category == "extras" and {singular(w) for w in words} & cast_words:
                continue
            if _names_the_set(match, set_words, set_head):
                continue
            if match.entry.category == "stunts":
                # "lunges ... catches him and hurls him aside" is one fight, not three stunts.
                if stunt:
                    continue
                stunt = True
            paragraph.extend(
                shared_owners(text, named_by_thing(text, match, cast_words), cast_words)
            )
        # Per paragraph: a match's offsets are into its own paragraph's text.
        found.extend(_drop_hit_bullets(paragraph))
    return found


def _drop_hit_bullets(found: list[Match]) -> list[Match]:
    """A weapon word inside a bullet hit (``a bullet slams into his shoulder``) is the effect,
    not ammunition to hand an actor; a splash inside a blood effect (``blood splashes on the
    floor``) is that blood, not water."""
    hits = [(m.start, m.end) for m in found if m.entry.name == "bullet hits"]
    blood = [(m.start, m.end) for m in found if m.entry.name == "blood effect"]
    if not hits and not blood:
        return found
    return [
        m
        for m in found
        if not (m.entry.category == "weapons" and any(a <= m.start < b for a, b in hits))
        and not (m.entry.name == "splash" and any(a <= m.start < b for a, b in blood))
    ]


_QUOTED = re.compile(r"\"[^\"\n]{0,200}\"|“[^”\n]{0,200}”|`[^`'\n]{0,80}'")


def unquoted(text: str) -> str:
    """Text with quoted words blanked (same length): a sign's or a note's words (``"CHECK THE
    MAIL"``), a song's title (```Purple Rain'``) name nothing that is on the set."""
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def synopsis_line(scene: Scene) -> str:
    """The scene's synopsis note if it has one, else the first sentence of its first action."""
    for element in scene.elements:
        if isinstance(element, Synopsis):
            return _clip(element.text)
    for element in scene.elements:
        if isinstance(element, Action) and element.text.strip():
            return _clip(_SENTENCE.split(" ".join(plain_text(element.text).split()))[0])
    return ""


def _clip(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= _SYNOPSIS_CHARS:
        return text
    return text[: _SYNOPSIS_CHARS - 1].rsplit(" ", 1)[0] + "…"


def cast_list(sheets: list[SceneBreakdown], speaking: dict[str, int]) -> list[CastMember]:
    """The cast with IDs (most scenes first), scene counts, speaking scenes and first scene."""
    per_scene = [[e.name for e in sheet.elements["cast"]] for sheet in sheets]
    days: dict[str, set[int]] = {}
    for sheet, names in zip(sheets, per_scene, strict=True):
        for name in names:
            days.setdefault(name, set()).add(sheet.script_day)
    return [
        CastMember(
            id=position,
            name=name,
            scenes=scenes,
            speaking_scenes=speaking.get(name, 0),
            first_scene=sheets[first].label,
            first_index=sheets[first].index,
            script_days=sorted(days.get(name, set())),
        )
        for position, (name, scenes, first) in enumerate(rank_cast(per_scene), start=1)
    ]


def set_list(sheets: list[SceneBreakdown]) -> list[SetEntry]:
    """Every set in order of first use, with its INT/EXT and times of day and its scenes."""
    sets: dict[str, SetEntry] = {}
    for sheet in sheets:
        if sheet.heading is None:
            continue
        entry = sets.setdefault(
            sheet.set, SetEntry(set=sheet.set, int_ext=[], time_of_day=[], scenes=[], eighths=0)
        )
        if sheet.int_ext and sheet.int_ext not in entry.int_ext:
            entry.int_ext.append(sheet.int_ext)
        if sheet.time_of_day and sheet.time_of_day not in entry.time_of_day:
            entry.time_of_day.append(sheet.time_of_day)
        entry.scenes.append(sheet.label or str(sheet.index))
        entry.eighths += sheet.eighths
    return list(sets.values())


def element_list(sheets: list[SceneBreakdown]) -> list[ElementEntry]:
    """Every element but cast, by category (in ``CATEGORIES`` order), with the scenes needing it."""
    entries: dict[tuple[str, str], ElementEntry] = {}
    for category in CATEGORIES[1:]:
        for sheet in sheets:
            for element in sheet.elements[category]:
                entry = entries.setdefault(
                    (category, element.name),
                    ElementEntry(category=category, name=element.name, scenes=[], indices=[]),
                )
                entry.scenes.append(sheet.label or "-")
                entry.indices.append(sheet.index)
    return list(entries.values())
