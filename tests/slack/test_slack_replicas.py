"""Two `niger-bot serve` replicas on one database, as behind a load balancer: one reply per event
whichever replica gets it, a reload through one answered by the other, no duplicate articles, and
one reload at a time across both. Runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set."""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from store import FactStore
from store.library.admin import RELOAD_LOCK
from store.persistence.locks import exclusive
from tests.conftest import DATA, ENGINES, engine_for
from tests.databases import Databases
from tests.slack.conftest import ADMIN, serve_env, serving
from tests.slack_fake import FakeSlack, SlackClient, payload


@dataclass
class Replicas:
    one: SlackClient
    two: SlackClient
    fake: FakeSlack
    store: FactStore
    articles: Path


@pytest.fixture(scope="module", params=ENGINES)
def replicas(
    request: pytest.FixtureRequest, databases: Databases, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Replicas]:
    engine = engine_for(request)
    url = databases.create(engine)
    articles = tmp_path_factory.mktemp("articles")
    for seed in DATA.parent.parent.joinpath("seeds").iterdir():
        (articles / seed.name).write_bytes(seed.read_bytes())
    fake = FakeSlack()
    env = serve_env(url, fake, ADMIN_USER_IDS=ADMIN, ARTICLES_DIR=str(articles))
    with serving(env, fake) as one, serving(env, fake) as two:
        store = FactStore.open(url)
        yield Replicas(one, two, fake, store, articles)
        store.engine.dispose()
    fake.close()
    databases.drop(url)


@pytest.fixture
def both(replicas: Replicas) -> Replicas:
    replicas.fake.calls.clear()
    return replicas


def test_an_event_delivered_to_both_replicas_and_retried_gets_one_reply(both: Replicas) -> None:
    envelope = payload("app_mention.json")
    envelope["event_id"] = f"EvBoth-{time.time_ns()}"
    envelope["event"]["text"] = "<@UBOT> French troops"
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    deliveries = [
        (both.one, {}),
        (both.two, {}),
        (both.one, retry),
        (both.two, retry),
    ]
    with ThreadPoolExecutor(4) as pool:
        statuses = list(
            pool.map(
                lambda d: d[0].event(copy.deepcopy(envelope), headers=d[1]).status_code, deliveries
            )
        )
    assert statuses == [200] * 4
    both.fake.wait_for("/chat.postMessage", 1, settle=1.0)
    assert len(both.fake.to("/chat.postMessage")) == 1


def test_a_reload_through_one_replica_is_answered_by_the_other_within_two_seconds(
    both: Replicas,
) -> None:
    (both.articles / "exercise.txt").write_bytes((DATA / "articles" / "exercise.txt").read_bytes())
    both.one.command("reload", user=ADMIN)
    both.fake.wait_for("/hooks/cmd", 2, timeout=30)
    reloaded = time.monotonic()
    both.two.command("troops Cameroon")
    (_, _, answer) = both.fake.wait_for("/hooks/cmd", 3)
    assert time.monotonic() - reloaded < 2
    assert "Chad and Cameroon" in json.dumps(answer.body["blocks"], ensure_ascii=False)


def test_the_same_upload_through_both_replicas_at_once_is_stored_once(both: Replicas) -> None:
    article = (DATA / "articles" / "withdrawal.md").read_bytes()
    path = "/files-pri/T0001-F0UPLOAD1/withdrawal.md"
    both.fake.files[path] = ("text/markdown", article)
    envelopes = []
    for n in (1, 2):
        envelope = payload(
            "file_share.json",
            user=ADMIN,
            name="withdrawal.md",
            url=both.fake.base_url.rstrip("/") + path,
            event_id=f"EvUpload-{n}-{time.time_ns()}",
        )
        envelope["event"]["files"][0]["size"] = len(article)
        envelopes.append(envelope)
    with ThreadPoolExecutor(2) as pool:
        list(
            pool.map(
                lambda pair: pair[0].event(pair[1]),
                zip((both.one, both.two), envelopes, strict=True),
            )
        )
    both.fake.wait_for("/chat.postMessage", 2, timeout=30)
    sources = [s.source for s in both.store.sources()]
    assert sources.count("upload:withdrawal.md") == 1


def test_a_reload_while_another_replica_holds_the_lock_is_told_one_is_running(
    both: Replicas,
) -> None:
    with exclusive(both.store.engine, RELOAD_LOCK):
        both.two.command("reload", user=ADMIN)
        (_, report) = both.fake.wait_for("/hooks/cmd", 2, timeout=30)
    assert "already running" in json.dumps(report.body)
