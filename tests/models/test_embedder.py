"""SentenceTransformerEmbedder without torch: a stand-in for the loaded sentence-transformers model.

The stand-in is what ``_load_sentence_transformer`` returns; the embedder code around it (cache
key, sharing of loaded models, locking) is Slate's real code.
"""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from assistant.models import embedder as embedder_module
from assistant.models.embedder import (
    Precision,
    SentenceTransformerEmbedder,
    default_embedder_path,
)
from assistant.models.embedding_cache import CachedEmbedder
from tests.fakes import FakeEmbedder

WAIT = 5.0
"""Longest a test waits for another thread (a failure, never a hang)."""


class FakeSentenceTransformer:
    """Encodes the first ``max_seq_length`` words as FakeEmbedder does; can hold an encode open."""

    def __init__(self) -> None:
        self.max_seq_length = 512
        self.hold = False
        """When set, each encode waits for ``release`` after announcing itself in ``inside``."""
        self.release = threading.Event()
        self.inside = threading.Semaphore(0)
        self.load_lock_held: list[bool] = []
        self._words = FakeEmbedder(dimensions=32)

    def encode(self, texts: Sequence[str], **kwargs: Any) -> npt.NDArray[np.float32]:
        self.load_lock_held.append(embedder_module._LOAD_LOCK.locked())
        if self.hold:
            self.inside.release()
            assert self.release.wait(WAIT), "the test never released the encode"
        cut = [" ".join(t.split()[: self.max_seq_length]) for t in texts]
        return self._words.embed_batch(cut)


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[FakeSentenceTransformer]]:
    """Every model 'loaded' by the embedder, in order (no torch, no weights)."""
    loaded: list[FakeSentenceTransformer] = []

    def load(path: Path, device: str) -> FakeSentenceTransformer:
        loaded.append(FakeSentenceTransformer())
        return loaded[-1]

    monkeypatch.setattr(embedder_module, "_load_sentence_transformer", load)
    monkeypatch.setattr("assistant.models.device.resolve_device", lambda name: "cpu")
    monkeypatch.setattr(embedder_module, "_LOADED", {})
    yield loaded


LONG = " ".join(f"word{i}" for i in range(40))


def test_a_vector_cut_at_16_tokens_is_not_served_to_a_256_token_embedder(
    tmp_path: Path, loads: list[FakeSentenceTransformer]
) -> None:
    db = tmp_path / "e.sqlite"
    short = SentenceTransformerEmbedder(device="cpu", max_seq_length=16)
    full = SentenceTransformerEmbedder(device="cpu", max_seq_length=256)
    assert short.model_id == full.model_id  # same weights; only the token limit differs
    cut = CachedEmbedder(short, db).embed([LONG])
    served = CachedEmbedder(full, db).embed([LONG])
    np.testing.assert_array_equal(served, full.embed_batch([LONG]))
    assert float(cut[0] @ served[0]) < 0.9  # the two really differ, so a mix-up would show
    assert {m.max_seq_length for m in loads} == {16, 256}  # each model keeps its own limit


def _model_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "model"
    shutil.copytree(default_embedder_path(), folder, ignore=shutil.ignore_patterns("*.safetensors"))
    (folder / "model.safetensors").write_bytes(b"weights")
    return folder


def test_cache_key_changes_with_everything_that_changes_a_vector(tmp_path: Path) -> None:
    folder = _model_folder(tmp_path)
    key = SentenceTransformerEmbedder(folder, max_seq_length=128).cache_key
    assert key == SentenceTransformerEmbedder(folder, max_seq_length=128, batch_size=8).cache_key
    assert key != SentenceTransformerEmbedder(folder, max_seq_length=256).cache_key
    pooling = folder / "1_Pooling" / "config.json"
    config = json.loads(pooling.read_text())
    config.update(pooling_mode_mean_tokens=False, pooling_mode_cls_token=True)
    pooling.write_text(json.dumps(config))
    pooled = SentenceTransformerEmbedder(folder, max_seq_length=128).cache_key
    assert pooled != key
    prompts = folder / "config_sentence_transformers.json"
    prompts.write_text(json.dumps({"prompts": {"query": "query: "}}))
    assert SentenceTransformerEmbedder(folder, max_seq_length=128).cache_key != pooled
    (folder / "model.safetensors").write_bytes(b"other weights, longer")
    reweighted = SentenceTransformerEmbedder(folder, max_seq_length=128).cache_key
    assert reweighted != pooled
    (folder / "README.md").write_text("notes only")  # does not change a vector
    assert SentenceTransformerEmbedder(folder, max_seq_length=128).cache_key == reweighted


