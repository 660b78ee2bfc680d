"""Candidates for method v7 of the outline beat map: which distant text match to trust.

    python scripts/tune_beats_v7.py [--data ../shared/data] [--cache PATH]

Target, folds and held-out beliefs as ``scripts/tune_beats_v4.py`` (each annotator's silver TP
events; 5 folds grouped by movie, the same hash; the strength model refitted without each
held-out fold). v4's outline misses are far: the silver event lies where the sentence's place in
its synopsis put it, which an outline does not say. The candidates add a signal about that place
or about the scene, each fitted on the other folds only, and keep v4's decode (strength belief
0.25, three-scene window, strictly increasing):

- ``place``: a ridge regression from a synopsis sentence's MiniLM embedding to its place in the
  synopsis (index / (sentences - 1)), fitted on every sentence of the other folds' synopses
  (synopses tell a story in order, so a sentence's words say roughly where it falls); the TP's
  prior centre moves from the training mean towards the prediction by a share ``a``;
- ``names``: the characters the sentence names (its capitalised words that are words of a
  speaker's cue name in the script): a bonus ``w`` x the share of them a scene mentions, and/or a
  penalty ``first`` on scenes before the last of their first appearances (the event cannot show
  a character the script has not introduced yet), or ``span`` on scenes outside the stretch
  where all of them appear (also after the first of their last appearances);
- ``chunk``: the sentence's match with a scene's best 160-word chunk (max over the chunks whose
  mean the projection reads), z-scored over the scenes, as a bonus ``c``: a sentence that
  describes one moment matches that moment's stretch of a long scene;
- ``logit``: a conditional logit over scenes per TP (softmax over the script's scenes, target the
  silver event's scenes) on the text, v4's prior, the log strength belief, the place prior, the
  two name features and the chunk match: a calibrated combination learnt on the other folds.

Neighbouring sentences' order is already used: v4 decodes the five TPs strictly increasing.
Printed per candidate TA / PA / D (and on the synopses whose silver is in story order); the
nested figure (each fold's candidate chosen by PA, then TA, on the other four folds) and a
paired bootstrap over movies of the nested gain over v4 (``tune_beats_v6.compare``).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize
from scipy.special import logsumexp

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import tune_beats_v4 as v4  # noqa: E402
import tune_beats_v5 as v5  # noqa: E402
import tune_beats_v6 as v6  # noqa: E402

from assistant.analysis.beats.projection import tokens  # noqa: E402
from assistant.analysis.scene_text import read_scene, text_chunks  # noqa: E402
from assistant.script.reading import read_script  # noqa: E402
from assistant.training.tp_dataset import whole_scene_embedder  # noqa: E402
from assistant.training.tripod_data import load_movies  # noqa: E402

FloatArray = np.ndarray[Any, np.dtype[np.float64]]
Setting = dict[str, Any]
V4: Setting = {"name": "v4"}
RIDGE = 10.0
"""Ridge penalty of the place regression (unit-length 384-d embeddings, ~2,500 sentences)."""

OUTLINE: list[Setting] = [
    V4,
    *({"name": "mix", "a": a} for a in (0.25, 0.5, 0.75, 1.0)),
    *({"name": "mix", "w": w} for w in (0.5, 1.0)),
    *({"name": "mix", "first": f} for f in (1.0, 3.0)),
    *({"name": "mix", "span": p} for p in (1.0, 3.0)),
    *({"name": "mix", "chunk": c} for c in (0.5, 1.0)),
    {"name": "mix", "first": 1.0, "w": 0.5},
    {"name": "mix", "span": 1.0, "w": 0.5, "chunk": 0.5},
    {"name": "logit"},
]  # fmt: skip
_NAME = re.compile(r"\b[A-Z][a-z'’]+\b")
"""A capitalised word; kept only when it is a word of some speaker's cue name in the script."""


