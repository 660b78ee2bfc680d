"""``slate stats`` and ``slate score``: plain when piped, all rows on request, one numbering."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant import api
from assistant.cli import app
from assistant.cli.stats_view import TOP_LOCATIONS
from tests.cli.conftest import write_script
from tests.conftest import REPO_ROOT

runner = CliRunner()
BOX = set("│┃─━┌┏└┗╭╰┡╇┼")
NUMBERS = ["10", "10A", "11", "12", "13", "14"]


def run(*args: str, columns: int = 200) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.output


def block(output: str, title: str) -> list[str]:
    """The lines of one plain table: header, rows and caption, up to the blank line after it.

    ``title`` is the table's title, or its start before `` (``.
    """
    lines = output.splitlines()
    start = next(i for i, s in enumerate(lines) if s == title or s.startswith(f"{title} ("))
    end = lines.index("", start)
    return lines[start + 1 : end]


def cells(line: str) -> list[str]:
    """A plain row's cells: columns are two or more spaces apart."""
    return re.split(r"\s{2,}", line.strip())


def assert_plain(output: str) -> None:
    assert not BOX & set(output)
    assert "\x1b[" not in output
    assert all(line == line.rstrip() for line in output.splitlines())


def test_stats_is_plain_when_not_a_terminal(tmp_path: Path) -> None:
    output = run("stats", str(write_script(tmp_path, 3)))
    assert_plain(output)
    # Columns are separated by two spaces or more: a location's own spaces are single.
    row = next(line for line in output.splitlines() if line.startswith("LOCATION NUMBER 01"))
    assert row.split("  ")[0] == "LOCATION NUMBER 01 OF THE MADE SCRIPT"


def test_no_plain_draws_tables_without_trailing_spaces_on_titles(tmp_path: Path) -> None:
    output = run("stats", str(write_script(tmp_path, 3)), "--no-plain")
    assert BOX & set(output)
    titles = [line for line in output.splitlines() if line.startswith(("Locations", "Characters"))]
    assert titles == ["Locations (most pages first)", "Characters (most speeches first)"]


def test_stats_shows_the_first_locations_unless_all(tmp_path: Path) -> None:
    script = write_script(tmp_path, TOP_LOCATIONS + 8)
    rows = block(run("stats", str(script)), "Locations")
    assert len([r for r in rows if r.startswith("LOCATION NUMBER")]) == TOP_LOCATIONS
    assert rows[-1] == "and 8 more locations (--all shows them)"
    rows = block(run("stats", str(script), "--all"), "Locations")
    assert len([r for r in rows if r.startswith("LOCATION NUMBER")]) == TOP_LOCATIONS + 8
    assert not any("more" in r for r in rows)


def test_stats_labels_the_length_as_pages_and_says_how_scenes_are_numbered(
    tmp_path: Path,
) -> None:
    output = run("stats", str(write_script(tmp_path, 6, numbers=NUMBERS)))
    assert "Length (eighths)" not in output
    assert any(line.startswith("Length (pages, to the eighth)") for line in output.splitlines())
    assert ["Scene numbers", "as in the script"] in [cells(line) for line in output.splitlines()]
    unnumbered = tmp_path / "unnumbered"
    unnumbered.mkdir()
    other = run("stats", str(write_script(unnumbered, 6)))
    assert ["Scene numbers", "by position"] in [cells(line) for line in other.splitlines()]


def scene_rows(output: str) -> list[list[str]]:
    """The scene table's rows, split into cells (the header and the caption left out)."""
    rows = [cells(row) for row in block(output, "Scenes")[1:]]
    return [row for row in rows if len(row) >= 4]


@pytest.mark.usefixtures("fake_models")
def test_score_shows_the_strongest_and_the_turning_points_unless_all(tmp_path: Path) -> None:
    script = write_script(tmp_path, 40)
    screenplay = api.open_script(script)
    output = run("score", str(script))
    assert_plain(output)
    rows = scene_rows(output)
    turning_points = block(output, "Turning points")[1:6]
    assert 20 <= len(rows) <= 25
    shown = {row[0] for row in rows}
    tp_scenes = {cells(line)[1] for line in turning_points}
    assert tp_scenes <= shown
    assert (
        f"{len(rows)} of {len(screenplay.scenes)} scenes shown; --all shows every scene." in output
    )
    every = scene_rows(run("score", str(script), "--all"))
    assert len(every) == len(screenplay.scenes)
    assert len(scene_rows(run("score", str(script), "--top", "3"))) <= 8


