"""The Fountain spec cases in ``tests/spec/fountain/*.yaml`` and how a parse is compared with them.

A file holds a list of cases ``{name, in, expect}`` and optionally ``title_page`` (a list of
``[key, value]`` pairs) and ``start_lines`` (the ``Scene.start_line`` of every scene). ``expect``
lists the scene headings and elements of the parse in order, each in a compact form:

- a bare type name for elements without text: ``- page_break``;
- a mapping whose first key is the type and whose value is the main text, with any other fields
  to check: ``- heading: INT. DINER - NIGHT`` then ``time_of_day: NIGHT`` on the next line;
- ``dialogue`` has the cue name as its value and may list ``extensions``, ``forced`` and ``parts``
  (each ``{speech: ...}``, ``{paren: ...}`` or ``{lyric: ...}``); ``dual`` has a list of two
  dialogues as its value.

Only the fields a case names are compared, so each file checks what its element is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from assistant.script.model import (
    Dialogue,
    DualDialogue,
    Element,
    Parenthetical,
    SceneHeading,
    Screenplay,
    Speech,
)

SPEC_DIR = Path(__file__).resolve().parent / "fountain"
MAIN_KEY = {"dialogue": "name", "dual": "pair"}
"""Which field an item's value fills; ``text`` for the other types."""


@dataclass
class FountainCase:
    file: str
    name: str
    source: str
    expect: list[Any]
    title_page: list[list[str]] | None = None
    start_lines: list[int] | None = None


def load_cases(path: Path) -> list[FountainCase]:
    """The cases of one YAML file, checked for the keys this format knows."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, list):
        raise ValueError(f"{path.name}: expected a list of cases")
    cases = []
    for entry in raw:
        unknown = set(entry) - {"name", "in", "expect", "title_page", "start_lines"}
        if unknown:
            raise ValueError(f"{path.name}: case {entry.get('name')!r} has unknown keys {unknown}")
        cases.append(
            FountainCase(
                file=path.stem,
                name=entry["name"],
                source=entry["in"],
                expect=entry.get("expect") or [],
                title_page=entry.get("title_page"),
                start_lines=entry.get("start_lines"),
            )
        )
    return cases


def all_cases() -> list[FountainCase]:
    return [case for path in sorted(SPEC_DIR.glob("*.yaml")) for case in load_cases(path)]


def _dialogue(dialogue: Dialogue) -> dict[str, Any]:
    parts: list[dict[str, str]] = []
    for part in dialogue.parts:
        kind = (
            "paren"
            if isinstance(part, Parenthetical)
            else "speech"
            if isinstance(part, Speech)
            else "lyric"
        )
        parts.append({kind: part.text})
    cue = dialogue.cue
    return {
        "type": "dialogue",
        "name": cue.name,
        "extensions": cue.extensions,
        "forced": cue.forced,
        "parts": parts,
    }


def compact(piece: SceneHeading | Element) -> dict[str, Any]:
    """Every checkable field of a heading or element, under the names the YAML uses."""
    if isinstance(piece, SceneHeading):
        found = piece.model_dump(mode="json")
        found["type"] = "heading"
        return found
    if isinstance(piece, Dialogue):
        return _dialogue(piece)
    if isinstance(piece, DualDialogue):
        return {"type": "dual", "pair": [_dialogue(piece.left), _dialogue(piece.right)]}
    return piece.model_dump(mode="json")


def flatten(screenplay: Screenplay) -> list[dict[str, Any]]:
    """Headings and elements of every scene, in order, in compact form."""
    found: list[dict[str, Any]] = []
    for scene in screenplay.scenes:
        if scene.heading is not None:
            found.append(compact(scene.heading))
        found.extend(compact(element) for element in scene.elements)
    return found


def expected_item(item: Any) -> dict[str, Any]:
    """A YAML ``expect`` item as the fields it names (``type`` always)."""
    if isinstance(item, str):
        return {"type": item}
    kind, value = next(iter(item.items()))
    wanted: dict[str, Any] = {"type": kind}
    if value is not None:
        if kind == "dual":
            value = [expected_item({"dialogue": side} if isinstance(side, str) else side)
                     for side in value]  # fmt: skip
        wanted[MAIN_KEY.get(kind, "text")] = value
    wanted.update({key: val for key, val in list(item.items())[1:]})
    return wanted


def restrict(found: dict[str, Any], wanted: dict[str, Any]) -> dict[str, Any]:
    """``found`` cut down to the keys of ``wanted``, recursively for dual dialogue."""
    restricted: dict[str, Any] = {}
    for key, value in wanted.items():
        actual = found.get(key, "<missing>")
        if key == "pair" and isinstance(actual, list) and len(actual) == len(value):
            actual = [restrict(side, want) for side, want in zip(actual, value, strict=True)]
        restricted[key] = actual
    return restricted


def compare(screenplay: Screenplay, case: FountainCase) -> tuple[list[Any], list[Any]]:
    """(what the parse gave, what the case expects), both cut to the fields the case names."""
    wanted = [expected_item(item) for item in case.expect]
    found = flatten(screenplay)
    got = [restrict(item, wanted[i]) if i < len(wanted) else item for i, item in enumerate(found)]
    return got, wanted
