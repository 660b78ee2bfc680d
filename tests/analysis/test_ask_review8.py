"""Defects found reviewing wave 8's chat changes (first names, and what they read)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant.analysis.ask.service import Asker
from assistant.script.fountain import parse_fountain
from assistant.script.reading import finish_screenplay
from tests.conftest import REPO_ROOT
from tests.fakes import FakeTextModel, fake_settings

DATA = REPO_ROOT / "scripts" / "data"
_WORDS = re.compile(r"[a-z0-9']+")


def test_a_long_hyphenated_run_is_read_for_a_first_name_in_linear_time(
    model: FakeTextModel,
) -> None:
    # The word before a cue started at every capital after a hyphen of "Ab-Ab-Ab-..." and read
    # the run to its end each time: 24,000 characters took 2.5 s CPU, 150,000 several minutes.
    # The alarm is generous, not a timing.
    from tests.script.test_adversarial_inputs import alarm

    text = "INT. ROOM - DAY\n\nThe sign reads " + "Ab-" * 50000 + " and Hooper nods.\n"
    text += "\nHOOPER\nMorning.\n"
    asker = Asker(finish_screenplay(parse_fountain(text)), fake_settings(), use_llm=False)
    with alarm(30):
        answer = asker.ask("What is Hooper's first name?")
    assert answer.abstained and "never gives Hooper's first name" in answer.answer


_KITCHEN = """\
INT. KITCHEN - NIGHT

Nell Toll pours coffee for her husband.

NELL
Drink up.

TOLL
Thanks, love.

EXT. PIER - DAY

Toll coils a rope.
"""


def test_another_characters_cue_before_a_surname_is_not_the_first_name(
    model: FakeTextModel,
) -> None:
    # "Nell Toll" is Nell's name (NELL speaks): Toll's first name was answered "Nell".
    asker = Asker(finish_screenplay(parse_fountain(_KITCHEN)), fake_settings(), use_llm=False)
    answer = asker.ask("What is Toll's first name?")
    assert answer.abstained and "never gives Toll's first name" in answer.answer, answer.answer


_WALL = """\
EXT. SEAWALL - DAY

Toll slaps the crumbling wall.

TOLL
Fixing it would cost a hundred thousand, easy.
"""


def test_a_hundred_thousand_is_a_sum(model: FakeTextModel) -> None:
    # "six hundred thousand" was made a sum, "a hundred thousand" was not: "name no money".
    asker = Asker(finish_screenplay(parse_fountain(_WALL)), fake_settings(), use_llm=False)
    answer = asker.ask("How much would fixing the wall cost?")
    assert not answer.abstained and "a hundred thousand" in answer.answer, answer.answer


_FERRY = """\
EXT. DOCK - DAY

Lena Hooper steps off the ferry with a diving bag. Toll waves from the pier.

HOOPER
Morning.
"""


def test_a_given_name_is_asked_as_a_first_name(model: FakeTextModel) -> None:
    # "given name" read "given" as a thing: "the script never mentions a given".
    asker = Asker(finish_screenplay(parse_fountain(_FERRY)), fake_settings(), use_llm=False)
    answer = asker.ask("What is Hooper's given name?")
    assert not answer.abstained and "Lena Hooper" in answer.answer, answer.answer


_SEA = """\
EXT. HARBOUR - NIGHT

Ivo coils a rope.

EXT. TRAWLER - OPEN SEA - NIGHT - IVO AT THE RAIL

Ivo squints into the spray.

EXT. TRAWLER - DECK - DAY

Ivo sleeps.
"""


def test_a_time_left_in_a_heading_location_is_the_scenes_time(model: FakeTextModel) -> None:
    # NIGHT left in the location was no place any more, but the scene was no night scene
    # either (its time read "IVO AT THE RAIL"): one night exterior of two was counted.
    asker = Asker(finish_screenplay(parse_fountain(_SEA)), fake_settings(), use_llm=False)
    answer = asker.ask("How many night exteriors are there?")
    assert answer.path == "tool" and "has 2 night exterior scenes" in answer.answer, answer.answer


TUNING_FILES = [
    "ask_dev.v1.jsonl",
    "ask_report.v2.jsonl",
    "ask_tune.v3.jsonl",
    "ask_tune.v4.jsonl",
    "ask_tune.v5.jsonl",
    "ask_tune.v6.jsonl",
    "ask_report.v3.jsonl",
    "ask_report.v4.jsonl",
    "ask_report.v5.jsonl",
]


@pytest.mark.shared_data
@pytest.mark.parametrize("name", TUNING_FILES)
def test_no_tuning_question_or_answer_holds_five_words_in_a_row_of_its_script(
    shared_data_dir: Path, name: str
) -> None:
    # Questions and reference answers are in our own words: v6 ja-10's answer was five words
    # in a row of its script.
    folder = shared_data_dir / "labeled" / "tripod" / "screenplays"
    rows = [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines()]
    texts: dict[str, str] = {}
    quoted = []
    for row in rows:
        script = str(row["script"])
        if script not in texts:
            path = folder / "test" / script
            path = path if path.is_file() else folder / "train" / script
            words = _WORDS.findall(path.read_text(encoding="utf-8", errors="replace").lower())
            texts[script] = f" {' '.join(words)} "
        for field in ("question", "answer"):
            words = _WORDS.findall(str(row.get(field, "")).lower())
            runs = (" ".join(words[i : i + 5]) for i in range(len(words) - 4))
            quoted += [(row["id"], field) for run in runs if f" {run} " in texts[script]]
    assert not quoted


_HOUSE = """\
EXT. DOCK - DAY

