"""The beat map: every synopsis sentence projected onto the scenes that carry it.

Method v4 (pre-registered for ``scripts/eval_beat_map.py``, docs/beats.md; v3, the prose
sentence posterior not sharpened, plus step 4's strength belief and window decoding):

1. The synopsis is read as an outline (``Beat name: sentence``) or prose (``synopsis_text``).
2. Which sentences are turning points: an outline's names say so (any sheet's beat name, any case:
   ``Catalyst`` ~ Opportunity, ``Finale`` ~ Climax; ``beat_position``); for prose with at least five
   sentences the shipped sentence classifier gives each sentence a probability per TP.
3. Each sentence is projected onto the headed scenes with the whole-scene projection of the silver
   labels (``projection.py``: MiniLM on whole scenes + TF-IDF + position prior + length prior). Its
   position prior is centred on its place in the synopsis (prose, unnamed outline lines), on the
   mean position of its TP in the training movies' silver labels, width ``TP_POSITION_SIGMAS``
   (outline lines naming a TP: an outline's line order says little about where in the script its
   beat falls), or on the convention's position of the beat it names (other beats).
4. The five TPs are placed together, strictly increasing (``tp_decoding.py``): an outline's named
   lines' projections decoded jointly; for prose the classifier's ordered sentence posterior
   mixes all sentences' projections, times a TP position prior (``PROSE_PRIOR_SIGMA``). In both
   forms each TP's distribution is multiplied by the scene-strength model's probability of that
   TP per scene, raised to ``STRENGTH_WEIGHT``, and decoded on three-scene window mass
   (``WINDOW_DECODE``).
5. A sentence's scenes are those within half of its best scene's softmax mass. A sentence is
   carried when some scene's MiniLM cosine with it reaches ``CARRY_COSINE``.
6. A run of at least ``max(5, 10% of the scenes)`` headed scenes that no carried sentence covers is
   flagged.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt

from assistant.analysis.beats.conventions import beat_position
from assistant.analysis.beats.projection import (
    POSITION_SIGMA,
    evidence,
    projection_scores,
    scores_to_distribution,
    tfidf_similarity_of_tokens,
    tokens,
    whole_scene_vectors,
)
from assistant.analysis.beats.results import (
    MapTurningPoint,
    SceneRun,
    SentenceMatch,
    SynopsisMap,
)
from assistant.analysis.beats.sentence_classifier import SentenceClassifier
from assistant.analysis.beats.synopsis_text import (
    SynopsisText,
    english_share,
    overlap_share,
    read_synopsis,
)
from assistant.analysis.beats.tp_decoding import (
    decode_expected_hits,
    decode_increasing,
    decode_prose,
    fuse_strength,
    place_hits,
)
from assistant.analysis.scene_text import SceneText, read_scene
from assistant.analysis.strength.turning_points import TP_NAMES, window_mass
from assistant.errors import AnalysisError
from assistant.models.base import Embedder
from assistant.script.model import Screenplay

FloatArray = npt.NDArray[np.float64]

CARRY_COSINE = 0.38
"""MiniLM cosine some scene needs with a sentence for the sentence to count as carried. Set on 7
training movies (every 12th): their own synopsis sentences reach it in 90% of cases, sentences of
another movie's synopsis in 15% (the z-scored evidence could not tell the two apart: a sentence's
best scene always stands out from the rest of its script)."""
SHARE_OF_PEAK = 0.5
MIN_UNCOVERED_RUN = 5
LOW_OVERLAP = 0.2
"""Below this share of content words shared with the script, the synopsis reads as foreign."""
LOW_ENGLISH = 0.15
OUTLINE_ORDERED = True
"""Decode an outline's named TPs jointly in story order (else each at its own best scene)."""
PROSE_SHARPEN = 1.0
"""Power on the ordered posterior of each TP's sentence before its projections are mixed (v2: 4;
v3: 1, chosen by ``scripts/tune_beat_map.py`` in 4 of 5 folds over the 84 training movies)."""
PROSE_PRIOR_SIGMA = 0.25
"""Width of the TP position prior on a prose TP's mixture, around the training-set TP means (0:
no prior)."""
TP_POSITION_SIGMAS = (0.13, 0.13, 0.13, 0.13, 0.13)
"""Width of each named TP's position prior (fraction of the script)."""
STRENGTH_WEIGHT = 0.25
"""Power on the scene-strength model's per-TP probabilities multiplied into each TP's scene
distribution (v4; 0: not used). Chosen among 0.25 / 0.5 / 1 on the 84 training movies with the
strength model refitted without each held-out fold (docs/beats.md)."""
WINDOW_DECODE = True
"""Decode each TP on the mass of the three scenes around a pick (v4; v1-v3: the scene's own)."""
OUTLINE_HITS: dict[str, float] | None = None
"""Method v6 candidate for the outline (None: v4's decode): each named TP's scene scored by the
probability that its three-scene window holds the sentence's event, over the places the TP's
sentence held in the training synopses (``OUTLINE_PLACES_FILE``), each place weighted by
``exp(beta * log evidence)`` of the sentence's text around it; the five decoded jointly,
strictly increasing, on the summed hit probability plus ``tie`` x v4's log window mass."""
OUTLINE_PLACES_FILE = "outline_places.v1.json"
"""Each training synopsis's five TP sentence places (index / (sentences - 1)); written by
``python scripts/tune_beats_v6.py --write-places``."""


