"""Cast rules of the sixth round, each from a kind of error on the dev scenes: joint cues, a
misspelt cue, a speaker called "A", descriptive names that lend no alias, and a character named
only as an owner."""

from __future__ import annotations

from pathlib import Path

from assistant import api
from assistant.analysis.breakdown import cast_ids
from assistant.analysis.breakdown.cast import cast_names
from assistant.analysis.breakdown.model import BreakdownReport

SCRIPT = """\
INT. GREENHOUSE - DAY

ODILE and BRAM water the seedlings.

ODILE
The tomatoes are late.

BRAM
They always are.

ODILE AND BRAM
Every year!

INT. GREENHOUSE - LATER

ODILE
Where did the hose go?

BRAM
Under the bench.

ODILE
Found it.

INT. SHED - NIGHT

A lamp burns. A beat. Odile sorts seed packets alone.

ODLIE
Nobody labels anything.

INT. PARKING LOT - NIGHT

Bram's scarf hangs on the fence. Odile waits by the gate.

ODILE
He forgot it again.

EXT. ROAD - NIGHT

Bram's van rattles past the gate. Bram's still humming.

BRAM
Home.

INT. OFFICE - DAY

A HARBOUR MAN waits. Nobody at the harbour answers.

HARBOUR MAN
Well?

A
Me again.

ODILE
Later.
"""


def _report(tmp_path: Path) -> BreakdownReport:
    path = tmp_path / "cast6.fountain"
    path.write_text(SCRIPT, encoding="utf-8")
    return api.breakdown(api.open_script(path))


def _cast(report: BreakdownReport, scene: int) -> list[str]:
    return [element.name for element in report.scenes[scene].elements["cast"]]


def test_a_joint_cue_is_each_of_its_speakers() -> None:
    assert cast_names("ODILE AND BRAM") == ["ODILE", "BRAM"]
    assert cast_names("ODILE & BRAM (O.S.)") == ["ODILE", "BRAM"]
    assert cast_names("ODILE/BRAM") == ["ODILE", "BRAM"]
    assert cast_names("ALL") == []
    assert cast_names("ODILE") == ["ODILE"]


def test_a_joint_cue_is_no_cast_member_of_its_own(tmp_path: Path) -> None:
    report = _report(tmp_path)
    assert _cast(report, 0) == ["ODILE", "BRAM"]
    assert all("AND" not in member.name for member in report.cast)


def test_a_misspelt_cue_is_the_name_written_more_often(tmp_path: Path) -> None:
    report = _report(tmp_path)
    assert _cast(report, 2) == ["ODILE"]
    assert all(member.name != "ODLIE" for member in report.cast)


def test_a_character_named_only_as_an_owner_is_not_on_screen(tmp_path: Path) -> None:
    report = _report(tmp_path)
    assert _cast(report, 3) == ["ODILE"]  # the scarf is his; he is not there


def test_an_owner_of_a_vehicle_or_a_contraction_is_on_screen(tmp_path: Path) -> None:
    assert _cast(_report(tmp_path), 4) == ["BRAM"]


def test_a_speaker_called_a_is_found_by_the_cue_only_and_descriptions_lend_no_alias(
    tmp_path: Path,
) -> None:
    # "A lamp", "A beat" are articles; "the harbour" is not the HARBOUR MAN.
    report = _report(tmp_path)
    assert _cast(report, 2) == ["ODILE"]
    assert _cast(report, 5) == ["HARBOUR MAN", "A", "ODILE"]
    harbour = next(m for m in report.cast if m.name == "HARBOUR MAN")
    assert harbour.scenes == 1


CHASE = """\
EXT. DOCKS - NIGHT

ODILE runs to her car.

ODILE
Come on.

INT. ODILE'S CAR - MOVING - NIGHT

She floors it past the cranes.

EXT. BRIDGE - NIGHT

The car crosses. Nobody follows.
"""


def test_a_scene_that_names_nobody_carries_the_one_character_of_the_scene_before(
    tmp_path: Path,
) -> None:
    path = tmp_path / "chase.fountain"
    path.write_text(CHASE, encoding="utf-8")
    screenplay = api.open_script(path)
    report = api.breakdown(screenplay)
    carried = report.scenes[1].elements["cast"]
    assert [(e.name, e.line, e.implied, e.source) for e in carried] == [("ODILE", 10, True, "rule")]
    assert _cast(report, 2) == []  # no "She" or "He": nobody carried
    assert cast_ids(screenplay) == {m.name: m.id for m in report.cast}
    assert next(m for m in report.cast if m.name == "ODILE").scenes == 2


KIN = """\
INT. WAREHOUSE - NIGHT

Two thugs wait by the crates.

THUG 1
Late again.

THUG 2
As usual.

THUG 2
Always.

THUG 2
Every time.

INT. HALL - DAY

MR. HOLT sorts the post.

MR. HOLT
Bills.

INT. PHONE BOOTH - DAY

MR. HOLT
Hello?

MRS. HOLT (V.O.)
Come home.

MR. HOLT
Soon.
"""


