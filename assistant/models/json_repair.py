"""Pulling a JSON object out of a model's reply, repairing the usual small-model mistakes.

Small models wrap JSON in prose or code fences, leave trailing commas, write Python literals
(``True``, ``None``), single quotes or bare keys, and stop mid-object when ``max_tokens`` runs out.
Each repair is a plain text rule; nothing here guesses values.
"""

from __future__ import annotations

import json
import re
from typing import Any

_FENCE = re.compile(r"```(?:json|JSON)?\s*(.*?)```", re.DOTALL)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_BARE_KEY = re.compile(r"([{,]\s*)([A-Za-z_][A-Za-z0-9_]*)(\s*:)")
_PY_LITERALS = {"True": "true", "False": "false", "None": "null"}


class JsonExtractionError(ValueError):
    """No JSON object could be read from the text, even after repairs."""


def extract_json(text: str) -> tuple[Any, bool]:
    """The first JSON object in ``text``, and whether a repair was needed to read it.

    Raises:
        JsonExtractionError: no object, or one that no repair rule makes valid (the message says
            what the parser objected to).
    """
    stripped = text.strip()
    try:
        value = json.loads(stripped)
    except ValueError:
        pass
    else:
        if isinstance(value, dict):
            return value, False
    fenced = _FENCE.search(stripped)
    candidate = _object_span(fenced.group(1) if fenced else stripped)
    if candidate is None:
        raise JsonExtractionError("the reply holds no JSON object (no '{')")
    try:
        return json.loads(candidate), candidate != stripped
    except ValueError:
        pass
    repaired = _repair(candidate)
    try:
        value = json.loads(repaired)
    except ValueError as exc:
        raise JsonExtractionError(f"the JSON object is malformed: {exc}") from None
    if not isinstance(value, dict):
        raise JsonExtractionError("the reply's JSON is not an object")
    return value, True


def _object_span(text: str) -> str | None:
    """From the first ``{`` to its matching ``}``; closed by force if the text stops early."""
    start = text.find("{")
    if start < 0:
        return None
    stack: list[str] = []
    in_string = False
    escaped = False
    quote = '"'
    for index in range(start, len(text)):
        char = text[index]
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote:
                in_string = False
            continue
        if char in "\"'":
            in_string, quote = True, char
        elif char in "{[":
            stack.append("}" if char == "{" else "]")
        elif char in "}]":
            if stack and stack[-1] == char:
                stack.pop()
            if not stack:
                return text[start : index + 1]
    # The reply ended inside the object (max_tokens ran out): close what is open.
    tail = text[start:].rstrip()
    if in_string:
        tail += quote
    tail = tail.rstrip(",:")
    return tail + "".join(reversed(stack))


def _repair(candidate: str) -> str:
    text = candidate
    if "'" in text and '"' not in text:
        text = text.replace("'", '"')
    text = _BARE_KEY.sub(r'\1"\2"\3', text)
    for python, json_literal in _PY_LITERALS.items():
        text = re.sub(rf"(?<![\w\"]){python}(?![\w\"])", json_literal, text)
    return _TRAILING_COMMA.sub(r"\1", text)
