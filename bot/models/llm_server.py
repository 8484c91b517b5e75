"""A ``Generator`` backed by an OpenAI-compatible language-model server (vLLM, TGI, Ollama, llama.cpp).

``ServerGenerator`` speaks ``POST {url}/chat/completions`` with ``stream: true`` (server-sent events)
through ``httpx``; it needs no model in the app process, so the app can run as many light replicas
in front of one model server. It implements the ``Generator`` protocol of ``bot.models.seq2seq``
(``load``, ``count_tokens``, ``window``, ``generate``, ``stream``), so any code written against that
protocol can use it.

Limits, all per process:

* **connect and read timeouts** (``connect_timeout_s``; ``read_timeout_s`` between two chunks) and a
  total time limit per generation (``time_limit_s``: the text so far comes back, ``stop == "time"``);
* **bounded retries** (``retries``) on connection errors and on 429/503 before anything streamed,
  with a short back-off that honours ``Retry-After`` (capped);
* **a concurrency limit**: at most ``max_concurrency`` requests in flight; the rest wait their turn
  (up to the read timeout);
* **a response cap**: a reply over ``max_response_bytes`` is cut off and fails (``ModelError``).

Failures are ``ModelError`` with one line for the person; a stream that breaks after text arrived
raises ``StreamInterruptedError`` (a ``ModelError``) so the caller can keep what arrived. The API key
is sent as a bearer token and never appears in a ``repr``, a message or a log line.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.errors import ModelError, ModelLoadError
from bot.models.seq2seq import Generation, GenerationStream, StopReason

if TYPE_CHECKING:
    import httpx

    from bot.config import Settings

CHARS_PER_TOKEN = 3.0
"""Conservative characters per token for estimating prompt size (English BPE averages about 4)."""
RETRY_STATUSES = frozenset({429, 503})
MAX_BACKOFF_S = 5.0


class StreamInterruptedError(ModelError):
    """The server stopped answering after part of the reply had arrived."""


@dataclass(frozen=True)
class ServerConfig:
    """Where the model server is and the limits to talk to it under (the API key is never shown)."""

    url: str
    model: str | None = None
    api_key: str | None = field(default=None, repr=False)
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 60.0
    retries: int = 2
    max_concurrency: int = 4
    max_response_bytes: int = 1_000_000
    window: int = 4096
    """The model's context in tokens (prompt plus reply)."""


def base_url(url: str) -> str:
    """The OpenAI-style base URL (ending in ``/v1``) for what a person typed.

    >>> base_url("http://127.0.0.1:8000"), base_url("http://gpu:8000/v1/")
    ('http://127.0.0.1:8000/v1', 'http://gpu:8000/v1')
    """
    url = url.strip().rstrip("/")
    return url if url.endswith("/v1") else url + "/v1"


def sse_data(chunks: Iterable[bytes], limit: int) -> Iterator[str]:
    """The ``data:`` payloads of a server-sent event stream, refusing more than ``limit`` bytes.

    >>> list(sse_data([b'data: {"a": 1}\\n\\n: comment\\nda', b'ta: [DONE]\\n\\n'], 100))
    ['{"a": 1}', '[DONE]']
    >>> list(sse_data([b"x" * 50], 10))
    Traceback (most recent call last):
    ...
    bot.errors.ModelError: The model server sent more than 10 bytes; the reply was cut off.
    """
    buffer = b""
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > limit:
            raise ModelError(f"The model server sent more than {limit} bytes; the reply was cut off.")
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        for raw in lines:
            line = raw.rstrip(b"\r").decode("utf-8", "replace")
            if line.startswith("data:"):
                yield line[5:].strip()
    if buffer.startswith(b"data:"):
        yield buffer[5:].decode("utf-8", "replace").strip()


