"""``bm25/``'s files are checked as the FAISS file is: a damaged one is one clear line, exit 7."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.casting.catalog import CastingIndex
from assistant.casting.layout import FILES, checksummed_files
from assistant.cli import app
from assistant.errors import CastingError

runner = CliRunner()
REBUILD = "rebuild it with: slate cast index build ROSTER --index"


@pytest.fixture
def built(configured: Path) -> Path:
    """The demo roster built in the configured index folder; its live generation."""
    result = runner.invoke(app, ["cast", "index", "build", "demo"])
    assert result.exit_code == 0, result.output
    return configured / (configured / "CURRENT").read_text(encoding="utf-8").strip()


def one_line_error(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 7, result.output
    assert "Traceback" not in result.output and result.exception is not None
    assert len(result.output.strip().splitlines()) == 1, result.output
    return result.output


def test_the_header_checksums_every_bm25_file(built: Path) -> None:
    files = json.loads((built / "meta.json").read_text(encoding="utf-8"))["files"]
    lexical = sorted(name for name in files if name.startswith("bm25/"))
    assert "bm25/vids.npy" in lexical and len(lexical) > 1  # (bm25s's own files with it)
    assert lexical == sorted(f"bm25/{p.name}" for p in (built / "bm25").iterdir())
    assert list(files) == checksummed_files(built) and list(files)[: len(FILES)] == list(FILES)


def test_a_corrupt_or_truncated_bm25_file_is_the_faiss_files_clear_error(built: Path) -> None:
    target = built / "bm25" / "data.csc.index.npy"
    data = target.read_bytes()
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0xFF  # the same size: only the checksum tells
    target.write_bytes(bytes(flipped))
    for args in (["cast", "search", "circus knife thrower"], ["cast", "index", "check"]):
        out = one_line_error(args)
        assert "damaged: bm25/data.csc.index.npy fails its checksum" in out and REBUILD in out
    target.write_bytes(data[: len(data) // 2])
    out = one_line_error(["cast", "search", "circus knife thrower"])
    assert f"bm25/data.csc.index.npy has {len(data) // 2} bytes, header says {len(data)}" in out
    assert "truncated" in out and REBUILD in out
    target.unlink()
    assert "bm25/data.csc.index.npy is missing" in one_line_error(["cast", "search", "circus"])
    target.write_bytes(data)  # mended: the index opens and searches again
    assert runner.invoke(app, ["cast", "search", "circus knife thrower"]).exit_code == 0


def test_an_older_header_without_bm25_files_opens_and_a_broken_bm25_still_fails_clearly(
    built: Path,
) -> None:
    meta_path = built / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["files"] = {name: meta["files"][name] for name in FILES}  # as built before
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    assert runner.invoke(app, ["cast", "search", "circus knife thrower"]).exit_code == 0
    params = built / "bm25" / "params.index.json"
    params.write_bytes(params.read_bytes()[:40])  # unchecked: found when BM25 is read
    broken = r"damaged: bm25/ cannot be read; rebuild it"
    # (the open reads no bm25/ file: the error comes at the first text search)
    with CastingIndex.open(built.parent) as index, pytest.raises(CastingError, match=broken):
        _ = index.lexical
    out = one_line_error(["cast", "search", "circus knife thrower"])
    assert "bm25/ cannot be read" in out and REBUILD in out


def test_a_header_naming_a_file_outside_the_index_is_unreadable(built: Path) -> None:
    meta_path = built / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    for bad in ("bm25/../../elsewhere", "notes.txt", "bm25/sub/vids.npy"):
        meta["files"] = {bad: [1, "0" * 64]}
        meta_path.write_text(json.dumps(meta), encoding="utf-8")
        assert "no readable header" in one_line_error(["cast", "search", "circus"])
