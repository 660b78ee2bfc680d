"""Final Draft import: paragraph types, styles, title page, notes, hostile XML, real files."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring

from assistant.errors import ScriptReadError
from assistant.script.fdx import FdxImporter, character_cue, scene_heading
from assistant.script.fountain import FountainImporter, parse_fountain
from assistant.script.model import (
    Action,
    Centered,
    CharacterCue,
    Dialogue,
    DialogueLyric,
    DualDialogue,
    Lyrics,
    Note,
    Parenthetical,
    SceneHeading,
    Section,
    Shot,
    Speech,
    TitleField,
    Transition,
    plain_text,
)
from tests.script.fdx_helpers import FDX_FIXTURES, comparable, read_fixture

# --- reading every paragraph type ------------------------------------------------------------


def test_every_paragraph_type_maps_to_the_model() -> None:
    screenplay = read_fixture("every_element.fdx")

    assert screenplay.source.format == "fdx"
    assert screenplay.source.encoding == "utf-8"
    opening, kitchen, gallery = screenplay.scenes
    assert opening.heading is None
    assert opening.elements == [Transition(text="FADE IN:"), Section(text="ACT ONE", level=1)]

    assert kitchen.heading == SceneHeading(
        text="INT. LIGHTHOUSE KITCHEN - NIGHT",
        int_ext="INT",
        location="LIGHTHOUSE KITCHEN",
        time_of_day="NIGHT",
        scene_number="1",
    )
    kinds = [type(element).__name__ for element in kitchen.elements]
    assert kinds == [
        "Action",
        "Note",  # the script note comes before the text of the paragraph it is in
        "Action",
        "Dialogue",
        "Dialogue",
        "Note",  # a note inside a speech goes after the whole dialogue block
        "Shot",  # a Shot paragraph keeps its type (and number)
        "Centered",
        "DualDialogue",
        "Transition",
        "PageBreak",  # StartsNewPage on the next heading ends this scene with a page break
    ]
    assert kitchen.elements[1] == Note(text="Is the tin too small to read on camera?")
    assert kitchen.elements[3] == Dialogue(
        cue=CharacterCue(name="ODILE"),
        parts=[
            Parenthetical(text="(to the tin)"),
            Speech(text="Forty-one. Forty-two. That's the winter, *then*."),
        ],
    )
    assert kitchen.elements[4] == Dialogue(
        cue=CharacterCue(name="BASTIEN", extensions=["O.S.", "CONT'D"]),
        parts=[
            Speech(text="Gran? The radio's doing the whistling again."),
            DialogueLyric(text="Oh the boats come home, the boats come home"),
        ],
    )
    assert kitchen.elements[6] == Shot(text="CLOSE ON THE TIN")
    assert kitchen.elements[7] == Centered(text="THREE DAYS EARLIER")

    assert gallery.heading is not None
    assert (gallery.heading.int_ext, gallery.heading.location) == ("EXT", "LIGHTHOUSE GALLERY")
    assert gallery.heading.time_of_day == "CONTINUOUS"
    assert gallery.heading.scene_number == "2A"
    assert gallery.elements == [
        Action(text="Wind. Salt on the glass."),  # General
        Action(text="ODILE, BASTIEN"),  # Cast List
        Centered(text="END OF ACT ONE"),  # End of Act; the empty action paragraph is dropped
    ]


def test_styled_runs_become_fountain_emphasis() -> None:
    action = read_fixture("every_element.fdx").scenes[1].elements[2]

    assert isinstance(action, Action)
    assert action.text == (
        "The lamp above her turns, **slow** and *patient*, and _never_ _***stops***_."
    )
    assert plain_text(action.text) == "The lamp above her turns, slow and patient, and never stops."


def test_dual_dialogue_keeps_both_sides() -> None:
    dual = read_fixture("every_element.fdx").scenes[1].elements[8]

    assert dual == DualDialogue(
        left=Dialogue(cue=CharacterCue(name="ODILE"), parts=[Speech(text="Switch it off.")]),
        right=Dialogue(
            cue=CharacterCue(name="BASTIEN"),
            parts=[Parenthetical(text="(shouting)"), Speech(text="I can't find the switch!")],
        ),
    )


def test_title_page_fields_are_recognised() -> None:
    assert read_fixture("every_element.fdx").title_page == [
        TitleField(key="Title", value="_THE KEEPER'S TIN_"),
        TitleField(key="Credit", value="Written by"),
        TitleField(key="Author", value="Noor Abernethy"),
        TitleField(key="Contact", value="Noor Abernethy\nnoor@example.org"),
        TitleField(key="Draft date", value="Second draft, 3 March 2025"),
    ]


def test_notes_listed_by_range_are_placed_at_their_paragraph() -> None:
    scene = read_fixture("script_notes_list.fdx").scenes[0]

    # Paragraph texts start at offsets 0, 24 and 31: a range starting at 24 marks "Gulls." from
    # its start (note before it), one starting at 33 lies inside the last paragraph (note after).
    assert scene.elements == [
        Note(text="Start on the gulls, not the door."),
        Action(text="Gulls."),
        Action(text="A door bangs twice."),
        Note(text="Only once?"),
    ]


def test_utf16_document_reads_like_utf8() -> None:
    utf8 = (FDX_FIXTURES / "every_element.fdx").read_text(encoding="utf-8")
    utf16 = codecs.BOM_UTF16_LE + utf8.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode(
        "utf-16-le"
    )

    from_utf16 = FdxImporter().read(utf16)

    assert from_utf16.source.encoding == "utf-16"
    assert comparable(from_utf16) == comparable(read_fixture("every_element.fdx"))


def test_paragraph_text_details() -> None:
    document = b"""<?xml version="1.0" encoding="UTF-8"?>
