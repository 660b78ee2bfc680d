"""Reasons say what is true of the scene, and the ones shown carry information about it."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.analysis.strength.scene_features import SceneFacts
from assistant.analysis.strength.scene_reasons import (
    TEMPLATES,
    SceneView,
    ScriptPushes,
    explain,
    script_pushes,
)
from assistant.analysis.strength.scene_strength import (
    feature_names,
    score_screenplay,
    shipped_model,
)
from assistant.script.reading import read_script
from tests.fakes import FakeEmbedder

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "strength"


def _view(values: dict[str, float] | None = None, **facts: Any) -> SceneView:
    return SceneView(SceneFacts(**{"position": 0.5, **facts}), values or {})


HIGH, LOW, AVERAGE = 1.5, -1.5, 0.1
"""Per-script z-scores: marked above, marked below, and about average."""

# group -> (a scene where the reason holds, its words, a scene where it does not)
CASES: dict[str, tuple[SceneView, str, SceneView]] = {
    "length": (_view({"length": HIGH}), "a long scene", _view({"length": LOW})),
    "dialogue_share": (
        _view({"dialogue_share": HIGH}),
        "more dialogue",
        _view({"dialogue_share": AVERAGE}),
    ),
    "exclamations": (_view({"exclamations": HIGH}), "heated", _view({"exclamations": LOW})),
    "questions": (_view({"questions": HIGH}), "more questions", _view({"questions": LOW})),
    "capitals": (_view({"capitals": HIGH}), "loud action", _view({"capitals": AVERAGE})),
    "lex_violence": (
        _view({"lex_violence": HIGH}),
        "violent action words",
        _view({"lex_violence": LOW}),
    ),
    "lex_emotion": (_view({"lex_emotion": HIGH}), "emotional words", _view({"lex_emotion": LOW})),
    "lex_resolve": (_view({"lex_resolve": HIGH}), "words of decision", _view({"lex_resolve": 0})),
    "lex_discovery": (
        _view({"lex_discovery": HIGH}),
        "words of discovery (truth, secret)",
        _view({"lex_discovery": LOW}),
    ),
    "new_location": (
        _view({"new_location": 1.0}, new_location=True, location="Vault"),
        "a new location (Vault)",
        _view({"new_location": 0.0}, location="Vault"),
    ),
    "int_ext_change": (
        _view(int_ext_change=True),
        "cuts between inside and outside",
        _view(int_ext_change=False),
    ),
    "time_change": (_view(time_change=True), "time of day changes", _view(time_change=False)),
    "night": (_view({"night": 1.0}), "at night", _view({"night": 0.0})),
    "speakers": (_view({"speakers": HIGH}), "many characters speak", _view({"speakers": LOW})),
    "entering": (_view(entering=["HOLLY"]), "Holly enter", _view(entering=[])),
    "leaving": (_view(leaving=["HOLLY"]), "Holly drop out", _view(leaving=[])),
    "protagonist": (
        _view(protagonist="JOHN", protagonist_present=True),
        "the protagonist (John) is in it",
        _view(protagonist="JOHN", protagonist_present=False),
    ),
    "cast": (_view({"cast_count": HIGH}), "main cast together", _view({"cast_count": LOW})),
    "first_appearance": (
        _view(first_appearance=["HANS"]),
        "first appearance of Hans",
        _view(first_appearance=[]),
    ),
    "last_appearance": (
        _view(last_appearance=["HANS"]),
        "last appearance of Hans",
        _view(last_appearance=[]),
    ),
    "new_pair": (
        _view(protagonist="JOHN", new_pairs=["HANS"]),
        "John's first scene with Hans",
        _view(protagonist="JOHN", new_pairs=[]),
    ),
    "shift": (
        _view({"shift_before": HIGH, "shift_after": HIGH, "tone_shift": HIGH}),
        "sharp change of tone",
        _view({"shift_before": LOW, "shift_after": LOW, "tone_shift": LOW}),
    ),
    "novelty": (_view({"novelty": HIGH}), "unlike any scene", _view({"novelty": LOW})),
    "centrality": (_view({"centrality": HIGH}), "main threads", _view({"centrality": LOW})),
    "like_opening": (_view({"like_opening": HIGH}), "echoes the opening", _view({})),
    "like_ending": (_view({"like_ending": HIGH}), "resembles the ending", _view({})),
    "tone": (_view(tone="danger"), "tone: danger", _view(tone=None)),
}


def test_every_template_has_a_case_and_every_feature_group_a_template() -> None:
    assert set(CASES) == set(TEMPLATES)
    groups = script_pushes(np.zeros((1, len(feature_names()))), feature_names()).groups
    assert set(groups) - {"position"} == set(TEMPLATES)


@pytest.mark.parametrize("group", sorted(CASES))
def test_template_says_its_words_only_where_they_are_true(group: str) -> None:
    true_scene, words, false_scene = CASES[group]
    said = TEMPLATES[group](true_scene)
    assert said is not None and words in said
    other = TEMPLATES[group](false_scene)
    assert other is None or words not in other


@pytest.mark.parametrize(
    ("group", "values", "words"),
    [
        ("length", {"length": LOW}, "a short scene"),
        ("length", {"length": AVERAGE}, None),
        ("questions", {"questions": LOW}, "fewer questions"),
        ("shift", {"shift_before": LOW, "shift_after": LOW, "tone_shift": LOW}, "in tone with"),
        ("night", {"night": 0.0}, None),
    ],
)
def test_the_other_side_is_worded_from_the_value_too(
    group: str, values: dict[str, float], words: str | None
) -> None:
    said = TEMPLATES[group](_view(values))
    assert said == words if words is None else (said is not None and words in said)


def _pushes(groups: list[str], rows: list[list[float]]) -> ScriptPushes:
    pushes = np.array(rows, dtype=np.float64)
    return ScriptPushes(groups=groups, pushes=pushes, typical=np.abs(pushes).mean(axis=0))


def test_a_negative_push_keeps_the_words_of_the_value() -> None:
    # The Die Hard bug: a night scene where night lowered the score read "set by day".
    script = _pushes(["night"], [[-0.9], [0.3], [0.3], [0.3]])
    reasons = explain(script, 0, _view({"night": 1.0}), "Climax")
    assert [(r.text, r.effect) for r in reasons] == [("at night", -0.9)]


def test_a_rare_push_outranks_a_larger_one_every_scene_gets() -> None:
    groups = ["length", "first_appearance"]
    rows = [[1.2, 0.9]] + [[1.0 if i % 2 else -1.0, -0.05] for i in range(19)]
    view = _view({"length": HIGH}, first_appearance=["HANS"])
    reasons = explain(_pushes(groups, rows), 0, view, "Climax")
    assert [r.text for r in reasons] == ["first appearance of Hans", "a long scene for this script"]
    # Pushing no more than length usually does, an average-sized push on an ordinary scene is no
    # reason at all.
    assert explain(_pushes(groups, rows), 2, _view({"length": HIGH}), "Climax") == []


def test_a_smooth_position_prior_is_shared_by_neighbours_and_gives_no_reason() -> None:
    n, names = 60, ["pos_050", "night"]
    ramp = np.linspace(-2.0, 2.0, n)  # the prior rises smoothly across the script
    contributions = np.column_stack([ramp, np.zeros(n)])
    script = script_pushes(contributions, names)
    assert np.abs(script.pushes[5:-5, 0]).max() < 0.1
    assert all(
        explain(script, i, _view(position=i / (n - 1)), "Climax") == [] for i in range(5, n - 5)
    )
    # A prior that jumps at one scene still shows there: its neighbours do not share it.
    spike = np.zeros(n)
    spike[30] = 3.0
    script = script_pushes(np.column_stack([spike, np.zeros(n)]), names)
    reasons = explain(script, 30, _view(position=0.5), "Climax")
    assert [r.text for r in reasons] == ["50% into the script, where a Climax often falls"]


def test_scored_reasons_are_true_of_their_scenes() -> None:
    """A model whose heads all dislike night: night scenes say "at night" with a negative effect,
    and no reason anywhere calls a scene by day."""
    screenplay = read_script(FIXTURES / "lighthouse.fountain")
    shipped = shipped_model()
    column = shipped.feature_names.index("night")
    weights = [[w if c != column else -3.0 for c, w in enumerate(row)] for row in shipped.weights]
    model = dataclasses.replace(shipped, weights=weights)
    report = score_screenplay(screenplay, FakeEmbedder(dimensions=64), model=model)
    night = {s.index for s in report.scenes if "NIGHT" in s.heading}
    assert night
    for scene in report.scenes:
        texts = {r.text: r.effect for r in scene.reasons}
        assert not any("day" in t for t in texts)
        if "at night" in texts:
            assert scene.index in night and texts["at night"] < 0
    assert any("at night" in {r.text for r in report.scenes[i].reasons} for i in night)


@pytest.mark.shared_data
@pytest.mark.real_model
def test_die_hard_reasons_are_true_and_not_one_prior_everywhere(shared_data_dir: Path) -> None:
    from assistant.models.embedder import SentenceTransformerEmbedder

    path = shared_data_dir / "labeled" / "tripod" / "screenplays" / "test" / "Die Hard.txt"
    screenplay = read_script(path)
    embedder = SentenceTransformerEmbedder(
        device="cpu", max_seq_length=shipped_model().embed_max_tokens
    )
    report = score_screenplay(screenplay, embedder)
    texts = [r.text for s in report.scenes for r in s.reasons]
    assert not any("by day" in t for t in texts)
    # Before: every one of the 134 scenes said "N% into the script".
    assert sum("% into the script" in t for t in texts) < len(report.scenes) // 4
    for scene in report.scenes:
        if "at night" in {r.text for r in scene.reasons}:
            assert "NIGHT" in scene.heading
