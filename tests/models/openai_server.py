"""A tiny OpenAI-compatible server for the tests: real HTTP on 127.0.0.1, one thread per request.

Each request to ``/v1/chat/completions`` takes the next queued ``Reply`` (a streamed answer, an
HTTP error, garbage, a hang, a connection dropped mid-answer); ``/v1/models`` lists ``models``.
Everything is bounded: a hang lasts until the test ends or ``HANG_LIMIT`` seconds.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

HANG_LIMIT = 10.0
"""Longest a 'hang' reply holds a request (the client's timeout in the tests is far shorter)."""


@dataclass
class Reply:
    kind: Literal["stream", "status", "garbage", "hang", "drop", "json", "no_done"] = "stream"
    pieces: list[str] = field(default_factory=list)
    status: int = 200
    body: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    """Extra response headers (a ``status`` reply's ``Location``, say)."""


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up mid-answer (cancel, timeout) is expected here, not an error."""


class FakeOpenAIServer:
    """Requests are recorded (``requests`` bodies, ``headers`` of every GET and POST)."""

    def __init__(self, port: int = 0) -> None:
        self.replies: list[Reply] = []
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.models = ["tiny-model"]
        self.released = threading.Event()
        self._server = _QuietServer(("127.0.0.1", port), _handler(self))
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def enqueue(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def next_reply(self) -> Reply:
        return self.replies.pop(0) if self.replies else Reply(pieces=["default"])

    def start(self) -> None:
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()

    def stop(self) -> None:
        self.released.set()
        self._server.shutdown()
        self._server.server_close()


def _chunk(content: str | None, finish: str | None = None) -> bytes:
    delta = {"content": content} if content is not None else {}
    event = {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return f"data: {json.dumps(event)}\n\n".encode()


def _handler(server: FakeOpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
            return

        def _send(
            self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            server.headers.append(dict(self.headers))
            if self.path == "/v1/models":
                data = {"object": "list", "data": [{"id": m} for m in server.models]}
                self._send(200, json.dumps(data).encode(), "application/json")
            else:
                self._send(404, b'{"error": {"message": "no such route"}}', "application/json")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            server.requests.append(json.loads(self.rfile.read(length) or b"{}"))
            server.headers.append(dict(self.headers))
            if self.path != "/v1/chat/completions":
                self._send(404, b'{"error": {"message": "no such route"}}', "application/json")
                return
            reply = server.next_reply()
            if reply.kind == "status":
                self._send(reply.status, reply.body.encode(), "application/json", reply.headers)
            elif reply.kind == "garbage":
                self._stream_lines([reply.body.encode() + b"\n\n"])
            elif reply.kind == "hang":
                server.released.wait(HANG_LIMIT)
            elif reply.kind == "json":
                self._send(200, reply.body.encode(), "application/json")
            else:
                chunks = [_chunk(p) for p in reply.pieces]
                if reply.kind == "stream":
                    chunks += [_chunk(None, "stop"), b"data: [DONE]\n\n"]
                if reply.kind == "drop":
                    self._stream_lines(chunks, drop=True)
                else:
                    self._stream_lines(chunks)

        def _stream_lines(self, chunks: list[bytes], drop: bool = False) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for chunk in chunks:
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                self.wfile.flush()
            if drop:
                self.close_connection = True
                self.connection.shutdown(2)  # no terminating chunk: the stream is cut
                return
            self.wfile.write(b"0\r\n\r\n")

    return Handler


@contextmanager
def running_server(port: int = 0) -> Iterator[FakeOpenAIServer]:
    server = FakeOpenAIServer(port)
    server.start()
    try:
        yield server
    finally:
        server.stop()
