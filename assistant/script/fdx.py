"""Final Draft (``.fdx``) XML to the screenplay model; the exporter lives in ``fdx_export.py``.

The XML is parsed with defusedxml: a DTD, an entity declaration or an external reference is
refused, so a "billion laughs" file or one naming ``file:///etc/passwd`` is an error, not a hang
or a leak. Paragraphs map to the model as the Fountain importer reads the same script (the
screenplain test files give equal models both ways; see ``_ContentReader``): a ``Character``
paragraph opens a dialogue block that ``Parenthetical``, ``Dialogue`` and ``Lyrics`` paragraphs
continue, consecutive ``Dialogue`` paragraphs being lines of one speech; an empty paragraph ends
the block, as a blank line does in Fountain. ``<Text Style=...>`` runs become Fountain emphasis
markup (``fdx_styles.py``). ``Shot``, ``General`` and ``Cast List`` are read as action (centered
when ``Alignment="Center"``), ``New Act`` as a level-1 section and ``End of Act`` as centered text;
those do not come back as themselves on export. ``StartsNewPage="Yes"`` is a page break before the
paragraph, kept only between printed elements. Fonts, colours, revisions, SmartType lists and
scene properties are ignored.

Script notes (``<ScriptNote>`` inside a paragraph) become ``Note`` elements next to the element the
paragraph belongs to: before it when the note comes before the paragraph's text, after it
otherwise (a note inside a speech goes after the whole dialogue block). A note whose text is a
Fountain outline line (``# Act one``, ``= She finds the key``) is read as a section or a synopsis,
which is how the exporter keeps those (``fdx_export.py``). Notes in a top-level ``<ScriptNotes>``
list (Final Draft 10 and later) are placed at the paragraph holding the start of their ``Range``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from xml.etree.ElementTree import ParseError

import defusedxml
import defusedxml.ElementTree as SafeElementTree

from assistant.errors import ScriptReadError
from assistant.script.fdx_export import FdxExporter, to_fdx
from assistant.script.fdx_paragraphs import (
    PlacedNotes,
    character_cue,
    child,
    children,
    local_name,
    marked_up_text_of,
    note_element,
    notes_of,
    paragraph_runs,
    plain_text_of,
    ranged_notes,
    scene_heading,
    strip_lines,
)
from assistant.script.fdx_styles import StyledRun, runs_to_markup
from assistant.script.fdx_title_page import read_title_page
from assistant.script.gc_pause import collector_paused
from assistant.script.model import (
    Action,
    Centered,
    Dialogue,
    DialogueLyric,
    DualDialogue,
    Element,
    Lyrics,
    PageBreak,
    Parenthetical,
    Scene,
    Screenplay,
    Section,
    Shot,
    SourceInfo,
    Speech,
    Transition,
)

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element as XmlElement

__all__ = ["FdxExporter", "FdxImporter", "character_cue", "scene_heading", "to_fdx"]

NOT_FDX = "Not a valid Final Draft file"
"""Start of every message for a file that cannot be read; ``read_script`` puts the path first."""
LYRIC_TYPES = frozenset(("Lyrics", "Singing"))
"""Sung lines: a lyric part inside a dialogue block, ``Lyrics`` outside one."""
PART_TYPES = frozenset(("Dialogue", "Parenthetical"))
"""Paragraph types that continue the dialogue block a ``Character`` paragraph opened."""
_UTF16_STARTS = (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")
"""How UTF-16 XML starts (with a BOM, or ``<`` without one); other NUL bytes mean binary."""
XML_ENCODING = re.compile(rb"""<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


class FdxImporter:
    """Reads Final Draft ``.fdx`` files."""

    name = "fdx"
    suffixes: tuple[str, ...] = (".fdx",)

    def read(self, data: bytes) -> Screenplay:
        with collector_paused():  # see gc_pause.py: the collector's share grew with the size
            return self._read(data)

    def _read(self, data: bytes) -> Screenplay:
        """Parse Final Draft XML into a screenplay (scenes and elements; not yet paginated).

        Args:
            data: the file's bytes (any encoding the XML declaration or a BOM names).

        Returns:
            The screenplay, with ``source.format`` ``fdx`` and the document's encoding.

        Raises:
            ScriptReadError: malformed XML, a DTD or entity declaration, an external reference, a
                root other than ``<FinalDraft>``, or no script paragraphs in ``<Content>``.
        """
        root = _parse_xml(data)
        if local_name(root.tag) != "FinalDraft":
            raise ScriptReadError(
                f"{NOT_FDX}: the XML root is <{local_name(root.tag)}>, not <FinalDraft>"
            )
        content = child(root, "Content")
        if content is None:
            raise ScriptReadError(f"{NOT_FDX}: it has no <Content> element")
        reader = _ContentReader(ranged_notes(root, content))
        for paragraph in children(content, "Paragraph"):
            reader.read(paragraph)
        scenes = reader.finish()
        if not scenes:
            raise ScriptReadError(f"{NOT_FDX}: its <Content> holds no script text")
        return Screenplay(
            title_page=read_title_page(child(root, "TitlePage")),
            scenes=scenes,
            source=SourceInfo(format=self.name, encoding=_encoding(data)),
        )


