"""Structured output: validate, repair, retry once with the error, then fall back."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, Field

from assistant.models.prompts import RenderedPrompt
from assistant.models.structured import example_of, generate_structured
from tests.fakes import FakeTextModel


class Mood(BaseModel):
    mood: str = Field(pattern=r"^(calm|tense|joyful)$")
    intensity: int = Field(ge=1, le=5)


TASK = RenderedPrompt(name="mood", version=3, system="You rate scenes.", prompt="Rate: rain.")


def _fallback() -> Mood:
    return Mood(mood="calm", intensity=1)


def test_valid_json_first_time() -> None:
    model = FakeTextModel()
    model.enqueue(['{"mood": "tense", "intensity": 4}'])
    result = generate_structured(model, TASK, Mood, _fallback)
    assert result.value == Mood(mood="tense", intensity=4)
    assert (result.fallback, result.repaired, result.attempts) == (False, False, 1)
    assert result.prompt == "mood.v3"
    sent = model.history[0].messages
    assert sent[0].content == "You rate scenes."
    assert "Rate: rain." in sent[1].content and '"intensity"' in sent[1].content  # schema shown


def test_repair_without_retry() -> None:
    model = FakeTextModel()
    model.enqueue(['Here: {"mood": "joyful", "intensity": 2,}'])
    result = generate_structured(model, TASK, Mood, _fallback)
    assert result.value.mood == "joyful"
    assert (result.fallback, result.repaired, result.attempts) == (False, True, 1)


def test_retry_tells_the_model_what_was_wrong() -> None:
    model = FakeTextModel()
    model.enqueue(['{"mood": "angry", "intensity": 9}', '{"mood": "calm", "intensity": 3}'])
    result = generate_structured(model, TASK, Mood, _fallback)
    assert result.value == Mood(mood="calm", intensity=3)
    assert result.attempts == 2 and not result.fallback
    assert result.errors and result.errors[0].startswith("mood:")
    retry = model.history[1].messages
    assert [m.role for m in retry[-2:]] == ["assistant", "user"]
    assert retry[-1].content.startswith("That reply could not be used: mood:")


def test_fallback_when_the_model_cannot_comply() -> None:
    model = FakeTextModel()
    model.enqueue(["I think the scene is tense.", "Tense, really."])
    result = generate_structured(model, TASK, Mood, _fallback)
    assert result.fallback
    assert result.value == _fallback()
    assert result.attempts == 2
    assert result.raw == ["I think the scene is tense.", "Tense, really."]
    assert len(result.errors) == 2


@pytest.mark.parametrize("retries", [0, 2])
def test_retries_are_bounded(retries: int) -> None:
    model = FakeTextModel(default_reply="no")
    result = generate_structured(model, TASK, Mood, _fallback, retries=retries)
    assert result.fallback and len(model.history) == retries + 1


def test_example_follows_the_schema() -> None:
    class Beat(BaseModel):
        name: str
        scene: int | None = None
        tags: list[str] = []

    class Sheet(BaseModel):
        beats: list[Beat]
        kind: str = "three-act"

    example = example_of(Sheet.model_json_schema())
    assert example == {"beats": [{"name": "...", "scene": None, "tags": []}], "kind": "three-act"}
    Sheet.model_validate(example)
