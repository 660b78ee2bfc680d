"""Scene features and their facts, on a short script written for this test."""

from __future__ import annotations

import numpy as np

from assistant.analysis.scene_text import SceneText, embedding_text, read_scene
from assistant.analysis.strength.scene_features import TONE_ANCHORS, SceneFeatures, scene_features
from assistant.script.reading import parse_bytes
from assistant.training.tripod_data import (
    reference_heading_lines,
    reference_to_slate,
    slate_to_reference,
)
from tests.fakes import FakeEmbedder

SCRIPT = b"""Title: Test Feature

INT. KITCHEN - DAY

Ana stirs a pot. The radio hums.

ANA
Where is everyone?

EXT. HARBOUR - NIGHT

Rain. BEN runs along the pier, a gun in his hand. A shot. Blood on the boards.

BEN
Ana! Get down!

ANA
Ben, what did you do?

INT. KITCHEN - NIGHT

Ana alone, shaking. She finds the letter and reads the truth.

ANA
He lied to me.

INT. STATION - DAY

CARLO behind a desk.

CARLO
You will sign it.
"""


def _features() -> tuple[list[SceneText], SceneFeatures]:
    screenplay = parse_bytes(SCRIPT, format="fountain")
    texts = [read_scene(s) for s in screenplay.scenes]
    embedder = FakeEmbedder(dimensions=32)
    vectors = embedder.embed([embedding_text(t) for t in texts]).astype(np.float64)
    anchors = embedder.embed(list(TONE_ANCHORS.values())).astype(np.float64)
    return texts, scene_features(screenplay.scenes, texts, vectors, anchors)


def test_scene_text_collects_speakers_and_words() -> None:
    texts, _ = _features()
    harbour = texts[1]
    assert harbour.speakers == ["BEN", "ANA"]
    assert harbour.dialogue_words == 8  # "Ana! Get down!" + "Ben, what did you do?"
    assert harbour.exclamations == 2
    assert "Ben: Ana! Get down!" in harbour.text
    assert embedding_text(harbour, 3) == "EXT. HARBOUR -"


def test_features_have_one_finite_row_per_scene() -> None:
    _, features = _features()
    assert features.values.shape == (4, len(features.names))
    assert np.isfinite(features.values).all()
    assert len(set(features.names)) == len(features.names)


def test_facts_name_locations_cast_changes_and_protagonist() -> None:
    _, features = _features()
    facts = features.facts
    assert [f.new_location for f in facts] == [False, True, False, True]
    assert facts[2].location == "Kitchen"
    assert facts[1].int_ext_change and facts[1].time_change
    assert facts[1].entering == ["BEN"]
    assert facts[3].leaving == ["ANA"]
    assert all(f.protagonist == "ANA" for f in facts)
    assert facts[1].protagonist_present and not facts[3].protagonist_present
    assert facts[1].new_pairs == ["BEN"]
    assert facts[3].first_appearance == ["CARLO"]
    assert [round(f.position, 2) for f in facts] == [0.0, 0.33, 0.67, 1.0]


def test_lexicon_features_rise_on_violent_scene() -> None:
    _, features = _features()
    column = features.names.index("lex_violence")
    assert int(np.argmax(features.values[:, column])) == 1


def test_reference_segmentation_and_mapping_follow_heading_lines() -> None:
    text = "TITLE\nINT. A - DAY\nx\nEXT. B - DAY\ny\nINT. C - DAY\nz\nEXT. D - DAY\n"
    reference = reference_heading_lines(text)
    assert reference == [2, 4, 6, 8]  # three counted scenes; the last is never emitted
    # Slate split the same text differently: a title scene, a scene Slate found without INT/EXT
    # at line 5, and no split at line 6.
    slate_starts: list[int | None] = [1, 2, 4, 5, 8]
    assert slate_to_reference(slate_starts, reference) == [None, 0, 1, 1, 2]
    assert reference_to_slate(slate_starts, reference) == [1, 2, 3]
