"""Only Slack gets through: unsigned, wrongly signed and replayed requests are refused with 401."""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode

import pytest

from tests.slack.conftest import Bot
from tests.slack_fake import payload, sign

REFUSED = {
    "unsigned": None,
    "signed with another secret": lambda body: sign(body, secret="not-our-secret"),
    "signed five minutes ago": lambda body: sign(body, timestamp=int(time.time()) - 301),
    "signature of another body": lambda body: sign(body + " "),
    "timestamp from the future": lambda body: sign(body, timestamp=int(time.time()) + 600),
}


@pytest.mark.parametrize("signed", REFUSED.values(), ids=REFUSED.keys())
def test_a_command_not_signed_by_slack_is_refused_and_not_answered(bot: Bot, signed) -> None:
    fields = payload("slash_command.json", response_url=bot.fake.response_url("cmd"))
    fields["text"] = "troops"
    response = bot.slack.post(urlencode(fields), "application/x-www-form-urlencoded", signed=signed)
    assert response.status_code == 401
    time.sleep(0.3)
    assert bot.fake.posts() == []


@pytest.mark.parametrize("signed", REFUSED.values(), ids=REFUSED.keys())
def test_an_event_not_signed_by_slack_is_refused_and_not_claimed(bot: Bot, signed) -> None:
    envelope = payload("app_mention.json")
    response = bot.slack.post(json.dumps(envelope), "application/json", signed=signed)
    assert response.status_code == 401
    assert bot.store.claim_event(envelope["event_id"]), "a forged delivery must not use up the id"


def test_a_signed_request_is_accepted_with_the_same_body(bot: Bot) -> None:
    envelope = payload("app_mention.json")
    assert bot.slack.post(json.dumps(envelope), "application/json").status_code == 200


def test_the_health_check_answers_without_a_signature(bot: Bot) -> None:
    response = bot.slack.http.get(bot.slack.url.replace("/slack/events", "/healthz"))
    assert response.status_code == 200
    assert response.json()["ok"] is True
