"""The lexicon files and the phrase matcher: plurals, counts, implications, verbs left alone."""

from __future__ import annotations

import pytest

from assistant.analysis.breakdown.lexicon import (
    Lexicon,
    default_lexicon,
    parse_lexicon,
    singular,
)
from assistant.analysis.breakdown.model import CATEGORIES


def test_every_category_but_cast_has_a_lexicon_and_no_term_is_in_two() -> None:
    from importlib import resources

    folder = resources.files("assistant.analysis.breakdown") / "lexicons"
    seen: dict[tuple[str, ...], str] = {}
    for category in CATEGORIES[1:]:
        entries = parse_lexicon(category, (folder / f"{category}.txt").read_text("utf-8"))
        assert entries, category
        for words in entries:
            assert words not in seen, f"{' '.join(words)} is in {seen[words]} and {category}"
            seen[words] = category


def test_longest_phrase_wins_and_plurals_take_the_singular_name() -> None:
    found = default_lexicon().find("Two police cars and a dog; then three dogs.")
    assert [(m.entry.category, m.entry.name, m.count) for m in found] == [
        ("vehicles", "police car", 2),
        ("animals", "dog", None),
        ("animals", "dog", 3),
    ]


@pytest.mark.parametrize(
    ("text", "count"),
    [("two armed guards", 2), ("a dozen reporters", 12), ("two dozen reporters", 24),
     ("50 guards", 50), ("a couple of guards", 2), ("the guards", None), ("guards", None),
     ("1987 guards", 1987)],
)  # fmt: skip
def test_counts_are_read_from_the_words_before(text: str, count: int | None) -> None:
    (match,) = default_lexicon().find(text)
    assert match.entry.category == "extras"
    assert match.count == count


def test_implications_are_marked_implied() -> None:
    (match,) = default_lexicon().find("She shoots.")
    assert (match.entry.category, match.entry.name, match.entry.implied) == ("weapons", "gun", True)


def test_a_word_ending_in_s_before_an_object_is_a_verb() -> None:
    found = default_lexicon().find("Rain hammers the road. He drums his fingers.")
    assert [m.entry.name for m in found] == ["rain"]
    assert [m.entry.name for m in default_lexicon().find("She sees hammers there.")] == ["hammer"]


def test_file_format_synonyms_comments_and_errors() -> None:
    entries = parse_lexicon(
        "props", "# a comment\ncell phone = phone\nbriefcase  # trailing\n~ dials => phone\n"
    )
    lexicon = Lexicon(entries)
    assert [m.entry.name for m in lexicon.find("a cell phone, briefcases; she dials")] == [
        "phone", "briefcase", "phone",
    ]  # fmt: skip
    with pytest.raises(ValueError, match="line 1"):
        parse_lexicon("props", "~ dials phone\n")


def test_singular() -> None:
    assert [singular(w) for w in ("knives", "boxes", "cities", "glass", "bus", "cars")] == [
        "knive", "box", "city", "glass", "bus", "car",
    ]  # fmt: skip
