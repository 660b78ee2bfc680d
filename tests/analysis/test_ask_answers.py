"""Answers: script tools and routing, extractive answers, abstention, the grounding check, batch."""

from __future__ import annotations

import json

import pytest

from assistant import api
from assistant.analysis.ask.batch import ask_lines
from assistant.analysis.ask.extractive import asked_kind
from assistant.analysis.ask.grounding import declines, unsupported
from assistant.analysis.ask.service import Asker, is_tiny_default
from assistant.config import Settings
from assistant.errors import AnalysisError
from assistant.script.fountain import parse_fountain
from assistant.script.model import Screenplay
from assistant.script.reading import finish_screenplay
from tests.fakes import FakeEmbedder, FakeTextModel, fake_settings, registered_fakes


def _asker(screenplay: Screenplay, model: FakeTextModel, use_llm: bool = False) -> Asker:
    return Asker(screenplay, fake_settings(), use_llm=use_llm, model=model)


@pytest.mark.parametrize(
    ("question", "tool", "says", "cites"),
    [
        (
            "Which scenes is Isla in?",
            "character_scenes",
            "Isla is in 5 scenes; Isla speaks in 4:",
            [1, 2, 3, 5, 4],
        ),
        ("Where do Tomas and Dr. Pell first meet?", "first_shared_scene", "scene 6", [6]),
        ("How many night scenes are there?", "scene_counts", "3 night scenes", [1, 2, 5]),
        ("How many interior night scenes?", "scene_counts", "2 night interior scenes", [2, 5]),
        ("How many scenes are set at the harbour pier?", "scene_counts", "2 scenes at", [1, 6]),
        ("How many scenes is Dr. Pell in?", "scene_counts", "2 scenes with Dr. Pell", [4, 6]),
        ("How many pages is the script?", "length", "2 pages in 6 scenes", []),
        ("Who speaks most?", "speaks_most", "Isla speaks most: Isla (4 speeches", [1]),
        ("How is Tomas described?", "first_appearance", "60s, harbourmaster", [1]),
        ("When does Dr. Pell first appear?", "first_appearance", "scene 4 (EXT. ISLAND", [4]),
    ],
)
def test_tools_answer_structure_exactly_and_cite_their_scenes(
    ferry: Screenplay, model: FakeTextModel, question: str, tool: str, says: str, cites: list[int]
) -> None:
    answer = _asker(ferry, model).ask(question)
    assert (answer.path, answer.tool) == ("tool", tool)
    assert says in answer.answer
    assert sorted(s.index for s in answer.scenes) == sorted(cites)
    assert all(s.score == 1.0 and s.heading for s in answer.scenes)
    assert not answer.abstained and answer.grounded


def test_action_mentions_count_as_appearances(ferry: Screenplay, model: FakeTextModel) -> None:
    answer = _asker(ferry, model).ask("Which scenes is Isla in?")
    assert "; and is named in the action of 1: 4 (EXT. ISLAND JETTY - DAY" in answer.answer


def test_turning_points_go_through_the_scene_strength_entry(
    ferry: Screenplay, model: FakeTextModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.analysis.ask import service

    calls: list[int] = []

    def picks(screenplay: Screenplay, embedder: object) -> list[tuple[str, int]]:
        calls.append(len(screenplay.scenes))
        return [("Opportunity", 1), ("Climax", 5)]

    monkeypatch.setattr(service, "scene_strength_picks", picks)
    asker = _asker(ferry, model)
    answer = asker.ask("What are the turning points?")
    assert answer.tool == "turning_points" and [s.index for s in answer.scenes] == [1, 5]
    assert "Climax: scene 5 (INT. FERRY WHEELHOUSE - NIGHT" in answer.answer
    asker.ask("Where is the climax?")
    assert calls == [7]  # computed once per script


def test_a_lookup_is_not_routed_to_a_tool_by_shared_question_words(
    ferry: Screenplay, model: FakeTextModel
) -> None:
    answer = _asker(ferry, model).ask("Where is the brass compass?")
    assert answer.path == "extractive" and answer.tool is None
    assert "tin box under the wheel" in answer.answer
    assert answer.quotes[0].start_line == 6 and answer.scenes[0].index == 1


def test_extractive_answer_quotes_the_reply_to_a_matching_question(
    ferry: Screenplay, model: FakeTextModel
) -> None:
    answer = _asker(ferry, model).ask("Why won't the compass point north?")
    assert answer.path == "extractive" and not answer.abstained
    assert [q.text for q in answer.quotes] == [
        "Isla: Why won't it point north?",
        "Tomas: Because the island pulls it.",
    ]
    assert "(scene 2 (INT. FERRY WHEELHOUSE - NIGHT, p. 1, line 18))" in answer.answer
    assert model.history == []  # no model asked


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("What year does the story take place?", "name no year"),
        ("What is Tomas's surname?", "never gives Tomas's surname"),
        ("How much does the crossing cost?", "name no money"),
        ("Who flies the helicopter?", "no retrieved line supports an answer"),
    ],
)
def test_not_in_the_script_says_so_and_shows_the_nearest_scenes(
    ferry: Screenplay, model: FakeTextModel, question: str, reason: str
) -> None:
    answer = _asker(ferry, model).ask(question)
    assert answer.abstained and answer.answer.startswith("Not in the script:")
    assert reason in answer.answer and "Nearest scenes: scene" in answer.answer
    assert answer.scenes and not answer.quotes


