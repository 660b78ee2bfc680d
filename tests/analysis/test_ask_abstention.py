"""Unanswerable questions (wave 10), on text of our own: a number word handed over is no age, a
car's model year is not the story's year, a fee asks for a sum, evening is not night, and a
place named after a character does not also filter on that character."""

from __future__ import annotations

from assistant.analysis.ask.extractive import FACT_KINDS
from assistant.analysis.ask.service import Asker
from assistant.script.fountain import parse_fountain
from assistant.script.reading import finish_screenplay
from tests.fakes import FakeTextModel, fake_settings

_FARM = """\
EXT. VARGA'S FARM - DAY

Varga polishes a 1968 Cutlass in the barn. Mina leans on the fence.

MINA
Can you spare me a twenty? The fair charges at the gate.

VARGA
Take a twenty from the tin.

INT. VARGA'S FARM - EVENING

Mina counts coins at the table. The radio plays low.

EXT. VARGA'S FARM - NIGHT

Varga reads palms for the fair crowd by lantern light. Mina sells lemonade.

INT. FAIR TENT - NIGHT

Mina hangs the lanterns alone.
"""


def _asker() -> Asker:
    return Asker(finish_screenplay(parse_fountain(_FARM)), fake_settings(), use_llm=False)


def _holds(kind: str, text: str) -> bool:
    pattern = next(holds for name, _, holds in FACT_KINDS if name == kind)
    return bool(pattern.search(text))


def test_a_number_word_after_an_article_is_no_age() -> None:
    # "a twenty" handed over answered "How old is ...?" as an age.
    assert not _holds("an age", "Take a twenty from the tin.")
    assert not _holds("an age", "He peels off the fifty and pays.")
    assert _holds("an age", "She is twenty, maybe.")
    assert _holds("an age", "A twenty-year-old clerk waves.")
    assert _holds("an age", "Mina, twenty-six, sells lemonade.")
    # a possessive is no article: found on a tuning file, where the age was lost this way
    assert _holds("an age", "Nell seems tired beyond her forty-one years.")


def test_how_old_with_only_a_note_handed_over_is_not_in_the_script(model: FakeTextModel) -> None:
    answer = _asker().ask("How old is Mina?")
    assert answer.abstained, answer.answer


def test_a_model_year_is_not_the_storys_year() -> None:
    # "a 1968 Cutlass" answered what year the story is set in.
    assert not _holds("a year", "Varga polishes a 1968 Cutlass in the barn.")
    assert not _holds("a year", "He sold his 1957 Chevy.")
    assert _holds("a year", "In 1968 the barn burned.")
    assert _holds("a year", "SUPER: Ohio, 1968")
    assert _holds("a year", "It was the summer of 1968.")


def test_what_year_with_only_a_model_year_is_not_in_the_script(model: FakeTextModel) -> None:
    answer = _asker().ask("What year is the story set in?")
    assert answer.abstained, answer.answer


def test_what_someone_charges_asks_for_a_sum(model: FakeTextModel) -> None:
    asks = next(asks for name, asks, _ in FACT_KINDS if name == "a sum of money")
    assert asks.search("How much does Varga charge for a palm reading?")
    assert asks.search("How much is the charge to get in?")
    answer = _asker().ask("How much does Varga charge for reading palms?")
    assert answer.abstained, answer.answer


def test_evening_is_not_night(model: FakeTextModel) -> None:
    # An EVENING heading was counted as a night scene.
    answer = _asker().ask("How many night scenes are there?")
    assert answer.path == "tool" and "has 2 night scenes" in answer.answer, answer.answer
    # said, for whoever counts evening as night (a tuning file's gold does)
    assert answer.answer.endswith("Counted apart: 1 at evening, dusk or sunset.")
    evening = _asker().ask("How many evening scenes are there?")
    assert evening.path == "tool" and "has 1 evening scene" in evening.answer, evening.answer


def test_a_place_named_after_a_character_counts_every_scene_there(model: FakeTextModel) -> None:
    # "Varga's farm" filtered on Varga as well: the evening scene, without him, was left out.
    answer = _asker().ask("How many scenes are set at Varga's farm?")
    assert answer.path == "tool" and "has 3 scenes" in answer.answer, answer.answer
    assert "with Varga" not in answer.answer


_DINNER = """\
INT. BRANDT KITCHEN - NIGHT

Ada and Ivo Brandt lay the table for six. Ada Brandt lights the candles.

ADA
Sit anywhere.

IVO
The soup is cold again.
"""


def test_a_maiden_name_is_not_the_married_surname(model: FakeTextModel) -> None:
    # "Ada Brandt" answered what Ada's maiden name is: the surname a script gives a married
    # woman is the married one, and a sentence giving it says nothing of the maiden name.
    asker = Asker(finish_screenplay(parse_fountain(_DINNER)), fake_settings(), use_llm=False)
    answer = asker.ask("What is Ada's maiden name?")
    assert answer.abstained and "never gives Ada's maiden name" in answer.answer, answer.answer


def test_a_maiden_name_the_script_says_is_one(model: FakeTextModel) -> None:
    text = _DINNER.replace("Sit anywhere.", "My maiden name was Ada Kessler, you know.")
    asker = Asker(finish_screenplay(parse_fountain(text)), fake_settings(), use_llm=False)
    answer = asker.ask("What is Ada's maiden name?")
    assert not answer.abstained and "Ada Kessler" in answer.answer, answer.answer
