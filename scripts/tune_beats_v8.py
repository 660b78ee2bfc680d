"""Candidates for method v8 of the beat map: new signals for which scene a sentence describes.

    python scripts/tune_beats_v8.py [--data ../shared/data] [--cache PATH]

Target, folds and held-out beliefs as ``scripts/tune_beats_v4.py`` (each annotator's silver TP
events; 5 folds grouped by movie, the same hash; the classifier and the strength model refitted
without each held-out fold), v4's decode (strength belief 0.25, three-scene window, strictly
increasing) and v6's nested choice with its paired bootstrap against v4. Each candidate adds one
signal to the projection's scores, in both forms (the outline's five sentences; in prose every
sentence's projection before the ordered mixture):

- ``names`` (a): the characters a sentence names, found as ``slate ask`` finds them (cue names
  and their aliases: a surname, a full name given in action; ``analysis/ask/script_facts``),
  against the characters present in each scene (its speakers and the cue names its action
  mentions): a bonus ``n`` x the share of the named characters present;
- ``bm25`` (b): BM25 (bm25s, k1 1.5, b 0.75) of the sentence's words over the scenes' words,
  z-scored over the scenes, added with weight ``b`` (or in place of TF-IDF: ``bm25_only``);
- ``context`` (c, prose only: an outline has no neighbouring sentences but the other TPs, which
  v4's strictly increasing decode already orders): each sentence's projection times the
  probability, under its neighbours' own projections, that the previous sentence's scene is not
  after it and the next one's not before it, to the power ``g``;
- ``chunk`` (d): the finer unit, the sentence's best-matching 160-word stretch of the scene
  (log-sum-exp of its chunk cosines at temperature ``tau``, the max as ``tau`` -> 0; the
  projection reads their mean), z-scored over the scenes, added with weight ``c``.

The silver target is the projection itself (MiniLM + TF-IDF + the synopsis-place prior), so a
signal that is not in it can only move a pick away from it; ``order_check`` therefore also prints
the target-free check of ``tune_beat_map.signal_report`` for each signal (no position prior:
share of sentences whose best scene lies within 0.1 of the script of their synopsis place, the
same for TP sentences, mean Spearman of sentence and best-scene order), and ``cross_annotator``
scores each annotator's picks against another annotator's silver events of the same movie.
Results and the run's load: docs/beats.md, "Wave 15".
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import bm25s
import numpy as np
from scipy.special import logsumexp
from scipy.stats import spearmanr

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import tune_beats_v4 as v4  # noqa: E402
import tune_beats_v5 as v5  # noqa: E402
import tune_beats_v6 as v6  # noqa: E402

from assistant.analysis.ask.script_facts import script_facts  # noqa: E402
from assistant.analysis.beats.projection import projection_scores, tokens  # noqa: E402
from assistant.analysis.beats.tp_decoding import mix_projections, ordered_marginals  # noqa: E402
from assistant.analysis.scene_text import read_scene, text_chunks  # noqa: E402
from assistant.script.reading import read_script  # noqa: E402
from assistant.training.tp_dataset import whole_scene_embedder  # noqa: E402
from assistant.training.tripod_data import load_movies  # noqa: E402

FloatArray = np.ndarray[Any, np.dtype[np.float64]]
Setting = dict[str, Any]
V4: Setting = {"name": "v4"}
SETTINGS: list[Setting] = [
    V4,
    *({"name": "v8", "n": n} for n in (0.5, 1.0, 2.0)),
    *({"name": "v8", "b": b} for b in (0.25, 0.5, 1.0)),
    {"name": "v8", "bm25_only": True},
    *({"name": "v8", "c": c, "tau": t} for c in (0.25, 0.5) for t in (0.02, 0.05)),
    {"name": "v8", "n": 1.0, "b": 0.5},
]  # fmt: skip
REFINED: list[Setting] = [
    *({"name": "v8", "b": b} for b in (0.1, 0.15, 0.2, 0.3)),
    *({"name": "v8", "w": w} for w in (0.25, 0.5)),
]  # fmt: skip
"""Added after the first run (BM25 0.25 was chosen in every fold): a finer BM25 grid, and BM25's
best window of the scene (the lexical finer unit, ``w``), reported as a second nested choice."""
WINDOW = 40
"""Words (after stop words) of BM25's window, every half window: about a paragraph."""
PROSE_ONLY: list[Setting] = [*({"name": "v8", "g": g} for g in (0.5, 1.0, 2.0))]


