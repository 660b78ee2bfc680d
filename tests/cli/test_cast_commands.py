"""``slate cast`` through the real Typer app, with the fake embedder and the demo roster."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app

runner = CliRunner()
SAMPLE = Path(str(resources.files("assistant") / "samples" / "night_shift.fountain"))


@pytest.fixture
def index_dir(fake_models: None, tmp_path: Path) -> Path:
    folder = tmp_path / "idx"
    result = runner.invoke(app, ["cast", "index", "build", "demo", "--index", str(folder)])
    assert result.exit_code == 0, result.output
    assert "600 profiles imported" in result.output
    return folder


def test_search_json_contract(index_dir: Path) -> None:
    result = runner.invoke(
        app,
        [
            "cast",
            "search",
            "wiry 60s ex-boxer, Glaswegian accent, gentle",
            "--age",
            "55-70",
            "--language",
            "en",
            "-k",
            "4",
            "--json",
            "--index",
            str(index_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"query", "filters", "results"} and data["format"] == "slate.cast.search/1"
    assert data["filters"] == {"age": {"min": 55, "max": 70}, "languages": ["en"]}
    assert len(data["results"]) == 4
    for r in data["results"]:
        assert set(r) >= {"id", "name", "score", "playing_age", "reasons"}
        assert r["playing_age"]["min"] <= 70 and r["playing_age"]["max"] >= 55
        assert r["reasons"]


def test_search_table_and_a_filter_that_excludes_everyone(index_dir: Path) -> None:
    result = runner.invoke(
        app, ["cast", "search", "boxer", "--skill", "boxing", "--plain", "--index", str(index_dir)]
    )
    assert result.exit_code == 0, result.output
    assert "Why" in result.output and "skills: boxing" in result.output
    none = runner.invoke(
        app, ["cast", "search", "boxer", "--gender", "robot", "--index", str(index_dir)]
    )
    assert none.exit_code == 0
    assert "--gender robot matches none of the 600 profiles" in none.output


def test_suggest_json_lists_every_speaking_character(index_dir: Path) -> None:
    result = runner.invoke(
        app, ["cast", "suggest", str(SAMPLE), "--json", "-k", "2", "--index", str(index_dir)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [c["name"] for c in data["characters"]] == ["MARA", "GUS", "DELL", "RUBY", "THEO"]
    for c in data["characters"]:
        assert set(c) >= {"name", "brief", "results"} and c["brief"]["query"]
    one = runner.invoke(
        app,
        [
            "cast",
            "suggest",
            str(SAMPLE),
            "--character",
            "theo",
            "--plain",
            "--index",
            str(index_dir),
        ],
    )
    assert one.exit_code == 0 and "THEO: supporting" in one.output and "Query:" in one.output


def test_index_add_remove_stats_check(index_dir: Path, tmp_path: Path) -> None:
    roster = tmp_path / "more.csv"
    roster.write_text(
        "id,name,age_min,age_max,gender_identity,base_city,bio\n"
        "x1,Kelby Torford,20,30,man,Leeds,Juggles knives.\n"
        "x2,,20,30,man,Leeds,\n",
        encoding="utf-8",
    )
    added = runner.invoke(app, ["cast", "index", "add", str(roster), "--index", str(index_dir)])
    assert added.exit_code == 0, added.output
    assert "row 3, name" in added.output and "index: 601 profiles" in added.output
    removed = runner.invoke(
        app, ["cast", "index", "remove", "x1", "ghost", "--index", str(index_dir)]
    )
    assert "not in the index: ghost" in removed.output and "600 profiles" in removed.output
    stats = runner.invoke(app, ["cast", "index", "stats", "--json", "--index", str(index_dir)])
    assert json.loads(stats.stdout)["count"] == 600
    check = runner.invoke(app, ["cast", "index", "check", "--index", str(index_dir)])
    assert check.exit_code == 0 and check.output.startswith("ok: 600 profiles")


def test_damaged_index_and_bad_input_are_one_line_errors(index_dir: Path, tmp_path: Path) -> None:
    current = (index_dir / "CURRENT").read_text().strip()
    faiss_file = index_dir / current / "vectors.faiss"
    faiss_file.write_bytes(faiss_file.read_bytes()[:100])
    result = runner.invoke(app, ["cast", "search", "boxer", "--index", str(index_dir)])
    assert result.exit_code == 7
    assert "truncated" in result.output and "slate cast index build ROSTER" in result.output
    assert "Traceback" not in result.output
    for args in (["--age", "70-55"], ["--available", "2027-13-01"]):
        bad = runner.invoke(app, ["cast", "search", "x", *args, "--index", str(index_dir)])
        assert bad.exit_code == 7 and len(bad.output.strip().splitlines()) == 1
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    built = runner.invoke(
        app, ["cast", "index", "build", str(empty), "--index", str(tmp_path / "e")]
    )
    assert built.exit_code == 7 and "No profiles to index" in built.output
    missing = runner.invoke(app, ["cast", "index", "stats", "--index", str(tmp_path / "none")])
    assert missing.exit_code == 7 and "No casting index" in missing.output


def test_in_one_process_a_filtered_ann_search_follows_index_add_and_remove(
    fake_models: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.casting import catalog, opened
    from assistant.casting import index as index_module

    # an IVF index whose --age filter keeps a few hundred: the ANN path and the filter's own
    # lists, kept with the open index between commands of one process (casting/opened.py)
    monkeypatch.setattr(index_module, "FLAT_LIMIT", 100)
    monkeypatch.setattr(catalog, "EXACT_LIMIT", 50)
    folder = tmp_path / "ivf"
    opened.forget()
    try:
        built = runner.invoke(app, ["cast", "index", "build", "demo", "--index", str(folder)])
        assert built.exit_code == 0, built.output
        bio = "Trapeze artist and knife thrower, raised in a touring circus."
        # the added profile's own search text: under the fake embedder its very vector, whose
        # list is the query's first (a near one could sit in a list the probes skip)
        query = f"Orrin Vael, man, playing age 25-35, based in Leeds. {bio}"

        def found() -> list[str]:
            args = ["cast", "search", query, "--age", "20-45", "-k", "5", "--json"]
            result = runner.invoke(app, [*args, "--index", str(folder)])
            assert result.exit_code == 0, result.output
            data = json.loads(result.stdout)
            assert data["candidates"] > catalog.EXACT_LIMIT
            return [r["id"] for r in data["results"]]

        assert "zz-new" not in found()
        roster = tmp_path / "more.csv"
        roster.write_text(
            "id,name,age_min,age_max,gender_identity,base_city,bio\n"
            f'zz-new,Orrin Vael,25,35,man,Leeds,"{bio}"\n',
            encoding="utf-8",
        )
        added = runner.invoke(app, ["cast", "index", "add", str(roster), "--index", str(folder)])
        assert added.exit_code == 0, added.output
        assert found()[0] == "zz-new"
        removed = runner.invoke(app, ["cast", "index", "remove", "zz-new", "--index", str(folder)])
        assert removed.exit_code == 0, removed.output
        assert "zz-new" not in found()
    finally:
        opened.forget()
