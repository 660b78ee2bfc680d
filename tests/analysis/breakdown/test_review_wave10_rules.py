"""Defects a reviewer found in the context rules (wave 10), each on fixture text written for it
(``tests/fixtures/breakdown/review_effects.fountain``), and a check of the rules' docstrings."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

import pytest

from assistant import api
from assistant.analysis.breakdown.model import BreakdownReport

ROOT = Path(__file__).resolve().parents[3]
FIXTURE = ROOT / "tests" / "fixtures" / "breakdown" / "review_effects.fountain"


@pytest.fixture(scope="module")
def report() -> BreakdownReport:
    return api.breakdown(api.open_script(FIXTURE))


def _effects(report: BreakdownReport, scene: int) -> list[str]:
    return [element.name for element in report.scenes[scene].elements["special_effects"]]


def test_firing_up_a_grill_is_no_gunfire(report: BreakdownReport) -> None:
    assert _effects(report, 0) == []  # "fire up the grill", "fires up the old stove"
    assert report.scenes[0].elements["weapons"] == []
    assert "gunfire" in _effects(report, 2)  # "the guards fire at the truck" still is


def test_a_room_shaking_with_laughter_is_no_effect(report: BreakdownReport) -> None:
    assert _effects(report, 1) == []
    assert "tremor" in _effects(report, 2)  # "the ground shakes" still is


def _docstring_follows_another(path: Path) -> list[int]:
    """Lines of a module-level string that follows another string: a docstring left behind
    by the constant it documents (each attribute's docstring comes right after it)."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    return [
        statement.lineno
        for before, statement in itertools.pairwise(body)
        if all(
            isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)
            and isinstance(s.value.value, str)
            for s in (before, statement)
        )
    ]  # fmt: skip


def test_every_rule_docstring_sits_under_its_own_constant() -> None:
    package = ROOT / "assistant" / "analysis" / "breakdown"
    misplaced = {
        str(path.relative_to(package)): lines
        for path in sorted(package.rglob("*.py"))
        if (lines := _docstring_follows_another(path))
    }
    assert misplaced == {}


WEAPONS = ROOT / "tests" / "fixtures" / "breakdown" / "review_weapons.fountain"


def test_each_character_s_own_gun_is_their_weapon() -> None:
    # "checks her revolver", "Mr. Holt ... levels his shotgun": the sentence's subject holds it
    # (the gun "Odile shoots" implies is her revolver named again).
    report = api.breakdown(api.open_script(WEAPONS))
    weapons = [(e.name, e.implied) for e in report.scenes[0].elements["weapons"]]
    assert weapons == [("odile's revolver", False), ("holt's shotgun", False)]
