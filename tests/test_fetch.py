"""URL input: safe fetching against a fixture HTTP server on 127.0.0.1, and the default refusals.

No test sends traffic anywhere but 127.0.0.1: every fetch here goes through ``LoopbackOnly``, a
socket layer that records each connection and fails loudly if one is ever aimed elsewhere, so a
refusal is shown to happen before any connection is made.
"""

from __future__ import annotations

import gzip
import ipaddress
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpcore
import pytest

from bot.config import Settings
from bot.errors import FetchError, URLRefusedError
from bot.ingest.fetch import check_url, fetch_url, looks_like_url
from bot.ingest.netguard import address_problem

TOWN = "Wrenmouth"
ARTICLE_HTML = f"""<!doctype html>
<html><head><title>{TOWN} ferry returns after storm repairs</title>
<script>window.tracker = "do-not-keep-this";</script></head>
<body><nav><a href="/">Home</a> | <a href="/sport">Sport</a></nav>
<article><h1>{TOWN} ferry returns after storm repairs</h1>
<p>The {TOWN} ferry carried its first passengers in three weeks on Tuesday after engineers replaced
the ramp that the January storm had bent out of shape, the harbour board said.</p>
<p>Harbour master Ilse Varga said 412 passengers crossed on the first day, close to the usual number
for a winter weekday, and that the timetable would be back to normal by Friday.</p>
<p>The repairs cost 1.3 million euros, paid from the board's reserve fund rather than from fares.</p>
</article>
<footer>Subscribe to our newsletter for more stories like this.</footer>
</body></html>
"""
ARTICLE_TEXT = (
    f"The {TOWN} library reopened on Monday after a two-year renovation.\n\n"
    "The council said the new reading room seats 140 people and stays open until nine in the evening."
)


@dataclass
class Served:
    """What the fixture server saw: request lines and Host headers."""

    requests: list[tuple[str, str]] = field(default_factory=list)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen: Served

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, ctype: str | None, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if ctype is not None:
            self.send_header("Content-Type", ctype)
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self._send(302, b"", "text/plain", {"Location": location})

    def do_GET(self) -> None:
        self.seen.requests.append((self.path, self.headers.get("Host", "")))
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        path = parts.path
        if path == "/article.html":
            self._send(200, ARTICLE_HTML.encode(), "text/html; charset=utf-8")
        elif path == "/latin1.html":
            body = ARTICLE_HTML.replace("repairs</h1>", "repairs – café</h1>").replace("–", "-")
            self._send(200, body.encode("latin-1"), "text/html; charset=ISO-8859-1")
        elif path == "/plain.txt":
            self._send(200, ARTICLE_TEXT.encode(), "text/plain; charset=utf-8")
        elif path.startswith("/redirect/"):
            left = int(path.rsplit("/", 1)[1])
            self._redirect(f"/redirect/{left - 1}" if left > 1 else "/article.html")
        elif path == "/to":
            self._redirect(query["target"][0])
        elif path == "/image.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png")
        elif path == "/data.json":
            self._send(200, b'{"a": 1}', "application/json")
        elif path == "/untyped":
            self._send(200, b"hello", None)
        elif path == "/missing":
            self._send(404, b"not here", "text/plain")
        elif path == "/declared-big":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50_000_000))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b"<p>only the start</p>")
        elif path == "/chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"word " * 3000 + b"</p>\n"
            try:
                for _ in range(int(query.get("n", ["400"])[0])):
                    self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                pass
        elif path == "/gzip-bomb":
            self._send(200, gzip.compress(b" " * 20_000_000), "text/html", {"Content-Encoding": "gzip"})
        elif path == "/slow":
            time.sleep(float(query.get("s", ["2"])[0]))
            self._send(200, b"<p>late</p>", "text/html")
        elif path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Transfer-Encoding", "chunked")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"2\r\nab\r\n")
                    self.wfile.flush()
                    time.sleep(0.1)
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                pass
        else:
            self._send(404, b"no such page", "text/plain")


@dataclass
class FixtureServer:
    """A running fixture server: its base URL and what it saw."""

    base: str
    port: int
    seen: Served


