"""Candidates for method v6 of the synopsis beat map: expected-hit decoding, on the training movies.

    python scripts/tune_beats_v6.py [--data ../shared/data] [--cache PATH]
    python scripts/tune_beats_v6.py --write-places [--data ../shared/data]

Target, folds and the held-out strength belief as ``scripts/tune_beats_v4.py`` (each annotator's
silver TP events; 5 folds grouped by movie, the same hash; the sentence classifier and the
strength model refitted without each held-out fold). v4 decodes the five TPs by the summed log
of each TP's three-scene window *mass*; the TRIPOD protocol counts a TP as hit when the pick's
three-scene window holds a scene of its *event* (the scenes within half of the projection's
peak). v6 candidates score each candidate scene by the probability that its window holds the
event (``tp_decoding.window_hits``) and decode the five jointly, strictly increasing, maximising
the summed hit probability plus a small share of v4's log window mass (which breaks the ties of
scenes that no likely event reaches):

- **outline**: the event of an outline sentence depends on where in its synopsis it stood
  (the projection's position prior, sigma 0.1), which an outline does not say; the candidates
  average the events over the places a TP's sentence takes in the other folds' synopses
  (``places``: empirical, a Gaussian of their mean and spread, or ``joint``: whole five-TP
  templates), optionally weighting each place by how well the sentence's text fits it (``beta``:
  the log evidence of the projection around that place; for templates, summed over the five);
- **prose**: each sentence's event is known (its own projection); a TP's hit probability is the
  ordered sentence posterior's mixture of its sentences' events, times v4's TP prior and
  strength belief.

``--write-places`` writes the product's ``weights/outline_places.v1.json`` instead: each training
synopsis's (five or more sentences) TP sentence places, index / (sentences - 1), read from the
TRIPOD training labels only.

Printed per candidate TA / PA / D; the nested figure (each fold's candidate chosen by PA, then
TA, on the other four folds) and a paired bootstrap over movies of the nested gain over v4.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import tune_beat_map as base  # noqa: E402
import tune_beats_v4 as v4  # noqa: E402
import tune_beats_v5 as v5  # noqa: E402

from assistant.analysis.beats.tp_decoding import (  # noqa: E402
    decode_expected_hits,
    event_masks,
    fuse_strength,
    ordered_marginals,
    place_events,
    place_hits,
    window_hits,
)
from assistant.analysis.strength.turning_points import window_mass  # noqa: E402

FloatArray = np.ndarray[Any, np.dtype[np.float64]]
Setting = dict[str, Any]
V4: Setting = {"name": "v4"}

OUTLINE: list[Setting] = [
    V4,
    *({"name": "hits", "places": "empirical", "beta": b, "tie": t}
      for b in (0.0, 0.5, 1.0) for t in (0.03, 0.1, 0.3)),
    *({"name": "hits", "places": "gauss", "widen": w, "beta": 0.0, "tie": 0.1} for w in (1, 1.25)),
    *({"name": "hits", "places": "joint", "beta": b, "tie": 0.1} for b in (0.5, 1.0)),
]  # fmt: skip
PROSE: list[Setting] = [
    V4,
    *({"name": "hits", "tie": t} for t in (0.03, 0.1, 0.3)),
]


class Experiment(v5.Experiment):
    """v5's experiment (the cases, folds, beliefs and v4's masses) plus the v6 candidates."""

    def log_window(self, j: int, mass: FloatArray) -> FloatArray:
        """v4's decoding objective per TP and scene: log three-scene window mass after the
        strength belief (power 0.25)."""
        case = self.cases[j]
        fused = fuse_strength(mass, self.strength[case.movie], 0.25)
        return np.log(np.maximum(window_mass(fused) if case.scenes > 3 else fused, 1e-12))

    def outline_picks(self, j: int, s: Setting) -> list[int]:
        logs = self.log_window(j, self.outline_mass(j, V4))
        if s["name"] == "v4":
            return self.pick(j, V4, self.outline_mass(j, V4))
        embedding, tfidf, length = self.text[j]
        text = embedding + tfidf + length[None, :]
        places = self.places[("synopsis", self.fold[j])]
        hits = np.zeros_like(text)
        if s["places"] == "joint":
            # Whole five-TP templates (each training synopsis's places), weighted by how well
            # all five sentences fit them together.
            read = [place_events(text[k], places[:, k]) for k in range(5)]
            fit = s["beta"] * np.sum([f for _, f in read], axis=0)
            weights = np.exp(fit - fit.max())
            return decode_expected_hits(
                np.stack([window_hits(e, weights / weights.sum()) for e, _ in read]),
                logs, s["tie"],
            )  # fmt: skip
        for k in range(5):
            if s["places"] == "empirical":
                hits[k] = place_hits(text[k], places[:, k], beta=s["beta"])
            else:
                grid = np.linspace(0.0, 1.0, 101)
                spread = places[:, k].std() * s["widen"]
                prior = -((grid - places[:, k].mean()) ** 2) / (2 * spread**2)
                hits[k] = place_hits(text[k], grid, prior, s["beta"])
        return decode_expected_hits(hits, logs, s["tie"])

    def prose_picks(self, j: int, s: Setting) -> list[int]:
        mass = self.prose_mass(j, V4)
        if s["name"] == "v4":
            return self.pick(j, V4, mass)
        case = self.cases[j]
        posterior = ordered_marginals(v4._rows(self.probabilities[j][:, 1:].T))
        events = event_masks(case.prose)
        hits = np.stack([window_hits(events, posterior[k]) for k in range(5)])
        # v4's TP prior and strength belief as weights on the hit probability: where a TP
        # tends to fall, and what the script itself says.
        where = np.arange(case.scenes) / max(case.scenes - 1, 1)
        prior = np.exp(v5._gauss(where, np.asarray(self.means), np.full(5, 0.25)))
        weighted = v4._rows(fuse_strength(prior, self.strength[case.movie], 0.25))
        hits = hits * weighted / weighted.max(axis=1, keepdims=True)
        return decode_expected_hits(hits, self.log_window(j, mass), s["tie"])


def oracle_check(ex: Experiment) -> None:
    """The outline decode given each sentence's true synopsis place (not available to an
    outline): how much of v4's shortfall is the unknown place, and a check that ``place_events``
    rebuilds the silver events (the outline's TF-IDF is fitted with its five sentences, the
    silver's with the whole synopsis, so a few events differ)."""
    picks = []
    for j, case in enumerate(ex.cases):
        embedding, tfidf, length = ex.text[j]
        text = embedding + tfidf + length[None, :]
        own = np.asarray(case.rows.tp_sentences, float) / max(len(case.rows.vectors) - 1, 1)
        hits = np.stack([place_hits(text[k], own[k : k + 1]) for k in range(5)])
        picks.append(decode_expected_hits(hits, ex.log_window(j, ex.outline_mass(j, V4)), 0.1))
    r = base.scores_of(ex.cases, picks)
    print(f"outline given the true synopsis places (a check, not a candidate): TA {r.ta:.2f} "
          f"PA {r.pa:.2f} D {r.d:.2f}")  # fmt: skip


def compare(ex: Experiment, form: str, settings: list[Setting], pick: Any) -> None:
    cases = ex.cases
    picks = {i: [pick(j, s) for j in range(len(cases))] for i, s in enumerate(settings)}
    ordered = [j for j, c in enumerate(cases) if base._in_order(c.events)]
    for i, s in enumerate(settings):
        r = base.scores_of(cases, picks[i])
        q = base.scores_of([cases[j] for j in ordered], [picks[i][j] for j in ordered])
        print(f"{form} {s}: TA {r.ta:5.2f} PA {r.pa:5.2f} D {r.d:5.2f} | in order TA "
              f"{q.ta:5.2f} PA {q.pa:5.2f}", flush=True)  # fmt: skip
    nested: list[list[int]] = [[] for _ in cases]
    for fold in range(ex.folds):
        inner = [j for j in range(len(cases)) if ex.fold[j] != fold]

        def inner_score(i: int, inner: list[int] = inner) -> tuple[float, float]:
            r = base.scores_of([cases[j] for j in inner], [picks[i][j] for j in inner])
            return r.pa, r.ta

        chosen = max(picks, key=inner_score)
        held = [j for j in range(len(cases)) if ex.fold[j] == fold]
        a = base.scores_of([cases[j] for j in held], [picks[0][j] for j in held])
        b = base.scores_of([cases[j] for j in held], [picks[chosen][j] for j in held])
        print(f"  {form} fold {fold}: chose {settings[chosen]}; held-out PA v4 {a.pa:5.1f} -> "
              f"{b.pa:5.1f}, TA {a.ta:5.1f} -> {b.ta:5.1f}")  # fmt: skip
        for j in held:
            nested[j] = picks[chosen][j]
    r = base.scores_of(cases, nested)
    q = base.scores_of([cases[j] for j in ordered], [nested[j] for j in ordered])
    print(f"{form} nested: TA {r.ta:.2f} PA {r.pa:.2f} D {r.d:.2f} | in order TA {q.ta:.2f} "
          f"PA {q.pa:.2f}")  # fmt: skip
    v5.bootstrap(ex, form, picks[0], nested)


def write_places(data: Path) -> int:
    """Write the training synopses' TP places for the product (``synopsis_map.OUTLINE_HITS``)."""
    from assistant.analysis.beats.synopsis_map import outline_places_path
    from assistant.training.tripod_data import load_movies

    places = [
        [round(i / (len(s.sentences) - 1), 6) for i in s.tp_sentences]
        for movie in load_movies(data, "train")
        for s in movie.synopses
        if len(s.sentences) >= 5
    ]
    path = outline_places_path()
    body = {
        "source": "TRIPOD training synopses: each TP sentence's index / (sentences - 1)",
        "written_by": "python scripts/tune_beats_v6.py --write-places",
        "places": places,
    }
    temporary = path.with_suffix(".tmp")
    rows = ",\n  ".join(json.dumps(p) for p in places)
    head = json.dumps({k: v for k, v in body.items() if k != "places"}, indent=1)[:-2]
    temporary.write_text(f'{head},\n "places": [\n  {rows}\n ]\n}}\n', encoding="utf-8")
    os.replace(temporary, path)
    print(f"{len(places)} synopses' places written to {path}")
    return 0


def main() -> int:
    if "--write-places" in sys.argv:
        sys.argv.remove("--write-places")
        data = REPO.parent / "shared" / "data"
        if "--data" in sys.argv:
            data = Path(sys.argv[sys.argv.index("--data") + 1])
        return write_places(data)
    args, cases, names, fold_of, strength, probabilities, means = v4.training_inputs(
        __doc__.split("\n")[0]
    )
    ex = Experiment(cases, fold_of, args.folds, strength, probabilities, means)
    print(f"{len(cases)} synopses of {len(names)} movies")
    oracle_check(ex)
    compare(ex, "outline", OUTLINE, ex.outline_picks)
    compare(ex, "prose", PROSE, ex.prose_picks)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
