"""The character list: normalised cue names, order of first appearance, introductions."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.script.characters import collect_characters, fold_voice, normalise_cue_name
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
from assistant.script.plaintext import parse_plain
from assistant.script.reading import read_script


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


# -- real layouts: voices, captions, documents, a description in a Fountain action line ----------

LAYOUT = Path(__file__).resolve().parent.parent / "fixtures" / "layout"


@pytest.mark.parametrize(
    ("cue", "speaker", "extension"),
    [
        ("JONAS' VOICE", "JONAS", "VOICE"),
        ("IDA'S VOICE", "IDA", "VOICE"),
        ("HARBOURMASTER'S VOICE/RADIO", "HARBOURMASTER", "VOICE/RADIO"),
        ("OSKAR’S VOICE ON THE PHONE", "OSKAR", "VOICE ON THE PHONE"),
        ("DR. LIND'S RADIO", "DR. LIND", "RADIO"),
        ("IDA", "IDA", None),
        ("VOICES ON IDA'S PHONE", "VOICES ON IDA'S PHONE", None),
        ("THE KEEPER'S DAUGHTER", "THE KEEPER'S DAUGHTER", None),
    ],
)
def test_a_voice_folds_into_its_speaker(cue: str, speaker: str, extension: str | None) -> None:
    assert fold_voice(cue) == (speaker, extension)
    assert normalise_cue_name(cue) == speaker


def test_voices_captions_and_documents_in_a_shooting_script() -> None:
    screenplay = parse_plain((LAYOUT / "shooting_script.txt").read_text(encoding="utf-8"))
    assert [c.name for c in collect_characters(screenplay)] == [
        "MARA",
        "DRIVER",
        "OSKAR",
        "HARBOURMASTER",
    ]
    harbour = screenplay.headed_scenes()[2]
    cues = [(d.cue.name, d.cue.extensions) for d in harbour.dialogues()]
    assert cues == [("OSKAR", ["VOICE"]), ("HARBOURMASTER", ["VOICE/RADIO"])]


def test_words_after_a_cue_extension_make_a_fountain_line_action() -> None:
    screenplay = read_script(LAYOUT / "cue_in_action.fountain")
    assert [c.name for c in screenplay.characters] == ["WREN"]
    first = screenplay.scenes[0].elements[1]
    assert isinstance(first, Action) and first.text.startswith("WREN HOLLOWAY, 40 (or so)")


@pytest.mark.shared_data
def test_die_hard_voices_fold_and_captions_are_not_characters(shared_data_dir: Path) -> None:
    test_dir = shared_data_dir / "labeled/tripod/screenplays/test"
    die_hard = {c.name for c in read_script(test_dir / "Die Hard.txt").characters}
    # Measured: 66 characters before, 54 after (12 "NAME'S VOICE" cues folded into NAME).
    assert not any("VOICE" in name and "'" in name for name in die_hard)
    assert {"HANS", "POWELL", "DISPATCHER"} <= die_hard
    assert len(die_hard) <= 54
    shining = {c.name for c in read_script(test_dir / "The Shining (film).txt").characters}
    assert "OVERLOOK HOTEL" not in shining and "TONY" in shining
    one_eight_seven = read_script(test_dir / "One Eight Seven.txt").characters
    assert "STATE OF CALIFORNIA" not in {c.name for c in one_eight_seven}
    cyber = read_script(
        shared_data_dir / "screenplays/fountain/ebscreenplays_Cyber_Bob_ep00001.fountain"
    )
    assert not any(c.name.startswith("CYBER BOSS,") for c in cyber.characters)


FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def test_pronoun_group_and_indefinite_cues_are_no_characters() -> None:
    # IT, HER (V.O.), ALL, BOTH, SOMEONE and EVERYONE (O.S.) speak in the fixture: none is one
    # character (the breakdown's cast drops them too); their speeches stay in the script.
    screenplay = read_script(FIXTURES / "characters" / "nobody_cues.fountain")
    assert [c.name for c in screenplay.characters] == ["TOMAS", "INES"]
    cues = [d.cue.name for s in screenplay.scenes for d in s.dialogues()]
    assert cues == ["TOMAS", "IT", "HER", "TOMAS", "ALL", "BOTH", "SOMEONE", "INES", "EVERYONE"]


@pytest.mark.parametrize("name", ["IT", "HER", "THEY", "ALL", "BOTH", "EVERYBODY", "NOBODY"])
def test_a_cue_that_names_nobody_is_no_character(name: str) -> None:
    screenplay = Screenplay(scenes=[scene(says("MARA"), says(name), says(f"{name} (V.O.)"))])
    assert [c.name for c in collect_characters(screenplay)] == ["MARA"]


@pytest.mark.parametrize("name", ["ITO", "HERA", "ALLY", "BOTHWELL", "THE OTHERS WOMAN"])
def test_names_that_start_like_a_pronoun_or_group_stay_characters(name: str) -> None:
    screenplay = Screenplay(scenes=[scene(says(name))])
    assert [c.name for c in collect_characters(screenplay)] == [name]
