"""Per-scene features for the turning-point model, with the facts that explain them in words.

Everything here is read from Slate's own script model (headings, speakers, pages) and from one
embedding per scene, so a user's script and the training scripts go through the same code.
Features are z-scored within each script where the absolute level says more about a writer's style
than about the story (scene length, dialogue share, tone), so the model compares a scene with the
rest of its own script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from assistant.analysis.scene_text import SceneText
from assistant.script.model import Scene

FloatArray = npt.NDArray[np.float64]

TONE_ANCHORS: dict[str, str] = {
    "danger": "danger and violence: a fight, a gun is fired, someone is hurt or killed",
    "fear": "fear and panic: running, hiding, screaming, a chase",
    "love": "love and tenderness: a kiss, an embrace, two people close to each other",
    "grief": "grief and loss: crying, a funeral, bad news, sadness",
    "conflict": "an angry argument: shouting, accusations, a betrayal, a threat",
    "joy": "celebration and laughter: a party, good news, happiness",
    "revelation": "a shocking discovery: a secret is revealed, the truth comes out",
    "decision": "a decision is made: a plan, a promise, a choice that changes everything",
    "routine": "ordinary routine: small talk, daily chores, people at work",
}
"""Short descriptions of tones; a scene's cosine to each (embedded with the same model) places it
on that tone. Written for Slate; they name moods, not any film."""

LEXICONS: dict[str, frozenset[str]] = {
    "violence": frozenset(
        [
            "kill",
            "kills",
            "killed",
            "killing",
            "dead",
            "death",
            "die",
            "dies",
            "dying",
            "gun",
            "guns",
            "shoot",
            "shoots",
            "shot",
            "shots",
            "blood",
            "bloody",
            "knife",
            "body",
            "corpse",
            "murder",
            "murdered",
            "fight",
            "fights",
            "punch",
            "punches",
            "explosion",
            "explodes",
            "fire",
            "fires",
            "bullet",
            "bullets",
            "attack",
            "attacks",
        ]
    ),
    "emotion": frozenset(
        [
            "cry",
            "cries",
            "crying",
            "tears",
            "love",
            "loves",
            "kiss",
            "kisses",
            "kissing",
            "hug",
            "hugs",
            "sob",
            "sobs",
            "sobbing",
            "heart",
            "sorry",
            "forgive",
        ]
    ),
    "resolve": frozenset(
        [
            "decide",
            "decides",
            "decided",
            "plan",
            "plans",
            "must",
            "promise",
            "promises",
            "agree",
            "agrees",
            "deal",
            "choice",
            "chooses",
            "quit",
            "quits",
            "leave",
            "leaving",
        ]
    ),
    "discovery": frozenset(
        [
            "realize",
            "realizes",
            "realizing",
            "discover",
            "discovers",
            "discovered",
            "truth",
            "secret",
            "secrets",
            "finds",
            "reveal",
            "reveals",
            "revealed",
            "knew",
        ]
    ),
}
"""Word lists for cues the embedding of a scene's opening can miss (its climax may come late)."""

POSITION_CENTRES = np.linspace(0.0, 1.0, 11)
POSITION_WIDTH = 0.07
"""Gaussian bumps every 10% of the script, 7% wide: each TP head learns its own position prior."""

CAST_FEATURES = frozenset(
    [
        "speakers",
        "entering",
        "leaving",
        "protagonist_present",
        "protagonist_share",
        "cast_count",
        "first_appearance",
        "last_appearance",
        "new_pair",
    ]
)
"""Columns built from who speaks and who is named; training may give them their own penalty."""

MAJOR_CAST = 6
"""Characters counted as the main cast: the most-speaking six."""

_TIME_WORDS = {"DAY", "NIGHT", "MORNING", "EVENING", "DAWN", "DUSK", "AFTERNOON", "SUNSET", "LATER"}
_LOWER_WORD = re.compile(r"[a-z']+")


@dataclass
class SceneFacts:
    """What a reason can say about one scene."""

    position: float
    """Relative place in the script, 0 (first scene) to 1 (last)."""
    new_location: bool = False
    location: str = ""
    int_ext_change: bool = False
    time_change: bool = False
    entering: list[str] = field(default_factory=list)
    leaving: list[str] = field(default_factory=list)
    protagonist: str | None = None
    protagonist_present: bool = False
    first_appearance: list[str] = field(default_factory=list)
    last_appearance: list[str] = field(default_factory=list)
    new_pairs: list[str] = field(default_factory=list)
    """Main characters meeting the protagonist on screen for the first time."""
    tone: str | None = None
    """The tone this scene leans to most, relative to the script."""


@dataclass
class SceneFeatures:
    """The feature matrix of one script and the facts behind it."""

    names: list[str]
    values: FloatArray
    """(scenes, features)."""
    facts: list[SceneFacts]


