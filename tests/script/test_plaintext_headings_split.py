"""A heading's prose split reads in one pass as the word-by-word rescan it replaced did.

``_split_prose`` finds where the prose after a heading in capitals starts
(``INT. LAB - DAY Mara walks in``). It used to slice the text and test the capitals before every
word again, which was quadratic on a long line and cubic on a line of many dotted ``INT.`` tokens
(``_heading_plan`` split from each in turn). The reference below is that rescan, kept as the
definition; the one-pass version must give the same answer on generated lines.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from assistant.script.plaintext_headings import _split_prose, find_heading
from assistant.script.plaintext_lines import is_uppercase

_PROSE_START = re.compile(r"^(?:[A-Z][a-z’']+|[AI])\s+[a-z]")


def rescan_split(text: str) -> tuple[str, str]:
    """The split as first written: every word's rest and prefix read again."""
    tokens = list(re.finditer(r"\S+", text))
    for k, token in enumerate(tokens):
        if k == 0:
            continue
        rest = text[token.start() :]
        if _PROSE_START.match(rest) and is_uppercase(text[: token.start()]):
            return text[: token.start()].rstrip(), rest
    return text, ""


WORDS = [
    "INT.", "EXT.", "INT./EXT.", "I/E.", "LAB", "A", "I", "a", "Mara", "McCLANE", "DR.", "McCOY'S",
    "walks", "in", "-", "DAY", "NIGHT", "O'", "D’a", "Ab", "c", "ÉCOLE", "école", "ǅ", "Σ", "3",
    "(V.O.)", "the", "city.",
]  # fmt: skip
SPACES = [" ", "  ", "\t", " " * 30, "\u00a0", "\x1c"]


@st.composite
def heading_lines(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), max_size=40))
    gaps = draw(st.lists(st.sampled_from(SPACES), min_size=len(words), max_size=len(words)))
    lead = draw(st.sampled_from(["", " ", "  "]))
    return lead + "".join(word + gap for word, gap in zip(words, gaps, strict=True)).rstrip(
        draw(st.sampled_from(["", " "]))
    )


@settings(max_examples=600, deadline=None)
@given(heading_lines())
@example("INT. LAB - DAY Mara walks in")
@example("INT. ab Ab c Ab c")
@example("A a")
@example("ǅ Mara walks")
def test_one_pass_split_is_the_rescan(text: str) -> None:
    assert _split_prose(text) == rescan_split(text)


@settings(max_examples=600, deadline=None)
@given(heading_lines(), st.integers(0, 60), st.sampled_from([0, 5, 20, 120]))
def test_a_split_from_a_word_with_a_longest_heading(text: str, start: int, longest: int) -> None:
    start = min(start, len(text))
    tail, after = rescan_split(text[start:])
    expected = None if len(tail) > longest else (tail, after)
    assert _split_prose(text, start, longest) == expected


def test_headings_still_split_from_their_prose() -> None:
    match = find_heading("INT. LAB - DAY Mara walks in")
    assert match is not None and match.heading is not None
    assert match.heading.text == "INT. LAB - DAY"
    assert match.after == "Mara walks in"
    glued = find_heading("the city. EXT. ROAD - NIGHT A car waits")
    assert glued is not None and glued.heading is not None
    assert (glued.before, glued.heading.text, glued.after) == (
        "the city.",
        "EXT. ROAD - NIGHT",
        "A car waits",
    )
