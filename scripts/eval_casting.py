"""Relevance of casting search on the demo roster: nDCG@10 and recall@10 per ranking.

    python scripts/eval_casting.py [--queries 120] [--seed 7] [--fake]

Each query is built from one demo profile's own attributes, as a casting director would word them:
gender and playing age (hard), one skill, the accent, a trait and the background from the bio,
one credit's role (soft). A result's grade is how many of those attributes it satisfies (0-7);
nDCG@10 uses the grades, with the ideal ordering taken over the whole roster. Recall@10 counts
profiles satisfying every attribute (at least the seed profile) found in the top 10, out of
min(10, how many there are). Rankings: dense only, BM25 only, RRF fusion, weighted fusion (0.5/0.5
of min-max normalised scores), all with no hard filters, so ranking alone is measured; then the
default (weighted) again with the query's age and gender as hard filters (as `cast suggest` does).

The embedder is the configured one (MiniLM) unless --fake (tests/fakes.py's hashed bag of words).
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant import api  # noqa: E402
from assistant.casting.catalog import CastingIndex  # noqa: E402
from assistant.casting.profiles import ActorProfile, AgeRange  # noqa: E402
from assistant.casting.search import search  # noqa: E402
from assistant.casting.store import CastFilters  # noqa: E402
from assistant.casting.writing import build_index  # noqa: E402

_BIO = re.compile(r"^A (?P<t1>[\w-]+), (?P<t2>[\w-]+) performer from \w+ who (?P<bg>[^.]+)\.")
_WORD = {"woman": "woman", "man": "man", "non-binary": "non-binary performer"}


class Query:
    def __init__(self, seed: ActorProfile, rng: random.Random) -> None:
        bio = _BIO.match(seed.bio)
        self.gender = seed.gender_identity
        mid = (seed.playing_age.min + seed.playing_age.max) // 2
        self.age = AgeRange(min=max(0, mid - 4), max=mid + 4)
        self.skill = rng.choice(seed.skills) if seed.skills else None
        self.accent = seed.accents[0]
        self.trait = bio["t1"] if bio else None
        self.background = bio["bg"] if bio else None
        self.role = rng.choice(seed.credits).role if seed.credits else None
        parts = [
            f"{self.trait or ''} {_WORD[self.gender]} playing {self.age.min}-{self.age.max}",
            f"{self.accent} accent",
        ]
        if self.skill:
            parts.append(f"skilled at {self.skill}")
        if self.background:
            parts.append(f"who {self.background}")
        if self.role:
            parts.append(f"has played {self.role}")
        self.text = ", ".join(p.strip() for p in parts)

    def grade(self, p: ActorProfile) -> int:
        checks = [
            p.gender_identity == self.gender,
            p.playing_age.overlaps(self.age),
            self.skill is None or self.skill in p.skills,
            self.accent in p.accents,
            self.trait is None or self.trait in p.bio,
            self.background is None or self.background in p.bio,
            self.role is None or any(c.role == self.role for c in p.credits),
        ]
        return sum(checks)


def ndcg(grades: list[int], ideal: list[int], k: int = 10) -> float:
    def dcg(values: list[int]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(values[:k]))

    best = dcg(sorted(ideal, reverse=True))
    return dcg(grades) / best if best else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=120)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--fake", action="store_true", help="Use the hashed bag-of-words embedder")
    args = parser.parse_args()
    if args.fake:
        from tests.fakes import FakeEmbedder

        embedder: object = FakeEmbedder(dimensions=384)
    else:
        from assistant.models.registry import get_embedder

        embedder = get_embedder(api.load_settings())
    profiles = api.import_roster(api.demo_roster_path()).profiles
    rng = random.Random(args.seed)
    seeds = rng.sample([p for p in profiles if p.bio], args.queries)
    queries = [Query(s, rng) for s in seeds]
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        build_index(Path(folder), profiles, embedder)  # type: ignore[arg-type]
        print(
            f"embedder {embedder.cache_key}: indexed {len(profiles)} profiles in "  # type: ignore[attr-defined]
            f"{time.perf_counter() - started:.1f} s; {len(queries)} queries"
        )
        index = CastingIndex.open(Path(folder))
        by_id = {p.id: p for p in profiles}
        runs = [
            ("dense", "dense", False),
            ("bm25", "bm25", False),
            ("rrf", "rrf", False),
            ("weighted", "weighted", False),
            ("weighted + age/gender filters", "weighted", True),
        ]
        print(f"{'ranking':28} {'nDCG@10':>8} {'recall@10':>10}")
        for label, fusion, filtered in runs:
            n_total = r_total = 0.0
            for q in queries:
                ideal = [q.grade(p) for p in profiles]
                full = max(ideal)
                relevant = sum(1 for g in ideal if g == full)
                filters = CastFilters(age=q.age, gender=[q.gender]) if filtered else None
                found = search(index, embedder, q.text, filters, k=10, fusion=fusion)  # type: ignore[arg-type]
                grades = [q.grade(by_id[r.id]) for r in found.results]
                n_total += ndcg(grades, ideal)
                r_total += sum(1 for g in grades if g == full) / min(10, relevant)
            print(f"{label:28} {n_total / len(queries):8.3f} {r_total / len(queries):10.3f}")
        index.close()


if __name__ == "__main__":
    main()
