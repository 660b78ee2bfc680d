"""Answer-type aware retrieval: a question asking for a kind of fact reaches the scenes that
hold one even when they share none of its words; a question asking for a character's scenes
ranks them from the start (our own invented scripts)."""

from __future__ import annotations

import pytest

from assistant.analysis.ask import answer_types
from assistant.analysis.ask.answer_types import asked_type, type_bonus
from assistant.analysis.ask.query_fields import field_bonus
from assistant.analysis.ask.retrieval import SceneIndex
from assistant.analysis.ask.script_facts import ScriptFacts, script_facts
from assistant.analysis.ask.service import Asker
from assistant.script.fountain import parse_fountain
from assistant.script.model import Screenplay
from assistant.script.reading import finish_screenplay
from tests.fakes import FakeEmbedder, FakeTextModel, fake_settings

_TOWN = """\
EXT. HARBOUR TOWN - DOCKS - MORNING

SUPERIMPOSE: MAY 1987

Fishing boats rock at their moorings. It's SPRING.

INT. HARBOUR TOWN - SCHOOL - DAY

ODILE (30s) writes sums on a blackboard.

ODILE
The harbour school opens at eight.

INT. HARBOUR TOWN - RADIO ROOM - NIGHT

ODILE
A letter to the mainland takes forty days to come back.

EXT. HARBOUR TOWN - PIER - NIGHT

Odile watches a gull fall from the sky.
"""


def _facts() -> ScriptFacts:
    return script_facts(finish_screenplay(parse_fountain(_TOWN)))


@pytest.mark.parametrize(
    ("question", "holds", "misses"),
    [
        (
            "In what year do the harbour school scenes take place?",
            "SUPERIMPOSE: MAY 1987",
            "a song from 1977",  # a year said in passing does not set the story
        ),
        ("In what season does the story open?", "It's SPRING.", "a gull fall from the sky"),
        ("How long would a reply from the mainland take?", "forty days", "opens at eight"),
    ],
)
def test_the_asked_for_kind_of_fact(question: str, holds: str, misses: str) -> None:
    pattern = asked_type(question)
    assert pattern is not None
    assert pattern.search(holds) and not pattern.search(misses)


def test_questions_asking_for_no_kind_of_fact() -> None:
    assert asked_type("How long is the pier?") is None  # a thing's length, not a time
    assert asked_type("Who writes on the blackboard?") is None


def test_scenes_holding_the_kind_get_a_share() -> None:
    facts = _facts()
    assert type_bonus("What year is it?", facts) == {0: answer_types.TYPE_BONUS}
    assert set(type_bonus("How long does a letter take to come back?", facts)) == {2}
    # "fall" in lower case is a verb, not the season
    assert set(type_bonus("In what season is the story set?", facts)) == {0}


def test_the_share_shrinks_when_many_scenes_hold_the_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(answer_types, "RARE_SCENES", 1)
    text = "\n".join(f"INT. ROOM {i} - DAY\n\nTITLE: {1980 + i}\n" for i in range(4))
    facts = script_facts(finish_screenplay(parse_fountain(text)))
    assert type_bonus("What year is it?", facts) == dict.fromkeys(range(4), 0.25)


def test_a_title_card_scene_sharing_no_word_reaches_bm25(monkeypatch: pytest.MonkeyPatch) -> None:
    screenplay = finish_screenplay(parse_fountain(_TOWN))
    question = "In what year do the school scenes take place?"
    index = SceneIndex(screenplay, FakeEmbedder())
    _, lexical = index.scores(question)
    assert lexical[0] > 0 and lexical[0] >= max(lexical.values()) / 2
    monkeypatch.setattr(answer_types, "TYPE_BONUS", 0.0)
    _, without = index.scores(question)
    assert without[0] == 0.0  # the docks scene shares no word with the question


def test_the_stated_season_is_the_answer_over_one_in_passing(model: FakeTextModel) -> None:
    text = """\
EXT. QUIET STREET - DUSK

ODILE (16) waits at the curb. It's WINTER.

INT. KITCHEN - NIGHT

PIM
We could go south for spring break.

ODILE
Maybe.
"""
    asker = Asker(finish_screenplay(parse_fountain(text)), fake_settings(), use_llm=False)
    answer = asker.ask("In what season does the story open?")
    assert not answer.abstained and "WINTER" in answer.answer


def test_a_length_of_time_is_support_enough_without_shared_words(model: FakeTextModel) -> None:
    asker = Asker(finish_screenplay(parse_fountain(_TOWN)), fake_settings(), use_llm=False)
    answer = asker.ask("How long until an answer arrives from across the sea?")
    assert not answer.abstained and "forty days" in answer.answer


def test_a_length_asked_for_is_no_length_of_time() -> None:
    assert asked_type("How long must the letter be?") is None
    assert asked_type("How long has Odile taught at the school?") is not None


def test_a_listing_question_ranks_the_characters_scenes_from_the_start(ferry: Screenplay) -> None:
    facts = script_facts(ferry)
    tomas = [s.index for s in facts.scenes if "TOMAS" in s.present]
    listed = field_bonus("Which scenes is Tomas in?", facts, ["TOMAS"])
    assert listed == {tomas[0]: 1.0, tomas[1]: 0.5}
    assert field_bonus("Where does Tomas appear?", facts, ["TOMAS"]) == listed
    assert field_bonus("Which scenes does Tomas end in?", facts, ["TOMAS"]) != listed  # "end"
    assert field_bonus("What does Tomas carry?", facts, ["TOMAS"]) == {}  # no list asked for
