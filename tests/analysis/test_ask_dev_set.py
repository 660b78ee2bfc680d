"""The ask dev set is well formed: its gold scenes are scene starts of the scripts as Slate reads
them, its splits were fixed before tuning, and no question quotes a script."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from assistant.script.reading import read_script
from tests.conftest import REPO_ROOT

DATA = REPO_ROOT / "scripts" / "data"
DEV_SET = DATA / "ask_dev.v1.jsonl"
REPORT_SET = DATA / "ask_report.v2.jsonl"
TUNE_V3 = DATA / "ask_tune.v3.jsonl"
TUNE_V4 = DATA / "ask_tune.v4.jsonl"
TUNE_V5 = DATA / "ask_tune.v5.jsonl"
TUNE_V6 = DATA / "ask_tune.v6.jsonl"
"""v5 and v6 are over TRIPOD training scripts (the others are over test scripts)."""
TRAINING_FILES = (TUNE_V5, TUNE_V6)
REPORT_V3 = DATA / "ask_report.v3.jsonl"
"""Written before wave 9 changed any code, over TRIPOD training scripts no other ask file uses;
to be scored once, at the end of the wave."""
REPORT_V4 = DATA / "ask_report.v4.jsonl"
"""Written before wave 11 changed any code, over TRIPOD training scripts no other ask file uses;
to be scored once, at the end of the wave (docs/chat.md)."""
REPORT_V5 = DATA / "ask_report.v5.jsonl"
"""Written blind in wave 14 over three TRIPOD training scripts no other ask file uses; scored
once on the pre-registered commit (docs/chat.md)."""
KINDS = {"lookup", "character", "production", "structure", "unanswerable"}

_ALL_OTHERS = (DEV_SET, REPORT_SET, TUNE_V3, TUNE_V4, TUNE_V5, TUNE_V6)

Row = dict[str, Any]


def _rows_of(path: Path) -> list[Row]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _scripts_of(*paths: Path) -> set[str]:
    return {str(row["script"]) for path in paths for row in _rows_of(path)}


@cache
def _scene_starts(script: Path) -> frozenset[int | None]:
    """The scene start lines Slate's reader finds (each script read once per test session)."""
    return frozenset(scene.start_line for scene in read_script(script).scenes)


@pytest.fixture
def tripod(shared_data_dir: Path) -> Callable[[str], Path]:
    """The TRIPOD screenplay folder of a split: ``tripod("test")``, ``tripod("train")``."""
    return lambda split: shared_data_dir / "labeled" / "tripod" / "screenplays" / split


def _keywords_match_the_kind(row: Row) -> None:
    assert bool(row["keywords"]) == (row["kind"] != "unanswerable"), row["id"]


def _lookups_have_gold(row: Row) -> None:
    if row["kind"] == "lookup":
        assert row["gold_start_lines"], row["id"]


def _assert_gold_is_scene_starts(rows: list[Row], folder: Path) -> None:
    for row in rows:
        gold = row["gold_start_lines"]
        assert isinstance(gold, list), row["id"]
        assert set(gold) <= _scene_starts(folder / str(row["script"])), row["id"]


def _assert_fresh_report_set(rows: list[Row], min_rows: int, used: set[str], folder: Path) -> None:
    """A pre-registered report set: its own scripts, 2-4 keywords, scene-start gold."""
    assert len(rows) >= min_rows and len({r["id"] for r in rows}) == len(rows)
    assert {r["split"] for r in rows} == {"report"} and {r["kind"] for r in rows} == KINDS
    scripts = {str(r["script"]) for r in rows}
    assert len(scripts) >= 3 and not scripts & used
    for row in rows:
        keywords = row["keywords"]
        if row["kind"] == "unanswerable":
            assert keywords == [] and row["gold_start_lines"] == [], row["id"]
        else:
            assert 2 <= len(keywords) <= 4, row["id"]
        _lookups_have_gold(row)
    _assert_gold_is_scene_starts(rows, folder)


def test_the_dev_set_has_the_shape_eval_ask_expects() -> None:
    rows = _rows_of(DEV_SET)
    assert len(rows) >= 60 and len({r["id"] for r in rows}) == len(rows)
    assert {r["kind"] for r in rows} == KINDS
    assert len({r["script"] for r in rows}) >= 3
    splits = Counter(r["split"] for r in rows)
    assert set(splits) == {"tune", "report"} and abs(splits["tune"] - splits["report"]) <= 4
    for row in rows:
        assert isinstance(row["keywords"], list)
        _keywords_match_the_kind(row)
        _lookups_have_gold(row)


@pytest.mark.shared_data
def test_gold_scenes_are_scene_starts(tripod: Callable[[str], Path]) -> None:
    _assert_gold_is_scene_starts(_rows_of(DEV_SET), tripod("test"))


def test_the_report_set_is_fresh_and_has_the_dev_sets_shape() -> None:
    rows = _rows_of(REPORT_SET)
    assert len(rows) >= 40 and len({r["id"] for r in rows}) == len(rows)
    assert {r["split"] for r in rows} == {"report"}
    scripts = {r["script"] for r in rows}
    assert len(scripts) >= 3 and not scripts & _scripts_of(DEV_SET)  # other scripts
    for row in rows:
        assert row["kind"] in KINDS
        _keywords_match_the_kind(row)
        _lookups_have_gold(row)


@pytest.mark.shared_data
def test_report_gold_scenes_are_scene_starts(tripod: Callable[[str], Path]) -> None:
    _assert_gold_is_scene_starts(_rows_of(REPORT_SET), tripod("test"))


@pytest.mark.shared_data
@pytest.mark.parametrize(
    "tune_file", [TUNE_V3, TUNE_V4, TUNE_V5, TUNE_V6], ids=["v3", "v4", "v5", "v6"]
)
def test_the_tuning_files_are_over_other_scripts_with_scene_start_gold(
    tripod: Callable[[str], Path], tune_file: Path
) -> None:
    rows = _rows_of(tune_file)
    assert {r["split"] for r in rows} == {"tune"} and len({r["id"] for r in rows}) == len(rows)
    assert not {r["script"] for r in rows} & _scripts_of(REPORT_SET)
    for row in rows:
        assert row["kind"] in KINDS
        _keywords_match_the_kind(row)
    _assert_gold_is_scene_starts(rows, tripod("train" if tune_file in TRAINING_FILES else "test"))


@pytest.mark.shared_data
def test_the_report_set_v3_is_fresh_with_two_to_four_keywords_and_scene_start_gold(
    tripod: Callable[[str], Path],
) -> None:
    _assert_fresh_report_set(_rows_of(REPORT_V3), 40, _scripts_of(*_ALL_OTHERS), tripod("train"))


@pytest.mark.shared_data
def test_the_report_set_v4_is_fresh_with_two_to_four_keywords_and_scene_start_gold(
    tripod: Callable[[str], Path],
) -> None:
    used = _scripts_of(*_ALL_OTHERS, REPORT_V3)
    _assert_fresh_report_set(_rows_of(REPORT_V4), 45, used, tripod("train"))


@pytest.mark.shared_data
def test_the_report_set_v5_is_fresh_with_two_to_four_keywords_and_scene_start_gold(
    tripod: Callable[[str], Path],
) -> None:
    used = _scripts_of(*_ALL_OTHERS, REPORT_V3, REPORT_V4)
    _assert_fresh_report_set(_rows_of(REPORT_V5), 60, used, tripod("train"))
