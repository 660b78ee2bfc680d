"""Numbered shots and secondary headings under master scenes, kept as ``Shot`` elements."""

from __future__ import annotations

from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring

from assistant.script.fdx_export import to_fdx
from assistant.script.fountain import parse_fountain
from assistant.script.fountain_export import to_fountain
from assistant.script.model import Action, Scene, SceneHeading, Screenplay, Shot
from assistant.script.page_layout import element_line_count
from assistant.script.pagination import paginate
from assistant.script.plaintext import parse_plain
from assistant.script.stats import compute_stats

LAYOUT = Path(__file__).resolve().parent.parent / "fixtures" / "layout"


def shots_of(screenplay: Screenplay) -> list[tuple[str | None, str]]:
    return [
        (element.number, element.text)
        for scene in screenplay.scenes
        for element in scene.elements
        if isinstance(element, Shot)
    ]


def load(name: str) -> Screenplay:
    screenplay = parse_plain((LAYOUT / name).read_text(encoding="utf-8"))
    paginate(screenplay)
    return screenplay


def test_numbered_shots_keep_their_numbers_inside_the_master_scene() -> None:
    screenplay = load("shooting_script.txt")
    assert shots_of(screenplay) == [
        ("2-A", "HER P.O.V. - THE LIGHTHOUSE"),
        ("2-B", "BACK TO SCENE"),
        ("3-A", "ON MARA"),
    ]
    bus = screenplay.headed_scenes()[1]
    assert [type(e).__name__ for e in bus.elements] == [
        "Action",
        "Dialogue",
        "Shot",
        "Action",
        "Shot",
        "Action",
        "Dialogue",
    ]


def test_an_unnumbered_secondary_heading_is_a_shot_and_a_line_of_capitals_in_prose_is_not() -> None:
    screenplay = load("camera_notes.txt")
    assert shots_of(screenplay) == [(None, "ANGLE ON THE DOOR")]
    first = screenplay.scenes[0].elements[0]
    assert isinstance(first, Action) and "CAMERA PANS" in first.text


def test_stats_count_by_master_or_by_numbered_scene() -> None:
    screenplay = load("shooting_script.txt")
    by_master = compute_stats(screenplay)
    assert (by_master.scene_count, by_master.counted_by) == (6, "master")
    assert (by_master.master_scene_count, by_master.numbered_scene_count) == (6, 9)
    assert by_master.shot_count == 3
    by_number = compute_stats(screenplay, count_by="numbered")
    assert (by_number.scene_count, by_number.counted_by) == (9, "numbered")
    unnumbered = compute_stats(load("camera_notes.txt"), count_by="numbered")
    assert unnumbered.scene_count == unnumbered.master_scene_count == 7


def test_a_shot_prints_like_an_action_line() -> None:
    text = "HER P.O.V. - THE LIGHTHOUSE"
    assert element_line_count(Shot(text=text, number="2-A")) == element_line_count(
        Action(text=text)
    )


@pytest.mark.parametrize("number", ["2-A", None])
def test_fountain_writes_a_shot_as_forced_action_with_a_note_and_reads_it_back(
    number: str | None,
) -> None:
    shot = Shot(text="HER P.O.V. - THE LIGHTHOUSE", number=number)
    screenplay = Screenplay(
        scenes=[Scene(heading=SceneHeading(text="INT. BUS - DUSK"), elements=[shot])]
    )
    text = to_fountain(screenplay)
    mark = f"[[shot {number}]]" if number else "[[shot]]"
    assert f"!HER P.O.V. - THE LIGHTHOUSE {mark}" in text
    again = parse_fountain(text)
    assert again.scenes[0].elements == [shot]
    assert len(again.scenes) == 1


def test_forced_action_with_an_ordinary_note_stays_action() -> None:
    screenplay = parse_fountain("!She waits. [[shorten this]]\n")
    assert isinstance(screenplay.scenes[0].elements[0], Action)


def test_fdx_writes_a_shot_paragraph_with_its_number() -> None:
    root = fromstring(to_fdx(load("shooting_script.txt")))
    shots = [p for p in root.iter("Paragraph") if p.get("Type") == "Shot"]
    assert [(p.get("Number"), "".join(t.text or "" for t in p.iter("Text"))) for p in shots] == [
        ("2-A", "HER P.O.V. - THE LIGHTHOUSE"),
        ("2-B", "BACK TO SCENE"),
        ("3-A", "ON MARA"),
    ]


@pytest.mark.shared_data
def test_die_hard_keeps_its_shot_numbers(shared_data_dir: Path) -> None:
    from assistant.script.reading import read_script

    screenplay = read_script(shared_data_dir / "labeled/tripod/screenplays/test/Die Hard.txt")
    stats = compute_stats(screenplay, count_by="numbered")
    # Measured: 132 master scenes, 302 numbered shots, 432 numbered scenes (the script numbers
    # up to 401 with lettered shots such as 3-A); before, the shot lines were action.
    assert stats.master_scene_count == 132
    assert 400 <= stats.numbered_scene_count <= 440
    assert {"3-A", "3-B", "3-C"} <= {number for number, _ in shots_of(screenplay)}
