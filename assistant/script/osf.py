"""Importers for Open Screenplay Format XML (``.osf``) and Fade In (``.fadein``, OSF zipped).

An OSF document is ``<document type="Open Screenplay Format document">`` with ``<paragraphs>`` of
``<para>``: each names its style in ``<style basestylename="Scene Heading"/>`` (OSF 2.0 writes
``basestyle``; a style may also name a parent ``base``) and holds ``<text>`` runs with ``bold``,
``italic`` and ``underline`` attributes. Style names are Final Draft's (Scene Heading, Action,
Character, Parenthetical, Dialogue, Transition, Shot...). A ``<titlepage>`` holds ``<para>`` the
same way. A Fade In file is a zip archive whose ``document.xml`` is such a document.
XML is parsed with defusedxml: no DTD, entity or external reference is accepted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.etree.ElementTree import ParseError

import defusedxml
import defusedxml.ElementTree as SafeElementTree

from assistant.errors import ScriptReadError
from assistant.script.archives import read_member
from assistant.script.fdx_styles import BOLD, ITALIC, UNDERLINE, StyledRun, runs_to_markup
from assistant.script.model import Screenplay, SourceInfo, TitleField
from assistant.script.typed_paragraphs import Kind, Paragraph, build_scenes

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element as XmlElement

NOT_OSF = "Not a readable Open Screenplay Format file"
OSF_MARK = b"Open Screenplay Format"
"""What the ``type`` attribute of an OSF root says; ``reading`` sniffs content with it."""

_KINDS: dict[str, Kind] = {
    "scene heading": Kind.HEADING,
    "action": Kind.ACTION,
    "general": Kind.ACTION,
    "character": Kind.CHARACTER,
    "dialogue": Kind.DIALOGUE,
    "parenthetical": Kind.PARENTHETICAL,
    "transition": Kind.TRANSITION,
    "shot": Kind.SHOT,
    "lyrics": Kind.LYRIC,
    "new act": Kind.SECTION,
    "end of act": Kind.CENTERED,
}
"""Style names (lower case) to element types; an unknown style is read as action."""
_TRUE = frozenset(("1", "true", "yes"))
_TITLE_KEYS = {"title": "Title", "author": "Author", "written by": "Credit", "credit": "Credit"}


class OsfImporter:
    """Reads Open Screenplay Format XML."""

    name = "osf"
    suffixes: tuple[str, ...] = (".osf",)

    def read(self, data: bytes) -> Screenplay:
        """Parse OSF XML into a screenplay (scenes and elements; not yet paginated).

        Raises:
            ScriptReadError: malformed XML, a DTD or entity, a root other than ``<document>``,
                or no script text in ``<paragraphs>``.
        """
        return read_osf(data, format_name=self.name)


class FadeInImporter:
    """Reads Fade In ``.fadein`` files: a zip archive holding OSF as ``document.xml``."""

    name = "fadein"
    suffixes: tuple[str, ...] = (".fadein",)

    def read(self, data: bytes) -> Screenplay:
        """Read ``document.xml`` out of the archive (defensively) and parse it as OSF.

        Raises:
            ScriptReadError: the archive is not a zip, is unsafe or damaged, has no
                ``document.xml``, or that document is not readable OSF.
        """
        from assistant.script.reading import DEFAULT_NAME

        document = read_member(
            data, lambda member: member == "document.xml", what="document.xml", name=DEFAULT_NAME
        )
        return read_osf(document, format_name=self.name)


def read_osf(data: bytes, *, format_name: str) -> Screenplay:
    """An OSF document's bytes as a screenplay with ``source.format`` ``format_name``."""
    root = _parse_xml(data)
    if _local(root.tag) != "document":
        raise ScriptReadError(f"{NOT_OSF}: the XML root is <{_local(root.tag)}>, not <document>")
    paragraphs = _child(root, "paragraphs")
    if paragraphs is None:
        raise ScriptReadError(f"{NOT_OSF}: it has no <paragraphs> element")
    scenes = build_scenes(_paragraph(para) for para in _children(paragraphs, "para"))
    if not scenes:
        raise ScriptReadError(f"{NOT_OSF}: its <paragraphs> hold no script text")
    return Screenplay(
        title_page=_title_page(_child(root, "titlepage")),
        scenes=scenes,
        source=SourceInfo(format=format_name, encoding="utf-8"),
    )


def _parse_xml(data: bytes) -> XmlElement:
    try:
        root: XmlElement = SafeElementTree.fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except defusedxml.DTDForbidden as exc:
        raise ScriptReadError(f"{NOT_OSF}: XML DTDs and entities are not allowed") from exc
    except defusedxml.EntitiesForbidden as exc:
        raise ScriptReadError(f"{NOT_OSF}: XML entities are not allowed") from exc
    except defusedxml.ExternalReferenceForbidden as exc:
        raise ScriptReadError(f"{NOT_OSF}: external XML references are not allowed") from exc
    except ParseError as exc:
        line, column = exc.position
        reason = str(exc).split(":", 1)[0]
        raise ScriptReadError(
            f"{NOT_OSF}: malformed XML at line {line}, column {column + 1} ({reason})"
        ) from exc
    except (ValueError, LookupError) as exc:
        raise ScriptReadError(f"{NOT_OSF}: {str(exc).splitlines()[0]}") from exc
    return root


def _style_name(para: XmlElement) -> str:
    style = _child(para, "style")
    if style is None:
        return ""
    for attribute in ("basestylename", "basestyle", "base", "name"):
        value = style.get(attribute)
        if value:
            return value.strip()
    return ""


def _paragraph(para: XmlElement) -> Paragraph:
    style = _style_name(para)
    kind = _KINDS.get(style.lower(), Kind.ACTION)
    text = _marked_up(para)
    if kind is Kind.HEADING:
        text = " ".join(text.split())
    style_element = _child(para, "style")
    number = para.get("number") or (
        style_element.get("number") if style_element is not None else None
    )
    return Paragraph(kind=kind, text=text, number=(number or "").strip() or None)


def _marked_up(para: XmlElement) -> str:
    runs: list[StyledRun] = []
    for text in _children(para, "text"):
        styles = {
            style
            for attribute, style in (("bold", BOLD), ("italic", ITALIC), ("underline", UNDERLINE))
            if (text.get(attribute) or "").lower() in _TRUE
        }
        runs.append(StyledRun("".join(text.itertext()), frozenset(styles)))
    return runs_to_markup(runs).strip("\n")


def _title_page(titlepage: XmlElement | None) -> list[TitleField]:
    fields: list[TitleField] = []
    if titlepage is None:
        return fields
    for para in _children(titlepage, "para"):
        text = "".join("".join(t.itertext()) for t in _children(para, "text")).strip()
        if not text:
            continue
        key = _TITLE_KEYS.get(_style_name(para).lower()) or ("Title" if not fields else "Notes")
        fields.append(TitleField(key=key, value=text))
    return fields


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(parent: XmlElement, name: str) -> XmlElement | None:
    return next((node for node in parent if _local(node.tag) == name), None)


def _children(parent: XmlElement, name: str) -> list[XmlElement]:
    return [node for node in parent if _local(node.tag) == name]