def test_encoding_holds_no_lock_so_threads_overlap_and_loads_proceed(
    loads: list[FakeSentenceTransformer],
) -> None:
    embedder = SentenceTransformerEmbedder(device="cpu", max_seq_length=64)
    embedder.embed_batch(["warm"])  # loaded before the threads start
    model = loads[0]
    model.hold = True
    results: list[npt.NDArray[np.float32]] = []
    workers = [
        threading.Thread(target=lambda: results.append(embedder.embed_batch([LONG])))
        for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    try:
        # Both threads are inside encode at the same time: embedding is not serialised.
        assert model.inside.acquire(timeout=WAIT) and model.inside.acquire(timeout=WAIT)
        assert not embedder_module._LOAD_LOCK.locked()
        # Another model loads while both encodes are still running.
        other = SentenceTransformerEmbedder(device="cpu", max_seq_length=32)
        done = threading.Event()

        def load_other() -> None:
            other._load()
            done.set()

        threading.Thread(target=load_other).start()
        assert done.wait(WAIT)
        assert len(results) == 0  # the encodes had not finished when the load did
    finally:
        model.release.set()
        for worker in workers:
            worker.join(WAIT)
    assert len(results) == 2
    np.testing.assert_array_equal(results[0], results[1])
    assert not any(model.load_lock_held[1:])  # every encode after the warm-up ran unlocked


class _DtypeRecorder(FakeSentenceTransformer):
    """The stand-in, recording what dtype the embedder moved it to."""

    def __init__(self) -> None:
        super().__init__()
        self.dtypes: list[object] = []

    def to(self, dtype: object) -> _DtypeRecorder:
        self.dtypes.append(dtype)
        return self


def test_bfloat16_is_its_own_model_and_cache_key_and_float32_keys_are_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import torch

    loaded: list[_DtypeRecorder] = []

    def load(path: Path, device: str) -> _DtypeRecorder:
        loaded.append(_DtypeRecorder())
        return loaded[-1]

    monkeypatch.setattr(embedder_module, "_load_sentence_transformer", load)
    monkeypatch.setattr("assistant.models.device.resolve_device", lambda name: "cpu")
    monkeypatch.setattr(embedder_module, "_LOADED", {})
    folder = _model_folder(tmp_path)
    exact = SentenceTransformerEmbedder(folder, device="cpu", max_seq_length=64)
    fast = SentenceTransformerEmbedder(
        folder, device="cpu", max_seq_length=64, precision="bfloat16"
    )
    # float32 keys are what they were before precision existed: old cache rows stay valid.
    assert "precision" not in exact.cache_key
    assert fast.cache_key == exact.cache_key + "|precision=bfloat16"
    exact.embed_batch(["one"])
    fast.embed_batch(["two"])
    assert len(loaded) == 2  # a bfloat16 model never serves a float32 embedder, or back
    assert loaded[0].dtypes == [] and loaded[1].dtypes == [torch.bfloat16]
    SentenceTransformerEmbedder(
        folder, device="cpu", max_seq_length=64, precision="bfloat16"
    )._load()
    assert len(loaded) == 2  # the same precision shares the loaded model


@pytest.mark.real_model
@pytest.mark.parametrize(
    ("precision", "min_cosine", "max_shift"), [("bfloat16", 0.99, 5e-3), ("int8", 0.98, 3e-2)]
)
def test_a_faster_precision_stays_close_to_float32_on_a_written_script(
    precision: Precision, min_cosine: float, max_shift: float
) -> None:
    from importlib import resources

    from assistant.analysis.strength.scene_strength import score_screenplay
    from assistant.script.reading import parse_bytes

    data = (resources.files("assistant") / "samples" / "night_shift.fountain").read_bytes()
    screenplay = parse_bytes(data, format="fountain")
    exact = SentenceTransformerEmbedder(device="cpu")
    fast = SentenceTransformerEmbedder(device="cpu", precision=precision)
    texts = [LONG, "INT. KITCHEN - NIGHT. Mara drops the plate.", "A quiet street at dawn."]
    a, b = exact.embed(texts), fast.embed(texts)
    assert b.dtype == np.float32 and b.shape == a.shape
    assert float(np.min(np.sum(a * b, axis=1))) > min_cosine  # cosine of each pair
    assert not np.array_equal(a, b)  # it really ran in another precision
    strong = [s.strength for s in score_screenplay(screenplay, exact).scenes]
    quick = [s.strength for s in score_screenplay(screenplay, fast).scenes]
    assert max(abs(x - y) for x, y in zip(strong, quick, strict=True)) < max_shift


def test_int8_linear_matches_a_float_linear_within_its_rounding_and_keeps_the_shape() -> None:
    import torch

    from assistant.models.embedder import quantize_linears

    torch.manual_seed(0)
    layer = torch.nn.Sequential(torch.nn.Linear(48, 24), torch.nn.GELU(), torch.nn.Linear(24, 8))
    x = torch.randn(3, 5, 48)
    x[0, 0, 7] = 40.0  # one outlier: only its own token's scale may coarsen
    with torch.inference_mode():
        exact = layer(x)
        assert quantize_linears(layer) == 2
        assert not any(isinstance(m, torch.nn.Linear) for m in layer.modules())
        approx = layer(x)
    assert approx.shape == exact.shape and approx.dtype == torch.float32
    assert not torch.equal(approx, exact)  # it really ran in int8
    others = torch.ones(3, 5, dtype=torch.bool)
    others[0, 0] = False
    error = (approx - exact).abs()[others].max().item()
    scale = exact.abs()[others].max().item()
    assert error < 0.02 * scale  # per-token scales: the outlier did not spoil the other tokens


def test_int8_keeps_linear_bias_free_layers_and_refuses_a_gpu(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import torch

    from assistant.errors import ConfigError
    from assistant.models.embedder import quantize_linears

    layer = torch.nn.Linear(16, 4, bias=False)
    x = torch.randn(2, 16)
    with torch.inference_mode():
        exact = layer(x)
        quantize_linears(wrapped := torch.nn.Sequential(layer))
        assert torch.allclose(wrapped(x), exact, atol=0.05)
    monkeypatch.setattr("assistant.models.device.resolve_device", lambda name: "cuda")
    gpu = SentenceTransformerEmbedder(_model_folder(tmp_path), device="cuda", precision="int8")
    assert gpu.cache_key.endswith("|precision=int8")
    with pytest.raises(ConfigError, match="CPU only"):
        gpu.embed_batch(["one"])


def test_int8_linear_takes_an_empty_batch_like_a_float_linear() -> None:
    import torch

    from assistant.models.embedder import quantize_linears

    layer = torch.nn.Sequential(torch.nn.Linear(16, 4))
    empty = torch.zeros(0, 16), torch.zeros(2, 0, 16)
    with torch.inference_mode():
        exact = [layer(x).shape for x in empty]
        quantize_linears(layer)
        assert [layer(x).shape for x in empty] == exact == [(0, 4), (2, 0, 4)]


def test_int8_on_the_auto_device_runs_on_the_cpu_of_a_gpu_machine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    devices: list[str] = []

    def load(path: Path, device: str) -> FakeSentenceTransformer:
        devices.append(device)
        return FakeSentenceTransformer()

    monkeypatch.setattr(embedder_module, "_load_sentence_transformer", load)
    monkeypatch.setattr(embedder_module, "quantize_linears", lambda model: 0)
    monkeypatch.setattr(embedder_module, "_LOADED", {})
    # auto finds a GPU here; int8 has no GPU kernel, and auto is not a request for one
    monkeypatch.setattr("assistant.models.device.resolve_device", lambda name: "cuda")
    SentenceTransformerEmbedder(device="auto", precision="int8").embed_batch(["one"])
    SentenceTransformerEmbedder(device="auto", precision="float32").embed_batch(["one"])
    assert devices == ["cpu", "cuda"]


@pytest.mark.real_model
def test_a_max_seq_length_beyond_the_models_positions_is_cut_to_them() -> None:
    """The setting allows 8192 tokens for models that have them; MiniLM has 512 positions, and a
    longer limit made every text over 512 tokens fail inside the model with an index error."""
    embedder = SentenceTransformerEmbedder(device="cpu", max_seq_length=8192)
    assert embedder.max_seq_length == 512
    vectors = embedder.embed([" ".join(["word"] * 2000), "A short line."])
    assert vectors.shape == (2, 384)
    assert SentenceTransformerEmbedder(device="cpu", max_seq_length=300).max_seq_length == 300
