"""Rules of the seventh round (wave 9), each from a kind of error read on v4's scenes (now dev)
or asked for by the lead: company and band cues, cue-shaped lines that name nobody, no carry
into a flashback, a message's sender, titles over picture, and figures of speech."""

from __future__ import annotations

from pathlib import Path

from assistant import api
from assistant.analysis.breakdown import cast_ids
from assistant.analysis.breakdown.cast import cast_names
from assistant.analysis.breakdown.model import BreakdownReport
from assistant.analysis.breakdown.rules import title_matches

SCRIPT = """\
INT. BARN - NIGHT

BRAM & CO. stack the hay bales.

BRAM & CO.
Heave!

KIT AND THE COMETS
One, two, three, four!

EXT. FIELD - NIGHT

ODILE runs along the fence.

ODILE
Wait for me.

EXT. SCHOOLYARD - DAY - FLASHBACK

She skips rope by the wall.

INT. KITCHEN - DAY

ODILE reads a text from Bram and laughs.

INT. STUDIO - DAY

SUPER TITLE: NINE YEARS ON

INSERT: TITLE CARD "CHAPTER TWO"

Odile flashes an explosive smile at the Dragon Lady. She fixes the shelf with a glue gun.

ODILE
Done.
"""


def _report(tmp_path: Path) -> BreakdownReport:
    path = tmp_path / "round7.fountain"
    path.write_text(SCRIPT, encoding="utf-8")
    return api.breakdown(api.open_script(path))


def _names(report: BreakdownReport, scene: int, category: str) -> list[str]:
    return [element.name for element in report.scenes[scene].elements[category]]


def test_a_company_cue_is_its_named_speaker_and_a_band_is_one_name(tmp_path: Path) -> None:
    assert cast_names("BRAM & CO.") == ["BRAM"]
    assert cast_names("BRAM AND COMPANY") == ["BRAM"]
    assert cast_names("KIT AND THE COMETS") == ["KIT AND THE COMETS"]
    assert cast_names("KIT AND THE KID") == ["KIT", "THE KID"]  # no plural: two people
    report = _report(tmp_path)
    assert _names(report, 0, "cast") == ["BRAM", "KIT AND THE COMETS"]
    assert all(member.name not in ("CO", "CO.", "KIT", "COMETS") for member in report.cast)


def test_cue_shaped_lines_that_name_nobody_give_no_cast_member() -> None:
    # A pronoun left after a broken quotation mark, and a time direction on a line of its own.
    assert cast_names("\u00c2\u20ac\ufffd SHE") == []
    assert cast_names("CONTINUOUS:") == []
    assert cast_names("\u00e2\u20acODILE") == []  # a word of a broken encoding is dropped
    assert cast_names("ODILE \u00c2\u20ac") == ["ODILE"]


def test_a_flashback_carries_nobody_from_the_scene_before(tmp_path: Path) -> None:
    report = _report(tmp_path)
    assert _names(report, 1, "cast") == ["ODILE"]
    assert _names(report, 2, "cast") == []  # "She" in the schoolyard is someone else's past


def test_the_sender_of_a_message_is_not_on_screen_and_the_message_is_a_screen_graphic(
    tmp_path: Path,
) -> None:
    report = _report(tmp_path)
    assert _names(report, 3, "cast") == ["ODILE"]
    assert _names(report, 3, "visual_effects") == ["text message on the phone screen"]
    assert _names(report, 3, "props") == ["phone"]
    phone = report.scenes[3].elements["props"][0]
    assert phone.implied and phone.line == 24


def test_titles_over_picture_and_figures_of_speech(tmp_path: Path) -> None:
    report = _report(tmp_path)
    assert _names(report, 4, "visual_effects") == ["super: title over picture"]  # one a scene
    assert title_matches("SUPER TITLE: NINE YEARS ON")
    assert title_matches('INSERT: TITLE CARD "CHAPTER TWO"')
    assert not title_matches("Title-holder Ken waves. SUPERMAN: not a title")
    assert "card" not in _names(report, 4, "props")
    assert _names(report, 4, "special_effects") == []  # an explosive smile
    assert _names(report, 4, "weapons") == []  # a glue gun is a tool
    assert "glue gun" not in _names(report, 4, "weapons")


