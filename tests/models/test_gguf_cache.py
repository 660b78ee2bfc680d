"""GGUF files are checked before the slow conversion; bad files give one clear error."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from assistant.errors import ModelUnavailableError
from assistant.models.gguf_cache import check_gguf, converted_dir, ensure_converted


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailableError, match="does not exist"):
        ensure_converted(tmp_path / "model.gguf", tmp_path / "cache")


def test_not_a_gguf(tmp_path: Path) -> None:
    path = tmp_path / "model.gguf"
    path.write_bytes(b"<html>404 Not Found</html>")
    with pytest.raises(ModelUnavailableError, match="not a GGUF file"):
        ensure_converted(path, tmp_path / "cache")


def test_wrong_sha256_says_to_fetch_again(tmp_path: Path) -> None:
    path = tmp_path / "model.gguf"
    path.write_bytes(b"GGUF" + b"\0" * 64)
    expected = hashlib.sha256(b"something else").hexdigest()
    with pytest.raises(ModelUnavailableError, match=r"damaged.*fetch_models\.py"):
        check_gguf(path, expected)
    assert check_gguf(path) == hashlib.sha256(path.read_bytes()).hexdigest()


def test_truncated_gguf_fails_cleanly_and_leaves_no_cache(tmp_path: Path) -> None:
    # A GGUF header (magic, version 3) whose tensor and metadata counts promise data that is
    # not there: what a download cut short looks like to the reader.
    path = tmp_path / "model.gguf"
    path.write_bytes(b"GGUF" + (3).to_bytes(4, "little") + (5).to_bytes(8, "little") * 2)
    cache = tmp_path / "cache"
    with pytest.raises(ModelUnavailableError, match="Cannot read GGUF"):
        ensure_converted(path, cache)
    assert not converted_dir(path, cache).exists()
    leftovers = list((cache / "converted").iterdir()) if (cache / "converted").exists() else []
    assert leftovers == []


def test_converted_folder_changes_when_the_file_does(tmp_path: Path) -> None:
    path = tmp_path / "model.gguf"
    path.write_bytes(b"GGUF one")
    first = converted_dir(path, tmp_path)
    path.write_bytes(b"GGUF two, longer")
    assert converted_dir(path, tmp_path) != first
