"""The database going away under the running bot, and coming back: users are told to try again,
/healthz says 503, nothing is half-written, and the bot recovers by itself, without a restart.

On SQLite the database's folder disappears (a lost disk); on PostgreSQL the bot reaches the server
through a loopback proxy that the test stops (cutting every open connection) and starts again.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func
from sqlalchemy.engine import make_url
from sqlmodel import Session, select

from bot.app import create_app
from handlers.questions import STORE_DOWN
from store import FactStore
from store.persistence.models import Article, Conversation, Fact, Sentence
from tests.slack.conftest import bot_server, settings_for
from tests.slack_fake import FakeSlack, SlackClient, payload
from tests.tcp_proxy import TcpProxy


@dataclass
class Outage:
    """A store whose database the test can take away (``down``) and give back (``up``)."""

    store: FactStore
    down: Callable[[], None]
    up: Callable[[], None]


@pytest.fixture
def outage(fresh_seed_store: FactStore, store_engine: str, tmp_path: Path) -> Iterator[Outage]:
    if store_engine == "sqlite":
        yield from _sqlite_outage(fresh_seed_store, tmp_path)
    else:
        yield from _postgres_outage(fresh_seed_store)


def _sqlite_outage(seeded: FactStore, tmp_path: Path) -> Iterator[Outage]:
    folder, away = tmp_path / "disk", tmp_path / "away"
    folder.mkdir()
    with sqlite3.connect(make_url(seeded.engine.url).database) as source:
        with sqlite3.connect(folder / "bot.sqlite3") as target:
            source.backup(target)
    store = FactStore.open(f"sqlite:///{folder / 'bot.sqlite3'}", seeds_dir=None)
    store.ensure_ready()

    def down() -> None:
        # A lost disk breaks the open connections too; disposing the pool stands in for that.
        folder.rename(away)
        store.engine.dispose()

    yield Outage(store, down, lambda: away.rename(folder))
    store.engine.dispose()


def _postgres_outage(seeded: FactStore) -> Iterator[Outage]:
    url = seeded.engine.url
    proxy = TcpProxy((url.host or "127.0.0.1", url.port or 5432))
    proxy.start()
    proxied = url.set(host="127.0.0.1", port=proxy.port)
    store = FactStore.open(proxied.render_as_string(hide_password=False), seeds_dir=None)
    store.ensure_ready()
    yield Outage(store, proxy.stop, proxy.start)
    proxy.stop()
    store.engine.dispose()


@pytest.fixture
def slack(outage: Outage, fake_slack: FakeSlack, tmp_path: Path) -> Iterator[SlackClient]:
    app = create_app(settings_for(fake_slack, articles_dir=tmp_path), store=outage.store)
    with bot_server(app, outage.store) as base_url:
        client = SlackClient(base_url, fake_slack)
        yield client
        client.close()


def _health(slack: SlackClient) -> httpx.Response:
    return slack.http.get(slack.url.replace("/slack/events", "/healthz"))


def _counts(store: FactStore) -> tuple[int, ...]:
    with Session(store.engine) as session:
        return tuple(
            session.exec(select(func.count()).select_from(table)).one()
            for table in (Article, Sentence, Fact, Conversation)
        )


def _mention(text: str, event_id: str) -> dict:
    envelope = payload("app_mention.json")
    envelope["event_id"] = event_id
    envelope["event"]["text"] = text
    return envelope


def test_a_database_outage_gets_try_again_and_503_then_the_bot_recovers_by_itself(
    outage: Outage, slack: SlackClient
) -> None:
    slack.command("who is Tchiani", hook="before")
    slack.fake.wait_for("/hooks/before")  # the pool holds live connections now
    before = _counts(outage.store)
    assert _health(slack).status_code == 200

    outage.down()
    health = _health(slack)
    assert health.status_code == 503
    assert health.json() == {"ok": False, "store": "unreachable"}

    assert slack.command("who is Tchiani", hook="down").status_code == 200
    (reply,) = slack.fake.wait_for("/hooks/down", timeout=15)
    assert reply.body["response_type"] == "ephemeral"
    assert STORE_DOWN in reply.body["text"]

    mention = _mention("<@UBOT> troops France", "EvDown1")
    assert slack.event(mention).status_code == 200
    (said,) = slack.fake.wait_for("/chat.postEphemeral", timeout=15)
    assert STORE_DOWN in said.body["text"], "a mention is answered too, not dropped"
    assert said.body["user"] == mention["event"]["user"], "only the person who asked sees it"
    assert said.body["thread_ts"] == mention["event"]["ts"]
    assert not slack.fake.to("/chat.postMessage"), "the channel sees no error"

    outage.up()
    deadline = time.monotonic() + 15
    while _health(slack).status_code != 200:
        assert time.monotonic() < deadline, "the store did not come back"
        time.sleep(0.2)
    slack.command("who is Tchiani", hook="after")
    (after,) = slack.fake.wait_for("/hooks/after", timeout=15)
    assert "Abdourahamane Tchiani" in str(after.body["blocks"])
    assert _counts(outage.store) == before, "nothing was half-written during the outage"
    assert outage.store.recall_query("C0NEWSROOM:1700000000.000100") is None
    assert outage.store.claim_event("EvDown1"), "an event answered during the outage is unclaimed"


@pytest.mark.parametrize("command", ["sources", "sources log", "reload"])
def test_listings_and_admin_words_say_try_again_during_an_outage(
    outage: Outage, slack: SlackClient, command: str
) -> None:
    slack.command("who is Tchiani", hook="before")
    slack.fake.wait_for("/hooks/before")
    outage.down()
    slack.command(command, hook="down")
    (reply,) = slack.fake.wait_for("/hooks/down", timeout=15)
    assert reply.body["response_type"] == "ephemeral"
    assert STORE_DOWN in reply.body["text"]
    outage.up()
