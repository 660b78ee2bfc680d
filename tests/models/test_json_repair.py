"""Reading JSON out of small-model replies."""

from __future__ import annotations

import pytest

from assistant.models.json_repair import JsonExtractionError, extract_json


@pytest.mark.parametrize(
    ("reply", "expected", "repaired"),
    [
        ('{"a": 1}', {"a": 1}, False),
        ('Sure! Here it is: {"a": 1} Hope that helps.', {"a": 1}, True),
        ('```json\n{"a": [1, 2]}\n```', {"a": [1, 2]}, True),
        ('{"a": 1, "b": [1, 2,],}', {"a": 1, "b": [1, 2]}, True),
        ("{'a': 'x', 'b': True, 'c': None}", {"a": "x", "b": True, "c": None}, True),
        ('{a: 1, b_c: "two"}', {"a": 1, "b_c": "two"}, True),
        ('{"a": {"b": "text with } brace"}}', {"a": {"b": "text with } brace"}}, False),
        (
            '{"title": "Storm", "beats": ["one", "tw',
            {"title": "Storm", "beats": ["one", "tw"]},
            True,
        ),
        ('{"a": "True story"}', {"a": "True story"}, False),
    ],
)
def test_extracts_and_repairs(reply: str, expected: object, repaired: bool) -> None:
    value, was_repaired = extract_json(reply)
    assert value == expected
    assert was_repaired is repaired


@pytest.mark.parametrize("reply", ["", "No JSON here.", "[1, 2, 3]", '{"a": }'])
def test_no_object_is_an_error(reply: str) -> None:
    with pytest.raises(JsonExtractionError):
        extract_json(reply)