@pytest.fixture(scope="module")
def server() -> Iterator[FixtureServer]:
    seen = Served()
    handler = type("Handler", (_Handler,), {"seen": seen})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    port = httpd.server_address[1]
    try:
        yield FixtureServer(f"http://127.0.0.1:{port}", port, seen)
    finally:
        httpd.shutdown()
        httpd.server_close()


class LoopbackOnly(httpcore.SyncBackend):
    """Real sockets, but only to 127.0.0.1 or ::1; records every connection it is asked for."""

    def __init__(self) -> None:
        self.connects: list[tuple[str, int]] = []

    def connect_tcp(self, host: str, port: int, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        self.connects.append((host, port))
        if host not in {"127.0.0.1", "::1"}:
            raise AssertionError(f"test tried to connect to {host}:{port}")
        return super().connect_tcp(host, port, *args, **kwargs)


LOCAL = Settings(allow_private_urls=True, fetch_timeout_s=2.0)


def fetch(url: str, settings: Settings = LOCAL, **kwargs: Any) -> Any:
    kwargs.setdefault("connector", LoopbackOnly())
    return fetch_url(url, settings, **kwargs)


# --- pages fetched when allowed -------------------------------------------------------------


def test_html_page_is_fetched_and_cleaned(server: FixtureServer, headline_bot: Any) -> None:
    page = fetch(server.base + "/article.html")
    assert page.content_type == "text/html" and page.charset == "utf-8" and page.is_html
    assert page.url == server.base + "/article.html"
    assert f"The {TOWN} ferry carried" in page.text

    from bot.engine import HeadlineBot

    bot = HeadlineBot(LOCAL, embedder=headline_bot.embedder)
    article = bot.load_url(server.base + "/article.html")
    assert "412 passengers" in article.text
    assert "do-not-keep-this" not in article.text
    assert "Subscribe to our newsletter" not in article.text
    assert article.metadata.url == server.base + "/article.html"


def test_declared_charset_is_used(server: FixtureServer) -> None:
    page = fetch(server.base + "/latin1.html")
    assert page.charset == "iso-8859-1"
    assert "café" in page.text


def test_plain_text_page(server: FixtureServer) -> None:
    from bot.engine import HeadlineBot

    page = fetch(server.base + "/plain.txt")
    assert page.content_type == "text/plain" and not page.is_html
    article = HeadlineBot(LOCAL).load_url(server.base + "/plain.txt")
    assert "140 people" in article.text


@pytest.mark.parametrize("paste", ["{base}/plain.txt", "  {base}/plain.txt \n"])
def test_engine_load_recognises_a_pasted_url(server: FixtureServer, paste: str) -> None:
    from bot.engine import HeadlineBot

    bot = HeadlineBot(LOCAL)
    assert "140 people" in bot.load(paste.format(base=server.base)).text
    assert "140 people" in bot.load_path(server.base + "/plain.txt").text


def test_redirects_are_followed_up_to_the_limit(server: FixtureServer) -> None:
    page = fetch(server.base + "/redirect/5")
    assert page.url == server.base + "/article.html"
    assert len(page.redirects) == 5


def test_too_many_redirects_are_refused(server: FixtureServer) -> None:
    with pytest.raises(URLRefusedError, match="redirects more than 5 times"):
        fetch(server.base + "/redirect/6")
    with pytest.raises(URLRefusedError, match="redirects more than 2 times"):
        fetch(server.base + "/redirect/3", Settings(allow_private_urls=True, fetch_max_redirects=2))


# --- size, type, time -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/chunked", "over the 200,000-byte limit"),
        ("/declared-big", "is 50,000,000 bytes, over the 200,000-byte limit"),
        ("/gzip-bomb", "over the 200,000-byte limit"),
    ],
)
def test_size_cap_while_streaming(server: FixtureServer, path: str, expected: str) -> None:
    settings = Settings(allow_private_urls=True, fetch_max_bytes=200_000)
    started = time.monotonic()
    with pytest.raises(URLRefusedError, match=expected):
        fetch(server.base + path, settings)
    assert time.monotonic() - started < 5


def test_chunked_page_under_the_cap_is_read_whole(server: FixtureServer) -> None:
    page = fetch(server.base + "/chunked?n=3")
    assert len(page.body) == 3 * (3 + 5 * 3000 + 5)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/image.png", "is image/png, not an HTML or text page"),
        ("/data.json", "is application/json, not an HTML or text page"),
        ("/untyped", "is no content type, not an HTML or text page"),
    ],
)
def test_wrong_content_type_is_refused(server: FixtureServer, path: str, expected: str) -> None:
    with pytest.raises(URLRefusedError, match=expected):
        fetch(server.base + path)


