"""The OpenAI-compatible backend keeps text on this machine and keys out of sight (issue 15).

Requests go to the real HTTP server in ``openai_server.py`` on 127.0.0.1; hosts that are refused
are never contacted (the check runs before any request), so no test here needs a network.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator

import pytest
from pydantic import SecretStr

from assistant.config import Settings, load_settings
from assistant.errors import ConfigError, ModelOutputError, ModelUnavailableError
from assistant.models.base import ChatMessage, GenerationOptions
from assistant.models.destination import check_destination
from assistant.models.openai_compat import OpenAICompatibleModel
from tests.models.openai_server import FakeOpenAIServer, Reply, running_server

KEY = "sk-test-7f3a9c1e5b2d"
QUESTION = [ChatMessage(role="user", content="Who keeps the light?")]


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with running_server() as server:
        yield server


def _model(server: FakeOpenAIServer, **kwargs: object) -> OpenAICompatibleModel:
    options: dict[str, object] = {"timeout": 2.0, "retries": 0, **kwargs}
    return OpenAICompatibleModel(server.url, "tiny-model", **options)  # type: ignore[arg-type]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


# --- where text may go ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:11434/v1",
        "http://127.8.9.10/v1",
        "http://localhost:8080/v1",
        "http://LOCALHOST./v1",
        "http://[::1]:8000/v1",
        "http://[::ffff:127.0.0.1]:8000/v1",
    ],
)
def test_loopback_is_allowed_without_configuration(url: str) -> None:
    destination = check_destination(url)
    assert destination.local and destination.describe().startswith("this machine (")


@pytest.mark.parametrize(
    "url",
    [
        "http://gpu.studio.example:8000/v1",
        "https://api.openai.com/v1",
        "http://10.0.0.5/v1",
        "http://0.0.0.0:11434/v1",
        "http://[::ffff:10.0.0.5]/v1",
        "http://127.0.0.1.nip.io/v1",  # a name that a public DNS maps to 127.0.0.1: not looked up
        "http://localhost.example.com/v1",
    ],
)
def test_other_hosts_are_refused_with_how_to_allow_them(url: str) -> None:
    with pytest.raises(ConfigError) as caught:
        OpenAICompatibleModel(url, "m")
    message = caught.value.message
    assert message.startswith("Refusing to send text to ")
    assert "models.generator.allowed_hosts = [" in message and "\n" not in message


def test_a_named_host_is_allowed_and_said_to_be_another_machine() -> None:
    model = OpenAICompatibleModel(
        "http://GPU.studio.example:8000/v1", "m", allowed_hosts=["gpu.studio.example"]
    )
    assert model.destination == (
        "gpu.studio.example:8000, another machine (named in models.generator.allowed_hosts)"
    )
    with pytest.raises(ConfigError, match="Refusing"):  # naming one host allows only that one
        OpenAICompatibleModel("http://gpu2.studio.example/v1", "m", allowed_hosts=["gpu"])


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://127.0.0.1/v1", "http:// or https://"),
        ("127.0.0.1:11434/v1", "http:// or https://"),
        (f"http://user:{KEY}@127.0.0.1/v1", "must not carry a user or password"),
        ("http://127.0.0.1:99999/v1", "not a valid URL"),
    ],
)
def test_malformed_urls_are_config_errors(url: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        OpenAICompatibleModel(url, "m")
    assert KEY not in caught.value.message


def test_allowed_hosts_takes_hosts_not_urls(tmp_path: object) -> None:
    for bad in ("http://gpu.lan:8000", "*", ""):
        with pytest.raises(ConfigError, match="allowed_hosts"):
            load_settings(overrides={"models": {"generator": {"allowed_hosts": [bad]}}})


def test_proxy_variables_never_see_text_for_this_machine(
    server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    dead = f"http://127.0.0.1:{_free_port()}"  # a proxy that would refuse every connection
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
        monkeypatch.setenv(name, dead)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    server.enqueue(Reply(pieces=["direct"]))
    assert _model(server).generate(QUESTION, GenerationOptions()) == "direct"


def test_a_redirect_is_not_followed(server: FakeOpenAIServer) -> None:
    elsewhere = "http://198.51.100.7/v1/chat/completions"  # TEST-NET-2: never routed
    server.enqueue(Reply("status", status=307, headers={"Location": elsewhere}))
    with pytest.raises(ModelOutputError, match=r"HTTP 307"):
        _model(server).generate(QUESTION, GenerationOptions())


# --- API keys ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "key"), [(401, None), (403, KEY), (401, KEY)])
def test_refused_requests_name_the_host_in_one_line_without_the_key(
    server: FakeOpenAIServer, caplog: pytest.LogCaptureFixture, status: int, key: str | None
) -> None:
    echo = f'{{"error": {{"message": "Incorrect API key provided: {KEY}"}}}}'
    server.enqueue(Reply("status", status=status, body=echo))
    with (
        caplog.at_level(logging.DEBUG),
        pytest.raises(ModelUnavailableError) as caught,
    ):
        _model(server, api_key=key).generate(QUESTION, GenerationOptions())
    message = caught.value.message
    assert f"The model server at {server.url} refused the request (HTTP {status})" in message
    assert "\n" not in message and KEY not in message
    assert ("API_KEY" in message) if key is None else ("not accepted" in message)
    assert caplog.records  # httpx logged the request: the check below has something to read
    assert all(KEY not in record.getMessage() for record in caplog.records)
    if key is not None:
        assert server.headers[0]["Authorization"] == f"Bearer {KEY}"


def test_a_key_a_server_echoes_in_another_error_is_masked(server: FakeOpenAIServer) -> None:
    server.enqueue(Reply("status", status=400, body=f'{{"error": "bad request from {KEY}"}}'))
    with pytest.raises(ModelOutputError) as caught:
        _model(server, api_key=KEY).generate(QUESTION, GenerationOptions())
    assert KEY not in caught.value.message and "bad request from ***" in caught.value.message


def test_the_key_is_in_no_repr_id_or_settings_dump(tmp_path: object) -> None:
    settings = Settings.model_validate(
        {"models": {"generator": {"backend": "openai", "name": "m", "api_key": KEY}}}
    )
    model = OpenAICompatibleModel(
        settings.models.generator.url, "m", api_key=settings.models.generator.api_key
    )
    shown = [
        repr(settings), str(settings), settings.model_dump_json(), str(settings.model_dump()),
        repr(model), str(vars(model)), model.model_id, model.destination,
    ]  # fmt: skip
    assert all(KEY not in text for text in shown)
    assert model._headers()["Authorization"] == f"Bearer {KEY}"
    assert isinstance(settings.models.generator.api_key, SecretStr)


# --- retries and the cut prompt ----------------------------------------------------------------


def test_a_connect_error_then_a_successful_retry(monkeypatch: pytest.MonkeyPatch) -> None:
    port = _free_port()  # nothing listens yet: the first attempt is refused
    started: list[FakeOpenAIServer] = []
    waits: list[float] = []

    def backoff(seconds: float) -> None:  # the server comes up during the backoff
        waits.append(seconds)
        if not started:
            started.append(FakeOpenAIServer(port))
            started[0].enqueue(Reply(pieces=["back", " up"]))
            started[0].start()

    monkeypatch.setattr("assistant.models.openai_compat.time.sleep", backoff)
    model = OpenAICompatibleModel(f"http://127.0.0.1:{port}/v1", "tiny-model", retries=2)
    try:
        assert model.generate(QUESTION, GenerationOptions()) == "back up"
        assert waits == [0.5] and len(started[0].requests) == 1
    finally:
        for server in started:
            server.stop()


def test_a_cut_prompt_is_logged(server: FakeOpenAIServer, caplog: pytest.LogCaptureFixture) -> None:
    long_question = [ChatMessage(role="user", content="lighthouse " * 2000 + "What colour?")]
    with caplog.at_level(logging.WARNING, logger="assistant.models.openai_compat"):
        _model(server, context_tokens=512).generate(long_question, GenerationOptions())
    assert "Prompt cut by" in caplog.text and "512-token context" in caplog.text
    sent = server.requests[0]["messages"][-1]["content"]
    assert sent.startswith("[...]") and sent.endswith("What colour?")
