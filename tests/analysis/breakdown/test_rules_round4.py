"""Round-four readings (rules.py, breakdown.py): screens named by cue extensions and shot lines,
similes, words that only say what an advert is about, idioms, cars of a train, explosions in
space, a prop word that is the set, titles in any case."""

from __future__ import annotations

from pathlib import Path

from assistant import api
from assistant.analysis.breakdown.model import BreakdownReport
from assistant.script.model import Shot

SCRIPT = """\
INT. DEN - NIGHT

Jo sits on the couch.

NEWSMAN (ON T.V.)
Good evening.

JO
Not again.

INT. CONTROL ROOM - NIGHT

Lau paces.

ON THE MONITOR

A hallway, empty.

EXT. YARD - DAY

Ken throws him like a rag doll. Old cigarette ads peel. He runs at full steam.

INT. SUBWAY CAR - DAY

The car rocks. Ken holds the pole.

INT. STARFIGHTER - SPACE

A ship explodes behind Ken.

EXT. TORCH - NIGHT

Ken climbs to the far side of the torch.

EXT. FIELD - DAY

Caption -- Ten years on.

Police lights flashing, Ken waits. Cops open fire.

EXT. TOWER - NIGHT

The metal railing snaps. Ken smashes the window and runs down the fire escape.
"""


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "round4.fountain"
    path.write_text(SCRIPT, encoding="utf-8")
    return path


def _report(tmp_path: Path) -> BreakdownReport:
    return api.breakdown(api.open_script(_write(tmp_path)))


def _names(report: BreakdownReport, index: int, category: str) -> list[str]:
    headed = [s for s in report.scenes if s.heading is not None]
    return [e.name for e in headed[index].elements[category]]


def test_a_speaker_on_a_screen_is_video_playback_at_the_cue_line(tmp_path: Path) -> None:
    report = _report(tmp_path)
    headed = [s for s in report.scenes if s.heading is not None]
    playback = headed[0].elements["visual_effects"]
    assert [(e.name, e.line, e.implied, e.source) for e in playback] == [
        ("video playback on the tv", headed[0].start_line + 4, True, "cue")
    ]
    assert "NEWSMAN" in _names(report, 0, "cast")


def test_a_shot_line_on_a_monitor_is_video_playback(tmp_path: Path) -> None:
    # Fountain reads "ON THE MONITOR" as action; a plain-text script's shot line is a Shot.
    assert _names(_report(tmp_path), 1, "visual_effects") == ["video playback on the monitor"]
    screenplay = api.open_script(_write(tmp_path))
    scene = screenplay.scenes[2]
    shot = scene.model_copy(
        update={"elements": [Shot(text="ON THE MONITOR"), Shot(text="INSERT - A VAN")]}
    )
    built = screenplay.model_copy(update={"scenes": [screenplay.scenes[0], shot]})
    sheet = api.breakdown(built).scenes[1]
    assert [e.name for e in sheet.elements["visual_effects"]] == ["video playback on the monitor"]
    assert [e.name for e in sheet.elements["vehicles"]] == ["van"]


def test_similes_adverts_and_idioms_name_nothing(tmp_path: Path) -> None:
    report = _report(tmp_path)
    assert _names(report, 2, "props") == []  # no rag, doll or cigarette
    assert _names(report, 2, "special_effects") == []  # full steam is speed


def test_the_car_of_a_subway_car_is_that_car(tmp_path: Path) -> None:
    assert _names(_report(tmp_path), 3, "vehicles") == ["subway car"]


def test_an_explosion_in_space_is_a_visual_effect(tmp_path: Path) -> None:
    report = _report(tmp_path)
    assert _names(report, 4, "special_effects") == []
    # named by what explodes, as every blast is (a fuel drum explosion, a ship explosion)
    assert _names(report, 4, "visual_effects") == ["ship explosion"]


def test_a_prop_word_that_is_the_set_is_the_set(tmp_path: Path) -> None:
    assert _names(_report(tmp_path), 5, "props") == []  # a torch, but the set is the torch


def test_titles_in_any_case_lights_and_gunfire(tmp_path: Path) -> None:
    report = _report(tmp_path)
    assert _names(report, 6, "visual_effects") == ["super: title over picture"]
    assert _names(report, 6, "special_effects") == ["flashing lights", "gunfire"]


def test_a_thing_that_snaps_or_is_smashed_is_a_breakaway(tmp_path: Path) -> None:
    report = _report(tmp_path)
    assert _names(report, 7, "special_effects") == ["breakaway railing", "breakaway window"]
    headed = [s for s in report.scenes if s.heading is not None]
    assert all(e.implied for e in headed[7].elements["special_effects"])  # no fire: an escape