def test_http_error_status(server: FixtureServer) -> None:
    with pytest.raises(FetchError, match="answered 404 Not Found"):
        fetch(server.base + "/missing")


def test_read_timeout(server: FixtureServer) -> None:
    settings = Settings(allow_private_urls=True, fetch_timeout_s=0.3)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out \(limit 0.3 s\)"):
        fetch(server.base + "/slow?s=2", settings)
    assert time.monotonic() - started < 1.5


def test_overall_deadline_stops_a_trickling_server(server: FixtureServer) -> None:
    settings = Settings(allow_private_urls=True, fetch_timeout_s=0.4)
    with pytest.raises(FetchError, match=r"took too long \(limit 1.2 s\)"):
        fetch(server.base + "/trickle", settings)


def test_connection_refused_is_a_clear_message() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match=f"Could not connect to 127.0.0.1:{port}"):
        fetch(f"http://127.0.0.1:{port}/")


# --- the default configuration refuses, before connecting ---------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1/", "127.0.0.1: it is a loopback address"),
        ("http://127.0.0.1:8080/admin", "loopback address"),
        ("http://10.0.0.1/", "10.0.0.1: it is a private address"),
        ("http://192.168.1.1/", "private address"),
        ("http://172.16.5.4/", "private address"),
        ("http://100.64.0.1/", "private address"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254: it is a link-local address"),
        ("http://0.0.0.0/", "unspecified address"),
        ("http://224.0.0.1/", "multicast address"),
        ("http://240.0.0.1/", "reserved address"),
        ("http://[::1]/", "::1: it is a loopback address"),
        ("http://[::]/", "unspecified address"),
        ("http://[fe80::1]/", "link-local address"),
        ("http://[fd00::1]/", "private address"),
        ("http://[::ffff:127.0.0.1]/", "loopback address"),
        ("http://[::ffff:a9fe:a9fe]/", "link-local address"),
        ("http://[2002:a00:1::]/", "private address"),
        ("http://[64:ff9b::7f00:1]/", "loopback address"),
        ("http://localhost/", "localhost (which resolves to"),
        ("http://2130706433/", "127.0.0.1: it is a loopback address"),
        ("http://127.1/", "127.0.0.1: it is a loopback address"),
        ("http://0x7f000001/", "127.0.0.1: it is a loopback address"),
        ("http://0177.0.0.1:8081/article", "127.0.0.1: it is a loopback address"),
        ("http://127.000.000.001:8081/article", "127.0.0.1: it is a loopback address"),
        ("http://0x7f.0.0.1/", "127.0.0.1: it is a loopback address"),
        ("http://0xA9.0xFE.0xA9.0xFE/latest/", "169.254.169.254: it is a link-local address"),
        ("http://012.0.0.1/", "10.0.0.1: it is a private address"),
        ("http://ｌｏｃａｌｈｏｓｔ:8081/article", "localhost (which resolves to"),
        ("http://ＬＯＣＡＬＨＯＳＴ./", "localhost (which resolves to"),
        ("http://１２７．０．０．１/", "127.0.0.1: it is a loopback address"),
        ("http://[::ffff:7f00:1]/", "loopback address"),
        ("file:///etc/passwd", "only http:// and https:// URLs can be fetched, not file://"),
        ("ftp://example.com/article.txt", "not ftp://"),
        ("gopher://127.0.0.1:25/", "not gopher://"),
        ("javascript:alert(1)", "not javascript://"),
        ("http://user:secret@example.com/", "user name or password"),
        ("http:///article", "has no host name"),
    ],
)
def test_default_settings_refuse_before_connecting(url: str, expected: str) -> None:
    connector = LoopbackOnly()
    with pytest.raises(URLRefusedError, match=expected.replace("(", r"\(").replace(")", r"\)")) as info:
        fetch_url(url, Settings(), connector=connector)
    assert connector.connects == []
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://example.com:99999/", "port 99999 is not between 1 and 65535"),
        ("http://example.com:0/", "port 0 is not between"),
        ("http://example.com:-1/", "port '-1' is not a number"),
        ("http://example.com:abc/", "port 'abc' is not a number"),
        ("http://example.com:８０/", "is not a number"),
        ("http://[1:2/", "IPv6"),
        ("http://[::1/", "IPv6"),
        ("http://[not-ip]/", "IPv6"),
        ("http://[fe80::1%25eth0]/", "link-local address"),
        ("http://[::1]x/", "unexpected text after the IPv6 address"),
        ("http://::1/", "must be written in [brackets]"),
        ("http://.../", "empty part"),
        ("http://a..b/", "empty part"),
        ("http://xn--/", "is not a valid part of a host name"),
        ("http://xn--zz-zzz.example/", "cannot be decoded"),
        ("http://ex%41mple.com/", "percent signs"),
        ("http://exa mple.com/", "spaces or control characters"),
        ("http://example.com/\x00", "spaces or control characters"),
        ("http://exa$mple.com/", "is not a valid part of a host name"),
        ("http://example.com／evil/", "is not a valid web address"),
        ("http://-bad-.example/", "is not a valid part of a host name"),
        ("http://256.1.1.1/", "out of range"),
        ("http://1.2.3.4.5/", "looks like an IPv4 address"),
        ("http://09.1.1.1/", "not an octal number"),
        ("http://4294967296/", "out of range"),
        ("http://example.123/", "looks like an IPv4 address"),
        ("http://@example.com/", "user name or password"),
        ("http://a@127.0.0.1@example.com/", "user name or password"),
        ("HTTP://EXAMPLE.COM:/ok", None),
        ("ｈｔｔｐ://example.com/", "not ｈｔｔｐ://"),
        ("data:text/html,<script>alert(1)</script>", "not data://"),
        ("http:example.com", "has no host name"),
        ("http://" + "a" * 5000 + ".com/", "longer than 4096"),
    ],
)
def test_malformed_urls_are_refused_in_one_line(url: str, expected: str | None) -> None:
    connector = LoopbackOnly()
    if expected is None:  # a valid odd spelling: parsed, then refused only for what it points to
        with pytest.raises(FetchError):
            fetch_url(url, Settings(), resolver=lambda host, port: ["10.0.0.1"], connector=connector)
    else:
        with pytest.raises(URLRefusedError) as info:
            fetch_url(url, Settings(), connector=connector)
        assert expected in str(info.value)
        assert "\n" not in str(info.value) and str(info.value).startswith("Refused")
    assert connector.connects == []


