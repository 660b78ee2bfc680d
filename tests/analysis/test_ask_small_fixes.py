"""Three small readings of text: a stem ending in -che, titles that end in a full stop, and a
name given to a pronoun ("She named him Rex")."""

from __future__ import annotations

import pytest

from assistant.analysis.ask.answer_checks import names_thing
from assistant.analysis.ask.extractive import (
    WINDOW_COSINE,
    WINDOW_SHARE,
    SentenceRanker,
    Support,
)
from assistant.analysis.ask.retrieval import RetrievedScene, tokenize
from assistant.analysis.ask.script_facts import _aliases, script_facts
from assistant.analysis.ask.service import Asker
from assistant.analysis.scene_text import TextUnit
from assistant.script.fountain import parse_fountain
from assistant.script.reading import finish_screenplay
from tests.fakes import FakeTextModel, fake_settings


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


_BOAT = """\
Title: Tide

A CAST LIST: IVO BRANN, a skipper. PELL, his mate.

EXT. HARBOUR - NIGHT

Ivo coils a rope.

EXT. TRAWLER - OPEN SEA - NIGHT - IVO AT THE RAIL

Ivo squints into the spray. Pell hauls the net.

PELL
Net's full.

INT. CABIN - DAY

IVO
Coffee.
"""


@pytest.fixture
def boat(model: FakeTextModel) -> Asker:
    return Asker(finish_screenplay(parse_fountain(_BOAT)), fake_settings(), use_llm=False)


def test_a_time_left_in_a_heading_location_is_no_place(boat: Asker) -> None:
    # "NIGHT" was a place (a part of "TRAWLER - OPEN SEA - NIGHT - IVO AT THE RAIL", a heading
    # whose time the parser leaves in the location), so "night exteriors" counted the night
    # exteriors at a location NIGHT: none.
    answer = boat.ask("How many night exteriors are there?")
    assert answer.path == "tool" and "has 2 night exterior scenes" in answer.answer
    assert "at NIGHT" not in answer.answer


def test_two_characters_first_share_a_headed_scene_not_the_title_matter(boat: Asker) -> None:
    answer = boat.ask("What is the first scene with both Ivo and Pell?")
    assert answer.path == "tool" and "TRAWLER" in answer.answer, answer.answer


_DOCK = """\
Title: Tide

CAST: WREN OKAFOR, a diver. TOLL, a skipper.

EXT. DOCK - DAY

Lena Hooper steps off the ferry with a diving bag. Toll waves from the pier.

HOOPER
Morning. Where do I sign on?

TOLL
Then Hooper it is.

EXT. DOCK - LATER

Hooper unpacks a sixteen-inch knife. Toll frowns at it.

TOLL
That knife cost six hundred thousand, I bet.

EXT. REEF - DAY

Okafor checks her air. Toll watches the water.

OKAFOR
Air's good.
"""


@pytest.fixture
def dock(model: FakeTextModel) -> Asker:
    return Asker(finish_screenplay(parse_fountain(_DOCK)), fake_settings(), use_llm=False)


def test_a_first_name_is_the_name_before_the_cue(dock: Asker) -> None:
    answer = dock.ask("What is Hooper's first name?")
    assert not answer.abstained and "Lena" in answer.answer, answer.answer


def test_a_first_name_from_the_cast_list_counts(dock: Asker) -> None:
    answer = dock.ask("What is Okafor's first name?")
    assert not answer.abstained and "WREN" in answer.answer, answer.answer


def test_no_first_name_is_not_in_the_script(dock: Asker) -> None:
    # "Then Toll" is no first name: the script writes "then" in lower case elsewhere.
    answer = dock.ask("What is Toll's first name?")
    assert answer.abstained and "never gives Toll's first name" in answer.answer, answer.answer


def test_a_length_in_number_words_is_no_age(dock: Asker) -> None:
    answer = dock.ask("How old is Hooper?")
    assert answer.abstained, answer.answer


def test_a_sum_in_hundreds_of_thousands_is_a_sum(dock: Asker) -> None:
    answer = dock.ask("How much did the knife cost?")
    assert not answer.abstained and "six hundred thousand" in answer.answer, answer.answer


def test_the_words_of_a_long_capitals_line_read_as_a_cue_are_no_names() -> None:
    # A sign in capitals read as a cue made "the beast" in any question name a character.
    table = _aliases(["BRODY", "IVO BRANN", "SLAY THE BEAST THAT BIT US"], {})
    assert table["brann"] == "IVO BRANN" and "beast" not in table


def test_a_sentence_gains_the_question_words_its_neighbour_adds() -> None:
    facts = script_facts(finish_screenplay(parse_fountain(_CLINIC)))
    ranker = SentenceRanker(facts)
    scene = RetrievedScene(
        index=0, label="1", heading="INT. CLINIC - DAY", start_line=1, page=1, text="", score=1.0
    )
    units = facts.scenes[0].units
    scored = [
        Support(scene, u, support=0.5, rank=0, position=i, lexical=0.0, cosine=c)
        for i, (u, c) in enumerate(zip(units, [0.2, 0.6, 0.0, 0.0], strict=True))
    ]
    words = [{"wrist"}, {"lund"}, set(), set()]
    out = ranker._windowed(scored, words, weight=ranker.idf("wrist") + ranker.idf("lund"))
    share = ranker.idf("lund") / (ranker.idf("wrist") + ranker.idf("lund"))
    assert out[0].support == pytest.approx(0.5 + WINDOW_SHARE * share + WINDOW_COSINE * 0.6, 1e-3)
    assert out[3].support == pytest.approx(0.5)  # no neighbour adds a word or has a cosine
