"""Fountain emphasis as typed runs: the rules of ``emphasis.py``; every element exposes its runs."""

from __future__ import annotations

import itertools

import pytest

from assistant.script import emphasis
from assistant.script.emphasis import EmphasisRun, emphasis_runs
from assistant.script.fountain import parse_fountain
from assistant.script.fountain_export import to_fountain
from assistant.script.model import Action, Dialogue, Screenplay, plain_text


def _styled(text: str) -> list[tuple[str, str]]:
    """Runs as (text, styles) with styles spelled ``B``, ``I``, ``U``."""
    return [
        (run.text, "B" * run.bold + "I" * run.italic + "U" * run.underline)
        for run in emphasis_runs(text)
    ]


CASES = [
    # the four markers
    ("*italic*", [("italic", "I")]),
    ("**bold**", [("bold", "B")]),
    ("***both***", [("both", "BI")]),
    ("_under_", [("under", "U")]),
    # markers across words, and inside a word
    ("*some italic words* then", [("some italic words", "I"), (" then", "")]),
    ("un*believ*able", [("un", ""), ("believ", "I"), ("able", "")]),
    # nesting
    ("_***all three***_", [("all three", "BIU")]),
    ("**bold *and italic* bold**", [("bold ", "B"), ("and italic", "BI"), (" bold", "B")]),
    ("_under **bold**_", [("under ", "U"), ("bold", "BU")]),
    ("***a* b**", [("a", "BI"), (" b", "B")]),
    ("*a *b* c*", [("a b c", "I")]),
    ("__a__", [("a", "U")]),
    # escapes
    ("\\*not\\*", [("*not*", "")]),
    ("\\_not\\_", [("_not_", "")]),
    ("\\*a *b*", [("*a ", ""), ("b", "I")]),
    ("a\\b \\\\*c*", [("a\\b \\*c*", "")]),  # only \\* and \\_ are escapes
    # unclosed and unpaired markers stay as they are
    ("*open", [("*open", "")]),
    ("_a _a _a", [("_a _a _a", "")]),
    ("**a*", [("*", ""), ("a", "I")]),
    ("* spaced *", [("* spaced *", "")]),
    ("a * b", [("a * b", "")]),
    ("*a _b* c_", [("a _b", "I"), (" c_", "")]),
    ("***", [("***", "")]),
    # emphasis never crosses a line break
    ("*a\nb*", [("*a\nb*", "")]),
    ("*a*\n_b_", [("a", "I"), ("\n", ""), ("b", "U")]),
    ("", []),
]


@pytest.mark.parametrize(("markup", "runs"), CASES, ids=[case[0] for case in CASES])
def test_markup_reads_as_runs(markup: str, runs: list[tuple[str, str]]) -> None:
    assert _styled(markup) == runs


@pytest.mark.parametrize(("markup", "runs"), CASES, ids=[case[0] for case in CASES])
def test_plain_text_is_the_runs_text(markup: str, runs: list[tuple[str, str]]) -> None:
    assert plain_text(markup) == "".join(text for text, _ in runs)


def test_adjacent_runs_of_one_style_are_merged() -> None:
    runs = emphasis_runs("*a* *b*")
    assert runs == (EmphasisRun("a", italic=True), EmphasisRun(" "), EmphasisRun("b", italic=True))
    assert all(a != b for a, b in itertools.pairwise(runs))


SCRIPT = """Title: **NIGHT** _SHIFT_

INT. _THE_ DINER - NIGHT

Mara *runs*, **fast**.

MARA
(*quietly*)
I said ***now***, \\*please\\*.
~_la_ la

> **THE END** <
"""


def test_every_text_bearing_element_has_its_runs() -> None:
    screenplay = parse_fountain(SCRIPT)
    title = screenplay.title_page[0]
    assert [(r.text, r.bold, r.underline) for r in title.emphasis] == [
        ("NIGHT", True, False),
        (" ", False, False),
        ("SHIFT", False, True),
    ]
    scene = screenplay.scenes[0]
    assert scene.heading is not None
    assert [r.text for r in scene.heading.emphasis if r.underline] == ["THE"]
    action, dialogue, centered = scene.elements
    assert isinstance(action, Action) and isinstance(dialogue, Dialogue)
    assert [r.text for r in action.emphasis if r.italic] == ["runs"]
    assert [r.text for r in action.emphasis if r.bold] == ["fast"]
    paren, speech, lyric = dialogue.parts
    assert [r.text for r in paren.emphasis if r.italic] == ["quietly"]
    assert [(r.text, r.bold, r.italic) for r in speech.emphasis if not r.plain] == [
        ("now", True, True)
    ]
    assert "".join(r.text for r in speech.emphasis) == "I said now, *please*."
    assert [r.text for r in lyric.emphasis if r.underline] == ["la"]
    assert [r.text for r in centered.emphasis if r.bold] == ["THE END"]  # type: ignore[union-attr]


def test_runs_survive_the_fountain_round_trip_and_json() -> None:
    screenplay = parse_fountain(SCRIPT)
    again = parse_fountain(to_fountain(screenplay))
    from_json = Screenplay.model_validate_json(screenplay.model_dump_json())
    assert "emphasis" not in screenplay.model_dump_json()  # derived, not stored
    for other in (again, from_json):
        assert other == screenplay
        first, second = screenplay.scenes[0].elements[0], other.scenes[0].elements[0]
        assert isinstance(first, Action) and isinstance(second, Action)
        assert second.emphasis == first.emphasis


def test_runs_follow_the_text_when_it_changes() -> None:
    action = Action(text="*a*")
    assert action.emphasis == (EmphasisRun("a", italic=True),)
    action.text = "**a**"
    assert action.emphasis == (EmphasisRun("a", bold=True),)


@pytest.mark.parametrize(("unit", "styled"), [("***_a_*** ", 10_000), ("\\*a_ b_\n", 0)])
def test_long_texts_read_the_same_without_the_cache(unit: str, styled: int) -> None:
    long_text = unit * 10_000  # over CACHED_LENGTH
    runs = emphasis_runs(long_text)
    assert plain_text(long_text) == "".join(run.text for run in runs)
    assert sum(not run.plain for run in runs) == styled


def test_a_long_text_reads_the_same_from_its_kept_compact_form() -> None:
    # Texts over CACHED_LENGTH keep their pieces compact (plain text, ends, styles) for the FDX
    # export: the pieces given back must be those a fresh read gives, empty ones included.
    text = "*a _b_ **c** \\*d ***e*** _\n\n**f*\n" * 3000
    assert len(text) > emphasis.CACHED_LENGTH
    fresh = emphasis._style_pieces(text)
    assert emphasis.style_pieces(text) == fresh
    assert emphasis.style_pieces(text) == fresh  # the second time from the kept form
    assert plain_text(text) == "".join(piece for piece, _ in fresh)
    assert {bits for _, bits in fresh} >= {0, emphasis.ITALIC, emphasis.BOLD, emphasis.UNDERLINE}
