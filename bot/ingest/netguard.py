"""Which network addresses a fetch may reach, checked on the address actually connected to.

The rule is enforced inside the HTTP client's network layer (an ``httpcore`` network backend):
the host name is resolved once, every address it resolves to is checked, and the socket is
opened to that exact, checked address. TLS still uses the host name (SNI and certificate
checks) and the ``Host`` header is untouched, so nothing changes for the server, but a second
DNS answer (DNS rebinding) can never slip in between the check and the connection. Redirects
open new connections, so every hop goes through the same gate.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from bot.errors import FetchError, URLRefusedError
from bot.prompts import render

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

Resolver = Callable[[str, int], Sequence[str]]
"""Host name and port in, IP address strings out (in the order to try them)."""

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_SHARED = ipaddress.IPv4Network("100.64.0.0/10")


def system_resolver(host: str, port: int) -> list[str]:
    """The operating system's resolver (``getaddrinfo``): unique addresses, in its order."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(render("fetch_host_unknown_reason", host=host, reason=exc)) from None
    seen: list[str] = []
    for family, _type, _proto, _name, sockaddr in infos:
        if family in (socket.AF_INET, socket.AF_INET6):
            address = str(sockaddr[0]).split("%", 1)[0]
            if address not in seen:
                seen.append(address)
    return seen


def embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, Teredo, NAT64), if any.

    >>> embedded_ipv4(ipaddress.ip_address("::ffff:10.0.0.1"))
    IPv4Address('10.0.0.1')
    >>> embedded_ipv4(ipaddress.ip_address("2002:7f00:1::"))
    IPv4Address('127.0.0.1')
    >>> embedded_ipv4(ipaddress.ip_address("64:ff9b::a9fe:a9fe"))
    IPv4Address('169.254.169.254')
    >>> embedded_ipv4(ipaddress.ip_address("2606:4700::1111")) is None
    True
    """
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_problem(ip: IPAddress) -> str | None:
    """Why a fetch may not connect to ``ip`` ("loopback", "private", ...), or None if it is public.

    >>> address_problem(ipaddress.ip_address("127.0.0.1"))
    'loopback'
    >>> address_problem(ipaddress.ip_address("169.254.169.254"))
    'link-local'
    >>> address_problem(ipaddress.ip_address("::ffff:192.168.1.1"))
    'private'
    >>> address_problem(ipaddress.ip_address("93.184.216.34")) is None
    True
    """
    inner = embedded_ipv4(ip)
    if inner is not None:
        return address_problem(inner) or (None if ip.is_global else "reserved")
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local:
        return "private"
    if ip.is_reserved:
        return "reserved"
    if ip.is_private or ip in _SHARED:
        return "private"
    if not ip.is_global:
        return "reserved"
    return None


@dataclass(frozen=True)
class AddressPolicy:
    """Which addresses may be connected to: public ones, plus private ones if allowed or listed."""

    allow_private: bool = False
    allowed_networks: tuple[IPNetwork, ...] = ()

    def refusal(self, ip: IPAddress) -> str | None:
        """The reason ``ip`` is refused, or None when it may be connected to.

        >>> AddressPolicy().refusal(ipaddress.ip_address("10.0.0.1"))
        'private'
        >>> net = ipaddress.ip_network("10.0.0.0/8")
        >>> AddressPolicy(allowed_networks=(net,)).refusal(ipaddress.ip_address("10.0.0.1")) is None
        True
        """
        if self.allow_private:
            return None
        if any(ip.version == net.version and ip in net for net in self.allowed_networks):
            return None
        return address_problem(ip)

    def check_host(self, host: str, resolver: Resolver, port: int) -> list[IPAddress]:
        """Resolve ``host`` and return its addresses, or raise ``URLRefusedError`` if any is refused."""
        literal = _literal(host)
        if literal is not None:
            addresses = [literal]
        else:
            answers = resolver(host, port)
            addresses = [a for a in (_literal(raw) for raw in answers) if a is not None]
            if not addresses:
                raise FetchError(render("fetch_host_unknown", host=host))
        for ip in addresses:
            reason = self.refusal(ip)
            if reason is not None:
                shown = host if literal is not None else f"{host} (which resolves to {ip})"
                raise URLRefusedError(render("fetch_private_address", shown=shown, reason=reason))
        return addresses


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


class GuardedBackend(httpcore.NetworkBackend):
    """An ``httpcore`` network backend that only opens sockets to addresses the policy allows."""

    def __init__(
        self,
        policy: AddressPolicy,
        resolver: Resolver | None = None,
        connector: httpcore.NetworkBackend | None = None,
    ) -> None:
        self.policy = policy
        self.resolver: Resolver = resolver or system_resolver
        self.connector = connector or httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        """Resolve once, check every address, connect to the checked addresses only."""
        addresses = self.policy.check_host(host, self.resolver, port)
        last: Exception | None = None
        for ip in addresses:
            try:
                return self.connector.connect_tcp(
                    str(ip), port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        """Unix sockets are never reachable from a URL."""
        raise URLRefusedError(render("fetch_unix_socket"))

    def sleep(self, seconds: float) -> None:
        """Delegate to the real backend."""
        self.connector.sleep(seconds)


_EXCEPTIONS: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.ProxyError, httpx.ProxyError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
)


def _to_httpx(exc: Exception, request: httpx.Request) -> Exception:
    for core, mapped in _EXCEPTIONS:
        if isinstance(exc, core):
            return mapped(str(exc) or type(exc).__name__, request=request)
    return exc


class _Stream(httpx.SyncByteStream):
    def __init__(self, stream: Iterable[bytes], request: httpx.Request) -> None:
        self._stream = stream
        self._request = request

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._stream
        except httpcore.TimeoutException as exc:
            raise _to_httpx(exc, self._request) from exc
        except (httpcore.NetworkError, httpcore.ProtocolError) as exc:
            raise _to_httpx(exc, self._request) from exc

    def close(self) -> None:
        close = getattr(self._stream, "close", None)
        if close is not None:
            close()


class GuardedTransport(httpx.BaseTransport):
    """An ``httpx`` transport over a connection pool whose sockets all go through ``GuardedBackend``."""

    def __init__(self, backend: GuardedBackend, *, max_connections: int = 4) -> None:
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=max_connections,
            network_backend=backend,
            retries=0,
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send one request through the guarded pool."""
        assert isinstance(request.stream, httpx.SyncByteStream)
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        try:
            response = self._pool.handle_request(core_request)
        except (httpcore.TimeoutException, httpcore.NetworkError, httpcore.ProtocolError) as exc:
            raise _to_httpx(exc, request) from exc
        except httpcore.UnsupportedProtocol as exc:
            raise _to_httpx(exc, request) from exc
        assert isinstance(response.stream, Iterable)
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_Stream(response.stream, request),
            extensions=response.extensions,
        )

    def close(self) -> None:
        """Close every pooled connection."""
        self._pool.close()