def parse_chunk(data: str) -> tuple[str, str | None]:
    """The text and finish reason of one streamed chat-completion chunk (``ModelError`` if malformed).

    >>> parse_chunk('{"choices": [{"delta": {"content": "Hi"}, "finish_reason": null}]}')
    ('Hi', None)
    >>> parse_chunk('{"choices": [{"delta": {}, "finish_reason": "stop"}]}')
    ('', 'stop')
    """
    try:
        payload = json.loads(data)
    except ValueError:
        raise ModelError("The model server sent a malformed reply (not JSON).") from None
    if isinstance(payload, dict) and "error" in payload:
        error = payload["error"]
        message = error.get("message") if isinstance(error, dict) else error
        raise ModelError(f"The model server reported an error: {str(message)[:200]}")
    try:
        choice = payload["choices"][0]
        part = choice.get("delta") or choice.get("message") or {}
        text = part.get("content") or ""
        reason = choice.get("finish_reason")
    except (KeyError, IndexError, TypeError, AttributeError):
        raise ModelError("The model server sent a malformed reply (no choices).") from None
    if not isinstance(text, str):
        raise ModelError("The model server sent a malformed reply (content is not text).")
    return text, reason if isinstance(reason, str) else None


def stop_reason(finish: str | None) -> StopReason:
    """The ``Generation.stop`` for an OpenAI ``finish_reason``.

    >>> stop_reason("stop"), stop_reason("length")
    ('end', 'length')
    """
    return "length" if finish == "length" else "end"


