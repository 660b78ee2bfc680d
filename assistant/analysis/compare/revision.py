"""Production revisions: a new draft with the old draft's locked scene numbers and marks on
every revised line, in the colour of the revision round.

- Locked numbers: a scene of the new draft paired with an old scene (``align.py``) keeps the old
  scene's number (the one people see, ``Screenplay.scene_labels``), even when it moved. A new
  scene takes the number of the locked scene before it plus a letter (``12A``, then ``12B``; before
  the first scene ``A1``). A removed scene stays as a heading ``OMITTED`` under its number.
- Marks: a line of the new draft that is not in the old scene it pairs with (difflib over the
  scene's printed lines), and every line of a new scene, is revised. Fountain has no revision
  marks: a revised line ends in the note ``[[*]]`` (notes never print). FDX marks the paragraph's
  text runs with the round's ``RevisionID``, declared in ``<Revisions>`` with its colour, so Final
  Draft shows the ``*`` in the margin. A revised heading is marked in FDX only (a note on a
  Fountain heading would become part of the heading).

Revision state lives in these types, not in the script model (``Revision.marks``).
"""

from __future__ import annotations

import difflib
from typing import Any, Literal
from xml.etree.ElementTree import Element as XmlElement
from xml.etree.ElementTree import SubElement, fromstring, tostring

from pydantic import BaseModel, ConfigDict, Field

from assistant.analysis.compare.align import align
from assistant.analysis.compare.scene_lines import clean_line, scene_lines
from assistant.errors import AnalysisError
from assistant.script.model import (
    Dialogue,
    DualDialogue,
    Element,
    Note,
    PageBreak,
    Parenthetical,
    Scene,
    SceneHeading,
    Screenplay,
    Section,
    Synopsis,
    TitleField,
)

ROUNDS = ["white", "blue", "pink", "yellow", "green", "goldenrod", "buff", "salmon", "cherry"]
"""The standard sequence of revision colours (white is the locked first draft)."""
ROUND_COLOURS = {"white": "#FFFFFF", "blue": "#9DC3E6", "pink": "#F4B6C2", "yellow": "#FFF2A8",
                 "green": "#B6E3B0", "goldenrod": "#DAA520", "buff": "#F0DC82",
                 "salmon": "#FA8072", "cherry": "#DE3163"}  # fmt: skip
FOUNTAIN_MARK = " [[*]]"
_SENTINEL = "\u2063\u2063REV\u2063\u2063"
"""Put at the end of a revised line before export, replaced by the format's mark after it."""

Location = tuple[int, int, str, int]
"""(scene, element, part, line): ``part`` is ``text``, ``heading``, ``cue``, ``p<k>`` (a dialogue
part), ``l<k>`` / ``r<k>`` (a dual dialogue side); ``line`` a line of a multi-line text."""


class RevisionSummary(BaseModel):
    model_config = ConfigDict(extra="forbid")

    round: str
    colour: str
    revised_scenes: list[str] = Field(default_factory=list)
    """Locked numbers of scenes with marked lines, new scenes included."""
    added_scenes: list[str] = Field(default_factory=list)
    omitted_scenes: list[str] = Field(default_factory=list)
    marked_lines: int = 0


class Revision(BaseModel):
    """The revised draft: locked numbers written on its headings; the marks kept apart."""

    model_config = ConfigDict(extra="forbid")

    screenplay: Screenplay
    marks: list[Location]
    summary: RevisionSummary


def _located(scene: Scene, s: int) -> list[tuple[str, Location]]:
    """The scene's printed lines (as ``scene_lines`` gives them) with where each one is."""
    out: list[tuple[str, Location]] = []
    if scene.heading is not None:
        out.append((clean_line(scene.heading.text), (s, -1, "heading", 0)))

    def dialogue(d: Dialogue, e: int, side: str) -> None:
        out.append((clean_line(d.cue.name), (s, e, f"{side}cue", 0)))
        for k, part in enumerate(d.parts):
            if clean_line(part.text):
                out.append((clean_line(part.text), (s, e, f"{side}p{k}", 0)))

    for e, element in enumerate(scene.elements):
        if isinstance(element, Dialogue):
            dialogue(element, e, "")
        elif isinstance(element, DualDialogue):
            dialogue(element.left, e, "l")
            dialogue(element.right, e, "r")
        elif isinstance(element, (PageBreak, Note, Section, Synopsis)):
            continue
        else:
            for k, line in enumerate(element.text.split("\n")):
                if clean_line(line):
                    out.append((clean_line(line), (s, e, "text", k)))
    return out


