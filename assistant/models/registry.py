"""Finding the backend a setting names, and building each model once per process.

Factories come from the ``register_text_models`` / ``register_embedders`` hooks (Slate's own in
``default_backends.py``, others from plugins). Built models are cached by the settings that shape
them, so the CLI, the TUI and the analyses share one loaded SmolLM2 and one MiniLM.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, TypeVar

from assistant.errors import ConfigError
from assistant.models.base import Embedder, EmbedderFactory, TextModel, TextModelFactory
from assistant.plugins import load_plugins

if TYPE_CHECKING:
    from assistant.config import Settings

_text_models: dict[str, TextModel] = {}
_embedders: dict[str, Embedder] = {}
_lock = threading.Lock()
F = TypeVar("F", TextModelFactory, EmbedderFactory)


def text_model_factories() -> dict[str, TextModelFactory]:
    """Registered text-model factories by backend name (later registrations win)."""
    found: dict[str, TextModelFactory] = {}
    load_plugins().hook.register_text_models(register=lambda f: found.__setitem__(f.backend, f))
    return found


def embedder_factories() -> dict[str, EmbedderFactory]:
    """Registered embedder factories by backend name (later registrations win)."""
    found: dict[str, EmbedderFactory] = {}
    load_plugins().hook.register_embedders(register=lambda f: found.__setitem__(f.backend, f))
    return found


def _factory(factories: Mapping[str, F], backend: str, setting: str, what: str) -> F:
    """The factory for ``backend``; else an error naming the setting and what is installed."""
    factory = factories.get(backend)
    if factory is None:
        raise ConfigError(
            f"Unknown {what} backend {backend!r} ({setting}). "
            f"Installed backends: {', '.join(sorted(factories)) or 'none'}"
        )
    return factory


def _key(settings: Settings, section: str) -> str:
    """What makes two settings build the same model: the section, device, threads, cache folder.

    Two API keys never share a built client: the key's SHA-256 is part of it (never the key,
    so this string is safe to show).
    """
    import hashlib
    import json

    models = settings.models
    part = models.generator if section == "generator" else models.embedder
    shape = {
        "section": part.model_dump(mode="json"),
        "device": models.device,
        "threads": models.threads,
        "cache_dir": str(settings.cache_dir),
    }
    if section == "generator" and models.generator.api_key is not None:
        secret = models.generator.api_key.get_secret_value().encode()
        shape["api_key_sha256"] = hashlib.sha256(secret).hexdigest()
    return json.dumps(shape, sort_keys=True)


def get_text_model(settings: Settings) -> TextModel:
    """The text model the settings name, built once per distinct generator settings.

    Raises:
        ConfigError: no installed backend has that name (the message lists those installed).
        ModelUnavailableError: the backend cannot find its model.
    """
    key = _key(settings, "generator")
    with _lock:
        model = _text_models.get(key)
        if model is None:
            factory = _factory(
                text_model_factories(),
                settings.models.generator.backend,
                "models.generator.backend",
                "text model",
            )
            model = _text_models[key] = factory.create(settings)
    return model


def get_embedder(settings: Settings) -> Embedder:
    """The embedder the settings name (wrapped in the disk cache when ``cache`` is on).

    Raises:
        ConfigError: no installed backend has that name (the message lists those installed).
        ModelUnavailableError: the backend cannot find its model.
    """
    key = _key(settings, "embedder")
    with _lock:
        embedder = _embedders.get(key)
        if embedder is None:
            factory = _factory(
                embedder_factories(),
                settings.models.embedder.backend,
                "models.embedder.backend",
                "embedder",
            )
            embedder = factory.create(settings)
            if settings.models.embedder.cache:
                from assistant.models.embedding_cache import CachedEmbedder

                embedder = CachedEmbedder(embedder, settings.cache_dir / "embeddings.sqlite")
            _embedders[key] = embedder
    return embedder


def clear_model_cache() -> None:
    """Forget built models (tests swap backends; loaded weights are freed when unreferenced)."""
    with _lock:
        _text_models.clear()
        _embedders.clear()
