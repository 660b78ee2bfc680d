"""Stage plays read as scripts: TEI drama XML and plain-text plays with ``Name.`` speech prefixes.

A play has no scene headings in a screenplay's sense; its acts and scenes become scenes whose
heading is the scene's title (no INT/EXT), its speeches dialogue, its stage directions action (or
parentheticals inside a speech). So cast, dialogue share and scene analyses work on plays too.

- TEI (``<TEI>`` root, as DraCor writes drama): ``<div type="act|scene">`` with ``<head>``,
  ``<sp><speaker>..</speaker><p|l>..</p|l><stage>..</stage></sp>`` and ``<stage>`` between.
- Plain text (Project Gutenberg plays): paragraphs between blank lines; a speech starts with the
  speaker's name and a full stop (``Algernon.  Did you hear...``), stage directions are in
  ``[brackets]``, and lines such as ``FIRST ACT`` or ``ACT II`` start a new scene. A Project
  Gutenberg header and licence are left out.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING
from xml.etree.ElementTree import ParseError

import defusedxml
import defusedxml.ElementTree as SafeElementTree

from assistant.errors import ScriptReadError
from assistant.script.model import Screenplay, SourceInfo, TitleField
from assistant.script.typed_paragraphs import Kind, Paragraph, build_scenes

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element as XmlElement

NOT_TEI = "Not a readable TEI drama file"

_GUTENBERG_START = re.compile(r"^\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG.*$", re.M | re.I)
_GUTENBERG_END = re.compile(r"^\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG.*$", re.M | re.I)
_SPEECH = re.compile(
    r"([A-Z][A-Za-z'’-]{0,29}(?: (?:[A-Z][A-Za-z'’-]{0,29}|of|de|la|von)){0,3})\.(?:\s+|$)(.*)",
    re.S,
)
"""``Lady Bracknell.  Text`` -> speaker, text (names of up to four words of up to 30 letters, so
a long run of letters is given up at once, not backtracked through)."""
_HONORIFICS = frozenset(("Mr", "Mrs", "Ms", "Dr", "St", "Messrs", "Mme", "Mlle", "No", "Vol"))
"""Words before a full stop that start prose sentences, not speeches."""
_ACT_LINE = re.compile(
    r"(?:(?:FIRST|SECOND|THIRD|FOURTH|FIFTH|LAST) (?:ACT|SCENE)|(?:ACT|SCENE) [IVXLC\d]+\.?"
    r"|PROLOGUE|EPILOGUE)",
)
_BRACKETED = re.compile(r"\[([^\[\]]*)\]")
MIN_SPEECHES = 20
"""A plain-text play has at least this many speeches (a one-act play has hundreds)."""
MIN_SPEECH_SHARE = 0.25
"""Speeches are at least this share of the paragraphs (prose has few ``Name.`` openings)."""
MIN_LINES_PER_SPEAKER = 3
"""A name counts as a speaker after this many speeches (``Sunday.`` once is a sentence)."""


def is_tei(data: bytes) -> bool:
    """Whether XML bytes have a TEI root (looked for in the first 4 KB)."""
    return re.search(rb"<TEI[\s>]", data[:4096]) is not None


class TeiPlayImporter:
    """Reads TEI drama XML (DraCor and other TEI-encoded plays)."""

    name = "tei"
    suffixes: tuple[str, ...] = (".tei",)

    def read(self, data: bytes) -> Screenplay:
        """Parse TEI drama into scenes of speeches and stage directions.

        Raises:
            ScriptReadError: malformed XML, a DTD or entity, a root other than ``<TEI>``, or a
                body with no speech in it.
        """
        root = _parse_xml(data)
        if _local(root.tag) != "TEI":
            raise ScriptReadError(f"{NOT_TEI}: the XML root is <{_local(root.tag)}>, not <TEI>")
        body = next((node for node in root.iter() if _local(node.tag) == "body"), None)
        paragraphs: list[Paragraph] = []
        if body is not None:
            _read_division(body, paragraphs, _cast(root))
        scenes = build_scenes(paragraphs)
        if not any(scene.dialogues() for scene in scenes):
            raise ScriptReadError(f"{NOT_TEI}: its <body> holds no <sp> speech")
        title = next((node for node in root.iter() if _local(node.tag) == "title"), None)
        title_text = " ".join("".join(title.itertext()).split()) if title is not None else ""
        return Screenplay(
            title_page=[TitleField(key="Title", value=title_text)] if title_text else [],
            scenes=scenes,
            source=SourceInfo(format=self.name, encoding="utf-8"),
        )


_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _cast(root: XmlElement) -> dict[str, str]:
    """The ``particDesc`` cast by ``xml:id``: one name per person, however the speaker line
    names them in a scene (``Louis [Woyzeck]``, ``Franz [Woyzeck]`` are both ``#woyzeck``)."""
    cast: dict[str, str] = {}
    for node in root.iter():
        if _local(node.tag) in ("person", "personGrp") and node.get(_XML_ID):
            name = next((c for c in node if _local(c.tag) in ("persName", "name")), None)
            if name is not None and _text(name):
                cast[str(node.get(_XML_ID))] = _text(name)
    return cast


def _read_division(division: XmlElement, out: list[Paragraph], cast: dict[str, str]) -> None:
    for node in division:
        tag = _local(node.tag)
        if tag == "div":
            kind = node.get("type", "")
            head = next((h for h in node if _local(h.tag) == "head"), None)
            head_text = _text(head) if head is not None else ""
            has_scenes = any(_local(c.tag) == "div" for c in node)
            if kind in ("act", "part") and has_scenes:
                out.append(Paragraph(Kind.SECTION, head_text or kind.title()))
            elif kind == "scene" or any(_local(c.tag) == "sp" for c in node.iter()):
                out.append(Paragraph(Kind.HEADING, head_text or kind.title() or "SCENE"))
            _read_division(node, out, cast)
        elif tag == "sp":
            _read_speech(node, out, cast)
        elif tag == "stage":
            out.append(Paragraph(Kind.ACTION, _text(node)))


def _read_speech(speech: XmlElement, out: list[Paragraph], cast: dict[str, str]) -> None:
    """A speech: its speaker (the cast name when ``who`` names one person), then its parts."""
    who = (speech.get("who") or "").split()
    speaker = next((s for s in speech if _local(s.tag) == "speaker"), None)
    name = cast.get(who[0].lstrip("#"), "") if len(who) == 1 else ""
    if not name:
        name = _text(speaker).rstrip(".:") if speaker is not None else ""
    if not name and who:
        name = who[0].lstrip("#").replace("_", " ")
    out.append(Paragraph(Kind.CHARACTER, name.upper()))
    for part in speech:
        tag = _local(part.tag)
        if tag == "stage":
            out.append(Paragraph(Kind.PARENTHETICAL, _text(part).strip("()")))
        elif tag in ("p", "l", "ab"):
            out.append(Paragraph(Kind.DIALOGUE, _text(part)))
        elif tag == "lg":
            lines = [_text(line) for line in part if _local(line.tag) == "l"]
            out.append(Paragraph(Kind.DIALOGUE, "\n".join(line for line in lines if line)))


def _parse_xml(data: bytes) -> XmlElement:
    try:
        root: XmlElement = SafeElementTree.fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except (defusedxml.DTDForbidden, defusedxml.EntitiesForbidden) as exc:
        raise ScriptReadError(f"{NOT_TEI}: XML DTDs and entities are not allowed") from exc
    except defusedxml.ExternalReferenceForbidden as exc:
        raise ScriptReadError(f"{NOT_TEI}: external XML references are not allowed") from exc
    except ParseError as exc:
        line, column = exc.position
        raise ScriptReadError(
            f"{NOT_TEI}: malformed XML at line {line}, column {column + 1}"
        ) from exc
    except (ValueError, LookupError) as exc:
        raise ScriptReadError(f"{NOT_TEI}: {str(exc).splitlines()[0]}") from exc
    return root


def _text(node: XmlElement) -> str:
    return " ".join("".join(node.itertext()).split())


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class PlainPlayImporter:
    """Reads plain-text stage plays (``Name.  speech`` paragraphs), Project Gutenberg's included."""

    name = "play"
    suffixes: tuple[str, ...] = ()

    def read(self, data: bytes) -> Screenplay:
        """Split the play into acts, speeches and stage directions.

        Raises:
            ScriptReadError: the bytes are not text, or the text is not laid out as a play.
        """
        from assistant.script.reading import decode_text

        decoded = decode_text(data)
        paragraphs = plain_play_paragraphs(decoded.text)
        if paragraphs is None:
            raise ScriptReadError(
                "Not a stage play: too few paragraphs start with a speaker's name and a full stop"
            )
        begin, _ = gutenberg_body(decoded.text)
        header = decoded.text[:begin]
        title_page = [
            TitleField(key=key, value=match.group(1).strip())
            for key in ("Title", "Author")
            if (match := re.search(rf"^{key}:[ \t]*(\S.*)$", header, re.M)) is not None
        ]
        return Screenplay(
            title_page=title_page,
            scenes=build_scenes(paragraphs),
            source=SourceInfo(format=self.name, encoding=decoded.encoding),
        )


def gutenberg_body(text: str) -> tuple[int, str]:
    """Where the text between a Project Gutenberg header and its licence starts, and that text
    (all of the text when it has neither)."""
    start = _GUTENBERG_START.search(text)
    begin = start.end() if start else 0
    end = _GUTENBERG_END.search(text, begin)
    return begin, text[begin : end.start() if end else len(text)]


def is_gutenberg(text: str) -> bool:
    return _GUTENBERG_START.search(text) is not None


def plain_play_paragraphs(text: str) -> list[Paragraph] | None:
    """A plain-text play as typed paragraphs, or None when the text is not laid out as a play."""
    begin, body = gutenberg_body(text)
    blocks = _blocks(body, text.count("\n", 0, begin))
    openings = Counter(
        match.group(1)
        for _, block in blocks
        if (match := _SPEECH.match(block)) and match.group(1) not in _HONORIFICS
    )
    speakers = {name for name, count in openings.items() if count >= MIN_LINES_PER_SPEAKER}
    speeches = sum(openings[name] for name in speakers)
    if len(speakers) < 2 or speeches < MIN_SPEECHES or speeches < MIN_SPEECH_SHARE * len(blocks):
        return None
    out: list[Paragraph] = []
    for line, block in blocks:
        match = _SPEECH.match(block)
        if match is not None and match.group(1) in speakers:
            out.append(Paragraph(Kind.CHARACTER, match.group(1).upper(), line=line))
            _speech_parts(match.group(2), out)
        elif _ACT_LINE.fullmatch(block):
            out.append(Paragraph(Kind.HEADING, block, line=line))
        elif block.startswith("[") and block.endswith("]"):
            out.append(Paragraph(Kind.ACTION, block[1:-1], line=line))
        else:
            out.append(Paragraph(Kind.ACTION, block, line=line))
    return out


def _blocks(body: str, first_line: int) -> list[tuple[int, str]]:
    """Blank-line-separated paragraphs with their 1-based start lines, inner lines joined."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(body.split("\n"), start=first_line + 1):
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            blocks.append((start, " ".join(current)))
            current = []
    if current:
        blocks.append((start, " ".join(current)))
    return blocks


def _speech_parts(text: str, out: list[Paragraph]) -> None:
    """A speech's text with its ``[stage directions]`` as parentheticals, in order."""
    position = 0
    for match in _BRACKETED.finditer(text):
        spoken = text[position : match.start()].strip()
        if spoken:
            out.append(Paragraph(Kind.DIALOGUE, spoken))
        out.append(Paragraph(Kind.PARENTHETICAL, match.group(1).strip().rstrip(".")))
        position = match.end()
    rest = text[position:].strip()
    if rest:
        out.append(Paragraph(Kind.DIALOGUE, rest))
