"""Batch questions: one JSON object a line in, one JSON line per question out, in input order.

A line that is not a JSON object with a non-empty string ``question`` gets an error object naming
its line number; the other questions still run.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.analysis.ask.answers import Answer
from assistant.analysis.ask.service import Asker
from assistant.errors import SlateError


class BatchQuestion(BaseModel):
    """One input line: ``{"question": "...", "id": ...}`` (``id`` optional, echoed back)."""

    model_config = ConfigDict(extra="ignore")

    question: str
    id: str | int | None = None


class BatchError(BaseModel):
    """The output line for an input line that could not be asked."""

    model_config = ConfigDict(extra="forbid")

    line: int
    """1-based line of the input file."""
    id: str | int | None = None
    error: str


def _parse(line: str, number: int) -> BatchQuestion | BatchError:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return BatchError(line=number, error=f"not JSON: {exc.msg}")
    if not isinstance(data, dict):
        return BatchError(line=number, error="not a JSON object")
    try:
        item = BatchQuestion.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raw_id = data.get("id")
        echo = raw_id if isinstance(raw_id, str | int) else None
        return BatchError(line=number, id=echo, error=f"{where}: {first['msg']}")
    if not item.question.strip():
        return BatchError(line=number, id=item.id, error="the question is empty")
    return item


def ask_lines(
    lines: Iterable[str], asker: Asker, cancel: threading.Event | None = None
) -> Iterator[dict[str, Any]]:
    """Answer each non-blank JSONL line, yielding one JSON-ready object per line, in order.

    An answer object is ``Answer``'s fields plus ``id`` when the line gave one.
    """
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        parsed = _parse(line, number)
        if isinstance(parsed, BatchError):
            yield parsed.model_dump(exclude_none=True)
            continue
        try:
            answer: Answer = asker.ask(parsed.question, cancel)
        except SlateError as exc:  # one bad question does not stop the batch
            yield BatchError(line=number, id=parsed.id, error=exc.message).model_dump(
                exclude_none=True
            )
            continue
        out: dict[str, Any] = {"id": parsed.id} if parsed.id is not None else {}
        out.update(answer.model_dump(mode="json"))
        yield out
