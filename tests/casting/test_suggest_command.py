"""``cast suggest`` shows the search it ran as a command; running that command gives the same."""

from __future__ import annotations

import json
import shlex
from importlib import resources
from pathlib import Path

from typer.testing import CliRunner

from assistant.cli import app

runner = CliRunner()
SAMPLE = Path(str(resources.files("assistant") / "samples" / "night_shift.fountain"))


def test_the_shown_search_command_repeats_the_suggestion(configured: Path) -> None:
    assert runner.invoke(app, ["cast", "index", "build", "demo"]).exit_code == 0
    shown = runner.invoke(app, ["cast", "suggest", str(SAMPLE), "--json", "-k", "3"])
    assert shown.exit_code == 0, shown.output
    characters = json.loads(shown.stdout)["characters"]
    mara = characters[0]
    command = shlex.split(mara["search_command"])
    assert command[:3] == ["slate", "cast", "search"] and "--age" in command
    again = runner.invoke(app, [*command[1:], "--json"])
    assert again.exit_code == 0, again.output
    data = json.loads(again.stdout)
    assert data["filters"] == mara["filters"]
    assert [r["id"] for r in data["results"]] == [r["id"] for r in mara["results"]]
    text = runner.invoke(app, ["cast", "suggest", str(SAMPLE), "--character", "mara", "-k", "3"])
    assert f"Search again: {mara['search_command']}" in " ".join(text.output.split())
