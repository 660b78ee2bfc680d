"""The cues added for vehicles, effects and props: possessives, generic vehicles named again,
camera direction that is no implication, quoted song titles, parentheticals."""

from __future__ import annotations

from pathlib import Path

from assistant import api
from assistant.analysis.breakdown.lexicon import default_lexicon
from assistant.analysis.breakdown.model import BreakdownReport

SCRIPT = """\
INT. DRIVER'S CAR - NIGHT

The Camaro's engine idles. MAYA listens to `Purple Rain' on the radio.

EXT. GATES - NIGHT

A jeep splashes to the gates. MAYA jumps back in the car and leans on the vehicle.

EXT. FIELD - DAY

CAMERA PULLS UP from the empty field.

INT. HUT - DAY

TOM
(on the walkie-talkie)
Come in.

A chopper lands beside the truck. The car waits.
"""


def _report(tmp_path: Path) -> BreakdownReport:
    path = tmp_path / "cues.fountain"
    path.write_text(SCRIPT, encoding="utf-8")
    return api.breakdown(api.open_script(path))


def _names(report: BreakdownReport, index: int, category: str) -> list[str]:
    headed = [s for s in report.scenes if s.heading is not None]
    return [e.name for e in headed[index].elements[category]]


def test_a_possessive_names_the_thing() -> None:
    found = default_lexicon().find("The Camaro's windscreen.")
    assert [(m.entry.category, m.entry.name) for m in found] == [("vehicles", "camaro")]


def test_a_make_of_car_takes_the_place_of_the_generic_car(tmp_path: Path) -> None:
    report = _report(tmp_path)
    assert _names(report, 0, "vehicles") == ["camaro"]  # the heading's car is the Camaro
    assert _names(report, 1, "vehicles") == ["jeep"]  # "the car", "the vehicle": the jeep again


def test_other_vehicles_beside_a_car_are_kept(tmp_path: Path) -> None:
    # "chopper" is named as written (one element with a helicopter when a scene says both)
    assert _names(_report(tmp_path), 3, "vehicles") == ["chopper", "truck", "car"]


def test_camera_direction_implies_no_car(tmp_path: Path) -> None:
    assert _names(_report(tmp_path), 2, "vehicles") == []


def test_a_quoted_song_title_is_no_weather(tmp_path: Path) -> None:
    assert _names(_report(tmp_path), 0, "special_effects") == []


def test_a_parenthetical_hands_a_prop_but_names_no_effect(tmp_path: Path) -> None:
    report = _report(tmp_path)
    assert "walkie-talkie" in _names(report, 3, "props")
    assert _names(report, 1, "special_effects") == ["splash"]


def test_effect_verbs_and_screens_are_visual_effects() -> None:
    found = default_lexicon().find("He sprouts a couple of arms. Glowy shields. On the monitor.")
    assert [(m.entry.category, m.entry.name) for m in found] == [
        ("visual_effects", "sprouts"),
        ("visual_effects", "glow"),
        ("visual_effects", "video playback"),
    ]


def test_the_set_named_in_action_is_no_extras(tmp_path: Path) -> None:
    path = tmp_path / "diner.fountain"
    path.write_text(
        "EXT. LANTERN DINER - NIGHT\n\nThe diner door bangs open. Police cars wait.\n\n"
        "INT. LANTERN DINER - NIGHT\n\nTwo diners argue.\n\n"
        "INT. POLICE STATION - DAY\n\nThe police wait.\n",
        encoding="utf-8",
    )
    report = api.breakdown(api.open_script(path))
    assert _names(report, 0, "extras") == []  # was ["diners"]: the diner is the set
    assert _names(report, 1, "extras") == ["diners"]
    assert _names(report, 2, "extras") == ["police"]  # listed as written: people, not the set
    (entry,) = [e for e in report.element_list if e.category == "extras" and e.name == "diners"]
    assert entry.scenes == ["2"]


def test_a_word_before_a_reflexive_is_a_verb_and_teeth_need_a_toothbrush() -> None:
    found = default_lexicon().find("He bats himself with a towel and brushes his teeth.")
    assert [m.entry.name for m in found] == ["towel", "toothbrush"]