def _zscore(values: FloatArray) -> FloatArray:
    if values.size == 0:
        return values
    spread = float(values.std())
    return (values - values.mean()) / spread if spread > 1e-12 else values * 0.0


def _location_key(scene: Scene) -> str:
    if scene.heading is None:
        return ""
    location = scene.heading.location or scene.heading.text
    # "DINER - KITCHEN" and "DINER - BOOTH" are one place for novelty: keep the first part.
    return location.split(" - ")[0].strip().upper()


def _time_key(scene: Scene) -> str:
    time = (scene.heading.time_of_day or "") if scene.heading else ""
    words = set(time.upper().replace("-", " ").split())
    return next(iter(sorted(words & _TIME_WORDS)), "")


def _present(text: SceneText, name: str, patterns: dict[str, re.Pattern[str]]) -> bool:
    if name in text.speech_counts:
        return True
    pattern = patterns.get(name)
    return bool(pattern and pattern.search(text.action_text))


def scene_features(
    scenes: list[Scene],
    texts: list[SceneText],
    vectors: FloatArray,
    anchors: FloatArray,
) -> SceneFeatures:
    """Build the feature matrix of a script.

    Args:
        scenes: the screenplay's scenes, in order.
        texts: ``read_scene`` of each scene.
        vectors: one unit-length embedding per scene (scenes, dims).
        anchors: unit-length embeddings of ``TONE_ANCHORS`` values, in order (anchors, dims).

    Returns:
        Features (named columns) and facts per scene.
    """
    n = len(scenes)
    columns: dict[str, FloatArray] = {}
    positions = np.arange(n) / max(n - 1, 1)
    facts = [SceneFacts(position=float(p)) for p in positions]
    for centre in POSITION_CENTRES:
        columns[f"pos_{round(centre * 100):03d}"] = np.exp(
            -((positions - centre) ** 2) / (2 * POSITION_WIDTH**2)
        )

    eighths = np.array([max(s.eighths, 1) for s in scenes], dtype=np.float64)
    words = np.array([t.words for t in texts], dtype=np.float64)
    columns["length"] = _zscore(np.log(eighths))
    columns["words"] = _zscore(np.log1p(words))
    dialogue = np.array([t.dialogue_words for t in texts], dtype=np.float64)
    columns["dialogue_share"] = _zscore(dialogue / np.maximum(words, 1))
    per_word = np.maximum(words, 20)
    columns["exclamations"] = _zscore(np.array([t.exclamations for t in texts]) / per_word)
    columns["questions"] = _zscore(np.array([t.questions for t in texts]) / per_word)
    columns["capitals"] = _zscore(np.array([t.capital_words for t in texts]) / per_word)
    for lexicon, members in LEXICONS.items():
        counts = [
            sum(1 for w in _LOWER_WORD.findall(t.text.lower()) if w in members) for t in texts
        ]
        columns[f"lex_{lexicon}"] = _zscore(np.array(counts, dtype=np.float64) / per_word)

    _add_setting_features(scenes, columns, facts)
    _add_cast_features(texts, columns, facts)
    _add_embedding_features(vectors, anchors, columns, facts)

    names = list(columns)
    values = np.column_stack([columns[name] for name in names]) if n else np.zeros((0, len(names)))
    return SceneFeatures(names=names, values=np.asarray(values, dtype=np.float64), facts=facts)


def _add_setting_features(
    scenes: list[Scene], columns: dict[str, FloatArray], facts: list[SceneFacts]
) -> None:
    n = len(scenes)
    new_location = np.zeros(n)
    int_ext_change = np.zeros(n)
    time_change = np.zeros(n)
    night = np.zeros(n)
    seen: set[str] = set()
    for i, scene in enumerate(scenes):
        key = _location_key(scene)
        facts[i].location = key.title()
        if key and key not in seen:
            new_location[i] = 1.0
            facts[i].new_location = i > 0
        seen.add(key)
        time = _time_key(scene)
        night[i] = time in {"NIGHT", "EVENING", "DUSK"}
        if i > 0:
            before = scenes[i - 1].heading
            here = scene.heading
            if before and here and before.int_ext and here.int_ext:
                int_ext_change[i] = before.int_ext != here.int_ext
            previous_time = _time_key(scenes[i - 1])
            time_change[i] = bool(time and previous_time and time != previous_time)
        facts[i].int_ext_change = bool(int_ext_change[i])
        facts[i].time_change = bool(time_change[i])
    columns["new_location"] = new_location
    columns["int_ext_change"] = int_ext_change
    columns["time_change"] = time_change
    columns["night"] = night


