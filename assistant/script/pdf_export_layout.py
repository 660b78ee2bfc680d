"""A screenplay laid out on pages, line by line, by the rules of the page model.

``pagination.paginate`` counts lines; this module places them, making the same decision at every
step (the same ``PageLayout``, the same keep-with-next and split rules, ``SpeechLines`` from
``page_layout`` for where a speech may break), so that a page of the PDF holds what the page model
says is on it: the same page count and the same first page for every scene
(``tests/script/test_pdf_export.py`` checks both on real scripts).

Positions are in inches from the left edge of the page (Courier 12: 10 characters per inch):
headings and action at 1.5", speech 2.5", parenthetical 3.1", cue 3.7", transitions right-aligned
at 7.5"; scene numbers at 0.75" and 7.6" when the heading carries one; revision marks at 8.0".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from assistant.script.model import (
    Action,
    Centered,
    Dialogue,
    DualDialogue,
    Element,
    Lyrics,
    PageBreak,
    Parenthetical,
    Scene,
    Screenplay,
    Shot,
    Transition,
)
from assistant.script.page_layout import (
    CONTINUED_EXTENSION,
    DEFAULT_LAYOUT,
    PageLayout,
    SpeechLines,
    element_line_count,
    speech_lines,
)
from assistant.script.pdf_export_lines import REVISION_MARK, StyledLine, raw_lines, styled_lines

ACTION_X, SPEECH_X, PAREN_X, CUE_X, RIGHT_EDGE = 1.5, 2.5, 3.1, 3.7, 7.5
LEFT_NUMBER_X, RIGHT_NUMBER_X, MARK_X = 0.75, 7.6, 8.0
DUAL_X = ((1.5, 2.2), (4.5, 5.0))
"""(speech, cue) of the left and right columns of dual dialogue."""
CENTRE_X = 4.5
MORE = "(MORE)"

Align = Literal["left", "right", "center"]
Position = tuple[int, int, int]
"""(scene, element, row): a place in the script; element -1 is the scene's heading, row counts the
element's printed rows before it (for a speech, the rows under its cue)."""


@dataclass(frozen=True, slots=True)
class Piece:
    """Text at one place on a printed line: ``x`` is its left edge, right edge or centre."""

    x: float
    line: StyledLine
    align: Align = "left"


@dataclass(slots=True)
class Row:
    """One printed line of a page (several pieces: dual dialogue, scene numbers)."""

    pieces: list[Piece]
    source: Position | None = None
    """Where it comes from: (scene, element, row of the element), row -1 for a cue."""

    @property
    def marked(self) -> bool:
        return any(piece.line.marked for piece in self.pieces)


@dataclass
class PrintedPage:
    """A page of the script proper: rows by line number (0 is the first line under the header)."""

    number: int
    rows: dict[int, Row] = field(default_factory=dict)
    scenes: list[int] = field(default_factory=list)
    """Indices of the scenes whose first printed line is on this page."""
    heading_starts: dict[int, int] = field(default_factory=dict)
    """Scene index -> lines used on this page where the scene's heading starts, blank lines
    before it not counted: ``pagination``'s start of the scene, from which its eighths run."""
    label: str = ""
    """The number printed on the page when it is not ``number`` (a locked ``12A``)."""
    revised: bool = False
    """A page of a revision whatever its lines (an A page, an OMITTED page)."""

    @property
    def printed_number(self) -> str:
        return self.label or str(self.number)

    @property
    def marked(self) -> bool:
        return self.revised or any(row.marked for row in self.rows.values())


def _plain(text: str) -> StyledLine:
    return StyledLine(text, (0,) * len(text))


def _rows(lines: list[StyledLine], x: float, align: Align = "left") -> list[Row]:
    return [Row([Piece(x, line, align)]) for line in lines]


class _Speech:
    """A speech's printed lines beside its ``SpeechLines`` counts."""

    def __init__(
        self, dialogue: Dialogue, layout: PageLayout, where: tuple[int, int] = (-1, -1)
    ) -> None:
        self.counts: SpeechLines = speech_lines(dialogue, layout)
        self.cue = _rows(raw_lines(self.counts.cue_text, layout.cue_width), CUE_X)
        body: list[Row] = []
        for part in dialogue.parts:
            if isinstance(part, Parenthetical):
                body += _rows(styled_lines(part.text, layout.parenthetical_width), PAREN_X)
            else:
                body += _rows(styled_lines(part.text, layout.dialogue_width), SPEECH_X)
        self.body = _sourced(body, *where)
        text = self.counts.cue_text
        if CONTINUED_EXTENSION not in text:
            text = f"{text} ({CONTINUED_EXTENSION})"
        self.continued = _rows(raw_lines(text, layout.cue_width), CUE_X)
        for row in self.cue + self.continued:
            row.source = (*where, -1)