Lena Hooper steps off the ferry with a diving bag.

HOOPER
Morning.

INT. HOOPER HOUSE - NIGHT

Hooper's wife, Ada, sets the table.

HOOPER
Smells good.
"""


@pytest.mark.parametrize(
    "question", ["What is the first name of Hooper's wife?", "What is Hooper's wife's first name?"]
)
def test_the_first_name_of_someone_of_the_character_is_not_the_characters(
    model: FakeTextModel, question: str
) -> None:
    # Both were answered with Hooper's own first name, "Lena Hooper ...".
    asker = Asker(finish_screenplay(parse_fountain(_HOUSE)), fake_settings(), use_llm=False)
    answer = asker.ask(question)
    assert "Lena" not in answer.answer, answer.answer
    assert asker.ask("What's Hooper's first name?").answer.startswith("Lena Hooper")


_SHUTTLE = """\
INT. SHUTTLE - DAY

Leonard McCoy boards the shuttle. Nia O'Hara waves him to a seat.

MCCOY
Crowded.

O'HARA
Sit.
"""


@pytest.mark.parametrize(("cue", "first"), [("McCoy", "Leonard"), ("O'Hara", "Nia")])
def test_a_first_name_before_a_surname_with_an_inner_capital(
    model: FakeTextModel, cue: str, first: str
) -> None:
    # The cue was looked for as "Mccoy", "O'hara": "the script never gives McCoy's first name".
    asker = Asker(finish_screenplay(parse_fountain(_SHUTTLE)), fake_settings(), use_llm=False)
    answer = asker.ask(f"What is {cue}'s first name?")
    assert not answer.abstained and f"{first} {cue}" in answer.answer, answer.answer


_HOLD = """\
INT. CARGO HOLD - NIGHT

Toll swings a lamp through the dark.

TOLL
Where's Hooper? Hooper!

HOOPER
Here.
"""


def test_a_contraction_before_the_cue_is_no_first_name(model: FakeTextModel) -> None:
    # "Where's Hooper?" gave Hooper the first name "Where's".
    asker = Asker(finish_screenplay(parse_fountain(_HOLD)), fake_settings(), use_llm=False)
    answer = asker.ask("What is Hooper's first name?")
    assert answer.abstained and "never gives Hooper's first name" in answer.answer, answer.answer


_PORCH = """\
EXT. PORCH - DAY

Toll tips his hat.

TOLL
Mornin' Hooper.

HOOPER
Evenin' already.
"""


def test_a_clipped_greeting_before_the_cue_is_no_first_name(model: FakeTextModel) -> None:
    # "Mornin' Hooper." gave Hooper the first name "Mornin'".
    asker = Asker(finish_screenplay(parse_fountain(_PORCH)), fake_settings(), use_llm=False)
    answer = asker.ask("What is Hooper's first name?")
    assert answer.abstained and "never gives Hooper's first name" in answer.answer, answer.answer


def test_a_long_run_of_titles_is_joined_in_linear_time(model: FakeTextModel) -> None:
    # Each "Dr." joined to the sentence after it was searched again whole for a title at its end:
    # 100,000 characters of "Dr. Dr. ..." took 39 s CPU to read. The alarm is generous, not a
    # timing.
    from tests.script.test_adversarial_inputs import alarm

    text = "INT. ROOM - DAY\n\n" + "Dr. " * 50000 + "Hooper waves.\n\nHOOPER\nHi.\n"
    with alarm(30):
        asker = Asker(finish_screenplay(parse_fountain(text)), fake_settings(), use_llm=False)
        answer = asker.ask("Who waves?")
    assert answer.scenes and answer.scenes[0].index == 0