@pytest.mark.usefixtures("fake_models")
def test_score_numbers_scenes_as_written_when_every_scene_is_numbered(tmp_path: Path) -> None:
    output = run("score", str(write_script(tmp_path, 6, numbers=NUMBERS)), "--all")
    rows = scene_rows(output)
    assert [row[0] for row in rows] == ["-", *NUMBERS]
    assert next(r for r in rows if "LOCATION NUMBER 02" in r[2])[0] == "10A"
    assert "Scenes are numbered as in the script." in output
    turning_points = block(output, "Turning points")[1:6]
    tp_scenes = [cells(line)[1] for line in turning_points]
    assert set(tp_scenes) <= {"-", *NUMBERS}


@pytest.mark.usefixtures("fake_models")
def test_score_numbers_by_position_and_leaves_the_title_block_unnumbered(tmp_path: Path) -> None:
    output = run("score", str(write_script(tmp_path, 6)), "--all")
    rows = scene_rows(output)
    assert [row[0] for row in rows] == ["-", "1", "2", "3", "4", "5", "6"]
    assert rows[0][2] == "(before the first heading)"
    assert "numbered by position" in output


@pytest.mark.usefixtures("fake_models")
def test_score_no_plain_titles_have_no_trailing_spaces(tmp_path: Path) -> None:
    output = run("score", str(write_script(tmp_path, 6)), "--no-plain")
    assert BOX & set(output)
    assert "Turning points" in output.splitlines()


def test_installed_entry_point_is_plain_when_piped(tmp_path: Path) -> None:
    script = write_script(tmp_path, 3)
    runner_code = "from assistant.cli import app; app()"
    if (REPO_ROOT / "assistant" / "__main__.py").is_file():
        command = [sys.executable, "-m", "assistant"]
    else:
        command = [sys.executable, "-c", runner_code]
    completed = subprocess.run(
        [*command, "stats", str(script)], capture_output=True, text=True, timeout=60,
        cwd=REPO_ROOT, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert "LOCATION NUMBER 01 OF THE MADE SCRIPT" in completed.stdout
    assert_plain(completed.stdout)


def test_llm_pass_names_moved_scenes_by_their_labels(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, private_cache: Path
) -> None:
    import json

    from tests.fakes import FakeEmbedder, FakeTextModel, registered_fakes

    numbers = [str(n) for n in range(30, 40)]  # written numbers that differ from positions
    script = write_script(tmp_path, len(numbers), numbers=numbers)
    labels = api.open_script(script).scene_labels()
    config = tmp_path / "config.toml"
    config.write_text(
        '[models.embedder]\nbackend = "fake"\n\n[models.generator]\nbackend = "fake"\n'
    )
    monkeypatch.setenv("SLATE_CONFIG", str(config))
    model = FakeTextModel()
    with registered_fakes(model, FakeEmbedder(dimensions=64)):
        report = json.loads(run("score", str(script), "--json"))
        trained = [tp["scene_index"] for tp in report["turning_points"]]
        names = [tp["name"] for tp in report["turning_points"]]
        # Offer each TP a neighbouring scene that keeps story order until the pass moves one.
        for k in range(5):
            low = trained[k - 1] if k else 0
            high = trained[k + 1] if k < 4 else len(labels)
            for step in (-1, 1, -2, 2):
                wanted = list(trained)
                wanted[k] += step
                if not low < wanted[k] < high:
                    continue
                choices = [
                    {"name": n, "scene_index": i} for n, i in zip(names, wanted, strict=True)
                ]
                model.enqueue([json.dumps({"turning_points": choices})])
                text = " ".join(run("score", str(script), "--llm").split())
                if "moved from" in text:
                    was, now = labels[trained[k]], labels[wanted[k]]
                    assert f"{names[k]} moved from #{was} to #{now}" in text
                    return
    pytest.fail("no neighbouring scene was on a shortlist")
