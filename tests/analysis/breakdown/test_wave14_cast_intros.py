"""Wave 14: parts introduced in capitals without an age (a kind of person after a determiner, or
a name followed by a description of a person) are cast; a copula, a line in capitals, a place
in capitals and a speaker already known are not new parts."""

from __future__ import annotations

from pathlib import Path

from assistant.analysis.breakdown.roles import names_one_person
from tests.analysis.breakdown.written import breakdown_of, element_names

SCRIPT = """\
INT. TOWER LOBBY - NIGHT

Odile waits. A UNIFORMED WATCHMAN unlocks the gate and turns to his
DEPUTY, who shrugs.

ODILE
Top floor.

INT. BACK OFFICE - NIGHT

VARGAS, a stooped man with ink on his cuffs, files a ledger.

ODILE
Any word?

EXT. QUAY - NIGHT

The figure by the rail is a SAILOR. IN THE FOG, a lamp swings.
THE CRANES SWING OVER A DOCKER AND HIS CART.

ODILE
Nobody.

INT. CABIN - NIGHT

A NERVOUS PILOT grips the wheel.

PILOT
Hold on!
"""


def _cast(tmp_path: Path) -> list[list[str]]:
    report = breakdown_of(tmp_path, SCRIPT)
    return [[e.name for e in sheet.elements["cast"]] for sheet in report.scenes]


def test_a_kind_of_person_in_capitals_after_a_determiner_is_cast(tmp_path: Path) -> None:
    assert _cast(tmp_path)[0] == ["ODILE", "UNIFORMED WATCHMAN", "DEPUTY"]


def test_a_name_in_capitals_described_as_a_person_is_cast(tmp_path: Path) -> None:
    assert sorted(_cast(tmp_path)[1]) == ["ODILE", "VARGAS"]


def test_a_copula_a_line_in_capitals_and_a_place_introduce_no_one(tmp_path: Path) -> None:
    assert _cast(tmp_path)[2] == ["ODILE"]


def test_an_introduced_part_who_then_speaks_is_that_speaker(tmp_path: Path) -> None:
    assert _cast(tmp_path)[3] == ["PILOT"]


def test_a_kind_of_person_is_singular() -> None:
    assert names_one_person("DOORMAN") and names_one_person("guard")
    assert not names_one_person("SOLDIERS") and not names_one_person("LEDGER")


def test_things_and_animals_in_man_are_no_person() -> None:
    for word in ("OTTOMAN", "DOBERMAN", "TALISMAN", "SNOWMAN", "GERMAN"):
        assert not names_one_person(word), word
    assert names_one_person("FERRYMAN")


def test_a_thing_in_man_in_capitals_introduces_no_one(tmp_path: Path) -> None:
    script = (
        "INT. BRAM'S FLAT - NIGHT\n\nOdile kicks the OTTOMAN aside. A DOBERMAN growls and a "
        "WALKMAN hisses on the sill. A FERRYMAN waves.\n\nODILE\nQuiet.\n"
    )
    assert element_names(tmp_path, script, "cast") == ["ODILE", "FERRYMAN"]


def test_a_name_a_picture_shows_is_not_on_screen(tmp_path: Path) -> None:
    script = (
        "INT. HALL - DAY\n\nBRAM\nHere.\n\nINT. ATTIC - NIGHT\n\nOdile finds a photo of Bram "
        "by the window.\n\nODILE\nStill here.\n"
    )
    assert element_names(tmp_path, script, "cast", scene=1) == ["ODILE"]
