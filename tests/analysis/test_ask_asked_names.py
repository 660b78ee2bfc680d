"""Abstaining when the kind of name asked for is not in the line that would answer (wave 14b,
found on v5 as tuning data), on text of our own: a surname "before she married" is a maiden
name; a first name after a title in the cue ("Coach Harvey") is still to be found; a
character known by a description ("ADA'S UNCLE") or asked for a "real name" needs a line that
names them; a word of the question ("the Danish bakery") names nothing; and "which college"
needs a line that names one."""

from __future__ import annotations

from assistant.analysis.ask.answer_checks import person_named, thing_named
from assistant.analysis.ask.first_names import untitled
from assistant.analysis.ask.proper_names import asked_named_kind, holds_proper_name
from assistant.analysis.ask.service import Asker
from assistant.script.fountain import parse_fountain
from assistant.script.reading import finish_screenplay
from tests.fakes import FakeTextModel, fake_settings


def _asker(text: str) -> Asker:
    return Asker(finish_screenplay(parse_fountain(text)), fake_settings(), use_llm=False)


_KITCHEN = """\
INT. BRANDT KITCHEN - NIGHT

Ada and Ivo Brandt lay the table for six. Ada Brandt lights the candles.

ADA
Sit anywhere, the soup is nearly done.

ADA'S UNCLE
I will sit by the window, the soup can wait.

COACH PELL
Eat up, the game is early tomorrow at the college.

ADA
I start college in the spring, at the bakery I still work evenings.

The Danish bakery smells of cardamom when Ada locks up.
"""


def test_a_surname_before_a_marriage_is_a_maiden_name(model: FakeTextModel) -> None:
    # "Ada Brandt" answered what Ada's surname was before she married Ivo: the script gives
    # only the married one.
    answer = _asker(_KITCHEN).ask("What was Ada's surname before she married Ivo?")
    assert answer.abstained and "never gives Ada's maiden name" in answer.answer, answer.answer


def test_a_title_in_the_cue_is_no_first_name(model: FakeTextModel) -> None:
    assert untitled("COACH PELL") == "PELL" and untitled("DR MAREN VOSS") == "MAREN VOSS"
    assert untitled("COACH") == "COACH"
    answer = _asker(_KITCHEN).ask("What is Coach Pell's first name?")
    assert answer.abstained and "first name" in answer.answer, answer.answer


def test_a_first_name_before_a_titled_cue_is_found(model: FakeTextModel) -> None:
    text = _KITCHEN + "\nMarta Pell blows the whistle twice.\n"
    answer = _asker(text).ask("What is Coach Pell's first name?")
    assert not answer.abstained and "Marta Pell" in answer.answer, answer.answer


def test_a_described_character_needs_a_line_that_names_them(model: FakeTextModel) -> None:
    assert person_named("What is Ada's uncle's name?", ["ADA'S UNCLE"], lambda w: False) == "uncle"
    assert person_named("What is Ada's real name?", ["ADA"], lambda w: False) == "ada"
    assert person_named("What is Ada's name?", ["ADA"], lambda w: False) is None
    answer = _asker(_KITCHEN).ask("What is Ada's uncle's name?")
    assert answer.abstained and "name" in answer.answer, answer.answer
    named = _KITCHEN + "\nThe uncle of Ada, Bartek, clears the plates.\n"
    found = _asker(named).ask("What is Ada's uncle's name?")
    assert not found.abstained and "Bartek" in found.answer, found.answer


def test_a_real_name_needs_more_than_the_name_used(model: FakeTextModel) -> None:
    answer = _asker(_KITCHEN).ask("What is Ada's real name?")
    assert answer.abstained, answer.answer


def test_a_word_of_the_question_names_nothing(model: FakeTextModel) -> None:
    # "Danish" stands beside "bakery", but the question says it: it names no bakery.
    answer = _asker(_KITCHEN).ask("What is the name of the Danish bakery where Ada works?")
    assert answer.abstained and "give no bakery a name" in answer.answer, answer.answer


def test_the_thing_ends_where_a_clause_with_a_name_starts() -> None:
    asked = "What is the name of the song Ada sings at the wake?"
    assert thing_named(asked, {"ada"}) == "song"
    assert thing_named("What is the name of Ada's dog?", {"ada"}) == "dog"


