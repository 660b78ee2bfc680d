"""Grounded questions with the real MiniLM (retrieval quality) and SmolLM2 (a checked answer)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import api
from assistant.analysis.ask.retrieval import SceneIndex
from assistant.models.base import Embedder, TextModel
from assistant.script.fountain import parse_fountain
from assistant.script.model import Screenplay
from tests.models.real import minilm, real_settings, smollm2

pytestmark = pytest.mark.real_model
__all__ = ["minilm", "smollm2"]


@pytest.fixture(scope="module")
def harbour(fixtures_dir: Path) -> Screenplay:
    path = fixtures_dir / "models" / "harbour_town.fountain"
    return parse_fountain(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("question", "heading"),
    [
        ("Who sells seafood?", "EXT. FISH MARKET - DAWN"),
        ("Who is waiting for someone to arrive by train?", "EXT. RAILWAY STATION - PLATFORM - DAY"),
        ("What is being baked?", "INT. BAKERY - MORNING"),
        ("What do the pupils learn in class?", "INT. SCHOOLHOUSE - AFTERNOON"),
        ("Who walks through the storm with a lantern?", "EXT. CLIFF PATH - NIGHT"),
    ],
)
def test_minilm_retrieves_the_scene_a_question_is_about(
    minilm: Embedder, harbour: Screenplay, question: str, heading: str
) -> None:
    found = SceneIndex(harbour, minilm).search(question, k=1)
    assert found[0].heading == heading


def test_smollm2_answer_is_checked_and_cites_the_scene(
    smollm2: TextModel, harbour: Screenplay
) -> None:
    """SmolLM2 writes the answer when asked to; shown only if grounded, else the lines are."""
    settings = real_settings().model_copy(deep=True)
    settings.models.generator.max_tokens = 24
    answer = api.ask("Who sells crab?", harbour, settings, use_llm=True)
    assert answer.prompt == "ask.v2" and answer.answer.strip()
    assert answer.path in ("generated", "extractive")
    assert answer.grounded == (answer.path == "generated")
    assert answer.scenes[0].heading == "EXT. FISH MARKET - DAWN"
