"""A running bot for Slack tests: the real WSGI server on loopback, a real store, fake Slack."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import waitress
from slack_bolt import App

from bot.app import create_app
from bot.config import Settings
from bot.server import make_wsgi_app
from store import FactStore
from tests.slack_fake import (  # noqa: F401  (serving & co. are re-exported for the tests)
    SIGNING_SECRET,
    FakeSlack,
    SlackClient,
    niger_bot,
    serve_env,
    serving,
)

ADMIN = "U0ADMIN"


@dataclass
class Bot:
    """What a Slack test drives (``slack``, signed requests) and observes (``fake``, ``store``,
    and ``articles``, the folder a reload syncs with: a copy of the seeds)."""

    slack: SlackClient
    fake: FakeSlack
    store: FactStore
    articles: Path


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack()
    yield fake
    fake.close()


def settings_for(fake: FakeSlack, **overrides: object) -> Settings:
    return Settings(
        slack_bot_token="xoxb-test",
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=fake.base_url,
        admin_user_ids=frozenset({ADMIN}),
        **overrides,  # type: ignore[arg-type]
    )


@pytest.fixture
def bot(
    fresh_seed_store: FactStore, fake_slack: FakeSlack, tmp_path: Path, seeds_dir: Path
) -> Iterator[Bot]:
    """The bot serving HTTP on an ephemeral port, exactly as `niger-bot serve` runs it, with
    U0ADMIN as its one admin."""
    articles = tmp_path / "articles"
    shutil.copytree(seeds_dir, articles)
    settings = settings_for(fake_slack, articles_dir=articles, allow_private_urls=True)
    app = create_app(settings, store=fresh_seed_store)
    with bot_server(app, fresh_seed_store) as base_url:
        client = SlackClient(base_url, fake_slack)
        yield Bot(client, fake_slack, fresh_seed_store, articles)
        client.close()


@contextmanager
def bot_server(app: App, store: FactStore) -> Iterator[str]:
    """``app`` served over HTTP on an ephemeral loopback port, as `niger-bot serve` serves it;
    yields the base URL."""
    server = waitress.create_server(make_wsgi_app(app, store), host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        stop_server(server, thread)


def stop_server(server: Any, thread: threading.Thread) -> None:
    """Stop a waitress server running ``server.run`` in ``thread``. It is closed from its own
    loop thread: closing it from here races its poll(). A loop already closing has closed its
    trigger too (EBADF): it needs no second close."""
    if thread.is_alive():
        with suppress(OSError):
            server.trigger.pull_trigger(server.close)
    thread.join(timeout=10)
