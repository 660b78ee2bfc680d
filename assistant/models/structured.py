"""Asking a model for JSON that matches a pydantic schema, with repair, one retry, and a fallback.

The default model (SmolLM2-135M) often cannot produce valid JSON, so callers always get a valid
object: the model's if it (or a repaired version of it) validates, else the caller's deterministic
fallback, marked ``fallback=True``. The result records the prompt version that produced it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.models.base import ChatMessage, GenerationOptions, TextModel
from assistant.models.json_repair import JsonExtractionError, extract_json
from assistant.models.prompts import RenderedPrompt, load_prompt

T = TypeVar("T", bound=BaseModel)


class StructuredResult(BaseModel, Generic[T]):
    """A validated object and how it was obtained."""

    model_config = ConfigDict(extra="forbid")

    value: T
    fallback: bool
    """True: the model never produced a valid object and ``value`` is the caller's fallback."""
    repaired: bool = False
    """True: the model's JSON needed a text repair (trailing comma, fence, quotes...)."""
    attempts: int
    """Model calls made (1 + retries used)."""
    prompt: str
    """The task prompt as ``name.vN``."""
    errors: list[str] = []
    """Why each rejected reply was rejected, in order."""
    raw: list[str] = []
    """The model's replies, in order."""


def generate_structured(
    model: TextModel,
    task: RenderedPrompt,
    schema: type[T],
    fallback: Callable[[], T],
    options: GenerationOptions | None = None,
    *,
    retries: int = 1,
    cancel: threading.Event | None = None,
) -> StructuredResult[T]:
    """Ask ``model`` to answer ``task`` with a JSON object matching ``schema``.

    Args:
        model: the text model.
        task: the rendered task prompt; its user message gets the ``json_reply`` instructions.
        schema: the pydantic model the answer must validate against.
        fallback: builds the deterministic answer used when the model cannot comply.
        options: generation options (default: greedy, 512 new tokens).
        retries: further attempts after the first, each told what was wrong.
        cancel: set to stop generating (the fallback is then returned).

    Returns:
        The validated object with ``fallback``, ``repaired``, ``attempts`` and ``prompt``.

    Raises:
        ModelUnavailableError: the model cannot be loaded or reached (a fallback would hide a
            broken set-up, so this is not swallowed).
    """
    options = options or GenerationOptions(max_new_tokens=512)
    schema_json = json.dumps(schema.model_json_schema(), separators=(",", ":"))
    instructions = load_prompt("json_reply").render(
        task=task.prompt,
        schema=schema_json,
        example=json.dumps(example_of(schema.model_json_schema())),
    )
    messages = [m for m in task.messages() if m.role == "system"]
    messages.append(ChatMessage(role="user", content=instructions.prompt))
    errors: list[str] = []
    raw: list[str] = []
    for attempt in range(1, retries + 2):
        reply = model.generate(messages, options, cancel)
        raw.append(reply)
        if cancel is not None and cancel.is_set():
            errors.append("cancelled")
            break
        try:
            data, repaired = extract_json(reply)
            value = schema.model_validate(data)
        except JsonExtractionError as exc:
            error = str(exc)
        except ValidationError as exc:
            error = _first_error(exc)
        else:
            return StructuredResult[T](
                value=value, fallback=False, repaired=repaired, attempts=attempt,
                prompt=task.ref, errors=errors, raw=raw,
            )  # fmt: skip
        errors.append(error)
        retry = load_prompt("json_retry").render(error=error, schema=schema_json)
        messages = [
            *messages,
            ChatMessage(role="assistant", content=reply),
            ChatMessage(role="user", content=retry.prompt),
        ]
    return StructuredResult[T](
        value=fallback(), fallback=True, attempts=len(raw), prompt=task.ref, errors=errors, raw=raw
    )


def _first_error(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "the object"
    return f"{where}: {first['msg']}"


def example_of(schema: dict[str, Any], defs: dict[str, Any] | None = None) -> Any:
    """A placeholder instance of a JSON Schema (defaults where given, else a value per type)."""
    defs = defs if defs is not None else schema.get("$defs", {})
    if "$ref" in schema:
        return example_of(defs[schema["$ref"].rsplit("/", 1)[-1]], defs)
    if "default" in schema:
        return schema["default"]
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"] or schema[key]
            return example_of(options[0], defs)
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return {name: example_of(sub, defs) for name, sub in schema.get("properties", {}).items()}
    if kind == "array":
        return [example_of(schema["items"], defs)] if "items" in schema else []
    placeholders: dict[str, Any] = {"string": "...", "integer": 0, "number": 0.0, "boolean": False}
    return placeholders.get(str(kind))
