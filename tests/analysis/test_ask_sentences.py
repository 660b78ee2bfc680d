"""Sentence vectors: embedded in the background, held back during a question, kept on disk, and
a question's own budget when the background has not reached its scenes."""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from assistant.analysis.ask.query_fields import field_bonus
from assistant.analysis.ask.retrieval import SceneIndex
from assistant.analysis.ask.script_facts import script_facts
from assistant.analysis.ask.sentence_vectors import SentenceVectors
from assistant.analysis.ask.service import Asker
from assistant.script.model import Screenplay
from assistant.script.reading import read_script
from tests.fakes import FakeEmbedder, FakeTextModel, fake_settings


def _texts(embedder: FakeEmbedder) -> list[str]:
    return [text for batch in embedder.calls for text in batch]


def test_the_background_embeds_every_sentence_once_and_saves_them(
    ferry: Screenplay, tmp_path: Path
) -> None:
    facts = script_facts(ferry)
    embedder = FakeEmbedder()
    vectors = SentenceVectors(facts, embedder, tmp_path)
    vectors.ensure([1])  # a question got there first
    vectors.start_background()
    assert vectors.wait(30)
    texts = _texts(embedder)
    assert sorted(texts) == sorted(u.quoted for s in facts.scenes for u in s.units)
    assert vectors.by_background == vectors.total - len(facts.scenes[1].units)
    saved = list((tmp_path / "ask-index").glob("sentences-*.npy"))
    assert len(saved) == 1 and not list((tmp_path / "ask-index").glob("*.tmp"))
    query = embedder.embed(["the ferry"])[0]
    again = SentenceVectors(facts, FakeEmbedder(), tmp_path)
    assert again.from_disk and again.complete and again.embedded == 0
    assert again.similarity(query) == vectors.similarity(query)
    changed = ferry.model_copy(deep=True)
    changed.scenes[1].elements.pop(0)
    assert not SentenceVectors(script_facts(changed), FakeEmbedder(), tmp_path).from_disk


