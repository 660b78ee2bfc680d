"""The optional LLM pass over a shot list, against the fake text model."""

from __future__ import annotations

import json
from pathlib import Path

from assistant import api
from assistant.analysis.shots.model import ShotList
from assistant.analysis.shots.refine import refine_shots
from assistant.script.model import Screenplay
from tests.fakes import FakeTextModel

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "shots"


def _script_and_plan() -> tuple[Screenplay, ShotList]:
    script = api.open_script(FIXTURES / "no_action.fountain")
    return script, api.shot_list(script)


def test_valid_changes_are_applied_apart_and_marked_llm() -> None:
    script, plan = _script_and_plan()
    model = FakeTextModel()
    reply = {"changes": [{"number": "1c", "size": "CU", "angle": "low"},
                         {"number": "9Z", "size": "ECU"}]}  # fmt: skip
    model.enqueue([json.dumps(reply)])
    result = refine_shots(plan, script, model)
    assert [(c.number, c.field, c.rules, c.llm) for c in result.changes] == [
        ("1C", "size", "MCU", "CU"), ("1C", "angle", "eye level", "low")
    ]  # fmt: skip
    assert result.rejected == 1 and result.fallbacks == 0 and result.scenes == 1
    changed = next(s for s in result.plan.scenes[0].shots if s.number == "1C")
    assert changed.source == "llm" and result.plan.source == "llm"
    assert all(s.source == "rules" for s in plan.scenes[0].shots)  # the input plan is unchanged
    prompt = model.history[0].messages[-1].content
    assert "1B: MS, eye level, static" in prompt and "Did you lock the door?" in prompt


def test_an_unusable_reply_keeps_the_plan() -> None:
    script, plan = _script_and_plan()
    model = FakeTextModel(default_reply="I would use a nice wide lens.")
    result = refine_shots(plan, script, model)
    assert result.changes == [] and result.fallbacks == 1 and result.attempts == 2
    assert result.plan == plan
