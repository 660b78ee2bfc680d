"""PDF export with ``continueds``: CONTINUED lines in the margins at page breaks inside a scene."""

from __future__ import annotations

from assistant.script.pdf.words import Word, pdfium_words
from assistant.script.pdf_export import to_pdf
from assistant.script.pdf_export_layout import lay_out
from assistant.script.reading import parse_bytes

INCH = 72.0
SPEECH = " ".join(f"Line {k} of the speech goes on." for k in range(90))
TWO_SCENES = f"""INT. SIGNAL BOX - NIGHT

Rain.

WREN
{SPEECH}

===

EXT. LEVEL CROSSING - DAY

The barrier lifts.

MARA
{SPEECH}
"""


def _continued(page: list[Word]) -> list[tuple[str, float, float]]:
    return [(w.text, w.x0, w.top) for w in page if "CONTINUED" in w.text]


def test_continued_lines_stand_only_where_a_page_break_cuts_a_scene() -> None:
    screenplay = parse_bytes(TWO_SCENES.encode(), format="fountain")
    assert [p.scenes for p in lay_out(screenplay)] == [[0], [], [1], []]  # scene 2 tops page 3
    plain = pdfium_words(to_pdf(screenplay), "plain.pdf")
    pages = pdfium_words(to_pdf(screenplay, continueds=True), "continued.pdf")
    assert len(pages) == len(plain) == 4  # the page count stays the page model's
    assert not any(_continued(p.words) for p in plain)
    foot = [[t for t, _, top in _continued(p.words) if top > 55 * 12 + INCH] for p in pages]
    head = [[(t, x) for t, x, top in _continued(p.words) if top < INCH] for p in pages]
    assert foot == [["(CONTINUED)"], [], ["(CONTINUED)"], []]
    assert head == [[], [("CONTINUED:", 1.5 * INCH)], [], [("CONTINUED:", 1.5 * INCH)]]
    # every other word is where it was without them
    for with_lines, without in zip(pages, plain, strict=True):
        assert [w for w in with_lines.words if "CONTINUED" not in w.text] == without.words


def test_continued_lines_are_not_read_back() -> None:
    screenplay = parse_bytes(TWO_SCENES.encode(), format="fountain")
    back = parse_bytes(to_pdf(screenplay, continueds=True), format="pdf")
    assert all("CONTINUED" not in scene.model_dump_json() for scene in back.scenes)
    assert [d.speech_text for s in back.scenes for d in s.dialogues()] == [SPEECH, SPEECH]