def _npy(array: npt.NDArray[Any]) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "damage",
    ["not numpy", "empty", "truncated", "strings", "wrong width", "not finite"],
)
def test_a_damaged_sentence_cache_is_recomputed(
    ferry: Screenplay, tmp_path: Path, damage: str
) -> None:
    facts = script_facts(ferry)
    first = SentenceVectors(facts, FakeEmbedder(), tmp_path)
    first.ensure(list(range(len(facts.scenes))))
    (path,) = (tmp_path / "ask-index").glob("sentences-*.npy")
    rows = first.total
    good = path.read_bytes()
    path.write_bytes({
        "not numpy": b"not numpy",
        "empty": b"",
        "truncated": good[: len(good) // 2],
        "strings": _npy(np.array([["x"] * 64] * rows)),
        "wrong width": _npy(np.ones((rows, 32), dtype=np.float32)),
        "not finite": _npy(np.full((rows, 64), np.nan, dtype=np.float32)),
    }[damage])  # fmt: skip
    again = SentenceVectors(facts, FakeEmbedder(), tmp_path)
    assert not again.from_disk and not again.complete
    again.ensure(list(range(len(facts.scenes))))
    query = FakeEmbedder().embed(["the ferry"])[0]
    assert again.similarity(query) == first.similarity(query)


class _GatedEmbedder(FakeEmbedder):
    """Counts the texts it embeds; embeds only once ``gate`` is set."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()

    def embed_batch(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.gate.wait(10)
        return super().embed_batch(texts)


def test_the_background_waits_while_a_question_is_busy(ferry: Screenplay) -> None:
    embedder = _GatedEmbedder()
    embedder.gate.set()
    vectors = SentenceVectors(script_facts(ferry), embedder)
    with vectors.busy():
        vectors.start_background()
        assert vectors._thread is not None
        vectors._thread.join(0.3)  # it would have finished the ferry's sentences by now
        assert vectors.by_background == 0 and not embedder.calls
    assert vectors.wait(30) and vectors.by_background == vectors.total


def test_close_stops_the_background_after_its_batch(ferry: Screenplay) -> None:
    embedder = _GatedEmbedder()
    vectors = SentenceVectors(script_facts(ferry), embedder)
    vectors.start_background()
    threading.Timer(0.2, embedder.gate.set).start()  # close() must stop it, mid-batch
    vectors.close()
    assert vectors._thread is not None and not vectors._thread.is_alive()
    assert vectors.by_background <= 8 and not vectors.complete


def test_a_question_embeds_at_most_its_budget_of_sentences_sharing_its_words(
    fixtures_dir: Path,
) -> None:
    harbour = read_script(fixtures_dir / "models" / "harbour_town.fountain")
    embedder = FakeEmbedder(dimensions=256)
    index = SceneIndex(harbour, embedder, question_sentences=2)
    headings = len(_texts(embedder))
    found = index.search("Who sells crab at the fish market?", k=1)
    assert found[0].heading == "EXT. FISH MARKET - DAWN"
    embedded = _texts(embedder)[headings:]
    sentences = [t for t in embedded if t != "Who sells crab at the fish market?"]
    assert len(sentences) == 2 == index.sentences.embedded
    assert all("crab" in t.lower() or "market" in t.lower() for t in sentences)


def test_an_asker_with_the_background_answers_and_ends_with_every_sentence(
    ferry: Screenplay, model: FakeTextModel
) -> None:
    asker = Asker(ferry, fake_settings(), use_llm=False, model=model, background=True)
    answer = asker.ask("Where is the brass compass?")
    assert answer.path == "extractive" and "compass" in answer.answer.lower()
    assert asker.index.sentences.wait(30)
    again = asker.ask("Where is the brass compass?")
    assert again.scenes[0].index == answer.scenes[0].index
    asker.close()
    one_shot = Asker(ferry, fake_settings(), use_llm=False, model=model)
    assert one_shot.index.sentences._thread is None  # the default starts no thread


def test_names_and_an_ordinal_word_single_out_scenes_in_script_order(ferry: Screenplay) -> None:
    facts = script_facts(ferry)
    first = field_bonus("When does Dr. Pell first appear?", facts, ["DR. PELL"])
    assert first == {4: 1.0, 6: 0.5}
    assert field_bonus("Where is Tomas at the end?", facts, ["TOMAS"]) == {6: 1.0, 2: 0.5}
    assert field_bonus("Where do Isla and Tomas meet?", facts, ["ISLA", "TOMAS"])[1] == 1.0
    assert field_bonus("What does Tomas carry?", facts, ["TOMAS"]) == {}  # no order asked for
    index = SceneIndex(ferry, FakeEmbedder(dimensions=256))
    # Under the fake bag-of-words embedder "When does ..." matched scene 6's "She always does."
    # as closely as scene 4's introduction; it ranked 4 first only while "DR." was split off
    # as a sentence of its own that shared the question's word "dr" (wave 9 joins it).
    assert index.search("Where is Dr. Pell first seen?", k=1)[0].index == 4


def test_only_the_newest_sentence_files_are_kept(tmp_path: Path) -> None:
    import os

    from assistant.analysis.ask.sentence_vectors import prune_sentence_files

    for age in range(5):
        path = tmp_path / f"sentences-{age}.npy"
        path.write_bytes(b"x")
        os.utime(path, (1_000_000 - age, 1_000_000 - age))  # sentences-0 is the newest
    (tmp_path / "abc.npy").write_bytes(b"heading vectors")  # not a sentence file: kept
    removed = prune_sentence_files(tmp_path, keep=2)
    assert sorted(p.name for p in removed) == ["sentences-2.npy", "sentences-3.npy",
                                               "sentences-4.npy"]  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "abc.npy", "sentences-0.npy", "sentences-1.npy"
    ]  # fmt: skip
