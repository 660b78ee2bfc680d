"""Grounded questions: retrieval picks scenes, the prompt fits its budget, the answer streams."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from assistant import api
from assistant.analysis.ask.prompt_plan import plan_answer
from assistant.analysis.ask.retrieval import SceneIndex, chunk_words, scene_chunks
from assistant.errors import AnalysisError
from assistant.models.base import TRUNCATION_MARK
from assistant.models.registry import clear_model_cache
from assistant.script.fountain import parse_fountain
from assistant.script.model import Screenplay
from tests.fakes import FakeEmbedder, FakeTextModel, fake_settings, registered_fakes


@pytest.fixture
def harbour(fixtures_dir: Path) -> Screenplay:
    path = fixtures_dir / "models" / "harbour_town.fountain"
    return parse_fountain(path.read_text(encoding="utf-8"))


def test_chunks_overlap_and_carry_the_heading(harbour: Screenplay) -> None:
    pieces = chunk_words(" ".join(f"w{i}" for i in range(400)), words=150, overlap=30)
    assert [p.split()[0] for p in pieces] == ["w0", "w120", "w240", "w360"]
    assert pieces[-1].split()[-1] == "w399"
    chunks = scene_chunks(harbour)
    assert {c.scene for c in chunks} == set(range(len(harbour.scenes)))
    assert all(c.text.startswith(("INT.", "EXT.")) for c in chunks)


def test_retrieval_finds_the_scene_a_question_is_about(harbour: Screenplay) -> None:
    index = SceneIndex(harbour, FakeEmbedder(dimensions=256))
    found = index.search("Who sells crab at the fish market?", k=2)
    assert found[0].heading == "EXT. FISH MARKET - DAWN"
    assert found[0].number == "2" and found[0].score >= found[1].score
    assert "Benno: Crab! Fresh crab!" in found[0].text


def test_plan_puts_scenes_in_script_order_within_budget(harbour: Screenplay) -> None:
    model = FakeTextModel(context_tokens=4096)
    index = SceneIndex(harbour, FakeEmbedder(dimensions=256))
    plan = plan_answer("What does the baker bake in the bakery oven?", index, model, top_k=3)
    assert plan.prompt.ref == "ask.v1"
    assert [s.index for s in plan.scenes] == sorted(s.index for s in plan.scenes)
    assert "INT. BAKERY - MORNING" in plan.prompt.prompt
    assert plan.prompt.prompt.rstrip().endswith(
        "Question: What does the baker bake in the bakery oven?"
    )
    assert not plan.notes


def test_tight_budget_cuts_the_best_scene_and_says_so(harbour: Screenplay) -> None:
    model = FakeTextModel(context_tokens=4096)  # counts words as tokens
    index = SceneIndex(harbour, FakeEmbedder(dimensions=256))
    plan = plan_answer(
        "Who sells crab at the fish market?", index, model, top_k=3, prompt_tokens=60,
        relative_score=0.0,
    )  # fmt: skip
    assert plan.prompt_tokens <= 60
    assert plan.cut == ["2"] and len(plan.scenes) == 1
    assert plan.scenes[0].text.endswith(TRUNCATION_MARK)
    assert any("end was cut" in note for note in plan.notes)
    assert any("did not fit" in note for note in plan.notes)


def test_weak_matches_are_not_used(harbour: Screenplay) -> None:
    model = FakeTextModel(context_tokens=4096)
    index = SceneIndex(harbour, FakeEmbedder(dimensions=256))
    question = "Who sells crab at the fish market?"
    scores = [s.score for s in index.search(question, k=6)]
    kept = plan_answer(question, index, model, top_k=6, relative_score=0.5).scenes
    assert len(kept) == sum(1 for s in scores if s >= scores[0] * 0.5) < 6
    everything = plan_answer(question, index, model, top_k=6, relative_score=0.0).scenes
    assert len(everything) == 6


def test_empty_question_and_empty_script() -> None:
    model = FakeTextModel()
    with pytest.raises(AnalysisError, match="empty"):
        plan_answer("   ", SceneIndex(Screenplay(), FakeEmbedder()), model)
    with pytest.raises(AnalysisError, match="no scene text"):
        plan_answer("Who?", SceneIndex(Screenplay(), FakeEmbedder()), model)


def test_api_ask_streams_the_answer_and_reports_the_scenes(harbour: Screenplay) -> None:
    model = FakeTextModel()
    model.enqueue(["Benno sells the crab."])
    notes: list[str] = []
    with registered_fakes(model, FakeEmbedder(dimensions=256)):
        pieces = list(
            api.ask("Who sells crab?", harbour, fake_settings(), on_progress=notes.append)
        )
    assert "".join(pieces) == "Benno sells the crab."
    assert len(pieces) > 1  # streamed, not one block
    used = [n for n in notes if n.startswith("Scenes used: ")]
    assert len(used) == 1 and "2 (EXT. FISH MARKET - DAWN)" in used[0]
    sent = model.history[0]
    assert sent.messages[0].role == "system"
    assert "Benno: Crab! Fresh crab!" in sent.messages[1].content
    assert sent.options.max_new_tokens == 256 and sent.options.temperature == 0.0


def test_api_ask_stops_when_cancelled(harbour: Screenplay) -> None:
    model = FakeTextModel()
    model.enqueue(["one two three four five six"])
    cancel = threading.Event()
    seen = []
    with registered_fakes(model, FakeEmbedder()):
        for piece in api.ask("Who?", harbour, fake_settings(), cancel=cancel):
            seen.append(piece)
            cancel.set()
    assert seen == ["one "]
    clear_model_cache()
