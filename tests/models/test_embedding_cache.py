"""The disk cache for embeddings: keyed by the embedder's cache key and text hash; never fails."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant.models.embedding_cache import CachedEmbedder
from tests.fakes import FakeEmbedder


def test_second_call_reads_the_disk(tmp_path: Path) -> None:
    inner = FakeEmbedder()
    cache = CachedEmbedder(inner, tmp_path / "e.sqlite")
    texts = ["rain on the roof", "a gull at the glass", "rain on the roof"]
    first = cache.embed(texts)
    assert inner.calls == [["rain on the roof", "a gull at the glass"]]  # duplicate embedded once
    again = CachedEmbedder(FakeEmbedder(), tmp_path / "e.sqlite")  # a new process, same file
    second = again.embed(texts)
    assert again.inner.calls == []  # type: ignore[attr-defined]
    np.testing.assert_array_equal(first, second)
    assert second.dtype == np.float32 and second.shape == (3, 64)
    assert (again.hits, again.misses) == (3, 0)


def test_only_missing_texts_are_embedded(tmp_path: Path) -> None:
    inner = FakeEmbedder()
    cache = CachedEmbedder(inner, tmp_path / "e.sqlite")
    cache.embed(["one", "two"])
    out = cache.embed(["two", "three", "one"])
    assert inner.calls[-1] == ["three"]
    np.testing.assert_array_equal(out, inner.embed(["two", "three", "one"]))


def test_model_id_is_part_of_the_key(tmp_path: Path) -> None:
    CachedEmbedder(FakeEmbedder(dimensions=64), tmp_path / "e.sqlite").embed(["same text"])
    other = FakeEmbedder(dimensions=32)
    out = CachedEmbedder(other, tmp_path / "e.sqlite").embed(["same text"])
    assert other.calls == [["same text"]] and out.shape == (1, 32)


def test_unusable_cache_file_falls_back_to_computing(tmp_path: Path) -> None:
    path = tmp_path / "e.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    inner = FakeEmbedder()
    out = CachedEmbedder(inner, path).embed(["a", "b"])
    assert out.shape == (2, 64) and inner.calls == [["a", "b"]]
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    out = CachedEmbedder(FakeEmbedder(), blocked / "e.sqlite").embed(["a"])
    assert out.shape == (1, 64)


def test_empty_input(tmp_path: Path) -> None:
    assert CachedEmbedder(FakeEmbedder(), tmp_path / "e.sqlite").embed([]).shape == (0, 0)


def test_rows_of_the_old_model_id_only_schema_are_never_served(tmp_path: Path) -> None:
    import sqlite3

    from assistant.models.embedding_cache import text_key

    path = tmp_path / "e.sqlite"
    inner = FakeEmbedder()
    with sqlite3.connect(path) as conn:  # the first schema: (model_id, text hash) only
        conn.execute(
            "CREATE TABLE vectors (model_id TEXT, text_sha256 BLOB, vector BLOB, "
            "PRIMARY KEY (model_id, text_sha256)) WITHOUT ROWID"
        )
        stale = np.ones(64, dtype=np.float32) / 8
        conn.execute(
            "INSERT INTO vectors VALUES (?, ?, ?)",
            (inner.model_id, text_key("old text"), stale.tobytes()),
        )
    conn.close()
    out = CachedEmbedder(inner, path).embed(["old text"])
    assert inner.calls == [["old text"]]
    np.testing.assert_array_equal(out, FakeEmbedder().embed(["old text"]))
