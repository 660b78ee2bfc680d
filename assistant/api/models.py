"""Settings and models: load the settings; the configured models and whether they load."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.models.status import ModelStatus


def load_settings(
    config_file: Path | str | None = None, overrides: dict[str, Any] | None = None
) -> Settings:
    """Settings from CLI flags (``overrides``), ``SLATE_*`` variables and the TOML config file.

    Raises:
        ConfigError: the named file is missing, malformed, or holds an invalid value.
    """
    from assistant.config import load_settings as _load

    return _load(config_file, overrides)


def list_models(settings: Settings, *, load: bool = True) -> list[ModelStatus]:
    """The configured text model and embedder, and (with ``load``) whether each loads."""
    from assistant.models.status import check_models

    return check_models(settings, load=load)
