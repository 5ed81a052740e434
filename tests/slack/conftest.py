"""A running bot for Slack tests: the real WSGI server on loopback, a real store, fake Slack."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import waitress

from bot.app import create_app
from bot.config import Settings
from bot.server import make_wsgi_app
from store import FactStore
from tests.slack_fake import SIGNING_SECRET, FakeSlack, SlackClient


@dataclass
class Bot:
    """What a Slack test drives (``slack``, signed requests) and observes (``fake``, ``store``)."""

    slack: SlackClient
    fake: FakeSlack
    store: FactStore


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
        **overrides,  # type: ignore[arg-type]
    )


@pytest.fixture
def bot(fresh_seed_store: FactStore, fake_slack: FakeSlack) -> Iterator[Bot]:
    """The bot serving HTTP on an ephemeral port, exactly as `niger-bot serve` runs it."""
    app = create_app(settings_for(fake_slack), store=fresh_seed_store)
    server = waitress.create_server(
        make_wsgi_app(app, fresh_seed_store), host="127.0.0.1", port=0, threads=4
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    client = SlackClient(f"http://127.0.0.1:{server.effective_port}", fake_slack)
    yield Bot(client, fake_slack, fresh_seed_store)
    client.close()
    server.close()
