"""The same per-script function in worker processes and on a Dask LocalCluster started here; the
fake embedder reaches every worker through its ``module:callable`` name."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant import api

FAKE = "tests.fakes:FakeEmbedder"
BEATS = Path(__file__).resolve().parents[2] / "fixtures" / "beats"


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SLATE_CACHE_DIR", str(tmp_path / "cache"))
    lib = tmp_path / "lib"
    lib.mkdir()
    for i in range(3):
        shutil.copy(BEATS / "lighthouse.fountain", lib / f"copy{i}.fountain")
    (lib / "bad.fountain").write_bytes(b"\x00\x01\x02binary")
    return lib


def _in_process(library: Path, tmp_path: Path) -> dict[str, object]:
    api.analyze_scripts([library], tmp_path / "one", embedder=FAKE)
    report = json.loads((tmp_path / "one" / "copy0.json").read_text())
    report.pop("timings")
    return report


def test_worker_processes_give_the_in_process_reports(library: Path, tmp_path: Path) -> None:
    summary = api.analyze_scripts([library], tmp_path / "two", jobs=2, embedder=FAKE)
    assert summary.count("done") == 3 and summary.count("failed") == 1
    report = json.loads((tmp_path / "two" / "copy0.json").read_text())
    report.pop("timings")
    assert report == _in_process(library, tmp_path)


def test_a_dask_local_cluster_runs_the_same_function(library: Path, tmp_path: Path) -> None:
    summary = api.analyze_scripts(
        [library], tmp_path / "dask", jobs=2, engine="dask", embedder=FAKE
    )
    assert summary.count("done") == 3 and summary.count("failed") == 1
    assert summary.engine == "dask"
    report = json.loads((tmp_path / "dask" / "copy0.json").read_text())
    report.pop("timings")
    assert report == _in_process(library, tmp_path)