def _next_label(base: str | None, used: set[str]) -> str:
    """The first free lettered number after ``base`` (``12`` -> ``12A``, ``12A`` -> ``12B``)."""
    if base is None:
        stem, start, fmt = "1", 0, "{letter}{stem}"
    elif base[-1].isalpha():
        stem, start, fmt = base[:-1], ord(base[-1].upper()) - 64, "{stem}{letter}"
    else:
        stem, start, fmt = base, 0, "{stem}{letter}"
    for k in range(start, 26):
        label = fmt.format(stem=stem, letter=chr(65 + k))
        if label not in used:
            return label
    return _next_label(fmt.format(stem=stem, letter="Z"), used)


def revise(old: Screenplay, new: Screenplay, round: str) -> Revision:
    """``new`` with ``old``'s locked numbers, OMITTED scenes and the marks of round ``round``.

    Raises:
        AnalysisError: ``round`` is not one of ``ROUNDS``.
    """
    round = round.lower()
    if round not in ROUNDS:
        raise AnalysisError(f"Unknown revision round {round!r}; the rounds are {', '.join(ROUNDS)}")
    old_labels = old.scene_labels()
    pairs = align([scene_lines(s, i) for i, s in enumerate(old.scenes)],
                  [scene_lines(s, i) for i, s in enumerate(new.scenes)])  # fmt: skip
    old_of = {p.new: p.old for p in pairs}
    new_of = {p.old: p.new for p in pairs}
    summary = RevisionSummary(round=round, colour=ROUND_COLOURS[round])
    used = {label for label in old_labels if label}
    scenes: list[Scene] = []
    marks: list[Location] = []
    previous: str | None = None
    # OMITTED scenes go where they stood: after the new place of the old scene before them.
    omitted_after: dict[int, list[int]] = {}
    last = -1
    for i in range(len(old.scenes)):
        if i in new_of:
            last = new_of[i]
        elif old_labels[i] is not None:
            omitted_after.setdefault(last, []).append(i)

    def omit(indices: list[int]) -> None:
        for i in indices:
            label = old_labels[i]
            scenes.append(Scene(heading=SceneHeading(text="OMITTED", scene_number=label,
                                                     forced=True)))  # fmt: skip
            summary.omitted_scenes.append(str(label))

    omit(omitted_after.get(-1, []))
    for n, scene in enumerate(new.scenes):
        scene = scene.model_copy(deep=True)
        s = len(scenes)
        located = _located(scene, s)
        if n in old_of:
            label = old_labels[old_of[n]]
            before = [text for text, _ in _located(old.scenes[old_of[n]], 0)]
            matcher = difflib.SequenceMatcher(None, before, [t for t, _ in located], autojunk=False)
            revised = [loc for tag, _, _, j1, j2 in matcher.get_opcodes() if tag != "equal"
                       for _, loc in located[j1:j2]]  # fmt: skip
        elif scene.heading is None:
            label, revised = None, [loc for _, loc in located]
        else:
            label = _next_label(previous, used)
            used.add(label)
            summary.added_scenes.append(label)
            revised = [loc for _, loc in located]
        if scene.heading is not None:
            scene.heading.scene_number = label
            previous = label
        if revised and label:
            summary.revised_scenes.append(label)
        marks.extend(revised)
        scenes.append(scene)
        omit(omitted_after.get(n, []))
    summary.marked_lines = len(marks)
    title = [f for f in new.title_page if f.key.lower() != "revision"]
    title.append(TitleField(key="Revision", value=f"{round.title()} Revision"))
    screenplay = new.model_copy(update={"scenes": scenes, "title_page": title})
    return Revision(screenplay=screenplay, marks=marks, summary=summary)


