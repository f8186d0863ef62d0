"""The webhook SSRF guard and sender, without a database: which addresses are refused, that the sender
connects to the vetted address (not a fresh DNS answer), and that redirects are not followed."""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kerjasama.integration.webhooks import delivery, ssrf

NO_ALLOW = ssrf.AllowList()
LOOPBACK_ALLOWED = ssrf.AllowList.parse(["127.0.0.1/32"])


def resolver(table: dict[str, list[str]]) -> ssrf.Resolver:
    def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return table[host]

    return resolve


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.1.2.3",
        "172.16.0.1",
        "172.31.255.254",
        "192.168.1.10",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # CGNAT
        "100.100.100.200",  # Alibaba metadata, inside CGNAT
        "0.0.0.0",
        "224.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fd00::1",
        "fd00:ec2::254",  # AWS metadata over IPv6
        "fc00::5",
        "fe80::1",
        "ff02::1",
        "::ffff:127.0.0.1",  # IPv4-mapped loopback
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "2002:a00:1::",  # 6to4 of 10.0.0.1
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
    ],
)
def test_private_and_special_addresses_are_refused(address: str) -> None:
    assert ssrf.refusal(ipaddress.ip_address(address)) is not None
    with pytest.raises(ssrf.UrlRefused) as caught:
        ssrf.vet(f"https://[{address}]/hook" if ":" in address else f"https://{address}/hook", NO_ALLOW)
    assert caught.value.code == "url_not_allowed"


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_pass(address: str) -> None:
    assert ssrf.refusal(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://10.0.0.8:8080/x",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:9000/",
    ],
)
def test_literal_urls_refused_without_allow_list(url: str) -> None:
    with pytest.raises(ssrf.UrlRefused, match="may not reach"):
        ssrf.vet(url, NO_ALLOW)


def test_localhost_is_refused_through_the_real_resolver() -> None:
    """`localhost` resolves (via /etc/hosts) to loopback: the name does not hide the address."""
    with pytest.raises(ssrf.UrlRefused, match="localhost resolves to"):
        ssrf.vet("http://localhost:8080/hook", NO_ALLOW)


def test_every_resolved_address_is_checked() -> None:
    mixed = resolver({"hooks.example.test": ["93.184.215.14", "10.0.0.7"]})
    with pytest.raises(ssrf.UrlRefused, match=r"10\.0\.0\.7"):
        ssrf.vet("https://hooks.example.test/x", NO_ALLOW, mixed)
    public = resolver({"hooks.example.test": ["93.184.215.14", "2606:4700:4700::1111"]})
    target = ssrf.vet("https://hooks.example.test/x?a=1", NO_ALLOW, public)
    assert (target.host, target.port, target.path, target.address) == (
        "hooks.example.test",
        443,
        "/x?a=1",
        "93.184.215.14",
    )


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("ftp://93.184.215.14/x", "url_invalid"),
        ("file:///etc/passwd", "url_invalid"),
        ("https://user:pw@93.184.215.14/x", "url_invalid"),
        ("https://93.184.215.14/x#frag", "url_invalid"),
        ("https:///nohost", "url_invalid"),
        ("https://93.184.215.14:99999/x", "url_invalid"),
        ("https://no-such-host.invalid/x", "url_unresolvable"),
    ],
)
def test_malformed_urls(url: str, code: str) -> None:
    with pytest.raises(ssrf.UrlRefused) as caught:
        ssrf.vet(url, NO_ALLOW, resolver({}))
    assert caught.value.code == code


def test_allow_list_networks_and_names() -> None:
    allow = ssrf.AllowList.parse(["127.0.0.1/32", "10.20.0.0/16", "hooks.intranet.local", "::1"])
    assert ssrf.vet("http://127.0.0.1:8080/", allow).address == "127.0.0.1"
    assert ssrf.vet("http://[::1]:8080/", allow).address == "::1"
    assert ssrf.vet("http://10.20.3.4/", allow).address == "10.20.3.4"
    with pytest.raises(ssrf.UrlRefused):
        ssrf.vet("http://10.21.0.1/", allow)
    intranet = resolver({"hooks.intranet.local": ["192.168.5.5"]})
    assert ssrf.vet("https://HOOKS.intranet.local/x", allow, intranet).address == "192.168.5.5"


# --- the sender against a real local server -------------------------------------------------------


class _Receiver(BaseHTTPRequestHandler):
    status = 200
    seen: list[dict[str, str]]

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        self.seen.append({"path": self.path, "host": self.headers.get("Host", "")})
        self.send_response(self.status)
        if self.status in (301, 302, 307):
            self.send_header("Location", "http://127.0.0.1:1/elsewhere")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass


@pytest.fixture
def receiver() -> Iterator[tuple[int, type[_Receiver]]]:
    handler = type("Handler", (_Receiver,), {"seen": [], "status": 200})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], handler
    finally:
        server.shutdown()
        server.server_close()


def test_sender_connects_to_the_vetted_address_and_names_the_host(
    receiver: tuple[int, type[_Receiver]],
) -> None:
    port, handler = receiver
    names = resolver({"hooks.example.test": ["127.0.0.1"]})
    outcome = delivery.post(
        f"http://hooks.example.test:{port}/in?x=1",
        b"{}",
        {},
        allow=LOOPBACK_ALLOWED,
        timeout=5,
        resolve=names,
    )
    assert outcome.ok and outcome.status_code == 200 and outcome.elapsed_ms is not None
    assert handler.seen == [{"path": "/in?x=1", "host": f"hooks.example.test:{port}"}]


def test_dns_rebinding_to_a_private_address_is_refused_at_send_time(
    receiver: tuple[int, type[_Receiver]],
) -> None:
    """The name was public when subscribed; now it points at loopback: nothing is sent."""
    port, handler = receiver
    rebound = resolver({"hooks.example.test": ["127.0.0.1"]})
    outcome = delivery.post(
        f"http://hooks.example.test:{port}/in", b"{}", {}, allow=NO_ALLOW, timeout=5, resolve=rebound
    )
    assert not outcome.ok and outcome.status_code is None
    assert outcome.error is not None and "refused before connecting" in outcome.error
    assert handler.seen == []


@pytest.mark.parametrize("status", [301, 302, 307])
def test_redirects_are_not_followed(receiver: tuple[int, type[_Receiver]], status: int) -> None:
    port, handler = receiver
    handler.status = status
    outcome = delivery.post(f"http://127.0.0.1:{port}/in", b"{}", {}, allow=LOOPBACK_ALLOWED, timeout=5)
    assert not outcome.ok and outcome.status_code == status
    assert outcome.error is not None and "redirects are not followed" in outcome.error
    assert len(handler.seen) == 1


def test_connection_refused_is_an_outcome_not_an_exception() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free_port = s.getsockname()[1]
    outcome = delivery.post(f"http://127.0.0.1:{free_port}/", b"{}", {}, allow=LOOPBACK_ALLOWED, timeout=5)
    assert not outcome.ok and outcome.error is not None and "Connection" in outcome.error
