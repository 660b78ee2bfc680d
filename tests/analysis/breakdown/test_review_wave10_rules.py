"""Defects a reviewer found in the context rules (wave 10): a check of the rules' docstrings."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _docstring_follows_another(path: Path) -> list[int]:
    """Lines of a module-level string that follows another string: a docstring left behind
    by the constant it documents (each attribute's docstring comes right after it)."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    return [
        statement.lineno
        for before, statement in itertools.pairwise(body)
        if all(
            isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)
            and isinstance(s.value.value, str)
            for s in (before, statement)
        )
    ]  # fmt: skip


def test_every_rule_docstring_sits_under_its_own_constant() -> None:
    package = ROOT / "assistant" / "analysis" / "breakdown"
    misplaced = {
        str(path.relative_to(package)): lines
        for path in sorted(package.rglob("*.py"))
        if (lines := _docstring_follows_another(path))
    }
    assert misplaced == {}