def _z(values: FloatArray) -> FloatArray:
    return v5._zscore(np.atleast_2d(values))


class Signals:
    """Per case, (sentences, scenes) arrays of each new signal for every synopsis sentence."""

    def __init__(self, cases: list[Any], data: Path) -> None:
        by_movie = {m.name: m for m in load_movies(data, "train")}
        embedder = whole_scene_embedder()
        self.names: list[FloatArray] = []
        self.named: list[FloatArray] = []  # (sentences,) 1 when the sentence names a character
        self.bm25: list[FloatArray] = []
        self.bm25_window: list[FloatArray] = []  # z-scored best window's BM25 per scene
        self.chunks: list[list[FloatArray]] = []  # per scene (sentences, chunks) cosines
        seen: dict[str, tuple[Any, list[set[str]], bm25s.BM25, set[str], list[FloatArray]]] = {}
        window_index: dict[str, tuple[bm25s.BM25, Any]] = {}
        counter: dict[str, int] = {}
        for case in cases:
            movie = by_movie[case.movie]
            if case.movie not in seen:
                screenplay = read_script(movie.path, format="plain")
                headed = [s for s in screenplay.scenes if s.heading is not None]
                kept = headed or screenplay.scenes
                facts = script_facts(screenplay)
                by_index = {id(s): i for i, s in enumerate(screenplay.scenes)}
                present = [
                    set(facts.scenes[by_index[id(s)]].speakers)
                    | set(facts.scenes[by_index[id(s)]].mentioned)
                    for s in kept
                ]
                read = [read_scene(s) for s in kept]
                words = [tokens(t.text) for t in read]
                index = bm25s.BM25()
                index.index(words, show_progress=False)
                vocabulary = {w for ws in words for w in ws}
                chunks = [np.asarray(embedder.embed(text_chunks(t.text)), float) for t in read]
                windows, owner = [], []
                for k, ws in enumerate(words):
                    for start in range(0, max(len(ws) - WINDOW // 2, 1), WINDOW // 2):
                        windows.append(ws[start : start + WINDOW])
                        owner.append(k)
                by_window = bm25s.BM25()
                by_window.index(windows, show_progress=False)
                seen[case.movie] = (facts, present, index, vocabulary, chunks)
                window_index[case.movie] = (by_window, np.asarray(owner))
            facts, present, index, vocabulary, chunks = seen[case.movie]
            by_window, owner = window_index[case.movie]
            # The same synopsis order as base.read_cases (synopses of five sentences or more).
            synopses = [s for s in movie.synopses if len(s.sentences) >= 5]
            synopsis = synopses[counter.get(case.movie, 0)]
            counter[case.movie] = counter.get(case.movie, 0) + 1
            assert list(synopsis.tp_sentences) == list(case.rows.tp_sentences)
            n = len(synopsis.sentences)
            names, named, bm25 = np.zeros((n, case.scenes)), np.zeros(n), np.zeros((n, case.scenes))
            best_window = np.zeros((n, case.scenes))
            for i, sentence in enumerate(synopsis.sentences):
                found = set(facts.find_characters(sentence))
                if found:
                    named[i] = 1.0
                    names[i] = [len(found & p) / len(found) for p in present]
                query = [w for w in tokens(sentence) if w in vocabulary]
                if query:
                    bm25[i] = index.get_scores(query)
                    np.maximum.at(best_window[i], owner, by_window.get_scores(query))
            self.names.append(names)
            self.named.append(named)
            self.bm25.append(_z(bm25))
            self.bm25_window.append(_z(best_window))
            x = case.rows.vectors
            self.chunks.append([x @ c.T for c in chunks])

    def chunk(self, j: int, tau: float) -> FloatArray:
        """(sentences, scenes) z-scored soft maximum of each scene's chunk cosines."""
        pooled = [tau * (logsumexp(c / tau, axis=1) - np.log(c.shape[1])) for c in self.chunks[j]]
        return _z(np.stack(pooled, axis=1))


class Experiment(v6.Experiment):
    """v6's experiment (cases, folds, beliefs, v4's decode) plus the v8 signals."""

    def prepare(self, signals: Signals) -> None:
        self.signals = signals

    def extra(self, j: int, s: Setting, rows: list[int]) -> FloatArray:
        """The candidate's added scores for the given sentences: (rows, scenes)."""
        sig = self.signals
        out = np.zeros((len(rows), self.cases[j].scenes))
        if s.get("n"):
            out += s["n"] * sig.names[j][rows]
        if s.get("b"):
            out += s["b"] * sig.bm25[j][rows]
        if s.get("w"):
            out += s["w"] * sig.bm25_window[j][rows]
        if s.get("c"):
            out += s["c"] * sig.chunk(j, s["tau"])[rows]
        return out

    def outline_picks(self, j: int, s: Setting) -> list[int]:
        if s["name"] == "v4":
            return self.pick(j, V4, self.outline_mass(j, V4))
        case = self.cases[j]
        embedding, tfidf, length = self.text[j]
        if s.get("bm25_only"):
            tfidf = self.signals.bm25[j][case.rows.tp_sentences]
        where = np.arange(case.scenes) / max(case.scenes - 1, 1)
        prior = v5._gauss(where, np.asarray(self.means), np.full(5, 0.13))
        scores = embedding + tfidf + length[None, :] + prior
        scores = scores + self.extra(j, s, list(case.rows.tp_sentences))
        return self.pick(j, V4, v5._softmax(scores))

    def prose_projection(self, j: int, s: Setting) -> FloatArray:
        """Every sentence's projection (sentences, scenes) with the candidate's signal."""
        case = self.cases[j]
        if s["name"] == "v4":
            return case.prose
        embedding, tfidf = case.sims
        n = embedding.shape[0]
        if s.get("bm25_only"):
            tfidf = self.signals.bm25[j]
        scores = projection_scores(
            embedding_similarity=embedding, tfidf_similarity=tfidf, sentence_count=n,
            tp_sentences=list(range(n)), scene_words=case.words,
        ) + self.extra(j, s, list(range(n)))  # fmt: skip
        projection = v5._softmax(scores)
        if s.get("g"):
            # P(previous sentence's scene <= scene) x P(next sentence's scene >= scene).
            before = np.cumsum(projection, axis=1)
            after = np.cumsum(projection[:, ::-1], axis=1)[:, ::-1]
            factor = np.ones_like(projection)
            factor[1:] *= before[:-1]
            factor[:-1] *= after[1:]
            projection = v4._rows(projection * np.maximum(factor, 1e-12) ** s["g"])
        return projection

    def prose_picks(self, j: int, s: Setting) -> list[int]:
        case = self.cases[j]
        per_tp = v4._rows(self.probabilities[j][:, 1:].T)
        mixture = mix_projections(ordered_marginals(per_tp), self.prose_projection(j, s), 1.0)
        where = np.arange(case.scenes) / max(case.scenes - 1, 1)
        prior = v5._gauss(where, np.asarray(self.means), np.full(5, 0.25))
        mass = v4._rows(mixture * np.exp(prior - prior.max(axis=1, keepdims=True)))
        return self.pick(j, V4, mass)


def order_check(ex: Experiment, settings: list[Setting]) -> None:
    """``tune_beat_map.signal_report`` for each signal: no position prior, no silver target."""
    for s in settings:
        near: list[bool] = []
        near_tp: list[bool] = []
        rhos: list[float] = []
        for j, case in enumerate(ex.cases):
            embedding, tfidf = case.sims
            if s.get("bm25_only"):
                tfidf = ex.signals.bm25[j]
            n = embedding.shape[0]
            scores = (
                v5._zscore(embedding) + v5._zscore(tfidf)
                + np.log(np.maximum(np.asarray(case.words, float), 1.0))[None, :]
                + ex.extra(j, s, list(range(n)))
            )  # fmt: skip
            best = scores.argmax(axis=1) / max(case.scenes - 1, 1)
            close = np.abs(best - np.arange(n) / max(n - 1, 1)) <= 0.1
            near += close.tolist()
            near_tp += close[case.rows.tp_sentences].tolist()
            rho = spearmanr(np.arange(n), best).statistic
            if np.isfinite(rho):
                rhos.append(float(rho))
        print(f"order check {s}: near {100 * np.mean(near):5.1f}%  TP sentences near "
              f"{100 * np.mean(near_tp):5.1f}%  Spearman {np.mean(rhos):.3f}",
              flush=True)  # fmt: skip


def cross_annotator(ex: Experiment, settings: list[Setting]) -> None:
    """A target that is not one synopsis's own projection: where another annotator's synopsis of
    the same movie puts the TPs. For each ordered pair of annotators (a, b) of a movie, a's
    outline picks (and a's prose picks) are scored against b's silver events, both built with
    the candidate's signals (b's events: b's whole synopsis projected with the candidate, its
    TP sentences' scenes within half their peak). Two annotators word their synopses
    independently, so a signal that maps both onto the true events makes them agree; a signal
    that pulls both onto the same wrong scene (a name's busiest scene) would too, which is why
    this is a check, not the bar. Also against b's v4 silver events (``v4 target``: fixed for
    every candidate, so a change of the picks alone is scored). Per-pair PA averaged over pairs,
    with a paired bootstrap over movies against v4."""
    from assistant.training.tp_metrics import MovieResult, protocol_scores

    by_movie: dict[str, list[int]] = {}
    for j, case in enumerate(ex.cases):
        by_movie.setdefault(case.movie, []).append(j)
    movies = [m for m, rows in by_movie.items() if len(rows) >= 2]
    pairs = [(a, b) for m in movies for a in by_movie[m] for b in by_movie[m] if a != b]
    print(f"cross-annotator check: {len(movies)} movies with two or more synopses, "
          f"{len(pairs)} ordered pairs")  # fmt: skip
    base_pa: dict[tuple[str, str], FloatArray] = {}
    v4_target = {j: case.events for j, case in enumerate(ex.cases)}
    for s in settings:
        target = {}
        for j in {b for _, b in pairs}:
            projection = ex.prose_projection(j, s)
            rows = projection[ex.cases[j].rows.tp_sentences]
            target[j] = [np.flatnonzero(r >= 0.5 * r.max()).tolist() for r in rows]
        for form, pick in (("outline", ex.outline_picks), ("prose", ex.prose_picks)):
            if form == "outline" and s.get("g"):
                continue
            picks = {a: pick(a, s) for a in {a for a, _ in pairs}}
            for kind, events in (("same signals", target), ("v4 target", v4_target)):
                pa = np.asarray([
                    protocol_scores([MovieResult(ex.cases[a].movie, ex.cases[a].scenes, picks[a],
                                                 events[b])]).pa
                    for a, b in pairs
                ])  # fmt: skip
                line = f"cross {form} ({kind}) {s}: PA {pa.mean():5.2f}"
                if s["name"] == "v4":
                    base_pa[(form, kind)] = pa
                else:
                    rng = np.random.default_rng(0)
                    owner = np.asarray([movies.index(ex.cases[a].movie) for a, _ in pairs])
                    gains = []
                    for _ in range(1000):
                        draw = rng.choice(len(movies), len(movies))
                        held = np.concatenate([np.flatnonzero(owner == d) for d in draw])
                        gains.append((pa[held] - base_pa[(form, kind)][held]).mean())
                    low, high = np.percentile(gains, [2.5, 97.5])
                    gain = pa.mean() - base_pa[(form, kind)].mean()
                    line += f"  - v4 {gain:+.2f} [{low:.2f}, {high:.2f}]"
                print(line, flush=True)


def main() -> int:
    args, cases, names, fold_of, strength, probabilities, means = v4.training_inputs(
        __doc__.split("\n")[0]
    )
    ex = Experiment(cases, fold_of, args.folds, strength, probabilities, means)
    ex.prepare(Signals(cases, args.data))
    print(f"{len(cases)} synopses of {len(names)} movies")
    tp_named = np.mean(
        [sig[c.rows.tp_sentences].mean() for sig, c in zip(ex.signals.named, cases, strict=True)]
    )
    all_named = np.mean([sig.mean() for sig in ex.signals.named])
    print(
        f"sentences naming a script character: TP {100 * tp_named:.0f}%, all {100 * all_named:.0f}%"
    )
    order_check(ex, [V4, *SETTINGS[1:], *REFINED])
    cross_annotator(ex, [V4, *SETTINGS[1:], *REFINED, *PROSE_ONLY])
    print("\nthe first grid:")
    v6.compare(ex, "outline", SETTINGS, ex.outline_picks)
    v6.compare(ex, "prose", [*SETTINGS, *PROSE_ONLY], ex.prose_picks)
    print("\nwith the refined grid:")
    v6.compare(ex, "outline", [*SETTINGS, *REFINED], ex.outline_picks)
    v6.compare(ex, "prose", [*SETTINGS, *REFINED, *PROSE_ONLY], ex.prose_picks)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
