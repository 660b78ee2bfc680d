"""The small interfaces every model backend implements (one abstract method each, as in simonw/llm).

Backends load their weights on first use, never in ``__init__``; a factory registered through the
``register_text_models`` / ``register_embedders`` hooks builds them from settings.
"""

from __future__ import annotations

import logging
import math
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from assistant.config import Settings


LOCAL_DESTINATION = "this machine (the model runs inside Slate)"
"""Where a model run in Slate's own process sends text: nowhere else."""
UNSTATED_DESTINATION = "not stated by its backend (a plugin's: see its documentation)"


class Embedder(ABC):
    """Turns texts into L2-normalised float32 vectors."""

    model_id: str = "unknown"
    """Names the model and its version (recorded with results, e.g. a trained model's embedder)."""
    batch_size: int = 64
    destination: str = UNSTATED_DESTINATION
    """Where the texts go to be embedded, in words (``slate models`` shows it)."""

    @property
    def cache_key(self) -> str:
        """What a stored vector is keyed on besides its text: everything that changes a vector.

        Two embedders with the same key must return the same vector for the same text. This
        default is ``model_id``; a backend whose vectors also depend on settings (a token limit,
        pooling, normalisation) includes them.
        """
        return self.model_id

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


class ChatMessage(BaseModel):
    """One turn of a conversation sent to a text model."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Literal["system", "user", "assistant"]
    content: str


class GenerationOptions(BaseModel):
    """How to generate: the same options for every backend."""

    model_config = ConfigDict(extra="forbid")

    max_new_tokens: int = Field(default=256, ge=1, le=32768)
    """Stop after this many new tokens."""
    temperature: float = Field(default=0.0, ge=0.0, le=2.0)
    """0 means greedy decoding (deterministic); higher values sample."""
    top_p: float = Field(default=1.0, gt=0.0, le=1.0)
    """Nucleus sampling mass when ``temperature`` > 0."""
    repetition_penalty: float = Field(default=1.0, ge=1.0, le=2.0)
    """Divides the score of tokens already in the text (1.0: off). Local transformers models only:
    small ones like SmolLM2-135M loop on greedy decoding without it."""
    seed: int | None = None
    """Seed for sampling, so a sampled answer can be reproduced."""
    stop: tuple[str, ...] = ()
    """Strings that end the answer (not included in it)."""


class FittedPrompt(BaseModel):
    """Messages cut to fit a model's context, and how much was cut (so callers can say so)."""

    model_config = ConfigDict(extra="forbid")

    messages: tuple[ChatMessage, ...]
    prompt_tokens: int
    """Tokens of the chat-formatted prompt after fitting."""
    dropped_tokens: int = 0
    """Tokens removed by the truncation policy (0: nothing was cut)."""

    @property
    def truncated(self) -> bool:
        return self.dropped_tokens > 0


def log_truncation(log: logging.Logger, fitted: FittedPrompt, context_tokens: int) -> None:
    """Warn on ``log`` when ``fitted`` was cut, with how much and the policy (every backend)."""
    if fitted.truncated:
        log.warning(
            "Prompt cut by %d tokens to fit %d-token context: %s",
            fitted.dropped_tokens,
            context_tokens,
            TRUNCATION_POLICY,
        )


TRUNCATION_MARK = "[...]"
"""Put where text was cut from a prompt, so the model (and a reader of the log) sees the gap."""

TRUNCATION_POLICY = (
    "the system message is kept whole, earlier turns are dropped oldest first, then the start of "
    "the last message is cut (its end, where the question is, is kept)"
)
"""What ``TextModel.fit`` does to a prompt longer than the context; quoted in messages and docs."""


