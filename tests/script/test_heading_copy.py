"""Plain-text headings are copies of a validated template kept per text: each copy must be the
model a fresh validation gives, and share nothing that can change with the template or another
copy."""

from __future__ import annotations

from typing import get_origin

import pytest

from assistant.script import plaintext_headings
from assistant.script.model import Scene, SceneHeading
from assistant.script.plaintext import parse_plain
from assistant.script.plaintext_build import new_scene
from assistant.script.plaintext_headings import parse_heading

HEADINGS = [
    ("INT. DINER - KITCHEN - NIGHT", None),
    ("EXT. ROOF - DAY (FLASHBACK) (INTERCUT)", "12A"),
    ("EXT. QUARRY LEDGE - DUSK - WIDE 12", None),
    ("405 FREEWAY - EARLY EVENING", None),
    ("INT. 33RD FLOOR - ON THE LIFT", "7"),
    ("EXT. DIG", None),
]


@pytest.mark.parametrize(("text", "number"), HEADINGS)
def test_a_copy_is_the_model_validation_makes(text: str, number: str | None) -> None:
    fresh = plaintext_headings._heading_model.__wrapped__(text, number)
    copy = parse_heading(text, number)
    assert copy == fresh
    assert copy.__dict__ == fresh.__dict__
    assert copy.model_fields_set == fresh.model_fields_set
    assert (copy.__pydantic_extra__, copy.__pydantic_private__) == (None, None)
    assert SceneHeading.model_validate(copy.model_dump()) == copy
    assert copy.model_dump_json() == fresh.model_dump_json()


@pytest.mark.parametrize(("text", "number"), HEADINGS)
def test_copies_share_nothing_that_changes(text: str, number: str | None) -> None:
    first, second = parse_heading(text, number), parse_heading(text, number)
    template = plaintext_headings._heading_model(text, number)
    assert first is not second and first is not template
    assert first.tags is not second.tags and first.tags is not template.tags
    assert first.model_fields_set is not template.model_fields_set
    first.tags.append("CHANGED")
    first.location = "ELSEWHERE"
    assert "CHANGED" not in parse_heading(text, number).tags
    assert parse_heading(text, number) == second == template
    assert second.location != "ELSEWHERE"


def test_the_copy_knows_every_mutable_field_of_the_heading() -> None:
    # The copy gives each list field a list of its own and sets what validation sets: a new
    # mutable field, a private attribute or a validator would make it wrong, so this says so.
    for name, info in SceneHeading.model_fields.items():
        origin = get_origin(info.annotation)
        assert origin not in (dict, set, tuple), name
        assert (origin is list) == (name in plaintext_headings._LIST_FIELDS), name
    assert not SceneHeading.__private_attributes__
    assert SceneHeading.__pydantic_post_init__ is None
    decorators = SceneHeading.__pydantic_decorators__
    assert not (decorators.field_validators or decorators.model_validators)


def test_repeated_plain_headings_get_models_of_their_own() -> None:
    text = "INT. A - DAY (FLASHBACK)\n\nSomething.\n\n" * 3
    scenes = parse_plain(text).scenes
    headings = [scene.heading for scene in scenes if scene.heading is not None]
    assert len(headings) == 3
    assert len({id(heading) for heading in headings}) == 3
    assert len({id(heading.tags) for heading in headings}) == 3
    assert headings[0] == headings[1] == headings[2]


@pytest.mark.parametrize("number", [None, "4"])
def test_a_built_scene_is_the_model_validation_makes(number: str | None) -> None:
    heading = parse_heading("INT. DINER - NIGHT", number)
    for given, line in ((heading, 7), (None, 1)):
        fresh = Scene(heading=given, start_line=line)
        built = new_scene(given, line)
        assert built == fresh
        assert built.__dict__ == fresh.__dict__
        assert list(built.__dict__) == list(fresh.__dict__)
        assert built.model_fields_set == fresh.model_fields_set
        assert (built.__pydantic_extra__, built.__pydantic_private__) == (None, None)
        assert built.heading is given
        assert built.model_dump_json() == fresh.model_dump_json()
        assert Scene.model_validate(built.model_dump()) == built
    first, second = new_scene(None, 1), new_scene(None, 1)
    assert first.elements is not second.elements
    assert first.model_fields_set is not second.model_fields_set


def test_the_built_scene_knows_every_field_of_the_scene() -> None:
    # new_scene writes each field's default itself: a new field, a changed default, a private
    # attribute or a validator would make it wrong, so this says so.
    defaults = {
        name: (info.default_factory() if info.default_factory else info.default)  # type: ignore[call-arg]
        for name, info in Scene.model_fields.items()
    }
    assert defaults == {
        "heading": None,
        "elements": [],
        "start_line": None,
        "start_page": 1,
        "end_page": 1,
        "eighths": 0,
    }
    assert not Scene.__private_attributes__
    assert Scene.__pydantic_post_init__ is None
    decorators = Scene.__pydantic_decorators__
    assert not (decorators.field_validators or decorators.model_validators)


def test_no_scene_holds_a_shared_template() -> None:
    text = "INT. A - DAY\n\n" * 4 + "the city. EXT. B - NIGHT\n\nSomething.\n"
    headings = [s.heading for s in parse_plain(text).scenes if s.heading is not None]
    templates = {id(plaintext_headings._heading_model(h.text, h.scene_number)) for h in headings}
    shared = plaintext_headings.shared_match("INT. A - DAY")
    assert shared is not None and shared.heading is not None
    assert all(id(heading) not in templates for heading in headings)
    assert all(heading is not shared.heading for heading in headings)
    assert len({id(heading) for heading in headings}) == len(headings) == 5