def map_synopsis(
    screenplay: Screenplay,
    text: str,
    embedder: Embedder,
    *,
    classifier: SentenceClassifier | None,
    tp_positions: Sequence[float],
    texts: Sequence[SceneText] | None = None,
    tp_strength: FloatArray | None = None,
) -> SynopsisMap:
    """Project a synopsis onto the script's scenes.

    Args:
        screenplay: the paginated script.
        text: the synopsis file's text.
        embedder: MiniLM (the projection's signals were set with it).
        classifier: finds the TP sentences of prose (None: prose gets no TP sentences).
        tp_positions: where each TP falls on average (fraction of the script), for outline lines.
        texts: ``read_scene`` of every scene, when the caller has it (None: read here).
        tp_strength: (5, scenes) the scene-strength model's probability that each TP falls on each
            scene of ``screenplay`` (``strength_rows`` of its report; None: not used).

    Returns:
        The map, with warnings about the synopsis.

    Raises:
        AnalysisError: the synopsis holds no sentence.
    """
    synopsis = read_synopsis(text)
    if not synopsis.sentences:
        raise AnalysisError("The synopsis is empty: give prose, or one beat a line (Catalyst: ...)")
    scenes = screenplay.scenes
    candidates = [i for i, s in enumerate(scenes) if s.heading is not None] or list(
        range(len(scenes))
    )
    every = list(texts) if texts is not None else [read_scene(s) for s in scenes]
    read = [every[i] for i in candidates]
    sentence_vectors = np.asarray(embedder.embed(synopsis.sentences), dtype=np.float64)
    notes = []
    dims = sentence_vectors.shape[1]
    if classifier is not None and len(classifier.feature_names) != dims + 13:
        # The classifier reads MiniLM vectors; another embedder's would be noise to it.
        notes.append(
            f"The synopsis classifier was trained with {classifier.embedder_id}; with "
            f"{embedder.model_id} no prose sentence is named a turning point"
        )
        classifier = None
    scene_vectors = whole_scene_vectors(read, embedder)
    embedding_sim = sentence_vectors @ scene_vectors.T
    scene_tokens = [tokens(t.text) for t in read]
    tfidf_sim = tfidf_similarity_of_tokens(scene_tokens, [tokens(s) for s in synopsis.sentences])
    n = len(synopsis.sentences)
    named = _named_turning_points(synopsis) if synopsis.form == "outline" else {}
    positions = _positions(synopsis, named, tp_positions)
    scores = projection_scores(
        embedding_similarity=embedding_sim,
        tfidf_similarity=tfidf_sim,
        sentence_count=n,
        tp_sentences=list(range(n)),
        scene_words=[t.words for t in read],
        positions=positions,
        sigmas=_sigmas(synopsis, named),
    )
    distribution = scores_to_distribution(scores)
    strength = None
    if tp_strength is not None and tp_strength.shape == (len(TP_NAMES), len(scenes)):
        strength = np.asarray(tp_strength, dtype=np.float64)[:, candidates]
    signal = evidence(embedding_sim, tfidf_sim)
    # The projection's scores without the position prior (for OUTLINE_HITS).
    text_scores = signal + np.log(np.maximum(np.asarray([t.words for t in read], float), 1.0))
    placed, turning, confidences = _place_turning_points(
        synopsis, named, sentence_vectors, distribution, classifier, tp_positions, strength,
        text_scores,
    )  # fmt: skip
    matches = []
    for i, sentence in enumerate(synopsis.sentences):
        row = distribution[i]
        best = int(np.argmax(row))
        closest = float(embedding_sim[i].max()) if embedding_sim.shape[1] else 0.0
        carried = closest >= CARRY_COSINE
        tp = turning.get(i)
        matches.append(
            SentenceMatch(
                index=i,
                text=sentence,
                beat=synopsis.names[i] or (TP_NAMES[tp] if tp is not None else None),
                turning_point=TP_NAMES[tp] if tp is not None else None,
                scene_indices=[
                    candidates[j] for j in np.flatnonzero(row >= SHARE_OF_PEAK * row.max())
                ],
                best_scene_index=candidates[best],
                evidence=round(float(signal[i, best]), 3),
                similarity=round(closest, 4),
                carried=carried,
                confidence=confidences.get(i),
            )
        )
    turning_points = [
        MapTurningPoint(
            name=TP_NAMES[k],
            scene_index=candidates[scene],
            sentence_index=sentence,
            mass=round(min(max(mass, 0.0), 1.0), 4),
        )
        for k, (scene, sentence, mass) in sorted(placed.items())
    ]
    return SynopsisMap(
        form=synopsis.form,
        sentences=matches,
        turning_points=turning_points,
        uncarried=[m.index for m in matches if not m.carried],
        uncovered=_uncovered(screenplay, candidates, matches),
        warnings=notes
        + _warnings(
            screenplay,
            synopsis,
            {w for words in scene_tokens for w in words},
            classifier,
            script_words=sum(len(t.text.split()) for t in every),
        ),
    )


