"""PDFium's extraction (the importer's) gives the same screenplay as pdfplumber's (the reference).

The same layout rebuilding runs on both extractors' words, so any difference in what they report
(positions, word splits, unmapped glyphs, hyphens) shows up as a different rebuilt text or model.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.script.pdf import pdf_layout_text, read_pdf
from assistant.script.reading import finish_screenplay
from tests.script.pdf_helpers import ACTION, CUE, DIALOGUE, INCH, make_pdf
from tests.script.test_pdf import PRODUCTION_DRAFT, SCRIPT_PAGES

FIXTURES = Path(__file__).parent.parent / "fixtures"


def assert_same_screenplay(data: bytes) -> None:
    plumber_text = pdf_layout_text(data, extractor="pdfplumber")
    assert pdf_layout_text(data) == plumber_text
    reference = finish_screenplay(read_pdf(data, extractor="pdfplumber"))
    assert finish_screenplay(read_pdf(data)).model_dump() == reference.model_dump()


DUAL_AND_SMALL = [
    (ACTION, 0, "EXT. FAIRGROUND - NIGHT"),
    (2.2 * INCH, 4, "ROBIN"),
    (5.0 * INCH, 4, "WREN"),
    (1.7 * INCH, 5, "Higher!"),
    (4.5 * INCH, 5, "Lower!"),
    (CUE, 8, "PIP"),
    (DIALOGUE, 9, "Who left the light on? Nobody ever turns it off."),
]
TITLE = [(2.9 * INCH, 18, "THE LAST KEEPER"), (3.4 * INCH, 23, "Iona Petrel")]


@pytest.mark.parametrize(
    "data",
    [
        make_pdf(SCRIPT_PAGES),
        make_pdf(PRODUCTION_DRAFT),
        make_pdf([DUAL_AND_SMALL]),
        make_pdf([DUAL_AND_SMALL], size=10),
        make_pdf([TITLE, *SCRIPT_PAGES]),
    ],
    ids=["script", "production-draft", "dual", "10-point", "title-page"],
)
def test_written_pdfs(data: bytes) -> None:
    assert_same_screenplay(data)


def test_pdf_rendered_by_screenplain(tmp_path: Path) -> None:
    """Embedded Courier Prime, a title page and two scenes, as screenplain writes them."""
    assert_same_screenplay((FIXTURES / "pdf" / "lighthouse.pdf").read_bytes())
    from screenplain.main import main as screenplain_main

    source = Path(__file__).parent.parent.parent / "assistant" / "samples" / "night_shift.fountain"
    target = tmp_path / "night_shift.pdf"
    screenplain_main([str(source), str(target), "--format", "pdf"])
    assert_same_screenplay(target.read_bytes())


@pytest.mark.shared_data
def test_screenplain_pdfs(shared_data_dir: Path) -> None:
    folder = shared_data_dir / "screenplays" / "format_fixtures" / "screenplain"
    pdfs = sorted(folder.glob("*.pdf"))
    assert len(pdfs) == 6
    for pdf in pdfs:
        assert_same_screenplay(pdf.read_bytes())


@pytest.mark.shared_data
def test_feature_length_pdf(shared_data_dir: Path, tmp_path: Path) -> None:
    """A real feature (Juno, about 95 pages) rendered at run time: same scenes and pages."""
    from screenplain.main import main as screenplain_main

    from assistant.script.fountain_export import FountainExporter
    from assistant.script.reading import read_script

    script = shared_data_dir / "labeled" / "tripod" / "screenplays" / "test" / "Juno (film).txt"
    fountain = tmp_path / "juno.fountain"
    fountain.write_bytes(FountainExporter().write(read_script(script)))
    pdf = tmp_path / "juno.pdf"
    screenplain_main([str(fountain), str(pdf), "--format", "pdf"])
    data = pdf.read_bytes()
    assert_same_screenplay(data)
    screenplay = finish_screenplay(read_pdf(data))
    assert screenplay.page_count > 80
    assert screenplay.title_page  # its title page is read as one


def test_pdf_drawn_glyph_by_glyph() -> None:
    """Some programs place every glyph on its own (and space letters out, or mix fonts): PDFium's
    words must come out as pdfminer's do. ReportLab comes with screenplain (a dev dependency)."""
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(612, 792))

    def draw(x: float, row: int, text: str, *, glyphs: bool = True, font: str = "Courier") -> None:
        page.setFont(font, 12)
        y = 792 - INCH - row * 12
        if glyphs:
            for index, glyph in enumerate(text):
                page.drawString(x + index * 7.2, y, glyph)
        else:
            page.drawString(x, y, text)

    draw(ACTION, 0, "INT. SIGNAL BOX - NIGHT")
    draw(ACTION, 2, "Rain on the glass. WREN pulls a lever.")
    draw(CUE, 4, "WREN")
    draw(DIALOGUE, 5, "Late again, always late.")
    spaced = page.beginText(ACTION, 792 - INCH - 8 * 12)
    spaced.setFont("Courier", 12)
    spaced.setCharSpace(0.5)
    spaced.textLine("Spaced out action line here.")
    page.drawText(spaced)
    draw(ACTION, 10, "A proportional line of action.", glyphs=False, font="Helvetica")
    page.showPage()
    page.save()
    data = buffer.getvalue()
    assert_same_screenplay(data)
    screenplay = read_pdf(data)
    (box,) = screenplay.headed_scenes()
    assert box.dialogues()[0].speech_text == "Late again, always late."
