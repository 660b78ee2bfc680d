"""Grounded questions: hybrid retrieval, the index cache, names in questions, the prompt budget."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.analysis.ask.prompt_plan import plan_answer
from assistant.analysis.ask.retrieval import (
    SceneIndex,
    chunk_words,
    rank,
    scene_chunks,
    tokenize,
    weighted,
)
from assistant.analysis.ask.script_facts import script_facts
from assistant.errors import AnalysisError
from assistant.models.base import TRUNCATION_MARK
from assistant.script.fountain import parse_fountain
from assistant.script.model import Screenplay
from tests.fakes import FakeEmbedder, FakeTextModel


def _read(fixtures_dir: Path, *parts: str) -> Screenplay:
    from assistant.script.reading import finish_screenplay

    return finish_screenplay(parse_fountain(fixtures_dir.joinpath(*parts).read_text("utf-8")))


@pytest.fixture
def harbour(fixtures_dir: Path) -> Screenplay:
    return _read(fixtures_dir, "models", "harbour_town.fountain")


@pytest.fixture
def ferry(fixtures_dir: Path) -> Screenplay:
    return _read(fixtures_dir, "ask", "ferry.fountain")


def test_chunks_overlap_and_carry_the_heading(harbour: Screenplay) -> None:
    pieces = chunk_words(" ".join(f"w{i}" for i in range(400)), words=150, overlap=30)
    assert [p.split()[0] for p in pieces] == ["w0", "w120", "w240", "w360"]
    assert pieces[-1].split()[-1] == "w399"
    chunks = scene_chunks(script_facts(harbour))
    assert {c.scene for c in chunks} == set(range(len(harbour.scenes)))
    assert all(c.text.startswith(("INT.", "EXT.")) for c in chunks)


def test_tokens_meet_across_endings_and_possessives() -> None:
    assert tokenize("Benno sells crabs") == tokenize("benno's selling crab")
    assert tokenize("What is the name of the ship?") == ["name", "ship"]


def test_doubled_consonants_and_final_e_meet_their_stem() -> None:
    # "Who stabs Trevor?" never met the scene that says "stabbing" (stabb != stab).
    assert tokenize("stabs stabbing stabbed") == ["stab"] * 3
    assert tokenize("watches watch") == ["watch"] * 2
    assert tokenize("kisses kissed kiss") == ["kiss"] * 3
    assert tokenize("boxes box") == ["box"] * 2
    assert tokenize("killed kill") == ["kill"] * 2  # ll, ss, zz stay doubled


def test_a_base_that_ends_doubled_itself_keeps_its_double() -> None:
    # Undoubling cut "added" to "ad" and "stuffed" to "stuf", so they no longer met "add"/"stuff"
    # (before the undoubling rule they did).
    assert tokenize("added adding adds add") == ["add"] * 4
    assert tokenize("egged egg") == ["egg"] * 2
    assert tokenize("stuffed stuff sniffing sniffs handcuffed handcuffs") == [
        "stuff", "stuff", "sniff", "sniff", "handcuff", "handcuff"
    ]  # fmt: skip
    assert tokenize("running run hitting hit") == ["run", "run", "hit", "hit"]


def test_retrieval_finds_the_scene_a_question_is_about(harbour: Screenplay) -> None:
    index = SceneIndex(harbour, FakeEmbedder(dimensions=256))
    found = index.search("Who sells crab at the fish market?", k=2)
    assert found[0].heading == "EXT. FISH MARKET - DAWN"
    assert found[0].label == "2" and found[0].score >= found[1].score
    assert "Benno: Crab! Fresh crab!" in found[0].text
    assert found[0].bm25 > 0 and found[0].start_line is not None


def test_bm25_fields_let_position_and_presence_hit_a_scene(ferry: Screenplay) -> None:
    index = SceneIndex(ferry, FakeEmbedder(dimensions=256))
    _, lexical = index.scores("ending")  # no scene's text says "ending"
    assert [i for i, score in lexical.items() if score > 0] == [6]
    _, lexical = index.scores("beginning")  # the first headed scene, not the FADE IN: block
    assert [i for i, score in lexical.items() if score > 0] == [1]
    _, lexical = index.scores("isla")  # named in the jetty scene's action, not its dialogue
    assert lexical[4] > 0 and lexical.get(6, 0.0) == 0.0


def test_fusion_weighted_and_rrf_differ_from_either_ranker_alone() -> None:
    dense = {0: 0.9, 1: 0.5, 2: 0.45}
    lexical = {0: 0.0, 1: 1.0, 2: 9.0}
    assert [i for i, _ in rank(dense, lexical, "dense")] == [0, 1, 2]
    assert [i for i, _ in rank(dense, lexical, "bm25")] == [2, 1, 0]
    # 0.6 * cosine + 0.4 * bm25 / 9: scene 2 = 0.67, scene 0 = 0.54, scene 1 = 0.34
    assert [i for i, _ in weighted(dense, lexical, 0.6)] == [2, 0, 1]
    assert [i for i, _ in rank(dense, lexical, "fused")] == [2, 0, 1]
    # RRF: a scene with no BM25 hit takes no BM25 share, so 2 (ranks 3+1) beats 0 (rank 1 only)
    rrf = rank(dense, lexical, "rrf")
    assert rrf[0][0] == 2 and rrf[-1][0] == 0


def test_index_vectors_are_cached_by_content(ferry: Screenplay, tmp_path: Path) -> None:
    embedder = FakeEmbedder(dimensions=64)

    def embedded() -> int:
        return sum(len(batch) for batch in embedder.calls)

    first = SceneIndex(ferry, embedder, cache_dir=tmp_path, dense="sentences")
    assert not first.cache_hit and embedded() == len(first.dense) > 20
    second = SceneIndex(ferry, embedder, cache_dir=tmp_path, dense="sentences")
    assert second.cache_hit and embedded() == len(first.dense)  # nothing re-embedded
    assert (second.vectors == first.vectors).all()
    changed = ferry.model_copy(deep=True)
    changed.scenes[1].elements.pop(0)
    third = SceneIndex(changed, embedder, cache_dir=tmp_path, dense="sentences")
    assert not third.cache_hit and embedded() == len(first.dense) + len(third.dense)
    assert len(list((tmp_path / "ask-index").glob("*.npy"))) == 2
    assert not list((tmp_path / "ask-index").glob("*.tmp"))  # written atomically


def test_the_default_index_embeds_headings_then_only_candidate_scenes(harbour: Screenplay) -> None:
    embedder = FakeEmbedder(dimensions=256)

    def embedded() -> list[str]:
        return [text for batch in embedder.calls for text in batch]

    index = SceneIndex(harbour, embedder)
    headings = [s.heading for s in script_facts(harbour).scenes if s.heading]
    assert embedded() == headings  # building the index embeds no sentence
    found = index.search("Who sells crab at the fish market?", k=1)
    assert found[0].heading == "EXT. FISH MARKET - DAWN"
    query = index.query_vector("Who sells crab at the fish market?")
    dense, lexical = index.scores("Who sells crab at the fish market?", query)
    chosen = index.candidates(dense, lexical)
    assert found[0].index in chosen and all(i in index.sentences for i in chosen)
    market = script_facts(harbour).scenes[found[0].index]
    sentences = embedded()[len(headings) :]
    assert "Benno: Fresh crab!" in sentences  # the market's sentences, once each
    assert index.sentences.embedded == len(sentences) - 2  # and the question, twice
    assert len(set(sentences) - {"Who sells crab at the fish market?"}) == len(sentences) - 2
    similarity = index.sentence_similarity(query)
    assert (found[0].index, 0) in similarity and len(similarity) == index.sentences.embedded
    before = len(embedded())
    index.search("Who sells crab at the fish market?", k=1)
    assert len(embedded()) == before + 1  # only the question: the scenes stay embedded
    assert len(market.units) > 0


def test_a_damaged_cache_file_is_recomputed(ferry: Screenplay, tmp_path: Path) -> None:
    embedder = FakeEmbedder()
    first = SceneIndex(ferry, embedder, cache_dir=tmp_path, dense="sentences")
    for path in (tmp_path / "ask-index").glob("*.npy"):
        path.write_bytes(b"not numpy")
    again = SceneIndex(ferry, embedder, cache_dir=tmp_path, dense="sentences")
    assert not again.cache_hit and (again.vectors == first.vectors).all()
    assert sum(len(batch) for batch in embedder.calls) == 2 * len(first.dense)


def test_names_in_questions_prefer_the_longest_cue(ferry: Screenplay) -> None:
    facts = script_facts(ferry)
    assert facts.find_characters("What does Isla's mother pour?") == ["ISLA'S MOTHER"]
    assert facts.find_characters("What does Isla pour?") == ["ISLA"]
    assert facts.find_characters("Where do Tomas and Isla first meet?") == ["TOMAS", "ISLA"]
    assert facts.find_characters("Is Pell tired?") == ["DR. PELL"]
    assert facts.find_characters("Who is Isla Grant?") == ["ISLA"]  # full name from the action
    assert facts.find_characters("Does the doctor sleep?") == []
    assert facts.find_locations("What happens in the wheelhouse?") == []  # needs the whole name
    assert facts.find_locations("Scenes on the harbour pier?") == ["HARBOUR PIER"]


def test_scene_facts_know_speakers_mentions_and_labels(ferry: Screenplay) -> None:
    facts = script_facts(ferry)
    jetty = next(s for s in facts.scenes if s.start_line == 38)
    assert jetty.speakers == ["DR. PELL"] and jetty.mentioned == ["ISLA"]
    assert facts.scenes[0].label == "opening" and jetty.label == "4"
    assert jetty.citation == "scene 4 (EXT. ISLAND JETTY - DAY, p. 1, line 38)"


def test_plan_puts_scenes_in_script_order_within_budget(harbour: Screenplay) -> None:
    model = FakeTextModel(context_tokens=4096)
    index = SceneIndex(harbour, FakeEmbedder(dimensions=256))
    found = index.search("What does the baker bake in the bakery oven?", 3)
    plan = plan_answer("What does the baker bake in the bakery oven?", found, model)
    assert plan.prompt.ref == "ask.v2"
    assert [s.index for s in plan.scenes] == sorted(s.index for s in plan.scenes)
    assert "INT. BAKERY - MORNING" in plan.prompt.prompt
    assert plan.prompt.prompt.rstrip().endswith(
        "Question: What does the baker bake in the bakery oven?"
    )
    assert not plan.notes


def test_tight_budget_cuts_the_best_scene_and_says_so(harbour: Screenplay) -> None:
    model = FakeTextModel(context_tokens=4096)  # counts words as tokens
    index = SceneIndex(harbour, FakeEmbedder(dimensions=256))
    found = index.search("Who sells crab at the fish market?", 3)
    plan = plan_answer(
        "Who sells crab at the fish market?", found, model, prompt_tokens=95, relative_score=0.0
    )
    assert plan.prompt_tokens <= 95
    assert plan.cut == ["2"] and len(plan.scenes) == 1
    assert plan.scenes[0].text.endswith(TRUNCATION_MARK)
    assert any("end was cut" in note for note in plan.notes)
    assert any("did not fit" in note for note in plan.notes)


def test_empty_question_and_nothing_retrieved() -> None:
    model = FakeTextModel()
    with pytest.raises(AnalysisError, match="empty"):
        plan_answer("   ", [], model)
    with pytest.raises(AnalysisError, match="no scene text"):
        plan_answer("Who?", [], model)
    assert SceneIndex(Screenplay(), FakeEmbedder()).search("Who?") == []


def test_words_of_group_and_role_cues_are_not_aliases() -> None:
    from assistant.analysis.ask.script_facts import _aliases

    table = _aliases(["ALL THREE", "MARK", "DR. PELL", "MARK AND VANESSA", "VANESSA"], {})
    assert "all" not in table and "three" not in table and "and" not in table
    assert table["pell"] == "DR. PELL" and "dr." not in table
    assert "mark and vanessa" not in table
