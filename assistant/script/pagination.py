"""Pages and eighths under the standard screenplay page model (see ``docs/pagination.md``).

The model: US Letter, Courier 12 pt (10 characters per inch, 6 lines per inch), 55 printable lines
per page below the page-number header, elements wrapped at the industry widths (``page_layout.py``),
one blank line between elements, a scene heading kept with what follows it, speeches split across
pages with ``(MORE)`` and ``(CONT'D)``. The title page is not counted: page 1 is the first page of
the script proper.

Everything here is integer arithmetic over wrapped line counts: 4.5-5 ms of CPU for a 120-page
script on a busy 2-core machine (``scripts/bench_pagination.py``).
"""

from __future__ import annotations

from assistant.script.model import (
    Action,
    Dialogue,
    DualDialogue,
    Element,
    Lyrics,
    Note,
    PageBreak,
    Scene,
    Screenplay,
    Section,
    Synopsis,
    Transition,
)
from assistant.script.page_layout import (
    DEFAULT_LAYOUT,
    PageLayout,
    SpeechLines,
    dialogue_key,
    dual_line_count,
    element_line_count,
    heading_line_count,
    printable,
    speech_lines,
    wrapped_line_count,
)

__all__ = [
    "DEFAULT_LAYOUT",
    "PageLayout",
    "element_line_count",
    "heading_line_count",
    "paginate",
    "wrapped_line_count",
]

_BLOCK, _ACTION, _SPEECH, _BREAK = range(4)
_Item = tuple[int, int, SpeechLines | None]
"""(kind, lines, speech): one printed element, measured once."""


_NOT_PRINTED = frozenset((Section, Synopsis, Note))
"""Element types ``element_line_count`` gives 0 lines: an outline or notes file is all of them."""


SPEECHES_KEPT = 4096
"""Distinct short dialogues whose line counts one pagination keeps (``_speech``)."""
_SHORT_PARTS = 8


def _speech(
    dialogue: Dialogue, layout: PageLayout, kept: dict[tuple[object, ...], SpeechLines]
) -> SpeechLines:
    """``speech_lines`` of a dialogue, kept per distinct cue and parts: a script repeats its short
    exchanges, and a ``SpeechLines`` is read, never changed, by the pager (its lazily kept answers
    depend on its counts alone)."""
    parts = dialogue.parts
    if len(parts) > _SHORT_PARTS:
        return speech_lines(dialogue, layout)
    key = dialogue_key(dialogue)
    speech = kept.get(key)
    if speech is None:
        speech = speech_lines(dialogue, layout)
        if len(kept) < SPEECHES_KEPT:
            kept[key] = speech
    return speech


def _measure(
    elements: list[Element],
    layout: PageLayout,
    kept: dict[tuple[object, ...], SpeechLines],
    duals: dict[object, int],
) -> list[_Item]:
    items: list[_Item] = []
    for element in elements:
        if type(element) in _NOT_PRINTED:  # the exact classes: 0 lines, nothing to place
            continue
        # The two commonest types first: dialogue and action are ~95% of a script's elements.
        if type(element) is Dialogue:
            speech = _speech(element, layout, kept)
            if speech.total:
                items.append((_SPEECH, speech.total, speech))
        elif type(element) is Action or type(element) is Lyrics:
            lines = wrapped_line_count(printable(element.text), layout.action_width)
            if lines:
                items.append((_ACTION, lines, None))
        elif type(element) is PageBreak:
            items.append((_BREAK, 0, None))
        elif type(element) is Transition:
            lines = wrapped_line_count(printable(element.text), layout.transition_width)
            if lines:
                items.append((_BLOCK, lines, None))
        elif type(element) is DualDialogue:
            lines = dual_line_count(element, duals, layout)
            if lines:
                items.append((_BLOCK, lines, None))
        else:
            lines = element_line_count(element, layout)
            if lines:
                items.append((_BLOCK, lines, None))
    return items


