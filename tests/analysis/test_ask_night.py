"""Night counts (wave 11), on text of our own: a night question counts the headings whose own
time is night; evening, dusk and sunset headings, and continuity headings after night ones, are
counted apart and said to be, so either reading of "night" can be checked against the answer."""

from __future__ import annotations

from assistant.analysis.ask.service import Asker
from assistant.script.fountain import parse_fountain
from assistant.script.reading import finish_screenplay
from tests.analysis.test_ask_eval_scoring import EVAL
from tests.fakes import FakeTextModel, fake_settings

_HARBOUR = """\
EXT. PIER - NIGHT

Oda ties the skiff to a post.

EXT. PIER - CONTINUOUS

Oda runs for the lamp.

EXT. BOATHOUSE - DUSK

Lev paints the hull.

EXT. COAST ROAD - SUNSET

Lev drives with the window down.

INT. CABIN - EVENING

Oda and Lev eat soup.

EXT. DOCK - LATER THAT NIGHT

Oda watches the water.

EXT. DOCK - DAY

Gulls on the rail.

INT. CABIN - MOMENTS LATER

Lev sleeps in a chair.
"""


def _asker() -> Asker:
    return Asker(finish_screenplay(parse_fountain(_HARBOUR)), fake_settings(), use_llm=False)


def test_a_continuity_heading_after_a_night_one_is_counted_apart(model: FakeTextModel) -> None:
    # "PIER - CONTINUOUS" after a night heading was counted as a night exterior (3, not 2):
    # the dev set's Die Hard gold counted such scenes, Jaws' and Sixth Sense's did not.
    answer = _asker().ask("How many night exteriors are there?")
    assert answer.path == "tool", answer.answer
    assert answer.answer.startswith("The script has 2 night exterior scenes"), answer.answer
    assert "1 continuity scene after a night one" in answer.answer, answer.answer


def test_dusk_and_sunset_are_counted_apart_with_evening(model: FakeTextModel) -> None:
    # DUSK and SUNSET were in no group a count could ask for: neither night nor said.
    answer = _asker().ask("How many night scenes are there?")
    assert answer.answer.startswith("The script has 2 night scenes"), answer.answer
    assert "3 at evening, dusk or sunset" in answer.answer, answer.answer
    dusk = _asker().ask("How many dusk or evening scenes are there?")
    assert dusk.path == "tool" and "has 3 evening scenes" in dusk.answer, dusk.answer


def test_the_apart_counts_are_not_the_answers_claim(model: FakeTextModel) -> None:
    # The counts said apart come after a colon, outside the claim eval_ask reads a number in:
    # a gold that counts evening as night (5) must not be matched by them.
    answer = _asker().ask("How many night scenes are there?")
    assert EVAL._has_strictly(answer.answer.lower(), "2", "tool"), answer.answer
    for other in ("3", "5", "1"):
        assert not EVAL._has_strictly(answer.answer.lower(), other, "tool"), answer.answer


def test_a_day_count_leaves_continuity_apart_too(model: FakeTextModel) -> None:
    answer = _asker().ask("How many day scenes are there?")
    assert answer.answer.startswith("The script has 1 day scene"), answer.answer
    assert "1 continuity scene after a day one" in answer.answer, answer.answer
