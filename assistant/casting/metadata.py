"""A generation's header, ``meta.json``: what was indexed, with which model and plan, and the
size and SHA-256 of every file (``bm25/``'s too), which opening checks (validation.py)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pydantic import BaseModel, field_validator

from assistant.casting.index_plan import IndexPlan
from assistant.casting.layout import FILES, LEXICAL

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
    files: dict[str, tuple[int, str]]
    """File name -> [size in bytes, SHA-256 hex] of each of ``layout.checksummed_files``
    (indexes built before bm25/'s files joined them have ``layout.FILES`` only)."""
    generation: int

    @field_validator("files")
    @classmethod
    def _known_files(cls, files: dict[str, tuple[int, str]]) -> dict[str, tuple[int, str]]:
        # a hand-edited header must fail at open with the rebuild hint, and name no file
        # outside its generation's folder
        for name, (size, digest) in files.items():
            if name not in FILES and not _LEXICAL_FILE.fullmatch(name):
                raise ValueError(f"files names an unknown file: {name!r}")
            if size < 0 or not _SHA256.fullmatch(digest):
                raise ValueError(f"files has a bad size or SHA-256 for {name!r}")
        return files


_LEXICAL_FILE = re.compile(rf"{LEXICAL}/\w[\w.-]*")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()
