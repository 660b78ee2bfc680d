"""Locked pages: a revision printed on the locked draft's pages, with A pages and OMITTED pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import api
from assistant.analysis.compare.locked_pages import lock_pages
from assistant.analysis.compare.revision import export_revision, marked_for_print, revise
from assistant.script.model import Screenplay
from assistant.script.pdf.words import pdfium_words
from assistant.script.pdf_export_layout import PrintedPage, lay_out
from assistant.script.reading import parse_bytes


def _scene(n: int, extra: str = "") -> str:
    action = " ".join(f"Scene {n} goes on, sentence {k}, with its own words." for k in range(5))
    return (
        f"INT. ROOM {n} - DAY #{n}#\n\n{action}\n\n{extra}"
        f"MARA\nRoom {n} is where it happens. I said so before and I say it again now.\n\n"
        f"LEO\n(slowly)\nThen we stay in room {n} until it is done.\n\n"
    )


def _draft(parts: list[str]) -> Screenplay:
    return parse_bytes(("Title: Rooms\n\n" + "".join(parts)).encode(), format="fountain")


LONG = " ".join(f"New material {k} pushes everything down the page." for k in range(30))


@pytest.fixture
def locked() -> Screenplay:
    return _draft([_scene(n) for n in range(1, 25)])


def _texts(page: PrintedPage) -> list[tuple[int, tuple[str, ...]]]:
    return [(k, tuple(p.line.text for p in row.pieces)) for k, row in sorted(page.rows.items())]


def _sources(pages: list[PrintedPage]) -> list[tuple[int, int, int]]:
    return [row.source for page in pages for _, row in sorted(page.rows.items())
            if row.source is not None and row.source[2] >= 0]  # fmt: skip


def test_grown_pages_run_onto_a_pages_and_the_others_stay_as_locked(locked: Screenplay) -> None:
    old_pages = lay_out(locked)
    assert len(old_pages) >= 6
    page_of_3 = next(p.number for p in old_pages if 2 in p.scenes)  # scene 3's first page
    grown = [_scene(n, extra=f"{LONG}\n\n" if n == 3 else "") for n in range(1, 25)]
    revision = revise(locked, _draft(grown), "blue")
    pages = lock_pages(locked, marked_for_print(revision))
    labels = [p.printed_number for p in pages]
    assert f"{page_of_3}A" in labels
    assert [label for label in labels if not label.isdigit()] == [f"{page_of_3}A"]
    by_label = {p.printed_number: p for p in pages}
    for old in old_pages:
        if old.number != page_of_3:  # every other page holds what it held, row for row
            assert _texts(by_label[str(old.number)]) == _texts(old)
    assert _sources(pages) == _sources(lay_out(marked_for_print(revision)))


def _texts_of(page: PrintedPage) -> list[tuple[str, ...]]:
    return [tuple(p.line.text for p in row.pieces) for _, row in sorted(page.rows.items())]


def test_cut_scenes_stay_on_their_pages_as_omitted_headings(locked: Screenplay) -> None:
    old_pages = lay_out(locked)
    # Every scene that starts on page 3 or 4, and the scenes running on from them, cut.
    starting = {s for p in old_pages if p.number in (3, 4) for s in p.scenes}
    cut = set(range(min(starting) - 1, max(starting) + 2))
    kept = [_scene(n + 1) for n in range(24) if n not in cut]
    revision = revise(locked, _draft(kept), "pink")
    pages = lock_pages(locked, marked_for_print(revision))
    by_label = {p.printed_number: p for p in pages}
    for number in (3, 4):
        numbers = [str(s + 1) for s in old_pages[number - 1].scenes]
        assert _texts_of(by_label[str(number)]) == [(n, "OMITTED", n) for n in numbers]
        assert by_label[str(number)].marked  # a cut scene is a revised line
    assert [p.printed_number for p in pages] == [str(n) for n in range(1, len(old_pages) + 1)]
    assert _sources(pages) == _sources(lay_out(marked_for_print(revision)))


def test_a_page_whose_text_is_cut_is_an_omitted_page() -> None:
    """A scene four pages long loses every paragraph with a line on page 2: page 2 is OMITTED,
    page 3 starts where the next paragraph starts, page 4 is as it was."""
    paragraphs = [f"Paragraph {k}. " + " ".join(["The long scene goes on and on."] * 6)
                  for k in range(60)]  # fmt: skip
    heading = "INT. HALL - NIGHT #1#\n\n"
    locked = _draft([heading + "\n\n".join(paragraphs) + "\n\n"])
    old_pages = lay_out(locked)
    assert len(old_pages) >= 4
    middle = {row.source[1] for row in old_pages[1].rows.values() if row.source}
    kept = [p for k, p in enumerate(paragraphs) if k not in middle]
    revision = revise(locked, _draft([heading + "\n\n".join(kept) + "\n\n"]), "green")
    numbers = api.locked_page_numbers(revision, locked)
    assert numbers[:3] == ["1", "2 OMITTED", "3"]
    pages = lock_pages(locked, marked_for_print(revision))
    assert _texts_of(pages[3]) == _texts_of(old_pages[3])
    assert _sources(pages) == _sources(lay_out(marked_for_print(revision)))


def test_a_locked_pdf_prints_a_page_numbers_and_marks(locked: Screenplay) -> None:
    grown = [_scene(n, extra=f"{LONG}\n\n" if n == 1 else "") for n in range(1, 25)]
    revision = revise(locked, _draft(grown), "yellow")
    data = export_revision(revision, "pdf", locked=locked)
    pages = pdfium_words(data, "locked.pdf")[1:]  # after the title page
    headers = [" ".join(w.text for w in page.words if w.top < 60) for page in pages]
    assert headers[0] == "Yellow Revision" and headers[1] == "Yellow Revision 1A."
    assert headers[2] == "2."  # page 2 as locked: no revised line, no round in its header
    marks = [w for w in pages[0].words if w.text == "*"]
    assert marks and all(w.x0 == pytest.approx(8.0 * 72, abs=0.5) for w in marks)
    assert len(pages) == len(lay_out(locked)) + 1


def test_a_moved_scene_prints_once_where_the_revision_has_it(locked: Screenplay) -> None:
    order = [*range(1, 4), *range(5, 18), 4, *range(18, 25)]  # scene 4 moved 13 places later
    revision = revise(locked, _draft([_scene(n) for n in order]), "blue")
    printed = marked_for_print(revision)
    pages = lock_pages(locked, printed)
    assert _sources(pages) == _sources(lay_out(printed))  # every row once, in the new order
    numbers = [p.printed_number for p in pages]
    assert len(set(numbers)) == len(numbers)
    assert [p.number for p in pages] == sorted(p.number for p in pages)


@pytest.mark.shared_data
def test_a_real_script_keeps_its_untouched_pages(shared_data_dir: Path) -> None:
    """Die Hard, with a long paragraph inserted in scene 10, six scenes cut and one paragraph
    reworded: every page away from the edits is as locked, row for row."""
    from assistant.script.model import Action
    from assistant.script.reading import read_script

    script = shared_data_dir / "labeled" / "tripod" / "screenplays" / "test" / "Die Hard.txt"
    locked = read_script(script)
    new = locked.model_copy(deep=True)
    new.scenes[80].elements[0] = Action(text="Changed words entirely here.")
    new.scenes[10].elements.insert(1, Action(text=" ".join([LONG] * 2)))
    del new.scenes[50:56]  # indices of the locked draft above
    revision = revise(locked, new, "blue")
    printed = marked_for_print(revision)
    pages = lock_pages(locked, printed)
    old_pages = lay_out(locked)
    touched = {p.number for p in old_pages for s in p.scenes if s in (10, *range(49, 57), 80)}
    touched |= {n + 1 for n in touched}  # a scene runs onto the page after it starts
    by_label = {p.printed_number: p for p in pages}
    for old in old_pages:
        if old.number not in touched:
            assert _texts(by_label[str(old.number)]) == _texts(old), old.number
    added = [p.printed_number for p in pages if not p.printed_number.isdigit()]
    page_of_10 = next(p.number for p in old_pages if 10 in p.scenes)
    assert added and all(label.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == str(page_of_10)
                         for label in added)  # fmt: skip
    assert _sources(pages) == _sources(lay_out(printed))
