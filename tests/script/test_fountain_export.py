"""Fountain export: the round trip on the sample, on every spec case, and forcing where needed."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from assistant.script.formats import Exporter
from assistant.script.fountain import FountainImporter, parse_fountain
from assistant.script.fountain_export import FountainExporter, to_fountain
from assistant.script.model import (
    Action,
    CharacterCue,
    Dialogue,
    DualDialogue,
    Note,
    Scene,
    SceneHeading,
    Screenplay,
    Speech,
    TitleField,
    Transition,
)
from tests.spec.fountain_cases import FountainCase, all_cases

WITHOUT_START_LINES: Any = {"scenes": {"__all__": {"start_line"}}, "source": True}
"""What may differ after a round trip: where scenes start in the file, and where it came from."""


def _round_trips(screenplay: Screenplay) -> None:
    exported = to_fountain(screenplay)
    again = parse_fountain(exported)
    assert again.model_dump(exclude=WITHOUT_START_LINES) == screenplay.model_dump(
        exclude=WITHOUT_START_LINES
    ), exported


def _one_scene(*elements: Any, heading: SceneHeading | None = None) -> Screenplay:
    return Screenplay(scenes=[Scene(heading=heading, elements=list(elements))])


def test_sample_round_trips() -> None:
    text = resources.files("assistant").joinpath("samples/night_shift.fountain").read_text("utf-8")
    screenplay = parse_fountain(text)
    _round_trips(screenplay)
    exported = to_fountain(screenplay)
    assert "MARA\nIt's one phone call" in exported
    assert "DELL ^\n" in exported
    assert "@GUS\nStill too loud." in exported
    assert exported.startswith("Title:\n    _**NIGHT SHIFT**_\n")


@pytest.mark.parametrize("case", all_cases(), ids=lambda case: f"{case.file}: {case.name}")
def test_every_spec_case_round_trips(case: FountainCase) -> None:
    _round_trips(parse_fountain(case.source))


@pytest.mark.parametrize(
    ("element", "written"),
    [
        (Action(text="INT. NOT A HEADING"), "!INT. NOT A HEADING"),
        (Action(text="BANG\nThe door gives way."), "!BANG\nThe door gives way."),
        (Action(text="CUT TO:"), "!CUT TO:"),
        (Transition(text="FADE OUT."), "> FADE OUT."),
        (Transition(text="CUT TO:"), "CUT TO:"),
        (
            Dialogue(cue=CharacterCue(name="McCLANE"), parts=[Speech(text="Hi.")]),
            "@McCLANE\nHi.",
        ),
        (
            Dialogue(
                cue=CharacterCue(name="MARA", extensions=["V.O."]), parts=[Speech(text="Hi.")]
            ),
            "MARA (V.O.)\nHi.",
        ),
        (Note(text="[see page 3]"), "[[ [see page 3] ]]"),
    ],
)
def test_elements_are_forced_only_when_needed(element: Any, written: str) -> None:
    assert to_fountain(_one_scene(element)) == written + "\n"


def test_headings_are_forced_when_they_lack_a_prefix() -> None:
    plain = SceneHeading(text="EXT. ROOF - NIGHT", scene_number="12A")
    bare = SceneHeading(text="FLASHBACK")
    screenplay = Screenplay(scenes=[Scene(heading=plain), Scene(heading=bare)])
    assert to_fountain(screenplay) == "EXT. ROOF - NIGHT #12A#\n\n.FLASHBACK\n"


def test_empty_lines_inside_a_paragraph_become_two_spaces() -> None:
    screenplay = _one_scene(
        Action(text="One.\n\nTwo."),
        Dialogue(cue=CharacterCue(name="MARA"), parts=[Speech(text="Hi.\n\nBye.")]),
    )
    assert to_fountain(screenplay) == "One.\n  \nTwo.\n\nMARA\nHi.\n  \nBye.\n"
    _round_trips(parse_fountain(to_fountain(screenplay)))


def test_dual_dialogue_marks_the_right_cue() -> None:
    left = Dialogue(cue=CharacterCue(name="ANNA"), parts=[Speech(text="Left!")])
    right = Dialogue(cue=CharacterCue(name="BEN", extensions=["O.S."]), parts=[Speech(text="No!")])
    written = to_fountain(_one_scene(DualDialogue(left=left, right=right)))
    assert written == "ANNA\nLeft!\n\nBEN (O.S.) ^\nNo!\n"
    assert parse_fountain(written).scenes[0].elements == [DualDialogue(left=left, right=right)]


def test_title_page_values_over_several_lines_are_indented() -> None:
    screenplay = Screenplay(
        title_page=[
            TitleField(key="Title", value="NIGHT\nSHIFT"),
            TitleField(key="Author", value="Slate"),
        ],
        scenes=[Scene(elements=[Action(text="Rain.")])],
    )
    assert to_fountain(screenplay) == "Title:\n    NIGHT\n    SHIFT\nAuthor: Slate\n\nRain.\n"
    _round_trips(screenplay)


def test_a_body_that_looks_like_a_title_page_is_kept_in_the_body() -> None:
    screenplay = _one_scene(Action(text="Title: not the title"))
    written = to_fountain(screenplay)
    assert written == "\nTitle: not the title\n"
    assert parse_fountain(written).title_page == []
    _round_trips(screenplay)


def test_exporter_writes_utf8_and_meets_the_protocol() -> None:
    exporter = FountainExporter()
    assert isinstance(exporter, Exporter)
    data = exporter.write(_one_scene(Action(text="Zoë läuft.")))
    assert data == "Zoë läuft.\n".encode()
    assert FountainImporter().read(data).scenes[0].elements == [Action(text="Zoë läuft.")]


@pytest.mark.shared_data
def test_real_fountain_files_round_trip(shared_data_dir: Path) -> None:
    folders = [
        shared_data_dir / "screenplays" / "fountain",
        shared_data_dir / "screenplays" / "format_fixtures" / "screenplain",
    ]
    paths = [path for folder in folders for path in sorted(folder.glob("*.fountain"))]
    assert len(paths) >= 20, "the shared Fountain files are missing"
    for path in paths:
        _round_trips(FountainImporter().read(path.read_bytes()))
