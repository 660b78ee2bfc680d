"""The OpenAI-compatible backend against a real HTTP server on 127.0.0.1 (``openai_server.py``)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from assistant.errors import ModelOutputError, ModelUnavailableError
from assistant.models.base import ChatMessage, GenerationOptions
from assistant.models.openai_compat import OpenAICompatibleModel
from tests.models.openai_server import FakeOpenAIServer, Reply, running_server

QUESTION = [
    ChatMessage(role="system", content="Be brief."),
    ChatMessage(role="user", content="Who keeps the light?"),
]


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with running_server() as server:
        yield server


def _model(server: FakeOpenAIServer, **kwargs: object) -> OpenAICompatibleModel:
    options: dict[str, object] = {"timeout": 2.0, "retries": 2, **kwargs}
    return OpenAICompatibleModel(server.url, "tiny-model", **options)  # type: ignore[arg-type]


def test_streams_pieces_and_sends_the_protocol(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply(pieces=["Odile", " keeps", " it."]))
    model = _model(server, api_key="sekret")
    pieces = list(model.stream(QUESTION, GenerationOptions(max_new_tokens=40, temperature=0.5)))
    assert pieces == ["Odile", " keeps", " it."]
    body = server.requests[0]
    assert body["model"] == "tiny-model" and body["stream"] is True
    assert body["max_tokens"] == 40 and body["temperature"] == 0.5
    assert body["messages"] == [m.model_dump() for m in QUESTION]
    assert server.headers[0]["Authorization"] == "Bearer sekret"


def test_stop_strings_are_sent_and_applied(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply(pieces=["Odile.", "\n\nQuestion: next"]))
    answer = _model(server).generate(QUESTION, GenerationOptions(stop=("\n\n",)))
    assert answer == "Odile."
    assert server.requests[0]["stop"] == ["\n\n"]


def test_a_500_is_retried_then_succeeds(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply("status", status=500, body="boom"), Reply(pieces=["fine"]))
    assert _model(server).generate(QUESTION, GenerationOptions()) == "fine"
    assert len(server.requests) == 2


def test_persistent_500_is_a_clear_error(server: FakeOpenAIServer) -> None:
    error = '{"error": {"message": "CUDA out of memory"}}'
    server.enqueue(*[Reply("status", status=500, body=error)] * 3)
    with pytest.raises(ModelUnavailableError, match=r"failed \(HTTP 500\): CUDA out of memory"):
        _model(server).generate(QUESTION, GenerationOptions())
    assert len(server.requests) == 3  # first try + 2 retries


def test_unknown_model_404(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply("status", status=404, body='{"error": "model not found"}'))
    with pytest.raises(ModelUnavailableError, match=r"404 for model 'tiny-model'.*not found"):
        _model(server).generate(QUESTION, GenerationOptions())


def test_garbage_is_a_model_output_error(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply("garbage", body="<html>Welcome to nginx</html>"))
    with pytest.raises(ModelOutputError, match="not an event stream"):
        _model(server).generate(QUESTION, GenerationOptions())
    server.enqueue(Reply("garbage", body="data: {not json"))
    with pytest.raises(ModelOutputError, match="malformed stream chunk"):
        _model(server).generate(QUESTION, GenerationOptions())


def test_stream_without_an_end_is_reported(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply("no_done", pieces=["half an"]))
    with pytest.raises(ModelOutputError, match="ended the stream before"):
        _model(server).generate(QUESTION, GenerationOptions())


def test_connection_dropped_mid_answer(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply("drop", pieces=["Odile", " keeps"]))
    seen: list[str] = []
    with pytest.raises(ModelUnavailableError, match="stopped mid-answer"):
        seen.extend(_model(server).stream(QUESTION, GenerationOptions()))
    assert seen == ["Odile", " keeps"]
    assert len(server.requests) == 1  # text had arrived: no retry, it would repeat it


def test_a_hanging_server_times_out(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply("hang"), Reply("hang"))
    start = time.monotonic()
    with pytest.raises(ModelUnavailableError, match=r"no answer within 0\.5 s"):
        _model(server, timeout=0.5, retries=1).generate(QUESTION, GenerationOptions())
    assert len(server.requests) == 2
    assert time.monotonic() - start < 8  # bounded: 2 x 0.5 s + 0.5 s backoff, with slack


def test_server_down_says_how_to_start_one() -> None:
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    model = OpenAICompatibleModel(f"http://127.0.0.1:{port}/v1", "x", timeout=1.0, retries=0)
    with pytest.raises(ModelUnavailableError, match=r"Cannot reach .*connection refused.*serve"):
        model.generate(QUESTION, GenerationOptions())
    with pytest.raises(ModelUnavailableError, match="Cannot reach"):
        model.load()


def test_non_streaming_server_answer(server: FakeOpenAIServer) -> None:
    body = '{"choices": [{"message": {"role": "assistant", "content": "All at once."}}]}'
    server.enqueue(Reply("json", body=body))
    assert _model(server).generate(QUESTION, GenerationOptions()) == "All at once."


def test_cancel_stops_reading(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply(pieces=[f"w{i} " for i in range(50)]))
    cancel = threading.Event()
    seen = []
    for piece in _model(server).stream(QUESTION, GenerationOptions(), cancel):
        seen.append(piece)
        if len(seen) == 3:
            cancel.set()
    assert seen == ["w0 ", "w1 ", "w2 "]


def test_load_checks_the_model_is_offered(server: FakeOpenAIServer) -> None:
    _model(server).load()
    server.models = ["llama3.2:3b", "qwen2.5:7b"]
    with pytest.raises(ModelUnavailableError, match=r"no model 'tiny-model'; it offers: llama3"):
        _model(server).load()
    assert _model(server).list_server_models() == ["llama3.2:3b", "qwen2.5:7b"]
