"""The small interfaces every model backend implements (one abstract method each, as in simonw/llm).

Backends load their weights on first use, never in ``__init__``; a factory registered through the
``register_text_models`` / ``register_embedders`` hooks builds them from settings.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


class Embedder(ABC):
    """Turns texts into L2-normalised float32 vectors."""

    model_id: str = "unknown"
    """Names the model and its version; part of every cache key."""
    batch_size: int = 64

    @abstractmethod
    def embed_batch(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Embed one batch: an array of shape (len(texts), dimensions), rows of unit length."""

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Embed any number of texts in batches of ``batch_size``."""
        import numpy as np

        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        parts = [
            self.embed_batch(texts[i : i + self.batch_size])
            for i in range(0, len(texts), self.batch_size)
        ]
        return np.vstack(parts).astype(np.float32, copy=False)
