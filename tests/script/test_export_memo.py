"""The exporters keep a paragraph's text per distinct element: a kept text must be the one the
element would get written afresh, however alike two elements are."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.script import fdx_content, fdx_export, fountain_export
from assistant.script.fdx_export import to_fdx
from assistant.script.fountain_export import to_fountain
from assistant.script.model import (
    Action,
    Centered,
    CharacterCue,
    Dialogue,
    DualDialogue,
    Lyrics,
    Note,
    PageBreak,
    Parenthetical,
    Scene,
    SceneHeading,
    Screenplay,
    Section,
    Shot,
    Speech,
    Synopsis,
    Transition,
)
from assistant.script.reading import read_script

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _alike() -> Screenplay:
    """Elements that differ in one field only, each repeated, with notes and breaks between."""
    mara = CharacterCue(name="MARA")
    elements = [
        Dialogue(cue=mara, parts=[Speech(text="Hi.")]),
        Dialogue(cue=mara, parts=[Speech(text="Hi.")]),
        Dialogue(cue=CharacterCue(name="MARA", forced=True), parts=[Speech(text="Hi.")]),
        Dialogue(cue=CharacterCue(name="MARA", extensions=["V.O."]), parts=[Speech(text="Hi.")]),
        Dialogue(cue=mara, parts=[Parenthetical(text="(Hi.)"), Speech(text="Hi.")]),
        Dialogue(cue=mara, parts=[Speech(text="(Hi.)"), Speech(text="Hi.")]),
        Note(text="a note"),
        Dialogue(cue=mara, parts=[Speech(text="Hi.")]),
        PageBreak(),
        Dialogue(cue=mara, parts=[Speech(text="Hi.")]),
        Section(text="act"),
        Dialogue(cue=mara, parts=[Parenthetical(text="(Hi.)"), Speech(text="Hi.")]),
        DualDialogue(
            left=Dialogue(cue=mara, parts=[Speech(text="Hi.")]),
            right=Dialogue(cue=CharacterCue(name="JOE"), parts=[Speech(text="Hi.")]),
        ),
        Dialogue(cue=mara, parts=[]),
        Action(text="CUT TO:"),
        Transition(text="CUT TO:"),
        Action(text="CUT TO:", forced=True),
        Transition(text="CUT TO:", forced=True),
        Action(text="CUT TO:"),
        Note(text="a note"),
        Section(text="act", level=2),
        Synopsis(text="act"),
        Centered(text="act"),
        Lyrics(text="act"),
        Shot(text="ACT", number="1"),
        Shot(text="ACT"),
        Shot(text="ACT", number="2"),
        PageBreak(),
        Section(text="act"),
        Synopsis(text="act"),
    ]
    heading = SceneHeading(text="INT. A - DAY", location="A", time_of_day="DAY")
    numbered = SceneHeading(text="INT. A - DAY", scene_number="1", location="A", time_of_day="DAY")
    forced = SceneHeading(text="INT. A - DAY", forced=True, location="A", time_of_day="DAY")
    return Screenplay(
        scenes=[
            Scene(heading=heading, elements=elements),
            Scene(heading=numbered, elements=elements),
            Scene(heading=forced, elements=elements),
            Scene(heading=heading, elements=elements),
        ]
    )


def _notes_after_dialogues() -> Screenplay:
    """Dialogues and dual dialogues with notes, page breaks and lyrics right after them: what is
    attached to a dialogue's last paragraph once it was written whole (``_light_dialogue``)."""
    mara, joe = CharacterCue(name="MARA"), CharacterCue(name="JOE", extensions=["O.S."])
    talk = [Parenthetical(text="(low)"), Speech(text="Go *now*.")]

    def dual() -> DualDialogue:
        return DualDialogue(
            left=Dialogue(cue=mara, parts=list(talk)), right=Dialogue(cue=joe, parts=[])
        )

    elements = [
        Dialogue(cue=mara, parts=list(talk)),
        Note(text="after a dialogue"),
        PageBreak(),
        Dialogue(cue=joe, parts=[Speech(text="Hi.")]),
        PageBreak(),
        Note(text="after a break"),
        dual(),
        Note(text="after a dual"),
        PageBreak(),
        dual(),
        Lyrics(text="la"),
        Dialogue(cue=mara, parts=list(talk)),
        Lyrics(text="la"),
        Dialogue(cue=mara, parts=[Speech(text=f"line {n}") for n in range(12)]),
        Section(text="act"),
        PageBreak(),
        dual(),
        Section(text="end"),
        Synopsis(text="the end"),
    ]
    heading = SceneHeading(text="INT. A - DAY", location="A", time_of_day="DAY")
    return Screenplay(
        scenes=[
            Scene(heading=heading, elements=elements),
            Scene(heading=heading, elements=[*elements[:-3], Note(text="end")]),
            Scene(heading=heading, elements=[dual()]),
        ]
    )


def _inputs() -> list[Screenplay]:
    files = sorted(FIXTURES.glob("**/*.fountain")) + sorted(FIXTURES.glob("**/*.fdx"))
    screenplays = [_alike(), _notes_after_dialogues()]
    for path in files:
        try:
            screenplays.append(read_script(path))
        except Exception:  # the malformed fixtures are refused: nothing to export
            continue
    return screenplays


@pytest.mark.parametrize("export", [to_fountain, to_fdx], ids=["fountain", "fdx"])
def test_kept_texts_are_what_each_element_is_written_as(
    export: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert callable(export)
    screenplays = _inputs()
    assert len(screenplays) > 10
    memoised = [export(screenplay) for screenplay in screenplays]
    monkeypatch.setattr(fountain_export, "MEMO_LIMIT", 0)
    monkeypatch.setattr(fdx_export, "WRITTEN_LIMIT", 0)
    monkeypatch.setattr(fdx_content, "NOTES_KEPT", 0)
    fresh = [export(screenplay) for screenplay in screenplays]
    assert memoised == fresh


def test_dialogues_written_whole_are_written_as_their_paragraphs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    screenplays = _inputs()
    whole = [to_fdx(screenplay) for screenplay in screenplays]
    monkeypatch.setattr(fdx_export, "LIGHT_DIALOGUES", False)
    by_paragraph = [to_fdx(screenplay) for screenplay in screenplays]
    assert whole == by_paragraph
    notes = [
        element
        for scene in screenplays[1].scenes
        for element in scene.elements
        if isinstance(element, Note | Section | Synopsis)
    ]
    assert whole[1].count("<ScriptNote ") == len(notes) == 11  # none lost
    assert whole[1].count('StartsNewPage="Yes"') == 8  # each break before a printed paragraph


def test_alike_elements_keep_their_differences() -> None:
    text = to_fountain(_alike())
    assert "@MARA\nHi." in text  # the forced cue, after the same cue unforced
    assert "MARA (V.O.)\nHi." in text
    assert "\n\n!CUT TO:\n\n" in text and "\n\n> CUT TO:\n\n" in text
    assert "#1#" in text and "\n\n.INT. A - DAY\n\n" in text
    assert "\n\n## act\n\n" in text and "\n\n# act\n\n" in text
    assert "[[shot 1]]" in text and "[[shot 2]]" in text and "!ACT [[shot]]" in text
