"""``slate stats --count-by``: master scenes by default, numbered scenes on request."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from assistant.cli import app

SHOOTING_SCRIPT = (
    Path(__file__).resolve().parent.parent / "fixtures" / "layout" / "shooting_script.txt"
)


def _row(output: str, label: str) -> list[str]:
    line = next(line for line in output.splitlines() if line.startswith(label))
    return line[len(label) :].split()


def test_numbered_count_includes_shots_and_the_splits_still_count_master_scenes() -> None:
    runner = CliRunner()
    master = runner.invoke(app, ["stats", str(SHOOTING_SCRIPT), "--plain"])
    numbered = runner.invoke(
        app, ["stats", str(SHOOTING_SCRIPT), "--plain", "--count-by", "NUMBERED"]
    )
    assert master.exit_code == 0 and numbered.exit_code == 0, master.output + numbered.output
    figures = json.loads(runner.invoke(app, ["stats", str(SHOOTING_SCRIPT), "--json"]).output)
    assert figures["numbered_scene_count"] > figures["master_scene_count"] > 0
    assert _row(master.output, "Scenes ") == [str(figures["master_scene_count"])]
    assert _row(numbered.output, "Scenes (numbered)") == [str(figures["numbered_scene_count"])]
    # Shares are of master scenes in both modes: the INT row is the same.
    assert _row(master.output, "INT ") == _row(numbered.output, "INT ")


def test_an_unknown_count_names_the_flag() -> None:
    result = CliRunner().invoke(app, ["stats", str(SHOOTING_SCRIPT), "--count-by", "shots"])
    assert result.exit_code == 2
    assert "--count-by" in result.output
