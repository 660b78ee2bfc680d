"""A minimal PDF writer for the tests: Courier text objects placed at chosen positions.

It emits the smallest valid PDF (catalog, pages, one Courier font, one content stream per page, a
cross-reference table), so every test PDF is made from text written for the test.
"""

from __future__ import annotations

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
