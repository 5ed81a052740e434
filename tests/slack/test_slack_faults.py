"""Slack's Web API failing while the bot answers: 429 with Retry-After, 5xx, and timeouts. Each
reply is retried as docs/slack.md §7 says (or, after a timeout, given up cleanly), and the ack to
Slack never waits for any of it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.app import create_app, make_client
from store import FactStore
from tests.slack.conftest import bot_server, settings_for
from tests.slack_fake import FakeSlack, SlackClient, payload

CLIENT_TIMEOUT = 1  # seconds; production waits 10, the timeout tests need not
FAST_ACK = 1.0  # seconds: far below Slack's 3 s, and below every Retry-After used here


@pytest.fixture
def slack(
    fresh_seed_store: FactStore, fake_slack: FakeSlack, tmp_path: Path
) -> Iterator[SlackClient]:
    """The bot with production's Web API client (retry handlers and all), timing out sooner."""
    settings = settings_for(fake_slack, articles_dir=tmp_path)
    client = make_client(settings)
    client.timeout = CLIENT_TIMEOUT
    app = create_app(settings, store=fresh_seed_store, client=client)
    with bot_server(app, fresh_seed_store) as base_url:
        slack = SlackClient(base_url, fake_slack)
        yield slack
        slack.close()


def _mention(text: str = "<@UBOT> who is Tchiani", *, event_id: str = "EvFault1") -> dict:
    envelope = payload("app_mention.json")
    envelope["event_id"] = event_id
    envelope["event"]["text"] = text
    return envelope


def _timed(send) -> tuple[httpx.Response, float, float]:
    """The response, how long it took, and when it arrived (time.perf_counter())."""
    started = time.perf_counter()
    response = send()
    arrived = time.perf_counter()
    return response, arrived - started, arrived


def test_a_rate_limited_post_waits_out_retry_after_and_the_ack_does_not(
    slack: SlackClient,
) -> None:
    slack.fake.fail("/chat.postMessage", 429, headers={"Retry-After": "1"})
    response, took, acked = _timed(lambda: slack.event(_mention()))
    assert response.status_code == 200
    assert took < FAST_ACK

    refused, sent = slack.fake.wait_for("/chat.postMessage", 2, timeout=10)
    assert acked < sent.at, "Slack had its ack before the retry went out"
    assert sent.at - refused.at >= 1.0, "the retry waited for Retry-After"
    assert "Tchiani" in str(sent.body["blocks"])


def test_a_rate_limited_command_reply_to_the_response_url_is_sent_again(
    slack: SlackClient,
) -> None:
    # Bolt's own respond() would give up on the 429; handlers/replies.py retries it.
    slack.fake.fail("/hooks/cmd", 429, headers={"Retry-After": "1"})
    response, took, _ = _timed(lambda: slack.command("who is Tchiani"))
    assert response.status_code == 200
    assert took < FAST_ACK

    refused, sent = slack.fake.wait_for("/hooks/cmd", 2, timeout=10)
    assert sent.at - refused.at >= 1.0
    assert sent.body["response_type"] == "ephemeral"
    assert "Abdourahamane Tchiani" in str(sent.body["blocks"])


def test_server_errors_are_retried_until_slack_takes_the_post(slack: SlackClient) -> None:
    slack.fake.fail("/chat.postMessage", 500, times=2)
    response, took, _ = _timed(lambda: slack.event(_mention()))
    assert response.status_code == 200
    assert took < FAST_ACK

    posts = slack.fake.wait_for("/chat.postMessage", 3, timeout=10, settle=0.5)
    assert len(posts) == 3, "two failures, then the post that Slack took; nothing more"
    assert posts[0].body == posts[2].body


def test_a_server_error_on_the_response_url_is_retried(slack: SlackClient) -> None:
    slack.fake.fail("/hooks/cmd", 503)
    slack.command("who is Tchiani")
    failed, sent = slack.fake.wait_for("/hooks/cmd", 2, timeout=10)
    assert failed.body == sent.body


def test_a_post_that_times_out_is_given_up_cleanly_and_the_bot_keeps_answering(
    slack: SlackClient,
) -> None:
    # A post that timed out may well have landed, so it is not sent twice.
    slack.fake.stall("/chat.postMessage", CLIENT_TIMEOUT + 2)
    response, took, _ = _timed(lambda: slack.event(_mention()))
    assert response.status_code == 200
    assert took < FAST_ACK
    slack.fake.wait_for("/chat.postMessage", settle=CLIENT_TIMEOUT + 0.5)
    assert len(slack.fake.to("/chat.postMessage")) == 1

    response, took, _ = _timed(lambda: slack.event(_mention(event_id="EvFault2")))
    assert response.status_code == 200
    assert took < FAST_ACK
    later = slack.fake.wait_for("/chat.postMessage", 2, timeout=10)[1]
    assert "Tchiani" in str(later.body["blocks"])


def test_a_response_url_that_times_out_does_not_hold_up_the_next_command(
    slack: SlackClient,
) -> None:
    slack.fake.stall("/hooks/slow", CLIENT_TIMEOUT + 2)
    response, took, _ = _timed(lambda: slack.command("who is Tchiani", hook="slow"))
    assert response.status_code == 200
    assert took < FAST_ACK

    response, took, _ = _timed(lambda: slack.command("troops France", hook="next"))
    assert took < FAST_ACK
    (reply,) = slack.fake.wait_for("/hooks/next", timeout=10)
    assert "French" in str(reply.body["blocks"])
    health = slack.http.get(slack.url.replace("/slack/events", "/healthz"))
    assert health.status_code == 200
