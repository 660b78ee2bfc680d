"""The breakdown of a script written for the tests: what each pass finds, where, and the lists."""

from __future__ import annotations

import json
from pathlib import Path

from assistant import api
from assistant.analysis.breakdown import CATEGORIES, cast_ids
from assistant.analysis.breakdown.model import BreakdownReport, Element
from assistant.script.model import Screenplay
from tests.analysis.breakdown.conftest import FOLDER


def _names(report: BreakdownReport, label: str, category: str) -> list[str]:
    (sheet,) = [s for s in report.scenes if s.label == label]
    return [e.name for e in sheet.elements[category]]


def _element(report: BreakdownReport, label: str, category: str, name: str) -> Element:
    (sheet,) = [s for s in report.scenes if s.label == label]
    (element,) = [e for e in sheet.elements[category] if e.name == name]
    return element


def test_headers_follow_the_headings_and_script_days(harbour_report: BreakdownReport) -> None:
    headed = [s for s in harbour_report.scenes if s.heading is not None]
    assert [(s.label, s.int_ext, s.set, s.time_of_day, s.script_day) for s in headed] == [
        ("1", "EXT", "HARBOUR ROAD", "NIGHT", 1),
        ("2", "INT", "POLICE CAR", "NIGHT", 1),  # CONTINUOUS keeps the night
        ("3", "EXT", "WAREHOUSE", "NIGHT", 1),  # LATER keeps it too
        ("4", "INT", "WAREHOUSE", "DAY", 2),  # THE NEXT MORNING
        ("5", "EXT", "HARBOUR ROAD", "DAY", 2),
        ("6", "INT", "LAB", "NIGHT", 2),
    ]
    assert harbour_report.script_days == 2
    assert headed[0].synopsis == "Rain hammers the road."
    assert all(s.eighths >= 1 for s in headed)


def test_the_title_page_block_has_no_elements(harbour_report: BreakdownReport) -> None:
    block = harbour_report.scenes[0]
    assert block.heading is None and block.label is None
    assert not any(block.elements.values())


def test_cast_from_descriptions_names_and_cues(harbour_report: BreakdownReport) -> None:
    mara = _element(harbour_report, "1", "cast", "MARA")
    assert (mara.line, mara.source) == (10, "description")  # MARA (30s, a tired locksmith)
    okafor = _element(harbour_report, "2", "cast", "OKAFOR")
    assert (okafor.line, okafor.source) == (16, "description")  # OKAFOR, 50s,
    assert _element(harbour_report, "3", "cast", "MARA").source == "action"  # "Mara shoots"
    assert _names(harbour_report, "4", "cast") == ["MARA", "OKAFOR"]


def test_cast_ids_count_scenes_and_match_the_report(
    harbour: Screenplay, harbour_report: BreakdownReport
) -> None:
    assert [(m.id, m.name, m.scenes, m.first_scene) for m in harbour_report.cast] == [
        (1, "MARA", 4, "1"), (2, "OKAFOR", 2, "2"), (3, "SAM 1", 1, "6"), (4, "SAM 2", 1, "6"),
    ]  # fmt: skip
    assert cast_ids(harbour) == {m.name: m.id for m in harbour_report.cast}
    assert [m.speaking_scenes for m in harbour_report.cast] == [2, 2, 1, 1]
    # For wardrobe: Mara is on screen on both story days, Sam only on the second.
    assert [m.script_days for m in harbour_report.cast] == [[1, 2], [1, 2], [2], [2]]


def test_lexicon_elements_with_lines_counts_and_implications(
    harbour_report: BreakdownReport,
) -> None:
    assert _element(harbour_report, "1", "vehicles", "police car").line == 8
    assert _element(harbour_report, "1", "props", "briefcase").line == 10
    assert _names(harbour_report, "1", "special_effects") == ["rain"]
    guards = _element(harbour_report, "3", "extras", "guards")
    assert (guards.count, guards.line) == (2, 23)
    assert _element(harbour_report, "3", "extras", "reporters").count == 12
    gun = _element(harbour_report, "3", "weapons", "mara's gun")  # the shooter's own gun
    assert (gun.implied, gun.line, gun.source) == (True, 25, "rule")  # "Mara shoots the lock off"
    assert _names(harbour_report, "4", "wardrobe") == ["leather jacket"]


def test_quoted_words_and_verbs_are_not_elements(harbour_report: BreakdownReport) -> None:
    # The sign reads "DOGS ON PATROL": no dog in scene 1; "Rain hammers": no hammer.
    assert _names(harbour_report, "1", "animals") == []
    assert "hammer" not in _names(harbour_report, "1", "props")
    assert _names(harbour_report, "3", "animals") == ["dog"]


