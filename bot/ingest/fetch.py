"""Fetch an article from a URL, safely: http(s) only, public addresses only, bounded in size and time.

The rules (each refusal is a one-line ``URLRefusedError`` or ``FetchError``):

* only ``http://`` and ``https://``; no user name or password in the URL;
* the host must resolve to public addresses only; loopback, private, link-local, reserved,
  multicast and unspecified addresses (IPv4 and IPv6, IPv4 inside IPv6 included) are refused,
  on every redirect and on the address actually connected to (see ``bot.ingest.netguard``);
  ``Settings.allow_private_urls`` lifts this for operators who need it;
* at most ``Settings.fetch_max_redirects`` redirects, followed one by one;
* at most ``Settings.fetch_max_bytes`` of body, counted while streaming (a missing or false
  ``Content-Length`` does not help), decompressed bytes counted;
* ``Settings.fetch_timeout_s`` to connect and between two reads, and three times that overall;
* HTML (``text/html``, ``application/xhtml+xml``) and text (``text/plain``, ``text/markdown``) only.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from bot.config import Settings
from bot.errors import FetchError, URLRefusedError
from bot.ingest.netguard import AddressPolicy, GuardedBackend, GuardedTransport, IPNetwork, Resolver
from bot.ingest.urls import looks_like_url, parse_url
from bot.prompts import render

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})

__all__ = ["FetchedPage", "check_url", "fetch_url", "looks_like_url", "redirect_target"]


@dataclass(frozen=True)
class FetchedPage:
    """A downloaded page: final URL after redirects, media type, declared charset, raw body."""

    url: str
    content_type: str
    charset: str | None
    body: bytes
    redirects: tuple[str, ...] = ()

    @property
    def is_html(self) -> bool:
        """Whether the server called it HTML."""
        return self.content_type in HTML_TYPES

    @property
    def text(self) -> str:
        """The body decoded with the declared charset (UTF-8 when none), bad bytes replaced."""
        try:
            return self.body.decode(self.charset or "utf-8", errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


def check_url(url: str) -> str:
    """The URL, stripped, if its form is allowed; ``URLRefusedError`` saying why otherwise.

    >>> check_url(" https://example.com/a ")
    'https://example.com/a'
    >>> check_url("file:///etc/passwd")
    Traceback (most recent call last):
    ...
    bot.errors.URLRefusedError: Refused: only http:// and https:// URLs can be fetched, not file://. Paste the article text or give a file path instead.
    """  # noqa: E501
    return parse_url(url).url


def redirect_target(current: str, location: str) -> str:
    """The URL a ``Location`` header points to, resolved against the current one and validated.

    >>> redirect_target("https://news.example/a/b", "../c?d=1")
    'https://news.example/c?d=1'
    >>> redirect_target("https://news.example/a", "javascript:alert(1)")
    Traceback (most recent call last):
    ...
    bot.errors.URLRefusedError: Refused: https://news.example/a redirects to javascript:alert(1), which cannot be fetched: only http:// and https:// URLs can be fetched, not javascript://. Paste the article text or give a file path instead.
    """  # noqa: E501
    try:
        joined = urljoin(current, location)
    except ValueError:
        joined = location
    try:
        return parse_url(joined).url
    except URLRefusedError as exc:
        reason = exc.message.removeprefix("Refused: ")
        raise URLRefusedError(
            f"Refused: {_short(current)} redirects to {_short(location)}, which cannot be fetched: {reason}"
        ) from None


def fetch_url(
    url: str,
    settings: Settings | None = None,
    *,
    resolver: Resolver | None = None,
    allowed_networks: Sequence[IPNetwork] = (),
    connector: httpcore.NetworkBackend | None = None,
) -> FetchedPage:
    """Download an HTML or text page under the safety rules above.

    ``resolver`` (host, port -> addresses), ``allowed_networks`` (extra networks allowed even when
    private URLs are not) and ``connector`` (the socket layer) are injection points for operators
    and tests; by default the system resolver and real sockets are used.
    """
    settings = settings or Settings.from_env()
    url = check_url(url)
    policy = AddressPolicy(settings.allow_private_urls, tuple(allowed_networks))
    transport = GuardedTransport(GuardedBackend(policy, resolver, connector))
    timeout = httpx.Timeout(settings.fetch_timeout_s)
    deadline = time.monotonic() + 3 * settings.fetch_timeout_s
    headers = {
        "User-Agent": _user_agent(),
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.8",
    }
    with httpx.Client(
        transport=transport, timeout=timeout, follow_redirects=False, trust_env=False, headers=headers
    ) as client:
        try:
            return _fetch(client, transport, url, settings, deadline)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError, UnicodeError) as exc:
            # parse_url should have caught it; whatever the HTTP library still objects to is refused too
            raise URLRefusedError(f"Refused: {_short(url)} cannot be fetched ({_reason(exc)}).") from None
        except httpx.TimeoutException:
            message = render("fetch_timeout", url=_short(url), seconds=f"{settings.fetch_timeout_s:g}")
            raise FetchError(message) from None
        except httpx.ConnectError as exc:
            raise FetchError(render("fetch_connect_failed", host=_host(url), reason=_reason(exc))) from None
        except httpx.HTTPError as exc:
            raise FetchError(render("fetch_failed", url=_short(url), reason=_reason(exc))) from None


def _fetch(
    client: httpx.Client, transport: httpx.BaseTransport, url: str, settings: Settings, deadline: float
) -> FetchedPage:
    """Send each hop straight to the transport: the client would parse ``Location`` itself (and
    raise on a malformed one) before we could validate it."""
    request = client.build_request("GET", url)
    redirects: list[str] = []
    while True:
        response = transport.handle_request(request)
        response.request = request
        try:
            if not response.is_redirect:
                return _read(response, settings, deadline, tuple(redirects))
            location = response.headers.get("location", "").strip()
            if not location:
                raise FetchError(render("fetch_redirect_nowhere", url=_short(str(request.url))))
            if len(redirects) >= settings.fetch_max_redirects:
                raise URLRefusedError(
                    render("fetch_too_many_redirects", url=_short(url), limit=settings.fetch_max_redirects)
                )
            target = redirect_target(str(request.url), location)
            redirects.append(target)
            request = client.build_request("GET", target)
        finally:
            response.close()


def _read(
    response: httpx.Response, settings: Settings, deadline: float, redirects: tuple[str, ...]
) -> FetchedPage:
    url = str(response.url)
    if response.status_code >= 400:
        raise FetchError(
            render(
                "fetch_http_error",
                status=response.status_code,
                reason=response.reason_phrase,
                url=_short(url),
            )
        )
    if response.status_code != 200:
        raise FetchError(render("fetch_not_a_page", status=response.status_code, url=_short(url)))
    media_type, charset = _content_type(response.headers.get("content-type", ""))
    if media_type not in HTML_TYPES | TEXT_TYPES:
        shown = media_type or "no content type"
        raise URLRefusedError(render("fetch_not_html", url=_short(url), kind=shown))
    cap = settings.fetch_max_bytes
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise URLRefusedError(
            render("fetch_declared_too_large", url=_short(url), size=f"{int(declared):,}", limit=f"{cap:,}")
        )
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > cap:
            raise URLRefusedError(render("fetch_too_large", url=_short(url), limit=f"{cap:,}"))
        if time.monotonic() > deadline:
            raise FetchError(
                render("fetch_too_slow", url=_short(url), seconds=f"{3 * settings.fetch_timeout_s:g}")
            )
        chunks.append(chunk)
    return FetchedPage(url, media_type, charset, b"".join(chunks), redirects)


def _content_type(header: str) -> tuple[str, str | None]:
    """Media type and charset of a Content-Type header.

    >>> _content_type('text/HTML; charset="ISO-8859-1"')
    ('text/html', 'iso-8859-1')
    >>> _content_type("")
    ('', None)
    """
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return media.strip().lower(), charset


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text[:200] or type(exc).__name__


def _short(url: str) -> str:
    return url if len(url) <= 120 else url[:117] + "..."


def _host(url: str) -> str:
    return urlsplit(url).netloc or url


def _user_agent() -> str:
    from bot.config import VERSION as __version__

    return f"headline-bot/{__version__} (article fetcher)"
