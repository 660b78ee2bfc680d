"""The real SmolLM2-135M (GGUF via the safetensors cache) and all-MiniLM-L6-v2, loaded once."""

from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from pydantic import BaseModel, Field

from assistant.errors import ModelUnavailableError
from assistant.models.base import ChatMessage, Embedder, GenerationOptions, TextModel
from assistant.models.embedder import SentenceTransformerEmbedder
from assistant.models.embedding_cache import CachedEmbedder
from assistant.models.gguf_cache import SOURCE_RECORD, converted_dir, ensure_converted
from assistant.models.known import SMOLLM2_GGUF, default_gguf_path
from assistant.models.prompts import RenderedPrompt
from assistant.models.structured import generate_structured
from assistant.models.transformers_llm import TransformersTextModel
from tests.models.real import minilm, real_settings, smollm2

pytestmark = pytest.mark.real_model
__all__ = ["minilm", "smollm2"]

ASK = [ChatMessage(role="user", content="Name three colours.")]
SHORT = GenerationOptions(max_new_tokens=12)


def _generating_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "slate-generate"]


def test_gguf_is_served_from_the_converted_cache(smollm2: TextModel) -> None:
    settings = real_settings()
    folder = converted_dir(default_gguf_path(settings.cache_dir), settings.cache_dir)
    record = json.loads((folder / SOURCE_RECORD).read_text())
    assert record["sha256"] == SMOLLM2_GGUF.sha256
    assert (folder / "model.safetensors").is_file()
    assert smollm2.context_tokens == SMOLLM2_GGUF.context_tokens == 8192
    assert "<|im_start|>user\nName three colours.<|im_end|>" in smollm2.chat_template(ASK)
    assert 0 < smollm2.count_tokens("The lighthouse keeper lights the lamp.") < 15


def test_smollm2_context_is_what_its_gguf_states() -> None:
    from gguf import GGUFReader

    reader = GGUFReader(str(default_gguf_path(real_settings().cache_dir)))
    field = reader.fields["llama.context_length"]
    assert int(field.parts[field.data[0]][0]) == SMOLLM2_GGUF.context_tokens


def test_greedy_generation_streams_and_repeats(smollm2: TextModel) -> None:
    pieces = list(smollm2.stream(ASK, SHORT))
    assert len(pieces) > 1 and "".join(pieces).strip()
    assert smollm2.generate(ASK, SHORT) == "".join(pieces)


def test_cancel_event_stops_generation_within_a_token(smollm2: TextModel) -> None:
    cancel = threading.Event()
    pieces = []
    start = time.monotonic()
    for piece in smollm2.stream(ASK, GenerationOptions(max_new_tokens=200), cancel):
        pieces.append(piece)
        if len(pieces) == 2:
            cancel.set()
    assert len(pieces) == 2
    assert not _generating_threads()
    assert time.monotonic() - start < 60  # far below 200 tokens' worth


def test_keyboard_interrupt_mid_generation_stops_the_worker(smollm2: TextModel) -> None:
    stream = smollm2.stream(ASK, GenerationOptions(max_new_tokens=200))
    with pytest.raises(KeyboardInterrupt):
        for count, _piece in enumerate(stream, 1):
            if count == 2:
                raise KeyboardInterrupt
    stream.close()  # type: ignore[attr-defined]  # what unwinding the loop does to a generator
    assert not _generating_threads()
    assert smollm2.generate(ASK, SHORT)  # the model is still usable


def test_stop_strings(smollm2: TextModel) -> None:
    full = smollm2.generate(ASK, SHORT)
    word = full.split()[1]
    cut = smollm2.generate(ASK, GenerationOptions(max_new_tokens=12, stop=(word,)))
    assert word not in cut and full.startswith(cut)


def test_prompt_longer_than_the_context_is_cut_and_logged(
    smollm2: TextModel, caplog: pytest.LogCaptureFixture
) -> None:
    assert isinstance(smollm2, TransformersTextModel)
    small = TransformersTextModel(
        smollm2.path, cache_dir=smollm2.cache_dir, device="cpu", context_tokens=256,
        expected_sha256=SMOLLM2_GGUF.sha256,
    )  # fmt: skip
    question = "lighthouse " * 600 + "What colour is the sea?"
    messages = [ChatMessage(role="user", content=question)]
    fitted = small.fit(messages, max_new_tokens=16)
    assert fitted.truncated and fitted.prompt_tokens <= 240
    assert fitted.messages[-1].content.endswith("What colour is the sea?")
    with caplog.at_level(logging.WARNING):
        answer = small.generate(messages, GenerationOptions(max_new_tokens=16))
    assert answer.strip()
    assert "Prompt cut by" in caplog.text


