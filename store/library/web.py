"""Fetch an article page by URL, safely: web schemes only, public unicast addresses only (checked
once and then connected to, on every redirect), bounded in time and size, so that `/niger add
<url>` cannot be turned against the bot's own network. Slack file downloads read their bodies
through the same `read_bounded`."""

from __future__ import annotations

import ipaddress
import socket
import time
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from store.extraction.reader import ArticleError

if TYPE_CHECKING:
    import httpx

MAX_PAGE_BYTES = 5_000_000
DEADLINE_SECONDS = 20.0
"""For the whole fetch, redirects included; a read already waiting may add READ_SECONDS."""
READ_SECONDS = 5.0
CONNECT_SECONDS = 5.0
MAX_REDIRECTS = 5
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown")
DECOMPRESSED = ("gzip", "x-gzip", "deflate")
HEADERS = {"User-Agent": "niger-bot/1", "Accept-Encoding": "identity"}

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
IPV4_TRANSLATED = ipaddress.ip_network("::ffff:0:0:0/96")


@dataclass(frozen=True, slots=True)
class Page:
    url: str
    content: bytes
    kind: str  # "html" or "text", as parse_article reads it


@dataclass(frozen=True, slots=True)
class Target:
    """A URL resolved once: the address to connect to, and the name to present (Host, SNI)."""

    url: str
    address: IPAddress
    host: str  # ASCII (IDNA) host name, for SNI and certificate checks
    netloc: str  # the Host header