def _add_cast_features(
    texts: list[SceneText], columns: dict[str, FloatArray], facts: list[SceneFacts]
) -> None:
    n = len(texts)
    totals: dict[str, int] = {}
    for text in texts:
        for name, count in text.speech_counts.items():
            totals[name] = totals.get(name, 0) + count
    cast = [name for name, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))][:MAJOR_CAST]
    protagonist = cast[0] if cast else None
    patterns = {
        name: re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE) for name in cast if len(name) > 2
    }
    present = [[_present(t, name, patterns) for name in cast] for t in texts]
    first = {name: next((i for i in range(n) if present[i][c]), -1) for c, name in enumerate(cast)}
    last = {
        name: next((i for i in reversed(range(n)) if present[i][c]), -1)
        for c, name in enumerate(cast)
    }
    speakers = np.array([len(t.speakers) for t in texts], dtype=np.float64)
    entering = np.zeros(n)
    leaving = np.zeros(n)
    protagonist_present = np.zeros(n)
    protagonist_share = np.zeros(n)
    cast_count = np.zeros(n)
    first_appearance = np.zeros(n)
    last_appearance = np.zeros(n)
    new_pairs = np.zeros(n)
    met: set[str] = set()
    for i, text in enumerate(texts):
        here = set(text.speakers)
        before = set(texts[i - 1].speakers) if i > 0 else set()
        facts[i].entering = [s for s in text.speakers if s not in before] if i > 0 else []
        facts[i].leaving = sorted(before - here)
        entering[i] = len(facts[i].entering)
        leaving[i] = len(facts[i].leaving)
        cast_here = [name for c, name in enumerate(cast) if present[i][c]]
        cast_count[i] = len(cast_here)
        facts[i].protagonist = protagonist
        if protagonist is not None and protagonist in cast_here:
            protagonist_present[i] = 1.0
            facts[i].protagonist_present = True
            spoken = sum(text.speech_counts.values())
            protagonist_share[i] = text.speech_counts.get(protagonist, 0) / max(spoken, 1)
            pairs = [name for name in cast_here if name != protagonist and name not in met]
            facts[i].new_pairs = pairs
            new_pairs[i] = len(pairs) > 0
            met.update(pairs)
        facts[i].first_appearance = [name for name in cast if first[name] == i and i > 0]
        facts[i].last_appearance = [name for name in cast if last[name] == i and i < n - 1]
        first_appearance[i] = len(facts[i].first_appearance) > 0
        last_appearance[i] = len(facts[i].last_appearance) > 0
    columns["speakers"] = _zscore(speakers)
    columns["entering"] = _zscore(entering)
    columns["leaving"] = _zscore(leaving)
    columns["protagonist_present"] = protagonist_present
    columns["protagonist_share"] = protagonist_share
    columns["cast_count"] = _zscore(cast_count)
    columns["first_appearance"] = first_appearance
    columns["last_appearance"] = last_appearance
    columns["new_pair"] = new_pairs


def _add_embedding_features(
    vectors: FloatArray,
    anchors: FloatArray,
    columns: dict[str, FloatArray],
    facts: list[SceneFacts],
) -> None:
    n = len(vectors)
    similarity = vectors @ vectors.T if n else np.zeros((0, 0))
    shift_before = np.zeros(n)
    shift_after = np.zeros(n)
    novelty = np.zeros(n)
    if n > 1:
        neighbour = np.einsum("ij,ij->i", vectors[1:], vectors[:-1])
        shift_before[1:] = 1.0 - neighbour
        shift_after[:-1] = 1.0 - neighbour
        shift_before[0], shift_after[-1] = shift_before[1:].mean(), shift_after[:-1].mean()
        for i in range(1, n):
            novelty[i] = 1.0 - float(similarity[i, :i].max())
        novelty[0] = novelty[1:].mean()
    columns["shift_before"] = _zscore(shift_before)
    columns["shift_after"] = _zscore(shift_after)
    columns["novelty"] = _zscore(novelty)
    centrality = (similarity.sum(axis=1) - 1.0) / max(n - 1, 1) if n else np.zeros(0)
    columns["centrality"] = _zscore(centrality)
    edge = max(1, n // 10)
    opening = vectors[:edge].mean(axis=0) if n else np.zeros(vectors.shape[1])
    ending = vectors[-edge:].mean(axis=0) if n else np.zeros(vectors.shape[1])
    columns["like_opening"] = _zscore(vectors @ opening)
    columns["like_ending"] = _zscore(vectors @ ending)
    tones = np.column_stack([_zscore(vectors @ a) for a in anchors]) if n else np.zeros((0, 0))
    for a, name in enumerate(TONE_ANCHORS):
        columns[f"tone_{name}"] = tones[:, a] if n else np.zeros(0)
    tone_shift = np.zeros(n)
    if n > 1:
        tone_shift[1:] = np.linalg.norm(tones[1:] - tones[:-1], axis=1)
        tone_shift[0] = tone_shift[1:].mean()
    columns["tone_shift"] = _zscore(tone_shift)
    names = list(TONE_ANCHORS)
    for i in range(n):
        best = int(np.argmax(tones[i]))
        facts[i].tone = names[best] if tones[i, best] > 1.0 else None
