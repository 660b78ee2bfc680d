"""Slate's own model backends, registered through the same hooks as a plugin's.

Registering costs nothing: each factory imports its backend module only when it builds a model.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.errors import ConfigError, ModelUnavailableError
from assistant.hookspecs import hookimpl
from assistant.models.base import Embedder, EmbedderFactory, TextModel, TextModelFactory
from assistant.models.known import FETCH_COMMAND, SMOLLM2_GGUF, default_gguf_path

if TYPE_CHECKING:
    from assistant.config import Settings


class TransformersFactory(TextModelFactory):
    """``backend = "transformers"``: a local folder or GGUF (default: SmolLM2-135M Q4_1)."""

    backend = "transformers"

    def create(self, settings: Settings) -> TextModel:
        from assistant.models.transformers_llm import TransformersTextModel

        generator = settings.models.generator
        expected_sha256 = None
        path = generator.path
        if path is None:
            path = default_gguf_path(settings.cache_dir)
            expected_sha256 = SMOLLM2_GGUF.sha256
            if not path.is_file():
                raise ModelUnavailableError(
                    f"The default text model ({SMOLLM2_GGUF.name}) is not installed: run "
                    f"`{FETCH_COMMAND}` (it puts {path.name} in {path.parent}), or set "
                    f"models.generator.path to a model folder or .gguf file"
                )
        elif not path.expanduser().exists():
            raise ModelUnavailableError(
                f"models.generator.path {path} does not exist; point it at a Hugging Face model "
                f"folder or a .gguf file"
            )
        return TransformersTextModel(
            path,
            cache_dir=settings.cache_dir,
            device=settings.models.device,
            threads=settings.models.threads,
            context_tokens=generator.context_tokens,
            expected_sha256=expected_sha256,
        )


class OpenAICompatibleFactory(TextModelFactory):
    """``backend = "openai"``: a server speaking the OpenAI chat-completions protocol."""

    backend = "openai"

    def create(self, settings: Settings) -> TextModel:
        from assistant.models.openai_compat import OpenAICompatibleModel

        generator = settings.models.generator
        if not generator.name:
            raise ConfigError(
                "models.generator.name must name the server's model (for Ollama, e.g. "
                "'llama3.2:3b'; `slate models` lists what the server offers)"
            )
        return OpenAICompatibleModel(
            generator.url,
            generator.name,
            api_key=generator.api_key,
            timeout=generator.timeout,
            retries=generator.retries,
            context_tokens=generator.context_tokens,
            allowed_hosts=generator.allowed_hosts,
        )


class SentenceTransformersFactory(EmbedderFactory):
    """``backend = "sentence-transformers"``: a model folder (default: all-MiniLM-L6-v2)."""

    backend = "sentence-transformers"

    def create(self, settings: Settings) -> Embedder:
        from assistant.models.embedder import SentenceTransformerEmbedder

        embedder = settings.models.embedder
        return SentenceTransformerEmbedder(
            embedder.path,
            device=settings.models.device,
            batch_size=embedder.batch_size,
            max_seq_length=embedder.max_seq_length,
            threads=settings.models.threads,
        )


@hookimpl
def register_text_models(register: Callable[[TextModelFactory], None]) -> None:
    register(TransformersFactory())
    register(OpenAICompatibleFactory())


@hookimpl
def register_embedders(register: Callable[[EmbedderFactory], None]) -> None:
    register(SentenceTransformersFactory())
