"""A Final Draft title page to and from the model's ``Key: value`` title fields.

Final Draft's ``<TitlePage>`` holds free paragraphs with an alignment, not keys, so reading it is
a convention: paragraphs are grouped by blank paragraphs and alignment changes; a centered group
is the credit when it reads like one (``Written by``), the author right after a credit, the
source when it starts ``Based on``, else the title (the first one) or the author. A right-aligned
group is the draft date; a left-aligned one is ``Key: value`` when it starts with a known Fountain
key, the draft date when it looks like a date, and the contact otherwise. ``title_page_paragraphs``
lays fields out so that reading them back gives the same fields, with keys spelled canonically
(``Draft date``, ``Author`` for ``Authors``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.script.fdx_content import Paragraph
from assistant.script.fdx_styles import StyledRun, parse_style, runs_to_markup
from assistant.script.model import TitleField

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element as XmlElement

CREDIT = re.compile(
    r"(?:(?:original\s+)?(?:screenplay|teleplay|story|written|adapted|created|script)\s*)?"
    r"(?:and\s+\w+\s*)?by",
    re.IGNORECASE,
)
"""``by``, ``Written by``, ``Screenplay by``, ``Story and teleplay by``."""
SOURCE = re.compile(r"(?:based\s+on|adapted\s+from|from\s+the)\b", re.IGNORECASE)
KEY_VALUE = re.compile(r"([A-Za-z][A-Za-z ]{0,24}):\s*(.*)", re.DOTALL)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE = re.compile(
    rf"\b(?:\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}|draft|revised|revision"
    rf"|{_MONTH}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})\b",
    re.IGNORECASE,
)
"""A draft line: ``12/05/2024``, ``May 2024``, ``3 June 2024``, ``Second draft``, ``Revised``."""
KNOWN_TITLE_KEYS = frozenset(
    ("title", "credit", "author", "authors", "source", "draft date", "date", "contact",
     "copyright", "notes", "revision", "written by", "episode", "based on")
)  # fmt: skip
"""Keys read from a ``Key: value`` line (Fountain's title page keys and common additions)."""
CENTERED_KEYS = {"title": "Title", "credit": "Credit", "author": "Author", "source": "Source"}
CANONICAL_KEYS = {
    **CENTERED_KEYS,
    "authors": "Author",
    "draft date": "Draft date",
    "date": "Draft date",
    "contact": "Contact",
}


def read_title_page(title_page: XmlElement | None) -> list[TitleField]:
    """Title fields from a ``<TitlePage>`` element (empty when there is none).

    Args:
        title_page: the ``<TitlePage>`` element, or None.

    Returns:
        The recognised fields in page order; each group's lines joined with newlines.
    """
    if title_page is None:
        return []
    fields: list[TitleField] = []
    keys: set[str] = set()
    for alignment, lines in _groups(title_page):
        value = "\n".join(lines)
        key = _centered_key(value, fields, keys) if alignment == "Center" else None
        if key is None and alignment == "Right":
            key = "Draft date"
        if key is None:
            pair = KEY_VALUE.fullmatch(value)
            if pair and pair.group(1).strip().lower() in KNOWN_TITLE_KEYS:
                name = pair.group(1).strip()
                key, value = CANONICAL_KEYS.get(name.lower(), name), pair.group(2).strip()
            else:
                key = "Draft date" if DATE.search(value) and "\n" not in value else "Contact"
        fields.append(TitleField(key=key, value=value))
        keys.add(key)
    return fields


def title_page_paragraphs(fields: list[TitleField]) -> list[Paragraph]:
    """The paragraphs of the ``<TitlePage>`` for ``fields``, in order (none without fields).

    Title, credit, author and source are centered; the draft date is right-aligned; other keys
    are left-aligned, written ``Key: value`` unless the key is ``Contact``.
    """
    paragraphs: list[Paragraph] = []
    for index, title_field in enumerate(fields):
        if index:
            paragraphs.append(_paragraph("", "Left"))
        key = CANONICAL_KEYS.get(title_field.key.lower(), title_field.key)
        value = title_field.value
        if key in _CENTERED:
            alignment = "Center"
        elif key == "Draft date":
            alignment = "Right"
        else:
            alignment = "Left"
            if key != "Contact":
                value = f"{key}: {value}"
        for line in value.split("\n"):
            paragraphs.append(_paragraph(line, alignment))
    return paragraphs


_CENTERED = frozenset(CENTERED_KEYS.values())


def _centered_key(value: str, fields: list[TitleField], keys: set[str]) -> str | None:
    """The key of a centered group; ``keys`` are those of ``fields`` (kept by the caller, since
    listing them for every group was quadratic on a title page of many groups)."""
    if CREDIT.fullmatch(value.strip()):
        return "Credit"
    if fields and fields[-1].key == "Credit":
        return "Author"
    if SOURCE.match(value):
        return "Source"
    if "Title" not in keys:
        return "Title"
    if "Author" not in keys:
        return "Author"
    return None


def _groups(title_page: XmlElement) -> list[tuple[str, list[str]]]:
    """Runs of non-blank paragraphs with one alignment, as (alignment, marked-up lines)."""
    groups: list[tuple[str, list[str]]] = []
    current: tuple[str, list[str]] | None = None
    content = title_page.find("Content")
    for paragraph in content.findall("Paragraph") if content is not None else []:
        runs = [
            StyledRun(text.text or "", parse_style(text.get("Style")))
            for text in paragraph.findall("Text")
        ]
        line = runs_to_markup(runs).replace("\r", "").strip()
        alignment = paragraph.get("Alignment", "Left")
        alignment = alignment if alignment in ("Center", "Right") else "Left"
        if not line:
            current = None
            continue
        if current is None or current[0] != alignment:
            current = (alignment, [])
            groups.append(current)
        current[1].extend(part.strip() for part in line.split("\n") if part.strip())
    return groups


def _paragraph(line: str, alignment: str) -> Paragraph:
    paragraph = Paragraph([("Type", "Action")])
    if alignment != "Left":
        paragraph.attributes.append(("Alignment", alignment))
    paragraph.text = line
    return paragraph
