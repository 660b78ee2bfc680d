"""The screenplay model to Final Draft (``.fdx``) XML, built with ElementTree so escaping is right.

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
from xml.etree.ElementTree import Element as XmlElement
from xml.etree.ElementTree import SubElement

from assistant.script.fdx_styles import StyledRun, add_text_runs, markup_to_runs
from assistant.script.fdx_title_page import write_title_page
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
from assistant.script.xml_writer import indented_xml

if TYPE_CHECKING:
    from assistant.script.model import Element, Screenplay

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
    root = XmlElement("FinalDraft", DocumentType="Script", Template="No", Version=FDX_VERSION)
    writer = _ContentWriter(SubElement(root, "Content"))
    for scene in screenplay.scenes:
        if scene.heading is not None:
            heading = writer.paragraph("Scene Heading", scene.heading.text, styled=False)
            if scene.heading.scene_number:
                heading.set("Number", scene.heading.scene_number)
        for element in scene.elements:
            writer.element(element)
    writer.finish()
    write_title_page(root, screenplay.title_page)
    return XML_DECLARATION + indented_xml(root) + "\n"


class FdxExporter:
    """Writes Final Draft ``.fdx`` files."""

    name = "fdx"
    suffix = ".fdx"

    def write(self, screenplay: Screenplay) -> bytes:
        """The screenplay as UTF-8 Final Draft XML."""
        return to_fdx(screenplay).encode("utf-8")


@dataclass
class _ContentWriter:
    content: XmlElement
    last: XmlElement | None = None
    """The last paragraph written (inside a dual dialogue, the last inner one)."""
    pending_notes: list[str] = field(default_factory=list)
    """Note texts waiting for the next paragraph."""
    page_break: bool = False
    """A page break waits for the next paragraph."""
    notes_written: int = 0
    in_dialogue: bool = False
    """The last paragraph ends a dialogue block, which a lyrics paragraph would continue."""

    def element(self, element: Element) -> None:
        if isinstance(element, Note | Section | Synopsis):
            self.pending_notes.append(_note_text(element))
        elif isinstance(element, PageBreak):
            if self.pending_notes and self.last is not None:
                # Notes written before a page break stay before it: after the paragraph before.
                self._attach_notes(self.last, leading=False)
            self.page_break = self.last is not None
        elif isinstance(element, Dialogue):
            self._dialogue(element, self.content)
            self.in_dialogue = True
        elif isinstance(element, DualDialogue):
            wrapper = self._new_paragraph(self.content, None)
            dual = SubElement(wrapper, "DualDialogue")
            self._dialogue(element.left, dual, first=False)
            self._dialogue(element.right, dual, first=False)
        elif isinstance(element, Centered):
            self.paragraph("Action", element.text).set("Alignment", "Center")
        elif isinstance(element, Transition):
            self.paragraph("Transition", element.text)
        elif isinstance(element, Shot):
            shot = self.paragraph("Shot", element.text)
            if element.number:
                shot.set("Number", element.number)
        elif isinstance(element, Lyrics):
            if self.in_dialogue and not self.page_break:  # a blank paragraph ends the block
                self.paragraph("Action", "")
            self.paragraph("Lyrics", element.text)
        elif isinstance(element, Action):
            self.paragraph("Action", element.text)

    def paragraph(
        self, kind: str, text: str, *, parent: XmlElement | None = None, styled: bool = True
    ) -> XmlElement:
        paragraph = self._new_paragraph(self.content if parent is None else parent, kind)
        text = _xml_safe(text)
        add_text_runs(paragraph, markup_to_runs(text) if styled else _literal(text))
        return paragraph

    def finish(self) -> None:
        if self.pending_notes and self.last is None:
            # Only notes, sections and synopses: nothing to attach them to. Final Draft anchors a
            # script note in a paragraph, so they go in one empty General paragraph, which prints
            # nothing and which the importer reads back as the notes alone.
            self._new_paragraph(self.content, NOTES_ONLY_TYPE)
        elif self.pending_notes and self.last is not None:
            self._attach_notes(self.last, leading=False)

    def _dialogue(self, dialogue: Dialogue, parent: XmlElement, *, first: bool = True) -> None:
        cue = dialogue.cue
        cue_text = cue.name + "".join(f" ({extension})" for extension in cue.extensions)
        if first:
            self.paragraph("Character", cue_text, parent=parent, styled=False)
        else:
            self._append_inner(parent, "Character", cue_text, styled=False)
        for part in dialogue.parts:
            kind = {Speech: "Dialogue", Parenthetical: "Parenthetical", DialogueLyric: "Lyrics"}
            self._append_inner(parent, kind[type(part)], part.text)

    def _append_inner(
        self, parent: XmlElement, kind: str, text: str, *, styled: bool = True
    ) -> None:
        paragraph = SubElement(parent, "Paragraph", Type=kind)
        text = _xml_safe(text)
        add_text_runs(paragraph, markup_to_runs(text) if styled else _literal(text))
        self.last = paragraph

    def _new_paragraph(self, parent: XmlElement, kind: str | None) -> XmlElement:
        paragraph = SubElement(parent, "Paragraph")
        self.in_dialogue = False
        if kind is not None:
            paragraph.set("Type", kind)
        if self.page_break:
            paragraph.set("StartsNewPage", "Yes")
            self.page_break = False
        if self.pending_notes:
            self._attach_notes(paragraph, leading=True)
        self.last = paragraph
        return paragraph

    def _attach_notes(self, paragraph: XmlElement, *, leading: bool) -> None:
        for number, text in enumerate(self.pending_notes):
            self.notes_written += 1
            note = XmlElement("ScriptNote", ID=str(self.notes_written))
            for line in _xml_safe(text).split("\n"):
                add_text_runs(SubElement(note, "Paragraph"), markup_to_runs(line))
            if leading:
                paragraph.insert(number, note)
            else:
                paragraph.append(note)
        self.pending_notes = []


def _note_text(element: Note | Section | Synopsis) -> str:
    if isinstance(element, Section):
        return f"{'#' * max(element.level, 1)} {element.text}"
    if isinstance(element, Synopsis):
        return f"= {element.text}"
    return element.text


def _literal(text: str) -> list[StyledRun]:
    return [StyledRun(text)]


def _xml_safe(text: str) -> str:
    return NOT_XML_CHARACTERS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
