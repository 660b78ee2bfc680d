"""The core is reachable without the heavy parts: checked by a real import in a new interpreter.

import-linter sees imports deferred into functions as imports too, so only a run proves that a
deferral defers (harlequin's test_import_hygiene does the same).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = (
    "torch",
    "faiss",
    "transformers",
    "sentence_transformers",
    "textual",
    "sklearn",
    "pdfplumber",
)


def _loaded_after_import(module: str) -> list[str]:
    code = (
        f"import json, sys; import {module}; "
        f"print(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    loaded: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return loaded


@pytest.mark.parametrize("module", ["assistant", "assistant.api", "assistant.cli"])
def test_import_loads_no_heavy_library(module: str) -> None:
    assert _loaded_after_import(module) == []


def test_import_linter_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert result.returncode == 0, result.stdout + result.stderr
