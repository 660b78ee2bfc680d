"""Session fixtures loading the real small models (tests marked ``real_model`` import these).

The weights load once per process whatever the number of fixtures: the backends share loaded
models in module-level caches keyed by folder and device.
"""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.models.base import Embedder, TextModel
from assistant.models.known import FETCH_COMMAND, default_gguf_path
from assistant.models.registry import get_embedder, get_text_model


def real_settings() -> Settings:
    """Default settings (the user's cache folder, or ``SLATE_CACHE_DIR``), embedding cache off."""
    return Settings.model_validate({"models": {"embedder": {"cache": False}, "device": "cpu"}})


@pytest.fixture(scope="session")
def smollm2() -> TextModel:
    settings = real_settings()
    path = default_gguf_path(settings.cache_dir)
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `{FETCH_COMMAND}` first (real_model tests need it)")
    model = get_text_model(settings)
    model.load()
    return model


@pytest.fixture(scope="session")
def minilm() -> Embedder:
    return get_embedder(real_settings())
