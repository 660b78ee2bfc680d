"""Script statistics on screenplays built in the tests."""

from __future__ import annotations

import json

import pytest

from assistant.script.model import (
    Action,
    CharacterCue,
    Dialogue,
    DualDialogue,
    Element,
    IntExt,
    Parenthetical,
    Scene,
    SceneHeading,
    Screenplay,
    Speech,
    TitleField,
)
from assistant.script.pagination import paginate
from assistant.script.stats import (
    SPEAKING_RATE_WPM,
    ScriptStats,
    TimeGroup,
    compute_stats,
    normalise_time_of_day,
)


def says(name: str, text: str) -> Dialogue:
    return Dialogue(cue=CharacterCue(name=name), parts=[Speech(text=text)])


def headed(int_ext: IntExt | None, location: str, time: str | None, *elements: Element) -> Scene:
    prefix = f"{int_ext.value}. " if int_ext else ""
    text = f"{prefix}{location}" + (f" - {time}" if time else "")
    heading = SceneHeading(text=text, int_ext=int_ext, location=location, time_of_day=time)
    return Scene(heading=heading, elements=list(elements))


def stats_of(*scenes: Scene) -> ScriptStats:
    screenplay = Screenplay(title_page=[TitleField(key="Title", value="Night Shift")])
    screenplay.scenes = list(scenes)
    paginate(screenplay)
    return compute_stats(screenplay)


@pytest.fixture
def diner_script() -> ScriptStats:
    return stats_of(
        Scene(elements=[Action(text="FADE IN:")]),
        headed(
            IntExt.INT,
            "DINER",
            "NIGHT",
            Action(text="Rain on the windows. MARA wipes the counter."),
            says("MARA", "We're closed."),
            says("TEO", "The sign says open."),
        ),
        headed(IntExt.EXT, "DINER - PARKING LOT", "CONTINUOUS", says("TEO", "Fine.")),
        headed(IntExt.INT_EXT, "TEO'S CAR", "Dawn", Action(text="\n".join(["He drives."] * 30))),
        headed(None, "DINER", None, says("MARA (V.O.)", "Nobody came back.")),
    )


def test_counts_pages_and_eighths(diner_script: ScriptStats) -> None:
    assert diner_script.title == "Night Shift"
    assert diner_script.scene_count == 4  # FADE IN: has no heading
    assert diner_script.page_count == 1
    # Lines: 1; 2 + 2 + 3 + 3 = 10; 2 + 3 = 5; 2 + 31 = 33; 5 -> eighths of 55 lines, at least 1.
    assert diner_script.total_eighths == 1 + 1 + 1 + 5 + 1


def test_int_ext_split(diner_script: ScriptStats) -> None:
    split = diner_script.int_ext
    assert (split.interior.scenes, split.exterior.scenes, split.int_ext.scenes) == (1, 1, 1)
    assert split.unspecified.scenes == 1
    assert split.int_ext.eighths == 5


def test_day_night_split_with_continuity_inherited(diner_script: ScriptStats) -> None:
    times = diner_script.time_of_day
    # NIGHT, CONTINUOUS (as the night before it), DAWN (twilight: other), none (unknown: other).
    assert (times.day.scenes, times.night.scenes, times.other.scenes) == (0, 2, 2)
    by_label = {count.time: count for count in times.by_time}
    assert set(by_label) == {"NIGHT", "CONTINUOUS", "DAWN", "UNKNOWN"}
    assert by_label["CONTINUOUS"].group == TimeGroup.NIGHT
    assert times.by_time[0].time == "DAWN"  # most eighths first


def test_locations_sorted_by_eighths(diner_script: ScriptStats) -> None:
    assert [(loc.name, loc.scenes, loc.eighths) for loc in diner_script.locations] == [
        ("TEO'S CAR", 1, 5),
        ("DINER", 2, 2),
        ("DINER - PARKING LOT", 1, 1),
    ]


def test_characters_with_speeches_words_and_scenes(diner_script: ScriptStats) -> None:
    assert [
        (c.name, c.speeches, c.words, c.scenes, c.first_scene) for c in diner_script.characters
    ] == [
        ("MARA", 2, 5, 2, 1),  # a tie on speeches and words: by first scene, then name
        ("TEO", 2, 5, 2, 1),
    ]


