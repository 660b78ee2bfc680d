"""The plain-text importer on fixtures that mimic the layouts of real circulating scripts."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.script.model import (
    Action,
    Dialogue,
    IntExt,
    Parenthetical,
    Scene,
    Screenplay,
    Shot,
    Speech,
    Transition,
)
from assistant.script.plaintext import parse_plain

PLAIN = Path(__file__).resolve().parent.parent / "fixtures" / "plain"


def load(name: str) -> tuple[str, Screenplay]:
    text = (PLAIN / name).read_text(encoding="utf-8")
    return text, parse_plain(text)


def line_of(text: str, fragment: str) -> int:
    """1-based number of the only line of ``text`` containing ``fragment``."""
    found = [n for n, line in enumerate(text.split("\n"), start=1) if fragment in line]
    assert len(found) == 1, f"{fragment!r} is on lines {found}"
    return found[0]


def all_text(screenplay: Screenplay) -> str:
    parts: list[str] = []
    for scene in screenplay.scenes:
        for element in scene.elements:
            if isinstance(element, Dialogue):
                parts.append(element.cue.name)
                parts.extend(p.text for p in element.parts)
            else:
                parts.append(str(getattr(element, "text", "")))
    return "\n".join(parts)


def dialogues(scene: Scene) -> list[Dialogue]:
    return scene.dialogues()


# -- an indented layout with page furniture ------------------------------------------------------


def test_indented_layout_finds_every_heading_at_its_source_line() -> None:
    text, screenplay = load("indented.txt")
    headed = screenplay.headed_scenes()
    assert [s.heading.text for s in headed if s.heading] == [
        "EXT. HARBOUR WALL - NIGHT",
        "INT. HARBOURMASTER'S OFFICE - CONTINUOUS",
        "EXT. LIGHTHOUSE STAIR - LATER",
        "117 COAST ROAD - PORT ELLIS - EARLY EVENING",
        "THE BRIDGE - LATER",
    ]
    assert [s.start_line for s in headed] == [
        line_of(text, "HARBOUR WALL"),
        line_of(text, "HARBOURMASTER'S OFFICE"),
        line_of(text, "LIGHTHOUSE STAIR"),
        line_of(text, "117 COAST ROAD"),
        line_of(text, "THE BRIDGE"),
    ]


def test_margin_scene_numbers_are_parsed_not_kept_in_the_heading() -> None:
    _, screenplay = load("indented.txt")
    first, second, third, freeway, bridge = screenplay.headed_scenes()
    assert (first.number, second.number, third.number) == ("1", "2", "2A")
    assert first.heading is not None and first.heading.int_ext is IntExt.EXT
    assert first.heading.location == "HARBOUR WALL"
    assert first.heading.time_of_day == "NIGHT"
    assert second.heading is not None and second.heading.time_of_day == "CONTINUOUS"
    assert freeway.heading is not None and freeway.heading.int_ext is None
    assert freeway.heading.location == "117 COAST ROAD - PORT ELLIS"
    assert freeway.heading.time_of_day == "EARLY EVENING"
    assert bridge.heading is not None and bridge.heading.location == "THE BRIDGE"
    assert bridge.heading.time_of_day == "LATER"


def test_material_before_the_first_heading_is_a_scene_without_heading() -> None:
    text, screenplay = load("indented.txt")
    opening = screenplay.scenes[0]
    assert opening.heading is None
    assert opening.start_line == line_of(text, "FADE IN:")
    assert opening.elements == [Transition(text="FADE IN:")]


def test_title_page_becomes_title_fields() -> None:
    _, screenplay = load("indented.txt")
    fields = [(f.key, f.value) for f in screenplay.title_page]
    assert fields[:3] == [
        ("Title", "THE SALT LANTERN"),
        ("Credit", "Written by"),
        ("Author", "Imke Vandervelde"),
    ]
    assert ("Draft date", "March 14, 2024") in fields
    assert screenplay.title == "THE SALT LANTERN"


def test_cues_extensions_and_parentheticals() -> None:
    _, screenplay = load("indented.txt")
    harbour = screenplay.headed_scenes()[0]
    mara, oskar = dialogues(harbour)
    assert mara.cue.name == "MARA" and mara.cue.extensions == []
    assert mara.parts == [
        Parenthetical(text="(to herself)"),
        Speech(text="Third night running. Somebody keeps lighting it."),
    ]
    assert oskar.cue.name == "OSKAR" and oskar.cue.extensions == ["O.S."]
    stair = screenplay.headed_scenes()[2]
    assert dialogues(stair)[0].cue.extensions == ["V.O."]


def test_a_speech_split_by_a_page_break_is_rejoined() -> None:
    _, screenplay = load("indented.txt")
    office = screenplay.headed_scenes()[1]
    oskar, mara = dialogues(office)
    assert oskar.cue.name == "OSKAR"
    assert oskar.speech_text == (
        "The lantern was my father's. Nobody has touched it since the storm in "
        "seventy-nine, and now every night it burns until dawn."
    )
    assert mara.speech_text == "Then we wait for whoever lights it."


def test_page_furniture_and_revision_marks_are_dropped() -> None:
    _, screenplay = load("indented.txt")
    body = all_text(screenplay)
    for furniture in ("CONTINUED", "(MORE)", "Rev.", "3/14/24", "*"):
        assert furniture not in body
    harbour = screenplay.headed_scenes()[0]
    assert harbour.elements[-2] == Action(
        text="She turns. OSKAR BRANDT (60s, one glove, no hat) waits at the foot of the wall "
        "with a thermos."
    )


def test_transitions_at_the_right_margin() -> None:
    _, screenplay = load("indented.txt")
    harbour, *_, bridge = screenplay.headed_scenes()
    assert harbour.elements[-1] == Transition(text="CUT TO:")
    assert bridge.elements[-1] == Transition(text="FADE OUT.")


# -- other layouts -------------------------------------------------------------------------------


def test_flush_left_script_with_capital_headings() -> None:
    text, screenplay = load("flush.txt")
    headed = screenplay.headed_scenes()
    assert [(s.heading.int_ext, s.heading.location) for s in headed if s.heading] == [
        (IntExt.EXT, "ORCHARD ROAD"),
        (IntExt.INT, "FARMHOUSE KITCHEN"),
        (IntExt.EXT, "BARN"),
    ]
    assert [s.start_line for s in headed] == [
        line_of(text, "ORCHARD ROAD"),
        line_of(text, "FARMHOUSE KITCHEN"),
        line_of(text, "EXT. BARN"),
    ]
    road, kitchen, barn = headed
    assert dialogues(road)[0].parts[0] == Parenthetical(text="(to the mule)")
    assert [d.cue.name for d in dialogues(kitchen)] == ["GRETA", "GRETA"]
    assert Shot(text="CLOSE ON THE JAR") in kitchen.elements  # a secondary heading
    assert dialogues(barn)[0].cue.extensions == ["O.S."]


def test_speech_after_a_blank_line_under_an_indented_cue() -> None:
    _, screenplay = load("speech_after_blank.txt")
    deck, cabin = screenplay.headed_scenes()
    assert [(d.cue.name, d.speech_text) for d in dialogues(deck)] == [
        ("TOMAS", "Two bars. One bar. None. Brilliant."),
        ("DECKHAND", "You won't get anything until the lighthouse. Everyone tries."),
        ("TOMAS", "Does everyone also miss their own wedding?"),
    ]
    assert deck.elements[-1] == Action(text="The deckhand finally looks at him.")
    assert dialogues(cabin)[0].cue.name == "DECKHAND"


def test_tab_indented_layout() -> None:
    text, screenplay = load("tabs.txt")
    carriage, platform = screenplay.headed_scenes()
    assert platform.start_line == line_of(text, "STATION PLATFORM")
    lena = dialogues(carriage)[1]
    assert lena.cue.name == "LENA"
    assert lena.parts == [
        Parenthetical(text="(not looking up)"),
        Speech(text="A very long scarf for a very tall giraffe."),
    ]
    assert carriage.elements[-1] == Transition(text="CUT TO:")


def test_double_spaced_file_joins_lines_of_a_paragraph() -> None:
    text, screenplay = load("double_spaced.txt")
    booth, roof = screenplay.headed_scenes()
    assert roof.start_line == line_of(text, "CITY ROOFTOP")
    host, caller, host_again, caller_again = dialogues(booth)
    assert host.speech_text == "You're on the air. Go ahead, caller."
    assert caller.parts[0] == Parenthetical(text="(nervous)")
    assert host_again.speech_text == "Nobody has. Tell me about the dog."
    assert caller_again.speech_text.endswith("He ran off on Tuesday.")
    assert [d.cue.name for d in dialogues(roof)] == ["CALLER"]
    assert booth.elements[0] == Action(
        text="A red ON AIR light. HOST (40s) leans into the microphone, headphones crooked."
    )


def test_capital_paragraphs_stand_in_for_headings_when_there_is_no_int_ext() -> None:
    text, screenplay = load("no_int_ext.txt")
    headed = screenplay.headed_scenes()
    assert len(headed) == 11
    assert headed[0].heading is not None and headed[0].heading.location == "BAKERY"
    assert headed[0].elements[0] == Action(text="BEFORE DAWN, ROSA KNEADS DOUGH")
    square = headed[3].heading
    assert square is not None and square.location == "TOWN SQUARE"
    assert square.time_of_day == "MORNING"
    assert [s.start_line for s in headed][:2] == [
        line_of(text, "BAKERY, BEFORE DAWN"),
        line_of(text, "STREET OUTSIDE THE BAKERY"),
    ]
    assert [f.key for f in screenplay.title_page] == ["Title", "Credit", "Author"]
    assert all(len(dialogues(scene)) == 1 for scene in headed)


def test_scene_changes_told_in_prose_start_scenes_without_headings() -> None:
    text, screenplay = load("prose_breaks.txt")
    assert all(scene.heading is None for scene in screenplay.scenes)
    assert [s.start_line for s in screenplay.scenes] == [
        line_of(text, "Darkness."),
        line_of(text, "Cut to a police station"),
        line_of(text, "Back to the tiled room"),
        line_of(text, "A car park at night"),
        line_of(text, "Flashback to a birthday"),
    ]
    assert [d.cue.name for d in screenplay.scenes[0].dialogues()] == ["NOOR", "VOICE"]


def test_transcript_with_colon_cues_and_stage_directions() -> None:
    text, screenplay = load("transcript.txt")
    bus = screenplay.scenes[1]
    assert bus.start_line == line_of(text, "On the night bus")
    assert [d.cue.name for d in bus.dialogues()] == ["MINA", "RAF", "MINA", "RAF", "MINA"]
    assert bus.dialogues()[3].speech_text == "The longest. I missed the last train by one minute."
    assert Action(text="(The bus lurches round a corner.)") in bus.elements
    assert [s.start_line for s in screenplay.scenes[2:]] == [
        line_of(text, "At the terminus"),
        line_of(text, "Outside a kebab shop"),
    ]


def test_colon_cues_in_capitals_and_a_heading_glued_to_a_speech() -> None:
    text, screenplay = load("colon_cues.txt")
    hall, plains = screenplay.headed_scenes()
    assert plains.start_line == line_of(text, "EXT. GLASS PLAINS")
    assert [d.cue.name for d in hall.dialogues()] == ["OTTILIE", "BRAM", "OTTILIE", "BRAM"]
    assert hall.dialogues()[2].parts[0] == Parenthetical(text="(sighing)")
    assert hall.dialogues()[3].speech_text == "Then we vent it at dawn."
    assert screenplay.scenes[0].dialogues()[0].cue.name == "NARRATOR"


@pytest.mark.parametrize(
    ("fragment", "int_ext", "location", "time", "number"),
    [
        ("SIGNAL BOX - NIGHT12", IntExt.INT, "SIGNAL BOX", "NIGHT", "12"),
        ("SCENE 14", IntExt.EXT, "LEVEL CROSSING", "NIGHT", "14"),
        ("FLASHBACK - INT. SIGNAL BOX", IntExt.INT, "SIGNAL BOX", "DAY", None),
        ("STATION CAFE", IntExt.INT, "STATION CAFE", "NIGHT", "20"),
        ("WAITING ROOM", IntExt.INT, "WAITING ROOM", "NIGHT", None),
        (
            "platform ANNEX",
            IntExt.INT,
            "platform ANNEX - (formerly the parcels office)",
            "NIGHT",
            None,
        ),
        ("EXT. TRACKS", IntExt.EXT, "TRACKS", "NIGHT", None),
    ],
)
def test_headings_in_odd_shapes(
    fragment: str, int_ext: IntExt, location: str, time: str, number: str | None
) -> None:
    text, screenplay = load("odd_headings.txt")
    starts = {scene.start_line: scene for scene in screenplay.headed_scenes()}
    scene = starts[line_of(text, fragment)]
    assert scene.heading is not None
    assert (scene.heading.int_ext, scene.heading.location) == (int_ext, location)
    assert (scene.heading.time_of_day, scene.heading.scene_number) == (time, number)


def test_prose_run_on_after_a_heading_is_action_and_prose_before_one_stays_behind() -> None:
    _, screenplay = load("odd_headings.txt")
    by_location = {s.heading.location: s for s in screenplay.headed_scenes() if s.heading}
    waiting = by_location["WAITING ROOM"]
    assert waiting.elements[0] == Action(
        text="Holt sits under the clock and opens a paper bag of cold chips."
    )
    annex = by_location["platform ANNEX - (formerly the parcels office)"]
    assert annex.elements[-1] == Action(text="The clock ticks over to midnight.")
    signal_box, _, flashback, *_ = screenplay.headed_scenes()
    assert [d.cue.name for d in dialogues(signal_box)] == ["HOLT"]
    assert [d.cue.name for d in dialogues(flashback)] == ["MOTHER"]


def test_lower_case_scene_suffixes_in_both_margins_are_numbers_not_times() -> None:
    # A production draft's inserted scenes ("35a") in both margins, after "DAY." with a period;
    # a scanned "0" read as "o" in one margin yields to the other margin's number; a lower-case
    # word the left margin does not repeat ("1960s") is the heading's own.
    page = "\n".join(
        [
            "          35 INT. ROOFTOP GARDEN - DAY. 35",
            "",
            "          Wren waters the tomatoes.",
            "",
            "          35a EXT. FIRE ESCAPE - NIGHT. 35a",
            "",
            "          Wren climbs down.",
            "",
            "          4o INT. LAUNDROMAT - DAY. 40",
            "",
            "          The dryers hum.",
            "",
            "          41 EXT. CANAL PATH - 1960s",
            "",
            "          Wren runs.",
        ]
    )
    scenes = parse_plain(page).headed_scenes()
    found = [(s.number, s.heading.time_of_day, s.heading.text) for s in scenes if s.heading]
    assert found == [
        ("35", "DAY", "INT. ROOFTOP GARDEN - DAY"),
        ("35a", "NIGHT", "EXT. FIRE ESCAPE - NIGHT"),
        ("40", "DAY", "INT. LAUNDROMAT - DAY"),
        ("41", None, "EXT. CANAL PATH - 1960s"),
    ]


def test_a_number_row_under_a_slug_numbers_it_and_makes_it_a_heading() -> None:
    # Some production drafts print the scene number alone in both margins on the line under the
    # slug; a slug without INT/EXT is then a scene of its own. Placeholders stay numbers only.
    row = "{:<40}{}".format
    page = "\n".join(
        [
            "     INT. BOATHOUSE - NIGHT",
            row("7", "7"),
            "     Odile ties off the skiff.",
            "",
            "     ODILE AND BRAM",
            row("8", "8"),
            "",
            "     Odile sleeps in the hull.",
            "     OMITTED",
            row("9", "9"),
            "     9- OUT",
            row("10", "10"),
            "",
            "     EXT. JETTY - DAWN",
            row("11", "11"),
            "     Gulls.",
            "     LIGHTS OUT",
            row("12", "12"),
            "     The jetty goes dark.",
            "     BANG!",
            row("13", "13"),
            "     INT. SHED - NIGHT",
            "     Bram hides.",
        ]
    )
    scenes = parse_plain(page).headed_scenes()
    found = [(s.number, s.heading.text, s.start_line) for s in scenes if s.heading]
    assert found == [
        ("7", "INT. BOATHOUSE - NIGHT", 1),
        ("8", "ODILE AND BRAM", 5),
        ("11", "EXT. JETTY - DAWN", 14),
        ("12", "LIGHTS OUT", 17),
        ("13", "INT. SHED - NIGHT", 22),
    ]
