"""MiniLM (any mean-pooled BERT-like sentence-transformers folder) as an int8 ONNX graph run by
ONNX Runtime: ``precision = "onnx-int8"``.

The graph is exported once from the model folder's own weights (``torch.onnx.export``, never a
hub) into Slate's cache folder, then every Linear layer's product is rewritten to the same
arithmetic as ``Int8Linear`` (embedder.py): weights rounded per output channel, each token's
activations rounded with its own scale (``max |x| / 127``), int32 sums. The activations are
carried as uint8 with the fixed zero point 128 because ONNX Runtime's VNNI kernels take
uint8 x int8 (an int8 x int8 ``MatMulInteger`` runs ~6x slower here); the shift is exact.
Without VNNI (AVX2 and AVX-512 without VNNI) that uint8 x int8 kernel adds pairs of products in
saturating int16 (``vpmaddubsw``), which wrecked MiniLM's vectors (cosine 0.974 against float32,
one product off by 3.5); there the weights are carried as uint8 too (zero point 128, exact),
which takes ONNX Runtime's widening uint8 x uint8 kernel: exact, ~1.3x the time of the
saturating one and still below float32's (``weights_signed``).
``onnxruntime.quantization.quantize_dynamic`` was not used: its one activation scale per batch
gave cosines down to 0.987 against float32 on three training scripts, against 0.995 here, at
the same speed (docs/batch.md).

Tokenisation is the tokenizer sentence-transformers built from the folder (its
``tokenizer.json`` with what its configs add, such as ``do_lower_case``), kept in the graph
file at the export, set as sentence-transformers sets it (pad to the longest, cut at
``max_seq_length``); mean pooling and normalisation follow sentence-transformers; texts are
sorted by token count (sentence-transformers sorts by characters, which pads more); only the
transformer body runs in ONNX Runtime.
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from collections.abc import Sequence
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import ModelUnavailableError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

EXPORT_VERSION = "3"
"""Changes when the exported graph's arithmetic or contents change (part of the file name and
of the embedder's cache key). 2: the graph carries sentence-transformers' tokenizer
(``TOKENIZER_KEY``). 3: uint8 weights on CPUs without VNNI (version 2's vectors there were
saturated, so rows cached from them must not be reused)."""
TOKENIZER_KEY = "slate.tokenizer"
"""The graph's metadata entry holding the tokenizer JSON sentence-transformers used."""
PASS_TEXTS = 16
"""Texts per ONNX Runtime pass. The texts are sorted by token count, so a pass pads little: on
scene openings 16-text passes are 5.5% padding (sorted by characters, as sentence-transformers
sorts, 16%; 64-text passes 17%), and 24- or 32-text passes ran ~30% slower a token here (their
activations outgrow the cache); 8 and 12 were no faster than 16. Per-token scales make a text's
vector independent of its pass-mates apart from float rounding (~1e-7)."""
_OPSET = 17


