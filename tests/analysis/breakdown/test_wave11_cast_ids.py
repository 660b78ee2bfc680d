"""One numbering of the cast for the breakdown's sheets, the stripboard and the day-out-of-days
(wave 11): the stripboard numbered speakers only, so a character on screen without a line (found
by a description or the She/He carry) had no strip ID and shifted everyone else's."""

from __future__ import annotations

from pathlib import Path

from assistant import api
from assistant.analysis.breakdown import cast_ids
from assistant.analysis.schedule.strips import build_strips

FIXTURE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "breakdown" / "wave11_cast_ids.fountain"
)


def test_the_stripboard_numbers_the_cast_as_the_breakdown_does() -> None:
    screenplay = api.open_script(FIXTURE)
    report = api.breakdown(screenplay)
    ids = {member.name: member.id for member in report.cast}
    assert ids == {"ODILE": 1, "WREN": 2, "BRAM": 3}  # Odile never speaks, but is in 3 scenes
    strips, cast = build_strips(screenplay)
    assert [(m.id, m.name, m.scenes) for m in cast] == [
        (m.id, m.name, m.scenes) for m in report.cast
    ]
    assert cast_ids(screenplay) == ids
    sheets = {sheet.index: sheet for sheet in report.scenes}
    for strip in strips:
        expected = sorted(ids[e.name] for e in sheets[strip.index].elements["cast"])
        assert strip.cast == expected, strip.heading
    assert [strip.cast for strip in strips] == [[2, 3], [1], [1], [1], [2]]
