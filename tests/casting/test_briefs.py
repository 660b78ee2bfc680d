"""Casting briefs read from a script: age, gender, role size, what others say, skills."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from assistant.casting.briefs import briefs, parse_age, parse_gender
from assistant.casting.catalog import CastingIndex
from assistant.casting.suggest import suggest
from assistant.errors import CastingError
from assistant.script.reading import read_script
from tests.fakes import FakeEmbedder

SCRIPT = """Title: Brief Test

INT. GYM - NIGHT

JOCK (60s, wiry ex-boxer, gentle with it) wraps his hands. JOCK throws a punch at the bag.

NELL (late 20s, his daughter, a nurse) watches.

NELL
You'll break your hands, Da.

JOCK
Jock Reid never broke anything but hearts.

EXT. ROAD - DAY

Nell drives the old van. Jock rides a horse alongside.

NELL
Jock is a stubborn old man.

JOCK
Aye.

INT. PUB - NIGHT

BARMAN
Last orders.
"""


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("30s, tired", 30, 39),
        ("mid-40s", 43, 47),
        ("late sixties", 66, 69),
        ("(17)", 14, 20),
        ("early twenties", 20, 23),
        ("a man of 45", 42, 48),
    ],
)
def test_ages(text: str, low: int, high: int) -> None:
    found = parse_age(text)
    assert found is not None and (found[0].min, found[0].max) == (low, high)


def test_no_age_and_gender_only_when_stated() -> None:
    assert parse_age("a tall stranger") is None
    assert parse_gender("his daughter, a nurse") is None  # both words: not stated clearly
    assert parse_gender("a nurse, mother of three") == "woman"
    assert parse_gender("a nurse") is None


def test_briefs_from_a_script(tmp_path: Path) -> None:
    path = tmp_path / "b.fountain"
    path.write_text(SCRIPT, encoding="utf-8")
    found = {b.name: b for b in briefs(read_script(path))}
    assert set(found) == {"JOCK", "NELL", "BARMAN"}
    jock = found["JOCK"]
    assert jock.age is not None and (jock.age.min, jock.age.max) == (60, 69)
    assert jock.gender is None or jock.gender == "man"
    assert {"boxing", "horse riding"} <= set(jock.skills)
    assert any("stubborn old man" in s for s in jock.said_about)
    assert "car licence" in found["NELL"].skills
    assert found["BARMAN"].role_size == "day player" and jock.role_size == "lead"
    assert "wiry ex-boxer" in jock.query


def test_suggest_every_speaking_character_and_an_unknown_one(
    demo_index: CastingIndex, embedder: FakeEmbedder
) -> None:
    sample = Path(str(resources.files("assistant") / "samples" / "night_shift.fountain"))
    screenplay = read_script(sample)
    out = suggest(demo_index, embedder, screenplay, k=3)
    assert [c.name for c in out.characters] == [c.name for c in screenplay.characters]
    mara = out.characters[0]
    assert mara.brief.age is not None and mara.results
    assert all(r.playing_age.max >= 30 and r.playing_age.min <= 39 for r in mara.results)
    assert all(r.gender_identity == "woman" for r in mara.results)
    with pytest.raises(CastingError, match="speaking characters: MARA"):
        suggest(demo_index, embedder, screenplay, character="NOBODY")
