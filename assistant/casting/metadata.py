"""A generation's header, ``meta.json``: what was indexed, with which model and plan, and the
size and SHA-256 of every file, which opening checks (validation.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from assistant.casting.index_plan import IndexPlan

FORMAT_VERSION = 2
"""2: ``columns.npz`` (the filter columns as numpy arrays, columns.py) joined the files."""


class IndexMeta(BaseModel):
    format: int = FORMAT_VERSION
    model_id: str
    """The embedder's ``cache_key``: vectors from another model are meaningless here."""
    dimension: int
    count: int
    rows: int
    """Rows in ``vectors.f16`` (the next vid); above ``count`` once profiles were removed."""
    plan: IndexPlan
    files: dict[str, list[Any]]
    """File name -> [size in bytes, SHA-256 hex] of each of ``layout.FILES``."""
    generation: int


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()
