"""Defects a reviewer found in the cast rules (wave 10), each on fixture text written for it
(``tests/fixtures/breakdown/review_cast.fountain``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import api
from assistant.analysis.breakdown import cast_ids
from assistant.analysis.breakdown.cast import in_another_time
from assistant.analysis.breakdown.model import BreakdownReport
from assistant.analysis.schedule.strips import build_strips
from assistant.script.model import Scene, SceneHeading, Screenplay

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "breakdown" / "review_cast.fountain"


@pytest.fixture(scope="module")
def screenplay() -> Screenplay:
    return api.open_script(FIXTURE)


@pytest.fixture(scope="module")
def report(screenplay: Screenplay) -> BreakdownReport:
    return api.breakdown(screenplay)


def _cast(report: BreakdownReport, heading: str, nth: int = 0) -> list[str]:
    scenes = [s for s in report.scenes if s.heading == heading]
    return [element.name for element in scenes[nth].elements["cast"]]


def test_taking_a_thing_from_someone_keeps_them_in_the_scene(report: BreakdownReport) -> None:
    # "snatches the envelope from Bram": Bram holds it, so he is there (not a sender's name).
    assert _cast(report, "INT. SORTING ROOM - LATER") == ["WREN", "BRAM"]


def test_the_addressee_on_the_phone_is_not_in_the_scene(report: BreakdownReport) -> None:
    # "(into the phone, to Bram)": Bram hears it elsewhere.
    assert _cast(report, "INT. PANTRY - NIGHT") == ["WREN"]


def test_the_pronoun_carry_resumes_after_a_flashback(
    report: BreakdownReport, screenplay: Screenplay
) -> None:
    assert _cast(report, "EXT. ORCHARD - DAY - FLASHBACK") == []  # someone else's past
    # Back in the present, "She" is the orchard's Odile again, as before the flashback.
    assert _cast(report, "EXT. ORCHARD - DAY", 1) == ["ODILE"]
    carried = [s for s in report.scenes if s.heading == "EXT. ORCHARD - DAY"][1]
    assert carried.elements["cast"][0].source == "rule"
    assert cast_ids(screenplay) == {member.name: member.id for member in report.cast}


def test_pronoun_cues_are_no_cast_members(report: BreakdownReport, screenplay: Screenplay) -> None:
    assert _cast(report, "INT. CELLAR - NIGHT") == ["WREN"]
    assert all(member.name not in ("IT", "HER") for member in report.cast)
    # The stripboard numbered its cast from the cues as written: IT and HER got cast IDs.
    strips, cast = build_strips(screenplay)
    assert [member.name for member in cast] == ["WREN", "BRAM", "ODILE"]
    cellar = next(strip for strip in strips if strip.heading == "INT. CELLAR - NIGHT")
    assert cellar.cast == [1]


def test_a_dream_is_another_time_like_a_flashback(report: BreakdownReport) -> None:
    # The heading's tag in any dream-like wording: a daydream carries nobody in ...
    assert _cast(report, "INT. ATTIC - DAY (DAYDREAM)") == []
    assert _cast(report, "INT. ATTIC - LATER") == ["WREN"]  # ... and awake it is the cellar's Wren
    for tag in ("DREAM SEQUENCE", "DREAMING", "NIGHTMARE", "FANTASY", "FLASH FORWARD"):
        heading = SceneHeading(text=f"INT. ATTIC - NIGHT - {tag}", tags=[tag])
        assert in_another_time(Scene(heading=heading, elements=[])), tag
    present = SceneHeading(text="INT. DREAM CAFE - NIGHT", location="DREAM CAFE")
    assert not in_another_time(Scene(heading=present, elements=[]))  # a place's name