class ServerGenerator:
    """A chat model on an OpenAI-compatible server, used as a text-to-text ``Generator``."""

    instructed = True
    prefix = ""

    def __init__(self, config: ServerConfig) -> None:
        if not config.url or not config.url.strip():
            raise ModelLoadError("No model server given; set --llm-url or HEADLINE_BOT_LLM_URL.")
        self.config = config
        self.url = base_url(config.url)
        self.name = config.model or self.url
        self._model: str | None = None
        self._client: httpx.Client | None = None
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(max(1, config.max_concurrency))

    def __repr__(self) -> str:
        return f"ServerGenerator(url={self.url!r}, model={self.config.model!r})"

    @classmethod
    def from_settings(cls, settings: Settings) -> ServerGenerator:
        """The generator for ``settings.llm_url`` and ``settings.llm_model``."""
        return cls(
            ServerConfig(
                url=settings.llm_url or "",
                model=settings.llm_model,
                api_key=settings.llm_api_key,
                read_timeout_s=settings.llm_timeout_s,
                max_concurrency=settings.llm_concurrency,
                window=settings.llm_context_tokens,
            )
        )

    # -- facts -------------------------------------------------------------------------------------

    @property
    def loaded(self) -> bool:
        """Whether the server has been reached and the model found."""
        return self._model is not None

    @property
    def window(self) -> int:
        """The model's context in tokens (configured; servers do not report it the same way)."""
        return self.config.window

    def count_tokens(self, text: str) -> int:
        """An upper estimate of the tokens in ``text`` (servers have no common tokenizer endpoint).

        >>> ServerGenerator(ServerConfig("http://x")).count_tokens("a" * 30)
        18
        """
        return math.ceil(len(text) / CHARS_PER_TOKEN) + 8

    # -- connection --------------------------------------------------------------------------------

    def _http(self) -> httpx.Client:
        with self._lock:
            if self._client is None:
                import httpx

                cfg = self.config
                headers = {"Authorization": f"Bearer {cfg.api_key}"} if cfg.api_key else {}
                self._client = httpx.Client(
                    headers=headers,
                    timeout=httpx.Timeout(cfg.read_timeout_s, connect=cfg.connect_timeout_s),
                    limits=httpx.Limits(max_connections=max(1, cfg.max_concurrency) + 1),
                    trust_env=False,
                )
            return self._client

    def close(self) -> None:
        """Close the connection pool."""
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    def load(self) -> None:
        """Reach the server and check that it serves the model (``ModelLoadError`` otherwise).

        Unlike a local model, a failure is not remembered: the next call tries again, so a server
        that comes back is used again.
        """
        if self._model is not None:
            return
        import httpx

        try:
            response = self._http().get(f"{self.url}/models")
        except httpx.HTTPError as exc:
            raise ModelLoadError(
                f"Cannot reach the model server at {self.url} ({_reason(exc)}); check --llm-url."
            ) from None
        if response.status_code in (401, 403):
            raise ModelLoadError(
                f"The model server at {self.url} refused the request (HTTP {response.status_code}); "
                "check HEADLINE_BOT_LLM_API_KEY."
            )
        if response.status_code != 200:
            raise ModelLoadError(
                f"The model server at {self.url} answered HTTP {response.status_code} for its model list; "
                "check --llm-url (it should end in /v1)."
            )
        try:
            served = [str(m["id"]) for m in response.json()["data"]]
        except (ValueError, KeyError, TypeError):
            raise ModelLoadError(
                f"The server at {self.url} is not OpenAI-compatible (bad model list)."
            ) from None
        wanted = self.config.model
        if wanted and wanted not in served:
            offered = ", ".join(served[:5]) or "none"
            raise ModelLoadError(
                f"The model server at {self.url} has no model {wanted!r} (it serves: {offered}); "
                "check --llm-model."
            )
        if not wanted and not served:
            raise ModelLoadError(f"The model server at {self.url} serves no model.")
        self._model = wanted or served[0]
        self.name = self._model

    # -- generation --------------------------------------------------------------------------------

    def generate(
        self, prompt: str, *, max_new_tokens: int, min_new_tokens: int = 0, time_limit_s: float | None = None
    ) -> Generation:
        """The whole reply to ``prompt`` (streamed underneath, so limits apply the same way)."""
        stream = self.stream(prompt, max_new_tokens=max_new_tokens, time_limit_s=time_limit_s)
        try:
            for _ in stream:
                pass
        finally:
            stream.close()
        assert stream.result is not None
        return stream.result

    def stream(
        self, prompt: str, *, max_new_tokens: int, min_new_tokens: int = 0, time_limit_s: float | None = None
    ) -> GenerationStream:
        """Text pieces as the server sends them; ``result`` once the stream is exhausted.

        ``min_new_tokens`` is ignored (chat servers have no such option).
        """
        cancel = threading.Event()
        handle = GenerationStream(iter(()), cancel)
        handle._pieces = self._pieces(prompt, max_new_tokens, time_limit_s, cancel, handle)
        return handle

    def _pieces(
        self,
        prompt: str,
        max_new_tokens: int,
        time_limit_s: float | None,
        cancel: threading.Event,
        handle: GenerationStream,
    ) -> Iterator[str]:
        import httpx

        self.load()
        started = time.monotonic()
        deadline = None if time_limit_s is None else started + max(0.0, time_limit_s)
        body = {
            "model": self._model,
            "messages": [{"role": "user", "content": prompt}],
            "max_tokens": max(1, max_new_tokens),
            "stream": True,
            "temperature": 0,
        }
        if not self._slots.acquire(timeout=self.config.read_timeout_s):
            raise ModelError(f"The model server at {self.url} is busy (too many requests waiting).")
        written: list[str] = []
        stop: StopReason | None = None
        try:
            with self._open(body) as response:
                chunks = response.iter_raw()
                if "json" in response.headers.get("content-type", "") and "event" not in response.headers.get(
                    "content-type", ""
                ):
                    data = b"".join(_capped(chunks, self.config.max_response_bytes)).decode(
                        "utf-8", "replace"
                    )
                    text, finish = parse_chunk(data)
                    if text:
                        written.append(text)
                        yield text
                    stop = stop_reason(finish)
                else:
                    for data in sse_data(chunks, self.config.max_response_bytes):
                        if data == "[DONE]":
                            stop = stop or "end"
                            break
                        text, finish = parse_chunk(data)
                        if text:
                            written.append(text)
                            yield text
                        if finish:
                            stop = stop_reason(finish)
                        if cancel.is_set():
                            stop = "cancelled"
                            break
                        if deadline is not None and time.monotonic() >= deadline:
                            stop = "time"
                            break
        except httpx.HTTPError as exc:
            if written:
                raise StreamInterruptedError(
                    f"The model server stopped answering mid-reply ({_reason(exc)})."
                ) from None
            raise ModelError(f"The model server at {self.url} failed ({_reason(exc)}).") from None
        finally:
            self._slots.release()
        if stop is None:
            if written:
                raise StreamInterruptedError(
                    "The model server stopped answering mid-reply (connection closed)."
                )
            raise ModelError(f"The model server at {self.url} closed the connection without a reply.")
        handle.result = Generation("".join(written).strip(), len(written), stop, time.monotonic() - started)

    def _open(self, body: dict[str, Any]) -> Any:
        """The streaming response, after bounded retries on connection errors and 429/503."""
        import contextlib

        import httpx

        client = self._http()
        url = f"{self.url}/chat/completions"
        for attempt in range(self.config.retries + 1):
            last = attempt == self.config.retries
            stack = contextlib.ExitStack()
            try:
                response = stack.enter_context(client.stream("POST", url, json=body))
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                stack.close()
                if last:
                    raise ModelError(
                        f"Cannot reach the model server at {self.url} ({_reason(exc)})."
                    ) from None
                time.sleep(_backoff(attempt, None))
                continue
            if response.status_code == 200:
                return _Closing(response, stack)
            retry_after = response.headers.get("retry-after")
            detail = _error_text(response)
            stack.close()
            if response.status_code in RETRY_STATUSES and not last:
                time.sleep(_backoff(attempt, retry_after))
                continue
            raise ModelError(
                f"The model server at {self.url} answered HTTP {response.status_code}"
                + (f" ({detail})" if detail else "")
                + "."
            )
        raise AssertionError("unreachable")