def test_words_and_ratio(diner_script: ScriptStats) -> None:
    words = diner_script.words
    assert words.dialogue_words == 10
    assert words.action_words == 2 + 8 + 60  # FADE IN:, the rain line, 30 x "He drives."
    assert words.dialogue_to_action_ratio == round(10 / 70, 3)
    assert words.dialogue_share == round(10 / 80, 3)


def test_screen_time_two_ways(diner_script: ScriptStats) -> None:
    screen = diner_script.screen_time
    assert screen.page_rule_minutes == pytest.approx(diner_script.total_eighths / 8, abs=0.01)
    assert screen.dialogue_minutes == round(10 / SPEAKING_RATE_WPM, 2)
    assert screen.estimated_minutes == pytest.approx(
        screen.dialogue_minutes + screen.other_minutes, abs=0.011
    )
    assert 0 < screen.other_minutes < screen.page_rule_minutes


def test_parentheticals_are_not_spoken_and_dual_dialogue_counts_both() -> None:
    left = Dialogue(
        cue=CharacterCue(name="MARA"),
        parts=[Parenthetical(text="(shouting over him)"), Speech(text="Get out now!")],
    )
    stats = stats_of(
        headed(IntExt.INT, "DINER", "DAY", DualDialogue(left=left, right=says("TEO", "No.")))
    )
    assert stats.words.dialogue_words == 4
    assert stats.words.dialogue_to_action_ratio is None
    assert {c.name: c.words for c in stats.characters} == {"MARA": 3, "TEO": 1}
    assert stats.time_of_day.day.scenes == 1


@pytest.mark.parametrize(
    ("written", "label", "group"),
    [
        ("NIGHT", "NIGHT", TimeGroup.NIGHT),
        ("Late night", "NIGHT", TimeGroup.NIGHT),
        ("LATER THAT NIGHT", "NIGHT", TimeGroup.NIGHT),
        ("EVENING", "EVENING", TimeGroup.NIGHT),
        ("DAY", "DAY", TimeGroup.DAY),
        ("EARLY MORNING", "MORNING", TimeGroup.DAY),
        ("AFTERNOON", "AFTERNOON", TimeGroup.DAY),
        ("DUSK", "DUSK", TimeGroup.OTHER),
        ("SUNSET", "SUNSET", TimeGroup.OTHER),
        ("PRE-DAWN", "DAWN", TimeGroup.OTHER),
        ("MAGIC HOUR", "MAGIC HOUR", TimeGroup.OTHER),
        ("CONTINUOUS", "CONTINUOUS", None),
        ("MOMENTS LATER", "LATER", None),
        ("SAME TIME", "SAME", None),
        ("1985", "1985", TimeGroup.OTHER),
        (None, "UNKNOWN", TimeGroup.OTHER),
        ("  ", "UNKNOWN", TimeGroup.OTHER),
    ],
)
def test_times_of_day_are_normalised(
    written: str | None, label: str, group: TimeGroup | None
) -> None:
    assert normalise_time_of_day(written) == (label, group)


def test_continuity_with_nothing_before_it_is_other() -> None:
    stats = stats_of(headed(IntExt.INT, "DINER", "CONTINUOUS", Action(text="Rain.")))
    assert stats.time_of_day.other.scenes == 1


def test_empty_screenplay() -> None:
    stats = compute_stats(Screenplay())
    assert (stats.scene_count, stats.page_count, stats.total_eighths) == (0, 0, 0)
    assert stats.locations == [] and stats.characters == []
    assert stats.words.dialogue_share is None
    assert stats.screen_time.estimated_minutes == 0


def test_stats_serialise_to_json(diner_script: ScriptStats) -> None:
    data = json.loads(diner_script.model_dump_json())
    assert data["int_ext"]["interior"] == {"scenes": 1, "eighths": 1}
    assert data["time_of_day"]["by_time"][0]["group"] == "other"
    assert ScriptStats.model_validate(data) == diner_script
