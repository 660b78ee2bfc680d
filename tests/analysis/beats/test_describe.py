"""The optional LLM pass that describes each beat, against the fake text model."""

from __future__ import annotations

import json

from assistant import api
from assistant.analysis.beats.describe import describe_beats
from assistant.analysis.beats.results import BeatSheet
from assistant.script.model import Screenplay
from tests.fakes import FakeEmbedder, FakeTextModel


def _sheet(script: Screenplay) -> BeatSheet:
    return api.beat_sheet(script, sheet="three-act", embedder=FakeEmbedder())


def test_valid_descriptions_come_apart_in_sheet_order(lighthouse: Screenplay) -> None:
    sheet = _sheet(lighthouse)
    before = sheet.model_dump()
    placed = [b.name for b in sheet.beats if b.scene_indices]
    assert len(placed) >= 3
    reply = {"beats": [
        {"name": placed[2].upper(), "description": "The keeper  decides to stay."},
        {"name": placed[0], "description": "A storm reaches the island."},
        {"name": "Fun and Games", "description": "Not a beat of this sheet."},
        {"name": placed[0], "description": "A second try at the same beat."},
        {"name": placed[1], "description": "   "},
    ]}  # fmt: skip
    model = FakeTextModel()
    model.enqueue([json.dumps(reply)])
    result = describe_beats(lighthouse, sheet, model)
    assert not result.skipped and result.attempts == 1
    assert [(d.name, d.description, d.source) for d in result.descriptions] == [
        (placed[0], "A storm reaches the island.", "llm"),
        (placed[2], "The keeper decides to stay.", "llm"),
    ]
    assert result.rejected == 3 and "3 of the model's descriptions were dropped" in result.note
    assert result.prompt_version == "beat_names.v1"
    assert sheet.model_dump() == before  # the sheet itself is never changed
    # The model saw every placed beat with its first scene's heading.
    asked = model.history[0].messages[-1].content
    for beat in sheet.beats:
        if beat.scene_indices:
            heading = lighthouse.scenes[beat.scene_indices[0]].heading
            assert beat.name in asked and heading is not None and heading.text in asked


def test_no_valid_json_skips_the_pass_and_says_so(lighthouse: Screenplay) -> None:
    sheet = _sheet(lighthouse)
    model = FakeTextModel()
    model.enqueue(["Here are the beats: the storm, the stay.", '{"beats": [{"name": 3}]}'])
    result = describe_beats(lighthouse, sheet, model)
    assert result.skipped and result.descriptions == [] and result.attempts == 2
    assert "gave no valid JSON in 2 attempts" in result.note


def test_a_sheet_with_nothing_placed_asks_nothing() -> None:
    from pathlib import Path

    shots = Path(__file__).resolve().parents[2] / "fixtures" / "shots"
    script = api.open_script(shots / "no_headings.fountain")
    sheet = api.beat_sheet(script, sheet="turning-points", embedder=FakeEmbedder())
    sheet.beats = [b.model_copy(update={"scene_indices": [], "pages": []}) for b in sheet.beats]
    model = FakeTextModel()
    result = describe_beats(script, sheet, model)
    assert result.skipped and result.descriptions == [] and model.history == []
    assert "No beat is placed" in result.note
