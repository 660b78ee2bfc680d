"""Fast, deterministic stand-ins for the real models, for tests about something else.

Both are real subclasses of the interfaces in ``assistant.models.base`` (as llm's ``MockModel`` and
``EmbedDemo`` are), so code under test cannot tell them from a backend except by their speed.
``FakeModelsPlugin`` registers them under the backend name ``fake`` through the same hooks as the
real backends (see ``registered_fakes``).
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from assistant.config import Settings
from assistant.hookspecs import hookimpl
from assistant.models.base import (
    ChatMessage,
    Embedder,
    EmbedderFactory,
    GenerationOptions,
    TextModel,
    TextModelFactory,
    cut_at_stops,
)

_WORD = re.compile(r"[a-z0-9']+")


class FakeEmbedder(Embedder):
    """Hashed bag-of-words vectors: texts sharing words get similar vectors; identical texts equal.

    Each lower-cased word adds +1 or -1 (from its hash) to one of ``dimensions`` slots; the row is
    then scaled to unit length. A text with no words maps to the first unit vector.
    """

    def __init__(self, dimensions: int = 64, batch_size: int = 16) -> None:
        self.dimensions = dimensions
        self.batch_size = batch_size
        self.model_id = f"fake-bow-{dimensions}"
        self.calls: list[list[str]] = []
        """Every batch embedded, in order (to check batching and caching)."""

    def embed_batch(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.calls.append(list(texts))
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _WORD.findall(text.lower()):
                digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
                slot = int.from_bytes(digest[:4], "little") % self.dimensions
                out[row, slot] += 1.0 if digest[4] & 1 else -1.0
            norm = float(np.linalg.norm(out[row]))
            if norm == 0.0:
                out[row, 0] = 1.0
            else:
                out[row] /= norm
        return out


@dataclass
class FakeCall:
    """One call to ``FakeTextModel.stream``: what it was asked, and with which options."""

    messages: list[ChatMessage]
    options: GenerationOptions


class FakeTextModel(TextModel):
    """Replies with queued answers (``enqueue``), streamed word by word; records ``history``.

    With the queue empty it replies ``default_reply``. ``count_tokens`` counts words, so context
    tests can reason in words.
    """

    def __init__(self, context_tokens: int = 2048, default_reply: str = "OK.") -> None:
        self.model_id = "fake-text"
        self.context_tokens = context_tokens
        self.default_reply = default_reply
        self._queue: list[str] = []
        self.history: list[FakeCall] = []
        self.on_piece: Callable[[int], None] | None = None
        """Called with each piece's index before it is yielded (to interrupt mid-answer)."""

    def enqueue(self, replies: Sequence[str]) -> None:
        """Queue answers for the next calls, first in first out."""
        self._queue.extend(replies)

    def stream(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        cancel: threading.Event | None = None,
    ) -> Iterator[str]:
        self.history.append(FakeCall(list(messages), options))
        reply = self._queue.pop(0) if self._queue else self.default_reply
        # Stop strings end the answer, as in every real backend.
        yield from cut_at_stops(self._pieces(reply, options, cancel), options.stop)

    def _pieces(
        self, reply: str, options: GenerationOptions, cancel: threading.Event | None
    ) -> Iterator[str]:
        pieces = re.findall(r"\S+\s*|\s+", reply)
        for index, piece in enumerate(pieces[: options.max_new_tokens]):
            if cancel is not None and cancel.is_set():
                return
            if self.on_piece is not None:
                self.on_piece(index)
            yield piece

    def count_tokens(self, text: str) -> int:
        return len(text.split())


class _FakeTextFactory(TextModelFactory):
    backend = "fake"

    def __init__(self, model: FakeTextModel) -> None:
        self.model = model

    def create(self, settings: Settings) -> TextModel:
        return self.model


class _FakeEmbedderFactory(EmbedderFactory):
    backend = "fake"

    def __init__(self, embedder: FakeEmbedder) -> None:
        self.embedder = embedder

    def create(self, settings: Settings) -> Embedder:
        return self.embedder


class FakeModelsPlugin:
    """Hookimpls registering one ``FakeTextModel`` and one ``FakeEmbedder`` as backend ``fake``."""

    def __init__(self, model: FakeTextModel, embedder: FakeEmbedder) -> None:
        self.model = model
        self.embedder = embedder

    @hookimpl
    def register_text_models(self, register: Callable[[TextModelFactory], None]) -> None:
        register(_FakeTextFactory(self.model))

    @hookimpl
    def register_embedders(self, register: Callable[[EmbedderFactory], None]) -> None:
        register(_FakeEmbedderFactory(self.embedder))


def fake_settings(**models: object) -> Settings:
    """Settings selecting the ``fake`` backends, reading no config file and no disk cache."""
    generator = {"backend": "fake"}
    embedder = {"backend": "fake", "cache": False}
    return Settings.model_validate(
        {"models": {"generator": generator, "embedder": embedder, **models}},
    )


@contextmanager
def registered_fakes(
    model: FakeTextModel | None = None, embedder: FakeEmbedder | None = None
) -> Iterator[FakeModelsPlugin]:
    """Register the fakes with Slate's plugin manager for the duration of a ``with`` block."""
    from assistant.models.registry import clear_model_cache
    from assistant.plugins import load_plugins

    pm = load_plugins()
    plugin = FakeModelsPlugin(model or FakeTextModel(), embedder or FakeEmbedder())
    pm.register(plugin, name="undo-fake-models-plugin")
    clear_model_cache()
    try:
        yield plugin
    finally:
        pm.unregister(name="undo-fake-models-plugin")
        clear_model_cache()
