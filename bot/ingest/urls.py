"""Parse and validate a URL once, before any request: scheme, host, port, user info.

Every URL the bot fetches (the one given, and each redirect target) goes through :func:`parse_url`,
which either returns a ``ParsedURL`` whose ``url`` is a plain, canonical spelling the HTTP library
cannot misread, or raises a one-line ``URLRefusedError``. Odd host spellings are normalised the way
browsers do (WHATWG URL standard), so the address check that follows sees the real address:

* IPv4 written in octal (``0177.0.0.1``), zero-padded (``127.000.000.001``), hex (``0x7f.1``),
  as one number (``2130706433``) or with fewer parts (``127.1``) becomes ``127.0.0.1``;
* full-width and other compatibility letters (``ｌｏｃａｌｈｏｓｔ``) are folded with NFKC and
  the name is encoded with IDNA (``bücher.example`` -> ``xn--bcher-kva.example``);
* IPv6 literals are checked and written in their compressed form.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.errors import URLRefusedError
from bot.prompts import render

ALLOWED_SCHEMES = frozenset({"http", "https"})
MAX_URL_CHARS = 4096
_DEFAULT_PORTS = {"http": 80, "https": 443}
_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$")
_NUMBER_PART = re.compile(r"^(?:0[xX][0-9a-fA-F]*|[0-9]+)$")
_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f\s]")


@dataclass(frozen=True)
class ParsedURL:
    """A validated URL: lower-case scheme, ASCII host (name or IP literal), port, path with query."""

    scheme: str
    host: str
    port: int
    target: str

    @property
    def url(self) -> str:
        """The canonical spelling handed to the HTTP library (default port left out)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = "" if self.port == _DEFAULT_PORTS[self.scheme] else f":{self.port}"
        return f"{self.scheme}://{host}{port}{self.target}"


def _refuse(url: str, why: str, **values: object) -> URLRefusedError:
    """The refusal of ``url``; ``why`` names the reason's template (``prompts/url_reason_<why>.txt``)."""
    shown = url if len(url) <= 200 else url[:197] + "..."
    reason = render(f"url_reason_{why}", **values)
    return URLRefusedError(render("fetch_url_invalid", url=repr(shown), reason=reason))


def parse_url(url: str) -> ParsedURL:
    """Validate ``url`` and return its canonical parts, or raise ``URLRefusedError`` saying why.

    >>> parse_url("http://0177.0.0.1:8081/article").url
    'http://127.0.0.1:8081/article'
    >>> parse_url("HTTPS://ｎｅｗｓ．ｅｘａｍｐｌｅ/a?b=1#top").url
    'https://news.example/a?b=1'
    >>> parse_url("javascript:alert(1)")
    Traceback (most recent call last):
    ...
    bot.errors.URLRefusedError: Refused: only http:// and https:// URLs can be fetched, not javascript://. Paste the article text or give a file path instead.
    """  # noqa: E501
    url = url.strip()
    if len(url) > MAX_URL_CHARS:
        raise URLRefusedError(render("fetch_url_too_long", limit=MAX_URL_CHARS))
    if _UNSAFE.search(url):
        raise URLRefusedError(render("fetch_url_spaces"))
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise _refuse(url, "library", message=exc) from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = scheme or url.partition(":")[0][:20] or "(none)"
        raise URLRefusedError(render("fetch_url_scheme", scheme=shown))
    netloc = parts.netloc
    if "@" in netloc:
        raise URLRefusedError(render("fetch_url_credentials"))
    host_text, port = _split_port(url, netloc)
    host = normalise_host(host_text, url)
    target = parts.path or "/"
    if not target.startswith("/"):
        raise _refuse(url, "path")
    if parts.query:
        target += "?" + parts.query
    return ParsedURL(scheme, host, port if port is not None else _DEFAULT_PORTS[scheme], target)


def _split_port(url: str, netloc: str) -> tuple[str, int | None]:
    """The host part and the port of a ``netloc`` (no user info left in it).

    >>> _split_port("", "example.com:8080"), _split_port("", "[::1]")
    (('example.com', 8080), ('[::1]', None))
    """
    if netloc.startswith("["):
        end = netloc.find("]")
        if end < 0:
            raise _refuse(url, "ipv6_unclosed")
        host, rest = netloc[: end + 1], netloc[end + 1 :]
        if rest and not rest.startswith(":"):
            raise _refuse(url, "after_ipv6")
        raw_port = rest[1:] if rest else None
    else:
        host, sep, raw_port_text = netloc.rpartition(":")
        if not sep:
            host, raw_port = netloc, None
        else:
            raw_port = raw_port_text
    if raw_port is None or raw_port == "":
        return host, None
    if not raw_port.isascii() or not raw_port.isdigit():
        raise _refuse(url, "port_not_number", port=repr(raw_port[:20]))
    port = int(raw_port)
    if not 1 <= port <= 65535:
        raise _refuse(url, "port_range", port=port)
    return host, port


