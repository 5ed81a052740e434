"""Pages fetched by URL: only public unicast addresses, however an address is written; the name
is resolved once and the connection goes where the check looked; bodies are bounded in size
(compressed or not) and in time; what a page says about itself is not taken as the source."""

from __future__ import annotations

import gzip
import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from store import FactStore
from store.extraction.reader import ArticleError
from store.library.web import address_problem, fetch_page, resolve

ARTICLE_HTML = (
    "<html><head><title>Ghana pledges troops</title>"
    '<meta property="og:site_name" content="Reuters">'
    '<meta property="og:url" content="https://www.reuters.com/world/africa/ghana-troops">'
    '<meta property="article:published_time" content="2025-02-05"></head><body><article>'
    "<h1>Ghana pledges troops</h1><p>Accra (Wire) — Ghana will send 500 troops to Niger, the "
    "defence ministry said on Tuesday, in a statement read on state television.</p>"
    "<p>The soldiers will join a regional force, officials said.</p></article></body></html>"
).encode()


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("127.0.0.1", "loopback"),
        ("10.0.0.8", "private"),
        ("169.254.169.254", "link-local"),
        ("224.0.0.1", "multicast"),
        ("239.255.255.250", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "not globally routable"),
        ("::1", "loopback"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("ff0e::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback, inside ::ffff:7f00:1"),
        ("::ffff:0:7f00:1", "loopback, inside ::ffff:0:7f00:1"),
        ("64:ff9b::7f00:1", "loopback, inside 64:ff9b::7f00:1"),
        ("64:ff9b:1::a00:8", "private, inside 64:ff9b:1::a00:8"),
        ("2002:7f00:1::", "loopback, inside 2002:7f00:1::"),
        ("2002:a9fe:a9fe::1", "link-local, inside 2002:a9fe:a9fe::1"),
        ("::127.0.0.1", "loopback, inside ::7f00:1"),
        ("::10.1.2.3", "private, inside ::a01:203"),
        ("64:ff9b::808:808", "reserved"),  # NAT64 even to a public address: not global
    ],
)
def test_addresses_outside_the_public_unicast_internet_are_named(address: str, problem: str):
    assert address_problem(ipaddress.ip_address(address)) == problem


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "2002:808:808::1"]
)
def test_public_unicast_addresses_pass(address: str) -> None:
    assert address_problem(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://host:99999/", "port is not a port"),
        ("http://user:pass@example.org/", "user name or password"),
        ("gopher://example.org/", "only http"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://[64:ff9b::7f00:1]/", "loopback"),
        ("http://224.0.0.1/", "multicast"),
    ],
)
def test_urls_are_refused_with_a_reason(url: str, reason: str) -> None:
    with pytest.raises(ArticleError, match=reason):
        resolve(url)


Handler = Callable[[BaseHTTPRequestHandler], None]


@pytest.fixture
def serve() -> Iterator[Callable[[Handler], str]]:
    """Start a local HTTP server whose GET is ``handler``; returns its base URL."""
    servers: list[ThreadingHTTPServer] = []

    def start(handler: Handler) -> str:
        class Handle(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                handler(self)

            def log_message(self, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handle)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _send(request: BaseHTTPRequestHandler, body: bytes, **headers: str) -> None:
    request.send_response(200)
    request.send_header("Content-Type", "text/html")
    for name, value in headers.items():
        request.send_header(name.replace("_", "-"), value)
    request.send_header("Content-Length", str(len(body)))
    request.end_headers()
    request.wfile.write(body)


def test_a_stacked_gzip_bomb_is_refused_unread(serve) -> None:
    bomb = gzip.compress(gzip.compress(b"\0" * 50_000_000))
    assert len(bomb) < 10_000
    base = serve(lambda r: _send(r, bomb, Content_Encoding="gzip, gzip"))
    with pytest.raises(ArticleError, match="encoded as 'gzip, gzip'"):
        fetch_page(base, allow_private=True)


def test_a_gzip_bomb_is_stopped_at_the_size_limit(serve) -> None:
    bomb = gzip.compress(b"\0" * 50_000_000)
    base = serve(lambda r: _send(r, bomb, Content_Encoding="gzip"))
    with pytest.raises(ArticleError, match="larger than 5,000,000 bytes"):
        fetch_page(base, allow_private=True)


def test_a_page_is_asked_for_uncompressed_and_read_even_when_gzipped(serve) -> None:
    seen: list[str] = []

    def handler(request: BaseHTTPRequestHandler) -> None:
        seen.append(request.headers["Accept-Encoding"])
        _send(request, gzip.compress(ARTICLE_HTML), Content_Encoding="gzip")

    page = fetch_page(serve(handler), allow_private=True)
    assert seen == ["identity"]
    assert page.content == ARTICLE_HTML


def test_a_trickling_server_is_cut_off_at_the_deadline(serve) -> None:
    def trickle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.end_headers()
        for _ in range(200):
            request.wfile.write(b"<p>")
            request.wfile.flush()
            time.sleep(0.1)

    base = serve(trickle)
    started = time.monotonic()
    with pytest.raises(ArticleError, match="too long"):
        fetch_page(base, allow_private=True, deadline_seconds=1.0)
    assert time.monotonic() - started < 3  # each read came within the per-read timeout


def test_the_name_is_resolved_once_and_the_checked_address_is_the_one_connected_to(
    serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A resolver that answers the server's address first and an unroutable one after (DNS
    rebinding turned around): the fetch only works if the connection uses the first answer."""
    hosts: list[str] = []
    base = serve(lambda r: (hosts.append(r.headers["Host"]), _send(r, ARTICLE_HTML)))
    port = int(base.rsplit(":", 1)[1])
    real = socket.getaddrinfo
    answers: list[str] = []

    def rebinding(host, *args, **kwargs):
        if host != "news.example":
            return real(host, *args, **kwargs)
        answers.append("127.0.0.1" if not answers else "192.0.2.1")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answers[-1], port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    page = fetch_page(f"http://news.example:{port}/a", allow_private=True)
    assert answers == ["127.0.0.1"]
    assert hosts == [f"news.example:{port}"]
    assert page.url == f"http://news.example:{port}/a"


def test_a_page_claiming_another_sites_url_and_name_is_stored_as_what_was_fetched(
    serve, empty_store: FactStore
) -> None:
    base = serve(lambda r: _send(r, ARTICLE_HTML))
    result = empty_store.add_url(f"{base}/ghana", actor="UADMIN", allow_private=True)
    assert result.status == "added", result.reason
    source = empty_store.ask("troops Ghana").answers[0].source
    assert source.url == f"{base}/ghana"
    assert source.outlet == "Reuters (self-declared; fetched from 127.0.0.1)"


def test_every_redirect_hop_is_checked_like_the_first(serve) -> None:
    def redirect(request: BaseHTTPRequestHandler) -> None:
        request.send_response(302)
        request.send_header("Location", "http://user:secret@127.0.0.1:1/next")
        request.send_header("Content-Length", "0")
        request.end_headers()

    with pytest.raises(ArticleError, match="user name or password"):
        fetch_page(serve(redirect), allow_private=True)
