"""The text-model interface's shared behaviour: fitting the context, stop strings, cancelling."""

from __future__ import annotations

import threading

import pytest

from assistant.errors import ModelOutputError
from assistant.models.base import (
    TRUNCATION_MARK,
    ChatMessage,
    GenerationOptions,
    cut_at_stops,
)
from tests.fakes import FakeTextModel


def _words(n: int, word: str = "w") -> str:
    return " ".join(f"{word}{i}" for i in range(n))


def test_short_prompt_is_untouched() -> None:
    model = FakeTextModel(context_tokens=100)
    messages = [ChatMessage(role="user", content="hello there")]
    fitted = model.fit(messages, max_new_tokens=20)
    assert fitted.messages == tuple(messages) and not fitted.truncated


def test_long_prompt_keeps_system_and_the_end_of_the_question() -> None:
    model = FakeTextModel(context_tokens=120)
    system = ChatMessage(role="system", content="Answer briefly.")
    old = ChatMessage(role="user", content=_words(30, "old"))
    reply = ChatMessage(role="assistant", content=_words(30, "reply"))
    last = ChatMessage(role="user", content=_words(200) + " QUESTION?")
    fitted = model.fit([system, old, reply, last], max_new_tokens=20)
    assert fitted.truncated and fitted.dropped_tokens > 0
    assert fitted.prompt_tokens <= 100
    kept = fitted.messages
    assert kept[0] == system and len(kept) == 2  # older turns dropped first
    assert kept[1].content.startswith(TRUNCATION_MARK)
    assert kept[1].content.endswith("w199 QUESTION?")  # the end survives


def test_prompt_that_cannot_fit_is_an_error() -> None:
    model = FakeTextModel(context_tokens=30)
    messages = [ChatMessage(role="system", content=_words(40))]
    with pytest.raises(ModelOutputError, match="context of 30 tokens"):
        model.fit(messages, max_new_tokens=10)


@pytest.mark.parametrize(
    ("pieces", "stops", "expected"),
    [
        (["Hello ", "world"], (), "Hello world"),
        (["Hello ", "wor", "ld. More"], ("world",), "Hello "),
        (["a", "b", "E", "N", "D", "c"], ("END",), "ab"),
        (["The end"], ("\n\n",), "The end"),
        (["STOP now"], ("STOP",), ""),
    ],
)
def test_cut_at_stops(pieces: list[str], stops: tuple[str, ...], expected: str) -> None:
    assert "".join(cut_at_stops(iter(pieces), stops)) == expected


def test_generate_joins_the_stream_and_cancel_stops_it() -> None:
    model = FakeTextModel()
    model.enqueue(["one two three four", "one two three four"])
    assert model.generate([], GenerationOptions()) == "one two three four"
    cancel = threading.Event()
    seen = []
    for piece in model.stream([], GenerationOptions(), cancel):
        seen.append(piece)
        cancel.set()
    assert seen == ["one "]


def test_options_reject_unknown_keys() -> None:
    with pytest.raises(ValueError, match="extra"):
        GenerationOptions.model_validate({"max_new_tokens": 5, "top_k": 3})
