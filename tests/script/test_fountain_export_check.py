"""The exporter's fast dialogue check answers as validating and comparing models does."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from assistant.script import fountain, fountain_dialogue, fountain_export
from assistant.script.fountain import DualRight, read_fragment, read_raw_fragment
from assistant.script.fountain_dialogue import ELEMENT, one_part_per_line
from assistant.script.fountain_export import dialogue_reads_as
from assistant.script.model import (
    CharacterCue,
    Dialogue,
    DialogueLyric,
    Element,
    Parenthetical,
    SceneHeading,
    Speech,
)
from tests.script.speech_strategies import long_speech_parts

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

# Characters that change how a paragraph reads: cue rules, extensions, forcing marks, notes,
# lyrics, emphasis, dual dialogue, headings and transitions.
HOSTILE = "AMa (.)^@!~[]*_:#=>< \nINT.EXT/TO"
texts = st.text(alphabet=HOSTILE, max_size=12)
parts = st.one_of(
    texts.map(lambda text: Speech(text=text)),
    texts.map(lambda text: Parenthetical(text=text)),
    texts.map(lambda text: DialogueLyric(text=text)),
)
cues = st.builds(
    CharacterCue,
    name=st.one_of(st.sampled_from(["MARA", "DR. NO", "MARA (V.O.)", "mara"]), texts),
    extensions=st.lists(st.sampled_from(["V.O.", "CONT'D", "", "o.s."]), max_size=2),
    forced=st.booleans(),
)
dialogues = st.builds(Dialogue, cue=cues, parts=st.lists(parts, max_size=3))
words = st.text(alphabet="ab .?", min_size=1, max_size=8).filter(lambda t: t.strip() == t)
plain = st.builds(
    Dialogue,
    cue=st.builds(
        CharacterCue,
        name=st.sampled_from(["MARA", "DR. NO", "JO-ANN"]),
        extensions=st.lists(st.sampled_from(["V.O.", "CONT'D"]), max_size=2),
    ),
    parts=st.lists(
        st.one_of(
            words.map(lambda text: Speech(text=text)),
            words.map(lambda text: Parenthetical(text=f"({text})")),
            words.map(lambda text: DialogueLyric(text=text)),
            words.map(lambda text: Speech(text=f"({text})")),  # reads as a parenthetical
        ),
        min_size=1,
        max_size=3,
    ),
)
written = st.one_of(
    st.tuples(texts, dialogues),
    dialogues.map(lambda d: (_written(d), d)),
    plain.map(lambda d: (_written(d), d)),
)


def _written(dialogue: Dialogue) -> str:
    """The dialogue as the exporter writes it before checking, so most examples read back."""
    cue = dialogue.cue.name + "".join(f" ({e})" for e in dialogue.cue.extensions)
    lines = [f"~{p.text}" if p.type == "lyric" else p.text for p in dialogue.parts]
    return "\n".join([cue, *lines])


@settings(max_examples=600, deadline=None)
@given(written)
def test_fast_check_agrees_with_the_models(case: tuple[str, Dialogue]) -> None:
    text, dialogue = case
    assert dialogue_reads_as(text, dialogue) == (read_fragment(text) == [dialogue])


def test_fast_check_on_plain_cases() -> None:
    mara = Dialogue(cue=CharacterCue(name="MARA", extensions=["V.O."]), parts=[Speech(text="Hi.")])
    assert dialogue_reads_as("MARA (V.O.)\nHi.", mara)
    assert not dialogue_reads_as("MARA\nHi.", mara)
    assert not dialogue_reads_as("MARA (V.O.)\nHi.\n\nJOE\nYo.", mara)
    assert not dialogue_reads_as("MARA (V.O.) ^\nHi.", mara)  # the right half of dual dialogue
    said = Dialogue(cue=CharacterCue(name="MARA"), parts=[Speech(text="(softly)")])
    assert not dialogue_reads_as("MARA\n(softly)", said)  # read back as a parenthetical


def test_fragments_validate_as_the_element_union_does() -> None:
    # read_fragment picks each element's class by its type tag instead of building a
    # TypeAdapter of the union (a schema built once per process, ~1.5 ms): the same models.
    adapter: TypeAdapter[Element] = TypeAdapter(Element)
    texts = [path.read_text("utf-8") for path in sorted(FIXTURES.glob("**/*.fountain"))]
    texts.append("> THE END <\n\n# act\n\n= so\n\n===\n\n[[a note]]\n\n~la\n\n!HI [[shot 3]]")
    checked = 0
    for text in texts:
        raw = [data for kind, data in read_raw_fragment(text) if kind == ELEMENT]
        read = [
            piece
            for piece in read_fragment(text)
            if not isinstance(piece, SceneHeading | DualRight)
        ]
        assert read == [adapter.validate_python(data) for data in raw]
        checked += len(raw)
    assert checked > 100


@pytest.mark.parametrize(
    ("piece", "named"),
    [({"type": "bogus", "text": "x"}, "'bogus'"), ({"text": "x"}, "None"), ({"type": 3}, "3")],
)
def test_an_unknown_element_type_is_a_clear_value_error(
    monkeypatch: pytest.MonkeyPatch, piece: dict[str, object], named: str
) -> None:
    # Only a reader bug (or a piece made elsewhere) can give one: it was a bare KeyError.
    monkeypatch.setattr(fountain, "_read_paragraph", lambda block: [(0, ELEMENT, piece)])
    with pytest.raises(ValueError, match=f"unknown Fountain element type {named} .*action"):
        read_fragment("Anything.")


short_texts = st.one_of(
    words,
    words.map(lambda text: f"({text})"),
    st.sampled_from(["(", "(a", "a)", "~la", " b", "b ", "", "MARA", "(a)\nb", "*a*"]),
    st.text(alphabet=HOSTILE, max_size=4),
)
long_parts = long_speech_parts(short_texts)
long_dialogues = st.builds(Dialogue, cue=cues, parts=long_parts)
# Most long speeches the exporter writes are lines of speech and parentheticals in turn.
alternating = st.builds(
    lambda cue, pairs: Dialogue(
        cue=cue,
        parts=[p for text in pairs for p in (Parenthetical(text=f"({text})"), Speech(text=text))],
    ),
    cues,
    st.lists(words, min_size=8, max_size=20),
)


@settings(max_examples=600, deadline=None)
@given(st.one_of(long_dialogues, alternating).map(lambda d: (_written(d), d)))
def test_the_long_speech_check_agrees_with_the_models(case: tuple[str, Dialogue]) -> None:
    # Long speeches whose lines are each a part are checked without the parser's loop
    # (``one_part_per_line``): the answer must be the models' one, and the loop's.
    text, dialogue = case
    expected = read_fragment(text) == [dialogue]
    assert dialogue_reads_as(text, dialogue) == expected
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fountain_export, "ONE_PART_LINES", 10**9)
        assert dialogue_reads_as(text, dialogue) == expected


def test_the_long_speech_check_is_taken_and_agrees_with_the_loop() -> None:
    body = ["(a)", "b"] * 20
    assert one_part_per_line(body) == ["parenthetical", "speech"] * 20
    parts = fountain_dialogue._dialogue_parts(["MARA", *body])
    assert [p["type"] for p in parts] == one_part_per_line(body)
    assert [p["text"] for p in parts] == body
    assert one_part_per_line(["b", "c", "(a)"]) is None  # two speech lines: one part
    assert one_part_per_line(["(a", "b)"]) is None  # a parenthetical over two lines
    assert one_part_per_line(["~la", "(a)"]) is None  # a lyric


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(short_texts, short_texts.map(lambda t: f"({t})")), max_size=40))
def test_read_dialogue_of_a_long_speech_agrees_with_the_loop(body: list[str]) -> None:
    # The reader is given lines: a text holding a line break ("(a)\nb") is two of them.
    stripped = ["MARA", *(line.strip() for text in body for line in text.split("\n"))]
    piece = fountain_dialogue.read_dialogue(stripped)
    assert piece is not None
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fountain_dialogue, "ONE_PART_LINES", 10**9)
        assert fountain_dialogue.read_dialogue(stripped) == piece
