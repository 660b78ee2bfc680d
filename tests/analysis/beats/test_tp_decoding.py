"""Joint decoding of the five turning points (``analysis/beats/tp_decoding.py``)."""

from __future__ import annotations

import itertools

import numpy as np

from assistant.analysis.beats.tp_decoding import (
    decode_increasing,
    decode_prose,
    decode_prose_sentences,
    fuse_strength,
    mix_projections,
    ordered_marginals,
)


def _increasing(rows: int, count: int) -> list[tuple[int, ...]]:
    return list(itertools.combinations(range(count), rows))


def test_ordered_marginals_equal_brute_force_enumeration() -> None:
    rng = np.random.default_rng(3)
    per_tp = rng.random((5, 8))
    expected = np.zeros((5, 8))
    for chain in _increasing(5, 8):
        weight = np.prod([per_tp[k, s] for k, s in enumerate(chain)])
        for k, s in enumerate(chain):
            expected[k, s] += weight
    expected /= expected.sum(axis=1, keepdims=True)
    assert np.allclose(ordered_marginals(per_tp), expected)


def test_ordered_marginals_forbid_impossible_places() -> None:
    marginals = ordered_marginals(np.ones((5, 6)))
    # TP 1 cannot be one of the last four sentences, the Climax one of the first four.
    assert np.all(marginals[0, 2:] == 0) and np.all(marginals[4, :4] == 0)
    assert np.allclose(marginals.sum(axis=1), 1.0)


def test_decode_increasing_is_the_best_increasing_choice() -> None:
    rng = np.random.default_rng(5)
    for _ in range(20):
        mass = rng.random((5, 9)) + 1e-3
        best = max(
            _increasing(5, 9), key=lambda c: sum(np.log(mass[k, s]) for k, s in enumerate(c))
        )
        assert tuple(decode_increasing(mass)) == best


def test_decode_increasing_with_fewer_columns_than_rows_may_repeat() -> None:
    picks = decode_increasing(np.ones((5, 3)))
    assert len(picks) == 5 and picks == sorted(picks)


def test_mixture_follows_where_the_likely_sentences_point() -> None:
    # Sentence 0 alone is TP 1's most likely sentence, but sentences 1 and 2 together hold more
    # belief and both describe scene 4: the mixture puts TP 1 there, one-sentence picking would not.
    distribution = np.full((3, 6), 0.01)
    distribution[0, 1] = distribution[1, 4] = distribution[2, 4] = 0.95
    distribution /= distribution.sum(axis=1, keepdims=True)
    weights = np.array([[0.4, 0.3, 0.3]])
    assert int(np.argmax(mix_projections(weights, distribution))) == 4
    # Sharpened hard enough, the single most likely sentence wins again.
    assert int(np.argmax(mix_projections(weights, distribution, sharpen=8.0))) == 1


def test_decode_prose_gives_five_increasing_scenes_and_their_sentences() -> None:
    count, scenes = 10, 20
    probabilities = np.full((count, 6), 0.02)
    distribution = np.full((count, scenes), 0.01)
    for k, sentence in enumerate((1, 3, 5, 7, 9)):
        probabilities[sentence, k + 1] = 0.9
        distribution[sentence, 4 * k + 1] = 1.0
    probabilities /= probabilities.sum(axis=1, keepdims=True)
    distribution /= distribution.sum(axis=1, keepdims=True)
    decoded = decode_prose(probabilities, distribution)
    assert decoded.scenes == [1, 5, 9, 13, 17]
    assert decoded.sentences == [1, 3, 5, 7, 9]
    assert all(0 < m <= 1 for m in decoded.masses)


def test_decode_prose_prior_moves_an_undecided_tp() -> None:
    probabilities = np.full((6, 6), 1 / 6)
    distribution = np.full((6, 10), 0.1)
    prior = np.full((5, 10), 1e-3)
    for k, scene in enumerate((0, 2, 4, 6, 8)):
        prior[k, scene] = 1.0
    assert decode_prose(probabilities, distribution, prior=prior).scenes == [0, 2, 4, 6, 8]


def test_decode_prose_under_five_sentences_places_nothing() -> None:
    decoded = decode_prose(np.full((4, 6), 1 / 6), np.full((4, 10), 0.1))
    assert decoded.scenes == [] and decoded.sentences == []