class _Pager:
    """Fills pages line by line. ``used`` counts lines on the current page, blank ones included."""

    def __init__(self, layout: PageLayout) -> None:
        self.size = layout.lines_per_page
        self.between = layout.blank_lines_between_elements
        self.minimum = layout.min_split_lines
        self.page = 1
        self.used = 0
        self.break_pending = False
        self.element_page = 1
        """Page on which the element placed last began."""

    @property
    def position(self) -> int:
        """Lines from the top of page 1, counting every page before this one as full."""
        return (self.page - 1) * self.size + self.used

    def new_page(self) -> None:
        self.page += 1
        self.used = 0

    def settle_break(self) -> None:
        """Turn the page if a page break was met and the current page has anything on it."""
        if self.break_pending:
            self.break_pending = False
            if self.used:
                self.new_page()

    def start(self, blank_lines: int, first_chunk: int) -> int:
        """Go to a new page unless blank lines and the first ``first_chunk`` lines fit on this one;
        return the blank lines to print (none at the top of a page)."""
        self.settle_break()
        gap = blank_lines if self.used else 0
        if self.used and self.used + gap + first_chunk > self.size:
            self.new_page()
            gap = 0
        self.element_page = self.page
        return gap

    def place_block(self, lines: int, blank_lines: int) -> None:
        """Lines the rules do not split (a block taller than a page is split anyway)."""
        gap = self.start(blank_lines, lines)  # may turn the page: read self.used after it
        self.used += gap
        while self.used + lines > self.size:
            lines -= self.size - self.used
            self.new_page()
        self.used += lines

    def place_action(self, lines: int) -> None:
        """An action paragraph, split between lines with at least 2 on each page."""
        minimum = self.minimum
        gap = self.start(self.between, minimum if lines >= 2 * minimum else lines)
        self.used += gap
        while self.used + lines > self.size:
            room = self.size - self.used
            if self.used == 0:
                taken = room  # a paragraph longer than a page
            else:
                taken = min(room, lines - minimum)
                if taken < minimum:
                    taken = 0
            lines -= taken
            self.new_page()
        self.used += lines

    def place_speech(self, speech: SpeechLines) -> None:
        """A speech, split with (MORE) under its last line on the page and the cue with (CONT'D) on
        top of the next: 2 extra lines per break. Never split after a parenthetical, and the cue
        never ends a page."""
        self.settle_break()
        gap = self.between if self.used else 0
        if self.used + gap + speech.total <= self.size:
            self.element_page = self.page
            self.used += gap + speech.total
            return
        gap = self.start(self.between, speech.chunk(self.minimum))
        self.used += gap
        cue, placed, body = speech.cue, 0, speech.body
        while self.used + cue + body - placed > self.size:
            room = self.size - self.used - cue - 1  # one line for (MORE)
            taken = speech.last_break(placed, room, self.minimum) if room > 0 else 0
            if not taken and self.used == 0:
                taken = max(room, 1)  # a speech longer than a page: break where it must
            if taken:
                placed += taken
                cue = speech.continued_cue()
            self.new_page()
        self.used += cue + body - placed


def _first_chunk(items: list[_Item], minimum: int) -> int:
    """Lines of the scene's first element that must share a page with its heading."""
    if not items:
        return 0
    kind, lines, speech = items[0]
    if speech is not None:
        return speech.chunk(minimum)
    if kind == _ACTION and lines >= 2 * minimum:
        return minimum
    return lines if kind != _BREAK else 0


def _set_fields(scene: Scene, **values: int) -> None:
    """``scene.name = value`` for each, as pydantic does it for a model without assignment
    validation (store, mark as set), without its per-assignment dispatch: 3 per scene, ~1.3 us
    each, a third of the pagination of a script of short scenes."""
    scene.__dict__.update(values)
    scene.__pydantic_fields_set__.update(values)


def _eighths(lines: int, lines_per_page: int) -> int:
    # Round half up to the nearest eighth of a page: lines * 8 / lines_per_page, in integers.
    return (16 * lines + lines_per_page) // (2 * lines_per_page)


def paginate(screenplay: Screenplay, layout: PageLayout = DEFAULT_LAYOUT) -> None:
    """Set every scene's ``start_page``, ``end_page`` and ``eighths`` in place.

    A scene's length runs from where it starts (its blank lines, then its heading) to where the next
    scene starts, so white space left at the foot of a page belongs to the scene above it and the
    scenes' eighths add up to the pages used. Eighths are rounded to the nearest, at least 1 for a
    scene that prints anything (0 for one that prints nothing, e.g. only notes).

    Args:
        screenplay: the screenplay to paginate; its title page is not counted.
        layout: the page model.
    """
    pager = _Pager(layout)
    starts: list[int] = []
    printed: list[bool] = []
    kept: dict[tuple[object, ...], SpeechLines] = {}
    duals: dict[object, int] = {}
    heading_lines_of: dict[str, int] = {}  # a script repeats its headings
    pages: list[tuple[int, int]] = []
    for scene in screenplay.scenes:
        items = _measure(scene.elements, layout, kept, duals)
        first_page: int | None = None
        if scene.heading is not None:
            text = scene.heading.text
            heading_lines = heading_lines_of.get(text)
            if heading_lines is None:
                heading_lines = heading_lines_of[text] = heading_line_count(text, layout)
            keep = _first_chunk(items, layout.min_split_lines)
            if keep:
                keep += layout.blank_lines_between_elements
            gap = pager.start(layout.blank_lines_before_heading, heading_lines + keep)
            starts.append(pager.position)
            pager.used += gap
            pager.place_block(heading_lines, 0)
            first_page = pager.page
        else:
            pager.settle_break()
            starts.append(pager.position)
        for kind, lines, speech in items:
            if speech is not None:
                pager.place_speech(speech)
            elif kind == _ACTION:
                pager.place_action(lines)
            elif kind == _BLOCK:
                pager.place_block(lines, layout.blank_lines_between_elements)
            else:
                pager.break_pending = True
                continue
            if first_page is None:
                first_page = pager.element_page
        pages.append((first_page if first_page is not None else pager.page, pager.page))
        printed.append(first_page is not None)
    ends = [*starts[1:], pager.position] if starts else []  # a title page alone has no scene
    scenes = screenplay.scenes
    for scene, (start_page, end_page), start, end, has_lines in zip(
        scenes, pages, starts, ends, printed, strict=True
    ):
        eighths = _eighths(end - start, layout.lines_per_page)
        _set_fields(
            scene,
            start_page=start_page,
            end_page=end_page,
            eighths=max(eighths, 1) if has_lines else 0,
        )
