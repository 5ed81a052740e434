"""Malformed and hostile requests through the running bot: refused with 400 or 401 before Bolt
sees them, their bodies never logged; small oddities in admin arguments get a clear reply
instead of silence."""

from __future__ import annotations

import json
import logging
import time
from urllib.parse import urlencode

import pytest

from tests.slack.conftest import ADMIN, Bot
from tests.slack.test_slack_admin import _reply, page_url  # noqa: F401 (a fixture)
from tests.slack_fake import command_body, payload, sign

FORGED = "\n2026-01-01 00:00:00 INFO niger_bot.requests FORGED-LOG-LINE"


def test_a_non_numeric_timestamp_is_a_400_not_a_500(bot: Bot) -> None:
    body, content_type = command_body(bot.fake, "troops")
    headers = {**sign(body), "X-Slack-Request-Timestamp": "soon"}
    response = bot.slack.post(body, content_type, headers=headers, signed=None)
    assert response.status_code == 400
    time.sleep(0.3)
    assert bot.fake.posts() == []


def test_unsigned_malformed_json_is_a_401(bot: Bot) -> None:
    response = bot.slack.post('{"type": "event_callback", ', "application/json", signed=None)
    assert response.status_code == 401


def test_signed_malformed_json_is_a_400(bot: Bot) -> None:
    assert bot.slack.post('{"type": "event_callback", ', "application/json").status_code == 400
    assert bot.slack.post("[1, 2]", "application/json").status_code == 400
    form = urlencode({"payload": "{not json"})
    assert bot.slack.post(form, "application/x-www-form-urlencoded").status_code == 400


def test_refused_bodies_are_never_logged(bot: Bot, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    envelope = payload("app_mention.json")
    envelope["event"]["text"] = FORGED
    body = json.dumps(envelope)
    assert bot.slack.event(envelope, signed=lambda b: sign(b, secret="wrong")).status_code == 401
    assert bot.slack.post(body + FORGED, "application/json", signed=None).status_code == 401
    assert "FORGED-LOG-LINE" not in caplog.text
    logged = [json.loads(r.getMessage()) for r in caplog.records if r.name == "niger_bot.requests"]
    assert [r["refused"] for r in logged] == ["bad signature or stale timestamp", "unsigned"]


@pytest.mark.parametrize(
    ("command", "reply"),
    [
        ("remove ²", "Usage: `/niger remove &lt;id&gt;`"),
        ("remove 99999999999999999999999", "no article has id 99999999999999999999…"),
        ("add http://host:99999/", "the URL's port is not a port"),
    ],
)
def test_odd_admin_arguments_get_a_clear_reply(bot: Bot, command: str, reply: str) -> None:
    before = len(bot.store.sources())
    bot.slack.command(command, user=ADMIN)
    assert reply in _reply(bot)
    assert len(bot.store.sources()) == before


def test_add_with_a_slack_link_fetches_its_url_not_its_label(bot: Bot, page_url: str) -> None:  # noqa: F811
    bot.slack.command(f"add <{page_url}|https://example.org/elsewhere>", user=ADMIN)
    assert f"Added {page_url}" in _reply(bot)
    assert page_url in {s.source for s in bot.store.sources()}


def test_a_query_of_nothing_but_angle_brackets_is_answered(bot: Bot) -> None:
    started = time.monotonic()
    assert bot.slack.command("<" * 3900 + "troops").status_code == 200
    assert _reply(bot)
    assert time.monotonic() - started < 5  # quadratic markup parsing took minutes on 100 kB
