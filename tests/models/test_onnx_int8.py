"""precision = "onnx-int8": the rewritten ONNX graph's arithmetic, when it falls back to torch int8,
and (real_model) MiniLM exported from its package folder and run by ONNX Runtime."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.models import embedder as embedder_module
from assistant.models import onnx_int8
from assistant.models.embedder import SentenceTransformerEmbedder, default_embedder_path


def _one_matmul_graph(weight: np.ndarray[Any, Any]) -> Any:
    from onnx import TensorProto, helper, numpy_helper

    k, n = weight.shape
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "w"], ["y"])],
        "one",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, None, k])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, None, n])],
        [numpy_helper.from_array(weight, "w")],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


@pytest.mark.parametrize("signed", [True, False], ids=["int8-weights", "uint8-weights"])
def test_the_rewritten_product_is_int8linear_exactly_and_not_the_float_one(signed: bool) -> None:
    import onnxruntime as ort
    import torch

    from assistant.models.embedder import quantize_linears

    if signed and not onnx_int8.weights_signed():
        # Not a skip of the product: this CPU never runs int8 weights (see the next test).
        pytest.skip("int8 weights saturate on this CPU (no VNNI); the product uses uint8 here")
    torch.manual_seed(0)
    layer = torch.nn.Sequential(torch.nn.Linear(96, 40, bias=False))
    x = torch.randn(3, 5, 96)
    x[0, 0, 7] = 40.0  # one outlier token: per-token scales keep it from coarsening the others
    x[1] = x[1].sign() * 3.0  # every activation near 127 after rounding: what saturates int16
    linear = layer[0]
    assert isinstance(linear, torch.nn.Linear)
    weight = linear.weight.detach().numpy().T.copy()
    model = _one_matmul_graph(weight)
    assert onnx_int8.per_token_int8(model, signed=signed) == 1
    assert [n.op_type for n in model.graph.node].count("MatMulInteger") == 1
    assert "w" not in {i.name for i in model.graph.initializer}  # the float weight is gone
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    got = session.run(None, {"x": x.numpy()})[0]
    with torch.inference_mode():
        exact = layer(x).numpy()
        quantize_linears(layer)
        int8 = layer(x).numpy()
    assert got.shape == exact.shape == (3, 5, 40)
    assert not np.array_equal(got, exact)  # it really ran in int8
    np.testing.assert_allclose(got, int8, rtol=0, atol=1e-4)  # Int8Linear's arithmetic


def test_the_weights_kind_follows_the_cpu_and_names_the_graph(tmp_path: Path) -> None:
    def cpu(flags: str) -> Path:
        path = tmp_path / f"cpuinfo-{len(list(tmp_path.iterdir()))}"
        path.write_text(f"processor\t: 0\nflags\t\t: fpu sse2 {flags}\nbugs\t\t: avx_vnni\n")
        return path

    assert not onnx_int8.weights_signed(cpu("avx2 fma"))  # AVX2 only: saturating u8 x s8
    assert not onnx_int8.weights_signed(cpu("avx2 avx512f avx512bw"))  # AVX-512 without VNNI
    assert onnx_int8.weights_signed(cpu("avx2 avx512f avx512_vnni"))
    assert onnx_int8.weights_signed(cpu("avx2 avx_vnni"))
    assert not onnx_int8.weights_signed(tmp_path / "missing")  # unreadable: the exact kind
    signed = onnx_int8.graph_path(tmp_path, "model", signed=True)
    unsigned = onnx_int8.graph_path(tmp_path, "model", signed=False)
    assert signed.name.endswith("-s8.onnx") and unsigned.name.endswith("-u8.onnx")
    assert signed.parent == unsigned.parent == tmp_path / "onnx"


def _model_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "model"
    shutil.copytree(default_embedder_path(), folder, ignore=shutil.ignore_patterns("*.safetensors"))
    (folder / "model.safetensors").write_bytes(b"weights")
    return folder


def test_onnx_runs_only_mean_pooled_models_with_onnxruntime_and_a_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _model_folder(tmp_path)
    assert onnx_int8.onnx_usable(folder) is None
    usable = SentenceTransformerEmbedder(folder, precision="onnx-int8", cache_dir=tmp_path)
    assert usable.onnx_fallback is None
    assert usable.cache_key.endswith(f"|precision=onnx-int8-v{onnx_int8.EXPORT_VERSION}")
    no_cache = SentenceTransformerEmbedder(folder, precision="onnx-int8")
    assert no_cache.onnx_fallback and no_cache.cache_key.endswith("|precision=int8")
    pooling = folder / "1_Pooling" / "config.json"
    config = json.loads(pooling.read_text())
    config.update(pooling_mode_mean_tokens=False, pooling_mode_cls_token=True)
    pooling.write_text(json.dumps(config))
    assert "pooling_mode_cls_token, not mean" in str(onnx_int8.onnx_usable(folder))
    config.update(pooling_mode_mean_tokens=True, pooling_mode_cls_token=False)
    pooling.write_text(json.dumps(config))
    # A default prompt, which sentence-transformers puts before every text: torch int8 runs.
    prompts = {"prompts": {"query": "query: "}, "default_prompt_name": "query"}
    (folder / "config_sentence_transformers.json").write_text(json.dumps(prompts))
    assert onnx_int8.onnx_usable(folder) == "it has a default prompt (query)"
    (folder / "config_sentence_transformers.json").write_text(json.dumps({"prompts": {}}))
    assert onnx_int8.onnx_usable(folder) is None
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        onnx_int8, "find_spec", lambda name: None if name == "onnxruntime" else real(name)
    )
    assert onnx_int8.onnx_usable(default_embedder_path()) == "onnxruntime not installed"


@pytest.fixture
def torch_int8_quantized(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """A fake sentence-transformers model behind the torch path; the list collects each model
    that torch int8 quantizes (one entry: the fallback ran)."""

    class Model:
        max_seq_length = 256

        def encode(self, texts: list[str], **_: Any) -> np.ndarray[Any, Any]:
            return np.ones((len(texts), 3), dtype=np.float32)

    quantized: list[object] = []
    monkeypatch.setattr(embedder_module, "_load_sentence_transformer", lambda p, d: Model())
    monkeypatch.setattr(embedder_module, "quantize_linears", quantized.append)
    monkeypatch.setattr(embedder_module, "_LOADED", {})
    return quantized


def test_without_onnxruntime_onnx_int8_runs_torch_int8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, torch_int8_quantized: list[object]
) -> None:
    quantized = torch_int8_quantized
    monkeypatch.setattr(onnx_int8, "find_spec", lambda name: None)
    fallback = SentenceTransformerEmbedder(
        _model_folder(tmp_path), device="cpu", precision="onnx-int8", cache_dir=tmp_path
    )
    assert fallback.onnx_fallback == "onnxruntime and onnx not installed"
    assert fallback.embed_batch(["one"]).shape == (1, 3)
    assert len(quantized) == 1  # torch int8, and no graph exported
    assert not (tmp_path / "onnx").exists()


def test_an_onnxruntime_that_is_installed_but_cannot_load_runs_torch_int8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, torch_int8_quantized: list[object]
) -> None:
    import sys

    quantized = torch_int8_quantized
    # Its files are there (find_spec finds it) but importing it fails, as a wheel whose native
    # library does not load on this machine does.
    monkeypatch.setattr(onnx_int8, "find_spec", lambda name: object())
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    fallback = SentenceTransformerEmbedder(
        _model_folder(tmp_path), device="cpu", precision="onnx-int8", cache_dir=tmp_path
    )
    assert str(fallback.onnx_fallback).startswith("onnxruntime cannot be imported (")
    assert fallback.cache_key.endswith("|precision=int8")
    assert fallback.embed_batch(["one"]).shape == (1, 3)
    assert len(quantized) == 1 and not (tmp_path / "onnx").exists()


@pytest.mark.real_model
def test_minilm_exported_once_runs_in_onnx_runtime_close_to_float32(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from importlib import resources

    from assistant.analysis.strength.scene_strength import score_screenplay
    from assistant.script.reading import parse_bytes

    monkeypatch.setattr(embedder_module, "_LOADED", {})
    fast = SentenceTransformerEmbedder(
        device="cpu", threads=1, precision="onnx-int8", cache_dir=tmp_path
    )
    exact = SentenceTransformerEmbedder(device="cpu", threads=1)
    texts = [
        "INT. KITCHEN - NIGHT. Mara drops the plate and it breaks on the tiles.",
        "  A quiet street at dawn.  ",
        "",
        "Café — naïve ÉCLAIR\tpeople… 42%",
        " ".join(["word"] * 400),  # cut at 256 tokens
        *[f"Scene {i}: the door opens and nobody is there." for i in range(20)],
    ]
    a, b = exact.embed(texts), fast.embed(texts)
    assert isinstance(fast._model, onnx_int8.OnnxSentenceModel)
    # The tokenizers-only path gives sentence-transformers' own token ids and masks.
    mine = fast._model.features(texts)
    theirs = onnx_int8.tokenize(exact._model, texts)
    assert set(mine) == {"input_ids", "attention_mask", "token_type_ids"}
    for name, ids in mine.items():
        np.testing.assert_array_equal(ids, theirs[name].numpy())
    assert mine["input_ids"].shape == (len(texts), 256)
    assert len(list((tmp_path / "onnx").glob("*.onnx"))) == 1
    assert b.dtype == np.float32 and b.shape == a.shape
    assert float(np.min(np.sum(a * b, axis=1))) > 0.98
    assert not np.array_equal(a, b)
    np.testing.assert_allclose(np.linalg.norm(b, axis=1), 1.0, atol=1e-5)
    # A second model over the same cache folder reads the graph: it does not export again.
    monkeypatch.setattr(embedder_module, "_LOADED", {})
    monkeypatch.setattr(onnx_int8, "_export_float", lambda folder, path: pytest.fail("export"))
    again = SentenceTransformerEmbedder(device="cpu", precision="onnx-int8", cache_dir=tmp_path)
    np.testing.assert_allclose(again.embed(texts), b, atol=1e-6)
    data = (resources.files("assistant") / "samples" / "night_shift.fountain").read_bytes()
    screenplay = parse_bytes(data, format="fountain")
    strong = [s.strength for s in score_screenplay(screenplay, exact).scenes]
    quick = [s.strength for s in score_screenplay(screenplay, fast).scenes]
    assert max(abs(x - y) for x, y in zip(strong, quick, strict=True)) < 3e-2


@pytest.mark.real_model
def test_the_worker_tokenizes_as_sentence_transformers_configured_it_not_as_the_file_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A folder whose tokenizer.json keeps case and whose sentence_bert_config.json asks for
    # lower case (sentence-transformers then adds a Lowercase step to the tokenizer).
    folder = tmp_path / "model"
    shutil.copytree(default_embedder_path(), folder, ignore=shutil.ignore_patterns("*.safetensors"))
    (folder / "model.safetensors").symlink_to(default_embedder_path() / "model.safetensors")
    config = json.loads((folder / "sentence_bert_config.json").read_text())
    (folder / "sentence_bert_config.json").write_text(json.dumps({**config, "do_lower_case": True}))
    tokenizer = json.loads((folder / "tokenizer.json").read_text())
    tokenizer["normalizer"]["lowercase"] = False
    (folder / "tokenizer.json").write_text(json.dumps(tokenizer))
    monkeypatch.setattr(embedder_module, "_LOADED", {})
    texts = ["INT. KITCHEN - NIGHT", "Mara SHOUTS: GET OUT", "ÉCLAIR naïve"]
    exact = SentenceTransformerEmbedder(folder, device="cpu", threads=1)
    fast = SentenceTransformerEmbedder(
        folder, device="cpu", threads=1, precision="onnx-int8", cache_dir=tmp_path
    )
    a, b = exact.embed(texts), fast.embed(texts)
    assert isinstance(fast._model, onnx_int8.OnnxSentenceModel)
    theirs = onnx_int8.tokenize(exact._model, texts)
    for name, ids in fast._model.features(texts).items():
        np.testing.assert_array_equal(ids, theirs[name].numpy())
    assert float(np.min(np.sum(a * b, axis=1))) > 0.98


@pytest.mark.real_model
def test_passes_group_texts_by_token_count_and_vectors_come_back_in_input_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Short in characters but many word pieces, against long in characters and few pieces: a
    # sort by characters would put these in the same passes and pad the short ones.
    dense = [f"q{i:02}z9x7k2w8q3z9x7k2" for i in range(20)]  # ~20 characters, ~22 tokens
    plain = [f"The door of room number {i} opens slowly and quietly." for i in range(20)]
    texts = [t for pair in zip(plain, dense, strict=True) for t in pair]
    monkeypatch.setattr(embedder_module, "_LOADED", {})
    fast = SentenceTransformerEmbedder(
        device="cpu", threads=1, precision="onnx-int8", cache_dir=tmp_path
    )
    fast.embed(["load"])
    model = fast._model
    assert isinstance(model, onnx_int8.OnnxSentenceModel)
    widths: list[int] = []
    counts: list[int] = []
    run = model.session.run

    def spy(names: Any, feed: dict[str, Any]) -> Any:
        widths.append(feed["input_ids"].shape[1])
        counts.extend(int(n) for n in feed["attention_mask"].sum(axis=1))
        return run(names, feed)

    monkeypatch.setattr(model.session, "run", spy, raising=False)
    together = fast.embed(texts)
    # Longest first by tokens, each pass padded to its own longest text only.
    assert counts == sorted(counts, reverse=True)
    starts = range(0, len(texts), onnx_int8.PASS_TEXTS)
    assert widths == [counts[s] for s in starts]
    alone = np.stack([fast.embed([t])[0] for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5)


@pytest.mark.real_model
def test_a_worker_with_the_graph_exported_loads_no_torch(tmp_path: Path) -> None:
    import subprocess
    import sys

    SentenceTransformerEmbedder(precision="onnx-int8", cache_dir=tmp_path).embed(["export"])
    code = (
        "import sys; from pathlib import Path; "
        "from assistant.models.embedder import SentenceTransformerEmbedder as E; "
        f"v = E(precision='onnx-int8', cache_dir=Path({str(tmp_path)!r})).embed(['one', 'two']); "
        "print(v.shape, 'torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.split("\n")[-2] == "(2, 384) False False"


def test_a_batch_exports_the_graph_once_before_its_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import onnx

    from assistant.analysis.batch.parts import prepare_embedder
    from assistant.config import load_settings

    exports: list[Path] = []

    def export(folder: Path, path: Path) -> None:  # a one-layer stand-in for MiniLM's body
        exports.append(path)
        onnx.save(_one_matmul_graph(np.eye(4, dtype=np.float32)), str(path))

    monkeypatch.setattr(onnx_int8, "_export_float", export)
    monkeypatch.setenv("SLATE_CACHE_DIR", str(tmp_path))
    (tmp_path / "slate.toml").write_text("")
    settings = load_settings(tmp_path / "slate.toml")
    prepare_embedder(settings, "float32")
    assert not exports
    prepare_embedder(settings, "onnx-int8")
    prepare_embedder(settings, "onnx-int8")
    assert len(exports) == 1 and not exports[0].exists()  # the float scratch file is removed
    (graph,) = (tmp_path / "onnx").glob("embedder-int8-*.onnx")
    assert [n.op_type for n in onnx.load(str(graph)).graph.node].count("MatMulInteger") == 1


def _fake_export(exports: list[Path]) -> Any:
    import onnx

    def export(folder: Path, path: Path) -> None:  # a one-layer stand-in for MiniLM's body
        exports.append(path)
        onnx.save(_one_matmul_graph(np.eye(4, dtype=np.float32)), str(path))

    return export


@pytest.mark.parametrize("damage", ["half", "empty", "garbage"])
def test_a_cached_graph_onnx_runtime_cannot_read_is_exported_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    import onnx

    exports: list[Path] = []
    monkeypatch.setattr(onnx_int8, "_export_float", _fake_export(exports))
    folder = _model_folder(tmp_path)
    embedder = SentenceTransformerEmbedder(folder, precision="onnx-int8", cache_dir=tmp_path)
    graph = embedder.prepare()
    assert graph is not None and len(exports) == 1
    good = graph.read_bytes()
    # A half-copied cache, a disk fault, an emptied file: ONNX Runtime refuses all of them.
    graph.write_bytes({"half": good[: len(good) // 2], "empty": b"", "garbage": b"\0" * 64}[damage])
    # The batch's coordinator finds it before the workers start, and exports it once again.
    assert embedder.prepare() == graph and len(exports) == 2
    assert [n.op_type for n in onnx.load(str(graph)).graph.node].count("MatMulInteger") == 1
    # A worker that meets a damaged file (no coordinator: a plain run) does the same.
    graph.write_bytes(good[:100])
    model = onnx_int8.OnnxSentenceModel(folder, graph, 1, 256)
    assert len(exports) == 3 and [i.name for i in model.session.get_inputs()] == ["x"]


def test_a_graph_unreadable_even_when_exported_again_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.errors import ModelUnavailableError

    exports: list[Path] = []
    monkeypatch.setattr(onnx_int8, "_export_float", _fake_export(exports))
    # A rewrite that leaves the graph's output unproduced: ONNX Runtime refuses the result.
    monkeypatch.setattr(
        onnx_int8, "per_token_int8", lambda model, signed: model.graph.ClearField("node")
    )
    target = tmp_path / "onnx" / "g.onnx"
    target.parent.mkdir()
    target.write_bytes(b"\0" * 64)
    with pytest.raises(ModelUnavailableError) as raised:
        onnx_int8.open_graph(_model_folder(tmp_path), target, 1)
    assert len(exports) == 1  # the damaged file was exported again once, not in a loop
    assert "\n" not in raised.value.message and str(target) in raised.value.message


def test_a_cache_folder_that_cannot_hold_the_graph_is_one_clear_error(tmp_path: Path) -> None:
    from assistant.errors import OutputWriteError

    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file where the cache folder should be")
    embedder = SentenceTransformerEmbedder(
        _model_folder(tmp_path), precision="onnx-int8", cache_dir=not_a_folder
    )
    with pytest.raises(OutputWriteError) as raised:
        embedder.prepare()
    assert "\n" not in raised.value.message and str(not_a_folder / "onnx") in raised.value.message


@pytest.mark.parametrize(("omp", "threads"), [("3", 3), ("4,2", 4), ("", 0), ("many", 0)])
def test_onnx_runtime_threads_follow_any_omp_num_threads_without_failing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, omp: str, threads: int
) -> None:
    made: list[int] = []

    class Model:
        def __init__(self, folder: Path, graph: Path, threads: int, max_seq_length: int) -> None:
            made.append(threads)

    monkeypatch.setattr(onnx_int8, "OnnxSentenceModel", Model)
    monkeypatch.setenv("OMP_NUM_THREADS", omp)
    embedder = SentenceTransformerEmbedder(
        _model_folder(tmp_path), precision="onnx-int8", cache_dir=tmp_path
    )
    assert isinstance(embedder._onnx_model(), Model) and made == [threads]


def test_an_export_removes_the_scratch_files_of_killed_exports_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess
    import sys

    exports: list[Path] = []
    monkeypatch.setattr(onnx_int8, "_export_float", _fake_export(exports))
    target = tmp_path / "onnx" / "embedder-int8-0123.onnx"
    target.parent.mkdir()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    killed = target.parent / f".embedder-int8-0123.{gone}.float.onnx"
    running = target.parent / f".embedder-int8-0123.{os.getppid()}.float.onnx"
    other_model = target.parent / f".embedder-int8-4567.{gone}.float.onnx"
    for leftover in (killed, running, other_model):
        leftover.write_bytes(b"half a float graph")
    onnx_int8.ensure_graph(_model_folder(tmp_path), target)
    assert target.is_file() and not killed.exists()
    assert running.exists() and other_model.exists()  # a live export's, another model's


def test_an_export_cut_short_is_one_clear_error_and_caches_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.errors import ModelUnavailableError

    whole = _one_matmul_graph(np.eye(64, dtype=np.float32)).SerializeToString()

    def export(folder: Path, path: Path) -> None:  # the exporter stopped by a full disk
        path.write_bytes(whole[: len(whole) // 3])

    monkeypatch.setattr(onnx_int8, "_export_float", export)
    target = tmp_path / "onnx" / "embedder-int8-0123.onnx"
    with pytest.raises(ModelUnavailableError) as raised:
        onnx_int8.ensure_graph(_model_folder(tmp_path), target)
    assert "\n" not in raised.value.message and "cannot be read" in raised.value.message
    assert list(target.parent.iterdir()) == []  # no graph, no scratch file