class _Closing:
    """A context manager that yields an open response and closes it (and its stream) on exit."""

    def __init__(self, response: httpx.Response, stack: Any) -> None:
        self.response = response
        self.stack = stack

    def __enter__(self) -> httpx.Response:
        return self.response

    def __exit__(self, *exc: object) -> None:
        self.stack.close()


def _capped(chunks: Iterable[bytes], limit: int) -> Iterator[bytes]:
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > limit:
            raise ModelError(f"The model server sent more than {limit} bytes; the reply was cut off.")
        yield chunk


def _error_text(response: httpx.Response) -> str:
    """A short reason from an error response body (at most 4 KB read)."""
    raw = b""
    try:
        for chunk in response.iter_raw():
            raw += chunk
            if len(raw) > 4096:
                break
    except Exception:  # the body is a courtesy; the status code is the message
        return ""
    try:
        error = json.loads(raw).get("error")
        text = error.get("message") if isinstance(error, dict) else error
    except (ValueError, AttributeError):
        text = raw.decode("utf-8", "replace")
    return " ".join(str(text or "").split())[:160]


def _backoff(attempt: int, retry_after: str | None) -> float:
    """Seconds to wait before retry ``attempt + 1``: ``Retry-After`` when given, else 0.5 s, 1 s, ...

    >>> _backoff(0, None), _backoff(1, "2"), _backoff(0, "600")
    (0.5, 2.0, 5.0)
    """
    try:
        wanted = float(retry_after) if retry_after else 0.5 * 2**attempt
    except ValueError:
        wanted = 0.5 * 2**attempt
    return min(MAX_BACKOFF_S, max(0.0, wanted))


def _reason(exc: BaseException) -> str:
    name = type(exc).__name__
    text = " ".join(str(exc).split())[:120]
    return f"{name}: {text}" if text else name
