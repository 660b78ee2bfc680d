"""Export to Fountain and read back: every fact of the model survives.

A fact is everything the model holds about the script (headings with their location, time, shot,
tags and number; every element with its text; cues with their extensions), except two things
that are how a format writes a fact, not the fact itself: the ``forced`` flags (Fountain's ``.``,
``!``, ``@``, ``>`` marks: a plain-text ``FADE OUT.`` must be written ``> FADE OUT.`` to stay a
transition, and comes back marked so) and the split of one speech into adjacent speech parts
(Fountain has one speech between two parentheticals; the text is the same).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.script.fountain import parse_fountain
from assistant.script.fountain_export import to_fountain
from assistant.script.model import Action, Dialogue, DualDialogue, Parenthetical, Scene, Screenplay
from assistant.script.plaintext_headings import parse_heading
from assistant.script.reading import read_script

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
HEADLESS_BREAKS = frozenset({"prose_breaks.txt", "transcript.txt"})
"""Fixtures whose scenes break without a heading (``Cut to the office.``): Fountain starts a scene
only at a heading, so there the elements survive in order but not the breaks between them."""
FIXTURE_SCRIPTS = sorted(
    [*(FIXTURES / "layout").glob("*.txt"), *(FIXTURES / "layout").glob("*.fountain")]
    + [p for p in sorted((FIXTURES / "plain").glob("*.txt")) if p.name not in HEADLESS_BREAKS]
)
MAX_UNREPRESENTABLE_SCENES = 0.02
"""Share of a real script's scenes whose elements the comparison may skip (see below)."""


def _drop_forced(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _drop_forced(v) for k, v in data.items() if k != "forced"}
    if isinstance(data, list):
        return [_drop_forced(v) for v in data]
    return data


