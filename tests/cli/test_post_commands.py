"""``slate export`` and ``slate post`` through the real Typer app (fake embedder, shipped
models)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import opentimelineio as otio
import pytest
from typer.testing import CliRunner

from assistant.cli import app
from tests.post.conftest import SCRIPT, sine, write_wav

runner = CliRunner()
REPO = Path(__file__).resolve().parents[2]
CONTRACT_KEYS = {"file", "integrated_lufs", "loudness_range_lu", "true_peak_dbtp", "targets"}


@pytest.fixture
def script(tmp_path: Path) -> Path:
    path = tmp_path / "draft.fountain"
    path.write_text(SCRIPT, encoding="utf-8")
    return path


TIMELINES = [
    ("otio", ".otio", "otio_json"), ("edl", ".edl", "cmx_3600"), ("fcp7xml", ".xml", "fcp_xml"),
    ("fcpxml", ".fcpxml", "fcpx_xml"),
]  # fmt: skip


@pytest.mark.parametrize(("to", "suffix", "adapter"), TIMELINES)
def test_export_writes_a_timeline_otio_reads_back(
    fake_models: None, script: Path, tmp_path: Path, to: str, suffix: str, adapter: str
) -> None:
    out = tmp_path / "previs"
    result = runner.invoke(
        app, ["export", str(script), "--to", to, "--out", str(out), "--clips", "scene"]
    )
    assert result.exit_code == 0, result.output
    written = out / f"draft{suffix}"
    assert f"Wrote {written} ({to}, 7 clips)" in result.stdout
    timeline = otio.adapters.read_from_file(str(written), adapter_name=adapter)
    clips = list(timeline.find_clips())
    assert [c.name for c in clips][:3] == [
        "INT. KITCHEN - DAY", "EXT. HARBOUR - NIGHT", "EXT. CLIFF ROAD - DUSK"
    ]  # fmt: skip
    assert len(clips) == 7 and all(c.duration().to_seconds() >= 7.5 for c in clips)


@pytest.mark.parametrize(("to", "suffix", "adapter"), TIMELINES)
def test_export_gives_one_clip_per_planned_shot_by_default(
    fake_models: None, script: Path, tmp_path: Path, to: str, suffix: str, adapter: str
) -> None:
    from assistant import api

    planned = [s for scene in api.shot_list(api.open_script(script)).scenes for s in scene.shots]
    out = tmp_path / "previs"
    result = runner.invoke(app, ["export", str(script), "--to", to, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"({to}, {len(planned)} clips)" in result.stdout
    timeline = otio.adapters.read_from_file(str(out / f"draft{suffix}"), adapter_name=adapter)
    names = [c.name for c in timeline.find_clips()]
    assert [n.split(" ")[0] for n in names] == [s.number for s in planned]
    bad = runner.invoke(app, ["export", str(script), "--to", to, "--out", str(out), "--clips", "x"])
    assert bad.exit_code != 0 and "choose shot or scene" in bad.output


def test_export_cdl_and_the_overwrite_rules(
    fake_models: None, script: Path, tmp_path: Path
) -> None:
    out = tmp_path / "looks"
    first = runner.invoke(app, ["export", str(script), "--to", "cdl", "--out", str(out)])
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, ["export", str(script), "--to", "cdl", "--out", str(out)])
    assert again.exit_code == 0, again.output  # Slate's own file: replaced without --force
    (out / "draft.ccc").write_text("someone's grade\n", encoding="utf-8")
    refused = runner.invoke(app, ["export", str(script), "--to", "ccc", "--out", str(out)])
    assert refused.exit_code != 0 and "Not replacing" in refused.output
    assert (out / "draft.ccc").read_text(encoding="utf-8") == "someone's grade\n"
    forced = runner.invoke(
        app, ["export", str(script), "--to", "ccc", "--out", str(out), "--force"]
    )
    assert (
        forced.exit_code == 0 and b"ColorCorrectionCollection" in (out / "draft.ccc").read_bytes()
    )


def test_export_into_a_folder_that_cannot_be_made(
    fake_models: None, script: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(
        app, ["export", str(script), "--to", "otio", "--out", str(blocker / "sub")]
    )
    assert result.exit_code != 0
    assert result.output.startswith("Error: Cannot create") and "Traceback" not in result.output
    unknown = runner.invoke(app, ["export", str(script), "--to", "avid", "--out", str(tmp_path)])
    assert "Installed post exporters: ccc, cdl, edl, fcp7xml, fcpxml, otio" in unknown.output


def test_loudness_json_contract_and_bad_files_among_good(tmp_path: Path) -> None:
    good = write_wav(tmp_path / "good.wav", sine(4, -23.0))
    short = write_wav(tmp_path / "short.wav", sine(0.2, -23.0))
    silent = write_wav(tmp_path / "silent.wav", sine(1, -300.0) * 0)
    result = runner.invoke(
        app, ["post", "loudness", str(good), str(short), str(silent), "--json",
              "--target", "ebu-r128", "--target", "netflix"],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "short.wav is 200 ms long" in result.stderr
    data = json.loads(result.stdout)
    assert [Path(d["file"]).name for d in data] == ["good.wav", "silent.wav"]
    for entry in data:
        assert set(entry) == CONTRACT_KEYS
        assert set(entry["targets"]) == {"ebu-r128", "netflix"}
        assert all(set(v) == {"pass", "why"} for v in entry["targets"].values())
    assert data[0]["integrated_lufs"] == pytest.approx(-23.0, abs=0.1)
    assert data[0]["targets"]["ebu-r128"]["pass"] is True
    assert data[1]["integrated_lufs"] is None and data[1]["targets"]["ebu-r128"]["pass"] is False


def test_loudness_table_and_unknown_target(tmp_path: Path) -> None:
    good = write_wav(tmp_path / "good.wav", sine(4, -20.0))
    table = runner.invoke(app, ["post", "loudness", str(good), "--plain"])
    assert table.exit_code == 0, table.output
    assert "-20.0 LUFS" in table.stdout and "FAIL" in table.stdout
    assert "fails ebu-r128: integrated -20.0 is +3.0 LU from -23" in table.stdout
    bad = runner.invoke(app, ["post", "loudness", str(good), "--target", "bbc"])
    assert bad.exit_code == 1 and "Unknown delivery spec 'bbc'" in bad.stderr


def test_normalize_writes_a_copy_and_never_over_its_input(
    private_cache: Path, tmp_path: Path
) -> None:
    mix = write_wav(tmp_path / "mix.wav", sine(4, -35.0), subtype="PCM_24")
    out = tmp_path / "mix_a85.wav"
    result = runner.invoke(app, ["post", "normalize", str(mix), "--target", "atsc-a85",
                                 "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "-> -24.0 LUFS" in result.stdout
    check = runner.invoke(app, ["post", "loudness", str(out), "--json", "--target", "atsc-a85"])
    assert json.loads(check.stdout)[0]["integrated_lufs"] == pytest.approx(-24.0, abs=0.1)
    before = mix.read_bytes()
    over = runner.invoke(app, ["post", "normalize", str(mix), "--out", str(mix)])
    assert over.exit_code != 0 and mix.read_bytes() == before
    missing = runner.invoke(
        app, ["post", "normalize", str(mix), "--out", str(tmp_path / "no" / "x.wav")]
    )
    assert missing.exit_code != 0 and "does not exist" in missing.output


def test_not_audio_is_one_line_from_the_real_entry_point(tmp_path: Path) -> None:
    fake = tmp_path / "notes.wav"
    fake.write_text("these are notes, not audio\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "assistant", "post", "loudness", str(fake)],
        capture_output=True, text=True, cwd=REPO, timeout=120,
    )  # fmt: skip
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: Cannot read {fake} as audio")