def test_numbered_and_titled_speakers_one_letter_apart_are_two_people(tmp_path: Path) -> None:
    # THUG 1 was taken for a misspelt THUG 2, and MRS. HOLT for a misspelt MR. HOLT.
    path = tmp_path / "kin.fountain"
    path.write_text(KIN, encoding="utf-8")
    report = api.breakdown(api.open_script(path))
    assert _cast(report, 0) == ["THUG 1", "THUG 2"]
    assert _cast(report, 2) == ["MR. HOLT", "MRS. HOLT"]


def test_thousands_of_one_scene_cues_are_checked_for_misspellings_in_linear_time(
    tmp_path: Path,
) -> None:
    # Each one-scene cue was compared with every name: 2,000 of them took 6 s CPU, 6,000 about
    # ten times that. The alarm is generous, not a timing.
    from tests.script.test_adversarial_inputs import alarm

    letters = "BCDFGHKLMNPRSTVZ"
    names = [
        "".join(letters[(i >> shift) & 15] for shift in (0, 4, 8, 12)) + "O" for i in range(6000)
    ]
    path = tmp_path / "crowd.fountain"
    path.write_text(
        "".join(
            f"INT. ROOM {i} - DAY\n\nA chair.\n\n{name}\nHi.\n\n" for i, name in enumerate(names)
        )
        + "INT. HALL - DAY\n\nQUJYA\nHi.\n\nQUJYO waves. QUJYO sits. QUJYO waits.\n",
        encoding="utf-8",
    )
    screenplay = api.open_script(path)
    with alarm(20):
        ids = cast_ids(screenplay)
    assert len(ids) == 6001 and "QUJYO" in ids  # QUJYA is the often-written QUJYO misspelt


STRANGER = """\
INT. KITCHEN - DAY

ODILE
Too many onions.

EXT. DOCKS - NIGHT

A night watchman walks his rounds. He yawns.

INT. OFFICE - DAY

Two clerks argue. She slams a drawer.
"""


def test_a_pronoun_after_an_unnamed_person_carries_nobody(tmp_path: Path) -> None:
    # The watchman's "He" put the kitchen's only character on the docks, and then in the office.
    path = tmp_path / "stranger.fountain"
    path.write_text(STRANGER, encoding="utf-8")
    screenplay = api.open_script(path)
    report = api.breakdown(screenplay)
    assert [_cast(report, i) for i in range(3)] == [["ODILE"], [], []]
    assert cast_ids(screenplay) == {"ODILE": 1}


def test_a_joint_cue_of_a_couple_gives_the_bare_title_the_surname() -> None:
    # "MR. AND MRS. HOLT" was a speaker "MR" and MRS. HOLT, with MR. HOLT lost.
    assert cast_names("MR. AND MRS. HOLT (V.O.)") == ["MR. HOLT", "MRS. HOLT"]
    assert cast_names("DR. & MRS. HOLT") == ["DR. HOLT", "MRS. HOLT"]
    assert cast_names("KIM AND ALL") == ["KIM"]


def test_a_character_named_by_their_own_body_is_on_screen(tmp_path: Path) -> None:
    # "Bram's eyes narrow" was read as Bram owning a thing, so Bram was not in the scene.
    path = tmp_path / "body.fountain"
    path.write_text(
        "INT. HALL - DAY\n\nBRAM\nHi.\n\nEXT. YARD - DAY\n\nBram's eyes narrow.\n\n"
        "EXT. LANE - DAY\n\nBram's hand trembles on the latch.\n\n"
        "EXT. SHED - DAY\n\nBram's scarf hangs on a nail.\n",
        encoding="utf-8",
    )
    report = api.breakdown(api.open_script(path))
    assert [_cast(report, i) for i in range(4)] == [["BRAM"], ["BRAM"], ["BRAM"], []]


def test_many_joint_cues_of_a_couple_are_placed_in_linear_time(tmp_path: Path) -> None:
    # The split "MR. HOLT" of "MR. AND MRS. HOLT" is not in the text: each of its cues searched
    # the whole scene for it, 18 s CPU for 300 such cues. The alarm is generous, not a timing.
    from tests.script.test_adversarial_inputs import alarm

    path = tmp_path / "couple.fountain"
    path.write_text(
        "INT. HALL - DAY\n\n" + "MR. AND MRS. HOLT\nYes.\n\n" * 2000 + "A clock ticks.\n",
        encoding="utf-8",
    )
    screenplay = api.open_script(path)
    with alarm(10):
        report = api.breakdown(screenplay)
    assert [(e.name, e.line) for e in report.scenes[0].elements["cast"]] == [
        ("MR. HOLT", 3),
        ("MRS. HOLT", 3),
    ]


def test_a_pronoun_other_than_the_one_the_scene_before_used_carries_nobody(tmp_path: Path) -> None:
    # Odile, "she" in the kitchen, was carried into the next scene by its "He".
    path = tmp_path / "other.fountain"
    path.write_text(
        "INT. KITCHEN - DAY\n\nODILE chops onions. She hums.\n\nODILE\nToo many.\n\n"
        "EXT. FARM - DAY\n\nHe feeds the hens.\n\n"
        "EXT. LANE - DAY\n\nShe hurries past the hedge.\n",
        encoding="utf-8",
    )
    screenplay = api.open_script(path)
    report = api.breakdown(screenplay)
    assert [_cast(report, i) for i in range(3)] == [["ODILE"], [], []]
    assert cast_ids(screenplay) == {"ODILE": 1}
