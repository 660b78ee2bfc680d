"""A casting brief per speaking character, read from the script by rules (no language model).

As casting notices read: name, playing age (from the first-appearance description: ``30s``,
``mid-40s``, ``late sixties``, ``17``), gender when the description states it, role size from
scenes and speeches, the description, what other characters say about them, and the skills the
action around them demands (riding, fighting, singing, driving...). The brief's ``query`` is the
text a search ranks with; age and gender become hard filters, skills stay soft (in the query),
because a rule that misreads one action line must not exclude every actor.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

from assistant.casting.profiles import AgeRange
from assistant.script.model import Action, Screenplay

_DECADES = {
    "teens": 10,
    "twenties": 20,
    "thirties": 30,
    "forties": 40,
    "fifties": 50,
    "sixties": 60,
    "seventies": 70,
    "eighties": 80,
    "nineties": 90,
}
_AGE_DECADE = re.compile(
    r"\b(?P<part>early|mid|late)?[- ]?(?:(?P<num>[1-9]0)'?s|(?P<word>"
    + "|".join(_DECADES)
    + r"))\b",
    re.IGNORECASE,
)
_AGE_NUMBER = re.compile(r"(?:^|[(,;]\s*|\baged?\s+|\bof\s+)(?P<age>[1-9][0-9]?)\b(?!'?s)")
_FEMALE = re.compile(
    r"\b(woman|women|girl|mother|wife|daughter|sister|lady|she|her|grandmother|"
    r"widow|actress|waitress|queen|aunt|niece|mum|mom)\b",
    re.IGNORECASE,
)
_MALE = re.compile(
    r"\b(man|men|boy|father|husband|son|brother|gentleman|he|his|him|"
    r"grandfather|widower|king|uncle|nephew|dad)\b",
    re.IGNORECASE,
)
ACTION_SKILLS: dict[str, re.Pattern[str]] = {
    "horse riding": re.compile(
        r"\b(rides?|riding|rode|gallops?|saddles?|horseback|mounts the)\b", re.I
    ),
    "boxing": re.compile(r"\b(boxing|boxer|boxes with|sparring|uppercut|throws a punch)\b", re.I),
    "stage combat": re.compile(
        r"\b(fights?|fought|brawl|grapples?|tackles?|swings? at|wrestles?)\b", re.I
    ),
    "sword fighting": re.compile(r"\b(swords?|sabre|rapier|duel)\b", re.I),
    "firearms": re.compile(r"\b(gun|pistol|rifle|shotgun|fires|aims)\b", re.I),
    "musical theatre": re.compile(r"\b(sings?|singing|sang|song)\b", re.I),
    "car licence": re.compile(r"\b(drives?|driving|drove|behind the wheel)\b", re.I),
    "motorcycle riding": re.compile(r"\b(motorbike|motorcycle)\b", re.I),
    "swimming": re.compile(r"\b(swims?|swimming|swam|dives? in)\b", re.I),
    "piano": re.compile(r"\b(piano)\b", re.I),
    "guitar": re.compile(r"\b(guitar)\b", re.I),
    "violin": re.compile(r"\b(violin|fiddle)\b", re.I),
    "contemporary dance": re.compile(r"\b(dances?|dancing|danced)\b", re.I),
}
"""Taxonomy skill -> words in the action around a character that call for it."""

RoleSize = Literal["lead", "supporting", "day player"]


class CastingBrief(BaseModel):
    name: str
    age: AgeRange | None = None
    age_text: str | None = None
    """The words the age was read from (``mid-40s``)."""
    gender: str | None = None
    """``woman`` or ``man`` when the description says so; else None (never guessed from a name)."""
    role_size: RoleSize
    scenes: int
    speeches: int
    description: str | None = None
    said_about: list[str] = Field(default_factory=list)
    """Up to three lines in which other characters speak of this one."""
    skills: list[str] = Field(default_factory=list)
    query: str


def parse_age(text: str) -> tuple[AgeRange, str] | None:
    """A playing-age range from ``30s``, ``early 20s``, ``late sixties``, ``(45)``; else None."""
    match = _AGE_DECADE.search(text)
    if match:
        base = int(match["num"]) if match["num"] else _DECADES[match["word"].lower()]
        low, high = (base, base + 9) if base >= 20 else (13, 19)
        part = (match["part"] or "").lower()
        if part == "early":
            high = low + 3
        elif part == "mid":
            low, high = low + 3, low + 7
        elif part == "late":
            low = low + 6
        return AgeRange(min=low, max=high), match.group(0).strip(" -")
    number = _AGE_NUMBER.search(text)
    if number:
        age = int(number["age"])
        return AgeRange(min=max(0, age - 3), max=age + 3), number["age"]
    return None


def parse_gender(text: str) -> str | None:
    female, male = bool(_FEMALE.search(text)), bool(_MALE.search(text))
    if female == male:
        return None
    return "woman" if female else "man"


def briefs(screenplay: Screenplay) -> list[CastingBrief]:
    """One brief per speaking character, in the order they first appear."""
    speeches: dict[str, int] = {}
    scenes_of: dict[str, set[int]] = {}
    for index, scene in enumerate(screenplay.scenes):
        for dialogue in scene.dialogues():
            name = dialogue.cue.name.upper()
            speeches[name] = speeches.get(name, 0) + 1
            scenes_of.setdefault(name, set()).add(index)
    headed = max(1, len(screenplay.headed_scenes()) or len(screenplay.scenes))
    total_speeches = max(1, sum(speeches.values()))
    top = sorted(speeches.values(), reverse=True)[:2]
    out: list[CastingBrief] = []
    for character in screenplay.characters:
        name = character.name.upper()
        if name not in speeches:
            continue
        scenes = scenes_of.get(name, set())
        out.append(
            _brief(
                screenplay,
                character.name,
                character.description,
                scenes,
                _size(speeches[name], len(scenes), headed, total_speeches, top),
            )
        )
    return out


def _size(lines: int, scenes: int, headed: int, total: int, top: list[int]) -> RoleSize:
    """Lead: among the two biggest speakers with >= 15% of speeches, or in >= 60% of scenes;
    supporting: >= 3 scenes, or >= 3 speeches that are >= 5% of all; else a day player."""
    if (lines in top and lines / total >= 0.15) or scenes / headed >= 0.6:
        return "lead"
    if scenes >= 3 or (lines >= 3 and lines / total >= 0.05):
        return "supporting"
    return "day player"


def _brief(
    screenplay: Screenplay, name: str, description: str | None, scenes: set[int], size: RoleSize
) -> CastingBrief:
    mention = re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)
    said: list[str] = []
    skills: list[str] = []
    for index in sorted(scenes):
        scene = screenplay.scenes[index]
        for element in scene.elements:
            if isinstance(element, Action) and mention.search(element.text):
                for skill, pattern in ACTION_SKILLS.items():
                    if pattern.search(element.text) and skill not in skills:
                        skills.append(skill)
    for scene in screenplay.scenes:
        for dialogue in scene.dialogues():
            if dialogue.cue.name.upper() == name.upper() or len(said) >= 3:
                continue
            for sentence in re.split(r"(?<=[.!?])\s+", dialogue.speech_text):
                # A bare address ("Theo.") says nothing about them.
                bare = len(sentence.split()) < 3
                if mention.search(sentence) and not bare and len(said) < 3:
                    said.append(f"{dialogue.cue.name}: {sentence.strip()}")
    age = parse_age(description or "")
    gender = parse_gender(description or "")
    query_parts = [description or name.title(), *(s.split(": ", 1)[1] for s in said)]
    if skills:
        query_parts.append("skills: " + ", ".join(skills))
    return CastingBrief(
        name=name,
        age=age[0] if age else None,
        age_text=age[1] if age else None,
        gender=gender,
        role_size=size,
        scenes=len(scenes),
        speeches=sum(
            1
            for i in scenes
            for d in screenplay.scenes[i].dialogues()
            if d.cue.name.upper() == name.upper()
        ),
        description=description,
        said_about=said,
        skills=skills,
        query=". ".join(p.strip(". ") for p in query_parts if p.strip()),
    )
