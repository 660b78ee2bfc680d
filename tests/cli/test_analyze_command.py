"""``slate analyze`` through the real Typer app (jobs=1 in-process, the fake embedder)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app

runner = CliRunner()
BEATS = Path(__file__).resolve().parents[1] / "fixtures" / "beats"


@pytest.fixture
def library(tmp_path: Path, fake_models: None) -> Path:
    lib = tmp_path / "lib"
    lib.mkdir()
    shutil.copy(BEATS / "lighthouse.fountain", lib)
    shutil.copy(BEATS / "three_scenes.fountain", lib)
    (lib / "empty.fountain").write_text("   \n")
    (lib / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    return lib


def test_analyze_writes_reports_lists_the_failure_and_exits_1(
    library: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(library), "--out", str(out), "--plain"])
    assert result.exit_code == 1, result.output
    assert "Failed: " in result.stdout and "empty.fountain" in result.stdout
    assert "Skipped: " in result.stdout and "photo.jpg" in result.stdout
    assert "2 analysed, 0 unchanged, 1 failed, 1 skipped" in result.stdout
    assert "lighthouse" in result.stdout  # the summary table
    assert "[3/3]" in result.stderr  # per-file progress lines when not a terminal
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "index.html", "lighthouse.html", "lighthouse.json", "lighthouse.md", "scripts.csv",
        "three_scenes.html", "three_scenes.json", "three_scenes.md",
    ]  # fmt: skip
    again = runner.invoke(app, ["analyze", str(library), "--out", str(out), "--plain"])
    assert "0 analysed, 2 unchanged, 1 failed" in again.stdout


def test_all_good_exits_0_and_format_limits_the_outputs(library: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    script = library / "lighthouse.fountain"
    result = runner.invoke(app, ["analyze", str(script), "-o", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir() if not p.name.startswith(".")} == {
        "lighthouse.json", "index.html", "scripts.csv",
    }  # fmt: skip


def test_an_unwritable_output_folder_is_one_line(library: Path, tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x")
    result = runner.invoke(app, ["analyze", str(library), "--out", str(tmp_path / "afile" / "o")])
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
    assert "Traceback" not in result.output


def test_bad_options_are_one_line(library: Path, tmp_path: Path) -> None:
    for args in (["--engine", "spark"], ["--format", "pdf"], ["--llm"], ["--precision", "fp8"]):
        result = runner.invoke(app, ["analyze", str(library), "-o", str(tmp_path / "o"), *args])
        assert result.exit_code == 2 or result.stderr.startswith("Error: "), result.output
        assert "Traceback" not in result.output


def test_ctrl_c_stops_cleanly_says_how_far_and_exits_130(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.cli import analyze_commands

    original = analyze_commands._Progress.update

    def interrupt_after_one(self: object, outcome: object, found: int) -> None:
        original(self, outcome, found)  # type: ignore[arg-type]
        if getattr(outcome, "status", "") == "done":
            raise KeyboardInterrupt

    monkeypatch.setattr(analyze_commands._Progress, "update", interrupt_after_one)
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(library), "--out", str(out), "--plain"])
    assert result.exit_code == 130, result.output
    assert "Interrupted: 2 of 3 scripts finished (1 analysed, 1 failed)" in result.stderr
    assert [p.name for p in out.glob("*.json") if not p.name.startswith(".")] == [
        "lighthouse.json"
    ]  # what was done is kept
    assert "Traceback" not in result.output


def test_an_unknown_precision_names_the_choices(library: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(library), "-o", str(tmp_path / "o"),
                                 "--precision", "fp8"])  # fmt: skip
    assert result.exit_code != 0
    assert "choose auto, float32, bfloat16, int8 or onnx-int8" in result.output
    assert "Traceback" not in result.output


def test_a_precision_the_embedder_cannot_take_names_where_it_was_set(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "bf16.toml"
    config.write_text('[models.embedder]\nbackend = "fake"\n[batch]\nprecision = "bfloat16"\n')
    monkeypatch.setenv("SLATE_CONFIG", str(config))
    from_settings = runner.invoke(app, ["analyze", str(library), "-o", str(tmp_path / "o")])
    from_flag = runner.invoke(app, ["analyze", str(library), "-o", str(tmp_path / "o"),
                                    "--precision", "bfloat16"])  # fmt: skip
    assert from_settings.exit_code != 0 and from_flag.exit_code != 0
    assert "The setting batch.precision = bfloat16 needs" in from_settings.output
    assert "--precision bfloat16 needs" in from_flag.output
