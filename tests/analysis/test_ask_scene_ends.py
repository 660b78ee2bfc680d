"""What happens in the first or the last scene (wave 11), on text of our own: the scene is read
out and cited, not retrieved by words ("last" matched a line that used the word)."""

from __future__ import annotations

from assistant.analysis.ask.service import Asker
from assistant.script.fountain import parse_fountain
from assistant.script.reading import finish_screenplay
from tests.fakes import FakeTextModel, fake_settings

_FERRY = """\
EXT. FERRY LANDING - DAWN

Wren waits with a suitcase. The ferry horn sounds twice.

WREN
No more boats after this one.

INT. FERRY CABIN - DAY

Wren sleeps against the window. Pell counts the fares.

PELL
Last stop is the island.

EXT. ISLAND PIER - DUSK

Pell hands Wren the lantern. Wren walks up the pier alone and the lantern goes out.

WREN
Goodbye, Pell.
"""


def _asker() -> Asker:
    return Asker(finish_screenplay(parse_fountain(_FERRY)), fake_settings(), use_llm=False)


def test_the_last_scene_is_read_out_and_cited(model: FakeTextModel) -> None:
    # v3 (tuning since wave 11): all three "What happens in the last scene?" were answered by
    # lines elsewhere that say "last" (a character's remark that something was the last one).
    answer = _asker().ask("What happens in the last scene?")
    assert answer.path == "tool", answer.answer
    assert [s.index for s in answer.scenes] == [2], answer.scenes
    assert "lantern" in answer.answer and "Goodbye, Pell." in answer.answer, answer.answer
    final = _asker().ask("What happens in the final scene?")
    assert [s.index for s in final.scenes] == [2], final.answer


def test_the_opening_scene_is_read_out(model: FakeTextModel) -> None:
    answer = _asker().ask("What happens in the opening scene?")
    assert answer.path == "tool" and [s.index for s in answer.scenes] == [0], answer.answer
    assert "suitcase" in answer.answer, answer.answer


def test_a_first_scene_of_two_characters_is_not_this_tool(model: FakeTextModel) -> None:
    answer = _asker().ask("What is the first scene with both Wren and Pell?")
    assert answer.path == "tool" and answer.tool == "first_shared_scene", answer.tool


def test_a_scene_qualified_by_a_place_is_left_to_retrieval(model: FakeTextModel) -> None:
    # dev v1 dh-21: "the opening scene on the plane" read out the first scene (a freeway).
    answer = _asker().ask("What happens in the opening scene on the island pier?")
    assert answer.tool != "end_scene", answer.answer
    whole = _asker().ask("What happens in the last scene of the script?")
    assert whole.tool == "end_scene" and [s.index for s in whole.scenes] == [2], whole.answer


def test_an_opening_of_action_before_any_heading_is_the_first_scene(model: FakeTextModel) -> None:
    # A script may open on a transition and a page of action before its first INT/EXT (its
    # scene 1); a bare "FADE IN:" before the first heading is no scene.
    opening = (
        "FADE IN:\n\nGulls wheel over a grey harbour while a rowing boat with two small"
        " children in it drifts towards the ferry landing.\n\n"
    )
    answer = Asker(
        finish_screenplay(parse_fountain(opening + _FERRY)), fake_settings(), use_llm=False
    ).ask("What happens in the first scene?")
    assert answer.path == "tool" and [s.index for s in answer.scenes] == [0], answer.answer
    assert "rowing boat" in answer.answer, answer.answer
    bare = Asker(
        finish_screenplay(parse_fountain("FADE IN:\n\n" + _FERRY)), fake_settings(), use_llm=False
    ).ask("What happens in the first scene?")
    assert [s.index for s in bare.scenes] == [1] and "suitcase" in bare.answer, bare.answer
