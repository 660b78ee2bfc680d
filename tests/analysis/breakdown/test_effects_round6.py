"""Effects of the sixth round: crashes, shots and wet ground told by their words; light and
framing that are no visual effect; impossible motion."""

from __future__ import annotations

from pathlib import Path

from assistant import api
from assistant.analysis.breakdown.model import BreakdownReport


def _scene(tmp_path: Path, action: str) -> BreakdownReport:
    path = tmp_path / "fx.fountain"
    path.write_text(f"EXT. QUARRY ROAD - NIGHT\n\nODILE waits.\n\n{action}\n", encoding="utf-8")
    return api.breakdown(api.open_script(path))


def _names(report: BreakdownReport, category: str) -> list[str]:
    return [element.name for element in report.scenes[0].elements[category]]


def test_a_vehicle_that_crashes_is_a_special_effect(tmp_path: Path) -> None:
    report = _scene(tmp_path, "The tractor lurches and slams into the fence post.")
    assert "tractor crash" in _names(report, "special_effects")
    quiet = _scene(tmp_path, "The tractor idles. Odile slams the gate.")
    assert not any("crash" in n for n in _names(quiet, "special_effects"))


def test_a_character_shot_in_a_body_part_is_a_bullet_hit(tmp_path: Path) -> None:
    report = _scene(tmp_path, "Odile shoots him in the knee.")
    assert "bullet hit in the knee" in _names(report, "special_effects")


def test_wet_ground_and_puddles_are_a_wet_down(tmp_path: Path) -> None:
    report = _scene(tmp_path, "Her boots cross the wet cobblestones to a puddle.")
    assert _names(report, "special_effects")[:2] == ["wet cobblestones", "puddles"]


def test_a_thing_thrown_through_a_screen_and_a_window_breaks_the_window(tmp_path: Path) -> None:
    report = _scene(tmp_path, "She hurls the stool through the wire mesh and the window.")
    assert "breakaway window" in _names(report, "special_effects")


def test_a_face_filling_the_screen_is_framing_unless_a_screen_shows_it(tmp_path: Path) -> None:
    framing = _scene(tmp_path, "Odile's face fills the screen, eyes wide.")
    assert _names(framing, "visual_effects") == []
    shown = _scene(tmp_path, "On the monitor we watch again: Odile's face on the screen.")
    assert _names(shown, "visual_effects") != []


def test_natural_light_and_feelings_do_not_glow_as_effects(tmp_path: Path) -> None:
    report = _scene(tmp_path, "Sunlight glowing on the ridge. Her cheeks glowing with pride.")
    assert _names(report, "visual_effects") == []
    lit = _scene(tmp_path, "Odile reads by the glow of her laptop screen.")
    assert _names(lit, "visual_effects") == []
    orb = _scene(tmp_path, "The stone in her palm begins glowing.")
    assert _names(orb, "visual_effects") == ["glow"]


def test_impossible_speed_and_stopped_time_are_visual_effects(tmp_path: Path) -> None:
    report = _scene(tmp_path, "The pines whip past at a dizzying speed. Then time stops.")
    assert _names(report, "visual_effects") == ["super-speed", "time freeze"]


def test_a_long_paragraph_of_framed_screens_is_read_in_linear_time(tmp_path: Path) -> None:
    # Each screen hit searched the whole paragraph for a device: 120 KB of them took 27 s CPU.
    # The alarm is generous, not a timing.
    from tests.script.test_adversarial_inputs import alarm

    path = tmp_path / "screens.fountain"
    path.write_text(
        "INT. ROOM - DAY\n\n" + "Her face fills the screen. " * 4500 + "\n", encoding="utf-8"
    )
    screenplay = api.open_script(path)
    with alarm(8):
        report = api.breakdown(screenplay)
    assert report.scenes[0].elements["visual_effects"] == []


def test_a_crash_verb_of_another_subject_or_of_brakes_and_doors_is_no_crash() -> None:
    # Each of these listed a vehicle crash: the door slammed, the brakes, the lights, a bump.
    from assistant.analysis.breakdown.effects import effect_matches
    from assistant.analysis.breakdown.lexicon import default_lexicon

    def crashes(text: str) -> list[str]:
        hits = [h for h in default_lexicon().find(text) if h.entry.category == "vehicles"]
        return [m.entry.name for m in effect_matches(text, hits)]

    text = (
        "Odile climbs out of the van and slams the door. The car slams on its brakes. "
        "The taxi flips on its lights. The truck rolls over the speed bump. "
        "Bram parks the car and rams his hands in his pockets."
    )
    assert crashes(text) == []
    assert crashes("The tractor careens off the road and flips.") == ["tractor crash"]
    assert crashes("The van slams into a lamppost.") == ["van crash"]