def test_decode_prose_sentences_is_the_best_ordered_sentences_then_scenes() -> None:
    rng = np.random.default_rng(11)
    for _ in range(10):
        probabilities = rng.random((7, 6)) + 1e-3
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        distribution = rng.random((7, 8)) + 1e-3
        distribution /= distribution.sum(axis=1, keepdims=True)
        per_tp = probabilities[:, 1:].T / probabilities[:, 1:].T.sum(axis=1, keepdims=True)
        sentences = max(
            _increasing(5, 7), key=lambda c: sum(np.log(per_tp[k, s]) for k, s in enumerate(c))
        )
        scenes = max(
            _increasing(5, 8),
            key=lambda c: sum(np.log(distribution[sentences[k], j]) for k, j in enumerate(c)),
        )
        decoded = decode_prose_sentences(probabilities, distribution)
        assert tuple(decoded.sentences) == sentences and tuple(decoded.scenes) == scenes
        assert decoded.masses == [distribution[sentences[k], j] for k, j in enumerate(scenes)]


def test_decode_prose_sentences_ignores_sentences_it_did_not_pick() -> None:
    # Sentences 1 and 2 together describe scene 4 and hold more of TP 1's belief than sentence 0,
    # but v3 reads TP 1 off its one most likely sentence: scene 1 (the mixture would say 4).
    probabilities = np.full((7, 6), 0.01)
    probabilities[0, 1], probabilities[1, 1], probabilities[2, 1] = 0.4, 0.3, 0.3
    for k, sentence in enumerate((3, 4, 5, 6)):
        probabilities[sentence, k + 2] = 0.9
    probabilities /= probabilities.sum(axis=1, keepdims=True)
    distribution = np.full((7, 12), 0.01)
    distribution[0, 1] = distribution[1, 4] = distribution[2, 4] = 0.95
    for k, sentence in enumerate((3, 4, 5, 6)):
        distribution[sentence, 6 + k] = 0.95
    distribution /= distribution.sum(axis=1, keepdims=True)
    decoded = decode_prose_sentences(probabilities, distribution)
    assert decoded.sentences == [0, 3, 4, 5, 6] and decoded.scenes == [1, 6, 7, 8, 9]


def test_decode_prose_sentences_under_five_sentences_places_nothing() -> None:
    decoded = decode_prose_sentences(np.full((4, 6), 1 / 6), np.full((4, 10), 0.1))
    assert decoded.scenes == [] and decoded.sentences == []


def test_window_decoding_picks_the_heaviest_three_scene_stretch() -> None:
    # One TP: scene 1 alone is the likeliest scene, but scenes 5-7 together hold more mass, and
    # the protocol credits a pick with its three-scene window.
    mass = np.full((1, 10), 0.01)
    mass[0, 1] = 0.3
    mass[0, 5:8] = [0.2, 0.22, 0.2]
    assert decode_increasing(mass) == [1]
    assert decode_increasing(mass, window=True) == [6]


def test_decode_prose_window_follows_the_stretch() -> None:
    distribution = np.full((6, 12), 0.01)
    for i, scene in enumerate((1, 3, 5, 7, 9, 11)):
        distribution[i, scene] = 0.5
    probabilities = np.full((6, 6), 0.02)
    probabilities[:, 0] = 0.9
    for k, sentence in enumerate((0, 1, 2, 3, 5)):
        probabilities[sentence, k + 1] = 0.9
    point = decode_prose(probabilities, distribution).scenes
    window = decode_prose(probabilities, distribution, window=True).scenes
    assert point == [1, 3, 5, 7, 11]
    # Each window pick's three-scene stretch holds its point pick.
    assert all(abs(w - p) <= 1 for w, p in zip(window, point, strict=True))
    assert window == sorted(window) and len(set(window)) == 5


def test_fuse_strength_tips_an_undecided_tp_but_never_vetoes() -> None:
    mass = np.asarray([[0.45, 0.1, 0.45], [0.95, 0.04, 0.01]])
    strength = np.asarray([[0.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
    fused = fuse_strength(mass, strength, 0.25)
    assert np.allclose(fused.sum(axis=1), 1.0)
    assert int(np.argmax(fused[0])) == 2  # the tie goes where the script model points
    assert int(np.argmax(fused[1])) == 0  # a clear synopsis beats a weak power of the belief
    assert np.all(fused > 0)  # a zero belief is floored, not a veto
    assert fuse_strength(mass, None, 0.25) is mass
    assert fuse_strength(mass, strength, 0.0) is mass


def test_window_decoding_of_three_scenes_or_fewer_reads_each_scenes_own_mass() -> None:
    # One window holds the whole script, so every window mass is 1: the ties sent the Climax of
    # a three-scene short to scene 1 although its line matches scene 2 alone.
    mass = np.asarray([[0.8, 0.1, 0.1], [0.1, 0.1, 0.8]])
    assert decode_increasing(mass, window=True) == [0, 2]
    assert decode_increasing(np.tile([0.2, 0.8], (5, 1)), window=True) == [1] * 5
