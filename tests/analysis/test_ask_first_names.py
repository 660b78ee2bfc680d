"""First names (wave 10), on text of our own: a word the script writes in lower case more often
than capitalised inside its sentences is no first name ("On", "Coroner", "Detectives" before a
surname), real names that are also ordinary words still are, and ranks and kin words stand
before a surname without being its first name."""

from __future__ import annotations

import pytest

from assistant.analysis.ask.service import Asker
from assistant.script.fountain import parse_fountain
from assistant.script.reading import finish_screenplay
from tests.fakes import FakeTextModel, fake_settings


def _asker(text: str) -> Asker:
    return Asker(finish_screenplay(parse_fountain(text)), fake_settings(), use_llm=False)


_MORGUE = """\
INT. MORGUE - NIGHT

The lamp hums {lower} the steel table, and the tray sits {lower} a cart.
Rain ticks, {word} Varga the door swings shut.

VARGA
Leave the lamp {lower}.
"""

# Each word before the cue, with how the script writes it in lower case elsewhere.
_ORDINARY = [
    ("On", "on"),
    ("Of", "of"),
    ("There", "there"),
    ("Coroner", "coroner"),
    ("Detectives", "detectives"),
]


@pytest.mark.parametrize(("word", "lower"), _ORDINARY)
def test_a_word_mostly_lower_case_inside_sentences_is_no_first_name(
    model: FakeTextModel, word: str, lower: str
) -> None:
    # Each was given as Varga's first name: the word stood inside a sentence before the cue.
    asker = _asker(_MORGUE.format(word=word, lower=lower))
    answer = asker.ask("What is Varga's first name?")
    assert answer.abstained and "never gives Varga's first name" in answer.answer, answer.answer


_YARD = """\
EXT. BREAKER'S YARD - DAY

Jack Pruitt winds the jack under the truck. Mina hands Jack a rag.
Reggie Oyelaran counts bolts while Mina pays Reggie and tears up the bill.

PRUITT
Thanks, Bill.

KASPAREK
Sure. Tell Jack the bill is paid.

OYELARAN
Forty bolts.

Mina shouts at Bill Kasparek, then at Jack, Reggie and Bill.
"""


@pytest.mark.parametrize(
    ("cue", "name"), [("Pruitt", "Jack"), ("Oyelaran", "Reggie"), ("Kasparek", "Bill")]
)
def test_real_names_that_are_also_ordinary_words_stay_first_names(
    model: FakeTextModel, cue: str, name: str
) -> None:
    # "jack" and "bill" are written in lower case too, but inside sentences the script writes
    # them capitalised more often; "Jack Pruitt" opens its sentence, which no longer matters.
    answer = _asker(_YARD).ask(f"What is {cue}'s first name?")
    assert not answer.abstained and f"{name} {cue}" in answer.answer, answer.answer


_RANKS = ["Marshal", "Ranger", "Trooper", "Doc", "Cousin", "Nanny", "Ma", "Pa"]


@pytest.mark.parametrize("rank", _RANKS)
def test_a_rank_or_kin_word_before_the_cue_is_no_first_name(
    model: FakeTextModel, rank: str
) -> None:
    # Never written in lower case here, so the word passed as Varga's first name.
    text = f"INT. CABIN - NIGHT\n\nThe stove ticks. Mina nods to {rank} Varga.\n\nVARGA\nSit.\n"
    answer = _asker(text).ask("What is Varga's first name?")
    assert answer.abstained and "never gives Varga's first name" in answer.answer, answer.answer