def _named_turning_points(synopsis: SynopsisText) -> dict[int, int]:
    """Outline line index -> the TP its name stands for (the first line naming each TP)."""
    found: dict[int, int] = {}
    for i, name in enumerate(synopsis.names):
        anchor, _ = beat_position(name or "")
        if anchor is not None and anchor not in found.values():
            found[i] = anchor
    return found


def _place_turning_points(
    synopsis: SynopsisText,
    named: dict[int, int],
    vectors: FloatArray,
    distribution: FloatArray,
    classifier: SentenceClassifier | None,
    tp_positions: Sequence[float],
    strength: FloatArray | None,
    text_scores: FloatArray,
) -> tuple[dict[int, tuple[int, int, float]], dict[int, int], dict[int, float]]:
    """The TPs decoded together: TP -> (scene column, sentence, mass); sentence -> TP; and for
    prose the classifier's probability of each carrying sentence. ``strength``: (5, candidate
    scenes) the strength model's per-TP probabilities, or None; ``text_scores``: (sentences,
    candidate scenes) the projection's scores without its position prior."""
    if synopsis.form == "outline":
        order = sorted(named, key=lambda i: named[i])
        rows = distribution[order] if order else np.zeros((0, distribution.shape[1]))
        tps = [named[i] for i in order]
        fused = fuse_strength(
            rows, strength[tps] if strength is not None else None, STRENGTH_WEIGHT
        )
        if OUTLINE_HITS is not None and order:
            scenes = _outline_hits(fused, text_scores[order], tps, OUTLINE_HITS)
        elif OUTLINE_ORDERED:
            scenes = decode_increasing(fused, window=WINDOW_DECODE)
        else:
            scenes = list(fused.argmax(axis=1))
        placed = {
            named[i]: (int(scene), i, float(distribution[i, scene]))
            for i, scene in zip(order, scenes, strict=True)
        }
        return placed, dict(named), {}
    if classifier is None or len(vectors) < 5:
        return {}, {}, {}
    probabilities = classifier.probabilities(vectors)
    prior = None
    if PROSE_PRIOR_SIGMA > 0:
        where = np.arange(distribution.shape[1]) / max(distribution.shape[1] - 1, 1)
        centres = np.asarray(list(tp_positions), dtype=np.float64)
        prior = np.exp(-((where[None, :] - centres[:, None]) ** 2) / (2 * PROSE_PRIOR_SIGMA**2))
    if strength is not None and STRENGTH_WEIGHT > 0:
        prior = fuse_strength(
            prior if prior is not None else np.ones_like(strength), strength, STRENGTH_WEIGHT
        )
    decoded = decode_prose(
        probabilities, distribution, sharpen=PROSE_SHARPEN, prior=prior, window=WINDOW_DECODE
    )
    placed, turning, confidences = {}, {}, {}
    for k, (scene, sentence, mass) in enumerate(
        zip(decoded.scenes, decoded.sentences, decoded.masses, strict=True)
    ):
        placed[k] = (scene, sentence, mass)
        if sentence not in turning:
            turning[sentence] = k
            confidences[sentence] = round(float(probabilities[sentence, k + 1]), 4)
    return placed, turning, confidences