@pytest.mark.parametrize(
    ("spelling", "path"),
    [
        ("http://0177.0.0.1:{port}/article.html", "/article.html"),
        ("http://127.000.000.001:{port}/article.html", "/article.html"),
        ("http://ｌｏｃａｌｈｏｓｔ:{port}/plain.txt", "/plain.txt"),
        ("http://0x7f000001:{port}/plain.txt", "/plain.txt"),
    ],
)
def test_odd_spellings_reach_the_real_address_when_allowed(
    server: FixtureServer, spelling: str, path: str
) -> None:
    page = fetch(spelling.format(port=server.port))
    assert urlsplit(page.url).path == path and TOWN in page.body.decode()


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("javascript:alert(1)", "redirects to javascript:alert(1), which cannot be fetched: only http://"),
        ("file:///etc/passwd", "not file://"),
        ("http://0177.0.0.1:{port}/article.html", None),
        ("http://127.000.000.001:{port}/article.html", None),
        ("http://[1:2/", "IPv6"),
        ("http://example.com:99999/", "not between 1 and 65535"),
        ("http://user:pw@127.0.0.1:{port}/", "user name or password"),
        ("//0x7f.1:{port}/article.html", None),
        ("http://xn--/", "is not a valid part of a host name"),
        ("ftp://127.0.0.1/", "not ftp://"),
    ],
)
def test_redirect_locations_are_validated(server: FixtureServer, location: str, expected: str | None) -> None:
    from urllib.parse import quote

    hop = f"{server.base}/to?target={quote(location.format(port=server.port), safe='')}"
    if expected is None:
        assert TOWN in fetch(hop).body.decode()
        return
    with pytest.raises(URLRefusedError) as info:
        fetch(hop)
    assert expected in str(info.value) and "\n" not in str(info.value)