def onnx_usable(folder: Path) -> str | None:
    """Why ``folder`` cannot run through ONNX Runtime here, or None when it can: onnxruntime and
    onnx must be installed (onnxruntime importable), and the folder must be a Transformer ->
    mean Pooling (-> Normalize) sentence-transformers model (its modules.json and pooling
    config are read; onnxruntime is imported, onnx is not)."""
    missing = [name for name in ("onnxruntime", "onnx") if find_spec(name) is None]
    if missing:
        return f"{' and '.join(missing)} not installed"
    try:
        # Installed is not importable: a wheel whose native library cannot load here (another
        # CPU, a missing system library) would otherwise fail every worker. The workers import
        # it anyway; onnx is only needed for the export, which reports its own failure.
        import onnxruntime  # noqa: F401
    except (ImportError, OSError) as exc:
        return f"onnxruntime cannot be imported ({str(exc).splitlines()[0] if str(exc) else exc})"
    try:
        modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
        kinds = [str(m["type"]).rsplit(".", 1)[-1] for m in modules]
        if kinds not in (["Transformer", "Pooling", "Normalize"], ["Transformer", "Pooling"]):
            return f"its modules are {', '.join(kinds)}, not Transformer, Pooling, Normalize"
        pooling_dir = folder / str(modules[1].get("path") or "1_Pooling")
        pooling = json.loads((pooling_dir / "config.json").read_text(encoding="utf-8"))
        if pooling_dir.name != "1_Pooling" or not (folder / "tokenizer.json").is_file():
            return "it has no tokenizer.json or 1_Pooling folder"
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        return f"its modules.json or pooling config cannot be read ({exc})"
    modes = {k for k, v in pooling.items() if k.startswith("pooling_mode_") and v is True}
    if modes != {"pooling_mode_mean_tokens"}:
        return f"its pooling is {', '.join(sorted(modes)) or 'none'}, not mean"
    # sentence-transformers puts a default prompt before every text; the ONNX path does not.
    try:
        st_config = json.loads(
            (folder / "config_sentence_transformers.json").read_text(encoding="utf-8")
        )
    except FileNotFoundError:
        st_config = {}
    except (OSError, ValueError) as exc:
        return f"its config_sentence_transformers.json cannot be read ({exc})"
    if isinstance(st_config, dict) and st_config.get("default_prompt_name"):
        return f"it has a default prompt ({st_config['default_prompt_name']})"
    return None


_VNNI_FLAGS = frozenset({"avx512_vnni", "avx_vnni", "amx_int8"})


def weights_signed(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """Whether this CPU multiplies uint8 x int8 without saturating (x86 VNNI), so the graph's
    weights may stay int8; elsewhere, or when the flags cannot be read, they go as uint8."""
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    flags = next((line for line in text.splitlines() if line.startswith("flags")), "")
    return not _VNNI_FLAGS.isdisjoint(flags.split())


def graph_path(cache_dir: Path, model_key: str, *, signed: bool | None = None) -> Path:
    """Where the int8 graph of the model named by ``model_key`` (its cache key) is kept; the
    weights' kind (``weights_signed``, this CPU's unless given) is in the name, so a cache
    folder shared by two kinds of CPU holds one graph for each."""
    kind = "s8" if (weights_signed() if signed is None else signed) else "u8"
    digest = hashlib.sha256(f"{model_key}|onnx-int8-v{EXPORT_VERSION}".encode()).hexdigest()
    return cache_dir / "onnx" / f"embedder-int8-{digest[:16]}-{kind}.onnx"


def ensure_graph(folder: Path, target: Path, *, replace: bool = False) -> Path:
    """Export and rewrite the model in ``folder`` into ``target`` unless it is there already
    (about 10 s of CPU, once per model; the file is written atomically, so a worker that reads
    it never sees half of one). ``replace`` exports again over a file that is there (one ONNX
    Runtime cannot read).

    Raises:
        ModelUnavailableError: the export fails.
        OutputWriteError: the cache folder is not writable.
    """
    if target.is_file() and not replace:
        return target
    from assistant.errors import OutputWriteError
    from assistant.files import write_atomic

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # cache_dir is a file, read-only, or on a full disk
        raise OutputWriteError(
            f"Cannot write the onnx-int8 graph into {target.parent}: {exc.strerror or exc}"
        ) from exc
    _remove_dead_scratch(target)
    scratch = target.with_name(f".{target.stem}.{os.getpid()}.float.onnx")
    try:
        tokenizer = _export_float(folder, scratch)
        import onnx

        try:
            graph = onnx.load(str(scratch))
        # protobuf's DecodeError (a scratch file cut short: a full disk) derives from Exception
        except Exception as exc:
            raise ValueError(f"the exported float graph cannot be read ({exc})") from exc
        per_token_int8(graph, signed=target.stem.endswith("-s8"))
        if tokenizer is not None:
            onnx.helper.set_model_props(graph, {TOKENIZER_KEY: tokenizer})
        write_atomic(target, graph.SerializeToString())
    except (ImportError, OSError, RuntimeError, ValueError) as exc:
        raise ModelUnavailableError(
            f"Cannot convert {folder} to ONNX: {str(exc).splitlines()[0] if str(exc) else exc}"
        ) from exc
    finally:
        scratch.unlink(missing_ok=True)
    return target


def _remove_dead_scratch(target: Path) -> None:
    """Delete the ~90 MB float scratch files that exports killed mid-way left beside ``target``
    (their process is gone): otherwise every interrupted first run keeps one in the cache."""
    for scratch in target.parent.glob(f".{target.stem}.*.float.onnx"):
        pid = scratch.name[len(target.stem) + 2 : -len(".float.onnx")]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)  # signal 0: only asks whether the process exists
        except ProcessLookupError:
            scratch.unlink(missing_ok=True)
        except OSError:  # it exists (another user's): its export may still be running
            continue


