"""Hostile requests through the running bot: oversized bodies are refused before any parsing, and
a long query stuffed with Slack markup gets an answer that pings no one and links nowhere."""

from __future__ import annotations

import json
import re
import time

from bot.server import MAX_BODY_BYTES
from tests.slack.conftest import Bot
from tests.slack_fake import sign

LIVE_MARKUP = re.compile(r"<(?:!|@|#)|<(?!https?://)[a-z]+:", re.IGNORECASE)


def test_a_body_over_one_megabyte_is_refused_with_413_and_not_answered(bot: Bot) -> None:
    body = "text=" + "troops " * (MAX_BODY_BYTES // 7 + 1)
    response = bot.slack.post(body, "application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert response.headers["x-slack-no-retry"] == "1"
    time.sleep(0.3)
    assert bot.fake.posts() == []


def test_a_body_over_one_megabyte_is_refused_even_unsigned(bot: Bot) -> None:
    body = json.dumps({"type": "event_callback", "padding": "x" * (MAX_BODY_BYTES + 1)})
    response = bot.slack.post(body, "application/json", signed=None)
    assert response.status_code == 413


def test_a_request_just_under_the_limit_still_goes_through_signature_checks(bot: Bot) -> None:
    body = json.dumps({"type": "event_callback", "padding": "x" * (MAX_BODY_BYTES - 100)})
    forged = bot.slack.post(body, "application/json", signed=lambda b: sign(b, secret="nope"))
    assert forged.status_code == 401


def test_a_4000_character_query_full_of_markup_pings_no_one(bot: Bot) -> None:
    markup = "<!channel> <!here> <@U0BOSS> <#C0ALL|all> <https://evil.example|click> &amp; "
    query = ("troops France " + markup * 60)[:4000]
    assert len(query) == 4000
    assert bot.slack.command(query).status_code == 200
    (reply,) = bot.fake.wait_for("/hooks/cmd")
    shown = [reply.body["text"]] + [
        element.get("text", "") if isinstance(element.get("text"), str) else ""
        for block in reply.body["blocks"]
        for element in [block.get("text") or {}, *block.get("elements", [])]
    ]
    for text in shown:
        assert not LIVE_MARKUP.search(text), text
        assert "evil.example|" not in text
