"""Shared fixtures: the path to ../shared/data; isolation from installed plugins and user config."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_configure(config: pytest.Config) -> None:
    # Third-party plugins installed on the machine must not change what the tests see.
    import assistant.plugins

    assistant.plugins.LOAD_ENTRY_POINTS = False
    # Never reach a model hub, even by accident.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    # A developer's own ~/.config/slate/config.toml must not change what the tests see.
    os.environ.pop("SLATE_CONFIG", None)
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="slate-test-config-")


def _shared_data_path() -> Path:
    configured = os.environ.get("SLATE_SHARED_DATA")
    return Path(configured) if configured else REPO_ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data_dir() -> Path:
    """``../shared/data``; fails (never skips) when a ``shared_data`` test runs without it."""
    path = _shared_data_path()
    if not (path / "README.md").is_file():
        pytest.fail(
            f"{path} is missing: tests marked shared_data need it; deselect them with "
            "-m 'not shared_data' on a clone without ../shared"
        )
    return path


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES
