"""What Slate's PDF importer reads back from a printed page: headers, wrapped headings, line-end
hyphens and paragraphs cut by a page break (the losses the export round trip found)."""

from __future__ import annotations

from assistant.script.model import Action
from assistant.script.pdf import PdfImporter, pdf_layout_text
from assistant.script.pdf.words import pdfium_words
from assistant.script.pdf_export import to_pdf
from assistant.script.reading import parse_bytes
from tests.script.pdf_helpers import ACTION, CUE, DIALOGUE, INCH, RIGHT_NUMBER, Text, make_pdf

LONG_SPEECH = " ".join(f"Line {k} of the speech goes on." for k in range(90))
MARKED_ROUND = f"""Title: Signal Box
Revision: Blue Revision

INT. SIGNAL BOX - NIGHT

Rain on the glass. WREN pulls a lever. [[*]]

WREN
{LONG_SPEECH}

The lamp gutters out. [[*]]

EXT. LEVEL CROSSING - CONTINUOUS

The barrier lifts. [[*]]
"""


def test_the_revision_header_of_an_exported_round_is_not_read_back() -> None:
    screenplay = parse_bytes(MARKED_ROUND.encode(), format="fountain")
    data = to_pdf(screenplay)
    pages = pdfium_words(data, "blue.pdf")[1:]  # after the title page
    headed = [p for p in pages if any(w.text == "Revision" and w.top < INCH for w in p.words)]
    assert len(headed) >= 2  # page 1 ("Blue Revision") and a numbered page ("Blue Revision  2.")
    assert any(any(w.text.endswith(".") and w.text[:-1].isdigit() for w in p.words
                   if w.top < INCH) for p in headed[1:])  # fmt: skip
    back = parse_bytes(data, format="pdf")
    assert all("Revision" not in scene.model_dump_json() for scene in back.scenes)
    assert back.scenes[0].heading is not None  # nothing before the first heading
    assert [d.speech_text for s in back.scenes for d in s.dialogues()] == [LONG_SPEECH]


def test_production_headers_left_or_right_are_dropped() -> None:
    page: list[Text] = [
        (ACTION, -3, "SIGNAL BOX - Rev. 10/1/87"),
        (RIGHT_NUMBER - 0.3 * INCH, -3, "12."),
        (ACTION, 0, "INT. SIGNAL BOX - NIGHT"),
        (ACTION, 2, "Rain on the glass."),
    ]
    right: list[Text] = [
        (RIGHT_NUMBER - 2.5 * INCH, -3, "Pink Revised 3/4/05    13."),
        (ACTION, 0, "The lamp gutters out."),
    ]
    text = pdf_layout_text(make_pdf([page, right]))
    assert "Rev" not in text and "3/4/05" not in text
    screenplay = PdfImporter().read(make_pdf([page, right]))
    assert [e for s in screenplay.scenes if s.heading is None for e in s.elements] == []


def test_top_rows_of_text_that_only_look_like_a_header_are_kept() -> None:
    """A first line of text is not a header: no blank line under it, or left with no number."""
    page: list[Text] = [
        (ACTION, -3, "The revised draft lies open."),  # left, no page number
        (ACTION, -2, "INT. ARCHIVE - DAY"),
        (CUE, 0, "WREN"),
        (DIALOGUE, 1, "Pages and pages."),
    ]
    text = pdf_layout_text(make_pdf([page]))
    assert "The revised draft lies open." in text
    assert "Pages and pages." in text
    assert (
        Action(text="The revised draft lies open.")
        in PdfImporter().read(make_pdf([page])).scenes[0].elements
    )