class TextModel(ABC):
    """Generates text from chat messages; streams tokens; can be cancelled mid-answer.

    The issue calls this interface ``TextGenerator`` (an alias below). One abstract method,
    ``stream``; ``generate``, ``count_tokens``, ``chat_template`` and ``fit`` have defaults that
    backends refine with their tokenizer.
    """

    model_id: str = "unknown"
    """Names the model (and file or URL); recorded with results."""
    destination: str = UNSTATED_DESTINATION
    """Where the prompt's text goes, in words (``slate models`` shows it)."""
    can_stream: bool = True
    context_tokens: int = 2048
    """Prompt plus answer must fit in this many tokens."""

    @abstractmethod
    def stream(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        cancel: threading.Event | None = None,
    ) -> Iterator[str]:
        """Yield the answer piece by piece.

        Generation stops early when ``cancel`` is set or when the caller closes the iterator
        (which is what a ``KeyboardInterrupt`` in a ``for`` loop over it does).

        Raises:
            ModelUnavailableError: the model cannot be loaded or reached.
            ModelOutputError: the backend answered with something unusable.
        """

    def load(self) -> None:  # noqa: B027 (optional hook: most backends have nothing to do)
        """Load the weights or reach the server now rather than on first use (``slate models``).

        Raises:
            ModelUnavailableError: the model cannot be loaded or reached.
        """

    def generate(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        cancel: threading.Event | None = None,
    ) -> str:
        """The whole answer as one string."""
        return "".join(self.stream(messages, options, cancel))

    def count_tokens(self, text: str) -> int:
        """Tokens in ``text``; this default estimates 4 characters per token (English BPE)."""
        return math.ceil(len(text) / 4)

    def chat_template(self, messages: Sequence[ChatMessage]) -> str:
        """The prompt text the model sees for these messages, generation prompt included."""
        turns = [f"<|{m.role}|>\n{m.content}" for m in messages]
        return "\n".join([*turns, "<|assistant|>\n"])

    def fit(self, messages: Sequence[ChatMessage], max_new_tokens: int) -> FittedPrompt:
        """Cut ``messages`` so prompt + ``max_new_tokens`` fit ``context_tokens`` (see
        ``TRUNCATION_POLICY``).

        Raises:
            ModelOutputError: even the system message alone does not fit.
        """
        from assistant.errors import ModelOutputError

        budget = self.context_tokens - max_new_tokens
        kept = list(messages)
        total = self.count_tokens(self.chat_template(kept))
        if total <= budget:
            return FittedPrompt(messages=tuple(kept), prompt_tokens=total)
        original = total
        # Oldest non-system turns go first, keeping the last message (the question).
        while total > budget and len(kept) > 1:
            index = next((i for i, m in enumerate(kept[:-1]) if m.role != "system"), None)
            if index is None:
                break
            del kept[index]
            total = self.count_tokens(self.chat_template(kept))
        if total > budget:
            last = kept[-1]
            without_last = self.count_tokens(
                self.chat_template(
                    [*kept[:-1], last.model_copy(update={"content": TRUNCATION_MARK})]
                )
            )
            room = budget - without_last
            # Tokens can merge across the cut, so check the whole prompt and shrink until it fits.
            while total > budget:
                if room <= 0 or last.role == "system":
                    raise ModelOutputError(
                        f"The prompt does not fit the model's context of {self.context_tokens} "
                        f"tokens even after truncation; lower max tokens or use a model with a "
                        f"longer context"
                    )
                tail = self._keep_tail(last.content, room)
                kept[-1] = last.model_copy(update={"content": tail})
                total = self.count_tokens(self.chat_template(kept))
                room -= max(1, total - budget)
        return FittedPrompt(
            messages=tuple(kept), prompt_tokens=total, dropped_tokens=max(0, original - total)
        )

    def _keep_tail(self, text: str, tokens: int) -> str:
        """The end of ``text`` in at most ``tokens`` tokens, after a truncation mark."""
        low, high = 0, len(text)
        # Binary search on the start offset: count_tokens is monotone in the length of a suffix.
        while low < high:
            middle = (low + high) // 2
            if self.count_tokens(TRUNCATION_MARK + " " + text[middle:]) <= tokens:
                high = middle
            else:
                low = middle + 1
        return TRUNCATION_MARK + " " + text[low:].lstrip()


def cut_at_stops(pieces: Iterable[str], stops: Sequence[str]) -> Iterator[str]:
    """Pass ``pieces`` through until one of ``stops`` appears; the stop string is not yielded.

    Text that could be the start of a stop string is held back until it is known not to be, so a
    stop split across two pieces is still caught. Stops after the first match (the caller then
    ends generation by leaving the loop).
    """
    if not stops:
        yield from pieces
        return
    hold = max(len(s) for s in stops) - 1
    buffer = ""
    for piece in pieces:
        buffer += piece
        found = [i for i in (buffer.find(s) for s in stops) if i >= 0]
        if found:
            if min(found) > 0:
                yield buffer[: min(found)]
            return
        if len(buffer) > hold:
            cut = len(buffer) - hold
            yield buffer[:cut]
            buffer = buffer[cut:]
    if buffer:
        yield buffer


TextGenerator = TextModel
"""The name the issue uses for the text-generation interface."""


class TextModelFactory(ABC):
    """Builds a text model from settings; registered through ``register_text_models``.

    Registering a factory is cheap: no weights are read until the model first generates.
    """

    backend: str = "unknown"
    """The value of ``models.generator.backend`` that selects this factory."""

    @abstractmethod
    def create(self, settings: Settings) -> TextModel:
        """A text model for these settings (not loaded yet).

        Raises:
            ModelUnavailableError: the settings name a model that is not there; the message says
                what to install or configure.
        """


class EmbedderFactory(ABC):
    """Builds an embedder from settings; registered through ``register_embedders``."""

    backend: str = "unknown"
    """The value of ``models.embedder.backend`` that selects this factory."""

    @abstractmethod
    def create(self, settings: Settings) -> Embedder:
        """An embedder for these settings (not loaded yet).

        Raises:
            ModelUnavailableError: the configured model folder is missing or not a model.
        """
