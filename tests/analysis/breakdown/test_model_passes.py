"""The embedder pass (with the deterministic FakeEmbedder) and the LLM pass (FakeTextModel)."""

from __future__ import annotations

import json

from assistant import api
from assistant.analysis.breakdown.embed_pass import EmbedPass
from assistant.analysis.breakdown.lexicon import Lexicon, parse_lexicon
from assistant.analysis.breakdown.llm_pass import run_llm_pass
from assistant.script.model import Screenplay
from tests.fakes import FakeEmbedder, FakeTextModel


def test_embedder_classifies_unclaimed_capitals_by_the_nearest_term(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    script = tmp_path / "caps.fountain"
    script.write_text(
        "INT. ROOM - DAY\n\nMara slowly lifts the OLD REVOLVER from the drawer, turns away. "
        "CLOSE ON the VELVET SOFA where her sister slept. Outside, a BRIGHT MOON.\n\n"
        "MARA\nNow.\n",
        encoding="utf-8",
    )
    # Terms that share one word of two with a capitalised phrase: the bag-of-words fake puts
    # them at cosine 0.5; "bright moon" shares no word with any term.
    lexicon = Lexicon(
        parse_lexicon("weapons", "old pistol\n")
        | parse_lexicon("set_dressing", "velvet armchair\n")
    )
    embedder = FakeEmbedder(dimensions=512)
    passes = EmbedPass(embedder, lexicon, threshold=0.45)
    screenplay = api.open_script(script)
    assert "embedder" in api.breakdown(screenplay, embedder=embedder).passes
    rules = api.breakdown(screenplay)
    found = list(passes.classify(screenplay.scenes[0], rules.scenes[0].elements))
    assert ("weapons", "old revolver", "old revolver") in found
    assert ("set_dressing", "velvet sofa", "velvet sofa") in found
    assert not any("moon" in name or "close" in name for _, name, _ in found)


def test_embedder_pass_batches_the_script_once(harbour: Screenplay) -> None:
    embedder = FakeEmbedder()
    api.breakdown(harbour, embedder=embedder)
    embedded = [text for batch in embedder.calls for text in batch]
    assert embedded and len(embedded) == len(set(embedded))  # each term, each candidate once


def test_llm_pass_is_reported_apart_with_lines(harbour: Screenplay) -> None:
    model = FakeTextModel()
    reply = {"elements": [{"category": "props", "name": "Briefcase"},
                          {"category": "cast", "name": "mara"}]}  # fmt: skip
    model.enqueue([json.dumps(reply)])
    report = api.breakdown(harbour)
    rules = report.model_dump_json()
    llm = run_llm_pass(harbour, report, model)
    assert report.model_dump_json() == rules  # nothing merged into the rules' breakdown
    first = llm.scenes[0]
    assert first.index == 1
    assert [(e.name, e.line, e.source) for e in first.elements["props"]] == [
        ("briefcase", 10, "llm")
    ]
    assert [e.name for e in first.elements["cast"]] == ["MARA"]
    # The queue then runs dry: the fake's default reply is no JSON, so later scenes fall back.
    assert llm.fallback_scenes == len(llm.scenes) - 1
    assert llm.prompt == "breakdown.v1"
