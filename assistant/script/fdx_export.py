"""The screenplay model to Final Draft (``.fdx``) XML, escaped and indented as ElementTree does.

``FdxImporter().read(FdxExporter().write(s))`` gives ``s`` back for what Final Draft can hold.
What it cannot hold, and how it is written instead:

- sections and synopses: script notes reading ``# text`` (``##`` for level 2...) and ``= text``,
  which the importer turns back into sections and synopses; notes: script notes. Each is attached
  to the paragraph after it, or after the last paragraph at the end of the script; a script of
  only notes gets one empty ``General`` paragraph holding them.
- a page break: ``StartsNewPage="Yes"`` on the next paragraph; one at the very end, or before
  anything printed, is dropped, and two in a row become one.
- centered text: an action paragraph with ``Alignment="Center"``.
- ``forced`` flags (Fountain syntax) and ``start_line``: not written; read back as False and None.
- two speeches in a row with no parenthetical between: read back as one speech, lines joined.
- a scene without a heading after the first: its elements join the scene before.
- emphasis that Fountain markup can express, with marker characters next to styled text, may lose
  its styles (never its text), see ``fdx_styles.runs_to_markup``.
- characters XML 1.0 forbids (control characters other than tab and newline) are dropped.
- title fields: see ``fdx_title_page``; boneyard (``/* */``) is not in the model at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.script.fdx_content import ContentWriter, Paragraph
from assistant.script.fdx_title_page import title_page_paragraphs
from assistant.script.gc_pause import collector_paused
from assistant.script.model import (
    Action,
    Centered,
    Dialogue,
    DialogueLyric,
    DualDialogue,
    Lyrics,
    Note,
    PageBreak,
    Parenthetical,
    Section,
    Shot,
    Speech,
    Synopsis,
    Transition,
)
from assistant.script.page_layout import dialogue_key, dual_key

if TYPE_CHECKING:
    from assistant.script.model import DialoguePart, Element, Screenplay

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n'
FDX_VERSION = "5"
"""``Version`` on ``<FinalDraft>``: Final Draft 10-12 write 4 or 5 and read older versions too."""
NOTES_ONLY_TYPE = "General"
"""The paragraph type of the empty paragraph holding a script's notes when nothing prints."""
NOT_XML_CHARACTERS = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot hold, even escaped."""


def to_fdx(screenplay: Screenplay) -> str:
    """A screenplay as a Final Draft XML document.

    Args:
        screenplay: any screenplay.

    Returns:
        The document text, starting with the XML declaration and ending with a newline.
    """
    # A paragraph is 2-3 XML nodes; see gc_pause (1 MB of short cues: 3.1 -> 1.3 s).
    with collector_paused():
        return _to_fdx(screenplay)


def _to_fdx(screenplay: Screenplay) -> str:
    content = ContentWriter()
    writer = _ContentWriter(content)
    for scene in screenplay.scenes:
        if scene.heading is not None:
            heading = writer.paragraph("Scene Heading", scene.heading.text, styled=False)
            if scene.heading.scene_number:
                heading.set("Number", scene.heading.scene_number)
        for element in scene.elements:
            writer.element(element)
    writer.finish()
    parts = [XML_DECLARATION, _ROOT_START, "\n  ", *content.pieces()]
    title_page = title_page_paragraphs(screenplay.title_page)
    if title_page:
        title_content = ContentWriter(level=2)
        for paragraph in title_page:
            title_content.add_final(paragraph)
        parts += ["\n  <TitlePage>\n    ", title_content.text(), "\n  </TitlePage>"]
    parts.append("\n</FinalDraft>\n")
    return "".join(parts)


_ROOT_START = f'<FinalDraft DocumentType="Script" Template="No" Version="{FDX_VERSION}">'


class FdxExporter:
    """Writes Final Draft ``.fdx`` files."""

    name = "fdx"
    suffix = ".fdx"

    def write(self, screenplay: Screenplay) -> bytes:
        """The screenplay as UTF-8 Final Draft XML."""
        return to_fdx(screenplay).encode("utf-8")


@dataclass
class _ContentWriter:
    content: ContentWriter
    last: Paragraph | None = None
    """The last paragraph written (inside a dual dialogue, the last inner one)."""
    pending_notes: list[str] = field(default_factory=list)
    """Note texts waiting for the next paragraph."""
    page_break: bool = False
    """A page break waits for the next paragraph."""
    notes_written: int = 0
    in_dialogue: bool = False
    """The last paragraph ends a dialogue block, which a lyrics paragraph would continue."""
    _written: dict[tuple[str, str, bool], str] = field(default_factory=dict)
    """The written text of a dialogue's cue or leading part, per type and text
    (``_written_dialogue``)."""
    light: Dialogue | DualDialogue | None = None
    """The element whose last paragraph is pending as text only (``ContentWriter.add_light``):
    ``_last`` makes its record when a note must be attached to it."""
    _dialogues: dict[tuple[object, ...], tuple[str, int, str]] = field(default_factory=dict)
    """A short dialogue's paragraphs as text, per cue and parts (``_light_dialogue``)."""
    _duals: dict[tuple[object, ...], str] = field(default_factory=dict)
    """A dual dialogue's paragraph as text, per its two sides (``_light_dual``)."""

    def element(self, element: Element) -> None:
        # Exact classes (no model is subclassed): isinstance of a pydantic model is 3x slower.
        if type(element) is Dialogue:  # most elements: tested first
            parts = element.parts
            if (
                LIGHT_DIALOGUES
                and parts
                and len(parts) <= LIGHT_PARTS
                and not (self.pending_notes or self.page_break)
            ):
                self._light_dialogue(element)
            else:
                self._dialogue(element, None)
            self.in_dialogue = True
        elif type(element) is Note or type(element) is Section or type(element) is Synopsis:
            self.pending_notes.append(_note_text(element))
        elif type(element) is PageBreak:
            if self.pending_notes and self._has_last():
                # Notes written before a page break stay before it: after the paragraph before.
                self._attach_notes(self._last(), leading=False)
            self.page_break = self._has_last()
        elif type(element) is DualDialogue:
            if LIGHT_DIALOGUES and not (self.pending_notes or self.page_break):
                self._light_dual(element)
                return
            wrapper = self._new_paragraph(None)
            wrapper.inner = []
            self._dialogue(element.left, wrapper.inner)
            self._dialogue(element.right, wrapper.inner)
        elif type(element) is Centered:
            self.paragraph("Action", element.text).set("Alignment", "Center")
        elif type(element) is Transition:
            self.paragraph("Transition", element.text)
        elif type(element) is Shot:
            shot = self.paragraph("Shot", element.text)
            if element.number:
                shot.set("Number", element.number)
        elif type(element) is Lyrics:
            if self.in_dialogue and not self.page_break:  # a blank paragraph ends the block
                self.paragraph("Action", "")
            self.paragraph("Lyrics", element.text)
        elif type(element) is Action:
            self.paragraph("Action", element.text)

    def paragraph(self, kind: str, text: str, *, styled: bool = True) -> Paragraph:
        paragraph = self._new_paragraph(kind)
        paragraph.text = _xml_safe(text)
        paragraph.styled = styled
        return paragraph

    def finish(self) -> None:
        if self.pending_notes and not self._has_last():
            # Only notes, sections and synopses: nothing to attach them to. Final Draft anchors a
            # script note in a paragraph, so they go in one empty General paragraph, which prints
            # nothing and which the importer reads back as the notes alone.
            self._new_paragraph(NOTES_ONLY_TYPE)
        elif self.pending_notes:
            self._attach_notes(self._last(), leading=False)

    def _dialogue(self, dialogue: Dialogue, inner: list[Paragraph] | None) -> None:
        """A dialogue's paragraphs: in the content, or ``inner`` to a dual dialogue's wrapper."""
        cue = dialogue.cue
        cue_text = cue.name + "".join(f" ({extension})" for extension in cue.extensions)
        parts = dialogue.parts
        if inner is None and parts and not (self.pending_notes or self.page_break):
            self._written_dialogue(cue_text, parts)
            return
        if inner is None:
            self.paragraph("Character", cue_text, styled=False)
        else:
            self._append_inner(inner, "Character", cue_text, styled=False)
        for part in dialogue.parts:
            self._append_inner(inner, _PART_TYPES[type(part)], part.text)

    def _written_dialogue(self, cue_text: str, parts: list[DialoguePart]) -> None:
        """``_dialogue`` of a top-level dialogue with parts and nothing waiting to attach.

        Its cue and every part but the last are final as soon as they are made (notes and a page
        break attach to the cue before, or to the last part after), so they are written at once,
        each paragraph's text kept per distinct type and text (a script repeats its cues and
        parentheticals); the last part is written as usual.
        """
        pieces = [self._written_paragraph("Character", cue_text, styled=False)]
        for part in parts[:-1]:
            pieces.append(self._written_paragraph(_PART_TYPES[type(part)], part.text, styled=True))
        self.content.add_written("".join(pieces), len(pieces))
        last = parts[-1]
        self._append_inner(None, _PART_TYPES[type(last)], last.text)

    def _light_dialogue(self, dialogue: Dialogue) -> None:
        """``_written_dialogue`` of a short dialogue in one call, its last part pending as text:
        the whole block's text is kept per cue and parts (a script repeats its short exchanges,
        "MARA / Yes."), and no record is made unless a note attaches after it (``_last``)."""
        cue, parts = dialogue.cue, dialogue.parts
        key = dialogue_key(dialogue)
        kept = self._dialogues.get(key)
        if kept is None:
            cue_text = cue.name + "".join(f" ({extension})" for extension in cue.extensions)
            pieces = [self._written_paragraph("Character", cue_text, styled=False)]
            for part in parts[:-1]:
                pieces.append(
                    self._written_paragraph(_PART_TYPES[type(part)], part.text, styled=True)
                )
            last = parts[-1]
            last_text = self._written_paragraph(_PART_TYPES[type(last)], last.text, styled=True)
            kept = ("".join(pieces), len(parts), last_text)
            if len(self._dialogues) < WRITTEN_LIMIT and len(kept[0]) + len(last_text) <= LIGHT_KEPT:
                self._dialogues[key] = kept
        self.content.add_light(*kept)
        self.light = dialogue

    def _light_dual(self, dual: DualDialogue) -> None:
        """A dual dialogue with nothing waiting to attach, pending as text (``_light_dialogue``)."""
        key = dual_key(dual)
        written = self._duals.get(key)
        if written is None:
            written = self.content.write([self._dual_paragraph(dual)])
            if len(self._duals) < WRITTEN_LIMIT and len(written) <= LIGHT_KEPT:
                self._duals[key] = written
        self.content.add_light("", 0, written)
        self.light = dual
        self.in_dialogue = False  # as after a wrapper made by ``_new_paragraph``

    def _dual_paragraph(self, dual: DualDialogue) -> Paragraph:
        wrapper = Paragraph([])
        wrapper.inner = []
        self._dialogue(dual.left, wrapper.inner)
        self._dialogue(dual.right, wrapper.inner)
        return wrapper

    def _has_last(self) -> bool:
        return self.light is not None or self.last is not None

    def _last(self) -> Paragraph:
        """The last paragraph written (``_has_last``), its record made if it was pending as text
        only."""
        element = self.light
        if element is not None:
            self.light = None
            if type(element) is Dialogue:
                last = element.parts[-1]
                paragraph = Paragraph([("Type", _PART_TYPES[type(last)])])
                paragraph.text = _xml_safe(last.text)
                self.content.replace_light(paragraph)
                self.last = paragraph
            else:
                assert type(element) is DualDialogue
                self.content.replace_light(self._dual_paragraph(element))  # sets self.last
        assert self.last is not None
        return self.last

    def _written_paragraph(self, kind: str, text: str, *, styled: bool) -> str:
        key = (kind, text, styled)
        written = self._written.get(key)
        if written is None:
            paragraph = Paragraph([("Type", kind)])
            paragraph.text = _xml_safe(text)
            paragraph.styled = styled
            written = self.content.write([paragraph])
            if len(self._written) < WRITTEN_LIMIT:
                self._written[key] = written
        return written

    def _append_inner(
        self, inner: list[Paragraph] | None, kind: str, text: str, *, styled: bool = True
    ) -> None:
        """A paragraph of a dialogue block: no page break or notes of its own (its cue's)."""
        paragraph = Paragraph([("Type", kind)])
        paragraph.text = _xml_safe(text)
        paragraph.styled = styled
        if inner is None:
            self.content.add(paragraph)
        else:
            inner.append(paragraph)
        self.last = paragraph
        self.light = None

    def _new_paragraph(self, kind: str | None) -> Paragraph:
        paragraph = Paragraph([] if kind is None else [("Type", kind)])
        self.content.add(paragraph)
        self.in_dialogue = False
        if self.page_break:
            paragraph.attributes.append(("StartsNewPage", "Yes"))
            self.page_break = False
        if self.pending_notes:
            self._attach_notes(paragraph, leading=True)
        self.last = paragraph
        self.light = None
        return paragraph

    def _attach_notes(self, paragraph: Paragraph, *, leading: bool) -> None:
        notes = paragraph.leading if leading else paragraph.trailing
        pending, first = self.pending_notes, self.notes_written + 1
        notes += zip(range(first, first + len(pending)), map(_xml_safe, pending), strict=True)
        self.notes_written += len(pending)
        self.pending_notes = []


WRITTEN_LIMIT = 4096
"""Distinct dialogue paragraphs (type and text) one export keeps written: cues, mostly; and as
many short dialogues and dual dialogues, each whole."""
LIGHT_DIALOGUES = True
"""Whether a short dialogue or a dual dialogue with nothing waiting to attach is written whole
(``_light_dialogue``); False writes it a record per paragraph (the tests compare the two)."""
LIGHT_PARTS = 8
"""Parts of a dialogue written whole; a longer one goes a paragraph at a time."""
LIGHT_KEPT = 2_000
"""Longest written dialogue (characters) kept per distinct cue and parts."""

_PART_TYPES = {Speech: "Dialogue", Parenthetical: "Parenthetical", DialogueLyric: "Lyrics"}
"""The Final Draft paragraph type of each part of a dialogue."""


def _note_text(element: Note | Section | Synopsis) -> str:
    if type(element) is Section:
        return f"{'#' * max(element.level, 1)} {element.text}"
    if type(element) is Synopsis:
        return f"= {element.text}"
    return element.text


def _xml_safe(text: str) -> str:
    if text.isprintable():  # no control, surrogate or non-character code point: nothing to drop
        return text
    return NOT_XML_CHARACTERS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
