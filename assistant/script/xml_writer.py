"""ElementTree's ``indent(root, space="  ")`` and ``tostring(root, encoding="unicode")``, fused.

The standard library's serializer is written for every case (namespaces, qualified names, comments,
processing instructions) and calls ``write`` several times per node; on a dense script it was half
of the FDX export (1 MB of short speeches: 0.68 s of 1.36 s). Slate's trees are plain elements with
string attributes and text, which this writes with the same escaping and the same indentation, to
the character (``tests/script/test_xml_writer.py`` compares the two on generated trees).
"""

from __future__ import annotations

from io import StringIO
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

INDENT = "  "


def indented_xml(root: Element) -> str:
    """What ``indent(root, space=INDENT)`` then ``tostring(root, encoding="unicode")`` give.

    ``root`` is not changed (``indent`` would rewrite its whitespace text and tails). Tags and
    attribute names are written as they are: Slate's are plain names, never namespaced.
    """
    # A StringIO keeps characters, not a string object per piece (a list of pieces held ~300 MB
    # more at 10 MB of short speeches).
    out = StringIO()
    if len(root):
        _write_parent(root, 0, out, ["\n"], {})
    else:
        out.write(_leaf(root, {}))
    if root.tail:
        out.write(escape_text(root.tail))
    return out.getvalue()


_Starts = dict[tuple[str, ...], str]
"""Opening tags already written, by tag and attribute items: a script repeats a few hundred."""


def _start(element: Element, starts: _Starts) -> str:
    items = element.items()  # unlike .attrib, does not create a dict on a node without one
    if not items:
        return "<" + element.tag
    key = (element.tag, *(part for item in items for part in item))
    start = starts.get(key)
    if start is None:
        attributes = "".join(f' {name}="{escape_attribute(value)}"' for name, value in items)
        start = starts[key] = "<" + element.tag + attributes
    return start


def _leaf(element: Element, starts: _Starts) -> str:
    text = element.text
    if text:
        return f"{_start(element, starts)}>{escape_text(text)}</{element.tag}>"
    return _start(element, starts) + " />"


def _write_parent(
    element: Element, level: int, out: StringIO, pads: list[str], starts: _Starts
) -> None:
    if len(pads) <= level + 1:
        pads.append(pads[level] + INDENT)
    pad, child_pad = pads[level], pads[level + 1]
    text = element.text
    # indent() replaces a parent's blank text and its children's blank tails with line breaks and
    # indentation; text and tails with anything else in them are kept.
    out.write(
        _start(element, starts) + ">" + (escape_text(text) if text and text.strip() else child_pad)
    )
    last = len(element) - 1
    for index, child in enumerate(element):
        if len(child):
            _write_parent(child, level + 1, out, pads, starts)
        else:
            out.write(_leaf(child, starts))
        tail = child.tail
        if tail and tail.strip():
            out.write(escape_text(tail))
        else:
            out.write(pad if index == last else child_pad)
    out.write(f"</{element.tag}>")


def escape_text(text: str) -> str:
    """As ElementTree escapes character data."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def escape_attribute(text: str) -> str:
    """As ElementTree escapes an attribute value (line breaks and tabs as character references)."""
    text = escape_text(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\t" in text:
        text = text.replace("\t", "&#09;")
    return text
