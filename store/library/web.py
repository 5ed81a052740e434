"""Fetch an article page by URL, safely: web schemes only, public hosts only, bounded in time and
size, so that `/niger add <url>` cannot be turned against the bot's own network."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from store.extraction.reader import ArticleError

MAX_PAGE_BYTES = 5_000_000
TIMEOUT_SECONDS = 10.0
CONNECT_SECONDS = 5.0

if TYPE_CHECKING:
    import httpx
MAX_REDIRECTS = 5
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown")


@dataclass(frozen=True, slots=True)
class Page:
    url: str
    content: bytes
    kind: str  # "html" or "text", as parse_article reads it


def fetch_page(url: str, *, allow_private: bool = False) -> Page:
    """Download one page, following at most a few redirects, each checked like the first URL.

    Raises ArticleError with a reason a user can act on.
    """
    import httpx  # here, not at module level: every `niger-bot ask` would pay for it

    timeout = httpx.Timeout(TIMEOUT_SECONDS, connect=CONNECT_SECONDS)
    with httpx.Client(timeout=timeout, follow_redirects=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(url, allow_private=allow_private)
            try:
                with client.stream("GET", url, headers={"User-Agent": "niger-bot/1"}) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    if response.status_code != 200:
                        raise ArticleError(f"the page answered HTTP {response.status_code}")
                    return Page(url, read_bounded(response, limit=MAX_PAGE_BYTES), _kind(response))
            except httpx.TimeoutException as error:
                raise ArticleError("the page took too long to answer") from error
            except httpx.HTTPError as error:
                raise ArticleError(f"could not fetch the page: {error}") from error
    raise ArticleError(f"more than {MAX_REDIRECTS} redirects")


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Refuse non-web schemes, and hosts that resolve to loopback, private or link-local
    addresses (every address the name resolves to is checked)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ArticleError("only http:// and https:// URLs can be added")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise ArticleError(f"cannot resolve {parts.hostname}") from error
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise ArticleError(
                f"{parts.hostname} is a private or local address ({address}); "
                "only public pages can be added"
            )


def read_bounded(response: httpx.Response, *, limit: int, what: str = "the page") -> bytes:
    """The body of a streamed response, refused as soon as it passes ``limit`` bytes (decoded,
    so a compressed bomb is stopped too). Shared with Slack file downloads."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ArticleError(f"{what} is {int(declared):,} bytes; the limit is {limit:,}")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise ArticleError(f"{what} is larger than {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _kind(response: httpx.Response) -> str:
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type and content_type not in TEXT_TYPES:
        raise ArticleError(f"the page is {content_type}, not an article")
    return "text" if content_type in ("text/plain", "text/markdown") else "html"
