"""The asked-for kind of fact must be there: a thing's name, an age, a middle name."""

from __future__ import annotations

import pytest

from assistant.analysis.ask.answer_checks import thing_named
from assistant.analysis.ask.fact_kinds import _AGE
from assistant.analysis.ask.service import Asker
from assistant.script.fountain import parse_fountain
from assistant.script.reading import finish_screenplay
from tests.fakes import FakeTextModel, fake_settings

_YARD = """\
INT. KENNEL - DAY

RUTH (40s) hoses down the empty runs of the old dog kennel.

RUTH
Hair of the dog, that's what I need after last night.

INT. GARAGE - NIGHT

ABEL (30s) polishes a red motorbike. He calls the motorbike "Dolores" when nobody listens.

ABEL
Dolores never lets me down, not once.

CLEM wanders in holding a mug and squints at the wall clock.

CLEM
The clock in here is twenty minutes slow again.

His licence lies on the bench: it reads Abel Stone, with a photo.
"""


@pytest.fixture
def asker(model: FakeTextModel) -> Asker:
    return Asker(finish_screenplay(parse_fountain(_YARD)), fake_settings(), use_llm=False)


def test_a_thing_mentioned_but_never_named_is_not_in_the_script(asker: Asker) -> None:
    answer = asker.ask("What is the name of Ruth's dog?")
    assert answer.abstained and "give no dog a name" in answer.answer
    named = asker.ask("What is Abel's motorbike called?")
    assert not named.abstained and "Dolores" in named.answer


def test_a_number_word_counting_minutes_is_not_an_age(asker: Asker) -> None:
    assert asker.ask("How old is Clem?").abstained
    assert not asker.ask("How old is Ruth?").abstained  # RUTH (40s)


def test_a_middle_name_needs_two_names_after_the_first(asker: Asker) -> None:
    surname = asker.ask("What is Abel's last name?")
    assert not surname.abstained and "Abel Stone" in surname.answer
    middle = asker.ask("What is Abel's middle name?")
    assert middle.abstained and "never gives Abel's middle name" in middle.answer


def test_which_questions_ask_for_a_things_name() -> None:
    assert thing_named("What is the name of Ruth's dog?", {"ruth"}) == "dog"
    assert thing_named("What's the boat called?", set()) == "boat"
    assert thing_named("What is Ruth's first name?", {"ruth"}) is None  # a person's name
    assert thing_named("Where is the dog?", set()) is None


_KENNEL = """\
INT. FARMHOUSE - DAY

NORA (50s) feeds the chickens while the dogs bark at the gate where Walter Pike waits.

NORA
Come in, the dogs won't bite you.

EXT. FIELD - DAY

OTTO (60s) walks the fence line with his old dog Biscuit at his heels.

OTTO
Slow down, Biscuit, these legs are not what they were.
"""


@pytest.fixture
def kennel(model: FakeTextModel) -> Asker:
    return Asker(finish_screenplay(parse_fountain(_KENNEL)), fake_settings(), use_llm=False)


def test_a_name_far_from_the_thing_does_not_name_it(kennel: Asker) -> None:
    # "Walter Pike" is in the sentence holding "dogs", eight words away: the old rule (any
    # title-case word of the sentence) answered with it.
    answer = kennel.ask("What is the name of Nora's dog?")
    assert answer.abstained and "give no dog a name" in answer.answer


def test_a_name_beside_the_thing_names_it(kennel: Asker) -> None:
    answer = kennel.ask("What is the name of Otto's dog?")
    assert not answer.abstained and "Biscuit" in answer.answer


def test_a_things_name_must_come_from_where_its_owner_is(kennel: Asker) -> None:
    # Biscuit is Otto's dog, named in a scene Nora is not in: not an answer about Nora's dog,
    # even phrased so that only the field scene holds a named dog.
    answer = kennel.ask("What is Nora's old dog called?")
    assert answer.abstained


@pytest.mark.parametrize(
    ("line", "is_age"),
    [
        ("The lake's fifty-two today.", False),  # a thing's temperature, after its possessive
        ("Forty-five, maybe fifty of them.", False),  # counting, said on its own
        ("I'm seventeen.", True),
        ("She turned forty in the spring.", True),
        ("He looks older than his thirty-eight years.", True),
        ("At fourteen he ran away.", True),
        ("If she were fifteen, would you listen?", False),  # a hypothetical
    ],
)
def test_a_bare_age_word_must_follow_what_gives_an_age(line: str, is_age: bool) -> None:
    assert bool(_AGE.search(line)) is is_age