def test_a_surname_the_action_gives_is_answered(ferry: Screenplay, model: FakeTextModel) -> None:
    answer = _asker(ferry, model).ask("What is Isla's surname?")
    assert not answer.abstained and "ISLA GRANT" in answer.answer


def test_a_grounded_generated_answer_is_shown(ferry: Screenplay, model: FakeTextModel) -> None:
    model.enqueue(["Tomas says the brass compass is in the tin box under the wheel."])
    asker = _asker(ferry, model, use_llm=True)
    answer = asker.ask("Where is the brass compass?")
    assert answer.path == "generated" and answer.grounded and answer.prompt == "ask.v2"
    assert answer.answer.startswith("Tomas says")
    sent = model.history[0].messages[1].content
    assert "Most relevant lines:" in sent and "(scene 1) Tomas: The brass compass" in sent
    assert asker.paths["generated"] == 1


@pytest.mark.parametrize(
    ("reply", "why"),
    [
        ("Captain Morgan hid it in 1987 inside the lighthouse.", "it names 1987, Morgan"),
        ("The script does not say.", "the model said the scenes do not hold the answer"),
        ("", "the model wrote nothing"),
        ("Where is the brass compass?", "it only repeats the question"),
        ("The brass compass is the brass compass.", "it only repeats the question"),
    ],
)
def test_an_ungrounded_generated_answer_falls_back_to_the_lines(
    ferry: Screenplay, model: FakeTextModel, reply: str, why: str
) -> None:
    model.enqueue([reply])
    asker = _asker(ferry, model, use_llm=True)
    answer = asker.ask("Where is the brass compass?")
    assert answer.path == "extractive" and not answer.grounded
    assert why in (answer.reason or "")
    assert "tin box under the wheel" in answer.answer
    assert "The model's answer was not shown" in answer.answer
    assert asker.paths == {"fallback": 1}


def test_the_grounding_check_names_what_is_unsupported() -> None:
    source = "Tomas: The brass compass is in the tin box under the wheel."
    question = "Where is the compass?"
    assert unsupported("The compass is in the tin box.", source, question) == []
    assert unsupported("Tomas says it is in box 12.", source, question) == ["12"]
    assert "Lisbon" in unsupported("It is in a box from Lisbon.", source, question)
    made_up = unsupported("A pirate buried treasure beneath volcanic glaciers.", source, question)
    assert {"pirate", "bury", "treasure"} <= set(made_up)
    assert declines("The scenes do not mention it.") and not declines("It is in the box.")


def test_the_tiny_default_model_does_not_write_answers_unless_asked(
    ferry: Screenplay, model: FakeTextModel
) -> None:
    assert is_tiny_default(Settings()) and not is_tiny_default(fake_settings())
    fetched = {"models": {"generator": {"path": "/x/SmolLM2-135M-Instruct.Q4_1.gguf"}}}
    bigger = {"models": {"generator": {"path": "/x/qwen2.5-3b-instruct-q4.gguf"}}}
    assert is_tiny_default(Settings.model_validate(fetched))
    assert not is_tiny_default(Settings.model_validate(bigger))
    default = Settings.model_validate({"models": {"embedder": {"backend": "fake"}}})
    asker = Asker(ferry, default, model=model)
    answer = asker.ask("Where is the brass compass?")
    assert answer.path == "extractive" and model.history == []
    assert Asker(ferry, fake_settings(), model=model).use_llm


def test_empty_question_and_script_without_text(ferry: Screenplay, model: FakeTextModel) -> None:
    with pytest.raises(AnalysisError, match="empty"):
        _asker(ferry, model).ask("  \n ")
    with pytest.raises(AnalysisError, match="no scene text"):
        _asker(Screenplay(), model)


