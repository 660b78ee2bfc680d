"""Wave 11 rules, each on fixture text written for it (``tests/fixtures/breakdown/
wave11_effects.fountain``): effects named by what happens, a firearm named by its maker, weapons
of plural owners, a screen that shows a picture, and a character's gun named as elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import api
from assistant.analysis.breakdown.model import BreakdownReport

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "breakdown" / "wave11_effects.fountain"


@pytest.fixture(scope="module")
def report() -> BreakdownReport:
    return api.breakdown(api.open_script(FIXTURE))


def _names(report: BreakdownReport, heading: str, category: str) -> list[str]:
    sheet = next(s for s in report.scenes if s.heading == heading)
    return [element.name for element in sheet.elements[category]]


def test_their_guns_are_each_owner_s_gun(report: BreakdownReport) -> None:
    # "Holt and Marisol draw their pistols": two pistols, one each, not one "pistols".
    weapons = _names(report, "INT. BOATHOUSE - NIGHT", "weapons")
    assert sorted(weapons) == ["holt's pistol", "marisol's pistol"]


def test_a_fire_and_an_explosion_are_named_by_what_burns_or_explodes(
    report: BreakdownReport,
) -> None:
    effects = _names(report, "EXT. SCRAPYARD - NIGHT", "special_effects")
    assert "pallet fire" in effects  # "a stack of pallets burns"
    assert "tyre fire" in effects  # "burning tyres"
    assert "fuel drum explosion" in effects  # "the fuel drum explodes"
    assert "fire" not in effects and "explosion" not in effects


def test_a_firearm_named_by_its_maker_is_a_weapon(report: BreakdownReport) -> None:
    assert "marisol's smith and wesson" in _names(report, "EXT. SCRAPYARD - NIGHT", "weapons")


def test_a_monitor_that_shows_a_picture_is_a_playback(report: BreakdownReport) -> None:
    effects = _names(report, "INT. CONTROL BOOTH - NIGHT", "visual_effects")
    assert effects == ["video playback on the monitor"]


def test_a_rainy_place_is_rain_on_the_set(report: BreakdownReport) -> None:
    assert _names(report, "EXT. CANAL PATH - DAY", "special_effects") == ["rain"]


def test_a_character_s_gun_is_named_as_their_firearm_elsewhere(report: BreakdownReport) -> None:
    # Holt's "gun" on the roof is the pistol he drew in the boathouse (the armourer's one gun).
    assert _names(report, "EXT. ROOFTOP - NIGHT", "weapons") == ["holt's pistol"]


def test_a_tv_screen_is_the_tv_s_and_a_bare_screen_needs_a_device() -> None:
    from assistant.analysis.breakdown.happens import screen_pictures

    names = [m.entry.name for m in screen_pictures("The TV screen shows the harbour at dawn.")]
    assert names == ["video playback on the tv"]
    assert screen_pictures("The screen shows nothing but a white haze.") == []
    assert screen_pictures("The whole screen fills with a drop of ink.") == []


def test_a_slow_burn_is_no_fire() -> None:
    from assistant.analysis.breakdown.happens import named_by_thing
    from assistant.analysis.breakdown.lexicon import default_lexicon

    text = "Jo checks the clock and does a slow, deep burn."
    hits = [m for m in default_lexicon().find(text) if m.entry.category == "special_effects"]
    assert all("deep" not in named_by_thing(text, m, set()).entry.name for m in hits)


def test_a_television_and_a_tv_are_one_device() -> None:
    from assistant.analysis.breakdown.rules import playback_device

    text = "She watches the footage on the television."
    assert playback_device(text, text.index("footage"), text.index("footage") + 7) == "tv"