def _dual_rows(element: DualDialogue, layout: PageLayout) -> list[Row]:
    width = layout.dual_column_width
    columns: list[list[Piece]] = []
    for dialogue, (speech_x, cue_x) in zip((element.left, element.right), DUAL_X, strict=True):
        cue = speech_lines(dialogue, layout, width).cue_text
        pieces = [Piece(cue_x, line) for line in raw_lines(cue, width)]
        for part in dialogue.parts:
            pieces += [Piece(speech_x, line) for line in styled_lines(part.text, width)]
        columns.append(pieces)
    left, right = columns
    rows = []
    for k in range(max(len(left), len(right))):
        rows.append(Row([*left[k : k + 1], *right[k : k + 1]]))
    return rows


def _block_rows(element: Element, layout: PageLayout) -> list[Row]:
    """Rows of an element the page model places whole (or as action, for action and lyrics)."""
    if isinstance(element, (Action, Lyrics)):
        return _rows(styled_lines(element.text, layout.action_width), ACTION_X)
    if isinstance(element, Transition):
        return _rows(styled_lines(element.text, layout.transition_width), RIGHT_EDGE, "right")
    if isinstance(element, Centered):
        return _rows(styled_lines(element.text, layout.action_width), CENTRE_X, "center")
    if isinstance(element, Shot):
        rows = _rows(styled_lines(element.text, layout.action_width), ACTION_X)
        if rows and element.number:
            _number(rows[0], element.number)
        return rows
    if isinstance(element, DualDialogue):
        return _dual_rows(element, layout)
    return []  # sections, synopses, notes print nothing


def _number(row: Row, number: str) -> None:
    row.pieces.insert(0, Piece(LEFT_NUMBER_X, _plain(number)))
    row.pieces.append(Piece(RIGHT_NUMBER_X, _plain(number)))


def heading_rows(scene: Scene, layout: PageLayout) -> list[Row]:
    """A scene heading's rows, numbered in both margins when the heading has a number."""
    assert scene.heading is not None
    rows = _rows(styled_lines(scene.heading.text, layout.action_width), ACTION_X)
    if rows and REVISION_MARK.search(scene.heading.text):
        rows = [Row([Piece(p.x, StyledLine(p.line.text, p.line.styles, True), p.align)
                     for p in row.pieces]) for row in rows]  # fmt: skip
    if rows and scene.heading.scene_number:
        _number(rows[0], scene.heading.scene_number)
    return rows


class Pager:
    """``pagination._Pager`` placing rows: the same ``used`` count, the same page turns."""

    def __init__(self, layout: PageLayout) -> None:
        self.layout = layout
        self.size = layout.lines_per_page
        self.between = layout.blank_lines_between_elements
        self.minimum = layout.min_split_lines
        self.pages = [PrintedPage(1)]
        self.used = 0
        self.break_pending = False
        self.element_page = 1

    @property
    def page(self) -> PrintedPage:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append(PrintedPage(self.page.number + 1))
        self.used = 0

    def put(self, rows: list[Row]) -> None:
        for row in rows:
            self.page.rows[self.used] = row
            self.used += 1

    def settle_break(self) -> None:
        if self.break_pending:
            self.break_pending = False
            if self.used:
                self.new_page()

    def start(self, blank_lines: int, first_chunk: int) -> int:
        self.settle_break()
        gap = blank_lines if self.used else 0
        if self.used and self.used + gap + first_chunk > self.size:
            self.new_page()
            gap = 0
        self.element_page = self.page.number
        return gap

    def place_block(self, rows: list[Row], blank_lines: int) -> None:
        gap = self.start(blank_lines, len(rows))
        self.used += gap
        while self.used + len(rows) > self.size:
            room = self.size - self.used
            self.put(rows[:room])
            rows = rows[room:]
            self.new_page()
        self.put(rows)

    def place_action(self, rows: list[Row]) -> None:
        minimum, lines = self.minimum, len(rows)
        gap = self.start(self.between, minimum if lines >= 2 * minimum else lines)
        self.used += gap
        while self.used + len(rows) > self.size:
            room = self.size - self.used
            if self.used == 0:
                taken = room
            else:
                taken = min(room, len(rows) - minimum)
                if taken < minimum:
                    taken = 0
            self.put(rows[:taken])
            rows = rows[taken:]
            self.new_page()
        self.put(rows)

    def place_speech(self, speech: _Speech) -> None:
        counts = speech.counts
        self.settle_break()
        gap = self.between if self.used else 0
        if self.used + gap + counts.total <= self.size:
            self.element_page = self.page.number
            self.used += gap
            self.put(speech.cue + speech.body)
            return
        gap = self.start(self.between, counts.chunk(self.minimum))
        self.used += gap
        cue, placed, body = speech.cue, 0, counts.body
        while self.used + len(cue) + body - placed > self.size:
            room = self.size - self.used - len(cue) - 1  # one line for (MORE)
            taken = counts.last_break(placed, room, self.minimum) if room > 0 else 0
            if not taken and self.used == 0:
                taken = max(room, 1)
            if taken:
                self.put(cue + speech.body[placed : placed + taken])
                self.put([Row([Piece(CUE_X, _plain(MORE))])])
                placed += taken
                cue = speech.continued
            self.new_page()
        self.put(cue + speech.body[placed:])