def normalise_host(host: str, url: str = "") -> str:
    """The host as the network sees it: an IP literal in standard form, or an ASCII (IDNA) name.

    >>> [normalise_host(h) for h in ("127.000.000.001", "0x7f.1", "2130706433", "[::FFFF:7f00:1]")]
    ['127.0.0.1', '127.0.0.1', '127.0.0.1', '::ffff:7f00:1']
    >>> normalise_host("ＥＸＡＭＰＬＥ．ｃｏｍ."), normalise_host("bücher.example")
    ('example.com', 'xn--bcher-kva.example')
    """
    url = url or host
    if not host:
        raise URLRefusedError(render("fetch_url_no_host", url=repr(url[:200])))
    if host.startswith("["):
        try:
            ip6 = ipaddress.IPv6Address(host[1:-1].split("%", 1)[0])
        except ValueError:
            raise _refuse(url, "ipv6_malformed") from None
        return str(ip6)
    if "%" in host:
        raise _refuse(url, "percent")
    folded = unicodedata.normalize("NFKC", host).lower()
    folded = folded.replace("\u3002", ".").replace("\uff0e", ".").replace("\uff61", ".")
    if folded.endswith("."):
        folded = folded[:-1]
    if not folded or any(not label for label in folded.split(".")):
        raise _refuse(url, "empty_label")
    ipv4 = legacy_ipv4(folded)
    if ipv4 is not None:
        return str(ipv4)
    if not folded.isascii():
        import idna

        try:
            folded = idna.encode(folded, uts46=True).decode("ascii")
        except (idna.IDNAError, UnicodeError, ValueError) as exc:
            raise _refuse(url, "not_encodable", error=exc) from None
    if ":" in folded:
        raise _refuse(url, "ipv6_brackets")
    for label in folded.split("."):
        if not _LABEL.match(label):
            raise _refuse(url, "bad_label", label=repr(label[:40]))
        if label.startswith("xn--"):
            import idna

            try:
                idna.decode(label)
            except (idna.IDNAError, UnicodeError, ValueError) as exc:
                raise _refuse(url, "not_decodable", error=exc) from None
    return folded


def legacy_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """An IPv4 address in any spelling a browser accepts, or None when ``host`` is a name.

    One to four parts, each decimal, octal (leading 0) or hex (``0x``); the last part fills the
    remaining bytes. A number that does not fit is refused, not taken as a name.

    >>> [str(legacy_ipv4(h)) for h in ("0177.0.0.1", "127.1", "0xA9.0xFE.0xA9.0xFE", "017700000001")]
    ['127.0.0.1', '127.0.0.1', '169.254.169.254', '127.0.0.1']
    >>> legacy_ipv4("example.com") is None, legacy_ipv4("1.2.3.example") is None
    (True, True)
    """
    parts = host.split(".")
    if not _NUMBER_PART.match(parts[-1]):
        return None
    if len(parts) > 4 or not all(_NUMBER_PART.match(p) for p in parts):
        raise _refuse(host, "not_ipv4")
    numbers = []
    for part in parts:
        if part.lower().startswith("0x"):
            numbers.append(int(part[2:] or "0", 16))
        elif len(part) > 1 and part.startswith("0"):
            if any(ch in "89" for ch in part):
                raise _refuse(host, "not_octal", part=repr(part))
            numbers.append(int(part, 8))
        else:
            numbers.append(int(part))
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (5 - len(numbers)):
        raise _refuse(host, "ipv4_range")
    value = last
    for i, n in enumerate(head):
        value += n << (8 * (3 - i))
    return ipaddress.IPv4Address(value)


_URL_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://\S+")


def looks_like_url(text: str) -> bool:
    """Whether a pasted text is nothing but one URL (``scheme://...``), spaces around it allowed.

    >>> looks_like_url("  https://example.com/news/harbour  ")
    True
    >>> looks_like_url("file:///etc/passwd")
    True
    >>> looks_like_url("Read more at https://example.com today")
    False
    >>> looks_like_url("The harbour reopened.")
    False
    """
    return bool(_URL_RE.fullmatch(text.strip()))
