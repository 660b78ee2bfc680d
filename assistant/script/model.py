"""The one typed model of a screenplay, shared by every importer, exporter and analysis.

Type names follow the Fountain spec (fountain.io) as screenplain's ``types.py`` does. Element text
keeps Fountain emphasis markup (``*italic*``, ``**bold**``, ``_underline_``) so that no importer
loses it and the Fountain exporter round-trips it; ``plain_text`` strips it for analysis, and each
text-bearing model's ``emphasis`` gives it as typed runs (``emphasis.py``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.script import emphasis
from assistant.script.emphasis import EmphasisRun


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Marked(_Model):
    """A model whose ``text`` may hold Fountain emphasis markup.

    ``emphasis`` is derived from ``text``, not stored: the markup stays the one source of truth,
    so the Fountain round trip is exact, JSON keeps its shape (a computed field would be dumped
    and then refused on reading back, the models forbidding extra keys), equality is unchanged,
    and runs can never disagree with the text. They are computed once per distinct text and
    cached (``emphasis.CACHED_TEXTS``); pagination reads every element's plain text at import,
    which fills that cache.
    """

    if TYPE_CHECKING:
        text: str

    @property
    def emphasis(self) -> tuple[EmphasisRun, ...]:
        """The text as typed runs (bold, italic, underline), markers and escapes removed."""
        return emphasis.emphasis_runs(self.text)


class IntExt(StrEnum):
    """Where a scene is set, from its heading's prefix."""

    INT = "INT"
    EXT = "EXT"
    INT_EXT = "INT/EXT"


class TitleField(_Model):
    """One ``Key: value`` entry of the title page, in file order (values may span lines)."""

    key: str
    value: str

    @property
    def emphasis(self) -> tuple[EmphasisRun, ...]:
        """The value as typed runs (a title page may be styled: ``**BRICK & STEEL**``)."""
        return emphasis.emphasis_runs(self.value)


class SceneHeading(_Marked):
    """A scene heading (slugline) parsed into its parts."""

    text: str
    """The heading as written, without scene numbers or the forcing dot."""
    int_ext: IntExt | None = None
    """INT, EXT or INT/EXT; None for headings without a prefix (``405 FREEWAY - EARLY EVENING``)."""
    location: str = ""
    """The place, e.g. ``DINER - KITCHEN``: what a schedule groups scenes by. Parts of the heading
    that are not the place (time, shot, tags, a trailing number) are kept apart, below."""
    time_of_day: str | None = None
    """The part that names a time, e.g. ``NIGHT``, ``CONTINUOUS``; it may be followed by a shot or
    tags (``KITCHEN - DAY - M.C.S.`` is at ``DAY``)."""
    scene_number: str | None = None
    """The number written on the heading (Fountain ``#12A#``, a plain-text margin number, or a
    number written after the last part, ``- DAY - M.S. 39``)."""
    shot: str | None = None
    """A shot direction or camera note written on the heading, not part of the place: ``ON
    MCCLANE``, ``CLOSE ON THE DOOR``, ``M.C.S``, ``HIS P.O.V.`` (several joined by `` - ``)."""
    tags: list[str] = Field(default_factory=list)
    """Tags written on the heading, without parentheses: ``FLASHBACK`` from ``- (FLASHBACK)``,
    ``INTERCUT``, ``SERIES OF SHOTS``."""
    forced: bool = False
    """Written with a leading ``.`` in Fountain."""


class Action(_Marked):
    type: Literal["action"] = "action"
    text: str
    forced: bool = False
    """Written with a leading ``!`` in Fountain."""


class CharacterCue(_Model):
    """The cue above a speech: ``MARA (V.O.) (CONT'D)`` is ``MARA`` with ``[V.O., CONT'D]``."""

    name: str
    extensions: list[str] = Field(default_factory=list)
    forced: bool = False
    """Written with a leading ``@`` in Fountain."""

    @property
    def emphasis(self) -> tuple[EmphasisRun, ...]:
        """The name as typed runs."""
        return emphasis.emphasis_runs(self.name)


class Parenthetical(_Marked):
    type: Literal["parenthetical"] = "parenthetical"
    text: str
    """With its parentheses, e.g. ``(quietly)``."""


class Speech(_Marked):
    type: Literal["speech"] = "speech"
    text: str


class DialogueLyric(_Marked):
    """A sung line inside a speech (``~`` in Fountain)."""

    type: Literal["lyric"] = "lyric"
    text: str


DialoguePart = Annotated[Parenthetical | Speech | DialogueLyric, Field(discriminator="type")]


class Dialogue(_Model):
    """A character cue and what follows it: speeches, parentheticals, lyrics."""

    type: Literal["dialogue"] = "dialogue"
    cue: CharacterCue
    parts: list[DialoguePart] = Field(default_factory=list)

    @property
    def speech_text(self) -> str:
        return " ".join(p.text for p in self.parts if not isinstance(p, Parenthetical))


class DualDialogue(_Model):
    """Two speeches spoken at once, side by side (``^`` on the second cue in Fountain)."""

    type: Literal["dual_dialogue"] = "dual_dialogue"
    left: Dialogue
    right: Dialogue


class Transition(_Marked):
    type: Literal["transition"] = "transition"
    text: str
    forced: bool = False
    """Written with a leading ``>`` in Fountain."""


