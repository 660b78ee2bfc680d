"""No input crashes the Fountain parser, and parse -> export -> parse is a fixed point."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.errors import ScriptReadError
from assistant.script.fountain import FountainImporter, parse_fountain
from assistant.script.fountain_export import to_fountain
from assistant.script.model import Screenplay

WITHOUT_START_LINES: Any = {"scenes": {"__all__": {"start_line"}}}

FRAGMENTS = [
    "", "", "", "  ", " ", "\t", "INT. DINER - NIGHT", "int. kitchen - day #4A#", "EXT. LOT--DAY",
    "I/E CAR - MOVING", ".FORCED", ".lower forced #2#", "...", "MARA", "MARA (V.O.)",
    "GUS (CONT'D) ^", "@McCLANE", "@", "^", "~", "~la la", "(beat)", "(quietly,", "almost)",
    "Hello there.", "CUT TO:", "> FADE OUT.", ">", "<", "> THE END <", ">x<", "===", "==", "=",
    "= synopsis", "#", "## Section", "[[", "]]", "[[note]]", "[[ [x] ]]", "/*", "*/", "/", "*",
    "Title: Night", "Author:", "    indented value", "Key: value", "!", "!FORCED", "!  spaced",
    "*italic* **bold** _under_", "\\*", "Zoë 東京 \u2028 \u00a0 \x85", "\u200b", "\ufeff", "\r",
    "FADE IN:", "A: b", "(", ")", "()", "MARA:", "23", "R2D2",
]  # fmt: skip

fountain_lines = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), min_size=0, max_size=30
).map("\n".join)
fountain_text = st.one_of(fountain_lines, st.text(max_size=200))


def _dump(screenplay: Screenplay) -> dict[str, Any]:
    return screenplay.model_dump(exclude=WITHOUT_START_LINES)


@settings(max_examples=300, deadline=None)
@given(fountain_text)
def test_any_text_parses_into_a_screenplay(text: str) -> None:
    screenplay = parse_fountain(text)
    assert isinstance(screenplay, Screenplay)
    line_count = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    starts = [scene.start_line or 0 for scene in screenplay.scenes]
    assert all(1 <= start <= line_count for start in starts)
    assert starts == sorted(starts)


@settings(max_examples=300, deadline=None)
@given(fountain_text)
def test_parse_export_parse_is_a_fixed_point(text: str) -> None:
    parsed = parse_fountain(text)
    exported = to_fountain(parsed)
    assert _dump(parse_fountain(exported)) == _dump(parsed)
    assert to_fountain(parse_fountain(exported)) == exported


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_screenplay_or_a_read_error(data: bytes) -> None:
    try:
        screenplay = FountainImporter().read(data)
    except ScriptReadError as error:
        assert str(error)
    else:
        assert screenplay.source.format == "fountain"
        assert screenplay.source.encoding
