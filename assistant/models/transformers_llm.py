"""Text generation with a local Hugging Face model: a model folder or a ``.gguf`` file.

A GGUF is converted once into a safetensors folder in the cache (``gguf_cache.py``); the weights
then load in well under a second. Generation runs in a worker thread feeding a
``TextIteratorStreamer``; a ``StoppingCriteria`` checks a cancel event before each new token, so
Ctrl-C, ``cancel.set()`` or closing the iterator stop it within one token.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from assistant.errors import ModelOutputError, ModelUnavailableError
from assistant.models.base import (
    LOCAL_DESTINATION,
    ChatMessage,
    FittedPrompt,
    GenerationOptions,
    TextModel,
    cut_at_stops,
    log_truncation,
)

log = logging.getLogger(__name__)

# (folder, device) -> (model, tokenizer): one copy of the weights per process, however many
# TransformersTextModel objects point at them.
_LOADED: dict[tuple[str, str], tuple[Any, Any]] = {}
_LOAD_LOCK = threading.Lock()

MODEL_FILE_ERRORS: tuple[type[Exception], ...] = (OSError, ValueError)
"""What transformers raises for a model folder that is missing, incomplete or not a model it
knows (missing files, bad JSON, an unknown ``model_type``); safetensors adds ``SafetensorError``
for damaged weights. Anything else (a ``TypeError`` from an API change, a bug in Slate) is not a
missing model and is left to reach the user as a bug, with its traceback under ``SLATE_DEBUG``."""


class TransformersTextModel(TextModel):
    """A causal language model run by transformers on this machine.

    Args:
        path: a Hugging Face model folder (config.json, weights, tokenizer) or a ``.gguf`` file.
        cache_dir: where converted GGUF weights are kept.
        device: ``auto``, ``cpu``, ``cuda`` or ``mps``.
        threads: torch threads (``None``: torch's default).
        context_tokens: override the context the model's config states.
        expected_sha256: the GGUF must have this hash (set for the default model).
    """

    def __init__(
        self,
        path: Path,
        *,
        cache_dir: Path,
        device: str = "auto",
        threads: int | None = None,
        context_tokens: int | None = None,
        expected_sha256: str | None = None,
    ) -> None:
        self.path = Path(path).expanduser()
        self.cache_dir = cache_dir
        self.device = device
        self.threads = threads
        self.expected_sha256 = expected_sha256
        self._context_override = context_tokens
        self.model_id = f"transformers:{self.path.name}"
        self.destination = LOCAL_DESTINATION
        self._model: Any = None
        self._tokenizer: Any = None
        self._device: str = "cpu"

    @property
    def is_gguf(self) -> bool:
        return self.path.suffix.lower() == ".gguf"

    def load(self) -> None:
        self._load()

    def _load(self) -> tuple[Any, Any]:
        if self._model is not None:
            return self._model, self._tokenizer
        from assistant.models.device import apply_threads, resolve_device

        self._device = resolve_device(self.device)
        apply_threads(self.threads)
        if self.is_gguf:
            from assistant.models.gguf_cache import ensure_converted

            folder = ensure_converted(self.path, self.cache_dir, self.expected_sha256)
        else:
            folder = self.path
            if not (folder / "config.json").is_file():
                raise ModelUnavailableError(
                    f"{folder} is not a Hugging Face model folder (no config.json); set "
                    f"models.generator.path to a model folder or a .gguf file"
                )
        key = (str(folder.resolve()), self._device)
        with _LOAD_LOCK:
            loaded = _LOADED.get(key)
            if loaded is None:
                loaded = _LOADED[key] = _load_folder(folder, self._device)
        self._model, self._tokenizer = loaded
        configured = int(getattr(self._model.config, "max_position_embeddings", 2048))
        self.context_tokens = self._context_override or configured
        return loaded

    def count_tokens(self, text: str) -> int:
        _, tokenizer = self._load()
        return len(tokenizer(text, add_special_tokens=False)["input_ids"])

    def chat_template(self, messages: Sequence[ChatMessage]) -> str:
        _, tokenizer = self._load()
        if not getattr(tokenizer, "chat_template", None):
            return super().chat_template(messages)
        text: str = tokenizer.apply_chat_template(
            [m.model_dump() for m in messages], tokenize=False, add_generation_prompt=True
        )
        return text

    def fit(self, messages: Sequence[ChatMessage], max_new_tokens: int) -> FittedPrompt:
        self._load()  # context_tokens comes from the model's config
        return super().fit(messages, max_new_tokens)

    def stream(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        cancel: threading.Event | None = None,
    ) -> Iterator[str]:
        model, tokenizer = self._load()
        fitted = self.fit(messages, options.max_new_tokens)
        log_truncation(log, fitted, self.context_tokens)
        prompt = self.chat_template(fitted.messages)
        encoded = tokenizer(prompt, return_tensors="pt", add_special_tokens=False)
        stop = threading.Event()
        yield from cut_at_stops(
            self._generate(model, tokenizer, encoded, options, stop, cancel), options.stop
        )

    def _generate(
        self,
        model: Any,
        tokenizer: Any,
        encoded: Any,
        options: GenerationOptions,
        stop: threading.Event,
        cancel: threading.Event | None,
    ) -> Iterator[str]:
        import torch
        from transformers import StoppingCriteriaList, TextIteratorStreamer

        streamer: Any = TextIteratorStreamer(tokenizer, skip_prompt=True, skip_special_tokens=True)
        kwargs: dict[str, Any] = {
            "input_ids": encoded["input_ids"].to(self._device),
            "attention_mask": encoded["attention_mask"].to(self._device),
            "max_new_tokens": options.max_new_tokens,
            "streamer": streamer,
            "stopping_criteria": StoppingCriteriaList([_CancelCriteria(stop, cancel)]),
            "pad_token_id": tokenizer.pad_token_id or tokenizer.eos_token_id,
            "repetition_penalty": options.repetition_penalty,
        }
        if options.temperature > 0:
            kwargs.update(do_sample=True, temperature=options.temperature, top_p=options.top_p)
            if options.seed is not None:
                torch.manual_seed(options.seed)
        else:
            kwargs["do_sample"] = False
        failure: list[BaseException] = []

        def run() -> None:
            try:
                with torch.inference_mode():
                    model.generate(**kwargs)
            except BaseException as exc:  # reported in the consuming thread
                failure.append(exc)
                streamer.end()

        worker = threading.Thread(target=run, name="slate-generate", daemon=True)
        worker.start()
        try:
            for piece in streamer:
                if failure or (cancel is not None and cancel.is_set()):
                    break
                if piece:
                    yield piece
        finally:
            stop.set()  # the criteria see it before the next token; generate() returns
            worker.join()
        if failure:
            exc = failure[0]
            raise ModelOutputError(f"Generation failed: {type(exc).__name__}: {exc}") from exc


class _CancelCriteria:
    """Stops ``generate`` when either event is set (checked once per new token)."""

    def __init__(self, stop: threading.Event, cancel: threading.Event | None) -> None:
        self.stop = stop
        self.cancel = cancel

    def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
        import torch

        halt = self.stop.is_set() or (self.cancel is not None and self.cancel.is_set())
        return torch.full((input_ids.shape[0],), halt, dtype=torch.bool, device=input_ids.device)


def _load_folder(folder: Path, device: str) -> tuple[Any, Any]:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    from assistant.models.quiet import quiet_transformers

    quiet_transformers()
    from transformers import AutoModelForCausalLM, AutoTokenizer

    # float32 on CPU: bf16 matmuls are slower there; a GPU gets bf16/fp16 per the checkpoint.
    dtype = torch.float32 if device == "cpu" else "auto"
    import safetensors

    damaged_weights: type[Exception] = safetensors.SafetensorError
    model: Any
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
        model = AutoModelForCausalLM.from_pretrained(
            str(folder), dtype=dtype, local_files_only=True
        )
    except (*MODEL_FILE_ERRORS, damaged_weights) as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise ModelUnavailableError(f"Cannot load the model in {folder}: {first}") from exc
    model.to(device)
    model.eval()
    return model, tokenizer
