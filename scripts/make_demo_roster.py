"""Write the demo roster: fictional actors with plausible ages, skills and careers (fixed seed).

    python scripts/make_demo_roster.py [--count 600] [--seed 18] [--out FILE]

Names are built from syllable tables, so they belong to no one; titles of credits are invented the
same way. The attributes each profile was generated from are all in the profile itself, which is
what scripts/eval_casting.py builds its queries and relevance grades from.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.casting.profiles import SKILLS, ActorProfile  # noqa: E402

OUT = REPO / "assistant" / "casting" / "data" / "demo_roster.jsonl"

_FIRST_A = ["Ma", "Ta", "Le", "Ro", "Si", "Ka", "Be", "Do", "Fi", "Ja", "Ne", "Ori", "Ula", "Ve"]
_FIRST_B = ["ra", "bel", "nix", "dan", "lo", "rin", "ssa", "mon", "ven", "th", "la", "rek", "sio"]
_LAST_A = ["Hal", "Brom", "Cor", "Dun", "Fen", "Gar", "Kell", "Lor", "Mar", "Pen", "Quil", "Tor"]
_LAST_B = ["ridge", "wick", "stone", "more", "ley", "by", "ford", "ham", "sett", "oway", "ard"]
_CITIES = {
    "Glasgow": 0.12,
    "London": 0.30,
    "Manchester": 0.12,
    "Cardiff": 0.08,
    "Belfast": 0.07,
    "Bristol": 0.09,
    "Leeds": 0.08,
    "Edinburgh": 0.08,
    "Dublin": 0.06,
}
_ACCENTS = {
    "Glasgow": "Glaswegian",
    "London": "London",
    "Manchester": "Mancunian",
    "Cardiff": "Welsh",
    "Belfast": "Northern Irish",
    "Bristol": "West Country",
    "Leeds": "Yorkshire",
    "Edinburgh": "Edinburgh Scots",
    "Dublin": "Dublin",
}
_EXTRA_ACCENTS = [
    "RP",
    "General American",
    "Irish",
    "Australian",
    "French",
    "Polish",
    "Nigerian",
    "Jamaican",
    "Indian",
    "Scouse",
    "Geordie",
    "South African",
]
_LANGS = [
    ("fr", 0.10),
    ("es", 0.08),
    ("de", 0.05),
    ("cy", 0.05),
    ("gd", 0.03),
    ("pl", 0.04),
    ("ur", 0.04),
    ("yo", 0.02),
    ("it", 0.04),
    ("ga", 0.03),
]
_GENRES = [
    "drama",
    "crime",
    "comedy",
    "thriller",
    "period drama",
    "horror",
    "sci-fi",
    "romance",
    "war",
    "family",
]
_TITLE_A = [
    "The Long",
    "Silent",
    "Harbour",
    "Black",
    "Northern",
    "Last",
    "Glass",
    "Iron",
    "Red",
    "Small",
    "Winter",
    "Hollow",
]
_TITLE_B = [
    "Tide",
    "Hours",
    "Road",
    "Season",
    "Kingdom",
    "Witness",
    "Lights",
    "Ground",
    "Crossing",
    "Verdict",
    "Shore",
    "Country",
]
_ROLES = {
    "lead": [
        "the detective",
        "the mother",
        "the boxer",
        "the captain",
        "the widow",
        "the teacher",
        "the surgeon",
        "the outlaw",
        "the priest",
        "the runaway",
    ],
    "supporting": [
        "the brother",
        "the landlady",
        "the sergeant",
        "the best friend",
        "the coach",
        "the lawyer",
        "the neighbour",
        "the barman",
        "the nurse",
        "the rival",
    ],
    "day player": [
        "Police Officer",
        "Receptionist",
        "Taxi Driver",
        "Paramedic",
        "Juror 4",
        "Shopkeeper",
        "Bouncer",
        "Reporter",
        "Guard",
        "Waitress",
    ],
}
_TRAITS = [
    "warm",
    "wiry",
    "imposing",
    "gentle",
    "sharp-witted",
    "weathered",
    "wry",
    "intense",
    "quiet",
    "charismatic",
    "melancholy",
    "physical",
    "nervy",
    "stately",
    "deadpan",
]
_BACKGROUNDS = [
    "trained at drama school",
    "came up through youth theatre",
    "started in stand-up",
    "was a professional dancer",
    "spent ten years in rep theatre",
    "boxed as an amateur",
    "worked as a nurse before acting",
    "grew up on a farm",
    "is a former soldier",
    "toured with a folk band",
]


def _name(rng: random.Random) -> str:
    first = rng.choice(_FIRST_A) + rng.choice(_FIRST_B)
    last = rng.choice(_LAST_A) + rng.choice(_LAST_B)
    return f"{first} {last}"


def _skills(rng: random.Random, age: int) -> list[str]:
    families = list(SKILLS)
    count = rng.choices([0, 1, 2, 3, 4, 5], weights=[5, 20, 30, 25, 13, 7])[0]
    picked: list[str] = []
    for _ in range(count):
        family = rng.choice(families)
        if family == "sports" and age > 60 and rng.random() < 0.6:
            family = "instruments"
        picked.append(rng.choice(SKILLS[family]))
    return list(dict.fromkeys(picked))


def _credits(rng: random.Random, age: int) -> list[dict[str, object]]:
    career_start = 2026 - max(1, age - rng.randint(16, 30))
    count = min(max(0, (2026 - career_start) // 3 + rng.randint(-2, 3)), 12)
    credits = []
    year = career_start
    for i in range(count):
        year = min(2026, year + rng.randint(0, 4))
        # Careers climb: day players early, supporting later, a lead for some.
        progress = i / max(1, count - 1)
        size = rng.choices(
            ["day player", "supporting", "lead"],
            weights=[3 * (1 - progress) + 0.3, 2, 2 * progress + 0.1],
        )[0]
        credits.append(
            {
                "title": f"{rng.choice(_TITLE_A)} {rng.choice(_TITLE_B)}",
                "role": rng.choice(_ROLES[size]),
                "size": size,
                "year": year,
                "genre": rng.choice(_GENRES),
            }
        )
    return credits


def make_profile(rng: random.Random, number: int) -> dict[str, object]:
    age = max(8, min(85, int(rng.gauss(40, 15))))
    spread = rng.randint(4, 12)
    low, high = max(6, age - spread // 2), min(95, age + spread - spread // 2)
    gender = rng.choices(["woman", "man", "non-binary"], weights=[48, 48, 4])[0]
    pronouns = {"woman": "she/her", "man": "he/him", "non-binary": "they/them"}[gender]
    city = rng.choices(list(_CITIES), weights=list(_CITIES.values()))[0]
    langs = ["en", *(code for code, p in _LANGS if rng.random() < p)]
    accents = [_ACCENTS[city], *rng.sample(_EXTRA_ACCENTS, rng.randint(0, 2))]
    skills = _skills(rng, age)
    traits = rng.sample(_TRAITS, 2)
    background = rng.choice(_BACKGROUNDS)
    credits = _credits(rng, age)
    bio = (
        f"A {traits[0]}, {traits[1]} performer from {city} who {background}. "
        f"Plays {low}-{high}; natural {_ACCENTS[city]} accent."
    )
    if skills:
        bio += f" Strong on {rng.choice(skills)}."
    if rng.random() < 0.03:
        bio = ""  # some profiles come without a bio
    windows = []
    start = dt.date(2027, 1, 1) + dt.timedelta(days=rng.randint(0, 60))
    for _ in range(rng.randint(1, 3)):
        end = start + dt.timedelta(days=rng.randint(14, 90))
        windows.append({"start": start.isoformat(), "end": end.isoformat()})
        start = end + dt.timedelta(days=rng.randint(10, 60))
    leads = sum(1 for c in credits if c["size"] == "lead")
    rate = 250 + 150 * leads + 20 * len(credits) + rng.randint(0, 200)
    profile = {
        "id": f"demo-{number:04d}",
        "name": _name(rng),
        "playing_age": {"min": low, "max": high},
        "gender_identity": gender,
        "pronouns": pronouns,
        "languages": langs,
        "accents": accents,
        "skills": skills,
        "union_status": rng.choices(["union", "non-union", "union-eligible"], [60, 25, 15])[0],
        "base_city": city,
        "travel": rng.choices(["local only", "national", "international"], [15, 55, 30])[0],
        "availability": windows,
        "day_rate": {"min": rate, "max": rate + rng.choice([100, 200, 300]), "currency": "GBP"},
        "representation": f"{rng.choice(_LAST_A)}{rng.choice(_LAST_B)} Artists (demo)",
        "credits": credits,
        "bio": bio,
        "tags": ["demo"],
        "headshot": f"headshots/demo-{number:04d}.jpg",
    }
    ActorProfile.model_validate(profile)  # the generator must write valid rows
    return profile


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=600)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    lines = [json.dumps(make_profile(rng, i + 1), ensure_ascii=False) for i in range(args.count)]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.count} profiles to {args.out}")


if __name__ == "__main__":
    main()
