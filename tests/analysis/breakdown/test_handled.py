"""Props told by what a character does with them (``handled.py``)."""

from __future__ import annotations

from pathlib import Path

from assistant import api
from assistant.analysis.breakdown.handled import handled_matches
from assistant.analysis.breakdown.lexicon import default_lexicon


def _things(text: str) -> list[str]:
    return [m.entry.name for m in handled_matches(text, default_lexicon().find(text))]


def test_the_object_of_a_handling_verb_is_a_prop() -> None:
    assert _things("Odile carries a trug of turnips to the cart.") == ["trug"]
    assert _things("He plucks the thermos out of her grasp.") == ["thermos"]
    assert _things("She looks at her pocket sundial and frowns.") == ["pocket sundial"]
    assert _things("Bram produces a handful of marbles.") == ["marbles"]


def test_body_parts_people_fixtures_and_abstract_nouns_are_no_props() -> None:
    text = (
        "She holds her breath. He grabs the door. Odile takes a step and lifts her hands. "
        "Bram carries the boy to the car and raises his voice."
    )
    assert _things(text) == []


def test_looking_takes_only_an_owned_thing_and_the_lexicon_wins() -> None:
    assert _things("He looks at the harbour lights.") == []
    assert _things("She grabs the revolver.") == []  # the weapons list has it


def test_a_blanked_quotation_does_not_join_a_verb_to_the_next_sentence(tmp_path: Path) -> None:
    path = tmp_path / "sign.fountain"
    path.write_text(
        'INT. SHOP - DAY\n\nThe sign reads "OPEN LATE". The middle shelf sags.\n',
        encoding="utf-8",
    )
    report = api.breakdown(api.open_script(path))
    assert report.scenes[0].elements["props"] == []


def test_a_handled_prop_reaches_the_breakdown_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "crate.fountain"
    path.write_text(
        "INT. BARN - DAY\n\nODILE enters.\n\nShe carries a crate of turnips.\n", encoding="utf-8"
    )
    props = api.breakdown(api.open_script(path)).scenes[0].elements["props"]
    assert [(p.name, p.line, p.source) for p in props] == [("crate", 5, "lexicon")]


def test_figures_of_holding_and_sets_read_through() -> None:
    assert _things("She sings until she cannot hold the note.") == []
    assert _things("He holds her gaze.") == []
    assert _things("Bram drops a set of spanners on the bench.") == ["spanners"]


def test_a_word_after_the_thing_that_says_how_it_is_held_is_not_the_thing() -> None:
    # "holds the door open" gave a prop "door open", "holds her close" one called "close".
    assert _things("She holds the door open. He holds her close. Bram pushes a crate aside.") == []
    assert _things("Odile shoves the trug aside.") == ["trug"]
    assert _things("Bram holds an open hamper.") == ["open hamper"]


def test_figures_of_speech_and_walking_past_are_no_props() -> None:
    # Each of these listed a prop named by its last word (slack, alarm, day, eyebrow, kiosk...).
    text = (
        "He picks up the slack. She raises the alarm and an eyebrow. He carries the day. "
        "She drops the subject. He grabs a bite. She grabs the wheel. He pockets the difference. "
        "Odile passes a kiosk. Bram reads her mind. She studies the horizon."
    )
    assert _things(text) == []
    assert _things("Odile passes him the trug.") == ["trug"]


def test_a_long_paragraph_of_handling_verbs_is_read_in_linear_time(tmp_path: Path) -> None:
    # Each match split the whole paragraph before it: 300 KB of them took about 8 s CPU.
    # The alarm is generous, not a timing.
    from tests.script.test_adversarial_inputs import alarm

    path = tmp_path / "hands.fountain"
    path.write_text("INT. ROOM - DAY\n\n" + "She looks at the " * 18000 + "\n", encoding="utf-8")
    screenplay = api.open_script(path)
    with alarm(4):
        report = api.breakdown(screenplay)
    assert report.scenes[0].elements["props"] == []


def test_wave14_a_jacket_in_a_characters_hands_is_a_prop(tmp_path: Path) -> None:
    path = tmp_path / "jacket.fountain"
    path.write_text(
        "INT. LOFT - NIGHT\n\nOdile picks up her jacket and heads out.\n\nODILE\nBye.\n", "utf-8"
    )
    sheet = api.breakdown(api.open_script(path)).scenes[0]
    assert [e.name for e in sheet.elements["props"]] == ["jacket"]
    assert sheet.elements["wardrobe"] == []


def test_wave14_an_adverb_of_degree_or_time_ends_the_handled_phrase() -> None:
    text = "They hold a moment too long. Bram raises the lantern every few minutes."
    assert [m.entry.name for m in handled_matches(text, [])] == ["lantern"]