def _merge_speeches(parts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    merged: list[dict[str, Any]] = []
    for part in parts:
        if merged and part["type"] == "speech" and merged[-1]["type"] == "speech":
            merged[-1] = {"type": "speech", "text": merged[-1]["text"] + "\n" + part["text"]}
        else:
            merged.append(part)
    return merged


def _element_facts(element: Any) -> Any:
    data = _drop_forced(element.model_dump())
    for dialogue in (data, data.get("left"), data.get("right")):
        if isinstance(dialogue, dict) and "parts" in dialogue:
            dialogue["parts"] = _merge_speeches(dialogue["parts"])
    return data


def heading_facts(scene: Scene) -> Any:
    return _drop_forced(scene.heading.model_dump()) if scene.heading else None


def scene_facts(scene: Scene) -> list[Any]:
    return [_element_facts(element) for element in scene.elements]


def round_trip(screenplay: Screenplay) -> Screenplay:
    return parse_fountain(to_fountain(screenplay))


def representable(scene: Scene) -> bool:
    """Whether Fountain can write every element of the scene (importers of other formats can
    build what it cannot: a cue with no speech, a parenthetical never closed, ``/*`` in action,
    which Fountain reads as the start of a boneyard)."""
    for element in scene.elements:
        dialogues = [element] if isinstance(element, Dialogue) else []
        if isinstance(element, DualDialogue):
            dialogues = [element.left, element.right]
        for dialogue in dialogues:
            if not dialogue.parts:
                return False
            if any(
                isinstance(p, Parenthetical) and not p.text.endswith(")") for p in dialogue.parts
            ):
                return False
        if isinstance(element, Action) and "/*" in element.text:
            return False
    return True


@pytest.mark.parametrize("path", FIXTURE_SCRIPTS, ids=lambda p: p.name)
def test_fountain_round_trip_keeps_every_fact_of_the_fixtures(path: Path) -> None:
    before = read_script(path)
    after = round_trip(before)
    assert before.title_page == after.title_page
    assert [heading_facts(s) for s in before.scenes] == [heading_facts(s) for s in after.scenes]
    assert [scene_facts(s) for s in before.scenes] == [scene_facts(s) for s in after.scenes]


@pytest.mark.parametrize("name", sorted(HEADLESS_BREAKS))
def test_scenes_without_headings_keep_their_elements_in_order(name: str) -> None:
    before = read_script(FIXTURES / "plain" / name)
    after = round_trip(before)
    flat = [fact for scene in before.scenes for fact in scene_facts(scene)]
    assert flat == [fact for scene in after.scenes for fact in scene_facts(scene)]


def test_a_heading_with_a_tag_and_a_number_keeps_its_time() -> None:
    before = read_script(FIXTURES / "layout" / "camera_notes.txt")
    flashback = before.headed_scenes()[2].heading
    assert flashback is not None and flashback.time_of_day == "DAY"
    text = to_fountain(before)
    assert "INT. PETROL STATION - SHOP - DAY - (FLASHBACK) #3#" in text
    after = round_trip(before).headed_scenes()[2].heading
    assert after is not None
    assert (after.time_of_day, after.tags, after.scene_number) == ("DAY", ["FLASHBACK"], "3")


@pytest.mark.shared_data
def test_fountain_round_trip_keeps_every_fact_of_the_tripod_test_scripts(
    shared_data_dir: Path,
) -> None:
    scripts = sorted((shared_data_dir / "labeled/tripod/screenplays/test").glob("*.txt"))
    assert len(scripts) == 10
    for path in scripts:
        before = read_script(path)
        after = round_trip(before)
        assert len(before.scenes) == len(after.scenes), path.name
        assert [heading_facts(s) for s in before.scenes] == [
            heading_facts(s) for s in after.scenes
        ], path.name
        skipped = 0
        for scene, again in zip(before.scenes, after.scenes, strict=True):
            if not representable(scene):
                skipped += 1
                continue
            assert scene_facts(scene) == scene_facts(again), (path.name, scene.start_line)
        assert skipped <= MAX_UNREPRESENTABLE_SCENES * len(before.scenes), path.name


_WORDS = st.sampled_from(
    ["MILL", "KITCHEN", "ROOM 412", "QUAY", "7-11", "DR. LIND'S OFFICE", "U.S.A.", "(EAST WING)"]
)
_PARTS = st.sampled_from(
    ["DAY", "NIGHT", "MOMENTS LATER", "(DUSK)", "ON TOMAS", "CLOSE ON THE WHEEL", "M.C.S.", "L.S.",
     "TOMAS'S POV", "(FLASHBACK)", "INTERCUT", "CONTINUOUS", "(formerly a shop)", "LONG SHOT"]
)  # fmt: skip
_PREFIXES = st.sampled_from(["INT. ", "EXT. ", "INT./EXT. ", "I/E ", "", "FLASHBACK - INT. "])
_SEPARATORS = st.sampled_from([" - ", " -- ", " / ", " — "])


@st.composite
def heading_texts(draw: st.DrawFn) -> str:
    # A heading without a prefix starts with a letter or digit: Fountain forces a heading only
    # with a dot and an alphanumeric character (spec), so "(EAST WING)" alone cannot be written.
    places = [draw(_WORDS.filter(lambda word: word[0].isalnum()))]
    places += draw(st.lists(_WORDS, max_size=2))
    tail = draw(st.lists(_PARTS, max_size=3))
    separator = draw(_SEPARATORS)
    text = draw(_PREFIXES) + separator.join(places + tail)
    if draw(st.booleans()):
        text += " " + draw(st.sampled_from(["12", "3-A", "40B"]))
    return text


@settings(max_examples=300, deadline=None)
@given(heading_texts())
def test_any_plain_text_heading_keeps_its_facts_through_fountain(text: str) -> None:
    heading = parse_heading(text)
    screenplay = Screenplay(scenes=[Scene(heading=heading, elements=[Action(text="Tomas waits.")])])
    again = round_trip(screenplay).scenes[0]
    assert heading_facts(again) == heading_facts(screenplay.scenes[0])
