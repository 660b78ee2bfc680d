"""Locked pages: a revised draft printed on the pages of the locked draft.

Once a shooting script's pages are locked, a revision must not move what is on the pages it does
not touch. Each page of the locked draft (laid out by ``pdf_export_layout``) begins at a place in
the script: a heading, an element, or a row inside a speech or paragraph that the page break cut.
That place is found in the revised draft, and each locked page's stretch of the revised draft is
laid out on its own:

- a stretch that still fits keeps the page's number (shorter pages stay short);
- one that grew runs onto A pages: ``12``, ``12A``, ``12B``;
- a page whose whole stretch was cut prints ``OMITTED`` under its number.

Where a page begins is found through the comparison's own pairing: scenes by ``align``, elements
inside a paired scene by ``difflib`` over their printed lines. An unchanged element keeps the row
where the page cut it; a changed one starts the page; a removed one hands the page to the next
element that survives (a removed scene's page starts at its ``OMITTED`` heading). Pages never go
backwards: when a moved scene would put a page's start before the previous page's, the page is
omitted and its text printed where the revised draft has it. Every row of the revised draft is
printed exactly once, in order.
"""

from __future__ import annotations

import difflib

from assistant.analysis.compare.align import align
from assistant.analysis.compare.scene_lines import (
    ScriptLine,
    clean_line,
    element_lines,
    scene_lines,
)
from assistant.script.model import Element, Screenplay
from assistant.script.page_layout import DEFAULT_LAYOUT, PageLayout
from assistant.script.pdf_export_layout import (
    CENTRE_X,
    Piece,
    Position,
    PrintedPage,
    Row,
    lay_out,
    page_start,
)
from assistant.script.pdf_export_lines import StyledLine

OMITTED = "OMITTED"
OMITTED_LINE = 26
"""The page's middle line, where an omitted page says so."""
END: Position = (1 << 62, 0, 0)
"""After every place in any script."""
_Key = tuple[str, tuple[ScriptLine, ...]]


def _key(element: Element) -> _Key:
    return type(element).__name__, tuple(element_lines(element))


def _units(screenplay: Screenplay) -> list[tuple[int, int]]:
    """Every heading (element -1) and element, in order."""
    out: list[tuple[int, int]] = []
    for s, scene in enumerate(screenplay.scenes):
        if scene.heading is not None:
            out.append((s, -1))
        out.extend((s, e) for e in range(len(scene.elements)))
    return out


class PositionMap:
    """Places in the locked draft mapped to the revised draft (see the module doc)."""

    def __init__(self, old: Screenplay, new: Screenplay) -> None:
        pairs = align([scene_lines(s, i) for i, s in enumerate(old.scenes)],
                      [scene_lines(s, i) for i, s in enumerate(new.scenes)])  # fmt: skip
        self._to: dict[tuple[int, int], tuple[int, int, bool]] = {}
        for pair in pairs:
            self._pair_scene(old, new, pair.old, pair.new)
        omitted = {scene.number: j for j, scene in enumerate(new.scenes) if scene.heading
                   is not None and clean_line(scene.heading.text) == OMITTED}  # fmt: skip
        paired = {pair.old for pair in pairs}
        for i, label in enumerate(old.scene_labels()):
            if i not in paired and label in omitted:
                self._to[(i, -1)] = (omitted[label], -1, True)
        self._units = _units(old)
        self._index = {unit: k for k, unit in enumerate(self._units)}
        # For each unit, the first unit at or after it that the revised draft still has.
        self._next: list[int | None] = [None] * (len(self._units) + 1)
        for k in range(len(self._units) - 1, -1, -1):
            self._next[k] = k if self._units[k] in self._to else self._next[k + 1]

    def _pair_scene(self, old: Screenplay, new: Screenplay, i: int, j: int) -> None:
        before, after = old.scenes[i], new.scenes[j]
        if before.heading is not None and after.heading is not None:
            self._to[(i, -1)] = (j, -1, True)
        keys_before = [_key(e) for e in before.elements]
        keys_after = [_key(e) for e in after.elements]
        matcher = difflib.SequenceMatcher(None, keys_before, keys_after, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for k in range(i2 - i1):
                    self._to[(i, i1 + k)] = (j, j1 + k, True)
            elif tag == "replace":
                for k in range(i2 - i1):
                    self._to[(i, i1 + k)] = (j, j1 + min(k, j2 - j1 - 1), False)

    def map(self, position: Position) -> Position:
        """Where the revised draft has what stood at ``position`` (``END`` when nothing after it
        survives)."""
        s, e, row = position
        k = self._next[self._index[(s, e)]]
        if k is None:
            return END
        unit = self._units[k]
        ns, ne, same = self._to[unit]
        return (ns, ne, row if unit == (s, e) and same else 0)


def _letters(k: int) -> str:
    """0 -> '', 1 -> 'A', 26 -> 'Z', 27 -> 'AA'."""
    out = ""
    while k > 0:
        k, rest = divmod(k - 1, 26)
        out = chr(65 + rest) + out
    return out


def _omitted_page(number: int) -> PrintedPage:
    line = StyledLine(OMITTED, (0,) * len(OMITTED), marked=True)
    return PrintedPage(number, rows={OMITTED_LINE: Row([Piece(CENTRE_X, line, "center")])},
                       label=str(number), revised=True)  # fmt: skip


def lock_pages(
    locked: Screenplay, revised: Screenplay, layout: PageLayout = DEFAULT_LAYOUT
) -> list[PrintedPage]:
    """``revised`` printed on the pages of ``locked`` (see the module doc).

    Args:
        locked: the draft whose pages are locked.
        revised: the revision (normally ``Revision.screenplay`` with its marks).
        layout: the page model of both.

    Returns:
        The pages, labelled ``12``, ``12A``...; ``OMITTED`` pages where a locked page's text is
        gone.
    """
    old_pages = lay_out(locked, layout)
    mapping = PositionMap(locked, revised)
    starts: list[Position] = [(0, -1, 0)]
    for page in old_pages[1:]:
        where = page_start(page)
        mapped = mapping.map(where) if where is not None else starts[-1]
        starts.append(max(mapped, starts[-1]))
    out: list[PrintedPage] = []
    for n, start in enumerate(starts, start=1):
        stop = starts[n] if n < len(starts) else None
        if stop is not None and stop <= start:
            out.append(_omitted_page(n))
            continue
        pages = lay_out(revised, layout, start=start, stop=stop)
        if not any(page.rows for page in pages):
            out.append(_omitted_page(n))
            continue
        for k, page in enumerate(pages):
            page.number, page.label = n, f"{n}{_letters(k)}" if k else ""
            page.revised = k > 0
            out.append(page)
    return out
