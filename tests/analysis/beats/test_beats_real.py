"""The beat map with the real MiniLM and the shipped classifier, on the fixture script."""

from __future__ import annotations

import pytest

from assistant import api
from assistant.models.base import Embedder
from assistant.script.model import Screenplay
from tests.analysis.beats.conftest import fixture_text
from tests.models.real import minilm

pytestmark = pytest.mark.real_model
__all__ = ["minilm"]


def _heading(screenplay: Screenplay, index: int | None) -> str:
    assert index is not None
    heading = screenplay.scenes[index].heading
    assert heading is not None
    return heading.text


def test_outline_and_prose_land_on_the_scenes_they_describe(
    lighthouse: Screenplay, minilm: Embedder
) -> None:
    embedder = minilm
    outline = api.beat_sheet(
        lighthouse, sheet="save-the-cat", embedder=embedder,
        synopsis=fixture_text("lighthouse_outline.txt"),
    ).synopsis  # fmt: skip
    assert outline is not None and outline.form == "outline"
    picks = [_heading(lighthouse, s.best_scene_index) for s in outline.sentences]
    assert picks[0] == "EXT. LIGHTHOUSE ROCKS - DAWN"
    assert picks[2] == "EXT. REEF - DAY"
    assert picks[4] == "EXT. REEF - STORM - NIGHT"
    assert all(s.carried for s in outline.sentences) and not outline.uncarried

    prose = api.beat_sheet(
        lighthouse, embedder=embedder, synopsis=fixture_text("lighthouse_synopsis.txt")
    ).synopsis
    assert prose is not None and prose.form == "prose" and not prose.warnings
    named = [s for s in prose.sentences if s.turning_point]
    assert len(named) == 5 and [s.index for s in named] == sorted(s.index for s in named)
    # Each prose sentence lands on the scene written for it (the synopsis follows the script).
    assert (
        _heading(lighthouse, prose.sentences[1].best_scene_index) == "EXT. LIGHTHOUSE ROCKS - DAWN"
    )
    assert (
        _heading(lighthouse, prose.sentences[-1].best_scene_index)
        == "INT. LIGHTHOUSE LAMP ROOM - DAY"
    )


def test_a_foreign_sentence_is_not_carried(lighthouse: Screenplay, minilm: Embedder) -> None:
    text = fixture_text("lighthouse_outline.txt") + (
        "Midpoint: Quantum physicists in Zurich debate spreadsheets over fondue.\n"
    )
    mapped = api.beat_sheet(lighthouse, embedder=minilm, synopsis=text).synopsis
    assert mapped is not None and mapped.uncarried == [5]
