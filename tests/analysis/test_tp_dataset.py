"""The whole-scene vectors the silver projection matches synopsis sentences against."""

from __future__ import annotations

import numpy as np

from assistant.analysis.scene_text import SceneText
from assistant.training.tp_dataset import whole_scene_vectors
from tests.fakes import FakeEmbedder


def _scene(words: list[str]) -> SceneText:
    return SceneText(heading="INT. ROOM - DAY", text=" ".join(words))


def test_whole_scene_vector_reads_past_the_opening() -> None:
    # 400 words: three 160-word chunks; the bomb is only in the last one.
    long_scene = _scene(["talk"] * 350 + ["bomb"] * 50)
    quiet = _scene(["talk"] * 400)
    embedder = FakeEmbedder()
    vectors = whole_scene_vectors([long_scene, quiet], embedder)
    assert vectors.shape == (2, embedder.dimensions)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert [len(batch) for batch in embedder.calls] == [6]
    bomb = np.asarray(embedder.embed(["bomb"])[0], dtype=np.float64)
    assert vectors[0] @ bomb > vectors[1] @ bomb + 0.1


def test_an_empty_scene_still_gets_a_vector() -> None:
    vectors = whole_scene_vectors([_scene([]), _scene(["door"])], FakeEmbedder())
    assert np.isfinite(vectors).all()
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
