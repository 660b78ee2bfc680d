"""What Slate's PDF importer reads back from a printed page: headers, wrapped headings, line-end
hyphens and paragraphs cut by a page break (the losses the export round trip found)."""

from __future__ import annotations

from assistant.script.model import Action, Screenplay
from assistant.script.pdf import PdfImporter, pdf_layout_text
from assistant.script.pdf.joins import join_wrapped_headings
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


LONG_HEADING = "INT. JOHN QUINCY ADAMS HIGH SCHOOL - MAIN CORRIDOR - DAY (FIFTH PERIOD)"
HYPHENATED = "Mara walks along the fence of the long and grey old Jiffy-Lube on Route 9."
SPOKEN = "We never got paid at the old Jiffy-Lube. Never."
PARAGRAPH = " ".join(f"The rain keeps on falling over yard number {k} all night" for k in range(80))


def printed_rows(data: bytes) -> list[str]:
    """The PDF's printed rows, page by page, before the importer joins anything."""
    rows: dict[tuple[int, int], list[str]] = {}
    for k, page in enumerate(pdfium_words(data, "x.pdf")):
        for word in page.words:
            rows.setdefault((k, round(word.top)), []).append(word.text)
    return [" ".join(words) for _, words in sorted(rows.items())]


def round_trip(fountain: str) -> tuple[list[str], Screenplay]:
    data = to_pdf(parse_bytes(fountain.encode(), format="fountain"))
    return printed_rows(data), parse_bytes(data, format="pdf")


def test_a_wrapped_heading_is_read_back_on_one_line() -> None:
    """Also when the first line has a time of day already, where the classifier's own join of
    two-line headings does not join."""
    second = LONG_HEADING.replace("DAY (FIFTH", "NIGHT - (LAST")
    rows, back = round_trip(f"{LONG_HEADING} #12#\n\nMara waits.\n\n{second}\n\nRain.\n")
    assert rows[1] == "(FIFTH PERIOD)" and rows[4] == "(LAST PERIOD)"  # both headings wrapped
    assert [(s.heading.text, s.number) for s in back.scenes if s.heading is not None] == [
        (LONG_HEADING, "12"),
        (second, None),
    ]
    assert [e for s in back.scenes for e in s.elements] == [
        Action(text="Mara waits."),
        Action(text="Rain."),
    ]


def test_a_word_hyphenated_at_a_line_end_is_one_word_again() -> None:
    """Also before a capital, where the classifier's own join (``beach-`` / ``front``) does not."""
    rows, back = round_trip(f"INT. YARD - DAY\n\n{HYPHENATED}\n\nMARA\n{SPOKEN}\n")
    assert sum(row.endswith("Jiffy-") for row in rows) == 2  # action and speech both broke there
    (scene,) = back.headed_scenes()
    assert scene.elements[0] == Action(text=HYPHENATED)
    assert scene.dialogues()[0].speech_text == SPOKEN


def test_a_paragraph_cut_by_a_page_break_is_one_paragraph() -> None:
    rows, back = round_trip(f"INT. YARD - NIGHT\n\n{PARAGRAPH}.\n\nMara waits.\n")
    assert "2." in rows and not rows[rows.index("2.") - 1].endswith(".")  # cut mid-sentence
    (scene,) = back.headed_scenes()
    assert scene.elements == [Action(text=PARAGRAPH + "."), Action(text="Mara waits.")]


def test_a_full_page_ending_a_sentence_keeps_the_next_page_a_new_paragraph() -> None:
    first: list[Text] = [(ACTION, 0, "INT. YARD - NIGHT")]
    first += [(ACTION, line, f"Rain falls on row {line} of the yard") for line in range(2, 54)]
    first.append((ACTION, 54, "and stops."))
    second: list[Text] = [(ACTION, 0, "Mara waits by the gate.")]
    long_page = [*first[:-1], (ACTION, 54, "and it keeps on")]
    ended = PdfImporter().read(make_pdf([first, second])).headed_scenes()[0].elements
    assert ended[-1] == Action(text="Mara waits by the gate.")
    running = PdfImporter().read(make_pdf([long_page, second])).headed_scenes()[0].elements
    assert running[-1].text.endswith("and it keeps on Mara waits by the gate.")  # type: ignore[union-attr]


def test_a_short_heading_line_is_not_joined_to_the_line_under_it() -> None:
    lines = ["       INT. HOUSE - DAY", "       (FLASHBACK)"]
    assert join_wrapped_headings(lines) == lines


def test_a_lone_dash_line_goes_back_on_the_end_of_its_speech_line() -> None:
    """A speech wrapped at the space before a closing ``--``: the classifier would drop the line."""
    rows, back = round_trip(
        "INT. LOBBY - NIGHT\n\nHOLLY\nWe have a pregnant woman out there --\n(on his look)\n"
        "-- relax, she's not due for two weeks.\n"
    )
    assert "--" in rows  # the dash printed alone on its line
    (holly,) = back.headed_scenes()[0].dialogues()
    assert [part.text for part in holly.parts] == [
        "We have a pregnant woman out there --",
        "(on his look)",
        "-- relax, she's not due for two weeks.",
    ]
