"""Text generation through a server that speaks OpenAI's chat-completions protocol.

Ollama (``http://127.0.0.1:11434/v1``), llama.cpp's ``llama-server`` (``http://127.0.0.1:8080/v1``),
vLLM and LM Studio all do. Answers stream as server-sent events (``data: {...}`` lines, ending with
``data: [DONE]``). Connection failures, timeouts and 5xx answers are retried with backoff while no
text has arrived yet; after that a failure is reported, since a retry would repeat text.

Text goes only where ``destination.check_destination`` allows: this machine, or a host named in
``models.generator.allowed_hosts``. For this machine the proxy variables (``HTTP_PROXY``...) are
ignored, so a proxy never sees the text, and redirects are never followed. The API key is kept as
a ``SecretStr``: it is revealed only into the ``Authorization`` header, and masked in any error
text a server sends back.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import SecretStr

from assistant.errors import ModelOutputError, ModelUnavailableError, SlateError
from assistant.models.base import (
    ChatMessage,
    GenerationOptions,
    TextModel,
    cut_at_stops,
    log_truncation,
)
from assistant.models.destination import check_destination

log = logging.getLogger(__name__)

DEFAULT_CONTEXT_TOKENS = 4096
"""Assumed when not configured: the protocol has no way to ask a server for its context size."""
_BACKOFF_SECONDS = (0.5, 1.0, 2.0, 4.0)
_ERROR_BODY_CHARS = 200


class OpenAICompatibleModel(TextModel):
    """A model served over HTTP by an OpenAI-compatible server.

    Args:
        url: base URL including ``/v1``.
        name: the model name the server knows.
        api_key: bearer token, if the server wants one.
        timeout: seconds to connect and to wait for each chunk.
        retries: further attempts after a connection failure, timeout or 5xx before any text.
        context_tokens: the server model's context (default 4096).
        allowed_hosts: hosts other than this machine that may receive text.

    Raises:
        ConfigError: the URL's host is neither this machine nor in ``allowed_hosts`` (nothing
            has been sent), or the URL is not an http(s) URL without credentials.
    """

    def __init__(
        self,
        url: str,
        name: str,
        *,
        api_key: SecretStr | str | None = None,
        timeout: float = 60.0,
        retries: int = 2,
        context_tokens: int | None = None,
        allowed_hosts: Sequence[str] = (),
    ) -> None:
        self.url = url.rstrip("/")
        target = check_destination(self.url, allowed_hosts)
        self.destination = target.describe()
        # A proxy would receive the text: ignore proxy variables unless the user named a host
        # (their network's settings, CA bundle included, then apply as for any request).
        self._trust_env = not target.local
        self.name = name
        self.api_key = SecretStr(api_key) if isinstance(api_key, str) else api_key
        self.timeout = timeout
        self.retries = retries
        self.context_tokens = context_tokens or DEFAULT_CONTEXT_TOKENS
        self.model_id = f"openai:{self.url}#{name}"

    def __repr__(self) -> str:
        key = "set" if self.api_key else "none"
        return f"OpenAICompatibleModel(url={self.url!r}, name={self.name!r}, api_key={key})"

    def _headers(self) -> dict[str, str]:
        headers = {"Accept": "text/event-stream"}
        if self.api_key is not None and self.api_key.get_secret_value():
            headers["Authorization"] = f"Bearer {self.api_key.get_secret_value()}"
        return headers

    def _client(self) -> Any:
        import httpx

        return httpx.Client(
            timeout=httpx.Timeout(self.timeout),
            headers=self._headers(),
            trust_env=self._trust_env,
            follow_redirects=False,
        )

    @contextlib.contextmanager
    def _key_masked(self) -> Iterator[None]:
        """Re-raise a ``SlateError`` whose text (a server's echo) holds the API key, masked."""
        try:
            yield
        except SlateError as exc:
            secret = self.api_key.get_secret_value() if self.api_key is not None else ""
            if not secret or secret not in exc.message:
                raise
            raise type(exc)(exc.message.replace(secret, "***")) from None

    def list_server_models(self) -> list[str]:
        """Model names the server offers (``GET /models``).

        Raises:
            ModelUnavailableError: the server cannot be reached or does not answer the protocol.
        """
        with self._key_masked():
            return self._list_server_models()

    def _list_server_models(self) -> list[str]:
        import httpx

        try:
            with self._client() as client:
                response = client.get(f"{self.url}/models")
        except httpx.HTTPError as exc:
            raise self._unreachable(exc) from exc
        if response.status_code != 200:
            raise ModelUnavailableError(
                f"{self.url}/models answered HTTP {response.status_code}: {_snippet(response.text)}"
            )
        try:
            return [str(item["id"]) for item in response.json()["data"]]
        except (ValueError, KeyError, TypeError):
            raise ModelOutputError(
                f"{self.url}/models did not answer with an OpenAI-style model list: "
                f"{_snippet(response.text)}"
            ) from None

    def load(self) -> None:
        """Check the server is up and offers ``name``."""
        offered = self.list_server_models()
        if offered and self.name not in offered:
            raise ModelUnavailableError(
                f"The server at {self.url} has no model {self.name!r}; it offers: "
                f"{', '.join(offered[:10])}"
            )

    def stream(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        cancel: threading.Event | None = None,
    ) -> Iterator[str]:
        fitted = self.fit(messages, options.max_new_tokens)
        log_truncation(log, fitted, self.context_tokens)
        body: dict[str, Any] = {
            "model": self.name,
            "messages": [m.model_dump() for m in fitted.messages],
            "stream": True,
            "max_tokens": options.max_new_tokens,
            "temperature": options.temperature,
        }
        if options.temperature > 0:
            body["top_p"] = options.top_p
        if options.seed is not None:
            body["seed"] = options.seed
        if options.stop:
            body["stop"] = list(options.stop)
        # The server applies stops too; cutting here as well covers servers that ignore them.
        with self._key_masked():
            yield from cut_at_stops(self._stream_body(body, cancel), options.stop)

    def _stream_body(self, body: dict[str, Any], cancel: threading.Event | None) -> Iterator[str]:
        import httpx

        attempt = 0
        while True:
            started = False
            try:
                with (
                    self._client() as client,
                    client.stream("POST", f"{self.url}/chat/completions", json=body) as response,
                ):
                    if response.status_code >= 500 and attempt < self.retries:
                        raise _Retry(f"HTTP {response.status_code}")
                    if response.status_code != 200:
                        response.read()
                        raise self._http_error(response.status_code, response.text)
                    if response.headers.get("content-type", "").startswith("application/json"):
                        # A server that ignores "stream": true answers with one JSON body.
                        response.read()
                        yield _whole_answer(response.text, self.url)
                        return
                    for piece in _sse_pieces(response.iter_lines(), self.url):
                        if cancel is not None and cancel.is_set():
                            return
                        started = True
                        yield piece
                    return
            except (_Retry, httpx.TransportError) as exc:
                if started or attempt >= self.retries:
                    if isinstance(exc, _Retry):
                        raise ModelUnavailableError(
                            f"The model server at {self.url} kept failing ({exc})"
                        ) from None
                    raise self._unreachable(exc, during=started) from exc
                delay = _BACKOFF_SECONDS[min(attempt, len(_BACKOFF_SECONDS) - 1)]
                attempt += 1
                if cancel is not None and cancel.wait(delay):
                    return
                if cancel is None:
                    time.sleep(delay)

    def _unreachable(self, exc: Exception, during: bool = False) -> ModelUnavailableError:
        import httpx

        if isinstance(exc, httpx.TimeoutException):
            what = f"no answer within {self.timeout:g} s"
        elif isinstance(exc, httpx.ConnectError):
            what = "connection refused or host unreachable"
        else:
            what = type(exc).__name__
        if during:
            return ModelUnavailableError(
                f"The model server at {self.url} stopped mid-answer: {what}"
            )
        return ModelUnavailableError(
            f"Cannot reach the model server at {self.url} ({what}). Start it (Ollama: `ollama "
            f"serve`; llama.cpp: `llama-server -m model.gguf`) or fix models.generator.url"
        )

    def _http_error(self, status: int, text: str) -> ModelUnavailableError | ModelOutputError:
        detail = _snippet(_error_message(text))
        if status == 404:
            return ModelUnavailableError(
                f"The server at {self.url} answered 404 for model {self.name!r} ({detail}); "
                f"check models.generator.url (it should end in /v1) and models.generator.name"
            )
        if status in (401, 403):
            # No server text here: a refusal often quotes the key it was given.
            if self.api_key is None:
                fix = (
                    "it wants an API key: set SLATE_MODELS__GENERATOR__API_KEY (or "
                    "models.generator.api_key)"
                )
            else:
                fix = "the API key was not accepted: check models.generator.api_key"
            return ModelUnavailableError(
                f"The model server at {self.url} refused the request (HTTP {status}): {fix}"
            )
        if status >= 500:
            return ModelUnavailableError(
                f"The model server at {self.url} failed (HTTP {status}): {detail}"
            )
        return ModelOutputError(
            f"The model server at {self.url} rejected the request (HTTP {status}): {detail}"
        )


class _Retry(Exception):
    """A 5xx answer worth retrying (internal)."""


def _sse_pieces(lines: Iterator[str], url: str) -> Iterator[str]:
    """Text pieces from an OpenAI chat-completions event stream."""
    for line in lines:
        if not line or line.startswith(":"):
            continue  # keep-alive or comment
        if not line.startswith("data:"):
            if line.startswith(("event:", "id:", "retry:")):
                continue
            raise ModelOutputError(
                f"The server at {url} sent something that is not an event stream: {_snippet(line)}"
            )
        data = line[5:].strip()
        if data == "[DONE]":
            return
        try:
            event = json.loads(data)
        except ValueError:
            raise ModelOutputError(
                f"The server at {url} sent a malformed stream chunk: {_snippet(data)}"
            ) from None
        if not isinstance(event, dict):
            raise ModelOutputError(
                f"The server at {url} sent an unexpected chunk: {_snippet(data)}"
            )
        if "error" in event:
            raise ModelOutputError(
                f"The server at {url} reported: {_snippet(_error_message(data))}"
            )
        choices = event.get("choices") or []
        if not choices:
            continue  # usage-only chunks
        delta = choices[0].get("delta") or {}
        content = delta.get("content")
        if content:
            yield str(content)
        if choices[0].get("finish_reason"):
            return
    raise ModelOutputError(f"The server at {url} ended the stream before the answer was finished")


def _whole_answer(text: str, url: str) -> str:
    try:
        return str(json.loads(text)["choices"][0]["message"]["content"] or "")
    except (ValueError, KeyError, IndexError, TypeError):
        raise ModelOutputError(
            f"The server at {url} answered with something that is not a chat completion: "
            f"{_snippet(text)}"
        ) from None


def _error_message(text: str) -> str:
    """The ``error.message`` of an OpenAI-style error body, else the body itself."""
    try:
        payload = json.loads(text)
    except ValueError:
        return text
    if isinstance(payload, dict):
        error = payload.get("error")
        if isinstance(error, dict) and "message" in error:
            return str(error["message"])
        if isinstance(error, str):
            return error
    return text


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _ERROR_BODY_CHARS else flat[: _ERROR_BODY_CHARS - 3] + "..."
