"""The five turning points of a synopsis placed on the scenes jointly, in story order.

The beat map projects every synopsis sentence onto the scenes (``projection.py``). A turning point
is then not read off one sentence: for prose, the sentence classifier's belief about which
sentence is TP k (its ordered posterior: TPs come in story order, ``ordered_marginals``) weighs
the projections of all sentences, so a TP whose sentence the classifier is unsure of still lands
where its likely sentences point (``mix_projections``); then the five scenes are chosen together,
strictly increasing, maximising the summed log mass (``decode_increasing``). An outline names its
TP sentences, so each TP's scene distribution is its own sentence's projection, decoded jointly
the same way. Method v4 multiplies each TP's distribution by the scene-strength model's own
belief about that TP, read from the script alone (``fuse_strength``), and scores each scene by
the mass of the three-scene window around it, the stretch the TRIPOD protocol credits.

Why: picking one sentence per TP and taking its best scene found the annotated TP sentence for
only 9 of 50 gold TPs, and a wrong sentence describes another scene exactly; the mixture keeps the
classifier's doubt. ``decode_prose_sentences`` (one sentence per TP, scenes decoded in order) is
the alternative ``scripts/tune_beat_map.py`` compares it with; on 128 training synopses it
placed the TPs worse than the mixture (docs/beats.md has the figures).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from assistant.analysis.beats.projection import POSITION_SIGMA
from assistant.analysis.strength.turning_points import decode_ordered, window_mass

FloatArray = npt.NDArray[np.float64]

_FLOOR = 1e-12
STRENGTH_FLOOR = 1e-4
"""Least strength probability used: the report rounds them to 4 decimals, and a scene the model
puts at 0 should weigh little, not veto the synopsis."""


@dataclass
class DecodedTurningPoints:
    """Each TP's scene (index into the projection's columns), its mass there, and the sentence
    that gives it most of that mass."""

    scenes: list[int]
    masses: list[float]
    sentences: list[int]


def ordered_marginals(per_tp: FloatArray) -> FloatArray:
    """Posterior of "TP k is sentence i" when the five TPs are five sentences in story order.

    Args:
        per_tp: (tps, sentences) non-negative scores of each sentence for each TP (the
            classifier's probabilities), independent per TP.

    Returns:
        (tps, sentences) rows summing to 1 (zero rows where no ordered choice exists): the
        forward-backward marginals of the chain ``s_1 < s_2 < ... < s_tps`` whose weight is the
        product of ``per_tp[k, s_k]``.
    """
    tps, count = per_tp.shape
    if tps == 0 or count == 0:
        return np.zeros_like(per_tp)
    forward = np.zeros((tps, count))
    backward = np.ones((tps, count))
    forward[0] = per_tp[0]
    for k in range(1, tps):
        before = np.concatenate([[0.0], np.cumsum(forward[k - 1])[:-1]])
        forward[k] = per_tp[k] * before
        # Rescaled per row: a product over five TPs of ~1/35 probabilities stays representable.
        forward[k] /= max(float(forward[k].sum()), 1e-300)
    for k in range(tps - 2, -1, -1):
        after = per_tp[k + 1] * backward[k + 1]
        backward[k] = np.concatenate([np.cumsum(after[::-1])[::-1][1:], [0.0]])
        backward[k] /= max(float(backward[k].max()), 1e-300)
    joint = forward * backward
    sums = joint.sum(axis=1, keepdims=True)
    return np.asarray(joint / np.where(sums > 0, sums, 1.0), dtype=np.float64)


def mix_projections(
    weights: FloatArray, distribution: FloatArray, sharpen: float = 1.0
) -> FloatArray:
    """Each TP's distribution over scenes: the sentences' projections weighted by ``weights``.

    Args:
        weights: (tps, sentences) belief that TP k is sentence i (rows summing to 1).
        distribution: (sentences, scenes) each sentence's projection (softmax over scenes).
        sharpen: weights are raised to this power and renormalised first (1: as given).

    Returns:
        (tps, scenes), rows summing to 1.
    """
    sharp = np.power(np.maximum(weights, 0.0), sharpen)
    sums = sharp.sum(axis=1, keepdims=True)
    sharp = sharp / np.where(sums > 0, sums, 1.0)
    return np.asarray(sharp @ distribution, dtype=np.float64)


def decode_increasing(mass: FloatArray, *, window: bool = False) -> list[int]:
    """One column per row, strictly increasing, maximising the summed log ``mass``.

    Rows are allowed to share a column when there are fewer columns than rows. The scene model's
    own decoder (``decode_ordered``, gap 1) is this dynamic programme. With ``window`` each
    column is scored by the mass of the three columns centred on it (shifted inward at the ends),
    the stretch the TRIPOD protocol credits a pick with: the pick is then the middle of the most
    likely three-scene stretch, not the single likeliest scene (method v4). With three columns
    or fewer one window holds them all and ties every column, so each column's own mass decides.
    """
    rows, count = mass.shape
    if rows == 0 or count == 0:
        return []
    return decode_ordered(mass, min_gap=1, use_window=window and count > 3).scenes


def fuse_strength(mass: FloatArray, strength: FloatArray | None, weight: float) -> FloatArray:
    """Each TP's scene distribution times the scene-strength model's own belief, renormalised.

    Args:
        mass: (tps, scenes) each TP's distribution from the synopsis.
        strength: (tps, scenes) the strength model's probability that TP k falls on each scene,
            read from the script alone (None: ``mass`` unchanged).
        weight: the power on ``strength`` (0: unchanged).

    Returns:
        (tps, scenes), rows summing to 1.
    """
    if strength is None or weight == 0:
        return mass
    fused = mass * np.power(np.maximum(strength, STRENGTH_FLOOR), weight)
    return np.asarray(fused / np.maximum(fused.sum(axis=1, keepdims=True), _FLOOR), np.float64)


def decode_prose_sentences(
    probabilities: FloatArray, distribution: FloatArray
) -> DecodedTurningPoints:
    """The five TPs of prose read off one sentence each, the five scenes decoded in order.

    The sentences are the classifier's best five in story order (maximum summed log of each
    TP's probabilities normalised over the sentences, as ``SentenceClassifier.pick_turning_points``
    picks them); each TP's scene distribution is its own sentence's projection, and the five
    scenes are chosen together, strictly increasing (``decode_increasing``).

    Args:
        probabilities: (sentences, 6) the classifier's class probabilities (``none`` first).
        distribution: (sentences, scenes) the projection of every sentence.

    Returns:
        The decoded TPs (each TP's ``sentences`` entry is its own sentence); empty under five
        sentences.
    """
    if probabilities.shape[0] < 5 or distribution.shape[1] == 0:
        return DecodedTurningPoints(scenes=[], masses=[], sentences=[])
    per_tp = probabilities[:, 1:].T
    per_tp = per_tp / np.maximum(per_tp.sum(axis=1, keepdims=True), _FLOOR)
    sentences = decode_increasing(per_tp)
    rows = distribution[sentences]
    scenes = decode_increasing(rows)
    masses = [float(rows[k, j]) for k, j in enumerate(scenes)]
    return DecodedTurningPoints(scenes=scenes, masses=masses, sentences=list(sentences))


def decode_prose(
    probabilities: FloatArray,
    distribution: FloatArray,
    sharpen: float = 1.0,
    prior: FloatArray | None = None,
    *,
    window: bool = False,
) -> DecodedTurningPoints:
    """The five TPs of prose: classifier beliefs mixed over projections, decoded in order (the
    beat map's method v2).

    Args:
        probabilities: (sentences, 6) the classifier's class probabilities (``none`` first).
        distribution: (sentences, scenes) the projection of every sentence.
        sharpen: the power on the ordered sentence posterior (``mix_projections``).
        prior: (5, scenes) non-negative weights multiplying each TP's mixture before decoding
            (where each TP tends to fall; None: none).
        window: decode on three-scene window mass (``decode_increasing``).

    Returns:
        The decoded TPs; empty under five sentences.
    """
    if probabilities.shape[0] < 5 or distribution.shape[1] == 0:
        return DecodedTurningPoints(scenes=[], masses=[], sentences=[])
    per_tp = probabilities[:, 1:].T
    per_tp = per_tp / np.maximum(per_tp.sum(axis=1, keepdims=True), _FLOOR)
    weights = ordered_marginals(per_tp)
    mixture = mix_projections(weights, distribution, sharpen)
    if prior is not None:
        mixture = mixture * prior
        mixture /= np.maximum(mixture.sum(axis=1, keepdims=True), _FLOOR)
    scenes = decode_increasing(mixture, window=window)
    sentences = [int(np.argmax(weights[k] * distribution[:, j])) for k, j in enumerate(scenes)]
    masses = [float(mixture[k, j]) for k, j in enumerate(scenes)]
    return DecodedTurningPoints(scenes=scenes, masses=masses, sentences=sentences)


def event_masks(distribution: FloatArray, share_of_peak: float = 0.5) -> npt.NDArray[np.bool_]:
    """Each row's event: the scenes holding at least ``share_of_peak`` of the row's peak mass
    (how the silver labels and ``SentenceMatch.scene_indices`` read a projection)."""
    peaks = distribution.max(axis=1, keepdims=True)
    return np.asarray(distribution >= share_of_peak * peaks, dtype=np.bool_)


def place_events(
    text: FloatArray,
    places: FloatArray,
    sigma: float = POSITION_SIGMA,
    share_of_peak: float = 0.5,
) -> tuple[npt.NDArray[np.bool_], FloatArray]:
    """Where one sentence's projection would put its event, for each place it might have held
    in a synopsis.

    An outline does not say where in a synopsis its sentence stood, and the projection's
    position prior (``projection.py``) is centred there; so the sentence's event is read once per
    candidate place.

    Args:
        text: (scenes,) the sentence's text scores without a position prior (z-scored MiniLM and
            TF-IDF plus the length prior).
        places: (places,) candidate places in the synopsis (0-1).
        sigma: the projection's position prior width.
        share_of_peak: a scene is in the event when its softmax mass is at least this share of
            the peak.

    Returns:
        (places, scenes) the event under each place, and (places,) the log evidence of each
        place: how much of the sentence's text match lies around it (log-sum-exp of text plus
        prior, minus that of the prior alone).
    """
    count = text.shape[0]
    where = np.arange(count) / max(count - 1, 1)
    prior = -((where[None, :] - np.asarray(places, np.float64)[:, None]) ** 2) / (2 * sigma**2)
    scores = text[None, :] + prior
    top = scores.max(axis=1, keepdims=True)
    events = scores >= top + np.log(share_of_peak)
    fit = _logsumexp(scores) - _logsumexp(prior)
    return np.asarray(events, dtype=np.bool_), fit


def _logsumexp(values: FloatArray) -> FloatArray:
    top = values.max(axis=1, keepdims=True)
    return np.asarray(top[:, 0] + np.log(np.exp(values - top).sum(axis=1)), dtype=np.float64)


def window_hits(events: npt.NDArray[np.bool_], weights: FloatArray) -> FloatArray:
    """The probability that a pick's three-scene window (the TRIPOD protocol's predicted set,
    shifted inward at the ends) holds a scene of the event, per candidate pick.

    Args:
        events: (alternatives, scenes) the event under each alternative.
        weights: (alternatives,) each alternative's probability (summing to 1).

    Returns:
        (scenes,) the hit probability of picking each scene.
    """
    covered = window_mass(events.astype(np.float64)) > 0
    return np.asarray(np.asarray(weights, np.float64) @ covered, dtype=np.float64)


def decode_expected_hits(hits: FloatArray, logs: FloatArray, tie: float) -> list[int]:
    """One column per row, strictly increasing, maximising the summed ``hits + tie * logs``:
    the expected number of TPs whose window holds their event, with ``logs`` (v4's log window
    mass) breaking ties between picks equally likely to hit (method v6 candidate).

    With fewer columns than rows, rows may share a column (as ``decode_increasing``).
    """
    rows, count = hits.shape
    if rows == 0 or count == 0:
        return []
    objective = hits + tie * logs
    if count < rows:
        return decode_increasing(np.exp(objective - objective.max()))
    best = objective[0].copy()
    back = np.zeros((rows, count), dtype=np.int64)
    for k in range(1, rows):
        # The best earlier pick strictly before each column: a running argmax shifted by one.
        running = np.maximum.accumulate(best)
        arg = np.zeros(count, dtype=np.int64)
        for j in range(1, count):
            arg[j] = arg[j - 1] if best[arg[j - 1]] >= best[j - 1] else j - 1
        current = np.full(count, -np.inf)
        current[1:] = objective[k, 1:] + running[:-1]
        back[k] = arg
        best = current
    picks = [int(np.argmax(best))]
    for k in range(rows - 1, 0, -1):
        picks.append(int(back[k, picks[-1]]))
    return picks[::-1]


def place_hits(
    text: FloatArray, places: FloatArray, log_prior: FloatArray | None = None, beta: float = 0.0
) -> FloatArray:
    """An outline sentence's hit probability per candidate pick, its synopsis place unknown.

    Args:
        text: (scenes,) the sentence's text scores without a position prior.
        places: (places,) where its TP's sentence stood in training synopses (or a grid).
        log_prior: (places,) log weight of each place (None: equal, as training samples are).
        beta: how much the sentence's own text moves the weights towards the places where it
            matches (``place_events``'s log evidence; 0: not at all).

    Returns:
        (scenes,) ``window_hits`` over the places' events.
    """
    events, fit = place_events(text, places)
    logs = beta * fit + (0.0 if log_prior is None else log_prior)
    weights = np.exp(logs - logs.max())
    return window_hits(events, weights / weights.sum())