def test_cli_api_and_chat_refuse_a_javascript_redirect(server: FixtureServer, headline_bot: Any) -> None:
    from urllib.parse import quote

    from app_server import running_app
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    from bot.engine import HeadlineBot

    hop = f"{server.base}/to?target={quote('javascript:alert(1)', safe='')}"
    done = _cli("clean", hop, allow_private=True)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "redirects to javascript:alert(1)" in done.stderr
    done = _cli("clean", "http://0177.0.0.1:9/article", allow_private=False)
    assert done.returncode == 2 and "127.0.0.1: it is a loopback address" in done.stderr
    assert "Traceback" not in done.stderr
    bot = HeadlineBot(LOCAL, embedder=headline_bot.embedder)
    with running_app(bot, stream_delay=0) as app:
        client = Client(app.url, verbose=False)
        with pytest.raises(AppError, match="redirects to javascript"):
            client.predict(hop, "short", api_name="/summarize")
        with pytest.raises(AppError, match="not between 1 and 65535"):
            client.predict("http://example.com:99999/", "Who?", api_name="/ask")
        reply = _reply(client.predict(hop, "short", api_name="/chat"))
        assert "redirects to javascript:alert(1)" in reply and "Something went wrong" not in reply
        reply = _reply(client.predict("http://[1:2/", "short", api_name="/chat"))
        assert "IPv6" in reply and "not a valid web address" in reply


def test_default_settings_refuse_the_fixture_server(server: FixtureServer) -> None:
    before = len(server.seen.requests)
    with pytest.raises(URLRefusedError, match="loopback"):
        fetch(server.base + "/article.html", Settings())
    assert len(server.seen.requests) == before


def test_private_network_can_be_allowed_one_by_one() -> None:
    allowed = (ipaddress.ip_network("10.0.0.0/8"),)
    assert address_problem(ipaddress.ip_address("10.0.0.1")) == "private"
    # 10.0.0.1 passes the policy; the test socket layer then stops it (it would be traffic off-box).
    with pytest.raises(AssertionError, match=r"tried to connect to 10\.0\.0\.1"):
        fetch_url("http://10.0.0.1/", Settings(), allowed_networks=allowed, connector=LoopbackOnly())


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://[::1]:{port}/article.html",
        "http://loopback6.test:{port}/article.html",
        "http://rebind.test:{port}/article.html",
        "file:///etc/passwd",
    ],
)
def test_redirect_from_an_allowed_server_to_a_private_address(server: FixtureServer, target: str) -> None:
    # Only 127.0.0.1 is allowed (as if it were a public server); the redirect target is not.
    allowed = (ipaddress.ip_network("127.0.0.1/32"),)
    connector = LoopbackOnly()
    resolver = _Resolver({"rebind.test": ["10.1.2.3"], "loopback6.test": ["::1"]})
    hop = server.base + "/to?target=" + target.format(port=server.port)
    with pytest.raises(URLRefusedError, match="Refused") as info:
        fetch_url(hop, Settings(), allowed_networks=allowed, resolver=resolver, connector=connector)
    assert connector.connects == [("127.0.0.1", server.port)]
    assert "\n" not in str(info.value)


class _Resolver:
    """A test resolver: fixed answers per host, a later answer for each further call if given."""

    def __init__(self, answers: dict[str, list[str]], later: dict[str, list[str]] | None = None) -> None:
        self.answers = answers
        self.later = later or {}
        self.calls: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        if host in self.later and host in self.calls:
            self.calls.append(host)
            return self.later[host]
        self.calls.append(host)
        if host not in self.answers:
            raise FetchError(f"Could not find the host {host}; check the address.")
        return self.answers[host]


