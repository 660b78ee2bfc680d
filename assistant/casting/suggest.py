"""``cast suggest``: each speaking character's brief, then a casting search with it."""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from assistant.casting.briefs import CastingBrief, briefs
from assistant.casting.catalog import CastingIndex
from assistant.casting.search import CastResult, search
from assistant.casting.store import CastFilters
from assistant.errors import CastingError
from assistant.script.model import Screenplay

if TYPE_CHECKING:
    from assistant.models.base import Embedder

SUGGEST_FORMAT = "slate.cast.suggest/1"


class CharacterSuggestions(BaseModel):
    name: str
    brief: CastingBrief
    filters: dict[str, object]
    search_command: str
    """The ``slate cast search`` that ran for this character, to edit and run again."""
    results: list[CastResult] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


class CastSuggestions(BaseModel):
    format: str = SUGGEST_FORMAT
    characters: list[CharacterSuggestions] = Field(default_factory=list)


def brief_filters(brief: CastingBrief) -> CastFilters:
    """Age (overlap) and gender, when the script states them, are hard; skills stay in the query."""
    return CastFilters(age=brief.age, gender=[brief.gender] if brief.gender else [])


def search_command(brief: CastingBrief, k: int) -> str:
    """The shell command repeating the search for ``brief`` (query and hard filters quoted)."""
    parts = ["slate", "cast", "search", brief.query]
    if brief.age is not None:
        parts += ["--age", f"{brief.age.min}-{brief.age.max}"]
    if brief.gender:
        parts += ["--gender", brief.gender]
    parts += ["-k", str(k)]
    return shlex.join(parts)


def suggest(
    index: CastingIndex,
    embedder: Embedder,
    screenplay: Screenplay,
    *,
    character: str | None = None,
    k: int = 5,
) -> CastSuggestions:
    """Briefs and results for every speaking character, or for ``character`` (any case).

    Raises:
        CastingError: ``character`` is not a speaking character (the message lists them).
    """
    found = briefs(screenplay)
    if character is not None:
        chosen = [b for b in found if b.name.upper() == character.upper()]
        if not chosen:
            names = ", ".join(b.name for b in found) or "none"
            raise CastingError(
                f"No speaking character {character!r} in the script (speaking characters: {names})"
            )
        found = chosen
    out = CastSuggestions()
    for brief in found:
        filters = brief_filters(brief)
        found_cast = search(index, embedder, brief.query, filters, k=k, role_age=brief.age)
        out.characters.append(
            CharacterSuggestions(
                name=brief.name,
                brief=brief,
                filters=found_cast.filters,
                search_command=search_command(brief, k),
                results=found_cast.results,
                notes=found_cast.notes,
            )
        )
    return out
