"""Review of wave 14: hostile scene texts finish, names found whole, answers cite their scenes,
tool questions read right (our own invented scripts and names)."""

from __future__ import annotations

from assistant.analysis.ask.answer_checks import person_named
from assistant.analysis.ask.answer_types import type_bonus
from assistant.analysis.ask.fact_kinds import asked_kind
from assistant.analysis.ask.introductions import introduction
from assistant.analysis.ask.script_facts import ScriptFacts, script_facts
from assistant.analysis.ask.service import Asker
from assistant.script.fountain import parse_fountain
from assistant.script.reading import finish_screenplay
from tests.alarms import alarm
from tests.fakes import FakeTextModel, fake_settings

ALARM_SECONDS = 20
"""Linear code needs well under a second here on a loaded 2-core machine; the quadratic
patterns took seconds on a fraction of these texts (nothing here times the speed)."""


def _facts(text: str) -> ScriptFacts:
    return script_facts(finish_screenplay(parse_fountain(text)))


def test_a_long_run_of_comma_separated_digits_finishes_the_duration_search() -> None:
    hostile = "1," * 40_000  # 80 KB: 5 s for 20 KB before the fix
    text = (
        "INT. BRAM'S ATTIC - NIGHT\n\nBram counts: " + hostile + "\n\n"
        "INT. ODILE'S KITCHEN - DAY\n\nOdile waits 10 minutes for the kettle.\n"
    )
    facts = _facts(text)
    with alarm(ALARM_SECONDS):
        bonus = type_bonus("How long does Odile wait?", facts)
    kitchen = next(s.index for s in facts.scenes if "KITCHEN" in s.heading)
    attic = next(s.index for s in facts.scenes if "ATTIC" in s.heading)
    assert bonus.get(kitchen, 0.0) > 0.0
    assert bonus.get(attic, 0.0) == 0.0


def test_a_long_hyphenated_capital_run_finishes_the_age_search() -> None:
    found = asked_kind("How old is Odile?")
    assert found is not None and found[0] == "an age"
    pattern = found[1]
    hostile = "A-" * 100_000  # 200 KB: 1.4 s for 40 KB before the fix, quadratic
    with alarm(ALARM_SECONDS):
        assert pattern.search(hostile + " dust") is None
        match = pattern.search(hostile + " Odile, twenty-six, sweeps the step.")
    assert match is not None and "twenty-six" in match.group(0)


_TITLED = """\
INT. TEA ROOM - DAY

MRS. GREEN (70s) pours tea for Bram.

MRS. GREEN
Milk?

INT. GARDEN - DAY

MRS. PATEL (60s), a retired pilot with a bad knee, prunes the roses.

MRS. PATEL
They never listen.
"""


def test_a_titled_cue_is_introduced_where_its_whole_name_is_first_written() -> None:
    facts = _facts(_TITLED)
    found = introduction(facts, "MRS. PATEL")
    assert found is not None
    index, position = found
    assert "GARDEN" in facts.scenes[index].heading
    assert "retired pilot" in facts.scenes[index].units[position].text


def test_a_character_introduced_in_the_headless_opening_is_found_there() -> None:
    text = (
        "FADE IN:\n\nRain drums on a tin roof while ODILE (20s), a courier soaked to the bone, "
        "pedals hard along the empty coast road.\n\n"
        "EXT. LIGHTHOUSE - NIGHT\n\nODILE leans her bike against the wall.\n"
    )
    facts = _facts(text)
    found = introduction(facts, "ODILE")
    assert found is not None
    index, position = found
    assert not facts.scenes[index].heading
    assert "courier" in facts.scenes[index].units[position].text


_HARBOUR = """\
INT. BOATHOUSE - DAY

BRAM (40s), a boat builder with tar on his sleeves, planes a plank.

BRAM
Nearly done.

EXT. HARBOUR WALL - NIGHT

Odile waits by the lamp. Bram rows in late, Bram ties up, Bram the boat builder climbs the wall.

ODILE
You're late, Bram.
"""


def test_who_is_cites_the_introductions_scene_and_the_best_lines_scene(
    model: FakeTextModel,
) -> None:
    asker = Asker(finish_screenplay(parse_fountain(_HARBOUR)), fake_settings(), use_llm=False)
    answer = asker.ask("Who is Bram?")
    assert not answer.abstained, answer.answer
    quoted = {q.scene for q in answer.quotes}
    assert len(quoted) == 2, answer.answer
    assert "BOATHOUSE" in answer.answer and "HARBOUR WALL" in answer.answer, answer.answer


_MILL = """\
INT. MILL - DAY

Odile grinds the flour while Bram watches.

BRAM
Slower.

EXT. MILL POND - DAY

Bram skims stones. Odile sits on the bank.

INT. MILL LOFT - NIGHT

ODILE
Who took the lamp?

Bram shrugs.
"""


def test_silent_scenes_are_the_opposite_of_speaking_ones(model: FakeTextModel) -> None:
    asker = Asker(finish_screenplay(parse_fountain(_MILL)), fake_settings(), use_llm=False)
    speaks = asker.ask("In how many scenes does Bram speak?")
    assert "has 1 scene" in speaks.answer, speaks.answer
    silent = asker.ask("In how many scenes is Bram present without speaking?")
    assert "has 2 scenes" in silent.answer and "does not speak" in silent.answer, silent.answer
    for question in (
        "In how many scenes does Bram never speak?",
        "How many scenes is Bram in but doesn't speak?",
    ):
        assert "has 2 scenes" in asker.ask(question).answer, question


def test_scenes_that_took_place_at_a_place_are_no_count_of_locations(
    model: FakeTextModel,
) -> None:
    asker = Asker(finish_screenplay(parse_fountain(_MILL)), fake_settings(), use_llm=False)
    locations = asker.ask("How many different places are there?")
    assert "3 distinct locations" in locations.answer, locations.answer
    took = asker.ask("How many scenes took place at night?")  # names no location
    assert "has 1 night scene" in took.answer, took.answer


def test_a_heading_parts_last_two_words_are_of_the_part_not_the_dash() -> None:
    facts = _facts(
        "INT. ODILE FARM - KITCHEN - NIGHT\n\nOdile bakes.\n\n"
        "INT. NORTH QUAY BOAT SHED - DAY\n\nBram hammers.\n"
    )
    assert facts.find_locations("What happens in the kitchen?") == ["KITCHEN"]
    assert facts.find_locations("Scenes in the boat shed?") == ["BOAT SHED"]


def test_a_blank_cue_names_no_one() -> None:
    assert person_named("What is the name of the one?", [" "], lambda word: False) is None