def test_heading_parts_and_the_composite_rule(harbour_report: BreakdownReport) -> None:
    car = _element(harbour_report, "2", "vehicles", "police car")
    assert (car.source, car.line) == ("heading", 14)
    (composite,) = [e for e in harbour_report.scenes[6].elements["visual_effects"]]
    assert composite.implied and composite.source == "rule"


def test_reports_list_sets_and_elements(harbour_report: BreakdownReport) -> None:
    sets = {s.set: s for s in harbour_report.sets}
    assert sets["HARBOUR ROAD"].scenes == ["1", "5"]
    assert sets["HARBOUR ROAD"].time_of_day == ["NIGHT", "DAY"]
    assert sets["WAREHOUSE"].int_ext == ["EXT", "INT"]
    gate = [e for e in harbour_report.element_list if e.name == "gate"]
    assert [(e.category, e.scenes) for e in gate] == [("set_dressing", ["1", "5"])]
    assert all(e.category != "cast" for e in harbour_report.element_list)


def test_json_has_the_contract_fields(harbour_report: BreakdownReport) -> None:
    data = json.loads(harbour_report.model_dump_json())
    assert data["version"] == 1
    scene = data["scenes"][1]
    for key in ("index", "heading", "start_line", "int_ext", "time_of_day", "eighths",
                "script_day", "elements"):  # fmt: skip
        assert key in scene
    assert list(scene["elements"]) == list(CATEGORIES)
    element = scene["elements"]["vehicles"][0]
    assert set(element) == {"name", "line", "implied", "count", "source"}


def test_a_script_without_headings_is_one_scene() -> None:
    report = api.breakdown(api.open_script(FOLDER / "no_headings.fountain"))
    (scene,) = report.scenes
    assert scene.heading is None and scene.script_day == 1
    assert [e.name for e in scene.elements["cast"]] == ["JUNE"]
    assert [e.name for e in scene.elements["weapons"]] == ["knife"]
    assert scene.elements["props"][0].line == 3
    assert [m.name for m in report.cast] == ["JUNE"]


def test_a_script_built_in_code_gets_scene_lines(harbour: Screenplay) -> None:
    detached = harbour.model_copy(
        update={"source": harbour.source.model_copy(update={"path": None})}
    )
    report = api.breakdown(detached)
    assert _element(report, "1", "props", "briefcase").line == 6  # the scene's own start line


def test_a_300_page_script_breaks_down(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    scene = (FOLDER / "harbour.fountain").read_text("utf-8").split("FADE IN:", 1)[1]
    path = tmp_path / "long.fountain"
    path.write_text("Title: Long\n\nFADE IN:\n" + scene * 330, encoding="utf-8")
    screenplay = api.open_script(path)
    report = api.breakdown(screenplay)
    assert screenplay.page_count >= 300
    assert len(report.scenes) == len(screenplay.scenes) == 1 + 6 * 330
    assert report.script_days == 331  # each copy moves on one day, at THE NEXT MORNING
    assert report.cast[0].name == "MARA" and report.cast[0].scenes == 4 * 330


def test_a_mention_is_found_after_the_heading_line(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    path = tmp_path / "shop.fountain"
    path.write_text("INT. BRIEFCASE SHOP - DAY\n\nDust. A briefcase on the counter.\n", "utf-8")
    report = api.breakdown(api.open_script(path))
    assert _element(report, "1", "props", "briefcase").line == 3  # not the heading's line 1


def test_stunt_verbs_before_an_object_are_still_stunts() -> None:
    from assistant.analysis.breakdown.lexicon import default_lexicon

    found = default_lexicon().find("Raoul catches him and hurls him aside.")
    assert [(m.entry.category, m.entry.name) for m in found] == [("stunts", "hurls")]


def test_two_numbered_extras_are_no_composite(tmp_path: Path) -> None:
    # THUG 1 and THUG 2 are two extras; NAVE 1 and NAVE 2 (a word the action writes in lower
    # case) too. SAM 1 and SAM 2 (the fixture's clone, a name) stay one actor twice in frame.
    text = (
        "INT. DEPOT - NIGHT\n\nTwo naves of light cross the floor.\n\n"
        "THUG 1\nMove.\n\nTHUG 2\nNo.\n\nNAVE 1\nHere.\n\nNAVE 2\nThere.\n"
    )
    path = tmp_path / "extras.fountain"
    path.write_text(text, encoding="utf-8")
    report = api.breakdown(api.open_script(path))
    effects = [e.name for s in report.scenes for e in s.elements["visual_effects"]]
    assert not [name for name in effects if "twice in frame" in name], effects