def _outline_hits(
    fused: FloatArray, text: FloatArray, tps: list[int], setting: dict[str, float]
) -> list[int]:
    """Method v6's outline decode (``OUTLINE_HITS``): the named TPs' scenes, strictly increasing."""
    places = outline_places()
    hits = np.stack(
        [place_hits(text[r], places[:, tp], beta=setting["beta"]) for r, tp in enumerate(tps)]
    )
    mass = window_mass(fused) if fused.shape[1] > 3 else fused
    return decode_expected_hits(hits, np.log(np.maximum(mass, 1e-12)), setting["tie"])


def outline_places_path() -> Path:
    """The shipped places file inside the installed package."""
    return Path(str(resources.files("assistant.analysis.beats") / "weights" / OUTLINE_PLACES_FILE))


@cache
def outline_places(path: Path | None = None) -> FloatArray:
    """(synopses, 5) where each TP's sentence stood in the training synopses (0-1).

    Raises:
        AnalysisError: the file is missing, unreadable or malformed.
    """
    path = path or outline_places_path()
    try:
        places = np.asarray(json.loads(path.read_text(encoding="utf-8"))["places"], np.float64)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AnalysisError(
            f"The outline places {path} cannot be read ({exc}); rebuild them with "
            "python scripts/tune_beats_v6.py --write-places"
        ) from exc
    if places.ndim != 2 or places.shape[1] != len(TP_NAMES) or len(places) == 0:
        raise AnalysisError(f"The outline places {path} are not (synopses, 5) fractions")
    return places


def _positions(
    synopsis: SynopsisText, named: dict[int, int], tp_positions: Sequence[float]
) -> list[float]:
    n = len(synopsis.sentences)
    out = []
    for i, name in enumerate(synopsis.names):
        place = i / max(n - 1, 1)
        if synopsis.form == "outline":
            _, fraction = beat_position(name or "")
            if i in named:
                place = float(tp_positions[named[i]])
            elif fraction is not None:
                place = fraction
        out.append(place)
    return out


def _sigmas(synopsis: SynopsisText, named: dict[int, int]) -> list[float]:
    """Width of each sentence's position prior: a named TP's spread in training, else 0.1."""
    return [
        TP_POSITION_SIGMAS[named[i]] if i in named else POSITION_SIGMA
        for i in range(len(synopsis.sentences))
    ]


def _uncovered(
    screenplay: Screenplay, candidates: list[int], matches: list[SentenceMatch]
) -> list[SceneRun]:
    covered = {i for m in matches if m.carried for i in m.scene_indices}
    shortest = max(MIN_UNCOVERED_RUN, int(np.ceil(0.1 * len(candidates))))
    runs: list[list[int]] = [[]]
    for index in candidates:
        if index in covered:
            runs.append([])
        else:
            runs[-1].append(index)
    scenes = screenplay.scenes
    return [
        SceneRun(scene_indices=run, pages=[scenes[run[0]].start_page, scenes[run[-1]].end_page])
        for run in runs
        if len(run) >= shortest
    ]


def _warnings(
    screenplay: Screenplay,
    synopsis: SynopsisText,
    vocabulary: set[str],
    classifier: SentenceClassifier | None,
    *,
    script_words: int,
) -> list[str]:
    out = []
    joined = " ".join(synopsis.sentences)
    overlap = overlap_share(synopsis.sentences, vocabulary)
    english = english_share(joined)
    if english < LOW_ENGLISH:
        out.append(
            f"The synopsis reads as another language than English (only {english:.0%} of its "
            f"words are common English words; {overlap:.0%} of its words are in the script): the "
            "map then rests on the position prior and on names alone"
        )
    elif overlap < LOW_OVERLAP:
        out.append(
            f"The synopsis shares only {overlap:.0%} of its words with the script: is it in "
            "another language, or about another script? The map then rests on the position prior"
        )
    headed = max(len(screenplay.headed_scenes()), 1)
    if len(synopsis.sentences) > headed or len(joined.split()) > script_words:
        out.append(
            f"The synopsis ({len(synopsis.sentences)} sentences, {len(joined.split())} words) is "
            f"longer than the script ({headed} scenes, {script_words} words): several sentences "
            "share a scene"
        )
    if synopsis.form == "prose" and len(synopsis.sentences) < 5:
        out.append(
            f"The synopsis has {len(synopsis.sentences)} sentences: five turning points need five; "
            "none are named (an outline can name them: Catalyst: ...)"
        )
    if synopsis.form == "outline" and not any(
        beat_position(n or "")[0] is not None for n in synopsis.names
    ):
        out.append(
            "No outline line names a turning point or an anchored beat (Catalyst, Midpoint, ...): "
            "each line is placed by its order"
        )
    return out
