"""A running bot for Slack tests: the real WSGI server on loopback, a real store, fake Slack."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import waitress

from bot.app import create_app
from bot.config import DEFAULT_SEEDS_DIR, Settings
from bot.server import make_wsgi_app
from store import FactStore
from tests.slack_fake import SIGNING_SECRET, FakeSlack, SlackClient

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
    server = waitress.create_server(
        make_wsgi_app(app, fresh_seed_store), host="127.0.0.1", port=0, threads=4
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    client = SlackClient(f"http://127.0.0.1:{server.effective_port}", fake_slack)
    yield Bot(client, fake_slack, fresh_seed_store, articles)
    client.close()
    # Closed from the server's own loop thread: closing it from here races its poll().
    server.trigger.pull_trigger(server.close)
    thread.join(timeout=10)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_env(database_url: str, fake: FakeSlack, **extra: str) -> dict[str, str]:
    """The environment of a `niger-bot serve` process: only what the settings read."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.update(
        DATABASE_URL=database_url,
        SEEDS_DIR=str(DEFAULT_SEEDS_DIR),
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake.base_url,
        **extra,
    )
    return env


def niger_bot(*args: str) -> list[str]:
    return [sys.executable, "-c", "from bot.cli import main; main()", *args]


@contextmanager
def serving(env: dict[str, str], fake: FakeSlack) -> Iterator[SlackClient]:
    """A `niger-bot serve` process, ready (its /healthz answers), stopped with SIGTERM after."""
    port = free_port()
    process = subprocess.Popen(
        niger_bot("serve", "--host", "127.0.0.1", "--port", str(port)),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("serve did not start: " + process.stdout.read().decode())
        time.sleep(0.1)
    client = SlackClient(base, fake)
    try:
        yield client
    finally:
        client.close()
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
