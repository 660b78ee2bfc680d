"""Three small readings of text: a stem ending in -che, titles that end in a full stop, and a
name given to a pronoun ("She named him Rex")."""

from __future__ import annotations

import pytest

from assistant.analysis.ask.answer_checks import names_thing
from assistant.analysis.ask.extractive import Support
from assistant.analysis.ask.retrieval import RetrievedScene, tokenize
from assistant.analysis.ask.script_facts import script_facts
from assistant.analysis.scene_text import TextUnit
from assistant.script.fountain import parse_fountain
from assistant.script.reading import finish_screenplay


def test_a_word_whose_base_ends_in_che_keeps_its_e() -> None:
    # The -ches rule cut "aches" to "ach", so "aches" never met "ache" or "headache".
    assert tokenize("aches ache") == ["ache"] * 2
    assert tokenize("headaches headache") == ["headache"] * 2
    assert tokenize("niches niche caches cache") == ["niche", "niche", "cache", "cache"]
    # the -ches plurals of -ch words still meet their stem
    assert tokenize("beaches beach coaches attaches attach detaches") == [
        "beach", "beach", "coach", "attach", "attach", "detach"
    ]  # fmt: skip
    assert tokenize("moustaches moustache earaches") == ["moustache", "moustache", "earache"]


_CLINIC = """\
INT. CLINIC - DAY

Dr. Okafor tapes the wrist. Mrs. Lund watches from the door.

LUND
Mr. Lund said it was nothing. Dr. Okafor disagrees.
"""


def test_a_title_with_a_full_stop_does_not_end_the_sentence() -> None:
    facts = script_facts(finish_screenplay(parse_fountain(_CLINIC)))
    texts = [u.text for u in facts.scenes[0].units]
    assert texts == [
        "Dr. Okafor tapes the wrist.",
        "Mrs. Lund watches from the door.",
        "Mr. Lund said it was nothing.",
        "Dr. Okafor disagrees.",
    ]


def _support(position: int) -> Support:
    scene = RetrievedScene(
        index=0, label="1", heading="EXT. YARD - DAY", start_line=1, page=1, text="", score=1.0
    )
    unit = TextUnit("")
    return Support(scene, unit, support=1.0, rank=0, position=position, lexical=1.0, cosine=1.0)


@pytest.mark.parametrize("naming", ["She named him Rex.", "They call her Pip.", "He called it Bo."])
def test_a_name_given_to_a_pronoun_names_the_thing(naming: str) -> None:
    units = [TextUnit("A muddy dog trots in."), TextUnit(naming)]
    assert names_thing("dog", _support(0), units, set())


def test_a_pronoun_followed_by_a_lower_case_word_names_nothing() -> None:
    units = [TextUnit("A muddy dog trots in."), TextUnit("She called him over.")]
    assert not names_thing("dog", _support(0), units, set())
