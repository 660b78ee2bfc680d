"""The ``<Content>`` of a Final Draft document, written as text paragraph by paragraph.

What ``fdx_export`` writes is what ElementTree's ``indent`` + ``tostring`` give for the tree of
``<Paragraph>``, ``<Text>``, ``<ScriptNote>`` and ``<DualDialogue>`` nodes it describes, to the
character (``tests/script/test_fdx_content.py`` builds that tree and compares). Building the tree
and walking it again to serialise it was most of the FDX export on dense scripts (1 MB of short
speeches: 1.05 s of CPU per MB); here each paragraph is a small record until nothing more can be
attached to it (a script note written after it, see ``fdx_export``), then its text.
"""

from __future__ import annotations

from io import StringIO
from itertools import chain, islice, repeat

from assistant.script.fdx_styles import markup_pieces
from assistant.script.xml_writer import INDENT, escape_attribute, escape_text

NOTES_KEPT = 4096
"""Distinct script notes (and final paragraphs, ``add_final``) whose text one writer keeps."""

Note = tuple[int, str]
"""A script note: its ``ID`` and its text, already safe for XML (lines cut at ``\\n``)."""


CHILDREN_BATCH = 4096
"""Children of a paragraph (script notes, mostly) joined and written at a time."""
FINAL_TEXT_KEPT = 1_000
"""Longest text of a pending paragraph whose written form is kept per distinct text (longer ones,
a hostile 10 MB line, are written and not kept)."""


class Paragraph:
    """One ``<Paragraph>`` not yet written: its attributes, notes, and text runs or inner
    paragraphs (a dual dialogue's wrapper holds its two speeches' paragraphs)."""

    __slots__ = ("attributes", "inner", "leading", "styled", "text", "trailing")

    def __init__(self, attributes: list[tuple[str, str]]) -> None:
        self.attributes = attributes
        """In the order ElementTree keeps them: the order they were set."""
        self.leading: list[Note] = []
        """Notes before the text runs (attached when the paragraph was made)."""
        self.text: str | None = None
        """The text, XML-safe; None for a paragraph without runs (a wrapper, the notes' own)."""
        self.styled = True
        """Whether ``text`` holds Fountain markup to write as styled runs."""
        self.inner: list[Paragraph] | None = None
        """A dual dialogue's paragraphs, written inside ``<DualDialogue>``."""
        self.trailing: list[Note] = []
        """Notes after the text runs (attached later: a page break or the script's end)."""

    def set(self, name: str, value: str) -> None:
        """An attribute, as ``Element.set`` (a name set again keeps its place)."""
        for index, (known, _) in enumerate(self.attributes):
            if known == name:
                self.attributes[index] = (name, value)
                return
        self.attributes.append((name, value))


