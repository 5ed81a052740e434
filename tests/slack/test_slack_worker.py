"""A hostile upload is read in a worker process under limits: while it is being extracted,
other people's acks and the health check stay fast, and when it passes its CPU limit it is
stopped and the admin is told why."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.app import create_app
from store import FactStore
from tests.slack.conftest import ADMIN, Bot, bot_server, settings_for
from tests.slack.test_slack_admin import _text_of, _upload
from tests.slack_fake import FakeSlack, SlackClient

CPU_SECONDS = 2


@pytest.fixture
def limited_bot(
    fresh_seed_store: FactStore, fake_slack: FakeSlack, tmp_path: Path
) -> Iterator[Bot]:
    """The bot with EXTRACT_CPU_SECONDS=2: an article needing more is stopped."""
    settings = settings_for(fake_slack, articles_dir=tmp_path, extract_cpu_seconds=CPU_SECONDS)
    app = create_app(settings, store=fresh_seed_store)
    with bot_server(app, fresh_seed_store) as base_url:
        client = SlackClient(base_url, fake_slack)
        yield Bot(client, fake_slack, fresh_seed_store, tmp_path)
        client.close()


def hostile_article(seeds_dir: Path) -> bytes:
    """4 MB of real news text with a 50 kB line of spaces in the middle (which took 101 s of
    backtracking to split into sentences): many seconds of extraction on any extractor."""
    text = "\n\n".join(p.read_text() for p in sorted(seeds_dir.glob("*.txt")))
    body = (text * (2_000_000 // len(text) + 1))[:2_000_000]
    return (body + "\n" + " " * 50_000 + "x\n" + body).encode()


def test_acks_and_health_stay_fast_while_a_hostile_upload_is_extracted(
    limited_bot: Bot, seeds_dir: Path
) -> None:
    bot = limited_bot
    before = len(bot.store.sources())
    _upload(
        bot,
        user=ADMIN,
        name="hostile.txt",
        body=hostile_article(seeds_dir),
        content_type="text/plain",
    )
    acks, health = [], []
    with httpx.Client(timeout=30) as http:
        base = bot.slack.url.removesuffix("/slack/events")
        for i in range(8):
            started = time.perf_counter()
            assert bot.slack.command(f"troops France {i}", hook=f"q{i}").status_code == 200
            acks.append(time.perf_counter() - started)
            started = time.perf_counter()
            assert http.get(f"{base}/healthz").status_code == 200
            health.append(time.perf_counter() - started)
            time.sleep(0.1)
    measured_until = time.perf_counter()
    (reply,) = bot.fake.wait_for("/chat.postMessage", timeout=60)
    assert reply.at > measured_until, "the upload was still being read while acks were timed"
    assert f"more than {CPU_SECONDS} s of CPU" in _text_of(reply.body)
    assert max(acks) < 2.0, acks  # in-process, one such upload held acks for 82 s
    assert max(health) < 2.0, health
    assert len(bot.store.sources()) == before
    for i in range(8):  # and every question was answered meanwhile
        bot.fake.wait_for(f"/hooks/q{i}", timeout=30)
