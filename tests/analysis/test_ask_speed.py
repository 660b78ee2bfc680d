"""What an answer costs: a question's text and the few sentences it embeds while the background
runs skip the embedder's disk cache (a synced SQLite write per call was the tail of an answer's
wall time); the sentence cosines are computed for the scenes the answer reads."""

from __future__ import annotations

from pathlib import Path

from assistant.analysis.ask.retrieval import SceneIndex
from assistant.analysis.ask.sentence_vectors import SentenceVectors, uncached
from assistant.models.embedding_cache import CachedEmbedder, text_key
from assistant.script.reading import read_script
from tests.fakes import FakeEmbedder


def _cached(tmp_path: Path) -> CachedEmbedder:
    return CachedEmbedder(FakeEmbedder(dimensions=64), tmp_path / "vectors.sqlite")


def test_a_question_is_not_written_to_the_embedding_cache(
    fixtures_dir: Path, tmp_path: Path
) -> None:
    embedder = _cached(tmp_path)
    index = SceneIndex(read_script(fixtures_dir / "ask" / "ferry.fountain"), embedder)
    question = "Where does Isla keep the compass?"
    index.search(question, 3)
    assert text_key(question) not in embedder._lookup([text_key(question)])
    assert uncached(embedder) is embedder.inner
    plain = FakeEmbedder(dimensions=8)
    assert uncached(plain) is plain


def test_sentences_a_question_picks_skip_the_cache_but_whole_scenes_use_it(
    fixtures_dir: Path, tmp_path: Path
) -> None:
    embedder = _cached(tmp_path)
    index = SceneIndex(read_script(fixtures_dir / "ask" / "ferry.fountain"), embedder)
    vectors: SentenceVectors = index.sentences
    vectors.ensure_sentences([(1, 0)])
    picked = index.facts.scenes[1].units[0].quoted
    assert text_key(picked) not in embedder._lookup([text_key(picked)])
    vectors.ensure([2])
    whole = index.facts.scenes[2].units[0].quoted
    assert text_key(whole) in embedder._lookup([text_key(whole)])


def test_sentence_cosines_for_the_scenes_asked_only(fixtures_dir: Path) -> None:
    index = SceneIndex(read_script(fixtures_dir / "ask" / "ferry.fountain"), FakeEmbedder())
    index.sentences.ensure([1, 2])
    query = index.query_vector("the compass")
    every = index.sentence_similarity(query)
    some = index.sentence_similarity(query, [2])
    assert some and {scene for scene, _ in some} == {2}
    assert all(every[key] == cosine for key, cosine in some.items())
    assert index.sentence_similarity(query, [99]) == {}
