"""``slate parse`` and ``slate stats`` through the Typer app; one run of the installed ``slate``."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant import __version__
from assistant.cli import app

runner = CliRunner()
# parse --out records what it writes in the cache folder: a private one for each test.
pytestmark = pytest.mark.usefixtures("private_cache")


@pytest.fixture
def script(fixtures_dir: Path) -> Path:
    return fixtures_dir / "cli" / "two_scenes.fountain"


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"slate {__version__}"


@pytest.mark.parametrize("command", [[], ["parse"], ["stats"]])
def test_help_is_available_everywhere(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_parse_to_json_prints_the_model(script: Path) -> None:
    result = runner.invoke(app, ["parse", str(script)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    headings = [s["heading"]["text"] for s in data["scenes"] if s["heading"]]
    assert headings == ["INT. BUS DEPOT - NIGHT", "EXT. HIGHWAY - CONTINUOUS"]
    assert {c["name"] for c in data["characters"]} == {"TOMAS", "JUNE"}


def test_parse_to_fountain_round_trips_through_a_file(script: Path, tmp_path: Path) -> None:
    out = tmp_path / "copy.fountain"
    result = runner.invoke(app, ["parse", str(script), "--to", "fountain", "--out", str(out)])
    assert result.exit_code == 0, result.output
    again = runner.invoke(app, ["parse", str(out)])
    first = json.loads(runner.invoke(app, ["parse", str(script)]).stdout)
    second = json.loads(again.stdout)
    for doc in (first, second):
        doc.pop("source")
        for scene in doc["scenes"]:
            scene.pop("start_line")
    assert first == second


def test_parse_to_fdx_writes_final_draft_xml(script: Path, tmp_path: Path) -> None:
    out = tmp_path / "script.fdx"
    result = runner.invoke(app, ["parse", str(script), "--to", "fdx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "<FinalDraft" in text and "BUS DEPOT" in text


def test_unknown_output_format_lists_the_installed_ones(script: Path) -> None:
    result = runner.invoke(app, ["parse", str(script), "--to", "docx"])
    assert result.exit_code != 0
    assert "Installed exporters: fdx, fountain, json" in result.output


def test_failed_export_leaves_the_existing_file_untouched(script: Path, tmp_path: Path) -> None:
    out = tmp_path / "keep.json"
    out.write_text("precious", encoding="utf-8")
    result = runner.invoke(app, ["parse", str(script), "--to", "docx", "--out", str(out)])
    assert result.exit_code != 0
    assert out.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.json"]


def test_stats_json_has_the_figures(script: Path) -> None:
    result = runner.invoke(app, ["stats", str(script), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["scene_count"] == 2


def test_stats_prints_tables(script: Path) -> None:
    result = runner.invoke(app, ["stats", str(script)], terminal_width=120)
    assert result.exit_code == 0, result.output
    for word in ("Scenes", "TOMAS", "JUNE", "BUS DEPOT"):
        assert word in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    ],
)
def test_bad_input_is_one_line_and_non_zero(tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "bad.fountain"
    bad.write_bytes(content)
    result = runner.invoke(app, ["stats", str(bad)])
    assert result.exit_code == 2
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_directory_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(tmp_path)])
    assert result.exit_code == 2
    assert "is a directory" in result.output


def test_installed_entry_point_reports_bad_file_without_traceback(tmp_path: Path) -> None:
    slate = shutil.which("slate", path=str(Path(sys.executable).parent))
    assert slate, "the slate console script is not installed in this environment"
    missing = tmp_path / "nope.fdx"
    result = subprocess.run(
        [slate, "stats", str(missing)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == f"Error: No such file: {missing}"
