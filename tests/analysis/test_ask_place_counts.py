"""Counts of scenes at a place ("How many scenes are set in the boiler room?"), on text of our
own: "set in" and "take place" are no question about the locations themselves, and a room written
after a slash in a heading (``SCHOOL/BOILER ROOM``) is a place a question can name."""

from __future__ import annotations

from assistant.analysis.ask.service import Asker
from assistant.script.fountain import parse_fountain
from assistant.script.reading import finish_screenplay
from tests.fakes import FakeTextModel, fake_settings

_SCHOOL = """\
INT. LARKSPUR HIGH SCHOOL/BOILER ROOM - NIGHT

Tomas hides the map behind a pipe.

INT. LARKSPUR HIGH SCHOOL/LIBRARY - DAY

Ines reads a book about ships.

INT. LARKSPUR HIGH SCHOOL/BOILER ROOM - DAY

Ines finds the map.

EXT. HARBOUR - DUSK

Tomas and Ines watch the ships.
"""


def _ask(question: str) -> str:
    asker = Asker(finish_screenplay(parse_fountain(_SCHOOL)), fake_settings(), use_llm=False)
    answer = asker.ask(question)
    assert answer.path == "tool", answer.answer
    return answer.answer


def test_scenes_set_in_a_room_after_a_slash_are_counted(model: FakeTextModel) -> None:
    assert _ask("How many scenes are set in the boiler room?").startswith(
        "The script has 2 scenes at BOILER ROOM"
    )
    assert _ask("In how many scenes does the story take place in the library?").startswith(
        "The script has 1 scene at LIBRARY"
    )


def test_a_count_of_the_locations_themselves_still_counts_locations(model: FakeTextModel) -> None:
    # Two headings name the school's rooms, one the harbour: three distinct locations.
    assert _ask("How many locations are there?").startswith("The script has 3 distinct")
    assert _ask("How many sets does the story use?").startswith("The script has 3 distinct")
