"""The shot planner's rules, on scripts written for these tests (tests/fixtures/shots/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import api
from assistant.analysis.shots.model import Movement, SceneShots, Shot, ShotList, ShotSize
from assistant.errors import AnalysisError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "shots"


def plan(name: str) -> ShotList:
    return api.shot_list(api.open_script(FIXTURES / name))


def lines_of(name: str) -> list[str]:
    return (FIXTURES / name).read_text(encoding="utf-8").split("\n")


def shot_for_line(scene: SceneShots, line: int, kind: str | None = None) -> Shot:
    return next(s for s in scene.shots if line in s.lines and (kind is None or s.kind == kind))


@pytest.fixture(scope="module")
def coverage() -> ShotList:
    return plan("coverage.fountain")


def test_shots_are_numbered_by_scene_label_without_i_or_o(coverage: ShotList) -> None:
    first = coverage.scenes[0]
    numbers = [s.number for s in first.shots]
    assert numbers[:9] == ["1A", "1B", "1C", "1D", "1E", "1F", "1G", "1H", "1J"]
    assert all(
        "I" not in n[1:] and "O" not in n[1:] for s in coverage.scenes for n in [s.number or ""]
    )


def test_an_establishing_shot_opens_a_new_place_or_a_time_jump_only(coverage: ShotList) -> None:
    kinds = [scene.shots[0].kind for scene in coverage.scenes]
    # Harbour wall (new), office CONTINUOUS (new place), office NIGHT (time jump), pier (new).
    assert kinds == ["establishing"] * 4
    exterior = coverage.scenes[0].shots[0]
    assert exterior.size == ShotSize.EWS and exterior.lens_mm <= 24
    script = api.open_script(FIXTURES / "coverage.fountain")
    # The same office again, CONTINUOUS: no new establishing shot.
    script.scenes.insert(3, script.scenes[2].model_copy(deep=True))
    assert script.scenes[3].heading is not None
    script.scenes[3].heading.time_of_day = "CONTINUOUS"
    from assistant.analysis.shots.planner import establishes

    assert not establishes(script.scenes[3], script.scenes[2])
    assert establishes(script.scenes[2], script.scenes[1])  # CONTINUOUS -> NIGHT jumps


def test_dialogue_opens_on_a_two_shot_then_reverse_overs_in_pairs(coverage: ShotList) -> None:
    scene = coverage.scenes[0]
    dialogue = [s for s in scene.shots if s.kind in ("two-shot", "over", "single")]
    assert dialogue[0].kind == "two-shot" and set(dialogue[0].subjects) == {"TOM", "IVY"}
    overs = [s for s in dialogue if s.kind == "over"]
    assert len(overs) == 2
    a, b = overs
    assert a.subjects == list(reversed(b.subjects))  # the reverse angle
    assert (a.size, a.lens_mm) == (b.size, b.lens_mm)  # paired: same size and lens


def test_every_over_has_its_reverse_at_the_same_size(coverage: ShotList) -> None:
    for scene in coverage.scenes:
        overs = {(tuple(s.subjects), s.size, s.lens_mm) for s in scene.shots if s.kind == "over"}
        for subjects, size, lens in overs:
            assert (tuple(reversed(subjects)), size, lens) in overs, (scene.number, subjects)


def test_each_speech_is_covered_on_its_own_lines(coverage: ShotList) -> None:
    source = lines_of("coverage.fountain")
    scene = coverage.scenes[0]
    cue = source.index("IVY") + 1  # the first IVY cue, 1-based
    shot = shot_for_line(scene, cue)
    assert "IVY" in shot.subjects and "night boat" in shot.description
    assert source[shot.lines[-1] - 1].startswith("They always want me")


def test_dual_dialogue_is_one_two_shot_of_both(coverage: ShotList) -> None:
    scene = coverage.scenes[2]
    dual = next(s for s in scene.shots if "together" in s.description)
    assert dual.kind == "two-shot" and set(dual.subjects) == {"IVY", "TOM"}
    source = lines_of("coverage.fountain")
    covered = [source[n - 1] for n in dual.lines]
    assert "I can't." in covered and "I know." in covered


def test_props_and_written_details_get_inserts(coverage: ShotList) -> None:
    inserts = [s for s in coverage.scenes[0].shots if s.kind == "insert"]
    assert [s.subjects for s in inserts] == [["letter"], ["written detail"]]
    assert all(s.size == ShotSize.INSERT and s.lens_mm >= 85 for s in inserts)
    assert "REPORT AT 22:00" in inserts[1].description


def test_pov_where_the_action_says_so(coverage: ShotList) -> None:
    pov = [s for scene in coverage.scenes for s in scene.shots if s.kind == "pov"]
    assert len(pov) == 1 and pov[0].subjects == ["IVY"] and "binoculars" in pov[0].description


def test_the_camera_moves_where_the_action_moves(coverage: ShotList) -> None:
    chase = next(s for s in coverage.scenes[3].shots if "chases" in s.description)
    assert chase.movement == Movement.HANDHELD
    office = coverage.scenes[2]
    walk = next(s for s in office.shots if "walk down the corridor" in s.description)
    assert walk.movement == Movement.STEADICAM
    after_walk = office.shots[office.shots.index(walk) + 1 :]
    assert after_walk and after_walk[0].movement == Movement.STEADICAM  # walk-and-talk
    before_walk = office.shots[: office.shots.index(walk)]
    assert all(s.movement == Movement.STATIC for s in before_walk)


def test_a_voice_off_screen_plays_over_the_listener(coverage: ShotList) -> None:
    last = coverage.scenes[3].shots[-1]
    assert last.kind == "reaction" and last.subjects == ["IVY"] and last.off_screen == ["RADIO"]


def test_durations_add_up_to_the_scene_screen_time(coverage: ShotList) -> None:
    for scene in coverage.scenes:
        assert scene.screen_time_s == pytest.approx(scene.eighths * 7.5)
        assert sum(s.duration_s for s in scene.shots) == pytest.approx(scene.screen_time_s)
        assert all(s.duration_s > 0 for s in scene.shots)


def test_a_one_page_scene_gets_about_a_minute(tmp_path: Path) -> None:
    body = "\n\n".join(
        f"MAYA\nLine {i} of a long argument about the rent and the roof and the car.\n\n"
        f"LEO\nAnswer {i}, which is no answer at all, as usual."
        for i in range(7)
    )
    path = tmp_path / "page.fountain"
    path.write_text(f"INT. FLAT - DAY\n\nMaya paces.\n\n{body}\n", encoding="utf-8")
    scene = api.shot_list(api.open_script(path)).scenes[0]
    assert 6 <= scene.eighths <= 10
    assert 45 <= sum(s.duration_s for s in scene.shots) <= 75


def test_every_shot_lies_inside_its_scene(coverage: ShotList) -> None:
    for scene in coverage.scenes:
        assert scene.start_line is not None and scene.end_line is not None
        for shot in scene.shots:
            assert shot.lines, shot.number
            assert scene.start_line <= shot.lines[0] <= shot.lines[-1] <= scene.end_line


def test_setups_share_lens_and_the_shooting_order_keeps_them_together(
    coverage: ShotList,
) -> None:
    for scene in coverage.scenes:
        by_number = {s.number: s for s in scene.shots}
        assert sorted(scene.shooting_order) == sorted(by_number)
        setups = [by_number[n].setup for n in scene.shooting_order]
        assert setups == sorted(setups)  # one set-up's shots together, in set-up order
        for setup in set(setups):
            lenses = {s.lens_mm for s in scene.shots if s.setup == setup}
            assert len(lenses) == 1
        assert scene.shots[0].kind != "establishing" or scene.shots[0].setup == 1


def test_a_scene_with_no_dialogue_is_action_shots() -> None:
    result = plan("no_dialogue.fountain")
    kinds = {s.kind for scene in result.scenes for s in scene.shots}
    assert kinds <= {"establishing", "action", "insert"} and "action" in kinds


def test_a_scene_with_no_action_is_dialogue_coverage() -> None:
    scene = plan("no_action.fountain").scenes[0]
    assert [s.kind for s in scene.shots][:2] == ["establishing", "two-shot"]
    assert {n for s in scene.shots for n in s.subjects} == {"NELL", "OWEN"}


def test_a_script_without_headings_is_one_scene_numbered_zero() -> None:
    result = plan("no_headings.fountain")
    assert len(result.scenes) == 1
    scene = result.scenes[0]
    assert scene.number is None and scene.heading is None
    assert [s.number for s in scene.shots][:2] == ["0A", "0B"]
    assert all(s.kind != "establishing" for s in scene.shots)
    assert any(s.subjects == ["candle"] for s in scene.shots)


def test_scene_is_chosen_by_the_label_people_see() -> None:
    script = api.open_script(FIXTURES / "coverage.fountain")
    only = api.shot_list(script, scene="3")
    assert [s.index for s in only.scenes] == [2]
    assert only.scenes[0].shots[0].number == "3A"
    unknown = r"No scene 9 in this script: its scenes are 1, 2, 3, 4$"
    with pytest.raises(AnalysisError, match=unknown):
        api.shot_list(script, scene="9")


def test_written_scene_numbers_name_the_shots(tmp_path: Path) -> None:
    path = tmp_path / "numbered.fountain"
    path.write_text(
        "INT. A - DAY #12#\n\nAna waits.\n\nINT. B - DAY #12A#\n\nAna leaves.\n", encoding="utf-8"
    )
    result = api.shot_list(api.open_script(path), scene="12A")
    assert [s.number for s in result.scenes[0].shots] == ["12AA", "12AB"]


def test_a_300_page_script_is_planned_whole(tmp_path: Path) -> None:
    scene = (
        "INT. ROOM {n} - DAY\n\nAna crosses to the window and reads the letter twice.\n\n"
        "ANA\nIt says we have a week.\n\nBEN\nThen we have a week.\n\n"
    )
    long_action = "Rain on the glass. " * 60
    path = tmp_path / "long.fountain"
    path.write_text(
        "".join(scene.format(n=i) + long_action + "\n\n" for i in range(900)), encoding="utf-8"
    )
    script = api.open_script(path)
    assert script.page_count >= 300
    result = api.shot_list(script)
    assert len(result.scenes) == 900
    assert result.scenes[-1].shots[0].number == "900A"
    total = sum(s.duration_s for scene in result.scenes for s in scene.shots)
    assert total == pytest.approx(sum(sc.eighths for sc in script.scenes) * 7.5, rel=1e-3)


def test_a_transition_left_in_action_is_not_a_shot(tmp_path: Path) -> None:
    path = tmp_path / "fade.fountain"
    path.write_text("FADE IN:\n\nINT. HALL - DAY\n\nAna waits.\n\nCUT TO:\n", encoding="utf-8")
    result = api.shot_list(api.open_script(path))
    assert [scene.number for scene in result.scenes] == ["1"]  # nothing to film before it
    assert all("FADE" not in s.description and "CUT TO" not in s.description
               for s in result.scenes[0].shots)  # fmt: skip


def test_the_pov_caption_names_the_pov_once(coverage: ShotList) -> None:
    pov = next(s for scene in coverage.scenes for s in scene.shots if s.kind == "pov")
    assert pov.description.upper().count("POV") == 1


def test_each_prop_gets_one_insert_per_scene(tmp_path: Path) -> None:
    path = tmp_path / "props.fountain"
    path.write_text(
        "INT. DINER - NIGHT\n\nMara lifts the phone.\n\nShe puts the phone down.\n\n"
        "The phone rings.\n",
        encoding="utf-8",
    )
    shots = api.shot_list(api.open_script(path)).scenes[0].shots
    assert [s.subjects for s in shots if s.kind == "insert"] == [["phone"]]


def test_he_or_she_is_the_last_character_seen(tmp_path: Path) -> None:
    path = tmp_path / "pronoun.fountain"
    path.write_text(
        "INT. DINER - NIGHT\n\nMARA wipes the counter.\n\nMARA\nQuiet night.\n\n"
        "She turns off the sign.\n",
        encoding="utf-8",
    )
    shots = api.shot_list(api.open_script(path)).scenes[0].shots
    last_action = [s for s in shots if s.kind == "action"][-1]
    assert last_action.subjects == ["MARA"]


def test_eyes_get_an_extreme_close_up_and_a_run_a_full_shot(tmp_path: Path) -> None:
    path = tmp_path / "sizes.fountain"
    path.write_text(
        "EXT. FIELD - DAY\n\nGrass to the horizon.\n\nMARA sprints across the field.\n\n"
        "Mara's eyes go wide.\n\nMARA\nThere.\n",
        encoding="utf-8",
    )
    shots = api.shot_list(api.open_script(path)).scenes[0].shots
    sizes = {s.description: s.size for s in shots if s.kind == "action"}
    assert sizes["MARA sprints across the field."] == ShotSize.FS
    assert sizes["Mara's eyes go wide."] == ShotSize.ECU
    assert next(s for s in shots if s.size == ShotSize.ECU).lens_mm == 100


def test_an_unknown_scene_names_the_labels_as_written_not_a_range() -> None:
    from assistant.analysis.shots.planner import scene_index_for
    from assistant.script.fountain import parse_fountain

    numbered = parse_fountain(
        "".join(f"INT. ROOM {n} - DAY #{n}#\n\nA beat.\n\n" for n in ("1", "2", "2A", "7", "9"))
    )
    with pytest.raises(AnalysisError) as raised:
        scene_index_for(numbered, "3")
    assert str(raised.value) == "No scene 3 in this script: its scenes are 1, 2, 2A, ..., 9"


def test_a_heading_tagged_moving_tracks_its_shots(tmp_path: Path) -> None:
    # "VAN - NIGHT - MOVING" keeps MOVING as a tag, not in the location: the scene still rides.
    path = tmp_path / "moving.fountain"
    text = "INT. HATCHBACK - NIGHT - MOVING\n\nMaya stares at the road ahead.\n"
    path.write_text(text, encoding="utf-8")
    scene = api.shot_list(api.open_script(path)).scenes[0]
    action = [s for s in scene.shots if "stares" in s.description]
    assert action and all(s.movement == Movement.TRACK for s in action)
