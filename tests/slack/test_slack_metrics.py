"""GET /metrics and GET /readyz: what an operator scrapes and probes to see each replica working.

/metrics is Prometheus' text format: requests from Slack by kind and outcome, ack and answer
latency, calls to Slack by method and status (429s and retries included), database errors, index
builds and reloads. No label holds a user id, a token, a reply URL or a question's text.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import waitress
from prometheus_client.parser import text_string_to_metric_families

from bot.app import create_app
from bot.server import make_wsgi_app
from store import FactStore, head_revision
from tests.slack.conftest import (
    ADMIN,
    Bot,
    bot_server,
    serve_env,
    serving,
    settings_for,
    stop_server,
)
from tests.slack_fake import SIGNING_SECRET, FakeSlack, SlackClient, payload

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def scrape(client: SlackClient) -> Samples:
    """Every sample of GET /metrics, parsed by Prometheus' own parser (which fails on bad text)."""
    response = client.http.get(client.url.replace("/slack/events", "/metrics"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    """The sum of the samples named ``name`` whose labels include ``labels`` (0 when none)."""
    wanted = set(labels.items())
    return sum(v for (n, got), v in samples.items() if n == name and wanted <= got)


def wait_for_value(
    client: SlackClient, name: str, at_least: float, timeout: float = 10, **labels: str
) -> Samples:
    """Scrape until ``name`` reaches ``at_least``: an answer is timed once its listener returns,
    a moment after Slack received it."""
    deadline = time.monotonic() + timeout
    while value(samples := scrape(client), name, **labels) < at_least:
        assert time.monotonic() < deadline, f"{name}{labels} stayed below {at_least}"
        time.sleep(0.05)
    return samples


def _mention(text: str, event_id: str) -> dict:
    envelope = payload("app_mention.json")
    envelope["event_id"] = event_id
    envelope["event"].update(text=f"<@UBOT> {text}")
    return envelope


def test_serve_counts_exactly_the_slash_commands_it_was_sent_and_labels_hold_no_secret(
    tmp_path: Path, fake_slack: FakeSlack
) -> None:
    marker = "zanzibarquokka"  # in every question: it must not reach any label
    env = serve_env(f"sqlite:///{tmp_path / 'serve.sqlite3'}", fake_slack)
    with serving(env, fake_slack) as served:
        before = scrape(served)
        sent = 6
        for n in range(sent):
            assert served.command(f"troops France {marker}{n}").status_code == 200
        fake_slack.wait_for("/hooks/cmd", sent)
        after = wait_for_value(served, "niger_bot_answer_seconds_count", sent, kind="slash")
        text = httpx.get(served.url.replace("/slack/events", "/metrics")).text

    def rise(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert rise("niger_bot_requests_total", kind="slash", outcome="acked") == sent
    assert rise("niger_bot_requests_total") == sent  # and nothing else was counted
    assert rise("niger_bot_ack_seconds_count", kind="slash") == sent
    assert value(after, "niger_bot_answer_seconds_count", kind="slash") == sent
    assert rise("niger_bot_slack_requests_total", method="response_url", status="200") == sent
    assert value(after, "niger_bot_index_build_seconds_count", how="rebuild") == 1
    labels = {v for (_, got) in after for _, v in got}
    for secret in (marker, "xoxb-test", SIGNING_SECRET, "U0REPORTER", "hooks", "127.0.0.1"):
        assert not any(secret in label for label in labels), secret
        assert secret not in text


def test_requests_are_counted_by_kind_and_outcome(bot: Bot) -> None:
    assert bot.slack.command("who is Tchiani").status_code == 200
    assert bot.slack.command("who is Tchiani", signed=None).status_code == 401
    assert bot.slack.event(_mention("who is Tchiani", "EvMetrics1")).status_code == 200
    bot.fake.wait_for("/chat.postMessage")
    assert bot.slack.action("share_answer", '{"q": "who is Tchiani", "p": 0}').status_code == 200
    samples = scrape(bot.slack)
    assert value(samples, "niger_bot_requests_total", kind="slash", outcome="acked") == 1
    assert value(samples, "niger_bot_requests_total", kind="slash", outcome="refused") == 1
    assert value(samples, "niger_bot_requests_total", kind="event", outcome="acked") == 1
    assert value(samples, "niger_bot_requests_total", kind="action", outcome="acked") == 1
    assert value(samples, "niger_bot_requests_total") == 4  # the scrapes are not counted


def test_counts_stay_exact_when_many_threads_answer_at_once(bot: Bot) -> None:
    per_thread, threads = 5, 8

    def send() -> None:
        with httpx.Client(timeout=10) as http:
            client = SlackClient(bot.slack.url.removesuffix("/slack/events"), bot.fake)
            client.http = http
            for _ in range(per_thread):
                assert client.command("troops United States").status_code == 200

    workers = [threading.Thread(target=send) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    total = per_thread * threads
    bot.fake.wait_for("/hooks/cmd", total, timeout=60)
    samples = wait_for_value(bot.slack, "niger_bot_answer_seconds_count", total, timeout=30)
    assert value(samples, "niger_bot_requests_total", kind="slash", outcome="acked") == total
    assert value(samples, "niger_bot_ack_seconds_count", kind="slash") == total
    assert value(samples, "niger_bot_answer_seconds_count", kind="slash") == total


def test_each_app_in_one_process_keeps_its_own_counts(
    fresh_seed_store: FactStore, fake_slack: FakeSlack
) -> None:
    first = create_app(settings_for(fake_slack), store=fresh_seed_store)
    second = create_app(settings_for(fake_slack), store=fresh_seed_store)
    with bot_server(first, fresh_seed_store) as one, bot_server(second, fresh_seed_store) as two:
        a, b = SlackClient(one, fake_slack), SlackClient(two, fake_slack)
        for _ in range(3):
            a.command("who is Tchiani")
        b.command("who is Tchiani")
        counted = "niger_bot_requests_total"
        assert value(scrape(a), counted, kind="slash", outcome="acked") == 3
        assert value(scrape(b), counted, kind="slash", outcome="acked") == 1
        a.close()
        b.close()


def test_rate_limits_server_errors_and_retries_to_slack_are_counted(bot: Bot) -> None:
    bot.fake.fail("/chat.postMessage", 429, headers={"Retry-After": "1"})
    bot.slack.event(_mention("who is Tchiani", "EvMetrics2"))
    bot.fake.wait_for("/chat.postMessage", 2)  # refused once, then taken
    bot.fake.fail("/hooks/cmd", 503)
    bot.slack.command("who is Tchiani")
    bot.fake.wait_for("/hooks/cmd", 2)
    samples = wait_for_value(bot.slack, "niger_bot_answer_seconds_count", 2)
    calls, retries = "niger_bot_slack_requests_total", "niger_bot_slack_retries_total"
    assert value(samples, calls, method="chat.postMessage", status="429") == 1
    assert value(samples, calls, method="chat.postMessage", status="200") == 1
    assert value(samples, retries, method="chat.postMessage", reason="429") == 1
    assert value(samples, calls, method="response_url", status="503") == 1
    assert value(samples, calls, method="response_url", status="200") == 1
    assert value(samples, retries, method="response_url", reason="503") == 1


def test_reloads_and_index_updates_are_counted(bot: Bot) -> None:
    bot.slack.command("who is Tchiani")
    bot.fake.wait_for("/hooks/cmd")
    (bot.articles / "extra.txt").write_text("Niamey airport\n\nThe airport in Niamey reopened.\n")
    bot.slack.command("reload", user=ADMIN)
    bot.fake.wait_for("/hooks/cmd", 3)  # "Reloading…", the first answer, the report
    bot.slack.command("who is Tchiani")
    bot.fake.wait_for("/hooks/cmd", 4)
    samples = wait_for_value(bot.slack, "niger_bot_reloads_total", 1, outcome="ok")
    assert value(samples, "niger_bot_reloads_total") == 1
    wait_for_value(bot.slack, "niger_bot_index_build_seconds_count", 1, how="update")


def test_readyz_says_what_the_replica_answers_from_once_its_index_is_built(bot: Bot) -> None:
    building = bot.slack.http.get(bot.slack.url.replace("/slack/events", "/readyz"))
    assert building.status_code == 503
    assert building.json()["database"] is True
    assert building.json()["index_age_seconds"] is None
    bot.store.index()
    ready = bot.slack.http.get(bot.slack.url.replace("/slack/events", "/readyz"))
    assert ready.status_code == 200
    status = ready.json()
    assert status["ready"] is True
    assert status["database"] is True
    assert status["schema"] == status["schema_head"] == head_revision()
    assert status["articles"] == 5
    assert status["facts"] > 100
    assert status["fingerprint"].startswith("5:")
    assert 0 <= status["index_age_seconds"] < 60
    assert scrape(bot.slack)  # probes and scrapes are not Slack requests
    assert value(scrape(bot.slack), "niger_bot_requests_total") == 0


@pytest.fixture
def sqlite_bot(tmp_path: Path, fake_slack: FakeSlack, seeds_dir: Path) -> Iterator[tuple]:
    """A bot on a SQLite file whose folder the test can take away (a lost disk)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    store = FactStore.open(f"sqlite:///{folder / 'bot.sqlite3'}", seeds_dir=seeds_dir)
    store.index()
    app = create_app(settings_for(fake_slack, articles_dir=tmp_path), store=store)
    with bot_server(app, store) as base_url:
        client = SlackClient(base_url, fake_slack)
        yield client, store, folder
        client.close()
    store.engine.dispose()


def test_database_errors_are_counted_and_readyz_says_503(sqlite_bot: tuple) -> None:
    client, store, folder = sqlite_bot
    assert value(scrape(client), "niger_bot_database_errors_total") == 0
    shutil.move(folder, folder.with_name("away"))
    store.engine.dispose()
    client.command("who is Tchiani")
    client.fake.wait_for("/hooks/cmd")
    ready = client.http.get(client.url.replace("/slack/events", "/readyz"))
    assert ready.status_code == 503
    assert ready.json()["ready"] is False
    assert ready.json()["database"] is False
    samples = scrape(client)
    assert value(samples, "niger_bot_database_errors_total", error="OperationalError") >= 1
    shutil.move(folder.with_name("away"), folder)
    assert client.http.get(client.url.replace("/slack/events", "/readyz")).status_code == 200


def test_ack_latency_counts_the_time_a_request_waited_for_a_busy_server(
    tmp_path: Path, fake_slack: FakeSlack, seeds_dir: Path
) -> None:
    database = tmp_path / "bot.sqlite3"
    store = FactStore.open(f"sqlite:///{database}", seeds_dir=seeds_dir)
    store.index()
    app = create_app(settings_for(fake_slack), store=store)
    server = waitress.create_server(make_wsgi_app(app, store), host="127.0.0.1", port=0, threads=1)
    serving_thread = threading.Thread(target=server.run, daemon=True)
    serving_thread.start()
    base_url = f"http://127.0.0.1:{server.effective_port}"
    blocker = sqlite3.connect(database, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # the event's claim waits for this write lock
    try:
        busy = threading.Thread(
            target=lambda: SlackClient(base_url, fake_slack).event(_mention("who?", "EvBusy"))
        )
        busy.start()
        deadline = time.monotonic() + 10
        while server.task_dispatcher.active_count < 1 and time.monotonic() < deadline:
            time.sleep(0.01)  # until the only thread is taken by the event, waiting on the claim
        time.sleep(0.2)
        queued = threading.Thread(
            target=lambda: SlackClient(base_url, fake_slack).command("who is Tchiani")
        )
        queued.start()
        time.sleep(1.5)
    finally:
        blocker.rollback()
        blocker.close()
    busy.join(30)
    queued.join(30)
    samples = scrape(SlackClient(base_url, fake_slack))
    stop_server(server, serving_thread)
    store.engine.dispose()
    assert value(samples, "niger_bot_ack_seconds_count", kind="slash") == 1
    assert value(samples, "niger_bot_ack_seconds_sum", kind="slash") >= 1.4