def _parse_xml(data: bytes) -> XmlElement:
    if b"\x00" in data[:4096] and not data.startswith(_UTF16_STARTS):
        raise ScriptReadError(f"{NOT_FDX}: it looks like a binary file, not XML")
    try:
        root: XmlElement = SafeElementTree.fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except defusedxml.DTDForbidden as exc:
        raise ScriptReadError(f"{NOT_FDX}: XML DTDs and entities are not allowed") from exc
    except defusedxml.EntitiesForbidden as exc:
        raise ScriptReadError(f"{NOT_FDX}: XML entities are not allowed") from exc
    except defusedxml.ExternalReferenceForbidden as exc:
        raise ScriptReadError(f"{NOT_FDX}: external XML references are not allowed") from exc
    except ParseError as exc:
        line, column = exc.position
        reason = str(exc).split(":", 1)[0]
        raise ScriptReadError(
            f"{NOT_FDX}: malformed XML at line {line}, column {column + 1} ({reason})"
        ) from exc
    except (ValueError, LookupError) as exc:  # an unknown or unsupported declared encoding
        raise ScriptReadError(f"{NOT_FDX}: {str(exc).splitlines()[0]}") from exc
    return root


@dataclass
class _ContentReader:
    """Turns ``<Content>`` paragraphs into scenes, one paragraph at a time."""

    ranged_notes: PlacedNotes
    """Notes of the top-level ``<ScriptNotes>`` list by paragraph: those starting it, the rest."""
    scenes: list[Scene] = field(default_factory=lambda: [Scene()])
    dialogue: Dialogue | None = None
    """The dialogue block still taking parentheticals and speech, if any."""
    speech_lines: list[str] | None = None
    """Lines of the speech being built, when the last part of ``dialogue`` is one."""
    after_dialogue: list[Element] = field(default_factory=list)
    """Notes met inside the open dialogue block: written after it."""
    paragraph_index: int = 0
    page_break: bool = False
    """A page break waits for the next printed element: none is kept at the end or the start."""
    printed: bool = False
    """Whether a heading or a printed element has been read."""

    def read(self, paragraph: XmlElement) -> None:
        before, after = notes_of(paragraph)
        ranged_before, ranged_after = self.ranged_notes.get(self.paragraph_index, ([], []))
        before.extend(note_element(text) for text in ranged_before)
        after.extend(note_element(text) for text in ranged_after)
        self.paragraph_index += 1
        kind = paragraph.get("Type", "")
        new_page = paragraph.get("StartsNewPage") == "Yes"
        continues = self.dialogue is not None and kind in PART_TYPES | LYRIC_TYPES and not new_page
        if not (continues or new_page or before or after or _has_text(paragraph)):
            self._close_dialogue()  # a blank line ends a speech, as in Fountain
            return
        if continues:
            self.after_dialogue.extend(before)
        else:
            self._close_dialogue()
            if new_page and self.printed:
                self.page_break = True
            if _prints(paragraph):
                self._flush_page_break()  # notes before the text of a new page follow the break
            self.scenes[-1].elements.extend(before)
        dual = child(paragraph, "DualDialogue")
        if dual is not None and _has_text(dual):
            self._read_dual(dual)
        else:
            self._read_single(paragraph, kind)
        if self.dialogue is not None:
            self.after_dialogue.extend(after)
        else:
            self.scenes[-1].elements.extend(after)

    def finish(self) -> list[Scene]:
        self._close_dialogue()
        scenes = self.scenes
        if scenes[0].heading is None and not scenes[0].elements:
            scenes = scenes[1:]
        # Nothing printed: no scene, unless notes were read (a script of only notes and sections,
        # as the Fountain importer reads one; the exporter writes it so).
        return scenes if self.printed or any(scene.elements for scene in scenes) else []

    def _read_single(self, paragraph: XmlElement, kind: str) -> None:
        if kind == "Scene Heading":
            text = plain_text_of(paragraph).strip()
            if text:
                number = (paragraph.get("Number") or "").strip() or None
                self._flush_page_break()
                self.scenes.append(Scene(heading=scene_heading(text, number)))
                self.printed = True
            return
        if kind == "Character":
            text = plain_text_of(paragraph).strip()
            if text:
                self.dialogue = Dialogue(cue=character_cue(text))
                self._print(self.dialogue)
            return
        text = marked_up_text_of(paragraph)
        if self.dialogue is not None and kind in PART_TYPES | LYRIC_TYPES:
            self._add_part(kind, text)
            return
        text = text.strip("\n")
        if not text.strip():
            return
        if kind == "New Act":  # an outline heading, one line, not printed in the model
            self.scenes[-1].elements.append(Section(text=_one_line_markup(paragraph), level=1))
            return
        element: Element
        if kind == "Transition":
            element = Transition(text=text.strip())
        elif kind in LYRIC_TYPES:
            element = Lyrics(text=strip_lines(text))
        elif kind == "End of Act" or paragraph.get("Alignment") == "Center":
            element = Centered(text=strip_lines(text))
        elif kind == "Shot":
            number = (paragraph.get("Number") or "").strip() or None
            element = Shot(text=_one_line_markup(paragraph), number=number)
        else:  # Action, General, Cast List, an orphan Dialogue, any type Slate does not know
            element = Action(text=text)
        self._print(element)

    def _add_part(self, kind: str, text: str) -> None:
        assert self.dialogue is not None
        parts = self.dialogue.parts
        if kind == "Dialogue":
            if self.speech_lines is None:
                if not text.strip():
                    return  # an empty paragraph opening a speech carries nothing
                self.speech_lines = []
                parts.append(Speech(text=""))
            self.speech_lines.append(strip_lines(text))
            return
        self._end_speech()
        if not text.strip():
            return
        text = strip_lines(text)
        if kind == "Parenthetical":
            parts.append(Parenthetical(text=text if text.startswith("(") else f"({text})"))
        else:
            parts.append(DialogueLyric(text=text))

    def _read_dual(self, dual: XmlElement) -> None:
        """Two dialogue blocks side by side; a third cue (Final Draft never writes one) follows."""
        blocks: list[Dialogue] = []
        for inner in children(dual, "Paragraph"):
            kind = inner.get("Type", "")
            if kind not in PART_TYPES | LYRIC_TYPES:
                self._close_dialogue()
            if kind not in PART_TYPES | LYRIC_TYPES | {"Character"}:
                kind = "Action"  # no headings or other blocks inside dual dialogue
            self._read_single(inner, kind)
            if kind == "Character" and self.dialogue is not None:
                blocks.append(self.dialogue)
            before, after = notes_of(inner)
            self.after_dialogue.extend([*before, *after])
        self._close_dialogue()
        if len(blocks) >= 2:
            elements = self.scenes[-1].elements
            right_at = next(i for i, e in enumerate(elements) if e is blocks[1])
            del elements[right_at]
            left_at = next(i for i, e in enumerate(elements) if e is blocks[0])
            elements[left_at] = DualDialogue(left=blocks[0], right=blocks[1])

    def _end_speech(self) -> None:
        if self.dialogue is not None and self.speech_lines is not None:
            text = "\n".join(self.speech_lines).strip("\n")
            self.dialogue.parts[-1] = Speech(text=text)
            if not text:
                self.dialogue.parts.pop()
        self.speech_lines = None

    def _close_dialogue(self) -> None:
        self._end_speech()
        self.dialogue = None
        self.scenes[-1].elements.extend(self.after_dialogue)
        self.after_dialogue = []

    def _print(self, element: Element) -> None:
        self._flush_page_break()
        self.scenes[-1].elements.append(element)
        self.printed = True

    def _flush_page_break(self) -> None:
        if self.page_break:
            self.scenes[-1].elements.append(PageBreak())
            self.page_break = False