class SideInfo:
    """Per case: each TP sentence's names in the script, per scene whether they are mentioned."""

    def __init__(self, cases: list[Any], data: Path) -> None:
        by_movie = {m.name: m for m in load_movies(data, "train")}
        self.mention: list[FloatArray] = []  # (5, scenes) share of the sentence's names
        self.first: list[FloatArray] = []  # (5, scenes) 1 before their last first appearance
        self.outside: list[FloatArray] = []  # (5, scenes) 1 outside the span all of them appear in
        self.chunk: list[FloatArray] = []  # (5, scenes) z-scored best 160-word chunk's cosine
        embedder = whole_scene_embedder()
        seen: dict[str, tuple[list[set[str]], set[str], list[FloatArray]]] = {}
        counter: dict[str, int] = {}
        for case in cases:
            movie = by_movie[case.movie]
            if case.movie not in seen:
                screenplay = read_script(movie.path, format="plain")
                headed = [s for s in screenplay.scenes if s.heading is not None]
                read = [read_scene(s) for s in headed or screenplay.scenes]
                words = [set(tokens(t.text)) for t in read]
                cue_words = {w for t in read for name in t.speakers for w in tokens(name)}
                chunks = [np.asarray(embedder.embed(text_chunks(t.text)), float) for t in read]
                seen[case.movie] = (words, cue_words, chunks)
            words, cue_words, chunks = seen[case.movie]
            x = case.rows.vectors[case.rows.tp_sentences]
            best = np.stack([(x @ c.T).max(axis=1) for c in chunks], axis=1)
            self.chunk.append(v5._zscore(best))
            # The same synopsis order as base.read_cases (synopses of five sentences or more).
            synopses = [s for s in movie.synopses if len(s.sentences) >= 5]
            synopsis = synopses[counter.get(case.movie, 0)]
            counter[case.movie] = counter.get(case.movie, 0) + 1
            mention = np.zeros((5, case.scenes))
            first = np.zeros((5, case.scenes))
            outside = np.zeros((5, case.scenes))
            for k, i in enumerate(synopsis.tp_sentences):
                names = {n.lower() for n in _NAME.findall(synopsis.sentences[i])} & cue_words
                if not names:
                    continue
                present = np.asarray([[n in w for w in words] for n in names], float)
                mention[k] = present.mean(axis=0)
                starts = [int(np.argmax(p)) for p in present if p.any()]
                ends = [len(p) - 1 - int(np.argmax(p[::-1])) for p in present if p.any()]
                if starts:
                    first[k, : max(starts)] = 1.0
                    outside[k] = first[k]
                    outside[k, min(ends) + 1 :] = 1.0
            self.mention.append(mention)
            self.first.append(first)
            self.outside.append(outside)