GUNFIGHT = """\
EXT. DEPOT - NIGHT

The guards reach the gate, rifles raised. Guards FIRE. They fire again.

INSERT: TITLE CARD "ROUND TWO".

A bonfire burns by the fence.
"""


def test_people_who_fire_make_gunfire_and_a_title_card_is_a_title(tmp_path: Path) -> None:
    path = tmp_path / "gunfight.fountain"
    path.write_text(GUNFIGHT, encoding="utf-8")
    report = api.breakdown(api.open_script(path))
    effects = [(e.name, e.line) for e in report.scenes[0].elements["special_effects"]]
    assert ("gunfire", 3) in effects
    assert ("fire", 3) not in effects  # the guards shoot; the fire is the bonfire's, line 7
    assert "super: title over picture" in _names(report, 0, "visual_effects")
    assert "card" not in _names(report, 0, "props")


ADDRESSED = """\
INT. WORKSHOP - DAY

ODILE files a hinge at the bench.

BRAM
(to Odile)
Lunch?

INT. YARD - DAY

ODILE sweeps the yard.

ODILE
(calling toward the house)
Bram! Lunch!

INT. SHED - DAY

KIT waits.

KIT
(under his breath)
Nobody comes.
"""


def test_a_parenthetical_names_who_is_there(tmp_path: Path) -> None:
    path = tmp_path / "addressed.fountain"
    path.write_text(ADDRESSED, encoding="utf-8")
    screenplay = api.open_script(path)
    report = api.breakdown(screenplay)
    assert _names(report, 0, "cast") == ["ODILE", "BRAM"]
    assert _names(report, 2, "cast") == ["KIT"]
    assert cast_ids(screenplay) == {m.name: m.id for m in report.cast}


def test_shot_lines_groups_and_an_indefinite_somebody_are_no_cast_members() -> None:
    assert cast_names("OVERHEAD SHOT") == []
    assert cast_names("WIDER ANGLE") == []
    assert cast_names("THE GUYS") == []
    assert cast_names("ASSORTED VILLAGERS") == []
    assert cast_names("ALL SKATERS") == []
    assert cast_names("SOMEBODY ELSE") == []
    assert cast_names("THE TWINS") == ["THE TWINS"]  # two actors cast as one part
    assert cast_names("THE BOSS") == ["THE BOSS"]  # -ss is no plural
    assert cast_names("JO SANDERS") == ["JO SANDERS"]  # a surname in -s, no determiner


SHAKING = """\
INT. FERRY - NIGHT

The ferry lurches in the swell. ODILE grips the rail. The whole cabin shudders.

ODILE
Hold on.

INT. FERRY - LATER

The ferry idles while she shakes the thermos. Odile shakes her head.
"""


def test_a_vehicle_or_a_set_that_shakes_is_a_special_effect(tmp_path: Path) -> None:
    path = tmp_path / "shaking.fountain"
    path.write_text(SHAKING, encoding="utf-8")
    report = api.breakdown(api.open_script(path))
    effects = _names(report, 0, "special_effects")
    assert "ferry shaking" in effects and "cabin shaking" in effects
    assert not [e for e in _names(report, 1, "special_effects") if "shaking" in e]


def test_names_that_end_in_a_camera_move_are_cast_members() -> None:
    # Camera moves that are also names, where a shot line ends in "SHOT" or "ANGLE" instead.
    assert cast_names("PETER PAN") == ["PETER PAN"]
    assert cast_names("ICHABOD CRANE") == ["ICHABOD CRANE"]
    assert cast_names("DOLLY") == ["DOLLY"]
    assert cast_names("CRANE SHOT") == []


