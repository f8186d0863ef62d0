"""The SSRF guard: a webhook may only reach public addresses, checked when subscribing and when sending.

A URL is vetted by resolving its host (getaddrinfo) and checking *every* address it resolves to; one
private, loopback, link-local, metadata, shared (CGNAT), multicast, reserved or unspecified address
refuses it. IPv6 addresses that embed an IPv4 one (::ffff:a.b.c.d, 6to4, Teredo, NAT64) are judged by
the IPv4 address inside. At delivery time the sender connects to the address vetted a moment before
(`Target.address`), never to a fresh lookup of the name, so DNS cannot change between check and
connect (rebinding). `KERJASAMA_WEBHOOK_ALLOWED_HOSTS` lets chosen networks or host names through, for
tests and intranet receivers.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

SCHEMES = {"http": 80, "https": 443}

# Named explicitly although `is_global` covers most of them: the list is the documentation, and
# Python's view of some ranges (multicast, NAT64) has changed between versions.
BLOCKED_NETWORKS: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = tuple(
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8",  # "this network", unspecified
        "10.0.0.0/8",  # private
        "100.64.0.0/10",  # shared address space (CGNAT); also Alibaba's metadata 100.100.100.200
        "127.0.0.0/8",  # loopback
        "169.254.0.0/16",  # link-local; cloud metadata 169.254.169.254
        "172.16.0.0/12",  # private
        "192.0.0.0/24",  # IETF protocol assignments
        "192.0.2.0/24",  # documentation
        "192.168.0.0/16",  # private
        "198.18.0.0/15",  # benchmarking
        "198.51.100.0/24",  # documentation
        "203.0.113.0/24",  # documentation
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, broadcast
        "::/128",  # unspecified
        "::1/128",  # loopback
        "64:ff9b:1::/48",  # local-use NAT64
        "100::/64",  # discard
        "2001:db8::/32",  # documentation
        "fc00::/7",  # unique local (fd00::/8 included); AWS metadata fd00:ec2::254
        "fe80::/10",  # link-local
        "fec0::/10",  # old site-local
        "ff00::/8",  # multicast
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class UrlRefused(ValueError):
    """The URL may not be used for a webhook; `code` is the stable error code, the message says why."""

    def __init__(self, message: str, code: str = "url_not_allowed") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class AllowList:
    """Networks and host names allowed although not public (KERJASAMA_WEBHOOK_ALLOWED_HOSTS)."""

    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()
    hosts: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> AllowList:
        networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        hosts: set[str] = set()
        for raw in entries:
            entry = raw.strip()
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                hosts.add(entry.lower().rstrip("."))
        return cls(tuple(networks), frozenset(hosts))

    def allows_address(self, address: IPAddress) -> bool:
        return any(address in network for network in self.networks if network.version == address.version)


@dataclass(frozen=True)
class Target:
    """A vetted URL: connect to `address`, send `host` as Host header and TLS server name."""

    scheme: str
    host: str
    port: int
    path: str  # path and query, as sent in the request line
    address: str


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def refusal(address: IPAddress) -> str | None:
    """Why this address may not be reached by a webhook, or None when it is a public address."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = _embedded_ipv4(address)
        if inner is not None:
            why = refusal(inner)
            return f"{address} embeds {inner}: {why}" if why else None
    for network in BLOCKED_NETWORKS:
        if network.version == address.version and address in network:
            return f"{address} is in {network} (private, loopback, link-local or reserved)"
    if not address.is_global:
        return f"{address} is not a public address"
    return None


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for host (A and AAAA)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    # sockaddr[0] is the address text; IPv6 scope ids ("fe80::1%eth0") are cut off before parsing.
    return list(dict.fromkeys(str(info[4][0]).split("%", 1)[0] for info in infos))


def _split(url: str) -> tuple[str, str, int, str]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UrlRefused(f"Not a valid URL: {exc}.", "url_invalid") from exc
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise UrlRefused("Only http and https URLs can receive webhooks.", "url_invalid")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise UrlRefused("The URL has no host.", "url_invalid")
    if parts.username is not None or parts.password is not None:
        raise UrlRefused(
            "Put no credentials in the URL: receivers authenticate deliveries by their signature.",
            "url_invalid",
        )
    if parts.fragment:
        raise UrlRefused("A webhook URL has no #fragment.", "url_invalid")
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return scheme, host, port or SCHEMES[scheme], path


def vet(url: str, allow: AllowList, resolve: Resolver = system_resolver) -> Target:
    """Check the URL and every address its host resolves to; raise UrlRefused, else the target."""
    scheme, host, port, path = _split(url)
    try:
        literal: IPAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    host_allowed = host.lower() in allow.hosts
    if literal is not None:
        addresses: Sequence[str] = [str(literal)]
    else:
        try:
            addresses = resolve(host, port)
        except (OSError, UnicodeError) as exc:
            raise UrlRefused(f"The host {host!r} cannot be resolved: {exc}.", "url_unresolvable") from exc
        if not addresses:
            raise UrlRefused(f"The host {host!r} resolves to no address.", "url_unresolvable")
    for text in addresses:
        address = ipaddress.ip_address(text)
        if host_allowed or allow.allows_address(address):
            continue
        why = refusal(address)
        if why is not None:
            named = f"{host} resolves to {why}" if literal is None else why
            raise UrlRefused(f"Webhooks may not reach this address: {named}.")
    return Target(scheme, host, port, path, addresses[0])