def fetch_page(
    url: str, *, allow_private: bool = False, deadline_seconds: float = DEADLINE_SECONDS
) -> Page:
    """Download one page, following at most a few redirects, each checked like the first URL.

    Each hop's name is resolved once, every address it resolves to is checked, and the
    connection goes to a checked address (so a DNS answer that changes between the check and
    the connection reaches nothing new); the certificate is still checked against the name.
    Raises ArticleError with a reason a user can act on.
    """
    import httpx  # here, not at module level: every `niger-bot ask` would pay for it

    deadline = time.monotonic() + deadline_seconds
    # trust_env=False: a proxy from the environment would connect to the name, unchecked.
    with httpx.Client(follow_redirects=False, trust_env=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            target = resolve(url, allow_private=allow_private)
            left = deadline - time.monotonic()
            if left <= 0:
                raise ArticleError("the page took too long to answer")
            request = client.build_request(
                "GET",
                _connect_url(target),
                headers={**HEADERS, "Host": target.netloc},
                timeout=httpx.Timeout(min(READ_SECONDS, left), connect=min(CONNECT_SECONDS, left)),
                extensions={"sni_hostname": target.host},
            )
            try:
                response = client.send(request, stream=True)
                try:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    if response.status_code != 200:
                        raise ArticleError(f"the page answered HTTP {response.status_code}")
                    kind = _kind(response)
                    content = read_bounded(response, limit=MAX_PAGE_BYTES, deadline=deadline)
                    return Page(url, content, kind)
                finally:
                    response.close()
            except httpx.TimeoutException as error:
                raise ArticleError("the page took too long to answer") from error
            except httpx.HTTPError as error:
                raise ArticleError(f"could not fetch the page ({type(error).__name__})") from error
    raise ArticleError(f"more than {MAX_REDIRECTS} redirects")


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Refuse non-web schemes, and hosts that resolve to anything but public unicast addresses."""
    resolve(url, allow_private=allow_private)


def resolve(url: str, *, allow_private: bool = False) -> Target:
    """Check ``url`` and resolve its host once: every address must be public unicast (unless
    ``allow_private``); the first is the one to connect to."""
    import httpx

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ArticleError("only http:// and https:// URLs can be added")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:  # out of range, or not a number
        raise ArticleError("the URL's port is not a port (a number from 1 to 65535)") from error
    try:
        parsed = httpx.URL(url)
        host = parsed.raw_host.decode("ascii")
    except (ValueError, UnicodeError, httpx.InvalidURL) as error:
        raise ArticleError(f"the URL is not valid ({str(error)[:100]})") from error
    if parts.username is not None or parts.password is not None:
        raise ArticleError("URLs with a user name or password are not fetched")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise ArticleError(f"cannot resolve {host}") from error
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    if not addresses:
        raise ArticleError(f"cannot resolve {host}")
    if not allow_private:
        for address in addresses:
            if problem := address_problem(address):
                raise ArticleError(
                    f"{host} is a private or local address ({address}: {problem}); "
                    "only public pages can be added"
                )
    return Target(url, addresses[0], host, parsed.netloc.decode("ascii"))


def address_problem(address: IPAddress) -> str | None:
    """Why ``address`` is not a public unicast address, or None when it is. IPv6 forms that
    carry an IPv4 address (mapped, translated, compatible, NAT64, 6to4, Teredo) are judged by
    the IPv4 address too, since that is where a packet may end up."""
    for inner in embedded_ipv4(address):
        if problem := address_problem(inner):
            return f"{problem}, inside {address}"
    for name in ("multicast", "unspecified", "loopback", "link_local", "reserved", "private"):
        if getattr(address, f"is_{name}"):
            return name.replace("_", "-")
    if not address.is_global:  # e.g. 100.64.0.0/10, shared address space
        return "not globally routable"
    return None


def embedded_ipv4(address: IPAddress) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries, by any of the transition mechanisms."""
    if not isinstance(address, ipaddress.IPv6Address):
        return []
    found = [a for a in (address.ipv4_mapped, address.sixtofour) if a is not None]
    if address.teredo:
        found.extend(address.teredo)
    low32 = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if any(address in network for network in NAT64) or address in IPV4_TRANSLATED:
        found.append(low32)
    elif address in IPV4_COMPATIBLE and int(address) > 1:  # "::" and "::1" are judged as IPv6
        found.append(low32)
    return found


def _connect_url(target: Target) -> str:
    """The URL with its host replaced by the checked address."""
    import httpx

    return str(httpx.URL(target.url).copy_with(host=str(target.address)))


def read_bounded(
    response: httpx.Response,
    *,
    limit: int,
    what: str = "the page",
    deadline: float | None = None,
) -> bytes:
    """The body of a streamed response, refused as soon as it passes ``limit`` bytes, or when
    the monotonic ``deadline`` passes (a server trickling a byte at a time is stopped there).

    Bodies are asked for uncompressed; one that comes gzip- or deflate-encoded anyway is
    inflated a bounded piece at a time, so a small bomb cannot grow past ``limit``. Stacked or
    other encodings are refused. Shared with Slack file downloads."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ArticleError(f"{what} is {int(declared):,} bytes; the limit is {limit:,}")
    encoding = response.headers.get("content-encoding", "")
    codings = [c.strip().lower() for c in encoding.split(",") if c.strip().lower() != "identity"]
    codings = [c for c in codings if c]
    if len(codings) > 1 or (codings and codings[0] not in DECOMPRESSED):
        raise ArticleError(f"{what} came encoded as {encoding[:40]!r}, which is not read")
    inflater = zlib.decompressobj(wbits=47) if codings else None  # 47: gzip or zlib header
    chunks: list[bytes] = []
    size = received = 0
    try:
        for chunk in response.iter_raw():
            if deadline is not None and time.monotonic() > deadline:
                raise ArticleError(f"{what} took too long to arrive")
            received += len(chunk)
            if received > limit:
                raise ArticleError(f"{what} is larger than {limit:,} bytes")
            pending = chunk
            while pending:
                data = inflater.decompress(pending, limit - size + 1) if inflater else pending
                pending = inflater.unconsumed_tail if inflater else b""
                size += len(data)
                if size > limit:
                    raise ArticleError(f"{what} is larger than {limit:,} bytes")
                chunks.append(data)
    except zlib.error as error:
        raise ArticleError(f"{what} could not be decompressed") from error
    return b"".join(chunks)


def _kind(response: httpx.Response) -> str:
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type and content_type not in TEXT_TYPES:
        raise ArticleError(f"the page is {content_type[:60]}, not an article")
    return "text" if content_type in ("text/plain", "text/markdown") else "html"
