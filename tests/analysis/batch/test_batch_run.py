"""Batch runs in-process (jobs=1) with the fake embedder: outputs, resume, failures, bad input."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pytest

from assistant import api
from assistant.analysis.batch.discover import discover
from assistant.analysis.batch.manifest import MANIFEST_NAME
from assistant.analysis.batch.models import REPORT_SCHEMA, FileOutcome
from assistant.errors import OutputWriteError

FAKE = "tests.fakes:FakeEmbedder"
BEATS = Path(__file__).resolve().parents[2] / "fixtures" / "beats"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    lib = tmp_path / "lib"
    (lib / "sub").mkdir(parents=True)
    shutil.copy(BEATS / "lighthouse.fountain", lib / "lighthouse.fountain")
    shutil.copy(BEATS / "three_scenes.fountain", lib / "sub" / "three_scenes.fountain")
    (lib / "notes.docx").write_bytes(b"PK\x03\x04 not a script")
    (lib / "broken.fdx").write_text("<FinalDraft><Content>", encoding="utf-8")
    return lib


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLATE_CACHE_DIR", str(tmp_path / "cache"))


def _run(paths: list[Path], out: Path, **kw: object) -> tuple[object, list[FileOutcome]]:
    seen: list[FileOutcome] = []
    summary = api.analyze_scripts(
        paths,
        out,
        embedder=FAKE,
        on_progress=lambda o, n: seen.append(o),
        **kw,  # type: ignore[arg-type]
    )
    return summary, seen


def test_a_batch_writes_reports_and_lists_failures_and_skips(library: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _, seen = _run([library], out)
    status = {Path(o.file).name: (o.status, o.reason) for o in seen}
    assert status["lighthouse.fountain"][0] == "done"
    assert status["three_scenes.fountain"][0] == "done"
    assert status["notes.docx"] == ("skipped", "not a script format Slate reads (.docx)")
    assert status["broken.fdx"][0] == "failed" and status["broken.fdx"][1]
    assert "\n" not in status["broken.fdx"][1]
    report = json.loads((out / "lighthouse.json").read_text())
    assert report["schema_version"] == REPORT_SCHEMA
    assert report["parts"] == ["stats", "strength", "beats", "breakdown", "shots"]
    assert report["shots"]["shots"] >= report["scene_count"] and report["shots"]["setups"] >= 1
    assert report["turning_points"][0]["name"] == "Opportunity"
    assert len(report["turning_points"]) == 5
    assert report["scene_count"] == len([s for s in report["scenes"] if s["heading"]])
    assert report["breakdown"]["cast"] >= 1
    assert all(0 <= s["strength"] <= 1 for s in report["scenes"])
    html = (out / "lighthouse.html").read_text()
    assert html.count("<svg") >= 4
    # Self-contained: no scripts, stylesheets or images fetched from anywhere.
    assert "<script" not in html and "<link" not in html and 'src="' not in html
    assert "# The Lighthouse Keeper" in (out / "lighthouse.md").read_text()
    rows = list(csv.DictReader((out / "scripts.csv").open()))
    assert sorted(r["name"] for r in rows) == ["lighthouse", "three_scenes"]
    assert 'href="lighthouse.html"' in (out / "index.html").read_text()


def test_a_rerun_skips_unchanged_scripts_and_redoes_a_changed_one(
    library: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    _run([library], out)
    _, seen = _run([library], out)
    assert {Path(o.file).name: o.status for o in seen if o.status != "skipped"} == {
        "lighthouse.fountain": "unchanged", "three_scenes.fountain": "unchanged",
        "broken.fdx": "failed",
    }  # fmt: skip
    script = library / "sub" / "three_scenes.fountain"
    script.write_text(script.read_text() + "\nINT. NEW ROOM - NIGHT\n\nA door.\n")
    _, seen = _run([library], out)
    assert {Path(o.file).name: o.status for o in seen}["three_scenes.fountain"] == "done"
    # The CSV still covers the unchanged script, from the manifest.
    assert len(list(csv.DictReader((out / "scripts.csv").open()))) == 2
    # Other settings: the report is made again.
    _, seen = _run([library], out, formats=["json"])
    assert {Path(o.file).name: o.status for o in seen}["lighthouse.fountain"] == "done"


def test_same_names_in_two_folders_get_two_reports(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(BEATS / "three_scenes.fountain", tmp_path / folder / "x.fountain")
    out = tmp_path / "out"
    _run([tmp_path / "a", tmp_path / "b"], out)
    assert (out / "x.json").is_file() and (out / "x-2.json").is_file()


def test_an_output_folder_that_is_not_writable_fails_before_any_work(
    library: Path, tmp_path: Path
) -> None:
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o500)
    if os.access(out, os.W_OK):  # root ignores the mode: use a path under a file instead
        out = tmp_path / "file" / "out"
        (tmp_path / "file").write_text("x")
    seen: list[FileOutcome] = []
    with pytest.raises(OutputWriteError) as caught:
        api.analyze_scripts([library], out, embedder=FAKE, on_progress=lambda o, n: seen.append(o))
    assert "\n" not in caught.value.message and "nothing was analysed" in caught.value.message
    assert seen == []


def test_a_file_slate_did_not_write_is_not_replaced(library: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "lighthouse.json").write_text("my own notes")
    _, seen = _run([library / "lighthouse.fountain"], out)
    assert seen[0].status == "failed" and "lighthouse.json" in (seen[0].reason or "")
    assert (out / "lighthouse.json").read_text() == "my own notes"


def test_ten_thousand_files_are_walked_lazily(tmp_path: Path) -> None:
    big = tmp_path / "big"
    big.mkdir()
    for i in range(10_000):
        (big / f"f{i:05}.dat").touch()
    shutil.copy(BEATS / "three_scenes.fountain", big / "f05000.fountain")
    walk = discover([big], {".fountain"})
    first = next(walk)
    assert first.reason is not None  # the walk yields before it has judged the whole folder
    found = [first, *walk]
    assert len(found) == 10_001
    assert [f.path.name for f in found if f.reason is None] == ["f05000.fountain"]
    out = tmp_path / "out"
    summary, _ = _run([big], out)
    assert summary.count("done") == 1 and summary.count("skipped") == 10_000  # type: ignore[attr-defined]


def test_a_manifest_survives_each_script(library: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    calls: list[str] = []

    def stop_after_first(outcome: FileOutcome, found: int) -> None:
        if outcome.status == "done":
            calls.append(outcome.file)
            raise KeyboardInterrupt

    summary = api.analyze_scripts([library], out, embedder=FAKE, on_progress=stop_after_first)
    assert summary.interrupted and len(calls) == 1
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    assert len(manifest["entries"]) == 1
    assert (out / f"{Path(calls[0]).stem}.json").is_file()
    _, seen = _run([library], out)
    assert [o.status for o in seen if o.file == calls[0]] == ["unchanged"]


def test_bfloat16_is_refused_for_an_embedder_other_than_sentence_transformers(
    library: Path, tmp_path: Path
) -> None:
    from assistant.errors import ConfigError

    with pytest.raises(ConfigError, match="sentence-transformers"):
        _run([library], tmp_path / "out", precision="bfloat16")
    assert not (tmp_path / "out" / "lighthouse.json").exists()


def test_each_outcome_carries_its_cpu_time(library: Path, tmp_path: Path) -> None:
    _, seen = _run([library], tmp_path / "out", parts=["stats", "strength"])
    done = [o for o in seen if o.status == "done"]
    assert done and all(o.cpu_seconds > 0 for o in done)


def test_a_bfloat16_report_says_so_in_its_warnings(tmp_path: Path) -> None:
    from assistant.analysis.batch.models import BatchSettings
    from assistant.analysis.batch.parts import analyse_script
    from tests.fakes import FakeEmbedder

    script = BEATS / "lighthouse.fountain"
    fake = FakeEmbedder()
    fast = BatchSettings(parts=["stats", "strength"], precision="bfloat16")
    exact = BatchSettings(parts=["stats", "strength"])
    assert any("bfloat16" in w for w in analyse_script(script, fast, lambda: fake).warnings)
    assert not any("bfloat16" in w for w in analyse_script(script, exact, lambda: fake).warnings)


def test_bf16_instructions_are_read_from_the_cpu_flags(tmp_path: Path) -> None:
    from assistant.analysis.batch.parts import cpu_has_bf16

    info = tmp_path / "cpuinfo"
    info.write_text("processor\t: 0\nflags\t\t: fpu sse2 avx2 avx512f avx512_bf16\n")
    assert cpu_has_bf16(info)
    info.write_text("processor\t: 0\nflags\t\t: fpu sse2 avx2 avx512f avx512_vnni\n")
    assert not cpu_has_bf16(info)
    assert not cpu_has_bf16(tmp_path / "missing")


def test_auto_precision_is_bfloat16_only_for_sentence_transformers_on_a_bf16_cpu(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from assistant.analysis.batch import parts

    monkeypatch.setattr(parts, "cpu_has_bf16", lambda: True)
    assert parts.resolve_precision("auto", sentence_transformers=True) == "bfloat16"
    assert parts.resolve_precision("auto", sentence_transformers=False) == "float32"
    assert parts.resolve_precision("float32", sentence_transformers=True) == "float32"
    monkeypatch.setattr(parts, "cpu_has_bf16", lambda: False)
    assert parts.resolve_precision("auto", sentence_transformers=True) == "float32"
    assert parts.resolve_precision("bfloat16", sentence_transformers=True) == "bfloat16"


def test_the_batch_precision_setting_is_used_without_an_option(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.errors import ConfigError

    # The fake embedder cannot run in bfloat16: asking for it through the setting must be refused
    # just as the option is, which shows the setting is read.
    monkeypatch.setenv("SLATE_BATCH__PRECISION", "bfloat16")
    with pytest.raises(ConfigError, match="sentence-transformers"):
        _run([library], tmp_path / "out")
    monkeypatch.setenv("SLATE_BATCH__PRECISION", "auto")
    summary, _ = _run([library], tmp_path / "out")
    assert summary.count("done") > 0  # type: ignore[attr-defined]


def test_int8_is_kept_refused_for_other_embedders_and_said_in_the_warnings(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.analysis.batch import parts
    from assistant.analysis.batch.models import BatchSettings
    from assistant.errors import ConfigError
    from tests.fakes import FakeEmbedder

    monkeypatch.setattr(parts, "cpu_has_bf16", lambda: True)
    assert parts.resolve_precision("int8", sentence_transformers=True) == "int8"
    with pytest.raises(ConfigError, match="sentence-transformers"):
        _run([library], tmp_path / "out", precision="int8")
    fake = FakeEmbedder()
    script = BEATS / "lighthouse.fountain"
    quick = parts.analyse_script(
        script, BatchSettings(parts=["stats", "strength"], precision="int8"), lambda: fake
    )
    assert quick.precision == "int8"
    assert any("int8" in w and "0.01" in w for w in quick.warnings)


def test_onnx_int8_is_kept_recorded_and_warned_like_int8() -> None:
    from assistant.analysis.batch import parts
    from assistant.analysis.batch.models import BatchSettings
    from tests.fakes import FakeEmbedder

    assert parts.resolve_precision("onnx-int8", sentence_transformers=True) == "onnx-int8"
    fake = FakeEmbedder()
    settings = BatchSettings(parts=["stats", "strength"], precision="onnx-int8")
    quick = parts.analyse_script(BEATS / "lighthouse.fountain", settings, lambda: fake)
    assert quick.precision == "onnx-int8"
    assert any("onnx-int8" in w and "0.01" in w for w in quick.warnings)
