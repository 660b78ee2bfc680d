"""Fitting the turning-point heads: per-column penalties and the conditional-logit fit."""

from __future__ import annotations

import numpy as np

from assistant.training.tp_training import (
    TrainingConfig,
    TrainingScript,
    column_penalties,
    fit_heads,
    standardisation,
)

NAMES = ["pos_000", "pos_050", "length", "entering", "protagonist_present", "tone_fear"]


def test_each_group_gets_its_own_penalty_and_none_means_the_common_one() -> None:
    config = TrainingConfig(l2=0.03, position_l2=0.01, cast_l2=3.0)
    assert column_penalties(NAMES, range(6), config) == [0.01, 0.01, 0.03, 3.0, 3.0, 0.03]
    assert column_penalties(NAMES, [2, 3], TrainingConfig(l2=0.1)) == [0.1, 0.1]


def _scripts(seed: int) -> list[TrainingScript]:
    # The TP sits on the longest scene; "entering" is noise. A heavy penalty on that column only
    # must shrink its weights while the length weight stays.
    rng = np.random.default_rng(seed)
    out = []
    for i in range(12):
        values = rng.normal(size=(20, 2))
        targets = np.zeros((5, 20))
        for k in range(5):
            targets[k, int(np.argmax(values[:, 0]))] = 1.0
        out.append(TrainingScript(f"s{i}", values, targets, np.zeros(20, dtype=np.int_)))
    return out


def test_a_heavier_column_penalty_shrinks_only_that_column() -> None:
    scripts = _scripts(0)
    means, scales = standardisation(scripts)
    common = fit_heads(scripts, means, scales, l2=0.01)
    heavy = fit_heads(scripts, means, scales, l2=0.01, column_l2=[0.01, 10.0])
    assert common.shape == (5, 2)
    assert np.all(heavy[:, 0] > 1.0)
    assert np.all(np.abs(heavy[:, 1]) < 0.2 * np.abs(common[:, 1]) + 1e-6)