def _prints(paragraph: XmlElement) -> bool:
    """Whether a paragraph holds printed text (a ``New Act`` is read as an unprinted section)."""
    return paragraph.get("Type") != "New Act" and _has_text(paragraph)


def _has_text(node: XmlElement) -> bool:
    """Whether a paragraph (or a ``DualDialogue``) holds text, its own or in paragraphs inside."""
    if plain_text_of(node).strip():
        return True
    inner = children(child(node, "DualDialogue"), "Paragraph") + children(node, "Paragraph")
    return any(plain_text_of(part).strip() for part in inner)


def _encoding(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    declared = XML_ENCODING.search(data[:200].lstrip(b"\xef\xbb\xbf"))
    return declared.group(1).decode("ascii").lower() if declared else "utf-8"


def _one_line_markup(paragraph: XmlElement) -> str:
    """The markup of a paragraph the model keeps on one line (a shot, an act heading).

    Whitespace is folded run by run before the markup is written: escapes are decided per line,
    so folding the lines of written markup (``*:*`` / ``*`` -> ``\\*:\\* *``) would keep
    escapes that the joined line needs elsewhere, and a round trip would change the text.
    """
    runs = [StyledRun(_SPACES.sub(" ", run.text), run.styles) for run in paragraph_runs(paragraph)]
    return " ".join(runs_to_markup(runs).split())


_SPACES = re.compile(r"\s+")
"""A run of whitespace, folded to one space inside each run (not stripped: it may part two)."""
