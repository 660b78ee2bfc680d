"""Final Draft export: a valid document, escaping, and round trips through the importer."""

from __future__ import annotations

from defusedxml.ElementTree import fromstring

from assistant.script.fdx import FdxExporter, FdxImporter, to_fdx
from assistant.script.fountain import FountainImporter
from assistant.script.model import (
    Action,
    Centered,
    CharacterCue,
    Dialogue,
    DialogueLyric,
    DualDialogue,
    Lyrics,
    Note,
    PageBreak,
    Parenthetical,
    Scene,
    SceneHeading,
    Screenplay,
    Section,
    Speech,
    Synopsis,
    TitleField,
    Transition,
)
from tests.script.fdx_helpers import FDX_FIXTURES, comparable, read_fixture

# --- writing ---------------------------------------------------------------------------------


def test_export_is_a_final_draft_document() -> None:
    written = FdxExporter().write(read_fixture("every_element.fdx"))

    assert written.startswith(b'<?xml version="1.0" encoding="UTF-8"')
    root = fromstring(written)
    assert root.tag == "FinalDraft"
    assert root.attrib == {"DocumentType": "Script", "Template": "No", "Version": "5"}
    paragraphs = root.findall("Content/Paragraph")
    types = [p.get("Type") for p in paragraphs]
    assert types[:4] == ["Transition", "Scene Heading", "Action", "Action"]
    heading = paragraphs[1]
    assert heading.get("Number") == "1"
    # The "ACT ONE" section rides as a script note on the next paragraph.
    assert [t.text for t in heading.iter("Text")] == [
        "# ACT ONE",
        "INT. LIGHTHOUSE KITCHEN - NIGHT",
    ]
    assert root.find("TitlePage") is not None


def test_export_escapes_text_and_drops_what_xml_cannot_hold() -> None:
    tricky = "Fish & chips <b>\"quoted\"</b> 'single' ]]> \x00\x0b\x1f end"
    screenplay = Screenplay(
        title_page=[TitleField(key="Title", value="A & B <C>")],
        scenes=[
            Scene(
                heading=SceneHeading(text='INT. "BAR & GRILL" - NIGHT', scene_number='1"<'),
                elements=[Action(text=tricky), Note(text="<![CDATA[ x ]]>")],
            )
        ],
    )

    text = to_fdx(screenplay)
    back = FdxImporter().read(text.encode("utf-8"))

    assert "\x00" not in text
    assert back.scenes[0].heading == SceneHeading(
        text='INT. "BAR & GRILL" - NIGHT', location='"BAR & GRILL"', time_of_day="NIGHT",
        int_ext="INT", scene_number='1"<',
    )  # fmt: skip
    assert back.scenes[0].elements == [
        Action(text="Fish & chips <b>\"quoted\"</b> 'single' ]]>  end"),
        Note(text="<![CDATA[ x ]]>"),
    ]
    assert back.title_page == [TitleField(key="Title", value="A & B <C>")]


def build_screenplay() -> Screenplay:
    """Every element FDX can carry, built directly with the model classes."""
    return Screenplay(
        title_page=[
            TitleField(key="Title", value="**GLASS HARBOUR**"),
            TitleField(key="Credit", value="Screenplay by"),
            TitleField(key="Author", value="Tove Marsh\nand Idris Kent"),
            TitleField(key="Draft date", value="Pink revision"),
            TitleField(key="Contact", value="Marsh & Kent\n1 Quay Lane"),
            TitleField(key="Copyright", value="(c) the test suite"),
        ],
        scenes=[
            Scene(elements=[Section(text="Prologue", level=1), Transition(text="FADE IN:")]),
            Scene(
                heading=SceneHeading(
                    text="EXT. QUAY - DAWN",
                    int_ext="EXT",
                    location="QUAY",
                    time_of_day="DAWN",
                    scene_number="1",
                ),
                elements=[
                    Synopsis(text="Tove finds the glass float."),
                    Action(text="Fog. A float *glints* in the weed.\n    An indented second line."),
                    Note(text="Could be a bottle instead?\nAsk props."),
                    Dialogue(
                        cue=CharacterCue(name="TOVE", extensions=["V.O."]),
                        parts=[
                            Parenthetical(text="(to herself)"),
                            Speech(text="Not again.\n\n_Not_ today."),
                            DialogueLyric(text="Row, row, row"),
                            Parenthetical(text="(beat)"),
                            Speech(text="Fine."),
                        ],
                    ),
                    DualDialogue(
                        left=Dialogue(cue=CharacterCue(name="TOVE"), parts=[Speech(text="Mine!")]),
                        right=Dialogue(
                            cue=CharacterCue(name="IDRIS"), parts=[Speech(text="***Mine!***")]
                        ),
                    ),
                    Centered(text="LATER"),
                    Lyrics(text="Out on the water"),
                    Note(text="End of the quay beat."),
                    PageBreak(),
                ],
            ),
            Scene(
                heading=SceneHeading(text="BELOW DECK", location="BELOW DECK"),
                elements=[
                    Action(text="Dark."),
                    Transition(text="SMASH CUT TO:"),
                    Section(text="Tag", level=2),
                ],
            ),
        ],
    )


