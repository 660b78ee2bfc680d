"""The projection moved into the runtime gives the same numbers as the scikit-learn version."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.analysis.beats.projection import (
    hard_labels,
    projection_scores,
    scores_to_distribution,
    tfidf_similarity,
)
from assistant.analysis.beats.stop_words import ENGLISH_STOP_WORDS
from assistant.analysis.scene_text import read_scene
from assistant.script.reading import read_script

SCENES = [
    "INT. LIGHTHOUSE - NIGHT\nNora polishes the lens. The beam sweeps the sea; the sea is black.",
    "EXT. ROCKS - DAWN\nA boy, Eli, in a wrecked dinghy. Nora pulls him out of the surf!",
    "INT. PUB - NIGHT\nMorrow drinks whisky. Morrow wants the compass, the gold, the boy.",
    "EXT. REEF - STORM\nNora fights Morrow for the compass and frees Eli. Ça va? naïve café",
]
SENTENCES = ["Nora pulls Eli from the wreck.", "Morrow wants the gold compass.", "x"]


def _sklearn_similarity(scenes: list[str], sentences: list[str]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english")
    vectorizer.fit(scenes + sentences)
    return np.asarray((vectorizer.transform(sentences) @ vectorizer.transform(scenes).T).toarray())


def test_stop_words_are_scikit_learns() -> None:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as theirs

    assert theirs == ENGLISH_STOP_WORDS


def test_tfidf_equals_scikit_learns_vectorizer() -> None:
    ours = tfidf_similarity(SCENES, SENTENCES)
    assert ours.shape == (3, 4)
    np.testing.assert_allclose(ours, _sklearn_similarity(SCENES, SENTENCES), atol=1e-12)
    # The names carry the match: sentence 0 is about Nora and Eli, sentence 1 about Morrow.
    assert int(np.argmax(ours[0])) == 1 and int(np.argmax(ours[1])) == 2


def test_tfidf_of_words_it_has_never_seen_is_zero() -> None:
    assert not tfidf_similarity(["the and of"], ["it is"]).any()


def test_scores_are_each_rows_z_scores_plus_the_priors() -> None:
    """The vectorised projection against its definition, row by row (a flat row adds nothing)."""
    rng = np.random.default_rng(7)
    embedding, tfidf = rng.normal(size=(4, 9)), rng.normal(size=(4, 9))
    tfidf[2] = 0.3  # a sentence sharing no word with any scene: its TF-IDF row does not vary
    words = [5, 80, 300, 12, 40, 40, 900, 7, 60]
    scores = projection_scores(
        embedding_similarity=embedding, tfidf_similarity=tfidf, sentence_count=4,
        tp_sentences=[3, 2, 0], scene_words=words,
    )  # fmt: skip
    where = np.arange(9) / 8
    for row, sentence in enumerate([3, 2, 0]):
        e, t = embedding[sentence], tfidf[sentence]
        z_t = (t - t.mean()) / t.std() if t.std() > 1e-12 else np.zeros(9)
        expected = ((e - e.mean()) / e.std() + z_t - (where - sentence / 3) ** 2 / (2 * 0.1**2)
                    + np.log(words))  # fmt: skip
        np.testing.assert_allclose(scores[row], expected, atol=1e-12)


def test_position_override_moves_the_prior() -> None:
    flat = np.zeros((2, 11))
    early = projection_scores(
        embedding_similarity=flat, tfidf_similarity=flat, sentence_count=2, tp_sentences=[1]
    )
    late = projection_scores(
        embedding_similarity=flat, tfidf_similarity=flat, sentence_count=2, tp_sentences=[1],
        positions=[0.2],
    )  # fmt: skip
    assert int(np.argmax(early[0])) == 10 and int(np.argmax(late[0])) == 2


@pytest.mark.shared_data
def test_silver_labels_are_unchanged_on_training_movies(shared_data_dir: Path) -> None:
    """Two training movies: the projection with the numpy TF-IDF picks exactly the silver events
    that scikit-learn's TF-IDF picked (embedding term left out: it did not move)."""
    from assistant.training.tripod_data import load_movies

    movies = load_movies(shared_data_dir, "train")
    for movie in (movies[0], movies[20]):
        screenplay = read_script(movie.path, format="plain")
        texts = [read_scene(s).text for s in screenplay.scenes]
        words = [read_scene(s).words for s in screenplay.scenes]
        for synopsis in movie.synopses:
            zero = np.zeros((len(synopsis.sentences), len(texts)))
            rows = []
            for tfidf in (
                tfidf_similarity(texts, synopsis.sentences),
                _sklearn_similarity(texts, synopsis.sentences),
            ):
                np.testing.assert_array_less(-1e-9, tfidf)
                scores = projection_scores(
                    embedding_similarity=zero, tfidf_similarity=tfidf,
                    sentence_count=len(synopsis.sentences), tp_sentences=synopsis.tp_sentences,
                    scene_words=words,
                )  # fmt: skip
                rows.append(scores)
            np.testing.assert_allclose(rows[0], rows[1], atol=1e-9)
            ours, theirs = (hard_labels(scores_to_distribution(r)) for r in rows)
            assert (ours == theirs).all()