def test_a_determiner_and_a_last_s_do_not_make_one_person_a_group() -> None:
    assert cast_names("THE QUEEN OF HEARTS") == ["THE QUEEN OF HEARTS"]
    assert cast_names("THE KING OF THIEVES") == ["THE KING OF THIEVES"]
    assert cast_names("THE GENIUS") == ["THE GENIUS"]
    assert cast_names("THE MARQUIS") == ["THE MARQUIS"]
    assert cast_names("THE REVEREND JONES") == ["THE REVEREND JONES"]
    assert cast_names("THE OTHER GUYS") == []  # still a group
    assert cast_names("SEVERAL FARMHANDS") == []


def test_a_tilde_or_circumflex_in_a_name_is_no_broken_encoding() -> None:
    assert cast_names("JO\u00c3O") == ["JO\u00c3O"]  # a Portuguese name
    assert cast_names("CONCEI\u00c7\u00c3O") == ["CONCEI\u00c7\u00c3O"]
    assert cast_names("L\u00c2M") == ["L\u00c2M"]
    assert cast_names("ODILE \u00c3\u00a9") == ["ODILE"]  # a broken "é" on its own is dropped


BAND_AND_SPEAKER = """\
INT. GYM - DAY

MARA
Ready?

MARA AND THE TWINS
Ready!

THE TWINS
Go!

INT. HALL - DAY

MARA AND THE BOYS
Hup!
"""


def test_a_joint_cue_whose_side_speaks_alone_is_no_band(tmp_path: Path) -> None:
    assert cast_names("MARA AND THE TWINS", {"MARA"}) == ["MARA", "THE TWINS"]
    assert cast_names("MARA AND THE BOYS", {"MARA"}) == ["MARA"]  # the boys: a group
    assert cast_names("KIT AND THE COMETS", {"ODILE"}) == ["KIT AND THE COMETS"]
    path = tmp_path / "band.fountain"
    path.write_text(BAND_AND_SPEAKER, encoding="utf-8")
    report = api.breakdown(api.open_script(path))
    assert _names(report, 0, "cast") == ["MARA", "THE TWINS"]
    assert _names(report, 1, "cast") == ["MARA"]
    assert sorted(member.name for member in report.cast) == ["MARA", "THE TWINS"]


NOT_SHAKING = """\
INT. GARAGE - DAY

The taxi driver shakes his head.

EXT. ROAD - DAY

The truck rolls over the rocks.

EXT. STREET - DAY

The van pulls up, Odile shakes the rug out.

EXT. SEA - NIGHT

The ferry suddenly begins to shake.
"""


def test_a_vehicle_shakes_only_when_it_is_the_verb_s_subject(tmp_path: Path) -> None:
    path = tmp_path / "not_shaking.fountain"
    path.write_text(NOT_SHAKING, encoding="utf-8")
    report = api.breakdown(api.open_script(path))
    for scene in range(3):
        assert not [e for e in _names(report, scene, "special_effects") if "shaking" in e]
    assert "ferry shaking" in _names(report, 3, "special_effects")


GUN_SHOP = """\
INT. GUN SHOP - DAY

ODILE loads a Colt Python. BRAM checks a Winchester Model rifle.

ODILE
Ready.
"""


def test_a_maker_s_name_before_a_model_is_still_a_weapon(tmp_path: Path) -> None:
    path = tmp_path / "gun_shop.fountain"
    path.write_text(GUN_SHOP, encoding="utf-8")
    weapons = _names(api.breakdown(api.open_script(path)), 0, "weapons")
    assert "colt" in weapons and "winchester" in weapons


def test_the_text_of_a_document_is_no_text_message(tmp_path: Path) -> None:
    path = tmp_path / "treaty.fountain"
    path.write_text("INT. LIBRARY - DAY\n\nODILE reads the text of the treaty aloud.\n", "utf-8")
    report = api.breakdown(api.open_script(path))
    assert _names(report, 0, "visual_effects") == []
    assert "phone" not in _names(report, 0, "props")