class ContentWriter:
    """Collects top-level paragraphs and writes each once the next one starts."""

    def __init__(self, level: int = 1) -> None:
        self._level = level
        """Depth of ``<Content>``: 1 under ``<FinalDraft>``, 2 under ``<TitlePage>``."""
        self._out = StringIO()
        self._pending: Paragraph | None = None
        self._light: str | None = None
        """The written text of a pending paragraph not made as a record: nothing is attached to
        it yet (``add_light``); ``replace_light`` gives its record when something must be."""
        self._written = 0
        self._pads = ["\n" + INDENT * level for level in range(12)]
        self._starts: dict[tuple[tuple[str, str], ...], str] = {}
        self._finals: dict[tuple[object, ...], str] = {}
        self._notes: dict[tuple[str, int], str] = {}
        """A script note's text after its ``ID``, per note text and depth (outlines and notes
        repeat: ``# ACT ONE``, ``= TODO``)."""

    def add(self, paragraph: Paragraph) -> None:
        """A paragraph of ``<Content>``; the one before it is final now."""
        if self._pending is not None or self._light is not None:
            self._flush()
        self._pending = paragraph

    def add_written(self, written: str, count: int) -> None:
        """``count`` paragraphs already written by ``write`` (nothing can be attached to them)."""
        if self._pending is not None or self._light is not None:
            self._flush()
        self._out.write(written)
        self._written += count

    def add_light(self, written: str, count: int, last: str) -> None:
        """``add_written`` of ``count`` paragraphs, then a pending paragraph given as ``last``,
        what ``write`` gives for it: it is written so unless ``replace_light`` replaces it by its
        record first (a note attached after it). A dialogue of a cue and a speech is one call,
        not a record per paragraph."""
        out = self._out
        if self._light is not None:  # a dialogue after a dialogue: no call
            out.write(self._light)
            self._written += 1
        elif self._pending is not None:
            self._flush()
        if count:
            out.write(written)
            self._written += count
        self._light = last

    def replace_light(self, paragraph: Paragraph) -> None:
        """The record of the pending paragraph ``add_light`` gave as text, to attach notes to."""
        assert self._light is not None and self._pending is None
        self._light = None
        self._pending = paragraph

    def add_final(self, paragraph: Paragraph) -> None:
        """``add`` for a paragraph without notes or inner paragraphs to which nothing will be
        attached (a title page's): written at once, its text kept per distinct attributes and
        text (a title page repeats its blank separators and alignments)."""
        key = (*paragraph.attributes, paragraph.text, paragraph.styled)
        written = self._finals.get(key)
        if written is None:
            written = self.write([paragraph])
            if len(self._finals) < NOTES_KEPT:
                self._finals[key] = written
        self.add_written(written, 1)

    def write(self, paragraphs: list[Paragraph]) -> str:
        """The text ``add`` would write for these paragraphs when others follow them."""
        out = StringIO()
        for paragraph in paragraphs:
            out.write(self._pads[self._level + 1])
            self._write_paragraph(paragraph, self._level + 1, out)
        return out.getvalue()

    def text(self) -> str:
        """``<Content>`` and its paragraphs, indented for its level (no indentation before it)."""
        return "".join(self.pieces())

    def pieces(self) -> list[str]:
        """``text`` in pieces, for a caller that joins them into more: the paragraphs' text is
        copied once more, not once per ``+`` (a 10 MB outline's FDX is ~400 MB, and each copy
        is fresh memory to fault in, ~0.1 s a copy on this machine)."""
        if self._pending is not None or self._light is not None:
            self._flush()
        if not self._written:
            return ["<Content />"]
        return ["<Content>", self._out.getvalue(), self._pads[self._level], "</Content>"]

    def _flush(self) -> None:
        if self._light is not None:
            self._out.write(self._light)
            self._written += 1
            self._light = None
            return
        paragraph = self._pending
        assert paragraph is not None
        self._pending = None
        text = paragraph.text
        if (
            text is not None
            and len(text) <= FINAL_TEXT_KEPT
            and not (paragraph.leading or paragraph.trailing or paragraph.inner)
        ):
            # Nothing was attached: written as ``add_final`` writes, once per distinct attributes
            # and text (a speech's last part, a heading: scripts repeat "Hi." and "INT. A - DAY").
            self.add_final(paragraph)
            return
        self._written += 1
        out = self._out
        out.write(self._pads[self._level + 1])
        self._write_paragraph(paragraph, self._level + 1, out)

    def _start(self, tag: str, attributes: list[tuple[str, str]]) -> str:
        if not attributes:
            return "<" + tag
        key = (("", tag), *attributes)
        start = self._starts.get(key)
        if start is None:
            names = "".join(f' {name}="{escape_attribute(value)}"' for name, value in attributes)
            start = self._starts[key] = "<" + tag + names
        return start

    def _write_paragraph(self, paragraph: Paragraph, level: int, out: StringIO) -> None:
        pad = self._pads[level + 1]
        text = paragraph.text
        if (
            text is not None
            and not (paragraph.leading or paragraph.trailing or paragraph.inner)
            and not (paragraph.styled and ("*" in text or "_" in text or "\\" in text))
        ):  # most paragraphs: one plain run, no notes
            leaf = f"<Text>{escape_text(text)}</Text>" if text else "<Text />"
            start = self._start("Paragraph", paragraph.attributes)
            out.write(f"{start}>{pad}{leaf}{self._pads[level]}</Paragraph>")
            return
        # A notes-only outline is one paragraph holding a note per section: its children are
        # made by map and written joined, a batch at a time, not two writes per note; batches,
        # not one join, so that a 10 MB outline (2.6 million notes) is not held whole as note
        # texts and again as their join (~900 MB to fault in).
        middle = (
            list(self._runs(paragraph.text, styled=paragraph.styled))
            if paragraph.text is not None
            else []
        )
        if paragraph.inner:
            inner_pad = self._pads[level + 2]
            dual = StringIO()
            dual.write("<DualDialogue>")
            for inner in paragraph.inner:
                dual.write(inner_pad)
                self._write_paragraph(inner, level + 2, dual)
            dual.write(pad + "</DualDialogue>")
            middle.append(dual.getvalue())
        children = chain(
            map(self._note, paragraph.leading, repeat(level + 1)),
            middle,
            map(self._note, paragraph.trailing, repeat(level + 1)),
        )
        start = self._start("Paragraph", paragraph.attributes)
        batch = list(islice(children, CHILDREN_BATCH))
        if not batch:
            out.write(start + " />")
            return
        out.write(start + ">" + pad)
        out.write(pad.join(batch))
        while batch := list(islice(children, CHILDREN_BATCH)):
            out.write(pad)
            out.write(pad.join(batch))
        out.write(self._pads[level] + "</Paragraph>")

    def _runs(self, text: str, *, styled: bool) -> list[str]:
        if not styled or not ("*" in text or "_" in text or "\\" in text):
            return [f"<Text>{escape_text(text)}</Text>" if text else "<Text />"]
        return [_text_leaf(piece, style) for piece, style in markup_pieces(text)] or ["<Text />"]

    def _note(self, note: Note, level: int) -> str:
        number, text = note
        key = (text, level)
        body = self._notes.get(key)
        if body is None:
            pad, inner_pad = self._pads[level + 1], self._pads[level + 2]
            parts = []
            for line in text.split("\n"):
                runs = self._runs(line, styled=True)
                parts.append(f"{pad}<Paragraph>{inner_pad}{inner_pad.join(runs)}{pad}</Paragraph>")
            parts.append(self._pads[level] + "</ScriptNote>")
            body = "".join(parts)
            if len(self._notes) < NOTES_KEPT:
                self._notes[key] = body
        return f'<ScriptNote ID="{number}">{body}'


def _text_leaf(text: str, style: str) -> str:
    start = f'<Text Style="{style}"' if style else "<Text"
    return f"{start}>{escape_text(text)}</Text>" if text else start + " />"
