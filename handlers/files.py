"""Articles uploaded to the bot in a DM: admins' files are downloaded with the bot token, checked,
and ingested; everyone else is told politely that only admins can add articles."""

from __future__ import annotations

import logging
import time
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

import httpx
from slack_bolt import App, Say
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.acks import ack_at_once
from handlers.admin import AdminCheck, AdminOptions, refusal
from handlers.blocks import Message, render_error, render_lines
from store import (
    ARTICLE_SUFFIXES,
    MAX_ARTICLE_BYTES,
    ArticleError,
    FactStore,
    NigerBotError,
    article_kind,
    read_bounded,
)

MAX_UPLOAD_BYTES = MAX_ARTICLE_BYTES  # an upload is an article: the store's limit
UPLOAD_SUFFIXES = tuple(sorted(ARTICLE_SUFFIXES))
SLACK_FILE_HOSTS = ("slack.com", "slack-edge.com", "slack-files.com")
TIMEOUT = httpx.Timeout(20.0, connect=5.0)
DOWNLOAD_SECONDS = 60.0

log = logging.getLogger(__name__)


class UploadError(NigerBotError, ValueError):
    """The upload cannot be used; the message says why, for the admin who sent it."""


def _is_file_share_in_dm(event: dict) -> bool:
    return event.get("channel_type") == "im" and event.get("subtype") == "file_share"


def register(app: App, *, store: FactStore, options: AdminOptions, admins: AdminCheck) -> None:
    def upload(event: dict, say: Say, client: WebClient) -> None:
        if event.get("bot_id"):
            return
        user = event.get("user", "")
        if not admins.is_admin(user, client):
            message = refusal(store, user_id=user, action="add articles to")
            say(thread_ts=event.get("thread_ts"), **message.payload())
            return
        for shared in event.get("files") or []:
            message = _ingest_upload(shared, store=store, client=client, user=user, options=options)
            say(thread_ts=event.get("thread_ts"), **message.payload())

    app.event("message", matchers=[_is_file_share_in_dm])(ack=ack_at_once, lazy=[upload])


def _ingest_upload(
    shared: dict, *, store: FactStore, client: WebClient, user: str, options: AdminOptions
) -> Message:
    name = PurePosixPath(str(shared.get("name") or "upload")).name
    try:
        info = _file_info(shared, client)
        raw = download(info, token=client.token or "", extra_hosts=options.file_hosts)
    except UploadError as error:
        store.record_refusal(actor=user, action="add upload", reason=f"{name}: {error}")
        return render_error(f"Could not add {name}: {error}")
    result = store.add_upload(raw, name=name, actor=user, limits=options.worker_limits)
    if result.status == "failed":
        return render_error(f"Could not add {name}: {result.reason}")
    return render_lines(f"Added {name}", [result.describe()])


def _file_info(shared: dict, client: WebClient) -> dict:
    """Slack Connect files arrive as stubs that must be looked up before they can be read."""
    if shared.get("file_access") != "check_file_info":
        return shared
    try:
        return client.files_info(file=shared["id"])["file"]
    except (SlackApiError, KeyError) as error:
        raise UploadError("Slack would not describe the file") from error


def download(info: dict, *, token: str, extra_hosts: frozenset[str] = frozenset()) -> bytes:
    """Fetch a Slack-hosted file, sending the token only to Slack's hosts, within the size limit.

    Slack answers a wrong token or a missing files:read scope with its HTML login page and
    status 200; that page is told apart from an uploaded HTML article by its type and size.
    """
    name = str(info.get("name") or "")
    if not name.lower().endswith(UPLOAD_SUFFIXES):
        raise UploadError(f"only {', '.join(UPLOAD_SUFFIXES)} files can be added")
    declared = info.get("size")
    if isinstance(declared, int) and declared > MAX_UPLOAD_BYTES:
        raise UploadError(f"it is {declared:,} bytes; the limit is {MAX_UPLOAD_BYTES:,}")
    url = info.get("url_private_download") or info.get("url_private")
    if not url:
        raise UploadError("Slack sent no download link for it")
    content, content_type = _get(url, token=token, hosts=extra_hosts)
    is_html_file = article_kind(name) == "html"
    if content_type == "text/html" and not is_html_file:
        raise UploadError(
            "Slack sent a login page instead of the file; the bot token may lack files:read"
        )
    if isinstance(declared, int) and len(content) != declared:
        raise UploadError(
            f"the download was {len(content):,} bytes but Slack said {declared:,}; "
            "it is not the uploaded file (is files:read granted?)"
        )
    return content


def _get(url: str, *, token: str, hosts: frozenset[str]) -> tuple[bytes, str]:
    deadline = time.monotonic() + DOWNLOAD_SECONDS  # in all: the timeouts are per read
    with httpx.Client(timeout=TIMEOUT, follow_redirects=False) as http:
        for _ in range(5):
            if not _slack_host(url, hosts):
                raise UploadError("the download link does not point at Slack")
            try:
                headers = {"Authorization": f"Bearer {token}", "Accept-Encoding": "identity"}
                with http.stream("GET", url, headers=headers) as r:
                    if r.is_redirect and "location" in r.headers:
                        url = urljoin(url, r.headers["location"])
                        continue
                    if r.status_code != 200:
                        raise UploadError(f"Slack answered HTTP {r.status_code} to the download")
                    content_type = r.headers.get("content-type", "").split(";")[0].strip()
                    try:
                        content = read_bounded(
                            r, limit=MAX_UPLOAD_BYTES, what="it", deadline=deadline
                        )
                    except ArticleError as error:
                        raise UploadError(str(error)) from error
                    return content, content_type.lower()
            except httpx.HTTPError as error:
                raise UploadError(f"the download failed ({type(error).__name__})") from error
    raise UploadError("too many redirects")


def _slack_host(url: str, extra: frozenset[str]) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme == "https" and any(
        host == h or host.endswith("." + h) for h in SLACK_FILE_HOSTS
    ):
        return True
    return f"{host}:{parts.port}" in extra if parts.port else host in extra