def _marked_copy(revision: Revision) -> Screenplay:
    """The screenplay with the sentinel at the end of every marked line."""
    copy = revision.screenplay.model_copy(deep=True)
    for s, e, part, line in revision.marks:
        scene = copy.scenes[s]
        if part == "heading":
            assert scene.heading is not None
            scene.heading.text += _SENTINEL
            continue
        element: Element = scene.elements[e]
        if isinstance(element, DualDialogue):
            target: Dialogue | None = element.left if part[0] == "l" else element.right
            part = part[1:]
        else:
            target = element if isinstance(element, Dialogue) else None
        if target is not None:
            if part.startswith("p"):
                piece = target.parts[int(part[1:])]
                if isinstance(piece, Parenthetical) and piece.text.startswith("("):
                    # Inside: Fountain reads a parenthetical only when its line ends in ")".
                    piece.text = "(" + _SENTINEL + piece.text[1:]
                else:
                    piece.text += _SENTINEL
            continue  # a revised cue alone: its speech is marked when it changed
        if not isinstance(element, (PageBreak, Dialogue, DualDialogue)):
            lines = element.text.split("\n")
            lines[line] += _SENTINEL
            element.text = "\n".join(lines)
    return copy


def _with_marks(text: str) -> str:
    """Sentinels as Fountain marks: ``[[*]]`` at a line's end, inside a parenthetical's ``(``."""
    return text.replace("(" + _SENTINEL, "(" + FOUNTAIN_MARK.strip()).replace(
        _SENTINEL, FOUNTAIN_MARK
    )


def marked_for_print(revision: Revision) -> Screenplay:
    """The revised draft with a ``[[*]]`` note ending every revised line, headings and OMITTED
    scenes included: the PDF exporter prints those lines with an asterisk in the margin."""
    marked = _marked_copy(revision)
    for scene in marked.scenes:
        if scene.heading is not None:
            scene.heading.text = _with_marks(scene.heading.text)
            if scene.heading.text == "OMITTED" and not scene.elements:  # a cut scene is revised
                scene.heading.text += FOUNTAIN_MARK
        for element in scene.elements:
            for part in _texts(element):
                part.text = _with_marks(part.text)
    return marked


def _texts(element: Element) -> list[Any]:
    """The models holding the element's text (a speech's parts, each side of dual dialogue)."""
    if isinstance(element, DualDialogue):
        return [*element.left.parts, *element.right.parts]
    if isinstance(element, Dialogue):
        return list(element.parts)
    return [element] if hasattr(element, "text") else []


def export_revision(
    revision: Revision,
    format: Literal["fountain", "fdx", "pdf"],
    *,
    locked: Screenplay | None = None,
    paper: Literal["letter", "a4"] = "letter",
) -> bytes:
    """The revised draft in Fountain (``[[*]]`` marks), FDX (``RevisionID`` marks) or PDF
    (asterisks in the margin, the round in the header of revised pages; on the pages of
    ``locked``, with A pages and OMITTED pages, when it is given: ``locked_pages.py``)."""
    from assistant.script.formats import exporter_named

    if format == "pdf":
        from assistant.analysis.compare.locked_pages import lock_pages
        from assistant.script.pdf_export import to_pdf

        printed = marked_for_print(revision)
        pages = lock_pages(locked, printed) if locked is not None else None
        return to_pdf(printed, paper=paper, pages=pages)
    marked = _marked_copy(revision)
    if format == "fountain":
        for scene in marked.scenes:  # Fountain headings carry no mark (see the module doc)
            if scene.heading is not None:
                scene.heading.text = scene.heading.text.replace(_SENTINEL, "")
        text = exporter_named("fountain").write(marked).decode("utf-8")
        return _with_marks(text).encode("utf-8")
    return _fdx_marks(exporter_named("fdx").write(marked), revision.summary)


def _fdx_marks(data: bytes, summary: RevisionSummary) -> bytes:
    root = fromstring(data)
    revision_id = str(ROUNDS.index(summary.round))
    for paragraph in root.iter("Paragraph"):
        texts = list(paragraph.iter("Text"))
        if not any(t.text and _SENTINEL in t.text for t in texts):
            continue
        for text in texts:
            if text.text:
                text.text = text.text.replace(_SENTINEL, "")
            text.set("RevisionID", revision_id)
    revisions = XmlElement(
        "Revisions", ActiveSet=revision_id, RevisionMode="No", RevisionsShown="Active",
        ShowAllMarks="No", ShowAllSets="Yes",
    )  # fmt: skip
    for k, name in enumerate(ROUNDS[: int(revision_id) + 1]):
        SubElement(revisions, "Revision", Color="#000000", FullRevision="No", ID=str(k),
                   Mark="*", Name=f"{name.title()} Rev.", PageColor=ROUND_COLOURS[name],
                   Style="")  # fmt: skip
    revisions.tail = "\n"
    root.append(revisions)
    body = tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n' + body + "\n").encode()
