"""The character list: normalised cue names, order of first appearance, introductions."""

from __future__ import annotations

import pytest

from assistant.script.characters import collect_characters, normalise_cue_name
from assistant.script.model import (
    Action,
    CharacterCue,
    Dialogue,
    DualDialogue,
    Parenthetical,
    Scene,
    SceneHeading,
    Screenplay,
    Speech,
)


def says(name: str, text: str = "Fine.", extensions: list[str] | None = None) -> Dialogue:
    cue = CharacterCue(name=name, extensions=extensions or [])
    return Dialogue(cue=cue, parts=[Speech(text=text)])


def scene(*elements: Action | Dialogue | DualDialogue) -> Scene:
    return Scene(heading=SceneHeading(text="INT. DINER - NIGHT"), elements=list(elements))


def names_and_descriptions(screenplay: Screenplay) -> list[tuple[str, str | None, int]]:
    return [(c.name, c.description, c.first_scene) for c in collect_characters(screenplay)]


@pytest.mark.parametrize(
    ("cue", "name"),
    [
        ("MARA", "MARA"),
        ("MARA (V.O.)", "MARA"),
        ("MARA (V.O.) (CONT'D)", "MARA"),
        ("MARA (CONT’D)", "MARA"),
        ("MARA CONT'D", "MARA"),
        ("MARA (O.S.", "MARA"),
        ("Mara:", "MARA"),
        ("@MARA", "MARA"),
        ("MARA ^", "MARA"),
        ("  DR.  OKAFOR  ", "DR. OKAFOR"),
        ("MARY-JO", "MARY-JO"),
        ("(V.O.)", ""),
    ],
)
def test_cue_names_are_normalised(cue: str, name: str) -> None:
    assert normalise_cue_name(cue) == name


def test_speakers_in_order_of_first_appearance_with_extensions_unified() -> None:
    screenplay = Screenplay(
        scenes=[
            scene(says("TEO"), says("MARA", extensions=["V.O."])),
            scene(says("MARA"), says("MARA (CONT'D)"), says("BEA")),
        ]
    )
    assert names_and_descriptions(screenplay) == [
        ("TEO", None, 0),
        ("MARA", None, 0),
        ("BEA", None, 1),
    ]


def test_description_from_a_parenthesis_after_the_name() -> None:
    screenplay = Screenplay(
        scenes=[
            scene(
                Action(text="The door swings. MARA (30s, tired waitress) wipes the counter."),
                says("MARA"),
            )
        ]
    )
    assert names_and_descriptions(screenplay) == [("MARA", "30s, tired waitress", 0)]


def test_description_from_the_comma_form() -> None:
    screenplay = Screenplay(
        scenes=[
            scene(
                Action(text="TEO OKAFOR, late forties, a retired cop, orders pie. BEA, 9, waits."),
                says("TEO"),
                says("BEA"),
            )
        ]
    )
    assert names_and_descriptions(screenplay) == [
        ("TEO", "late forties, a retired cop", 0),
        ("BEA", "9", 0),
    ]


def test_introduction_before_the_first_speech_sets_first_scene_and_order() -> None:
    screenplay = Screenplay(
        scenes=[
            scene(Action(text="HOLLIS (60, a night porter) sleeps in a booth."), says("TEO")),
            scene(says("TEO"), says("HOLLIS")),
        ]
    )
    assert names_and_descriptions(screenplay) == [
        ("HOLLIS", "60, a night porter", 0),
        ("TEO", None, 0),
    ]


def test_full_name_introduction_matches_first_or_last_word_of_the_cue() -> None:
    screenplay = Screenplay(
        scenes=[
            scene(
                Action(text="LENA PIKE (20s) and RUIZ (a cook) argue."),
                says("LENA"),
                says("PIKE"),
                says("RUIZ"),
            )
        ]
    )
    assert names_and_descriptions(screenplay) == [
        ("LENA", "20s", 0),
        ("PIKE", "20s", 0),
        ("RUIZ", "a cook", 0),
    ]


def test_directions_and_extensions_in_action_are_not_descriptions() -> None:
    screenplay = Screenplay(
        scenes=[
            scene(
                Action(text="TEO (O.S.) shouts. MARA (lamely, to the phone) hangs up."),
                Action(text="MARA, a moment later, returns."),
                says("TEO"),
                says("MARA"),
            )
        ]
    )
    assert names_and_descriptions(screenplay) == [("TEO", None, 0), ("MARA", None, 0)]


def test_only_speaking_characters_are_listed() -> None:
    screenplay = Screenplay(
        scenes=[scene(Action(text="A COOK (50s) smokes outside."), says("MARA", "Hi."))]
    )
    assert [c.name for c in collect_characters(screenplay)] == ["MARA"]


def test_dual_dialogue_counts_both_speakers() -> None:
    both = DualDialogue(
        left=says("MARA"),
        right=Dialogue(
            cue=CharacterCue(name="TEO"),
            parts=[Parenthetical(text="(at once)"), Speech(text="No!")],
        ),
    )
    assert [c.name for c in collect_characters(Screenplay(scenes=[scene(both)]))] == [
        "MARA",
        "TEO",
    ]


def test_emphasis_markup_does_not_hide_an_introduction() -> None:
    screenplay = Screenplay(scenes=[scene(Action(text="**MARA** (30s) waits."), says("MARA"))])
    assert names_and_descriptions(screenplay) == [("MARA", "30s", 0)]


def test_empty_screenplay_has_no_characters() -> None:
    assert collect_characters(Screenplay()) == []
