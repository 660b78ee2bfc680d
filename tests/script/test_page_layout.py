"""The one-line shortcut of a long speech's measure agrees with the part-by-part measure."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.script import page_layout
from assistant.script.model import CharacterCue, Dialogue, DialogueLyric, Parenthetical, Speech
from assistant.script.page_layout import DEFAULT_LAYOUT, speech_line_total, speech_lines
from tests.script.speech_strategies import long_speech_parts

texts = st.one_of(
    st.sampled_from(["a", "(a)", "", " ", "a\nb", "*a*", "_a", "[[n]]", "x" * 40, "y" * 80]),
    st.text(alphabet="ab ()*_[]\n", max_size=6),
)
parts = long_speech_parts(texts)
plain = st.lists(
    st.sampled_from([Speech(text="a"), Parenthetical(text="(a)"), Speech(text="Go.")]),
    min_size=17,
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(parts, plain), st.sampled_from([0, 20, 30]))
def test_a_long_speech_measures_as_part_by_part(
    speech: list[Speech | Parenthetical | DialogueLyric], column: int
) -> None:
    dialogue = Dialogue(cue=CharacterCue(name="MARA"), parts=speech)
    fast = speech_lines(dialogue, DEFAULT_LAYOUT, column)
    total = speech_line_total(dialogue, DEFAULT_LAYOUT, column)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(page_layout, "ONE_LINE_PARTS", 10**9)
        slow = speech_lines(dialogue, DEFAULT_LAYOUT, column)
        assert speech_line_total(dialogue, DEFAULT_LAYOUT, column) == total
    assert (fast.parts, fast.body, fast.total) == (slow.parts, slow.body, slow.total)
