"""Parts written after a heading's time of day: a set stays in the location.

``split_tail`` takes everything after a plain time (``DAY``, ``NIGHT``) off the location: a shot,
its subject, tags such as ``MOVING`` or a year. A part that names a set (``KITCHEN``) is still the
place a line producer schedules, whichever side of the time it is written on.
"""

from __future__ import annotations

import pytest

from assistant.script import heading_parts
from assistant.script.heading_parts import split_heading
from assistant.script.plaintext import parse_plain
from assistant.script.stats import compute_stats


@pytest.mark.parametrize(
    ("text", "location", "time", "tags"),
    [
        ("INT. HOUSE - NIGHT - KITCHEN", "HOUSE - KITCHEN", "NIGHT", []),
        ("EXT. DAY CARE - DAY - PLAYGROUND", "DAY CARE - PLAYGROUND", "DAY", []),
        ("INT. PLANE - NIGHT - COCKPIT", "PLANE - COCKPIT", "NIGHT", []),
        ("INT. HOUSE - NIGHT - UPSTAIRS HALLWAY", "HOUSE - UPSTAIRS HALLWAY", "NIGHT", []),
        ("INT. SCHOOL - DAY - GYM (FLASHBACK)", "SCHOOL - GYM", "DAY", ["FLASHBACK"]),
        ("EXT. FARM - DAWN - BARN - MOVING", "FARM - BARN", "DAWN", ["MOVING"]),
        # What is no set still comes off, as before.
        ("INT. VAN - DAY - MOVING", "VAN", "DAY", ["MOVING"]),
        ("EXT. MILL - DUSK - 1971", "MILL", "DUSK", ["1971"]),
    ],
)
def test_a_set_after_the_time_stays_in_the_location(
    text: str, location: str, time: str, tags: list[str]
) -> None:
    tail = split_heading(text).tail
    assert (tail.location, tail.time_of_day, tail.tags) == (location, time, tags)


def test_a_set_written_after_the_time_is_counted_with_the_same_set_before_it() -> None:
    script = parse_plain(
        "INT. HOUSE - NIGHT - KITCHEN\n\nThe kettle boils.\n\n"
        "INT. HOUSE - KITCHEN - DAY\n\nThe kettle is cold.\n\n"
        "INT. HOUSE - NIGHT - BEDROOM\n\nThe lamp goes out.\n"
    )
    names = sorted(location.name for location in compute_stats(script).locations)
    assert names == ["HOUSE - BEDROOM", "HOUSE - KITCHEN"]


@pytest.mark.parametrize(
    ("text", "location", "number"),
    [
        ("INT. HOTEL - NIGHT - ROOM 12", "HOTEL - ROOM 12", None),
        ("INT. SHIP - DAY - CABIN 4B", "SHIP - CABIN 4B", None),
        # A number after what comes off anyway is still the scene number.
        ("INT. MILL - DAY - CONTINUED 41", "MILL", "41"),
    ],
)
def test_a_numbered_set_after_the_time_keeps_its_number(
    text: str, location: str, number: str | None
) -> None:
    parts = split_heading(text)
    assert (parts.tail.location, parts.number) == (location, number)
    heading = parse_plain(f"{text}\n\nThe door is shut.\n").scenes[0].heading
    assert heading is not None
    assert (heading.location, heading.scene_number) == (location, number)


def test_a_long_tail_after_the_time_reads_each_part_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # A hostile heading line of thousands of parts: asking again for every part whether a plain
    # time stands before it made the reading quadratic (a 200 KB heading line took seconds).
    calls = []
    original = heading_parts._is_plain_time

    def counted(part: str) -> bool:
        calls.append(part)
        return original(part)

    monkeypatch.setattr(heading_parts, "_is_plain_time", counted)
    parts = ["HOUSE", *["HALL X"] * 300, "NIGHT", *["MOVING"] * 300]
    tail = heading_parts.split_tail(" - ".join(parts), has_prefix=True)
    assert (tail.time_of_day, len(tail.tags)) == ("NIGHT", 300)
    assert len(calls) <= len(parts)


@pytest.mark.parametrize(
    ("text", "location", "time"),
    [
        # Scripts without INT/EXT often write the time as a last word, without a dash.
        ("ORCHARD DAY", "ORCHARD", "DAY"),
        ("OUTSIDE THE GRANARY NIGHT", "OUTSIDE THE GRANARY", "NIGHT"),
        ("MIREILLE'S ATTIC DUSK", "MIREILLE'S ATTIC", "DUSK"),
        # Only a plain time word, and only after a word that can name a place.
        ("LATER THAT NIGHT", "LATER THAT NIGHT", None),
        ("THE NEXT MORNING", "THE NEXT MORNING", None),
        ("BOATHOUSE LATER", "BOATHOUSE LATER", None),
        ("NIGHT", "NIGHT", None),
        # With a prefix any time word still ends it (as before).
        ("EXT. BOATHOUSE LATER", "BOATHOUSE", "LATER"),
    ],
)
def test_a_last_word_names_the_time_without_a_dash(
    text: str, location: str, time: str | None
) -> None:
    tail = split_heading(text).tail
    assert (tail.location, tail.time_of_day) == (location, time)