def test_host_name_is_kept_while_connecting_to_the_checked_address(server: FixtureServer) -> None:
    allowed = (ipaddress.ip_network("127.0.0.1/32"),)
    resolver = _Resolver({"news.test": ["127.0.0.1"]})
    connector = LoopbackOnly()
    page = fetch_url(
        f"http://news.test:{server.port}/article.html",
        Settings(),
        allowed_networks=allowed,
        resolver=resolver,
        connector=connector,
    )
    assert page.url == f"http://news.test:{server.port}/article.html"
    assert server.seen.requests[-1] == ("/article.html", f"news.test:{server.port}")
    assert connector.connects == [("127.0.0.1", server.port)]
    assert resolver.calls == ["news.test"]


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FixtureServer, Path]]:
    """The fixture server over HTTPS with a self-signed certificate for the name news.test."""
    import shutil
    import ssl

    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=news.test",
         "-addext", "subjectAltName=DNS:news.test", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    seen = Served()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), type("Handler", (_Handler,), {"seen": seen}))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    port = httpd.server_address[1]
    try:
        yield FixtureServer(f"https://news.test:{port}", port, seen), cert
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_https_keeps_the_host_name_for_sni_and_certificate_checks(
    tls_server: tuple[FixtureServer, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, cert = tls_server
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trust the test certificate only
    allowed = (ipaddress.ip_network("127.0.0.1/32"),)
    resolver = _Resolver({"news.test": ["127.0.0.1"]})
    connector = LoopbackOnly()
    page = fetch_url(
        server.base + "/article.html",
        Settings(),
        allowed_networks=allowed,
        resolver=resolver,
        connector=connector,
    )
    assert "412 passengers" in page.text
    assert connector.connects == [("127.0.0.1", server.port)]
    assert server.seen.requests[-1] == ("/article.html", f"news.test:{server.port}")
    # the certificate is checked against the name asked for, not the address connected to
    with pytest.raises(FetchError, match="Could not connect"):
        fetch(f"https://127.0.0.1:{server.port}/article.html")


def test_dns_rebinding_is_caught_on_the_next_connection(server: FixtureServer) -> None:
    # First answer is allowed; the name then "rebinds" to a private address. Every new connection
    # (here the redirect's, as the server closes each connection) is resolved and checked again.
    allowed = (ipaddress.ip_network("127.0.0.1/32"),)
    resolver = _Resolver({"rebind.test": ["127.0.0.1"]}, later={"rebind.test": ["10.0.0.7"]})
    connector = LoopbackOnly()
    with pytest.raises(URLRefusedError, match=r"rebind.test \(which resolves to 10.0.0.7\)"):
        fetch_url(
            f"http://rebind.test:{server.port}/redirect/1",
            Settings(),
            allowed_networks=allowed,
            resolver=resolver,
            connector=connector,
        )
    assert connector.connects == [("127.0.0.1", server.port)]
    assert resolver.calls == ["rebind.test", "rebind.test"]


def test_a_host_with_one_private_address_among_public_ones_is_refused() -> None:
    resolver = _Resolver({"mixed.test": ["93.184.216.34", "127.0.0.1"]})
    connector = LoopbackOnly()
    with pytest.raises(URLRefusedError, match=r"resolves to 127\.0\.0\.1"):
        fetch_url("http://mixed.test/", Settings(), resolver=resolver, connector=connector)
    assert connector.connects == []


def test_unknown_host_is_a_fetch_error() -> None:
    resolver = _Resolver({})
    with pytest.raises(FetchError, match=r"Could not find the host nowhere\.test"):
        fetch_url("http://nowhere.test/", Settings(), resolver=resolver, connector=LoopbackOnly())


def test_proxy_environment_is_ignored(server: FixtureServer, monkeypatch: pytest.MonkeyPatch) -> None:
    # A proxy from the environment would resolve names itself and bypass the address checks.
    monkeypatch.setenv("HTTP_PROXY", "http://10.9.9.9:3128")
    monkeypatch.setenv("ALL_PROXY", "http://10.9.9.9:3128")
    page = fetch(server.base + "/plain.txt")
    assert "140 people" in page.text


# --- the rules as pure functions ------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("127.0.0.1", "loopback"),
        ("127.255.255.254", "loopback"),
        ("10.20.30.40", "private"),
        ("172.31.255.255", "private"),
        ("192.168.0.1", "private"),
        ("100.127.255.254", "private"),
        ("169.254.0.1", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("239.1.1.1", "multicast"),
        ("255.255.255.255", "reserved"),
        ("192.0.2.10", "private"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::abcd", "link-local"),
        ("fc00::1", "private"),
        ("fec0::1", "private"),
        ("ff02::1", "multicast"),
        ("::ffff:10.0.0.1", "private"),
        ("::ffff:169.254.169.254", "link-local"),
        ("2002:c0a8:0101::1", "private"),
        ("64:ff9b::a00:1", "private"),
        ("2001:db8::1", "private"),
        ("93.184.216.34", None),
        ("1.1.1.1", None),
        ("2606:4700:4700::1111", None),
        ("::ffff:1.1.1.1", None),
    ],
)
def test_address_rules(address: str, problem: str | None) -> None:
    assert address_problem(ipaddress.ip_address(address)) == problem


@pytest.mark.parametrize(
    ("text", "is_url"),
    [
        ("https://example.com/a", True),
        (" http://example.com/a?b=c#d \n", True),
        ("file:///etc/passwd", True),
        ("ftp://example.com/x", True),
        ("example.com/news", False),
        ("Read https://example.com now", False),
        ("https://example.com/a\nhttps://example.com/b", False),
        ("", False),
    ],
)
def test_looks_like_url(text: str, is_url: bool) -> None:
    assert looks_like_url(text) is is_url


def test_check_url_strips_and_accepts_https() -> None:
    assert check_url("  https://example.com/x ") == "https://example.com/x"


# --- the CLI ----------------------------------------------------------------------------------


def _cli(*args: str, allow_private: bool) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HEADLINE_BOT_ALLOW_PRIVATE_URLS": "1" if allow_private else "0"}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], capture_output=True, text=True, env=env, timeout=300
    )


def test_cli_clean_and_summarize_a_url(server: FixtureServer) -> None:
    done = _cli("clean", server.base + "/redirect/2", allow_private=True)
    assert done.returncode == 0, done.stderr
    assert "412 passengers" in done.stdout
    done = _cli("summarize", server.base + "/article.html", allow_private=True)
    assert done.returncode == 0, done.stderr
    assert TOWN in done.stdout


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:9/", "loopback address"),
        ("http://[::1]:9/", "loopback address"),
        ("file:///etc/passwd", "only http:// and https:// URLs can be fetched, not file://"),
    ],
)
def test_cli_refuses_by_default(url: str, expected: str) -> None:
    done = _cli("clean", url, allow_private=False)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("headline-bot: error: Refused")
    assert expected in lines[0]


