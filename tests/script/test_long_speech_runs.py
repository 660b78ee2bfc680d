"""The run-wise steps for long speeches write and read what the steps per part do.

Each shortcut (the Fountain export's lines of one-line parts, the reader's ``one_part_per_line``)
is compared with the loop it skips, on speeches long enough to take it, with texts that pass or
break its conditions.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.script import fountain_dialogue, fountain_export
from assistant.script.fountain_dialogue import one_part_per_line
from assistant.script.fountain_export import to_fountain
from assistant.script.model import (
    CharacterCue,
    Dialogue,
    Parenthetical,
    Scene,
    Screenplay,
    Speech,
)
from tests.script.speech_strategies import long_speech_parts

texts = st.one_of(
    st.sampled_from(["b", "(a)", "", " ", "  ", "a\nb", "(a", "~la", " (x) ", "&<", "\x01"]),
    st.text(alphabet="ab ()~&<\n\x0b", max_size=5),
)
speeches = st.builds(
    Dialogue,
    cue=st.builds(CharacterCue, name=st.sampled_from(["MARA", "JO"]), forced=st.booleans()),
    parts=st.one_of(
        long_speech_parts(texts),
        # No lyric: the Fountain shortcut's kinds, with texts that pass or break its conditions.
        st.lists(
            st.one_of(
                texts.map(lambda t: Speech(text=t)), texts.map(lambda t: Parenthetical(text=t))
            ),
            min_size=14,
            max_size=40,
        ),
        st.lists(st.sampled_from([Speech(text="b"), Parenthetical(text="(a)")]), min_size=17),
    ),
)


def _script(dialogue: Dialogue) -> Screenplay:
    return Screenplay(scenes=[Scene(elements=[dialogue])])


@settings(max_examples=400, deadline=None)
@given(speeches)
def test_a_long_speech_is_exported_as_part_by_part(dialogue: Dialogue) -> None:
    screenplay = _script(dialogue)
    fountain = to_fountain(screenplay)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fountain_export, "ONE_PART_LINES", 10**9)
        assert to_fountain(screenplay) == fountain


@settings(max_examples=400, deadline=None)
@given(st.lists(texts.map(lambda text: text.replace("\n", "").strip()), max_size=40))
def test_one_part_per_line_says_what_the_loop_reads(body: list[str]) -> None:
    # When it gives types, the loop reads each line (stripped, as the reader gives them) as a
    # part of that type with that text; when it does not, the loop does not.
    types = one_part_per_line(body)
    if types is not None:
        parts = fountain_dialogue._dialogue_parts(["MARA", *body])
        assert [part["type"] for part in parts] == types
        assert [part["text"] for part in parts] == body
    else:
        parts = fountain_dialogue._dialogue_parts(["MARA", *body])
        one_each = [part["text"] for part in parts] == body
        assert not one_each or any(line[:1] == "(" and line[-1:] != ")" for line in body)


def test_the_shortcuts_are_taken_on_an_alternating_speech() -> None:
    body = ["(a)", "b"] * 20
    assert one_part_per_line(body) == ["parenthetical", "speech"] * 20
    dialogue = fountain_dialogue.read_dialogue(["MARA", *body])
    assert dialogue is not None
    model = Dialogue.model_validate(dialogue[2])
    assert fountain_export._one_line_texts(model.parts) == body
    assert to_fountain(_script(model)).endswith("MARA\n" + "\n".join(body) + "\n")
