"""An actor's profile as casting platforms carry it, and the skill taxonomy it draws on.

A profile is what an actor (or their agent) says about themselves: playing age, not real age;
self-described gender identity and heritage; skills from ``SKILLS``. Everything filterable is a
typed field, so the SQLite store can index it; the free text (bio, credits) is what the dense and
BM25 rankings read.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SKILLS: dict[str, list[str]] = {
    "combat": ["stage combat", "sword fighting", "boxing", "martial arts", "firearms", "wrestling"],
    "riding": ["horse riding", "bareback riding", "motorcycle riding"],
    "singing": [
        "soprano",
        "mezzo-soprano",
        "alto",
        "tenor",
        "baritone",
        "bass",
        "folk singing",
        "opera",
        "musical theatre",
    ],
    "dance": ["ballet", "tap", "contemporary dance", "ballroom", "hip hop", "salsa", "ceilidh"],
    "instruments": [
        "piano",
        "guitar",
        "violin",
        "drums",
        "fiddle",
        "saxophone",
        "trumpet",
        "bagpipes",
        "cello",
    ],
    "sports": [
        "swimming",
        "football",
        "tennis",
        "climbing",
        "skiing",
        "cycling",
        "running",
        "rugby",
        "gymnastics",
        "sailing",
        "fencing",
        "archery",
    ],
    "driving": ["car licence", "hgv licence", "motorcycle licence", "stunt driving"],
    "other": [
        "juggling",
        "puppetry",
        "sign language",
        "magic",
        "circus skills",
        "skateboarding",
        "scuba diving",
        "cooking",
        "knitting",
    ],
}
"""Skill families and the skills in each, lower case. Imports reject a skill not listed here."""

ALL_SKILLS: frozenset[str] = frozenset(s for family in SKILLS.values() for s in family)

RoleSize = Literal["lead", "supporting", "day player"]
UnionStatus = Literal["union", "non-union", "union-eligible"]
Travel = Literal["local only", "national", "international"]

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class AgeRange(_Model):
    """A playing-age range in years, both ends included."""

    min: int = Field(ge=0, le=120)
    max: int = Field(ge=0, le=120)

    @model_validator(mode="after")
    def _ordered(self) -> AgeRange:
        if self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}")
        return self

    def overlaps(self, other: AgeRange) -> bool:
        return self.min <= other.max and other.min <= self.max


class DateWindow(_Model):
    """Dates an actor is available, both ends included."""

    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> DateWindow:
        if self.start > self.end:
            raise ValueError(f"start {self.start} is after end {self.end}")
        return self


class RateBand(_Model):
    """The day rate an actor asks, as a band (whole currency units)."""

    min: int = Field(ge=0)
    max: int = Field(ge=0)
    currency: str = Field(default="GBP", pattern=r"^[A-Z]{3}$")

    @model_validator(mode="after")
    def _ordered(self) -> RateBand:
        if self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}")
        return self


class Credit(_Model):
    title: str = Field(min_length=1)
    role: str = Field(min_length=1)
    size: RoleSize
    year: int = Field(ge=1900, le=2100)
    genre: str = ""


class ActorProfile(_Model):
    """One actor. ``id`` is the platform's own, unique within a roster."""

    id: str
    name: str = Field(min_length=1)
    playing_age: AgeRange
    gender_identity: str = Field(min_length=1)
    """Self-described, lower case (``woman``, ``man``, ``non-binary``...); filters match exactly."""
    pronouns: str | None = None
    heritage: str | None = None
    """Self-described; shown, never filtered or ranked on."""
    languages: list[str] = Field(default_factory=list)
    """ISO 639-1 codes, lower case (``en``, ``gd``)."""
    accents: list[str] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)
    union_status: UnionStatus = "non-union"
    base_city: str = Field(min_length=1)
    travel: Travel = "national"
    availability: list[DateWindow] = Field(default_factory=list)
    """Windows the actor is free; a profile with none is never 'available' to a date filter."""
    day_rate: RateBand | None = None
    representation: str | None = None
    credits: list[Credit] = Field(default_factory=list)
    bio: str = ""
    tags: list[str] = Field(default_factory=list)
    headshot: str | None = None
    """Path or URL of a headshot image (not read by Slate)."""

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(
                "use 1-64 letters, digits, '_', '.' or '-', starting with one of the first two"
            )
        return value

    @field_validator("gender_identity")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.lower()

    @field_validator("languages")
    @classmethod
    def _language_codes(cls, value: list[str]) -> list[str]:
        codes = [v.strip().lower() for v in value if v.strip()]
        bad = [c for c in codes if not re.fullmatch(r"[a-z]{2,3}", c)]
        if bad:
            raise ValueError(f"not a language code: {', '.join(bad)} (use ISO 639-1, e.g. en)")
        return codes

    @field_validator("skills")
    @classmethod
    def _known_skills(cls, value: list[str]) -> list[str]:
        skills = [v.strip().lower() for v in value if v.strip()]
        unknown = [s for s in skills if s not in ALL_SKILLS]
        if unknown:
            raise ValueError(
                f"not in the skill taxonomy: {', '.join(unknown)} "
                "(see assistant/casting/profiles.py SKILLS)"
            )
        return list(dict.fromkeys(skills))

    def search_text(self) -> str:
        """The text the dense and BM25 rankings read: facts, bio, skills, accents, credits.

        The line of facts means a profile with no bio still has text to rank on.
        """
        credits = "; ".join(
            f"{c.role} ({c.size}) in {c.title}, {c.genre} {c.year}".replace(" ,", ",")
            for c in self.credits
        )
        parts = [
            f"{self.name}, {self.gender_identity}, playing age {self.playing_age.min}-"
            f"{self.playing_age.max}, based in {self.base_city}.",
            self.bio,
            f"Skills: {', '.join(self.skills)}." if self.skills else "",
            f"Accents: {', '.join(self.accents)}." if self.accents else "",
            f"Credits: {credits}." if credits else "",
        ]
        return " ".join(p for p in parts if p)
