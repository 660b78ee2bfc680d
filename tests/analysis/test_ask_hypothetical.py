"""Facts that are not the asked-for one (wave 11), on text of our own: a number in a
hypothetical (a conditional clause that imagines someone at an age) is not an age the script
gives, and a year before a thing introduced in capitals ("his treasured 1966 MARLIN COUPE") is a
model year, not the story's."""

from __future__ import annotations

from assistant.analysis.ask.fact_kinds import FACT_KINDS
from assistant.analysis.ask.service import Asker
from assistant.script.fountain import parse_fountain
from assistant.script.reading import finish_screenplay
from tests.fakes import FakeTextModel, fake_settings

_BOILER = """\
INT. BOILER ROOM - DAY

Orrin the caretaker mops around the furnace. Tess watches from the stairs.

ORRIN
If she were eighteen she'd listen to me for once.

TESS
If we were sixteen we'd have run off by now.

ORRIN
Say you were thirty, what then?
"""


def _holds(kind: str, text: str) -> bool:
    """True when the FACT_KINDS pattern of ``kind`` ("an age", "a year") finds one in ``text``."""
    pattern = next(holds for name, _, holds in FACT_KINDS if name == kind)
    return bool(pattern.search(text))


def _holds_age(text: str) -> bool:
    return _holds("an age", text)


def _holds_year(text: str) -> bool:
    return _holds("a year", text)


def _no_llm_asker(fountain: str) -> Asker:
    """An extractive-only asker over a script of our own, in Fountain."""
    return Asker(finish_screenplay(parse_fountain(fountain)), fake_settings(), use_llm=False)


def test_an_age_in_a_hypothetical_is_no_age() -> None:
    # bc-23 (dev v1): an imagined age in a conditional answered how old the janitor is.
    assert not _holds_age("If she were eighteen she'd listen to me for once.")
    assert not _holds_age("If we were sixteen we'd have run off by now.")
    assert not _holds_age("Say you were thirty, what then?")
    assert not _holds_age("if he were 40 years old he would know")
    # a stated age still is one
    assert _holds_age("I was sixteen when I left.")
    assert _holds_age("You were sixteen, Tess.")
    assert _holds_age("She is 40 years old.")


def test_a_temperature_is_no_age() -> None:
    # v6 ja-19: water temperatures (a bare number of degrees) answered how old someone is.
    assert not _holds_age("They only bite above seventy degrees.")
    assert not _holds_age("The water here is fifty-five degrees.")
    assert not _holds_age("It hit ninety degrees by noon.")
    assert _holds_age("He's seventy, and he still swims.")


def test_how_old_with_only_hypothetical_ages_is_not_in_the_script(model: FakeTextModel) -> None:
    answer = _no_llm_asker(_BOILER).ask("How old is Orrin?")
    assert answer.abstained, answer.answer


def test_a_year_before_a_thing_in_capitals_is_a_model_year() -> None:
    # v3 gt-16 (tuning since wave 11): a car introduced in capitals after "his beloved" gave
    # the story's year; the article/possessive rule looked at the one word before the year.
    assert not _holds_year("He lifts the sheet off his treasured 1966 MARLIN COUPE.")
    assert not _holds_year("Parked out front: a gleaming 1957 BEL AIR.")
    assert _holds_year("SUPER: Ohio, 1968")
    assert _holds_year("In 1968 the barn burned.")
    assert _holds_year("It was 1968. Nobody locked a door.")