def test_round_trip_of_a_screenplay_built_in_code() -> None:
    screenplay = build_screenplay()

    back = FdxImporter().read(FdxExporter().write(screenplay))

    assert comparable(back) == comparable(screenplay)


def test_round_trip_of_a_fountain_script() -> None:
    source = (FDX_FIXTURES / "round_trip.fountain").read_bytes()
    screenplay = FountainImporter().read(source)
    assert screenplay.scenes and any(isinstance(e, Section) for e in screenplay.scenes[0].elements)

    back = FdxImporter().read(FdxExporter().write(screenplay))

    assert comparable(back) == comparable(screenplay)


def test_round_trip_of_an_fdx_file_is_stable() -> None:
    first = read_fixture("every_element.fdx")
    second = FdxImporter().read(FdxExporter().write(first))

    assert comparable(second) == comparable(first)


def test_what_fdx_cannot_carry_is_normalised_as_documented() -> None:
    screenplay = Screenplay(
        scenes=[
            Scene(elements=[PageBreak(), Action(text="Open.", forced=True)], start_line=3),
            Scene(
                heading=SceneHeading(text="INT. A - DAY", int_ext="INT", location="A",
                                     time_of_day="DAY", forced=True),
                elements=[
                    Dialogue(
                        cue=CharacterCue(name="A", forced=True),
                        parts=[Speech(text="One."), Speech(text="Two.")],
                    ),
                    PageBreak(),
                    PageBreak(),
                    Action(text="Closing."),
                    PageBreak(),
                ],
            ),
        ]
    )  # fmt: skip

    back = FdxImporter().read(FdxExporter().write(screenplay))

    first, second = back.scenes
    assert first.elements == [Action(text="Open.")]  # leading page break dropped, forced cleared
    assert first.start_line is None
    assert second.heading is not None and second.heading.forced is False
    assert second.elements == [
        Dialogue(cue=CharacterCue(name="A"), parts=[Speech(text="One.\nTwo.")]),  # merged
        PageBreak(),  # two in a row become one; the trailing one is dropped
        Action(text="Closing."),
    ]


def test_exporter_attributes() -> None:
    assert (FdxExporter.name, FdxExporter.suffix) == ("fdx", ".fdx")
    assert (FdxImporter.name, FdxImporter.suffixes) == ("fdx", (".fdx",))


def test_fdx_file_survives_a_trip_through_fountain() -> None:
    from assistant.script.fountain import parse_fountain
    from assistant.script.fountain_export import to_fountain

    for name in ("every_element.fdx", "script_notes_list.fdx"):
        from_fdx = read_fixture(name)
        assert comparable(parse_fountain(to_fountain(from_fdx))) == comparable(from_fdx), name


def test_a_script_of_only_notes_and_sections_is_written_and_read_back() -> None:
    outline = Screenplay(
        scenes=[
            Scene(
                elements=[
                    Section(text="Act one", level=1),
                    Synopsis(text="She finds the key."),
                    Note(text="check the tide tables"),
                ]
            )
        ]
    )

    xml = to_fdx(outline)

    (paragraph,) = fromstring(xml).find("Content")
    assert paragraph.get("Type") == "General" and paragraph.find("Text") is None
    assert len(paragraph.findall("ScriptNote")) == 3
    back = FdxImporter().read(xml.encode("utf-8"))
    assert comparable(back) == comparable(outline)
