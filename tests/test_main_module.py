"""``python -m assistant`` is the ``slate`` command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "cli" / "two_scenes.fountain"


def test_python_m_assistant_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "slate" in result.stdout.lower()
    assert "stats" in result.stdout


def test_python_m_assistant_reads_a_script() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "stats", str(FIXTURE)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # Piped, so the table is plain (no box-drawing characters): "Scenes  2".
    scenes_row = next(line for line in result.stdout.splitlines() if "Scenes" in line)
    assert scenes_row.split() == ["Scenes", "2"]
