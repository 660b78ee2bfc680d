"""The PDF importer on PDFs written here (``pdf_helpers.make_pdf``): Courier text objects placed
at chosen positions, so every test PDF is made from text written for the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.errors import ScriptReadError
from assistant.script.model import Action, Dialogue, DualDialogue, IntExt, Parenthetical, Speech
from assistant.script.pdf import PdfImporter, pdf_layout_text
from assistant.script.reading import finish_screenplay, read_script
from assistant.script.stats import compute_stats
from tests.script.pdf_helpers import (
    ACTION,
    CUE,
    DIALOGUE,
    INCH,
    PAREN,
    RIGHT_NUMBER,
    SCENE_NUMBER,
    TRANSITION,
    Text,
    make_pdf,
)

SCRIPT_PAGES: list[list[Text]] = [
    [
        (SCENE_NUMBER, 0, "1"),
        (ACTION, 0, "EXT. TIDE POOL - DAWN"),
        (RIGHT_NUMBER, 0, "1"),
        (ACTION, 2, "Low fog. NELL (12) crouches over a rock pool with a jam jar."),
        (CUE, 4, "NELL"),
        (PAREN, 5, "(whispering)"),
        (DIALOGUE, 6, "Come on. Nobody will hurt you in"),
        (DIALOGUE, 7, "the jar."),
        (CUE, 9, "GRANDAD (O.S.)"),
        (DIALOGUE, 10, "Breakfast, Nell! The crab can wait,"),
        (DIALOGUE, 11, "it has waited a thousand years."),
        (CUE, 12, "(MORE)"),
    ],
    [
        (RIGHT_NUMBER - 0.25 * INCH, -2, "2."),
        (CUE, 0, "GRANDAD (CONT'D)"),
        (DIALOGUE, 1, "It will wait for porridge."),
        (TRANSITION, 3, "CUT TO:"),
        (SCENE_NUMBER, 5, "2"),
        (ACTION, 5, "INT. COTTAGE KITCHEN - MORNING"),
        (RIGHT_NUMBER, 5, "2"),
        (ACTION, 7, "Steam from a pot. GRANDAD (70s) stirs with a wooden spoon."),
    ],
]


def heading_line(text: str, heading: str) -> int:
    lines = text.split("\n")
    return next(n for n, line in enumerate(lines, start=1) if heading in line)


def test_rebuilt_layout_keeps_columns_and_drops_page_numbers() -> None:
    text = pdf_layout_text(make_pdf(SCRIPT_PAGES))
    lines = text.split("\n")
    heading = lines[heading_line(text, "TIDE POOL") - 1]
    assert heading.index("EXT.") == 15  # 1.5 inches of 10-pitch Courier
    cue = next(line for line in lines if line.strip() == "NELL")
    assert cue.index("NELL") == 37
    assert "2." not in [line.strip() for line in lines]


def test_pdf_script_is_classified_like_a_typed_page() -> None:
    data = make_pdf(SCRIPT_PAGES)
    text = pdf_layout_text(data)
    screenplay = PdfImporter().read(data)
    assert screenplay.source.format == "pdf"
    pool, kitchen = screenplay.headed_scenes()
    assert pool.heading is not None and pool.heading.int_ext is IntExt.EXT
    assert (pool.heading.location, pool.heading.time_of_day) == ("TIDE POOL", "DAWN")
    assert (pool.number, kitchen.number) == ("1", "2")
    assert pool.start_line == heading_line(text, "TIDE POOL")
    assert kitchen.start_line == heading_line(text, "COTTAGE KITCHEN")
    nell, grandad = pool.dialogues()
    assert nell.parts == [
        Parenthetical(text="(whispering)"),
        Speech(text="Come on. Nobody will hurt you in the jar."),
    ]
    assert grandad.cue.extensions == ["O.S."]
    assert grandad.speech_text == (
        "Breakfast, Nell! The crab can wait, it has waited a thousand years. "
        "It will wait for porridge."
    )


def test_smaller_font_sizes_still_give_columns() -> None:
    page = [
        (ACTION, 0, "INT. ATTIC - NIGHT"),
        (ACTION, 2, "Boxes, a rocking horse, one bare bulb swinging on its flex."),
        (CUE, 4, "PIP"),
        (DIALOGUE, 5, "Who left the light on?"),
        (CUE, 7, "MOTH"),
        (DIALOGUE, 8, "Not me."),
    ]
    screenplay = PdfImporter().read(make_pdf([page], size=10))
    (attic,) = screenplay.headed_scenes()
    assert [(d.cue.name, d.speech_text) for d in attic.dialogues()] == [
        ("PIP", "Who left the light on?"),
        ("MOTH", "Not me."),
    ]


def test_dual_dialogue_side_by_side() -> None:
    page = [
        (ACTION, 0, "EXT. FAIRGROUND - NIGHT"),
        (ACTION, 2, "Two children stare up at the big wheel."),
        (2.2 * INCH, 4, "ROBIN"),
        (5.0 * INCH, 4, "WREN"),
        (1.7 * INCH, 5, "Higher!"),
        (4.5 * INCH, 5, "Lower!"),
    ]
    screenplay = PdfImporter().read(make_pdf([page]))
    (fair,) = screenplay.headed_scenes()
    dual = fair.elements[-1]
    assert isinstance(dual, DualDialogue)
    assert (dual.left.cue.name, dual.left.speech_text) == ("ROBIN", "Higher!")
    assert (dual.right.cue.name, dual.right.speech_text) == ("WREN", "Lower!")


def test_pdf_without_text_is_rejected_as_scanned(tmp_path: Path) -> None:
    rectangle = ["0.2 0.2 0.2 rg 108 200 396 400 re f"]
    data = make_pdf([[]], drawings=rectangle)
    with pytest.raises(ScriptReadError, match="no text layer"):
        PdfImporter().read(data)
    path = tmp_path / "scanned.pdf"
    path.write_bytes(data)
    with pytest.raises(ScriptReadError) as caught:
        read_script(path)
    assert "scanned.pdf has no text layer (a scanned PDF?)" in caught.value.message
    assert "Slate needs a PDF with selectable text" in caught.value.message


def test_encrypted_pdf_is_rejected_clearly() -> None:
    data = make_pdf(SCRIPT_PAGES, encrypted=True)
    with pytest.raises(ScriptReadError, match="encrypted PDF"):
        PdfImporter().read(data)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\nthis is not really a pdf\n%%EOF\n",
        make_pdf(SCRIPT_PAGES)[:300],
    ],
)
def test_corrupt_pdf_is_rejected_clearly(data: bytes) -> None:
    with pytest.raises(ScriptReadError, match=r"not a readable PDF|no pages"):
        PdfImporter().read(data)


def test_read_script_picks_the_pdf_importer(tmp_path: Path) -> None:
    path = tmp_path / "tide.pdf"
    path.write_bytes(make_pdf(SCRIPT_PAGES))
    screenplay = read_script(path)
    assert screenplay.source.format == "pdf"
    assert [s.number for s in screenplay.headed_scenes()] == ["1", "2"]
    assert any(isinstance(e, Dialogue) for s in screenplay.scenes for e in s.elements)


@pytest.mark.shared_data
def test_screenplain_pdfs(shared_data_dir: Path) -> None:
    folder = shared_data_dir / "screenplays" / "format_fixtures" / "screenplain"
    numbered = PdfImporter().read((folder / "scene-numbers.pdf").read_bytes())
    assert [s.number for s in numbered.headed_scenes()] == ["1", "2", None, None, "2-B"]
    dual = PdfImporter().read((folder / "dual-dialogue.pdf").read_bytes())
    element = dual.scenes[0].elements[0]
    assert isinstance(element, DualDialogue)
    assert (element.left.cue.name, element.right.cue.name) == ("GIRL", "GUY")


REVISION = 7.9 * INCH
"""Where production drafts print revision asterisks: in the right margin, past the scene number."""

PRODUCTION_DRAFT: list[list[Text]] = [
    [
        (SCENE_NUMBER, 0, "7"),
        (ACTION, 0, "INT. SIGNAL BOX - NIGHT"),
        (RIGHT_NUMBER, 0, "7"),
        (ACTION, 2, "Rain on the glass. WREN (40s) pulls a lever."),
        (REVISION, 2, "*"),
        (CUE, 4, "WREN"),
        (DIALOGUE, 5, "The last train is late. Always"),
        (REVISION, 5, "*"),
        (DIALOGUE, 6, "late on Tuesdays."),
        (CUE, 7, "(MORE)"),
        (TRANSITION, 9, "(CONTINUED)"),
    ],
    [
        (RIGHT_NUMBER - 0.5 * INCH, -2, "2."),
        (SCENE_NUMBER, 0, "7"),
        (ACTION, 0, "CONTINUED:"),
        (RIGHT_NUMBER, 0, "7"),
        (CUE, 2, "WREN (CONT'D)"),
        (DIALOGUE, 3, "And the signal is jammed."),
        (SCENE_NUMBER, 5, "7A"),
        (ACTION, 5, "EXT. LEVEL CROSSING - CONTINUOUS"),
        (RIGHT_NUMBER, 5, "7A"),
        (REVISION, 5, "**"),
        (ACTION, 7, "The barrier lifts. Nothing comes."),
    ],
]


def test_production_draft_margins_and_page_breaks_are_folded() -> None:
    data = make_pdf(PRODUCTION_DRAFT)
    text = pdf_layout_text(data)
    assert "*" not in text
    assert "CONTINUED" not in text
    screenplay = PdfImporter().read(data)
    box, crossing = screenplay.headed_scenes()
    assert (box.number, crossing.number) == ("7", "7A")
    assert crossing.heading is not None and crossing.heading.location == "LEVEL CROSSING"
    (wren,) = box.dialogues()
    assert wren.cue.name == "WREN"
    assert (
        wren.speech_text
        == "The last train is late. Always late on Tuesdays. And the signal is jammed."
    )
    assert box.elements[0] == Action(text="Rain on the glass. WREN (40s) pulls a lever.")
    assert crossing.elements == [Action(text="The barrier lifts. Nothing comes.")]


def test_continued_inside_the_page_is_kept() -> None:
    """Only a CONTINUED line at the head or foot of a page is a page-break mark."""
    page = [
        (ACTION, 0, "INT. ARCHIVE - DAY"),
        (ACTION, 2, "A ledger open at one word:"),
        (ACTION, 4, "CONTINUED:"),
        (ACTION, 6, "Dust everywhere."),
    ]
    text = pdf_layout_text(make_pdf([page]))
    assert "CONTINUED:" in text


def test_two_page_pdf_with_a_title_page(fixtures_dir: Path) -> None:
    title = [
        (2.9 * INCH, 18, "THE LAST KEEPER"),
        (3.5 * INCH, 21, "written by"),
        (3.4 * INCH, 23, "Iona Petrel"),
        (ACTION, 50, "Petrel Pictures"),
        (ACTION, 51, "PO Box 9"),
        (6.0 * INCH, 51, "Draft 3, 2026"),
    ]
    script = [
        (ACTION, 0, "EXT. LIGHTHOUSE GALLERY - NIGHT"),
        (ACTION, 2, "Wind tears at the railings."),
        (CUE, 4, "ISLA"),
        (DIALOGUE, 5, "Not tonight."),
    ]
    screenplay = PdfImporter().read(make_pdf([title, script]))
    assert [(f.key, f.value) for f in screenplay.title_page] == [
        ("Title", "THE LAST KEEPER"),
        ("Credit", "written by"),
        ("Author", "Iona Petrel"),
        ("Contact", "Petrel Pictures\nPO Box 9"),
        ("Draft date", "Draft 3, 2026"),
    ]
    (gallery,) = screenplay.scenes  # the title page is not a scene of action
    assert gallery.heading is not None and gallery.start_line == 1
    # screenplain's rendering of the Highland fixture: title page, then one page of script.
    rendered = read_script(fixtures_dir / "pdf" / "lighthouse.pdf")
    assert [(f.key, f.value) for f in rendered.title_page] == [
        ("Title", "THE LAST KEEPER"),
        ("Author", "Iona Petrel"),
    ]
    assert [s.number for s in rendered.headed_scenes()] == ["1", "2"]
    assert rendered.page_count == 1  # the script's pages; Slate never counts the title page


def test_a_one_page_pdf_is_never_a_title_page() -> None:
    page = [(2.9 * INCH, 18, "THE LAST KEEPER"), (3.4 * INCH, 23, "Iona Petrel")]
    screenplay = PdfImporter().read(make_pdf([page]))
    assert screenplay.title_page == []


@pytest.mark.parametrize(
    "first_page",
    [
        [(CUE, 10, "ISLA"), (DIALOGUE, 11, "Not tonight. Not ever, if I can help it.")],
        [
            (ACTION, 10, "Wind tears at the railings and the lamp gutters in its glass."),
            (ACTION, 11, "Below, the sea throws itself at the rocks again and again."),
        ],
    ],
    ids=["speech", "action"],
)
def test_a_short_first_page_of_script_is_not_a_title_page(first_page: list[Text]) -> None:
    second = [(ACTION, 0, "EXT. LIGHTHOUSE GALLERY - NIGHT"), (ACTION, 2, "Dark.")]
    screenplay = PdfImporter().read(make_pdf([first_page, second]))
    assert screenplay.title_page == []
    assert screenplay.scenes[0].heading is None and screenplay.scenes[0].elements


def test_stats_of_a_pdf_with_a_title_page_say_the_title_page_is_not_counted() -> None:
    """The industry counts the script's pages from page 1; the title page is shown beside them."""
    title = [(2.9 * INCH, 18, "THE LAST KEEPER"), (3.4 * INCH, 23, "Iona Petrel")]
    script = [
        (ACTION, 0, "EXT. LIGHTHOUSE GALLERY - NIGHT"),
        (ACTION, 2, "Wind tears at the railings."),
    ]
    stats = compute_stats(finish_screenplay(PdfImporter().read(make_pdf([title, script]))))
    assert (stats.page_count, stats.title_pages) == (1, 1)
    assert stats.pages_text == "1 page (+ title page)"
    assert json.loads(stats.model_dump_json())["title_pages"] == 1
    untitled = compute_stats(finish_screenplay(PdfImporter().read(make_pdf([script]))))
    assert (untitled.page_count, untitled.title_pages) == (1, 0)
    assert untitled.pages_text == "1 page"
