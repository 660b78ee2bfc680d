"""Importer for Trelby's native ``.trelby`` files.

A Trelby file is text: ``#Version 3``, ``#Begin-X``/``#End-X`` blocks (the config, as
``Key:Value`` lines), ``#Title-String`` lines for the title page, then ``#Start-Script`` and one
line per typed line of the script. A script line is two marker characters and the text: the first
says how the line joins the next (``>`` a space, ``+`` two spaces, ``&`` nothing, ``|`` a line
break, ``.`` the element ends here), the second names the element (``\\`` scene heading,
``.`` action, ``_`` character, ``:`` dialogue, ``(`` parenthetical, ``/`` transition, ``=`` shot,
``@`` act break, ``%`` note). Trelby stores headings and cues as typed (often lower case) and
capitalises them when printing, as the config's ``Element/<type>/Export/AllCaps`` says.
"""

from __future__ import annotations

import re

from assistant.errors import ScriptReadError
from assistant.script.model import Screenplay, SourceInfo, TitleField
from assistant.script.typed_paragraphs import Kind, Paragraph, build_scenes

NOT_TRELBY = "Not a readable Trelby file"

_JOINS = {">": " ", "+": "  ", "&": "", "|": "\n"}
_END = "."
_KINDS: dict[str, tuple[Kind, str]] = {
    "\\": (Kind.HEADING, "Scene"),
    ".": (Kind.ACTION, "Action"),
    "_": (Kind.CHARACTER, "Character"),
    ":": (Kind.DIALOGUE, "Dialogue"),
    "(": (Kind.PARENTHETICAL, "Parenthetical"),
    "/": (Kind.TRANSITION, "Transition"),
    "=": (Kind.SHOT, "Shot"),
    "@": (Kind.SECTION, "Act break"),
    "%": (Kind.NOTE, "Note"),
}
"""Element marker: the element type, and its name in the config keys."""
_CAPS_BY_DEFAULT = frozenset(("Scene", "Character", "Transition", "Shot", "Act break"))
"""Element types Trelby prints in capitals when the config does not say (its defaults)."""
_VERSION = re.compile(r"#Version \d+\s*$")
_CONFIG_LINE = re.compile(r"([^:#][^:]*):(.*)")
_BY_LINE = re.compile(r"((?:screenplay |written |story )?by)$", re.I)


def looks_like_trelby(text_head: str) -> bool:
    """Whether text starts as a Trelby file does (``#Version N``, BOM and blank space allowed)."""
    first = text_head.lstrip("\ufeff \t\r\n").split("\n", 1)[0]
    return _VERSION.match(first) is not None


class TrelbyImporter:
    """Reads Trelby ``.trelby`` files."""

    name = "trelby"
    suffixes: tuple[str, ...] = (".trelby",)

    def read(self, data: bytes) -> Screenplay:
        """Parse a Trelby file into a screenplay (scenes and elements; not yet paginated).

        Raises:
            ScriptReadError: the bytes are not text, do not start with ``#Version``, have no
                ``#Start-Script`` line, or hold a script line Trelby would not write.
        """
        from assistant.script.reading import decode_text

        decoded = decode_text(data)
        lines = decoded.text.lstrip("\ufeff").split("\n")
        if not lines or not looks_like_trelby(lines[0]):
            raise ScriptReadError(f"{NOT_TRELBY}: it does not start with a #Version line")
        try:
            start = next(n for n, line in enumerate(lines) if line.rstrip() == "#Start-Script")
        except StopIteration:
            raise ScriptReadError(f"{NOT_TRELBY}: it has no #Start-Script line") from None
        config = _config(lines[:start])
        capitals = {
            marker
            for marker, (_, config_name) in _KINDS.items()
            if config.get(
                f"Element/{config_name}/Export/AllCaps", str(config_name in _CAPS_BY_DEFAULT)
            )
            == "True"
        }
        paragraphs = _paragraphs(lines, start + 1, capitals)
        scenes = build_scenes(paragraphs)
        if not scenes:
            raise ScriptReadError(f"{NOT_TRELBY}: its script holds no text")
        return Screenplay(
            title_page=_title_page(lines[:start]),
            scenes=scenes,
            source=SourceInfo(format=self.name, encoding=decoded.encoding),
        )


def _config(header: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in header:
        match = _CONFIG_LINE.fullmatch(line.rstrip())
        if match is not None:
            values[match.group(1)] = match.group(2)
    return values


def _paragraphs(lines: list[str], first: int, capitals: set[str]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    text = ""
    marker: str | None = None
    start_line = 0
    for number in range(first, len(lines)):
        line = lines[number].rstrip("\r")
        if not line.strip():
            continue
        join, kind_marker, body = line[0], line[1:2], line[2:]
        if kind_marker not in _KINDS or (join not in _JOINS and join != _END):
            raise ScriptReadError(
                f"{NOT_TRELBY}: line {number + 1} is not a Trelby script line ({line[:20]!r})"
            )
        if marker is not None and kind_marker != marker:  # an element left open: close it
            paragraphs.append(_paragraph(marker, text, start_line, capitals))
            marker, text = None, ""
        if marker is None:
            marker, start_line = kind_marker, number + 1
        text += body
        if join == _END:
            paragraphs.append(_paragraph(marker, text, start_line, capitals))
            marker, text = None, ""
        else:
            text += _JOINS[join]
    if marker is not None:
        paragraphs.append(_paragraph(marker, text, start_line, capitals))
    return paragraphs


def _paragraph(marker: str, text: str, line: int, capitals: set[str]) -> Paragraph:
    kind, _ = _KINDS[marker]
    return Paragraph(kind=kind, text=text.upper() if marker in capitals else text, line=line)


def _title_page(header: list[str]) -> list[TitleField]:
    """Title strings as Fountain title keys: the first is the title, a ``by`` block the credit
    and authors, centred strings notes, the others (an agent's address, corner text) contact."""
    fields: list[TitleField] = []
    for line in header:
        if not line.startswith("#Title-String "):
            continue
        parts = line[len("#Title-String ") :].split(",", 6)
        if len(parts) < 7:
            continue
        flags = parts[3]
        lines = [piece.strip() for piece in parts[6].split("\\n")]
        text = "\n".join(piece for piece in lines if piece)
        if not text:
            continue
        if not fields:
            fields.append(TitleField(key="Title", value=text))
        elif _BY_LINE.match(lines[0]):
            fields.append(TitleField(key="Credit", value=lines[0]))
            authors = "\n".join(piece for piece in lines[1:] if piece)
            if authors:
                fields.append(TitleField(key="Author", value=authors))
        else:
            fields.append(TitleField(key="Notes" if "c" in flags else "Contact", value=text))
    return fields
