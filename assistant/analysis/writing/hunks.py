"""A suggestion cut into hunks the writer accepts or rejects one by one.

A hunk is a run of elements (action paragraphs, speeches, transitions...) that the suggested scene
changes: the old scene's elements ``old_start:old_end`` become the suggestion's
``new_start:new_end`` (either side may be empty). Hunks come from ``difflib`` over the elements'
printed lines (``scene_lines.element_lines``), so a speech that is the same in both is never a hunk
and a reworded one is one hunk. Applying a subset keeps the old elements of every rejected hunk and
takes the new ones of every accepted hunk; the heading is the old scene's. A ``continue``
suggestion adds a whole scene: it is one hunk.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from assistant.analysis.compare.scene_lines import ScriptLine, element_lines
from assistant.errors import AnalysisError
from assistant.script.model import Element, Scene, Screenplay

if TYPE_CHECKING:
    from assistant.analysis.writing.suggest import Suggestion


class SceneHunk(BaseModel):
    """One change of a suggested scene, with its lines as the writer reads them."""

    model_config = ConfigDict(extra="forbid")

    index: int
    """Its number among the suggestion's hunks, from 0: what ``apply_hunks`` is given."""
    old_start: int
    old_end: int
    """The old scene's elements it replaces (``old_start == old_end``: it only adds)."""
    new_start: int
    new_end: int
    """The suggested scene's elements it puts there."""
    removed: list[str] = Field(default_factory=list)
    added: list[str] = Field(default_factory=list)


def _key(element: Element) -> tuple[str, tuple[ScriptLine, ...]]:
    return type(element).__name__, tuple(element_lines(element))


def _texts(elements: list[Element]) -> list[str]:
    return [line.text for element in elements for line in element_lines(element)]


def scene_hunks(old: Scene | None, new: Scene) -> list[SceneHunk]:
    """The hunks that turn ``old`` into ``new`` (``old`` None: a new scene, one hunk)."""
    if old is None:
        heading = [new.heading.text] if new.heading is not None else []
        added = heading + _texts(new.elements)
        return [SceneHunk(index=0, old_start=0, old_end=0, new_start=0,
                          new_end=len(new.elements), added=added)]  # fmt: skip
    matcher = difflib.SequenceMatcher(
        None, [_key(e) for e in old.elements], [_key(e) for e in new.elements], autojunk=False
    )
    hunks: list[SceneHunk] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        hunks.append(SceneHunk(
            index=len(hunks), old_start=i1, old_end=i2, new_start=j1, new_end=j2,
            removed=_texts(old.elements[i1:i2]), added=_texts(new.elements[j1:j2]),
        ))  # fmt: skip
    return hunks


def merge_hunks(old: Scene | None, new: Scene, accepted: list[int]) -> Scene:
    """``old`` with the accepted hunks of ``new`` in place (see the module doc).

    Raises:
        AnalysisError: no hunk accepted, or a hunk number that the suggestion does not have.
    """
    hunks = scene_hunks(old, new)
    unknown = sorted(set(accepted) - {h.index for h in hunks})
    if unknown:
        raise AnalysisError(
            f"The suggestion has hunks 0-{len(hunks) - 1}, not {', '.join(map(str, unknown))}"
        )
    if not accepted:
        raise AnalysisError("No hunk was accepted: nothing to apply")
    if old is None:
        return new.model_copy(deep=True)
    chosen = set(accepted)
    elements: list[Element] = []
    position = 0
    for hunk in hunks:
        elements.extend(old.elements[position : hunk.old_start])
        if hunk.index in chosen:
            elements.extend(new.elements[hunk.new_start : hunk.new_end])
        else:
            elements.extend(old.elements[hunk.old_start : hunk.old_end])
        position = hunk.old_end
    elements.extend(old.elements[position:])
    return old.model_copy(update={"elements": [e.model_copy(deep=True) for e in elements]})


def suggestion_scenes(suggestion: Suggestion, screenplay: Screenplay) -> tuple[Scene | None, Scene]:
    """The scene a suggestion replaces (None for ``continue``) and the scene it suggests;
    ``screenplay`` is the script as read from the suggestion's file."""
    from assistant.analysis.writing.suggest import read_reply

    new = read_reply(suggestion.scene_fountain)
    if suggestion.kind == "continue":
        return None, new
    return screenplay.scenes[suggestion.scene_index], new
