"""Rosters from CSV, JSON Lines and YAML: errors by row and field, duplicates, the summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.casting.importing import parse_roster, read_roster
from assistant.casting.profiles import ALL_SKILLS, ActorProfile
from assistant.errors import CastingError
from tests.casting.conftest import DEMO

GOOD = {
    "id": "a1",
    "name": "Tarin Halby",
    "playing_age": {"min": 55, "max": 70},
    "gender_identity": "Man",
    "base_city": "Glasgow",
    "skills": ["Boxing"],
    "languages": ["EN"],
}


def test_jsonl_bad_rows_are_reported_by_row_and_field_and_never_stop_the_file() -> None:
    rows = [
        GOOD,
        {**GOOD, "id": "a2", "playing_age": {"min": 70, "max": 55}},
        "{not json",
        {**GOOD, "id": "a3", "skills": ["levitation"]},
        {**GOOD, "id": "a1", "name": "Second Of The Same Id"},
        {**GOOD, "id": "a4"},
    ]
    text = "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows)
    report = parse_roster(text, "jsonl", source="roster.jsonl")
    assert [p.id for p in report.profiles] == ["a1", "a4"]
    by_row = {(e.row, e.field) for e in report.errors}
    assert (2, "playing_age") in by_row
    assert (3, "-") in by_row
    assert (4, "skills") in by_row
    assert (5, "id") in by_row
    assert report.duplicates == ["a1"]
    assert report.summary() == (
        "roster.jsonl: 6 rows, 2 profiles imported, 4 rows rejected, 1 duplicate ids"
    )
    # values are normalised
    assert report.profiles[0].gender_identity == "man"
    assert report.profiles[0].skills == ["boxing"]
    assert report.profiles[0].languages == ["en"]


def test_csv_columns_map_to_the_profile_and_rows_are_file_lines(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        "id,name,age_min,age_max,gender_identity,base_city,skills,languages,availability,"
        "rate_min,rate_max,credits,bio\n"
        "c1,Ula Venford,30,40,woman,Leeds,ballet;piano,en;fr,2027-03-01..2027-04-30,400,600,"
        "Red Tide|the nurse|supporting|2019|drama,Calm.\n"
        "c2,No Age,,,woman,Leeds,,,,,,,\n"
        "c3,Bad Credit,30,40,woman,Leeds,,,,,,Red Tide|the nurse|star|2019|drama,\n",
        encoding="utf-8",
    )
    report = read_roster(path)
    assert [p.id for p in report.profiles] == ["c1"]
    p = report.profiles[0]
    assert p.skills == ["ballet", "piano"] and p.languages == ["en", "fr"]
    assert p.availability[0].end.isoformat() == "2027-04-30"
    assert p.day_rate is not None and p.day_rate.min == 400
    assert p.credits[0].size == "supporting"
    assert {(e.row, e.field) for e in report.errors} == {(3, "playing_age"), (4, "credits.0.size")}


def test_yaml_list_of_profiles_and_a_yaml_that_is_not_a_list(tmp_path: Path) -> None:
    import yaml

    path = tmp_path / "r.yaml"
    path.write_text(yaml.safe_dump([GOOD, {"id": "x"}]), encoding="utf-8")
    report = read_roster(path)
    assert len(report.profiles) == 1
    assert {e.field for e in report.errors if e.row == 2} >= {"name", "playing_age", "base_city"}
    path.write_text("just: a mapping\n", encoding="utf-8")
    with pytest.raises(CastingError, match="list of profiles"):
        read_roster(path)


def test_empty_roster_and_unknown_suffix(tmp_path: Path) -> None:
    empty = tmp_path / "e.jsonl"
    empty.write_text("", encoding="utf-8")
    assert (
        read_roster(empty)
        .summary()
        .endswith("0 rows, 0 profiles imported, 0 rows rejected, 0 duplicate ids")
    )
    with pytest.raises(CastingError, match=r"\.csv, \.jsonl or \.yaml"):
        read_roster(tmp_path / "r.xlsx")


def test_a_profile_with_no_bio_still_has_search_text() -> None:
    p = ActorProfile.model_validate({**GOOD, "bio": ""})
    assert "playing age 55-70" in p.search_text() and "boxing" in p.search_text()


def test_demo_roster_is_large_valid_and_plausible() -> None:
    report = read_roster(DEMO)
    assert len(report.profiles) >= 500 and not report.errors
    ages = sorted((p.playing_age.min + p.playing_age.max) / 2 for p in report.profiles)
    assert 25 < ages[len(ages) // 2] < 55  # median playing age of a working roster
    assert ages[0] < 20 and ages[-1] > 65
    skills = {s for p in report.profiles for s in p.skills}
    assert skills <= ALL_SKILLS and len(skills) > 40
    # careers: credits in year order, and leads come later than day-player parts on average
    lead_years, day_years = [], []
    for p in report.profiles:
        years = [c.year for c in p.credits]
        assert years == sorted(years)
        first = years[0] if years else 0
        lead_years += [c.year - first for c in p.credits if c.size == "lead"]
        day_years += [c.year - first for c in p.credits if c.size == "day player"]
    assert sum(lead_years) / len(lead_years) > sum(day_years) / len(day_years)
    assert len({p.name for p in report.profiles}) > 0.9 * len(report.profiles)
