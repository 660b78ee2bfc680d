"""A disk cache for embeddings, keyed by the embedder's ``cache_key`` and the SHA-256 of the text
(SQLite, stdlib).

The key is everything that changes a vector (for sentence-transformers: model id and version, the
folder's tokenizer, pooling and prompt files, ``max_seq_length``, normalisation), not the model id
alone: a vector cut at 16 tokens must never be served to an embedder that reads 256.

Re-analysing a script re-embeds the same scenes; MiniLM does ~360 texts/s on 2 cores, a cache hit
costs microseconds. A cache that cannot be opened or written is skipped, never an error: the
vectors are then computed as if there were no cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.models.base import Embedder

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS embeddings (
    embedder_key TEXT NOT NULL,
    text_sha256 BLOB NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (embedder_key, text_sha256)
) WITHOUT ROWID
"""
# Rows of the first schema were keyed by model id alone, so some hold vectors made with other
# settings than their key says: they are dropped, not migrated.
_DROP_OLD = "DROP TABLE IF EXISTS vectors"
# SQLite before 3.32 allows 999 bound parameters per statement; one is the embedder key.
_LOOKUP_CHUNK = 900


def text_key(text: str) -> bytes:
    """The cache key of a text: SHA-256 of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class CachedEmbedder(Embedder):
    """Wraps an embedder; vectors already computed for (``inner.cache_key``, text) come from
    ``path``.

    Args:
        inner: the embedder that computes missing vectors.
        path: the SQLite file (created with its folder on first write).
    """

    def __init__(self, inner: Embedder, path: Path) -> None:
        self.inner = inner
        self.path = path
        self.model_id = inner.model_id
        self.destination = inner.destination
        self.key = inner.cache_key
        """The embedder key the rows are stored under (read once: it may hash model files)."""
        self.batch_size = inner.batch_size
        self.hits = 0
        self.misses = 0
        self._disabled = False

    @property
    def cache_key(self) -> str:
        return self.key

    def embed_batch(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        return self.embed(texts)

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Vectors for ``texts``: cached ones read, the rest embedded by ``inner`` and stored."""
        import numpy as np

        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        keys = [text_key(t) for t in texts]
        found = self._lookup(keys)
        missing: dict[bytes, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in found:
                missing.setdefault(key, text)
        if missing:
            computed = self.inner.embed(list(missing.values()))
            fresh = dict(zip(missing, computed, strict=True))
            self._store(fresh)
            found.update(fresh)
        self.hits += len(texts) - len(missing)
        self.misses += len(missing)
        return np.vstack([found[k] for k in keys]).astype(np.float32, copy=False)

    def _open(self) -> sqlite3.Connection | None:
        if self._disabled:
            return None
        conn: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=10)
            conn.execute(_DROP_OLD)
            conn.execute(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            if conn is not None:
                conn.close()
            self._disable(exc)
            return None
        return conn

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection | None]:
        """A connection in a transaction, or None when the cache is not usable."""
        conn = self._open()
        if conn is None:
            yield None
            return
        try:
            with conn:
                yield conn
        except sqlite3.Error as exc:
            self._disable(exc)
        finally:
            conn.close()

    def _disable(self, exc: Exception) -> None:
        log.warning("Embedding cache %s is not usable (%s); computing without it", self.path, exc)
        self._disabled = True

    def _lookup(self, keys: list[bytes]) -> dict[bytes, npt.NDArray[np.float32]]:
        import numpy as np

        found: dict[bytes, npt.NDArray[np.float32]] = {}
        unique = list(dict.fromkeys(keys))
        with self._connect() as conn:
            if conn is None:
                return found
            for start in range(0, len(unique), _LOOKUP_CHUNK):
                chunk = unique[start : start + _LOOKUP_CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(
                    f"SELECT text_sha256, vector FROM embeddings "
                    f"WHERE embedder_key = ? AND text_sha256 IN ({marks})",
                    [self.key, *chunk],
                )
                for key, blob in rows:
                    found[bytes(key)] = np.frombuffer(blob, dtype=np.float32)
        return found

    def _store(self, vectors: dict[bytes, npt.NDArray[np.float32]]) -> None:
        import numpy as np

        with self._connect() as conn:
            if conn is None:
                return
            conn.executemany(
                "INSERT OR REPLACE INTO embeddings (embedder_key, text_sha256, vector) "
                "VALUES (?, ?, ?)",
                [
                    (self.key, key, np.asarray(v, dtype=np.float32).tobytes())
                    for key, v in vectors.items()
                ],
            )