class SceneMood(BaseModel):
    mood: str = Field(min_length=1, max_length=40)
    intensity: int = Field(ge=1, le=5)


def test_structured_output_always_returns_a_valid_object(smollm2: TextModel) -> None:
    task = RenderedPrompt(
        name="test_mood", version=1, system="You rate the mood of film scenes.",
        prompt="Scene: a storm hits the lighthouse at night; the keeper climbs the cliff path.",
    )  # fmt: skip
    result = generate_structured(
        smollm2, task, SceneMood, lambda: SceneMood(mood="unknown", intensity=3),
        GenerationOptions(max_new_tokens=40),
    )  # fmt: skip
    assert isinstance(result.value, SceneMood)
    assert result.prompt == "test_mood.v1" and 1 <= result.attempts <= 2
    assert result.fallback == (result.value == SceneMood(mood="unknown", intensity=3))
    assert len(result.raw) == result.attempts


def test_truncated_real_gguf_is_refused(tmp_path: Path) -> None:
    source = default_gguf_path(real_settings().cache_dir)
    if not source.is_file():
        pytest.fail(f"{source} is missing: run `.venv/bin/python scripts/fetch_models.py`")
    truncated = tmp_path / source.name
    with source.open("rb") as handle:
        truncated.write_bytes(handle.read(5_000_000))  # the first 5 of 98 MB
    with pytest.raises(ModelUnavailableError, match="damaged or not the expected model"):
        ensure_converted(truncated, tmp_path / "cache", SMOLLM2_GGUF.sha256)
    with pytest.raises(ModelUnavailableError, match="Cannot read GGUF"):
        ensure_converted(truncated, tmp_path / "cache")  # no checksum: the reader finds it


def test_minilm_vectors(minilm: Embedder) -> None:
    texts = [
        "The keeper lights the lamp at the top of the lighthouse.",
        "A lighthouse lamp shines over the sea at night.",
        "The fishmonger sells crab and mackerel at the market.",
    ]
    vectors = minilm.embed(texts)
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
    one_by_one = np.vstack([minilm.embed([t]) for t in texts])
    np.testing.assert_allclose(one_by_one, vectors, atol=1e-5)  # batching changes nothing


def test_minilm_max_seq_length_cuts_long_texts(minilm: Embedder) -> None:
    short = SentenceTransformerEmbedder(device="cpu", max_seq_length=16)
    head = "rain hammers the roof of the depot while the dispatcher sorts keys " * 2
    a, b = short.embed([head, head + "and then a long tail about something else entirely"])
    np.testing.assert_allclose(a, b, atol=1e-6)  # both cut to the same 16 tokens
    c, d = minilm.embed([head, head + "and then a long tail about something else entirely"])
    assert not np.allclose(c, d, atol=1e-3)


def test_cache_keeps_vectors_of_different_token_limits_apart(
    minilm: Embedder, tmp_path: Path
) -> None:
    text = "rain hammers the roof of the depot while the dispatcher sorts keys " * 6
    db = tmp_path / "e.sqlite"
    CachedEmbedder(SentenceTransformerEmbedder(device="cpu", max_seq_length=16), db).embed([text])
    served = CachedEmbedder(SentenceTransformerEmbedder(device="cpu", max_seq_length=256), db)
    np.testing.assert_allclose(served.embed([text]), minilm.embed([text]), atol=1e-5)
    assert served.misses == 1


def test_threads_embed_at_once_with_the_same_results(minilm: Embedder) -> None:
    texts = [f"scene {i}: the keeper climbs to the lamp as the storm rises" for i in range(40)]
    expected = minilm.embed(texts)
    results: dict[int, np.ndarray] = {}
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            results[index] = minilm.embed(texts)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    workers = [threading.Thread(target=work, args=(i,)) for i in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert errors == [] and len(results) == 3
    for vectors in results.values():
        np.testing.assert_allclose(vectors, expected, atol=1e-5)
