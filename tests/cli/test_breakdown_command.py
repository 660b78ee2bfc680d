"""``slate breakdown`` through the real Typer app, on the scripts in tests/fixtures/breakdown."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app

runner = CliRunner()
FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "breakdown"
HARBOUR = FOLDER / "harbour.fountain"


def test_json_carries_every_scene_and_the_lists() -> None:
    result = runner.invoke(app, ["breakdown", str(HARBOUR), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["version"] == 1
    assert [s["label"] for s in data["scenes"]] == [None, "1", "2", "3", "4", "5", "6"]
    assert data["cast"][0] == {
        "id": 1, "name": "MARA", "scenes": 4, "speaking_scenes": 2, "first_scene": "1",
        "first_index": 1, "script_days": [1, 2],
    }  # fmt: skip
    lines = HARBOUR.read_text("utf-8").splitlines()
    for scene in data["scenes"][1:]:
        for elements in scene["elements"].values():
            for element in elements:
                # the line is in the scene and is where the mention is (or the heading)
                text = lines[element["line"] - 1].lower()
                assert element["name"].split()[-1].lower()[:4] in text or element["implied"]


def test_scene_option_takes_the_label_people_see() -> None:
    result = runner.invoke(app, ["breakdown", str(HARBOUR), "--scene", "3", "--plain"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "Scene 3  EXT  WAREHOUSE  NIGHT  1/8 pages  script day 1"
    )
    assert "guards" in result.stdout and "briefcase" not in result.stdout
    scene_json = json.loads(
        runner.invoke(app, ["breakdown", str(HARBOUR), "--scene", "3", "--json"]).stdout
    )
    assert [s["index"] for s in scene_json["scenes"]] == [3]
    assert [m["name"] for m in scene_json["cast"]] == ["MARA"]


def test_unknown_scene_is_one_line_naming_the_scenes() -> None:
    result = runner.invoke(app, ["breakdown", str(HARBOUR), "--scene", "99"])
    assert result.exit_code != 0
    assert (
        result.stderr.strip() == "Error: No scene 99 in this script: its scenes are 1, 2, 3, ..., 6"
    )


def test_tables_list_scenes_cast_sets_and_elements() -> None:
    result = runner.invoke(app, ["breakdown", str(HARBOUR), "--plain"])
    assert result.exit_code == 0, result.output
    for title in ("Scenes", "Cast", "Sets", "Elements"):
        assert title in result.stdout.splitlines()
    assert "2 script day(s)." in result.stdout
    assert all(line == line.rstrip() for line in result.stdout.splitlines())


def test_csv_imports_as_rows() -> None:
    result = runner.invoke(app, ["breakdown", str(HARBOUR), "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and rows[0]["scene"] == "1" and rows[0]["set"] == "HARBOUR ROAD"


def test_no_headings_is_still_a_breakdown() -> None:
    result = runner.invoke(app, ["breakdown", str(FOLDER / "no_headings.fountain"), "--scene", "1"])
    assert result.exit_code == 0, result.output
    assert "JUNE" in result.stdout and "knife" in result.stdout


def test_html_is_written_and_not_over_a_file_slate_did_not_write(
    tmp_path: Path, private_cache: Path
) -> None:
    out = tmp_path / "sheet.html"
    first = runner.invoke(app, ["breakdown", str(HARBOUR), "--html", str(out)])
    assert first.exit_code == 0, first.output
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    again = runner.invoke(app, ["breakdown", str(HARBOUR), "--html", str(out)])
    assert again.exit_code == 0, again.output  # Slate's own output may be replaced
    mine = tmp_path / "notes.html"
    mine.write_text("my notes", encoding="utf-8")
    refused = runner.invoke(app, ["breakdown", str(HARBOUR), "--html", str(mine)])
    assert refused.exit_code != 0 and mine.read_text("utf-8") == "my notes"
    forced = runner.invoke(app, ["breakdown", str(HARBOUR), "--html", str(mine), "--force"])
    assert forced.exit_code == 0 and mine.read_text("utf-8").startswith("<!DOCTYPE")
    onto_script = runner.invoke(app, ["breakdown", str(HARBOUR), "--html", str(HARBOUR)])
    assert onto_script.exit_code != 0 and "script being read" in onto_script.stderr


@pytest.mark.parametrize("bad", ["missing.fountain"])
def test_bad_file_is_one_line_without_traceback(tmp_path: Path, bad: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from assistant.cli import app; app()", "breakdown",
         str(tmp_path / bad)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_llm_and_embedder_passes_through_the_configured_models(
    tmp_path: Path, private_cache: Path
) -> None:
    from tests.fakes import FakeEmbedder, FakeTextModel, registered_fakes

    config = tmp_path / "config.toml"
    config.write_text(
        '[models.generator]\nbackend = "fake"\n[models.embedder]\nbackend = "fake"\n', "utf-8"
    )
    with registered_fakes(FakeTextModel(), FakeEmbedder()):
        _check_model_passes(config)


def _check_model_passes(config: Path) -> None:
    options = ["--config", str(config)]
    result = runner.invoke(app, ["breakdown", str(HARBOUR), "--llm", "--embed", "--json", *options])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "embedder" in data["passes"]
    # The fake text model answers "OK.", never JSON: every scene falls back, nothing is merged.
    assert data["llm"]["fallback_scenes"] == len(data["llm"]["scenes"]) == 6
    assert data["llm"]["prompt"] == "breakdown.v1"
    shown = runner.invoke(app, ["breakdown", str(HARBOUR), "--llm", "--plain", *options])
    assert "LLM pass (" in shown.stdout
    assert "6 scene(s) got no usable answer from the model." in shown.stdout


def test_llm_with_scene_asks_about_that_scene_only(tmp_path: Path, private_cache: Path) -> None:
    from tests.fakes import FakeEmbedder, FakeTextModel, registered_fakes

    config = tmp_path / "config.toml"
    config.write_text('[models.generator]\nbackend = "fake"\n', "utf-8")
    model = FakeTextModel()
    with registered_fakes(model, FakeEmbedder()):
        result = runner.invoke(
            app, ["breakdown", str(HARBOUR), "--llm", "--scene", "4", "--json", "--config",
                  str(config)],
        )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert [s["index"] for s in json.loads(result.stdout)["llm"]["scenes"]] == [4]
    assert len(model.history) == 2  # one scene: the first answer and its one retry