class Shot(_Marked):
    """A shot or secondary heading inside a master scene: ``3-A  HIS P.O.V.``, ``ANGLE ON MARA``.

    Shooting scripts number shots under the master scene's heading; the number is kept so that the
    script's own numbering survives (``stats`` can count by master or by numbered scene). Printed
    like a heading, it does not start a scene: location and time stay the master scene's.
    """

    type: Literal["shot"] = "shot"
    text: str
    number: str | None = None
    """The number written in the margin (``3-A``), None for an unnumbered secondary heading."""


class Centered(_Marked):
    type: Literal["centered"] = "centered"
    text: str


class Lyrics(_Marked):
    """Sung lines outside dialogue (``~`` in Fountain)."""

    type: Literal["lyrics"] = "lyrics"
    text: str


class PageBreak(_Model):
    type: Literal["page_break"] = "page_break"


class Section(_Marked):
    """An outline section (``#``, ``##``...); not printed."""

    type: Literal["section"] = "section"
    text: str
    level: int = 1


class Synopsis(_Marked):
    """A synopsis line (``=``); not printed."""

    type: Literal["synopsis"] = "synopsis"
    text: str


class Note(_Marked):
    """A note standing alone as a paragraph (``[[...]]``); not printed. Inline notes stay in text"""

    type: Literal["note"] = "note"
    text: str


Element = Annotated[
    Action
    | Dialogue
    | DualDialogue
    | Transition
    | Shot
    | Centered
    | Lyrics
    | PageBreak
    | Section
    | Synopsis
    | Note,
    Field(discriminator="type"),
]


class Scene(_Model):
    """A scene: its heading and the elements up to the next heading.

    Material before the first heading (``FADE IN:``, a cold open without a slugline) is a scene with
    ``heading=None``. A script with no headings at all is one such scene.
    """

    heading: SceneHeading | None = None
    elements: list[Element] = Field(default_factory=list)
    start_line: int | None = None
    """1-based line of the heading (or first element) in the source; None when built in code."""
    start_page: int = 1
    """Page the scene starts on, under the page model of ``pagination.py``."""
    end_page: int = 1
    eighths: int = 0
    """Length in eighths of a page (a scene shorter than an eighth counts as one eighth)."""

    @property
    def number(self) -> str | None:
        return self.heading.scene_number if self.heading else None

    def dialogues(self) -> list[Dialogue]:
        """Every speech block in the scene, dual dialogue unpacked, in order."""
        out: list[Dialogue] = []
        for element in self.elements:
            if isinstance(element, Dialogue):
                out.append(element)
            elif isinstance(element, DualDialogue):
                out.extend((element.left, element.right))
        return out


class Character(_Model):
    """A speaking character, with the description from their first appearance in action."""

    name: str
    description: str | None = None
    """E.g. ``30s, tired waitress`` from ``MARA (30s, tired waitress) wipes the counter.``"""
    first_scene: int = 0
    """Index into ``Screenplay.scenes`` of the scene the character first speaks or appears in."""


class SourceInfo(_Model):
    """Where a screenplay came from."""

    path: str | None = None
    format: str = "fountain"
    encoding: str | None = None


class Screenplay(_Model):
    """A whole screenplay: title page, scenes (in order) and the characters who speak."""

    title_page: list[TitleField] = Field(default_factory=list)
    scenes: list[Scene] = Field(default_factory=list)
    characters: list[Character] = Field(default_factory=list)
    source: SourceInfo = Field(default_factory=SourceInfo)

    @property
    def title(self) -> str | None:
        for field in self.title_page:
            if field.key.lower() == "title":
                return plain_text(field.value).strip() or None
        return None

    @property
    def page_count(self) -> int:
        return self.scenes[-1].end_page if self.scenes else 0

    def headed_scenes(self) -> list[Scene]:
        """Scenes that have a heading (what a line producer counts as scenes)."""
        return [scene for scene in self.scenes if scene.heading is not None]

    @property
    def numbering(self) -> Literal["written", "position"]:
        """How scenes are numbered for people: the script's own numbers, or position.

        The script's numbers are used when every headed scene carries one (a shooting script);
        a script that numbers only some scenes, or none, is numbered by position, so one script
        never mixes the two schemes.
        """
        headed = self.headed_scenes()
        if headed and all(scene.number for scene in headed):
            return "written"
        return "position"

    def scene_labels(self) -> list[str | None]:
        """The number people see for each scene, aligned with ``scenes``.

        Under ``numbering == "written"`` it is the number on the heading; otherwise the 1-based
        position among headed scenes. The block before the first heading (title page matter,
        ``FADE IN:``) is not a scene a reader counts, and gets ``None``. Every command, report and
        screen shows these labels; JSON also carries the 0-based index into ``scenes``.
        """
        written = self.numbering == "written"
        labels: list[str | None] = []
        position = 0
        for scene in self.scenes:
            if scene.heading is None:
                labels.append(None)
                continue
            position += 1
            labels.append(scene.number if written and scene.number else str(position))
        return labels

    def describe_labels(self) -> str:
        """The labels as an error names them: all up to four, else the first three and the last
        (``1, 2, 3, ..., 41``; written numbers have gaps and letters, so a range would mislead)."""
        labels = [label for label in self.scene_labels() if label is not None]
        if not labels:
            return "none (the script has no scene headings)"
        return ", ".join(labels if len(labels) <= 4 else [*labels[:3], "...", labels[-1]])


def plain_text(text: str) -> str:
    """Text with Fountain emphasis markers and escapes removed (``**bold**`` -> ``bold``).

    Read by the linear tokenizer of ``emphasis.py``, which also gives elements their runs.
    """
    return emphasis.plain_text(text)