class Experiment(v6.Experiment):
    """v6's experiment (cases, folds, beliefs, v4's decode) plus the v7 candidates."""

    def prepare(self, side: SideInfo) -> None:
        self.side = side
        self._ridge_cache: dict[tuple[int, ...], FloatArray] = {}
        self.place_prediction: list[FloatArray] = []
        for j, case in enumerate(self.cases):
            train = [i for i in range(len(self.cases)) if self.fold[i] != self.fold[j]]
            weights = self._ridge(tuple(train))
            x = case.rows.vectors[case.rows.tp_sentences]
            self.place_prediction.append(np.clip(x @ weights[:-1] + weights[-1], 0.0, 1.0))
        self.logit_weights = {f: self._fit_logit(f) for f in range(self.folds)}

    def _ridge(self, train: tuple[int, ...]) -> FloatArray:
        if train not in self._ridge_cache:
            xs, ys = [], []
            for i in train:
                n = len(self.cases[i].rows.vectors)
                xs.append(self.cases[i].rows.vectors)
                ys.append(np.arange(n) / max(n - 1, 1))
            x, y = np.vstack(xs), np.concatenate(ys)
            mean_x, mean_y = x.mean(axis=0), y.mean()
            xc = x - mean_x
            w = np.linalg.solve(xc.T @ xc + RIDGE * np.eye(x.shape[1]), xc.T @ (y - mean_y))
            self._ridge_cache[train] = np.append(w, mean_y - mean_x @ w)
        return self._ridge_cache[train]

    def log_prior(self, j: int, a: float) -> FloatArray:
        """Gaussian 0.13 around the TP means moved by ``a`` towards the predicted places."""
        case = self.cases[j]
        centres = (1 - a) * np.asarray(self.means) + a * self.place_prediction[j]
        where = np.arange(case.scenes) / max(case.scenes - 1, 1)
        return v5._gauss(where, centres, np.full(5, 0.13))

    def features(self, j: int) -> FloatArray:
        """(5, scenes, features) for the conditional logit."""
        embedding, tfidf, length = self.text[j]
        strength = np.log(np.maximum(self.strength[self.cases[j].movie], 1e-4))
        return np.stack(
            [embedding, tfidf, np.broadcast_to(length, embedding.shape), self.log_prior(j, 0.0),
             self.log_prior(j, 0.5) - self.log_prior(j, 0.0), strength,
             self.side.mention[j], self.side.first[j], self.side.outside[j], self.side.chunk[j]],
            axis=-1,
        )  # fmt: skip

    def _fit_logit(self, fold: int) -> FloatArray:
        rows = [j for j in range(len(self.cases)) if self.fold[j] != fold]
        feats = [self.features(j) for j in rows]
        targets = [self.cases[j].events for j in rows]

        def loss(theta: FloatArray) -> tuple[float, FloatArray]:
            total, grad = 0.0, np.zeros_like(theta)
            for f, events in zip(feats, targets, strict=True):
                scores = f @ theta
                log_p = scores - logsumexp(scores, axis=1, keepdims=True)
                p = np.exp(log_p)
                for k in range(5):
                    target = np.zeros(f.shape[1])
                    target[events[k]] = 1.0 / len(events[k])
                    total -= float(target @ log_p[k])
                    grad -= (target - p[k]) @ f[k]
            return total + 0.5 * float(theta @ theta), grad + theta

        # v4's scores (text, length and prior at 1, strength 0.25), the new signals at 0.
        start = np.concatenate([np.ones(4), [0.0, 0.25], np.zeros(4)])
        return np.asarray(minimize(loss, start, jac=True, method="L-BFGS-B").x, np.float64)

    def v7_picks(self, j: int, s: Setting) -> list[int]:
        if s["name"] == "v4":
            return self.pick(j, V4, self.outline_mass(j, V4))
        if s["name"] == "logit":
            scores = self.features(j) @ self.logit_weights[self.fold[j]]
        else:
            embedding, tfidf, length = self.text[j]
            scores = embedding + tfidf + length[None, :] + self.log_prior(j, s.get("a", 0.0))
            scores = scores + s.get("w", 0.0) * self.side.mention[j]
            scores = scores - s.get("first", 0.0) * self.side.first[j]
            scores = scores - s.get("span", 0.0) * self.side.outside[j]
            scores = scores + s.get("chunk", 0.0) * self.side.chunk[j]
        return self.pick(j, V4, v5._softmax(scores))


def main() -> int:
    args, cases, names, fold_of, strength, probabilities, means = v4.training_inputs(
        __doc__.split("\n")[0]
    )
    ex = Experiment(cases, fold_of, args.folds, strength, probabilities, means)
    ex.prepare(SideInfo(cases, args.data))
    print(f"{len(cases)} synopses of {len(names)} movies")
    truth = np.concatenate(
        [np.asarray(c.rows.tp_sentences) / max(len(c.rows.vectors) - 1, 1) for c in cases]
    )
    predicted = np.concatenate(ex.place_prediction)
    mean_only = np.tile(means, len(cases))
    named = np.mean([(m.max(axis=1) > 0).mean() for m in ex.side.mention])
    print(f"place regression on the TP sentences (held out): mean abs error "
          f"{np.abs(predicted - truth).mean():.3f}, TP means alone "
          f"{np.abs(mean_only - truth).mean():.3f}, correlation of the residuals "
          f"{np.corrcoef(predicted - mean_only, truth - mean_only)[0, 1]:.3f}; "
          f"TP sentences naming a script character {100 * named:.0f}%")  # fmt: skip
    for f, w in ex.logit_weights.items():
        print(f"  logit fold {f}: {np.round(w, 3).tolist()}")
    v6.compare(ex, "outline", OUTLINE, ex.v7_picks)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
