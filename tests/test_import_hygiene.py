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
    "pypdfium2",
    "ortools",
    "reportlab",
    "bm25s",
    "onnxruntime",  # onnx-int8's runtime: a batch worker's, never the core's
    "onnx",
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


def test_scoring_loads_no_training_code_and_no_sklearn() -> None:
    """``slate score``'s own code (features, model, reasons, decoder, LLM pass) runs without
    ``assistant.training`` or scikit-learn: a real scoring run through ``api.score_scenes``.

    The fake embedder stands in for MiniLM: sentence-transformers imports scikit-learn itself
    (its own dependency), which this test does not cover.
    """
    code = """
import json, sys
from assistant import api
import assistant.analysis.strength.tp_rerank
from assistant.script.reading import parse_bytes
from tests.fakes import FakeEmbedder
text = b"INT. A - DAY\\n\\nAna waits.\\n\\nEXT. B - NIGHT\\n\\nBen runs.\\n"
script = parse_bytes(text, format="fountain")
assert len(api.score_scenes(script, embedder=FakeEmbedder()).scenes) == 2
training = ("sklearn", "sklearn.", "assistant.training")
print(json.dumps(sorted(m for m in sys.modules if m.startswith(training))))
"""
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