<FinalDraft DocumentType="Script" Template="No" Version="4"><Content>
<Paragraph Type="Character"><Text Style="AllCaps">mara</Text><Text> (V.O.)</Text></Paragraph>
<Paragraph Type="Parenthetical"><Text>quietly</Text></Paragraph>
<Paragraph Type="Dialogue"><Text>First line.</Text></Paragraph>
<Paragraph Type="Dialogue"></Paragraph>
<Paragraph Type="Dialogue"><Text>After a blank line.</Text></Paragraph>
<Paragraph Type="Dialogue"><Text>Orphan speech? No: still Mara's.</Text></Paragraph>
<Paragraph Type="Action">
<Text>Tab\there, a \xe2\x80\xa8line separator &amp; an escaped &lt;tag&gt;.</Text></Paragraph>
<Paragraph Type="Dialogue"><Text>A speech with no cue reads as action.</Text></Paragraph>
<Paragraph Type="Singing"><Text>La la la</Text></Paragraph>
<Paragraph Type="Outline 1"><Text>An unknown type reads as action.</Text></Paragraph>
<Paragraph Type="Action"><Text>5 * 3 and snake_case_name stay literal.</Text></Paragraph>
</Content></FinalDraft>"""

    elements = FdxImporter().read(document).scenes[0].elements

    assert elements == [
        Dialogue(
            cue=CharacterCue(name="MARA", extensions=["V.O."]),
            parts=[
                Parenthetical(text="(quietly)"),
                Speech(text="First line.\n\nAfter a blank line.\nOrphan speech? No: still Mara's."),
            ],
        ),
        Action(text="Tab    here, a\nline separator & an escaped <tag>."),
        Action(text="A speech with no cue reads as action."),
        Lyrics(text="La la la"),
        Action(text="An unknown type reads as action."),
        Action(text="5 \\* 3 and snake\\_case\\_name stay literal."),
    ]
    last = elements[-1]
    assert isinstance(last, Action)
    assert plain_text(last.text) == "5 * 3 and snake_case_name stay literal."


@pytest.mark.parametrize(
    "heading",
    [
        "INT. DINER - KITCHEN - NIGHT",
        "EXT. ROOFTOP -- DAWN",
        "INT./EXT. CAR - MOVING - DAY",
        "I/E TRAIN - CONTINUOUS",
        "EST. HARBOUR",
        "int. basement - later",
        "INT. HOUSE - MOMENTS LATER",
    ],
)
def test_headings_split_as_the_fountain_importer_splits_them(heading: str) -> None:
    from_fountain = parse_fountain(heading + "\n").scenes[0].heading

    assert from_fountain is not None
    assert scene_heading(heading) == from_fountain.model_copy(update={"forced": False})


def test_headings_without_a_prefix_and_cues() -> None:
    assert scene_heading("405 FREEWAY - EARLY EVENING", "7") == SceneHeading(
        text="405 FREEWAY - EARLY EVENING",
        location="405 FREEWAY",
        time_of_day="EARLY EVENING",
        scene_number="7",
    )
    assert character_cue("DR. VOSS (V.O.) (CONT'D)") == CharacterCue(
        name="DR. VOSS", extensions=["V.O.", "CONT'D"]
    )


# --- refusing bad files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "problem"),
    [
        ("malformed.fdx", "malformed XML at line 9"),
        ("billion_laughs.fdx", "XML DTDs and entities are not allowed"),
        ("external_entity.fdx", "XML DTDs and entities are not allowed"),
        ("not_final_draft.fdx", "the XML root is <playlist>, not <FinalDraft>"),
        ("empty_content.fdx", "its <Content> holds no script text"),
    ],
)
def test_bad_fixture_is_refused_with_one_clear_line(fixture: str, problem: str) -> None:
    with pytest.raises(ScriptReadError) as caught:
        read_fixture(fixture)

    message = caught.value.message
    assert message.startswith("Not a valid Final Draft file: ")
    assert problem in message
    assert "\n" not in message
    assert "root:" not in message  # nothing of /etc/passwd leaks into the message


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "malformed XML at line 1"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "malformed XML"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)), "binary file, not XML"),
        (b'<FinalDraft Version="5"><TitlePage/></FinalDraft>', "no <Content> element"),
        (b'<FinalDraft Version="5"><Content></Content></FinalDraft>', "holds no script text"),
        (b'<?xml version="1.0" encoding="x-no-such"?><FinalDraft/>', "x-no-such"),
        (
            b'<!DOCTYPE FinalDraft SYSTEM "http://example.invalid/fd.dtd"><FinalDraft/>',
            "DTDs and entities are not allowed",
        ),
        (
            b'<FinalDraft><Content><Paragraph Type="Action"><Text>a</Text></Paragraph>'
            b"</Content></FinalDraft><FinalDraft/>",
            "malformed XML",
        ),
    ],
)
def test_bad_bytes_are_refused_with_one_clear_line(data: bytes, problem: str) -> None:
    with pytest.raises(ScriptReadError) as caught:
        FdxImporter().read(data)

    assert problem in caught.value.message
    assert "\n" not in caught.value.message


# --- real files ------------------------------------------------------------------------------


@pytest.mark.shared_data
def test_screenplain_fdx_files_read_like_their_fountain_twins(shared_data_dir: Path) -> None:
    folder = shared_data_dir / "screenplays" / "format_fixtures" / "screenplain"
    fdx_files = sorted(folder.glob("*.fdx"))
    assert len(fdx_files) >= 9

    for path in fdx_files:
        data = path.read_bytes()
        screenplay = FdxImporter().read(data)

        # What the file holds, read off it here with a plain XML parser.
        root = fromstring(data)
        headings = [p for p in root.iter("Paragraph") if p.get("Type") == "Scene Heading"]
        cues = {
            "".join(t.text or "" for t in p.findall("Text")).strip()
            for p in root.iter("Paragraph")
            if p.get("Type") == "Character"
        }
        assert len(screenplay.headed_scenes()) == len(headings), path.name
        names = {d.cue.name for scene in screenplay.scenes for d in scene.dialogues()}
        assert names == {re.sub(r"\s*\(.*\)$", "", cue) for cue in cues}, path.name
        assert all(scene.elements or scene.heading for scene in screenplay.scenes), path.name

        twin = path.with_suffix(".fountain")
        if twin.exists():
            from_fountain = FountainImporter().read(twin.read_bytes())
            assert comparable(screenplay) == comparable(from_fountain), path.name
