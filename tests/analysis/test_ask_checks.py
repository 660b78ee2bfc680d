"""Cross-checks before answering: the asked-about thing must be in the script, and a sum, number
or age must go with what the question is about."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.analysis.ask.answer_checks import owned_name, unmentioned_thing
from assistant.analysis.ask.service import Asker
from assistant.script.fountain import parse_fountain
from assistant.script.model import Screenplay
from assistant.script.reading import finish_screenplay, read_script
from tests.fakes import FakeEmbedder, FakeTextModel, fake_settings

_WORKSHOP = """\
INT. WORKSHOP - DAY

MARK (40s) tunes a battered guitar.

MARK
It cost me eight hundred dollars to fix this neck.

He hangs the guitar on the wall.

INT. KITCHEN - DAY

VANESSA (30s) reads adoption papers at the table.

VANESSA
The agency calls about the adoption on Friday.

EXT. DRIVEWAY - NIGHT

Mark carries the guitar case to the car.
"""


def _asker(screenplay: Screenplay, model: FakeTextModel) -> Asker:
    return Asker(screenplay, fake_settings(), use_llm=False, model=model)


def test_a_name_asked_for_something_the_script_never_mentions(
    fixtures_dir: Path, model: FakeTextModel
) -> None:
    ferry = read_script(fixtures_dir / "ask" / "ferry.fountain")
    answer = _asker(ferry, model).ask("What is the name of Isla's dog?")
    assert answer.abstained and "the script never mentions a dog" in answer.answer
    assert "Nearest scenes: scene" in answer.answer
    answer = _asker(ferry, model).ask("What is the name of the ferry captain?")
    assert not answer.abstained  # "ferry" and "captain" are in the script


def test_only_naming_questions_check_for_an_unmentioned_thing() -> None:
    known = {"isla", "ferry"}.__contains__
    assert unmentioned_thing("What is Isla's dog called?", known, {"isla"}) == "dog"
    assert unmentioned_thing("What does Isla's dog eat?", known, {"isla"}) is None
    assert unmentioned_thing("What is the ferry called?", known, set()) is None
    # "name" without asking what something is called: a word the script never uses elsewhere
    # in the question ("poses") is no missing thing
    alias = "What false name does Isla give when she poses as a passenger?"
    assert unmentioned_thing(alias, known, {"isla"}) is None
    assert unmentioned_thing("What is the name of the dog Isla poses with?", known, set()) == "dog"


def test_a_sum_must_go_with_what_the_question_asks_about(model: FakeTextModel) -> None:
    asker = _asker(finish_screenplay(parse_fountain(_WORKSHOP)), model)
    answer = asker.ask("How much does the adoption cost?")
    assert answer.abstained
    assert "no money in the scenes goes with what it asks about" in answer.answer
    answer = asker.ask("How much did it cost to fix the guitar neck?")
    assert not answer.abstained and "eight hundred dollars" in answer.answer


@pytest.mark.parametrize(
    ("question", "tool", "says", "cites"),
    [
        (
            "Which scenes have both Isla and Tomas?",
            "shared_scenes",
            "Isla and Tomas are together in 2 scenes",
            [1, 2],
        ),
        ("How many scenes with Isla and Tomas?", "shared_scenes", "together in 2 scenes", [1, 2]),
        (
            "In which scenes do Tomas and Dr. Pell appear together?",
            "shared_scenes",
            "Tomas and Dr. Pell are together in 1 scene",
            [6],
        ),
        ("What is the first scene with both Tomas and Isla?", "first_shared_scene", "scene 1", [1]),
        ("Where is the story set?", "main_locations", "4 locations; most used: HARBOUR PIER", None),
        ("What are the main locations?", "main_locations", "FERRY WHEELHOUSE (2 scenes", None),
    ],
)
def test_scenes_together_and_where_the_story_is_set(
    fixtures_dir: Path,
    model: FakeTextModel,
    question: str,
    tool: str,
    says: str,
    cites: list[int] | None,
) -> None:
    ferry = read_script(fixtures_dir / "ask" / "ferry.fountain")
    answer = _asker(ferry, model).ask(question)
    assert answer.path == "tool" and answer.tool == tool, answer.answer
    assert says in answer.answer
    if cites is not None:
        assert [s.index for s in answer.scenes] == cites


def test_a_when_question_is_not_sent_to_the_locations_tool(
    fixtures_dir: Path, model: FakeTextModel
) -> None:
    ferry = read_script(fixtures_dir / "ask" / "ferry.fountain")
    answer = _asker(ferry, model).ask("What year is the story set in?")
    assert answer.path == "extractive" and answer.abstained


def test_long_lines_give_way_to_the_best_scene_in_a_small_budget(fixtures_dir: Path) -> None:
    from assistant.analysis.ask.answers import Quote
    from assistant.analysis.ask.prompt_plan import plan_answer
    from assistant.analysis.ask.retrieval import SceneIndex

    ferry = read_script(fixtures_dir / "ask" / "ferry.fountain")
    found = SceneIndex(ferry, FakeEmbedder(dimensions=256)).search("Where is the compass?", 2)
    long_line = " ".join(["fog"] * 60)
    lines = [Quote(scene=1, label="1", start_line=6, text=f"{i} {long_line}") for i in range(8)]
    model = FakeTextModel(context_tokens=4096)  # counts words as tokens
    plan = plan_answer("Where is the compass?", found, model, lines=lines, prompt_tokens=300)
    assert plan.prompt_tokens <= 300 and plan.scenes
    assert 0 < plan.lines_dropped < 8  # some lines kept, the weakest dropped
    assert f"0 {long_line}" in plan.prompt.prompt and f"7 {long_line}" not in plan.prompt.prompt
    assert any("best lines did not fit" in note for note in plan.notes)


def _similar(first: str, second: str) -> float:
    """A stand-in for the embedder's cosine of two phrases: a collie is a dog, a brother is not."""
    near = {("dog", "old collie"), ("dog", "shaggy sheepdog")}
    return 0.8 if (first, second) in near else 0.1


def test_a_thing_named_by_its_owner_and_a_narrower_word() -> None:
    assert owned_name("dog", "Ruth's old collie Biscuit sleeps by the fire.", ["RUTH"], _similar)
    assert not owned_name("dog", "Ruth's little brother Tam waves.", ["RUTH"], _similar)
    # another owner's collie is not Ruth's
    assert not owned_name("dog", "Omar's old collie Biscuit barks.", ["RUTH"], _similar)


def test_the_owners_collie_answers_a_question_about_her_dog(model: FakeTextModel) -> None:
    text = """\
INT. FARMHOUSE - NIGHT

RUTH (40s) stokes the stove. Ruth's shaggy sheepdog Moss sleeps by the fire.

RUTH
A dog barks somewhere down the valley. Not mine.
"""
    asker = _asker(finish_screenplay(parse_fountain(text)), model)
    without = asker.ask("What is the name of Ruth's dog?")
    assert without.abstained  # the fake embedder puts no kind near "shaggy sheepdog"
    asker._similar = _similar  # type: ignore[method-assign]
    answer = asker.ask("What is the name of Ruth's dog?")
    assert not answer.abstained and "Moss" in answer.answer