def test_batch_answers_in_order_and_reports_bad_lines(
    ferry: Screenplay, model: FakeTextModel
) -> None:
    lines = [
        json.dumps({"id": "q1", "question": "Who speaks most?"}),
        "{not json",
        json.dumps({"id": 7, "question": ""}),
        json.dumps(["a list"]),
        "",
        json.dumps({"question": "Where is the brass compass?"}),
        json.dumps({"id": "q9", "text": "no question field"}),
    ]
    out = list(ask_lines(lines, _asker(ferry, model)))
    assert [o.get("id") for o in out] == ["q1", None, 7, None, None, "q9"]
    assert out[0]["path"] == "tool" and out[0]["answer"].startswith("Isla speaks most")
    assert out[1] == {
        "line": 2,
        "error": "not JSON: Expecting property name enclosed in double quotes",
    }
    assert out[2] == {"line": 3, "id": 7, "error": "the question is empty"}
    assert out[3]["error"] == "not a JSON object"
    assert out[4]["path"] == "extractive" and out[4]["scenes"][0]["start_line"] == 6
    assert set(out[4]["scenes"][0]) == {"index", "label", "start_line", "heading", "page", "score"}
    assert out[5]["line"] == 7 and "question" in out[5]["error"]


def test_api_ask_builds_the_index_once_per_batch(ferry: Screenplay) -> None:
    embedder = FakeEmbedder(dimensions=256)
    with registered_fakes(FakeTextModel(), embedder):
        lines = [json.dumps({"question": q}) for q in ("Who speaks most?", "Where is the compass?")]
        out = list(api.ask_batch(lines, ferry, fake_settings(), use_llm=False))
        index_texts = max(len(batch) for batch in embedder.calls)
        single = api.ask("Where is the compass?", ferry, fake_settings(), use_llm=False)
    assert len(out) == 2 and single.answer == out[1]["answer"]
    # one index (several batches) + router examples + one vector per question, per call
    assert sum(len(b) for b in embedder.calls) < 3 * index_texts * 16


_LORINGS = """
INT. LORING HOUSE - KITCHEN - DAY

MARK LORING (40s, a jingle writer) tunes a guitar by the fridge.

MARK
The baby is due on May 4. Nobody asked how old I am.

EXT. PARK - DAY

VANESSA
Mark always forgets the milk.

MARK AND VANESSA
Milk!
"""


def _lorings() -> Screenplay:
    from assistant.script.fountain import parse_fountain
    from assistant.script.reading import finish_screenplay

    return finish_screenplay(parse_fountain(_LORINGS))


def test_a_place_on_the_headings_wins_over_a_surname_alias(model: FakeTextModel) -> None:
    from assistant.analysis.ask.script_facts import script_facts

    screenplay = _lorings()
    facts = script_facts(screenplay)
    assert facts.full_names == {"MARK LORING": "MARK"}
    assert facts.find_characters("How many scenes are set at the Loring house?") == []
    assert facts.find_locations("How many scenes are set at the Loring house?") == ["LORING HOUSE"]
    assert facts.find_characters("What does Mark Loring tune?") == ["MARK"]
    # a group cue is not the two characters it names
    assert facts.find_characters("Where do Mark and Vanessa first meet?") == ["MARK", "VANESSA"]
    answer = _asker(screenplay, model).ask("How many scenes are set at the Loring house?")
    assert answer.answer.startswith("The script has 1 scene at LORING HOUSE (")


def test_an_age_is_an_age_not_any_number(model: FakeTextModel) -> None:
    asker = _asker(_lorings(), model)
    answer = asker.ask("How old is Mark?")
    assert not answer.abstained and "(40s, a jingle writer)" in answer.answer
    kind = asked_kind("How old is Vanessa?")
    assert kind is not None and kind[0] == "an age"
    assert not kind[1].search("The baby is due on May 4.")
    assert all(kind[1].search(t) for t in ("(16)", "16 years old", "She's sixteen", "late forties"))
    assert not kind[1].search("sixteen")  # a bare age word said on its own gives no one's age


_WEDDING = """\
INT. DINER - DAY

MAE sits across from JOE with a stack of bridal magazines.

MAE
So did you two ever find a place for the wedding, or is it still the parking lot?

JOE
We looked all over the county for a place for the wedding.

JOE
In the end we took the old boathouse on the lake.

MAE
Oh, I love that.
"""


def test_the_answer_reads_on_after_the_line_that_matches(model: FakeTextModel) -> None:
    # The matching line sets the answer up and the next one gives it; the line before (Mae's
    # question) shares more words, and the old neighbour rule quoted it instead.
    screenplay = finish_screenplay(parse_fountain(_WEDDING))
    asker = Asker(screenplay, fake_settings(), use_llm=False, model=model)
    answer = asker.ask("Where did Joe find a place for the wedding?")
    assert not answer.abstained and "boathouse" in answer.answer
