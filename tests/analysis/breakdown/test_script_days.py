"""Script days from time-of-day order and explicit cues."""

from __future__ import annotations

from assistant.analysis.breakdown.script_days import infer_script_days
from assistant.script.model import Action, Scene, SceneHeading


def _scene(time: str | None, action: str = "Something happens.") -> Scene:
    text = f"INT. ROOM - {time}" if time else "INT. ROOM"
    heading = SceneHeading(text=text, location="ROOM", time_of_day=time)
    return Scene(heading=heading, elements=[Action(text=action)])


def test_night_then_day_is_a_new_day_and_continuous_keeps_it() -> None:
    days = infer_script_days(
        [_scene("DAY"), _scene("NIGHT"), _scene("CONTINUOUS"), _scene("MORNING"), _scene(None)]
    )
    assert [d.day for d in days] == [1, 1, 1, 2, 2]
    assert [d.time_of_day for d in days] == ["DAY", "NIGHT", "NIGHT", "DAY", "DAY"]
    assert days[3].cue == "NIGHT -> MORNING"


def test_explicit_cues_in_heading_or_first_action() -> None:
    days = infer_script_days([
        _scene("DAY"), _scene("THE NEXT DAY"), _scene("DAY", "THREE WEEKS LATER. Snow."),
        _scene("LATER"), _scene("DAY 7"),
    ])  # fmt: skip
    assert [d.day for d in days] == [1, 2, 3, 3, 7]
    assert days[2].cue == "THREE WEEKS LATER"


def test_daylight_words_in_any_order_stay_one_day() -> None:
    days = infer_script_days(
        [_scene("MORNING"), _scene("AFTERNOON"), _scene("DAY"), _scene("DUSK")]
    )
    assert [d.day for d in days] == [1, 1, 1, 1]


def test_a_block_before_the_first_heading_does_not_start_a_day() -> None:
    block = Scene(heading=None, elements=[Action(text="FADE IN: THE NEXT MORNING")])
    days = infer_script_days([block, _scene("NIGHT"), _scene("NIGHT")])
    assert [d.day for d in days] == [1, 1, 1]