def open_graph(folder: Path, target: Path, threads: int) -> Any:
    """An ONNX Runtime session over the int8 graph ``target`` of the model in ``folder``,
    exported first unless it is there. A cached file ONNX Runtime cannot read (half a copy, a
    disk fault, an edit) is exported again once, not reported on every run.

    Raises:
        ModelUnavailableError: the export fails, or ONNX Runtime cannot read even a new export.
        OutputWriteError: the cache folder is not writable.
    """
    ensure_graph(folder, target)
    session, why = _session(target, threads)
    if session is None:
        ensure_graph(folder, target, replace=True)
        session, why = _session(target, threads)
    if session is None:
        raise ModelUnavailableError(
            f"ONNX Runtime cannot read {target} ({why}); delete it, or set batch.precision to int8"
        )
    return session


def _session(graph: Path, threads: int) -> tuple[Any, str]:
    """ONNX Runtime's session over ``graph``, or None and why it cannot read the file."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    # Idle threads must not spin on a shared machine: the cores are the other workers'.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    try:
        session = ort.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
    # ONNX Runtime's own errors (InvalidProtobuf, InvalidArgument, Fail...) derive from
    # Exception only; whichever it is, the file is not a graph this runtime can run.
    except Exception as exc:
        lines = str(exc).splitlines()
        return None, lines[0] if lines else type(exc).__name__
    return session, ""


def _export_float(folder: Path, path: Path) -> str | None:
    """The transformer body of the sentence-transformers model in ``folder`` as a float32 ONNX
    graph (inputs: the tokenizer's ids and masks; output: the last hidden state); returns the
    JSON of the tokenizer sentence-transformers built (the folder's tokenizer.json can differ
    from it: ``do_lower_case`` in sentence_bert_config.json adds a Lowercase step)."""
    import torch

    from assistant.models.embedder import _load_sentence_transformer

    model = _load_sentence_transformer(folder, "cpu")
    body = model[0].auto_model.eval()
    # A padded batch: the traced graph then keeps the attention-mask path, which is right for
    # every batch (an unpadded trace could drop the mask as a constant).
    features = tokenize(model, ["Slate reads the whole script.", "A"])
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in features]

    class Body(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.body = body

        def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
            out = self.body(**dict(zip(names, inputs, strict=True)), return_dict=True)
            return out.last_hidden_state  # type: ignore[no-any-return]

    axes = {n: {0: "texts", 1: "tokens"} for n in [*names, "last_hidden_state"]}
    # The tracer warns about Python branches in the attention code; the padded trace above keeps
    # the masked path, and the tests compare the graph with torch on other batch shapes.
    with torch.inference_mode(False), torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            Body(),
            tuple(features[n] for n in names),
            str(path),
            dynamo=False,
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes=axes,
            opset_version=_OPSET,
        )
    backend = getattr(model[0].tokenizer, "backend_tokenizer", None)
    return str(backend.to_str()) if backend is not None else None


def per_token_int8(model: Any, *, signed: bool | None = None) -> int:
    """Rewrite every float MatMul by a constant 2-D weight in the ONNX ``model`` (in place) as a
    per-token, per-channel int8 product; returns how many were rewritten. ``signed``: weights
    as int8 (VNNI CPUs) or as uint8 shifted by 128 (the rest); this CPU's kind unless given.
    Both give the same integer sums."""
    if signed is None:
        signed = weights_signed()
    import numpy as np
    from onnx import TensorProto, helper, numpy_helper

    graph = model.graph
    weights = {i.name: i for i in graph.initializer}
    constants: dict[str, npt.NDArray[Any]] = {
        "i8_eps": np.array(1e-12, np.float32),
        "i8_127": np.array(127.0, np.float32),
        "i8_128": np.array(128.0, np.float32),
        "i8_zero_point": np.array(128, np.uint8),
    }
    graph.initializer.extend(numpy_helper.from_array(v, k) for k, v in constants.items())
    nodes: list[Any] = []
    count = 0
    # MatMulInteger's inputs: a, b, a's zero point, b's zero point (uint8 weights only).
    w_zero = ["i8_zero_point"] if signed else ["i8_zero_point", "i8_zero_point"]
    for node in graph.node:
        weight = weights.get(node.input[1]) if node.op_type == "MatMul" else None
        if weight is None or len(weight.dims) != 2:
            nodes.append(node)
            continue
        w = numpy_helper.to_array(weight).astype(np.float32)  # (in, out)
        scale = (np.maximum(np.abs(w).max(axis=0), 1e-12) / 127.0).astype(np.float32)
        p = f"i8_{count}_"
        count += 1
        graph.initializer.extend(
            [
                numpy_helper.from_array(_weight_ints(np.round(w / scale), signed), p + "w"),
                numpy_helper.from_array(scale, p + "w_scale"),
            ]
        )
        x = node.input[0]
        nodes += [
            helper.make_node("Abs", [x], [p + "abs"]),
            helper.make_node("ReduceMax", [p + "abs"], [p + "top"], axes=[-1], keepdims=1),
            helper.make_node("Max", [p + "top", "i8_eps"], [p + "top_c"]),
            helper.make_node("Div", [p + "top_c", "i8_127"], [p + "x_scale"]),
            helper.make_node("Reciprocal", [p + "x_scale"], [p + "x_inv"]),
            helper.make_node("Mul", [x, p + "x_inv"], [p + "x_scaled"]),
            helper.make_node("Round", [p + "x_scaled"], [p + "x_round"]),
            helper.make_node("Add", [p + "x_round", "i8_128"], [p + "x_shift"]),
            helper.make_node("Cast", [p + "x_shift"], [p + "x_u8"], to=TensorProto.UINT8),
            helper.make_node("MatMulInteger", [p + "x_u8", p + "w", *w_zero], [p + "y"]),
            helper.make_node("Cast", [p + "y"], [p + "y_f"], to=TensorProto.FLOAT),
            helper.make_node("Mul", [p + "y_f", p + "x_scale"], [p + "y_x"]),
            helper.make_node("Mul", [p + "y_x", p + "w_scale"], [node.output[0]]),
        ]
    used = {name for n in nodes for name in n.input}
    kept = [i for i in graph.initializer if i.name in used]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    del graph.node[:]
    graph.node.extend(nodes)
    return count


def _weight_ints(rounded: npt.NDArray[Any], signed: bool) -> npt.NDArray[Any]:
    """Weights rounded to [-127, 127], as int8, or as uint8 shifted by the zero point 128."""
    import numpy as np

    return rounded.astype(np.int8) if signed else (rounded + 128).astype(np.uint8)


def tokenize(model: Any, texts: Sequence[str]) -> dict[str, Any]:
    """sentence-transformers' own tokenisation of ``texts`` (torch tensors by name; the export)."""
    prepare = getattr(model, "preprocess", None) or model.tokenize
    return dict(prepare(list(texts)))


class OnnxSentenceModel:
    """The part of ``SentenceTransformer`` the embedder uses (``encode``, ``max_seq_length``,
    the dimension) over an ONNX Runtime session and sentence-transformers' tokenizer (the
    ``tokenizers`` library: no torch, transformers or sentence-transformers to import, which
    are most of a batch worker's start-up).

    Args:
        folder: the sentence-transformers model folder (tokenizer and pooling config).
        graph: where the int8 ONNX file is kept (``graph_path``; exported when missing or
            unreadable, ``open_graph``).
        threads: ONNX Runtime's intra-op threads (0: its default, one per core).
        max_seq_length: tokens per text; longer texts are cut, as sentence-transformers does.
    """

    def __init__(self, folder: Path, graph: Path, threads: int, max_seq_length: int) -> None:
        from tokenizers import Tokenizer

        self.session = open_graph(folder, graph, threads)
        self.inputs = [i.name for i in self.session.get_inputs()]
        meta = self.session.get_modelmeta().custom_metadata_map
        # sentence-transformers' own tokenizer, kept at the export; the folder's file for a
        # graph made without one.
        self.tokenizer = (
            Tokenizer.from_str(meta[TOKENIZER_KEY])
            if TOKENIZER_KEY in meta
            else Tokenizer.from_file(str(folder / "tokenizer.json"))
        )
        # The file's own padding (MiniLM's: fixed at 128) is dropped: each pass is padded to its
        # own longest text here (``_feed``), with the file's pad id, as sentence-transformers
        # pads (to the longest, on the right). Truncation is sentence-transformers' (longest
        # first, at ``max_seq_length``).
        padding = self.tokenizer.padding or {}
        self.pad_id = int(padding.get("pad_id", 0))
        self.pad_type_id = int(padding.get("pad_type_id", 0))
        self.tokenizer.no_padding()
        self._max_seq_length = 0
        self.max_seq_length = max_seq_length
        pooling = json.loads((folder / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
        self.dimension = int(pooling["word_embedding_dimension"])

    @property
    def max_seq_length(self) -> int:
        return self._max_seq_length

    @max_seq_length.setter
    def max_seq_length(self, value: int) -> None:
        self._max_seq_length = value
        self.tokenizer.enable_truncation(max_length=value, strategy="longest_first")

    def get_sentence_embedding_dimension(self) -> int:
        return self.dimension

    def features(self, texts: Sequence[str]) -> dict[str, npt.NDArray[np.int64]]:
        """The graph's inputs for ``texts``: token ids, attention mask, token types, padded to
        the longest (sentence-transformers' own tokenisation of the same texts)."""
        return self._feed(self.tokenizer.encode_batch(list(texts)))

    def _feed(self, encodings: Sequence[Any]) -> dict[str, npt.NDArray[np.int64]]:
        """The graph's inputs for tokenised texts, padded on the right to the longest."""
        import numpy as np

        width = max((len(e.ids) for e in encodings), default=0)
        ids = np.full((len(encodings), width), self.pad_id, dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        types = np.full((len(encodings), width), self.pad_type_id, dtype=np.int64)
        for row, encoding in enumerate(encodings):
            size = len(encoding.ids)
            ids[row, :size] = encoding.ids
            mask[row, :size] = encoding.attention_mask
            types[row, :size] = encoding.type_ids
        arrays = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        return {name: arrays[name] for name in self.inputs}

    def encode(
        self, texts: Sequence[str], *, normalize_embeddings: bool = True, **_: Any
    ) -> npt.NDArray[np.float32]:
        """Vectors for ``texts`` in their order: tokenised once, sorted by token count (longest
        first) so that each ``PASS_TEXTS`` pass pads little, and run a pass at a time; mean over
        the real tokens, then unit length."""
        import numpy as np

        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(list(texts))
        order = np.argsort([-len(e.ids) for e in encodings], kind="stable")
        for start in range(0, len(texts), PASS_TEXTS):
            rows = order[start : start + PASS_TEXTS]
            feed = self._feed([encodings[i] for i in rows])
            hidden = self.session.run(None, feed)[0]
            mask = feed["attention_mask"][..., None].astype(np.float32)
            pooled = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
            if normalize_embeddings:
                norms = np.linalg.norm(pooled, axis=1, keepdims=True)
                pooled = pooled / np.maximum(norms, 1e-12)
            out[rows] = pooled
        return out
