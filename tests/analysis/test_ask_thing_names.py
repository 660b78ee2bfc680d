"""A thing's name is a title-case word inside the sentence beside the thing, not one that opens
a quote, a clause after a colon or dash, or a parenthesis: ``pats the dog and whispers, "Hush
now."`` names no dog Hush (the rule before da607e8 read only words after a lower-case word,
comma or semicolon; the window rule dropped that)."""

from __future__ import annotations

import pytest

from assistant.analysis.ask.answer_checks import _title_beside
from assistant.analysis.ask.service import Asker
from assistant.script.fountain import parse_fountain
from assistant.script.reading import finish_screenplay
from tests.fakes import FakeTextModel, fake_settings

_YARD = """\
EXT. YARD - DAY

NORA (50s) pats the dog and whispers, "Hush now."

NORA
Stay there, both of you.
"""


@pytest.fixture
def yard(model: FakeTextModel) -> Asker:
    return Asker(finish_screenplay(parse_fountain(_YARD)), fake_settings(), use_llm=False)


def test_a_word_opening_a_quote_does_not_name_the_thing(yard: Asker) -> None:
    answer = yard.ask("What is the name of Nora's dog?")
    assert answer.abstained and "give no dog a name" in answer.answer


@pytest.mark.parametrize(
    "text",
    ["The dog whines -- Nothing moves.", "Nora pats the dog (Tuesday).", "The dog barks: Quiet."],
)
def test_a_word_after_punctuation_names_nothing(text: str) -> None:
    assert not _title_beside("dog", text)


@pytest.mark.parametrize(
    "text", ["He walks his old dog Biscuit.", "Slow down, Biscuit, good dog.", "the dog, Rex, sits"]
)
def test_a_word_inside_the_sentence_beside_the_thing_names_it(text: str) -> None:
    assert _title_beside("dog", text)


def test_the_thing_named_ends_before_a_relative_clause() -> None:
    # v3 ss-08 (tuning since wave 11): "the sick girl whose wake Cole goes to" took "goe", the
    # clause's last word, as the thing to be named, and no line names a "goe".
    from assistant.analysis.ask.answer_checks import thing_named

    asked = "What is the name of the sick girl whose wake Cole goes to?"
    assert thing_named(asked, {"cole"}) == "girl"
    assert thing_named("What is the name of the boat that Ivo sails?", {"ivo"}) == "boat"
    assert thing_named("What is the name of the dog who bites Ivo?", {"ivo"}) == "dog"
    assert thing_named("What is the name of Danny's dog?", {"danny"}) == "dog"
