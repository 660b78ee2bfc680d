"""A long speech's parts, made as models by the Fountain reader without validating them, are the
models validation makes, and the parse that makes them reads as one that validates every part."""

from __future__ import annotations

from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from assistant.script import fountain
from assistant.script.fountain import parse_fountain, part_models
from assistant.script.model import DialogueLyric, DialoguePart, Parenthetical, Speech

RAW_PARTS = [
    {"type": "speech", "text": "b"},
    {"type": "parenthetical", "text": "(a)"},
    {"type": "lyric", "text": "la la"},
    {"type": "speech", "text": "two\nlines"},
    {"type": "speech", "text": ""},
]


@pytest.mark.parametrize("raw", RAW_PARTS)
def test_a_made_part_is_the_model_validation_makes(raw: dict[str, str]) -> None:
    (made,) = part_models([dict(raw)])
    fresh = fountain._PART_CLASSES[raw["type"]].model_validate(raw, strict=True)
    assert type(made) is type(fresh)
    assert made == fresh
    assert made.__dict__ == fresh.__dict__
    assert made.model_fields_set == fresh.model_fields_set
    assert (made.__pydantic_extra__, made.__pydantic_private__) == (None, None)
    assert made.model_dump_json() == fresh.model_dump_json()


def test_made_parts_share_nothing_that_changes() -> None:
    first, second = part_models([{"type": "speech", "text": "b"}, {"type": "speech", "text": "b"}])
    assert first.model_fields_set is not second.model_fields_set
    first.text = "changed"
    assert second.text == "b"
    assert first.model_fields_set == second.model_fields_set == {"type", "text"}


def test_the_part_classes_have_nothing_the_making_would_miss() -> None:
    # Made as validation makes them: a new field, a private attribute or a validator on a part
    # class would make these models wrong, so this says so.
    classes = set(get_args(get_args(DialoguePart)[0]))
    assert classes == {Speech, Parenthetical, DialogueLyric} == set(fountain._PART_CLASSES.values())
    for cls in classes:
        assert set(cls.model_fields) == set(fountain._PART_GIVEN)
        assert not cls.__private_attributes__
        assert cls.__pydantic_post_init__ is None
        decorators = cls.__pydantic_decorators__
        assert not (decorators.field_validators or decorators.model_validators)
        assert not decorators.computed_fields


# Pairs of lines, mostly a parenthetical then a speech (a part each), sometimes a lyric, an open
# parenthetical, a blank line (the paragraph ends) or a two-space one.
openers = st.sampled_from(["(a)", "(a)", "(b)", "(a", "~la", "(x) y", ""])
closers = st.sampled_from(["b", "b", "E", "*d*", "  ", "c)", "~ly"])
bodies = st.lists(st.tuples(openers, closers), min_size=8, max_size=25).map(
    lambda pairs: [line for pair in pairs for line in pair]
)


@settings(max_examples=200, deadline=None)
@given(bodies, st.sampled_from(["MARA", "MARA ^", "@mara"]))
def test_a_long_speech_parses_as_with_every_part_validated(body: list[str], cue: str) -> None:
    text = "A.\n\nJOE\nHi.\n\n" + cue + "\n" + "\n".join(body) + "\n"
    made = parse_fountain(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fountain, "PART_MODELS", 10**9)
        validated = parse_fountain(text)
    assert made == validated
    assert made.model_dump_json() == validated.model_dump_json()
    assert _fields_set(made) == _fields_set(validated)


def _fields_set(screenplay: object) -> list[set[str]]:
    """Every model's set fields in the tree, in order."""
    found: list[set[str]] = []
    stack = [screenplay]
    while stack:
        item = stack.pop()
        if isinstance(item, BaseModel):
            found.append(set(item.model_fields_set))
            stack.extend(reversed(list(item.__dict__.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return found
