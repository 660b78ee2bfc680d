"""Readings that need the words around a lexicon hit (rules.py): verbs after a pronoun, gunfire,
movement, cast names, owners of vehicles, other vehicles, kinds of vehicle, titles over picture."""

from __future__ import annotations

from pathlib import Path

from assistant import api
from assistant.analysis.breakdown.model import BreakdownReport

SCRIPT = """\
INT. TOWER - DAY

JO waves from the window. He waves back.

JO
Go.

INT. OFFICE - NIGHT

LAU
Now.

Lau FIRES. He fires again, and FIRES once more.

EXT. STREET - DAY

KEN shoots up the street in his jeep and disappears into the crowd.

KEN
Bye.

INT. GREENHOUSE - DAY

Rose stops by the roses.

ROSE
Pretty.

EXT. HIGHWAY - DAY

Dad's car passes Mara's car. The car stops. Anderson's Chevy moves in a sea of cars.

EXT. HARBOUR - DAY

The ferry leaves. This boat is full. The other ferry waits. A chopper lands by the helicopter.

EXT. CITY - DAY

Holographic billboards light up. Water roars down the corridor.

SUPER: Three years later.

EXT. DECK - DAY

Pirates swarm across on ropes.
"""


def _report(tmp_path: Path) -> BreakdownReport:
    path = tmp_path / "rules.fountain"
    path.write_text(SCRIPT, encoding="utf-8")
    return api.breakdown(api.open_script(path))


def _names(report: BreakdownReport, index: int, category: str) -> list[str]:
    headed = [s for s in report.scenes if s.heading is not None]
    return [e.name for e in headed[index].elements[category]]


def test_a_word_after_a_pronoun_is_a_verb(tmp_path: Path) -> None:
    assert _names(_report(tmp_path), 0, "special_effects") == []  # "He waves", "JO waves"


def test_a_person_firing_is_gunfire_not_a_fire(tmp_path: Path) -> None:
    report = _report(tmp_path)
    # Named by its shooter since wave 14b, as a weapon is by its holder.
    assert _names(report, 1, "special_effects") == ["lau's gunfire"]
    headed = [s for s in report.scenes if s.heading is not None]
    assert headed[1].elements["special_effects"][0].implied


def test_shooting_up_a_street_and_disappearing_into_a_crowd_are_movement(tmp_path: Path) -> None:
    report = _report(tmp_path)
    assert _names(report, 2, "weapons") == []
    assert _names(report, 2, "visual_effects") == []
    assert _names(report, 2, "vehicles") == ["jeep"]


def test_a_capitalised_cast_name_is_the_person(tmp_path: Path) -> None:
    report = _report(tmp_path)
    headed = [s for s in report.scenes if s.heading is not None]
    roses = headed[3].elements["greenery"]
    assert [(e.name, e.line) for e in roses] == [("roses", headed[3].start_line + 2)]
    assert len(roses) == 1  # "Rose stops" is not a second mention


def test_vehicles_keep_their_owners_and_traffic(tmp_path: Path) -> None:
    # Two owned cars are two cars; "the car" is one of them again; a sea of cars is traffic.
    assert _names(_report(tmp_path), 4, "vehicles") == [
        "dad's car",
        "mara's car",
        "anderson's chevy",
        "cars",
    ]


def test_the_other_vehicle_and_kinds_of_vehicle(tmp_path: Path) -> None:
    # "this boat" is the ferry again; "the other ferry" a second one; a chopper is a helicopter.
    assert _names(_report(tmp_path), 5, "vehicles") == ["ferry", "other ferry", "helicopter"]


def test_holograms_name_the_thing_and_titles_are_visual_effects(tmp_path: Path) -> None:
    report = _report(tmp_path)
    assert _names(report, 6, "visual_effects") == [
        "holographic billboard",
        "super: title over picture",
    ]
    assert _names(report, 6, "special_effects") == ["water roars"]


def test_a_crowd_swarming_is_no_swarm_effect(tmp_path: Path) -> None:
    assert _names(_report(tmp_path), 7, "visual_effects") == []


def test_a_long_paragraph_of_hits_is_read_in_linear_time(tmp_path: Path) -> None:
    # Each rule read the whole paragraph before and after its hit: 152 KB of one sentence took
    # 62 s. 300 KB finishes in well under a second now; the alarm is generous, not a timing.
    from tests.script.test_adversarial_inputs import alarm

    path = tmp_path / "hostile.fountain"
    path.write_text(
        "INT. ROOM - DAY\n\n" + "He drives Dad's car. " * 15000 + "\n\n" + "x" * 80000 + " car.\n",
        encoding="utf-8",
    )
    screenplay = api.open_script(path)
    with alarm(30):
        report = api.breakdown(screenplay)
    # the bare car after 80,000 letters is Dad's car named again (drop_generic_vehicles)
    assert [e.name for e in report.scenes[0].elements["vehicles"]] == ["dad's car"]