# --- the app: a URL pasted in the chat or given to the API ------------------------------------


def _reply(messages: Any) -> str:
    if isinstance(messages, dict) and "history" in messages:  # /chat: plain-text history
        return "\n".join(t["text"] for t in messages["history"] if t["role"] == "assistant")
    parts = []
    for m in messages if isinstance(messages, list) else messages[0]:
        content = m["content"]
        if isinstance(content, list):
            content = " ".join(p.get("text", "") for p in content if isinstance(p, dict))
        if m["role"] == "assistant":
            parts.append(str(content).replace("\\", ""))
    return "\n".join(parts)


def test_app_takes_a_url_in_the_chat_and_the_api(server: FixtureServer, headline_bot: Any) -> None:
    from app_server import running_app
    from gradio_client import Client

    from bot.engine import HeadlineBot

    bot = HeadlineBot(LOCAL, embedder=headline_bot.embedder)
    with running_app(bot, stream_delay=0) as app:
        client = Client(app.url, verbose=False)
        reply = _reply(client.predict(f"  {server.base}/redirect/1 ", "short", api_name="/chat"))
        assert "ferry" in reply.lower() and "¶" in reply
        reply = _reply(
            client.predict("How many passengers crossed on the first day?", "short", api_name="/chat")
        )
        assert "412 passengers" in reply
        result = client.predict(server.base + "/plain.txt", "short", api_name="/summarize")
        assert "library" in result["summary"]


def test_default_app_refuses_private_urls(server: FixtureServer, app_server: Any) -> None:
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    before = len(server.seen.requests)
    client = Client(app_server.url, verbose=False)
    with pytest.raises(AppError, match="loopback address"):
        client.predict(server.base + "/article.html", "short", api_name="/summarize")
    reply = _reply(client.predict(f"http://[::1]:{server.port}/article.html", "short", api_name="/chat"))
    assert "Refused to fetch ::1: it is a loopback address" in reply
    with pytest.raises(AppError, match="only http:// and https:// URLs can be fetched, not file://"):
        client.predict("file:///etc/passwd", "short", api_name="/summarize")
    assert len(server.seen.requests) == before
