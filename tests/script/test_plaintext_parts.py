"""The pieces of the plain-text importer: furniture, margin numbers, headings, cues, detection."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.script.model import IntExt
from assistant.script.plaintext import PlainTextImporter, looks_like_indented_layout, parse_plain
from assistant.script.plaintext_headings import find_heading, parse_heading
from assistant.script.plaintext_layout import is_transition, normalise_extension, split_cue
from assistant.script.plaintext_lines import LineKind, prepare_lines


def kinds(text: str) -> list[LineKind]:
    return [line.kind for line in prepare_lines(text)]


@pytest.mark.parametrize(
    "line",
    [
        "                                                      12.",
        "Page 12",
        "                    - 12 -",
        "(CONTINUED)",
        "CONTINUED:",
        "CONTINUED: (2)",
        "12   CONTINUED:   12",
        "16 CONTINUED: 16",
        "    THE LANTERN - Rev. 3/14/24   12.",
        "9/24/10",
        "4                                                    4",
        "Scene 5 Page 5",
        "23    OMITTED    23",
    ],
)
def test_page_furniture_is_marked(line: str) -> None:
    assert kinds(line) == [LineKind.FURNITURE]


def test_more_is_its_own_kind() -> None:
    assert kinds("                 (MORE)") == [LineKind.MORE]


@pytest.mark.parametrize(
    "line",
    ["                    The light is on (continued from before).", "     2 MEN ENTER.", "SAM 2"],
)
def test_story_lines_are_not_furniture(line: str) -> None:
    assert kinds(line) == [LineKind.CONTENT]


@pytest.mark.parametrize(
    ("line", "text", "number"),
    [
        ("12   INT. HOUSE - NIGHT   12", "INT. HOUSE - NIGHT", "12"),
        ("12A    EXT. DOCK - DAY                          12A", "EXT. DOCK - DAY", "12A"),
        ("107-A   EXT. STORE                            107-A", "EXT. STORE", "107-A"),
        ("13INTERIOR - BOATHOUSE - MORNING13", "INTERIOR - BOATHOUSE - MORNING", "13"),
        ("   INT. HOUSE - NIGHT                     31", "INT. HOUSE - NIGHT", "31"),
        ("   INT. HOUSE - NIGHT                     *", "INT. HOUSE - NIGHT", None),
        ("                         SAM 2", "SAM 2", None),
    ],
)
def test_margin_numbers_and_revision_marks_are_removed(
    line: str, text: str, number: str | None
) -> None:
    (prepared,) = prepare_lines(line)
    assert (prepared.text, prepared.scene_number) == (text, number)


def test_indent_is_measured_after_the_left_scene_number() -> None:
    first, second = prepare_lines("12   INT. HOUSE - NIGHT   12\n     The kettle boils.")
    assert first.indent == second.indent == 5


def test_title_repeated_on_every_page_is_dropped() -> None:
    words = ["kettle", "ladder", "window", "harbour", "lantern", "rope"]
    pages = []
    for n, word in enumerate(words, start=2):
        pages += [
            "                    THE HOLLOW HOUR",
            "",
            f"          Mara looks at the {word} for a long time,",
            "          then turns away.",
            "",
            "                              MARA",
            f"                    Not the {word}. Anything but that.",
            "",
            f"                                                     {n}.",
        ]
    lines = prepare_lines("\n".join(pages))
    headers = [ln for ln in lines if ln.text == "THE HOLLOW HOUR"]
    assert len(headers) == len(words)
    assert all(ln.kind is LineKind.FURNITURE for ln in headers)
    story = [ln for ln in lines if ln.text.startswith(("Mara", "then", "MARA", "Not"))]
    assert len(story) == 4 * len(words)
    assert all(ln.kind is LineKind.CONTENT for ln in story)


def test_a_recurring_cue_at_page_tops_is_not_a_header() -> None:
    page = [
        "                                                     {n}.",
        "                              MARA (CONT'D)",
        "                    Still talking on page {n}.",
        "",
    ]
    text = "\n".join(line.format(n=n) for n in range(2, 8) for line in page)
    cues = [ln for ln in prepare_lines(text) if ln.text == "MARA (CONT'D)"]
    assert all(ln.kind is LineKind.CONTENT for ln in cues)


@pytest.mark.parametrize(
    ("line", "int_ext", "location", "time"),
    [
        ("INT. DINER - KITCHEN - NIGHT", IntExt.INT, "DINER - KITCHEN", "NIGHT"),
        ("EXT. ROOF -- MOMENTS LATER", IntExt.EXT, "ROOF", "MOMENTS LATER"),
        ("INT/EXT. CAR - MOVING - DAY", IntExt.INT_EXT, "CAR - MOVING", "DAY"),
        ("EXT./INT. SHED - DUSK", IntExt.INT_EXT, "SHED", "DUSK"),
        ("I/E. ROVER - DAY", IntExt.INT_EXT, "ROVER", "DAY"),
        ("INT/ EXT. VAN/ HIGHWAY - NIGHT.", IntExt.INT_EXT, "VAN - HIGHWAY", "NIGHT"),
        ("EXTERIOR- MARKET- DAY", IntExt.EXT, "MARKET", "DAY"),
        ("EXT     THE DIG     DAY", IntExt.EXT, "THE DIG", "DAY"),
        ("INT. FURNACE ROOM - NIGHT 36", IntExt.INT, "FURNACE ROOM", "NIGHT"),
    ],
)
def test_heading_forms(line: str, int_ext: IntExt, location: str, time: str) -> None:
    match = find_heading(line)
    assert match is not None and match.heading is not None
    heading = match.heading
    assert (heading.int_ext, heading.location, heading.time_of_day) == (int_ext, location, time)


@pytest.mark.parametrize(
    "line",
    [
        "INTERCUT - PHONE CONVERSATION",
        "EXTREME CLOSE UP ON THE KEY",
        "She steps into the interior. Ext. light spills in.",
        "INTO THE NIGHT",
    ],
)
def test_not_headings(line: str) -> None:
    assert find_heading(line) is None


def test_heading_glued_after_prose_keeps_the_prose_apart() -> None:
    match = find_heading("the door swings shut. INT. CELLAR - NIGHT")
    assert match is not None and match.heading is not None
    assert match.before == "the door swings shut."
    assert match.heading.text == "INT. CELLAR - NIGHT"


def test_scene_word_prefix_gives_the_number() -> None:
    heading = parse_heading("SCENE 7 - EXT. PIER - DAY")
    assert (heading.scene_number, heading.location) == ("7", "PIER")


@pytest.mark.parametrize(
    ("line", "name", "extensions"),
    [
        ("MARA (V.O.) (CONT'D)", "MARA", ["V.O.", "CONT'D"]),
        ("GRANT (cont'd)", "GRANT", ["CONT'D"]),
        ("MILLS (CONT)", "MILLS", ["CONT'D"]),
        ("DRIVER O/S", "DRIVER", ["O.S."]),
        ("DR. McCOY", "DR. McCOY", []),
        ("ERIN:", "ERIN", []),
        ("SAM 2", "SAM 2", []),
    ],
)
def test_cues(line: str, name: str, extensions: list[str]) -> None:
    cue = split_cue(line)
    assert cue is not None
    assert (cue.name, cue.extensions) == (name, extensions)


@pytest.mark.parametrize(
    "line", ["CUT TO:", "THE END.", "Wait for it!", "BANG.", "CLOSE ON THE DOOR", "FADE OUT."]
)
def test_not_cues(line: str) -> None:
    assert split_cue(line) is None


def test_extension_spellings() -> None:
    assert normalise_extension("Cont.") == "CONT'D"
    assert normalise_extension("v/o") == "V.O."


@pytest.mark.parametrize(
    "line", ["CUT TO:", "SMASH CUT TO:", "DISSOLVE TO:", "FADE OUT.", "CUT TO"]
)
def test_transitions(line: str) -> None:
    assert is_transition(line)


def test_prose_ending_in_a_colon_is_not_a_transition() -> None:
    assert not is_transition("and then we cut to:")


def test_indented_layout_detection() -> None:
    indented = "INT. ROOM - DAY\n\nShe waits.\n\n                    MARA\n          Hello.\n" * 3
    fountain = "INT. ROOM - DAY\n\nShe waits.\n\nMARA\nHello.\n\n> CUT TO:\n"
    paginated = "INT. ROOM\n\nAction.\n(MORE)\n\nCONTINUED:\nMore.\n(CONTINUED)\nCONTINUED:\n"
    assert looks_like_indented_layout(indented)
    assert looks_like_indented_layout("\tBOB\n\tHi.\n\t\tThere.\n")
    assert not looks_like_indented_layout(fountain)
    assert not looks_like_indented_layout("")
    assert looks_like_indented_layout(paginated)
    titled = "Title: The Long Night\nAuthor: Me\nContact:\n    me@example.com\n    Somewhere\n"
    assert not looks_like_indented_layout(titled + fountain)


def test_flush_left_plain_conventions_fountain_cannot_read() -> None:
    transcript = "".join(f"SPEAKER{k % 2} : Line {k} of the talk.\n" for k in range(30))
    assert looks_like_indented_layout(transcript)
    spelled = "".join(f"EXTERIOR - FIELD {k} - DAY\n\nWind.\n\n" for k in range(3))
    assert looks_like_indented_layout(spelled)
    assert not looks_like_indented_layout(spelled + "\n[[a note]]\n")


def test_importer_decodes_bytes_and_records_the_encoding() -> None:
    text = (
        "INT. CAFÉ - DAY\n\nShe orders a café crème.\n\n"
        "                    MARA\n          Merci.\n"
    )
    importer = PlainTextImporter()
    assert (importer.name, importer.suffixes) == ("plain", (".txt",))
    latin = importer.read(text.encode("cp1252"))
    assert latin.source.encoding == "cp1252"
    assert latin.source.format == "plain"
    assert latin.scenes[0].heading is not None
    assert latin.scenes[0].heading.location == "CAFÉ"
    utf8 = importer.read(codecs.BOM_UTF8 + text.encode("utf-8"))
    assert utf8.source.encoding == "utf-8"
    assert utf8.scenes[0].dialogues()[0].speech_text == "Merci."


def test_empty_and_blank_text_give_no_scenes() -> None:
    assert parse_plain("").scenes == []
    assert parse_plain("\n   \n\t\n").scenes == []


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "",
                "INT. ROOM - DAY",
                "12   EXT. YARD - NIGHT   12",
                "          Someone walks in.",
                "                         MARA",
                "                  (quietly)",
                "               Hello there.",
                "                                   (MORE)",
                "                                                  CUT TO:",
                "                                                      3.",
                "THE BRIDGE - LATER",
                "Bob: hi (waves) there",
                "\t\tTabbed line",
                "(a direction)",
            ]
        ),
        max_size=40,
    )
)
def test_any_arrangement_of_lines_parses_with_ordered_start_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    screenplay = parse_plain(text)
    starts = [scene.start_line or 0 for scene in screenplay.scenes]
    assert starts == sorted(starts)
    assert all(1 <= start <= max(1, len(lines)) for start in starts)
    for scene in screenplay.headed_scenes():
        assert scene.start_line is not None
        assert scene.heading is not None
        source = lines[scene.start_line - 1]
        assert scene.heading.location.split(" ")[0] in source


def _join_by_adding(lines: list[str]) -> str:
    """The joining rule as first written (adding each line to the text so far): the oracle."""
    out = ""
    for line in lines:
        if not out:
            out = line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].islower():
            out += line
        else:
            out += " " + line
    return out


@settings(max_examples=400)
@given(st.lists(st.sampled_from(["", " ", "a", "b-", "-", "x-", "A", "1-", "ab", "-a", "é-", "z"])))
def test_wrapped_lines_join_as_the_rule_says(lines: list[str]) -> None:
    from assistant.script.plaintext_build import join_wrapped

    assert join_wrapped(lines) == _join_by_adding(lines)


@pytest.mark.parametrize("year", ["1972.", "1952", "2008."])
def test_a_year_alone_on_a_line_is_text_not_a_page_number(year: str) -> None:
    # A speech's last line ("...for the Brooklyn Dodgers in" / "1952.") was dropped as a page
    # number, and with it the year a writer had put there.
    text = (
        "INT. BALLPARK - DAY\n\n"
        "          Quince looks up at the stands and sighs at the scoreboard.\n\n"
        "                         QUINCE\n"
        "               Won fifteen and lost two for the\n"
        "               Brooklyn Dodgers in\n"
        f"               {year}\n\n"
        "          He laughs.\n"
    )
    (scene,) = parse_plain(text).scenes
    speeches = [e for e in scene.elements if e.type == "dialogue"]
    assert speeches and speeches[0].speech_text.endswith(f"Brooklyn Dodgers in {year}")


def test_page_and_scene_numbers_alone_are_still_furniture() -> None:
    assert kinds("   12.\n") == [LineKind.FURNITURE, LineKind.BLANK]
    assert kinds("                                   104\n") == [LineKind.FURNITURE, LineKind.BLANK]
