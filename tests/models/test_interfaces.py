"""What every TextModel and Embedder must do, checked by behaviour (not by having the attributes).

Each implementation that runs without weights is put through the same calls: the fakes the other
tests lean on, the disk cache, and the OpenAI-compatible backend against its real local server.
The real SmolLM2 and MiniLM get the same checks in ``test_real_models.py``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from assistant.models.base import ChatMessage, Embedder, GenerationOptions, TextModel
from assistant.models.embedding_cache import CachedEmbedder
from assistant.models.openai_compat import OpenAICompatibleModel
from tests.fakes import FakeEmbedder, FakeTextModel
from tests.models.openai_server import Reply, running_server

Enqueue = Callable[[str], None]
ASK = [ChatMessage(role="user", content="Who keeps the light?")]
ANSWER = "Odile keeps the light, every night. She climbs the stair."


@pytest.fixture(params=["fake", "openai"])
def text_model(request: pytest.FixtureRequest) -> Iterator[tuple[TextModel, Enqueue]]:
    """A text model and a way to set its next answer (streamed word by word)."""
    if request.param == "fake":
        fake = FakeTextModel()
        yield fake, lambda text: fake.enqueue([text])
        return
    with running_server() as server:
        model = OpenAICompatibleModel(server.url, "tiny-model", timeout=2.0, retries=0)

        def enqueue(text: str) -> None:
            server.enqueue(
                Reply(pieces=[w + " " for w in text.split(" ")[:-1]] + [text.split()[-1]])
            )

        yield model, enqueue


def test_generate_is_the_joined_stream(text_model: tuple[TextModel, Enqueue]) -> None:
    model, enqueue = text_model
    enqueue(ANSWER)
    pieces = list(model.stream(ASK, GenerationOptions()))
    enqueue(ANSWER)
    assert len(pieces) > 1 and "".join(pieces) == ANSWER == model.generate(ASK, GenerationOptions())


def test_stop_strings_end_the_answer(text_model: tuple[TextModel, Enqueue]) -> None:
    model, enqueue = text_model
    enqueue(ANSWER)
    assert (
        model.generate(ASK, GenerationOptions(stop=("night",))) == "Odile keeps the light, every "
    )


def test_cancel_stops_the_stream(text_model: tuple[TextModel, Enqueue]) -> None:
    model, enqueue = text_model
    enqueue(ANSWER)
    cancel = threading.Event()
    seen = []
    for piece in model.stream(ASK, GenerationOptions(), cancel):
        seen.append(piece)
        cancel.set()
    assert seen == ["Odile "]


def test_fit_keeps_a_long_prompt_inside_the_context(text_model: tuple[TextModel, Enqueue]) -> None:
    model, _ = text_model
    long = [ChatMessage(role="user", content="word " * (model.context_tokens * 5) + "Who?")]
    fitted = model.fit(long, max_new_tokens=64)
    assert fitted.truncated and fitted.prompt_tokens <= model.context_tokens - 64
    assert fitted.messages[-1].content.endswith("Who?")
    assert isinstance(model.destination, str) and model.destination


@pytest.fixture(params=["fake", "cached"])
def embedder(request: pytest.FixtureRequest, tmp_path: Path) -> Embedder:
    fake = FakeEmbedder(dimensions=48, batch_size=4)
    return fake if request.param == "fake" else CachedEmbedder(fake, tmp_path / "e.sqlite")


TEXTS = [f"the keeper climbs stair {i} of the lighthouse" for i in range(11)] + ["", "rain"]


def test_rows_are_unit_float32_and_one_per_text(embedder: Embedder) -> None:
    vectors = embedder.embed(TEXTS)
    assert vectors.shape == (len(TEXTS), 48) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-6)
    assert embedder.embed([]).shape == (0, 0)


def test_a_text_gets_the_same_vector_whatever_it_is_batched_with(embedder: Embedder) -> None:
    together = embedder.embed(TEXTS)
    alone = np.vstack([embedder.embed([t]) for t in reversed(TEXTS)])[::-1]
    np.testing.assert_allclose(together, alone, atol=1e-6)
    assert not np.allclose(together[0], together[-1])  # different texts, different vectors
    assert embedder.cache_key == embedder.cache_key and embedder.cache_key
