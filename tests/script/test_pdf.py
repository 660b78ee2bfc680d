"""The PDF importer on PDFs written here: Courier text objects placed at chosen positions.

The writer below emits the smallest valid PDF (catalog, pages, one Courier font, one content stream
per page, a cross-reference table), so every test PDF is made from text written for the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import ScriptReadError
from assistant.script.model import Dialogue, DualDialogue, IntExt, Parenthetical, Speech
from assistant.script.pdf import PdfImporter, pdf_layout_text
from assistant.script.reading import read_script

PAGE_HEIGHT = 792.0
INCH = 72.0
# Standard screenplay margins, from the left edge of a US Letter page.
SCENE_NUMBER, ACTION, DIALOGUE, PAREN, CUE, TRANSITION, RIGHT_NUMBER = (
    0.75 * INCH,
    1.5 * INCH,
    2.5 * INCH,
    3.1 * INCH,
    3.7 * INCH,
    6.5 * INCH,
    7.5 * INCH,
)

Text = tuple[float, int, str]
"""(x in points from the left edge, line number on the page from the top, text)."""


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(
    pages: list[list[Text]],
    *,
    size: float = 12.0,
    drawings: list[str] | None = None,
    encrypted: bool = False,
) -> bytes:
    """A PDF with ``pages`` of Courier text; line ``n`` of a page sits ``n`` lines below 1 inch."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids: list[int] = []
    font_id = 3
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>")
    for k, page in enumerate(pages):
        commands = [
            f"BT /F1 {size:g} Tf {x:.2f} {PAGE_HEIGHT - INCH - line * size:.2f} Td "
            f"({_escape(text)}) Tj ET"
            for x, line, text in page
        ]
        if drawings and k == 0:
            commands += drawings
        stream = "\n".join(commands).encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font_id, content_id)
        )
        kids.append(len(objects))
    refs = " ".join(f"{kid} 0 R" for kid in kids).encode()
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))
    trailer_extra = b""
    if encrypted:
        # A standard security handler whose user password is not empty: readers must ask for it.
        objects.append(
            b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 "
            b"/O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> >>"
        )
        trailer_extra = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (len(objects), b"01" * 16, b"01" * 16)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\n" % (len(objects) + 1, trailer_extra)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


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