def _first_chunk(elements: list[Element], layout: PageLayout) -> int:
    """Lines of the scene's first printed element that must share a page with its heading."""
    minimum = layout.min_split_lines
    for element in elements:
        if isinstance(element, PageBreak):
            return 0
        if isinstance(element, Dialogue):
            counts = speech_lines(element, layout)
            if counts.total:
                return counts.chunk(minimum)
            continue
        lines = element_line_count(element, layout)  # pagination's own count, rows unbuilt
        if lines:
            if isinstance(element, (Action, Lyrics)) and lines >= 2 * minimum:
                return minimum
            return lines
    return 0


def _units(
    screenplay: Screenplay, start: Position, stop: Position | None
) -> Iterator[tuple[int, int, int, int | None]]:
    """(scene, element, first row, end row or None) of every printable unit from ``start`` up to
    ``stop``; element -1 is a scene's heading."""
    scenes = screenplay.scenes
    for s in range(start[0], len(scenes)):
        for e in range(-1 if scenes[s].heading is not None else 0, len(scenes[s].elements)):
            if (s, e) < start[:2]:
                continue
            if stop is not None and ((s, e) > stop[:2] or (s, e, 0) == stop):
                return
            end = stop[2] if stop is not None and (s, e) == stop[:2] else None
            yield s, e, start[2] if (s, e) == start[:2] else 0, end


def _sourced(rows: list[Row], scene: int, element: int) -> list[Row]:
    for k, row in enumerate(rows):
        row.source = (scene, element, k)
    return rows


def _place(
    pager: Pager, element: Element, where: tuple[int, int], first: int, end: int | None
) -> bool:
    """Place rows ``first:end`` of an element; whether it printed anything."""
    layout = pager.layout
    if isinstance(element, Dialogue):
        speech = _Speech(element, layout, where)
        if not speech.counts.total:
            return False
        if first == 0 and end is None:
            pager.place_speech(speech)
        else:  # a locked page starts or ends inside the speech
            rows = (speech.continued if first else speech.cue) + speech.body[first:end]
            if end is not None:
                rows.append(Row([Piece(CUE_X, _plain(MORE))]))
            pager.place_block(rows, pager.between)
        return True
    if isinstance(element, PageBreak):
        pager.break_pending = True
        return False
    rows = _sourced(_block_rows(element, layout), *where)[first:end]
    if not rows:
        return False
    if isinstance(element, (Action, Lyrics)):
        pager.place_action(rows)
    else:
        pager.place_block(rows, pager.between)
    return True


def lay_out(
    screenplay: Screenplay,
    layout: PageLayout = DEFAULT_LAYOUT,
    *,
    start: Position = (0, -1, 0),
    stop: Position | None = None,
) -> list[PrintedPage]:
    """The script proper (no title page) on pages, as ``pagination.paginate`` counts them.

    Args:
        screenplay: the script.
        layout: the page model.
        start, stop: lay out only this stretch (locked pages lay out one page's worth at a time).

    Returns:
        The pages, numbered from 1; every row knows where in the script it comes from.
    """
    pager = Pager(layout)
    first_pages: dict[int, int] = {}
    for s, e, first, end in _units(screenplay, start, stop):
        scene = screenplay.scenes[s]
        if e < 0:
            assert scene.heading is not None
            rows = _sourced(heading_rows(scene, layout), s, -1)
            keep = _first_chunk(scene.elements, layout)
            if keep:
                keep += layout.blank_lines_between_elements
            gap = pager.start(layout.blank_lines_before_heading, len(rows) + keep)
            pager.page.heading_starts[s] = pager.used
            pager.used += gap
            pager.place_block(rows, 0)
            first_pages.setdefault(s, pager.page.number)
        elif _place(pager, scene.elements[e], (s, e), first, end):
            first_pages.setdefault(s, pager.element_page)
    for s, number in first_pages.items():
        pager.pages[number - 1].scenes.append(s)
    return pager.pages


def page_start(page: PrintedPage) -> Position | None:
    """Where in the script the page's first printed row comes from (None for an empty page)."""
    for line in sorted(page.rows):
        source = page.rows[line].source
        if source is not None and source[2] >= 0:
            return source
    return None
