"""Ordered decoding: five turning points placed in story order from per-TP scene probabilities.

Each TP head gives a distribution over scenes. Taking each head's best scene alone can put the
Climax before the Point of No Return; the decoder instead picks five scenes ``j1 < j2 < ... < j5``
that maximise the sum of per-TP log-scores (dynamic programming, O(5n)). A scene's score can first
be spread over its two neighbours, since the evaluation credits a three-scene window around a pick.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

TP_NAMES = ("Opportunity", "Change of Plans", "Point of No Return", "Major Setback", "Climax")
"""The five turning points in story order (Papalampidi, Keller & Lapata 2019)."""

_FLOOR = 1e-12


@dataclass
class DecodedTurningPoints:
    """The five picks, each with its head's probability mass in the picked window."""

    scenes: list[int]
    confidences: list[float]


def window_mass(probabilities: FloatArray) -> FloatArray:
    """Each scene's probability plus its neighbours' (the window the protocol credits), per row.

    Args:
        probabilities: (heads, scenes), each row summing to 1.

    Returns:
        Same shape; entry j is the mass of the three-scene window centred on j, shifted inward at
        the ends as the evaluation shifts it.
    """
    heads, n = probabilities.shape
    if n <= 3:
        return np.repeat(probabilities.sum(axis=1, keepdims=True), n, axis=1)
    padded = np.concatenate([np.zeros((heads, 1)), probabilities, np.zeros((heads, 1))], axis=1)
    mass = padded[:, :-2] + padded[:, 1:-1] + padded[:, 2:]
    mass[:, 0] = mass[:, 1]
    mass[:, -1] = mass[:, -2]
    return np.asarray(mass, dtype=np.float64)


def decode_ordered(
    probabilities: FloatArray, *, min_gap: int = 1, use_window: bool = True
) -> DecodedTurningPoints:
    """Five scenes in increasing order maximising the summed log-probability of the heads.

    Args:
        probabilities: (5, scenes) per-TP distributions over scenes.
        min_gap: least distance between consecutive picks (1: strictly increasing); lowered
            automatically when the script has too few scenes.
        use_window: score each candidate by its three-scene window mass instead of its own.

    Returns:
        The picked scene of each TP and the window mass there (its confidence).
    """
    heads, n = probabilities.shape
    if n == 0:
        return DecodedTurningPoints(scenes=[], confidences=[])
    scores = window_mass(probabilities) if use_window else probabilities
    logs = np.log(np.maximum(scores, _FLOOR))
    gap = min_gap if n >= (heads - 1) * min_gap + 1 else 0
    best = logs[0].copy()
    back = np.zeros((heads, n), dtype=np.int64)
    for k in range(1, heads):
        # prefix_arg[j]: the best previous pick among scenes 0..j.
        prefix_arg = np.zeros(n, dtype=np.int64)
        running = 0
        for j in range(n):
            if best[j] > best[running]:
                running = j
            prefix_arg[j] = running
        current = np.full(n, -np.inf)
        for j in range(gap, n):
            previous = int(prefix_arg[j - gap])
            current[j] = logs[k, j] + best[previous]
            back[k, j] = previous
        best = current
    picks = [int(np.argmax(best))]
    for k in range(heads - 1, 0, -1):
        picks.append(int(back[k, picks[-1]]))
    picks.reverse()
    window = window_mass(probabilities)
    confidences = [float(window[k, j]) for k, j in enumerate(picks)]
    return DecodedTurningPoints(scenes=picks, confidences=confidences)
