"""Lookups whose fact has a known form: a surname the action gives once, a sum in words, a
distance, and a name in the line after a thing that names something else (all text ours)."""

from __future__ import annotations

import pytest

from assistant.analysis.ask.service import Asker
from assistant.script.fountain import parse_fountain
from assistant.script.reading import finish_screenplay
from tests.fakes import FakeTextModel, fake_settings

_COAST = """\
EXT. LIGHTHOUSE - DAY

WREN HOLLOWAY, 40s, a keeper with salt in her hair, climbs the iron stairs.

WREN
Another storm by morning.

INT. LIGHTHOUSE - LAMP ROOM - NIGHT

Wren polishes the lens. Wren hums. Wren checks the lamp again.

WREN
Wren, you talk to yourself too much.

EXT. HARBOUR - DAY

Wren waits on the quay. Wren waves at the ferry.

WREN
Wren always comes to meet the boat.

INT. FERRY - DAY

Wren rides the ferry. A ferry sails the forty miles out to the lighthouse.

EXT. QUAY - DUSK

From the harbour the lighthouse looks far, far away tonight, and the harbour is quiet.

INT. BOATYARD - DAY

Wren counts the money for the boat. The seller nods at the boat.

SELLER
One point five million, and the boat is yours.

EXT. BEACH - NIGHT

BACK TO THE ADULT WREN, Wren alone on the sand, Wren remembering.

EXT. MILL - DAY

OTTO GRUNTS. Otto lifts a sack at the old mill by the town.

OTTO
Heavy today.

EXT. PATH - DAY

Pip dogs Hal's every step along the path.

PIP
I read a book by a man named Voss.

HAL
Never heard of him.
"""


@pytest.fixture
def coast(model: FakeTextModel) -> Asker:
    return Asker(finish_screenplay(parse_fountain(_COAST)), fake_settings(), use_llm=False)


def test_a_surname_given_once_is_found_where_the_action_introduces_her(coast: Asker) -> None:
    # Five scenes full of "Wren" outrank her introduction, and "ADULT WREN" (a run in capitals
    # ending in her name) is no surname: before, Slate quoted it as one.
    answer = coast.ask("What is Wren's surname?")
    assert not answer.abstained
    assert "WREN HOLLOWAY" in answer.answer and "ADULT" not in answer.answer
    assert answer.scenes[0].start_line == 1


def test_a_run_in_capitals_that_is_no_introduction_gives_no_surname(coast: Asker) -> None:
    answer = coast.ask("What is Otto's last name?")  # OTTO GRUNTS.
    assert answer.abstained and "never gives Otto's surname" in answer.answer


def test_a_sum_in_words_counts_as_money(coast: Asker) -> None:
    answer = coast.ask("How much does the boat cost?")
    assert not answer.abstained and "One point five million" in answer.answer


def test_how_far_is_answered_by_a_distance_or_not_at_all(coast: Asker) -> None:
    answer = coast.ask("How far is the lighthouse from the harbour?")
    assert not answer.abstained and "forty miles" in answer.answer
    assert coast.ask("How far is the mill from the town?").abstained


def test_a_name_in_the_next_line_that_names_something_else_names_no_dog(coast: Asker) -> None:
    answer = coast.ask("What is the name of Hal's dog?")
    assert answer.abstained and "give no dog a name" in answer.answer


def test_a_long_run_of_digits_and_commas_is_read_in_linear_time(model: FakeTextModel) -> None:
    # The distance pattern started a number at every digit of "1,1,1,..." and read the run to its
    # end each time: these 80,000 characters took about a minute. The alarm is generous, not a
    # timing.
    from tests.script.test_adversarial_inputs import alarm

    text = "INT. ROOM - DAY\n\nThe tally reads " + "1," * 40000 + " and the ferry is far.\n"
    asker = Asker(finish_screenplay(parse_fountain(text)), fake_settings(), use_llm=False)
    with alarm(30):
        answer = asker.ask("How far is the ferry?")
    assert answer.abstained and "name no distance" in answer.answer


def test_a_long_run_of_digits_and_commas_is_no_slow_sum(model: FakeTextModel) -> None:
    # The sum pattern read "1,1,1,..." the same way as the distance one: quadratic, these 80,000
    # characters took over a minute.
    from tests.script.test_adversarial_inputs import alarm

    text = "INT. ROOM - DAY\n\nThe ferry tally reads " + "1," * 40000 + " and no price.\n"
    asker = Asker(finish_screenplay(parse_fountain(text)), fake_settings(), use_llm=False)
    with alarm(30):
        answer = asker.ask("How much money does the ferry cost?")
    assert answer.abstained and "name no money" in answer.answer


@pytest.mark.parametrize(
    "distance", ["a mile", "half a mile", "eighteen miles", "a kilometre", "a block"]
)
def test_a_distance_with_an_article_or_a_teen_is_a_distance(
    model: FakeTextModel, distance: str
) -> None:
    # "How far" abstained ("name no distance") on these, which only digits and the number words
    # up to twelve, fifteen and the tens counted as; before distances were a kind, they answered.
    text = (
        "INT. KITCHEN - DAY\n\nJUNE\nWhere is the farm?\n\nEXT. ROAD - DAY\n\n"
        f"June walks. The farm is {distance} down the road.\n\nJUNE\nNearly there.\n"
    )
    asker = Asker(finish_screenplay(parse_fountain(text)), fake_settings(), use_llm=False)
    answer = asker.ask("How far is the farm?")
    assert not answer.abstained and distance in answer.answer


@pytest.mark.parametrize("naming", ["The one he named Rex.", "A mutt we named Rex."])
def test_a_pronoun_before_named_in_the_next_line_is_no_other_thing(
    model: FakeTextModel, naming: str
) -> None:
    # The word before "named" was taken for another noun ("a man named Voss") when it was the
    # one who names: a false abstention ("give no dog a name"); before wave 7 it answered.
    text = (
        "INT. KITCHEN - DAY\n\nHAL\nMorning.\n\nEXT. YARD - DAY\n\n"
        f"Hal throws a stick for his old dog. {naming}\n\nHAL\nFetch.\n"
    )
    asker = Asker(finish_screenplay(parse_fountain(text)), fake_settings(), use_llm=False)
    answer = asker.ask("What is the name of Hal's dog?")
    assert not answer.abstained


@pytest.mark.parametrize(
    "question", ["How far along is June's pregnancy?", "How far did Ray get in school?"]
)
def test_how_far_asking_for_progress_asks_for_no_distance(
    model: FakeTextModel, question: str
) -> None:
    # Every "how far" was taken as asking for a distance, so these abstained ("name no
    # distance") where the script answers them; before wave 7 they were answered.
    text = (
        "INT. KITCHEN - DAY\n\nJUNE\nMorning.\n\nINT. CLINIC - DAY\n\n"
        "The nurse reads the chart. June is six months pregnant.\n\n"
        "JUNE\nSix months along and still sick.\n\n"
        "INT. SCHOOL - DAY\n\nOld Ray left school at twelve, in the sixth grade.\n"
    )
    asker = Asker(finish_screenplay(parse_fountain(text)), fake_settings(), use_llm=False)
    assert not asker.ask(question).abstained
