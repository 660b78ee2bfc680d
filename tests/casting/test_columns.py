"""The in-memory filter columns select exactly what the SQL (and the filters' meaning) select."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from assistant.casting.catalog import CastingIndex
from assistant.casting.profiles import ActorProfile, AgeRange
from assistant.casting.store import CastFilters
from assistant.casting.writing import change_index
from tests.casting.test_search import _passes
from tests.fakes import FakeEmbedder


def _random_filters(rng: random.Random, people: list[ActorProfile]) -> CastFilters:
    """One to three filters, their values drawn from real profiles so most keep someone."""
    p = rng.choice(people)
    choices: dict[str, object] = {
        "age": AgeRange(min=p.playing_age.min, max=p.playing_age.min + rng.randint(0, 15)),
        "gender": [p.gender_identity],
        "languages": p.languages[:1],
        "skills": rng.sample(p.skills, min(len(p.skills), rng.randint(1, 2))),
        "union_status": p.union_status,
        "city": rng.choice([p.base_city, p.base_city.upper(), "Nowhere-on-Sea"]),
        "max_rate": p.day_rate.min if p.day_rate else 500,
    }
    if p.availability:
        w = p.availability[0]
        choices["available"] = (w.start, min(w.end, w.start + dt.timedelta(days=10)))
    names = rng.sample(sorted(choices), rng.randint(1, 3))
    return CastFilters(**{n: choices[n] for n in names})


def test_columns_agree_with_sql_and_the_meaning_on_300_random_filters(
    demo_index: CastingIndex, demo_profiles: list[ActorProfile]
) -> None:
    rng = random.Random(18)
    kept_some = 0
    for _ in range(300):
        filters = _random_filters(rng, demo_profiles)
        got = demo_index.matching(filters)
        assert got is not None
        assert got.tolist() == demo_index.store.matching(filters), filters
        by_vid = demo_index.store.profiles(got.tolist())
        assert {p.id for p in by_vid.values()} == {
            p.id for p in demo_profiles if _passes(p, filters)
        }
        kept_some += bool(len(got))
    assert kept_some > 150  # most cases keep someone, so agreeing means something


def test_unknown_values_and_no_filters(demo_index: CastingIndex) -> None:
    assert demo_index.matching(CastFilters()) is None
    none = demo_index.matching(CastFilters(skills=["juggling fire"], gender=["robot"]))
    assert none is not None and len(none) == 0


@pytest.mark.parametrize("remove_first", [True, False])
def test_columns_follow_adds_updates_and_removes(
    demo_index: CastingIndex,
    demo_profiles: list[ActorProfile],
    embedder: FakeEmbedder,
    remove_first: bool,
) -> None:
    root: Path = demo_index.root
    demo_index.close()
    moved = demo_profiles[0].model_copy(update={"base_city": "Reykjavik", "travel": "local only"})
    gone = demo_profiles[1].id
    if remove_first:
        change_index(root, embedder, remove=[gone])
        change_index(root, embedder, upsert=[moved])
    else:
        change_index(root, embedder, upsert=[moved], remove=[gone])
    with CastingIndex.open(root, model_id=embedder.cache_key) as index:
        here = CastFilters(city="reykjavik")
        vids = index.matching(here)
        assert vids is not None
        assert vids.tolist() == index.store.matching(here)
        found = {p.id for p in index.store.profiles(vids.tolist()).values()}
        assert moved.id in found
        assert gone not in {p.id for p in index.store.profiles(index.store.all_vids()).values()}
        everyone = index.matching(CastFilters(age=AgeRange(min=0, max=120)))
        assert everyone is not None and len(everyone) == len(demo_profiles) - 1
