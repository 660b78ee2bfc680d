""" "In how many scenes does Ada speak?" counts the scenes where she speaks, not every scene she
is in (named in action too): found on v5 as tuning data (wave 14b), on text of our own."""

from __future__ import annotations

from assistant.analysis.ask.service import Asker
from assistant.script.fountain import parse_fountain
from assistant.script.reading import finish_screenplay
from tests.fakes import FakeTextModel, fake_settings

_DOCKS = """\
INT. BOATHOUSE - DAY

ODILE
The tide turns at noon.

EXT. PIER - DAY

Odile coils a rope in silence while gulls circle.

EXT. PIER - NIGHT

IVO
Nobody is coming.
"""


def test_a_speaking_count_counts_only_the_scenes_with_speech(model: FakeTextModel) -> None:
    asker = Asker(finish_screenplay(parse_fountain(_DOCKS)), fake_settings(), use_llm=False)
    answer = asker.ask("In how many scenes does Odile speak?")
    assert answer.path == "tool" and "has 1 scene where Odile speaks" in answer.answer, (
        answer.answer
    )
    present = asker.ask("How many scenes is Odile in?")
    assert "has 2 scenes with Odile" in present.answer, present.answer


_HALL = """\
INT. NORTHVALE TOWN HALL - DAY

Chairs scrape on the wooden floor.

INT. NORTHVALE TOWN HALL - NIGHT

The lights flicker once.

EXT. HARBOUR - DAY

Boats knock together.
"""


def test_a_place_is_named_by_its_last_two_words(model: FakeTextModel) -> None:
    # "the town hall" for NORTHVALE TOWN HALL: counted as the scenes there, not all of them.
    asker = Asker(finish_screenplay(parse_fountain(_HALL)), fake_settings(), use_llm=False)
    answer = asker.ask("How many scenes take place at the town hall?")
    assert answer.path == "tool" and "has 2 scenes" in answer.answer, answer.answer


def test_the_last_scene_says_who_is_in_it(model: FakeTextModel) -> None:
    # The reading (three sentences and the last) may stop before someone enters.
    text = _DOCKS + "\nMarta steps out of the fog.\n\nMARTA\nThen we wait.\n"
    asker = Asker(finish_screenplay(parse_fountain(text)), fake_settings(), use_llm=False)
    answer = asker.ask("What happens in the last scene?")
    assert answer.path == "tool" and answer.answer.endswith("In it: Ivo, Marta."), answer.answer
