"""A generated answer may cite the scene the prompt labels it with: the grounding check reads the
script text of the prompt (``AskPlan.script_text``), which holds no labels, so "scene 2" must not
count as a number the scenes do not hold."""

from __future__ import annotations

from assistant import api
from assistant.analysis.ask.answers import Answer
from assistant.analysis.ask.service import Asker
from assistant.script.model import Screenplay
from tests.fakes import FakeTextModel, fake_settings

QUESTION = "Where is the brass compass?"


def test_an_answer_citing_its_scene_label_is_grounded(
    ferry: Screenplay, model: FakeTextModel
) -> None:
    asker = Asker(ferry, fake_settings(), use_llm=True, model=model)
    plan = asker.prompt_for(QUESTION)
    label = plan.scenes[0].label
    assert label.isdigit() and label not in plan.script_text  # the label is only the prompt's
    reply = f"In scene {label}, Tomas says the brass compass is in the tin box under the wheel."
    model.enqueue([reply])
    final = list(api.ask_stream(QUESTION, asker))[-1]
    assert isinstance(final, Answer) and final.path == "generated" and final.answer == reply


def test_a_number_that_is_only_a_label_grounds_nothing_else(
    ferry: Screenplay, model: FakeTextModel
) -> None:
    asker = Asker(ferry, fake_settings(), use_llm=True, model=model)
    label = asker.prompt_for(QUESTION).scenes[0].label
    model.enqueue([f"Tomas keeps {label} brass compasses in the tin box under the wheel."])
    final = list(api.ask_stream(QUESTION, asker))[-1]
    assert isinstance(final, Answer) and final.path == "extractive" and not final.grounded
