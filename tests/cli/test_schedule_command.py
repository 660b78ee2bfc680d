"""``slate schedule`` through the real Typer app: table, JSON, exports, bad input in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app

runner = CliRunner()
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schedule"
SCRIPT = FIXTURES / "short_film.fountain"
CONFIG = FIXTURES / "ferry.toml"


def test_table_and_summary(private_cache: Path) -> None:
    result = runner.invoke(app, ["schedule", str(SCRIPT), "--config", str(CONFIG), "--plain",
                                 "--time-limit", "10"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Shooting schedule" in result.stdout and "Day out of days" in result.stdout
    assert "objective" in result.stdout and "gap 0.0%" in result.stdout


def test_json_contract_and_exports(private_cache: Path, tmp_path: Path) -> None:
    outs = {fmt: tmp_path / f"out.{fmt}" for fmt in ("html", "pdf", "csv", "ics")}
    args = ["schedule", str(SCRIPT), "--config", str(CONFIG), "--json", "--time-limit", "10"]
    for fmt, path in outs.items():
        args += [f"--{fmt}", str(path)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["version"] == "schedule.v1"
    assert set(data) >= {"status", "objective", "bound", "gap", "stripboard", "cast", "days",
                         "day_out_of_days", "call_sheets", "conflicts"}  # fmt: skip
    assert {"index", "label", "colour", "eighths", "cast", "set"} <= set(data["stripboard"][0])
    assert all(path.stat().st_size > 0 for path in outs.values())
    assert outs["pdf"].read_bytes().startswith(b"%PDF")
    # Slate's own output may be replaced; a file Slate did not write may not.
    again = runner.invoke(app, args)
    assert again.exit_code == 0, again.output
    outs["csv"].write_text("mine\n", encoding="utf-8")
    refused = runner.invoke(app, args)
    assert refused.exit_code != 0 and "Not replacing" in refused.output


def test_infeasible_says_why(private_cache: Path, tmp_path: Path) -> None:
    config = tmp_path / "s.toml"
    config.write_text(
        "[production]\nstart = 2027-03-01\nmax_days = 2\n"
        '[[cast]]\nname = "NELL"\nunavailable = [2027-03-01, 2027-03-02]\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["schedule", str(SCRIPT), "--config", str(config), "--plain"])
    assert result.exit_code == 1
    assert "No schedule (infeasible)" in result.stdout
    assert "NELL unavailable on 2027-03-01" in result.stdout


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("[production]\nmax_pages = 3\n", "line 2): production.max_pages: unknown key"),
        ('[[lock]]\nscene = "1"\ndate = 2027-13-01\n', "line 3"),
    ],
)
def test_bad_config_is_one_line(
    private_cache: Path, tmp_path: Path, config: str, message: str
) -> None:
    path = tmp_path / "s.toml"
    path.write_text(config, encoding="utf-8")
    result = runner.invoke(app, ["schedule", str(SCRIPT), "--config", str(path)])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_no_headings_no_schedule(private_cache: Path, tmp_path: Path) -> None:
    script = tmp_path / "notes.fountain"
    script.write_text("Just some notes about a film.\n\nNo scenes yet.\n", encoding="utf-8")
    result = runner.invoke(app, ["schedule", str(script)])
    assert result.exit_code != 0
    assert "Nothing to schedule" in result.output and "no scene headings" in result.output