def test_which_college_needs_a_line_that_names_one(model: FakeTextModel) -> None:
    assert asked_named_kind("Which college is Ada going to?") == "college"
    assert asked_named_kind("Which football teams play?") == "team"
    assert asked_named_kind("What time does the bakery open?") is None
    # (without the bakery line: a nationality before a noun, "the Danish bakery", reads as a
    # name there, a known limit)
    text = _KITCHEN.replace("The Danish bakery smells of cardamom when Ada locks up.", "")
    answer = _asker(text).ask("Which college is Ada going to?")
    assert answer.abstained and "name no college" in answer.answer, answer.answer


def test_a_proper_name_is_inside_a_sentence_and_new() -> None:
    never_lower = lambda word: word in {"the", "rest", "team", "college", "spring"}  # noqa: E731
    assert holds_proper_name("She got into Harwick in the end.", set(), never_lower)
    assert holds_proper_name("the rest of the HARWICK OWLS team", set(), never_lower)
    # the question's own school, and a sentence's first word, name nothing new
    assert not holds_proper_name("the rest of the HARWICK OWLS team", {"harwick"}, never_lower)
    assert not holds_proper_name("College starts in the spring.", set(), never_lower)


def test_a_name_after_a_sentence_opening_article_is_inside_it() -> None:
    never_lower = lambda word: word in {"game", "plays", "on", "radio"}  # noqa: E731
    assert holds_proper_name("The Harwick-Owls game plays on the radio.", set(), never_lower)
    assert not holds_proper_name("Sit down, Big Man!", set(), never_lower)  # an address
    assert not holds_proper_name("trailed by a LAMPLIGHTER.", set(), never_lower)  # a kind


_SCHOOL = """\
INT. OFFICE - DAY

PRIM
Your papers came in this morning.

PRIM
So the last place you were at was Orvell Academy up north.

ADA
That is right, ma'am.
"""


def test_a_named_answer_needs_few_shared_words(model: FakeTextModel) -> None:
    # The line naming the school shares only "school"'s neighbours with the question: naming
    # one is support enough, as a year is for "what year".
    answer = _asker(_SCHOOL).ask("Which school do Ada's forged papers say she came from?")
    assert not answer.abstained and "Orvell Academy" in answer.answer, answer.answer


def test_which_years_asks_for_a_year(model: FakeTextModel) -> None:
    from assistant.analysis.ask.fact_kinds import asked_kind

    found = asked_kind("In which years did Ada work at the bakery?")
    assert found is not None and found[0] == "a year"


_PARTY = """\
INT. HALL - NIGHT

Ivo pours the punch. Beside him stands his cousin, ODILE (20s), in a green coat.

ODILE
More ice, Ivo.

EXT. GARDEN - NIGHT

Odile smokes by the fence and watches the lanterns.
"""


def test_who_is_a_character_reads_their_introduction(model: FakeTextModel) -> None:
    from assistant.analysis.ask.introductions import asks_who_is

    assert asks_who_is("Who is Odile?", ["ODILE"])
    assert asks_who_is("Who are Odile and Ivo?", ["ODILE", "IVO"])
    assert not asks_who_is("Who is Odile's cousin?", ["ODILE"])
    assert not asks_who_is("Who is Odile taking to the dance?", ["ODILE"])
    answer = _asker(_PARTY).ask("Who is Odile?")
    assert not answer.abstained and "his cousin, ODILE (20s)" in answer.answer, answer.answer


_SET = """\
EXT. BACKLOT - DAY

Ivo checks the rig on the stunt car while the crew sets up the film camera.

IVO
One more take and we eat.
"""


def test_the_title_of_a_film_needs_a_line_naming_one(model: FakeTextModel) -> None:
    # "film" is a stopword of the tokenizer: the naming check still needs a line naming one.
    assert thing_named("What is the title of the film Ivo works on?", {"ivo"}) == "film"
    answer = _asker(_SET).ask("What is the title of the film Ivo works on?")
    assert answer.abstained and "give no film a name" in answer.answer, answer.answer
    named = _SET.replace("film camera.", "camera for the film Harbour Lights.")
    found = _asker(named).ask("What is the title of the film Ivo works on?")
    assert not found.abstained and "Harbour Lights" in found.answer, found.answer
