"""Backends are found by name through the plugin hooks; built models are shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import ConfigError, ModelUnavailableError
from assistant.models.embedding_cache import CachedEmbedder
from assistant.models.registry import (
    clear_model_cache,
    embedder_factories,
    get_embedder,
    get_text_model,
    text_model_factories,
)
from tests.fakes import FakeEmbedder, FakeTextModel, fake_settings, registered_fakes


@pytest.fixture(autouse=True)
def _fresh() -> None:
    clear_model_cache()


def _settings(tmp_path: Path, **models: object) -> Settings:
    return Settings.model_validate({"cache_dir": tmp_path, "models": models})


def test_default_backends_are_registered() -> None:
    assert {"transformers", "openai"} <= text_model_factories().keys()
    assert "sentence-transformers" in embedder_factories()


def test_unknown_backend_lists_the_installed_ones(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"Unknown text model backend 'llamafile'.*openai"):
        get_text_model(_settings(tmp_path, generator={"backend": "llamafile"}))
    with pytest.raises(ConfigError, match=r"Installed backends: sentence-transformers"):
        get_embedder(_settings(tmp_path, embedder={"backend": "word2vec"}))


def test_missing_default_model_says_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailableError, match=r"run `.*scripts/fetch_models\.py`"):
        get_text_model(_settings(tmp_path))


def test_missing_configured_paths(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailableError, match="does not exist"):
        get_text_model(_settings(tmp_path, generator={"path": str(tmp_path / "no.gguf")}))
    with pytest.raises(ModelUnavailableError, match="not a sentence-transformers model"):
        get_embedder(_settings(tmp_path, embedder={"path": str(tmp_path)}))


def test_openai_backend_needs_a_model_name(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"models\.generator\.name"):
        get_text_model(_settings(tmp_path, generator={"backend": "openai"}))


def test_plugins_register_backends_and_models_are_built_once(tmp_path: Path) -> None:
    model, embedder = FakeTextModel(), FakeEmbedder()
    with registered_fakes(model, embedder):
        settings = fake_settings()
        assert get_text_model(settings) is model
        assert get_text_model(settings) is get_text_model(fake_settings())
        assert get_embedder(settings) is embedder  # cache off in fake_settings
        cached = get_embedder(
            Settings.model_validate(
                {"cache_dir": tmp_path, "models": {"embedder": {"backend": "fake"}}}
            )
        )
        assert isinstance(cached, CachedEmbedder) and cached.inner is embedder
    assert "fake" not in text_model_factories()
