"""Ages that are no one's (wave 11), on text of our own: a number in a hypothetical ("if you
were sixteen") is not an age the script gives, so "How old is X?" says the script does not."""

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
If you were sixteen again, would you listen to a man like me?

TESS
If I was seventeen I'd be gone already.

ORRIN
Suppose I was twenty, then.
"""


def _holds_age(text: str) -> bool:
    pattern = next(holds for name, _, holds in FACT_KINDS if name == "an age")
    return bool(pattern.search(text))


def test_an_age_in_a_hypothetical_is_no_age() -> None:
    # bc-23 (dev v1): "if you were sixteen" answered how old the janitor is.
    assert not _holds_age("If you were sixteen again, would you listen?")
    assert not _holds_age("If I was seventeen I'd be gone already.")
    assert not _holds_age("Suppose I was twenty, then.")
    assert not _holds_age("if he were 40 years old he would know")
    # a stated age still is one
    assert _holds_age("I was sixteen when I left.")
    assert _holds_age("You were sixteen, Tess.")
    assert _holds_age("She is 40 years old.")


def test_how_old_with_only_hypothetical_ages_is_not_in_the_script(model: FakeTextModel) -> None:
    asker = Asker(finish_screenplay(parse_fountain(_BOILER)), fake_settings(), use_llm=False)
    answer = asker.ask("How old is Orrin?")
    assert answer.abstained, answer.answer
