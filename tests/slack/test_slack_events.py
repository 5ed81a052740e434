"""Mentions answered in their thread, DMs answered in the DM, and each event answered once."""

from __future__ import annotations

import copy
import json

from tests.slack.conftest import Bot
from tests.slack_fake import BOT_ID, BOT_USER, payload


def _text_of(body: dict) -> str:
    return json.dumps(body.get("blocks", []), ensure_ascii=False) + body.get("text", "")


def _mention(
    text: str, *, event_id: str, thread_ts: str | None = None, ts: str = "1700000000.000100"
) -> dict:
    envelope = payload("app_mention.json")
    envelope["event_id"] = event_id
    envelope["event"].update(text=text, ts=ts, event_ts=ts)
    if thread_ts:
        envelope["event"]["thread_ts"] = thread_ts
    return envelope


def test_a_mention_is_answered_in_the_thread_of_the_mention(bot: Bot) -> None:
    assert bot.slack.event(_mention("<@UBOT> who is Tchiani", event_id="Ev1")).status_code == 200
    (post,) = bot.fake.wait_for("/chat.postMessage")
    assert post.body["channel"] == "C0NEWSROOM"
    assert post.body["thread_ts"] == "1700000000.000100"
    assert "Tchiani" in _text_of(post.body)
    assert post.body["text"]


def test_a_follow_up_in_the_thread_reuses_the_earlier_question(bot: Bot) -> None:
    bot.slack.event(_mention("<@UBOT> how many US troops?", event_id="Ev2"))
    bot.fake.wait_for("/chat.postMessage")
    follow_up = _mention(
        "<@UBOT> and France?", event_id="Ev3", ts="1700000050.000100", thread_ts="1700000000.000100"
    )
    bot.slack.event(follow_up)
    _, second = bot.fake.wait_for("/chat.postMessage", 2)
    assert second.body["thread_ts"] == "1700000000.000100"
    text = _text_of(second.body)
    assert "*Troop numbers* · France" in text
    assert "1,400 French soldiers and airmen" in text


def test_the_same_question_outside_a_thread_is_not_a_follow_up(bot: Bot) -> None:
    bot.slack.event(_mention("<@UBOT> how many US troops?", event_id="Ev4"))
    bot.fake.wait_for("/chat.postMessage")
    bot.slack.event(_mention("<@UBOT> and France?", event_id="Ev5", ts="1700000099.000100"))
    _, second = bot.fake.wait_for("/chat.postMessage", 2)
    assert "*Troop numbers* · France" not in _text_of(second.body)


def test_a_direct_message_is_answered_in_the_dm(bot: Bot) -> None:
    bot.slack.event(payload("message_im.json"))
    (post,) = bot.fake.wait_for("/chat.postMessage")
    assert post.body["channel"] == "D0REPORTER"
    assert "thread_ts" not in post.body
    assert "Abdourahamane Tchiani" in _text_of(post.body)


def test_the_bot_ignores_its_own_messages_and_other_bots(bot: Bot) -> None:
    own = payload("message_im.json")
    own["event_id"] = "EvOwn"
    own["event"].update(user=BOT_USER, bot_id=BOT_ID)
    other = payload("message_im.json")
    other["event_id"] = "EvOther"
    other["event"].update(user="U0OTHERBOT", bot_id="B0OTHER", subtype="bot_message")
    edited = payload("message_im.json")
    edited["event_id"] = "EvEdit"
    edited["event"]["subtype"] = "message_changed"
    for envelope in (own, other, edited):
        assert bot.slack.event(envelope).status_code == 200
    person = payload("message_im.json")
    person["event_id"] = "EvPerson"
    bot.slack.event(person)
    bot.fake.wait_for("/chat.postMessage", 1, settle=0.5)
    assert len(bot.fake.posts()) == 1


def test_the_same_event_delivered_several_times_gets_one_reply(bot: Bot) -> None:
    envelope = _mention("<@UBOT> French troops", event_id="EvRetried")
    first = bot.slack.event(envelope)
    retries = [
        bot.slack.event(
            copy.deepcopy(envelope),
            headers={"X-Slack-Retry-Num": str(n), "X-Slack-Retry-Reason": "http_timeout"},
        )
        for n in (1, 2, 3)
    ]
    assert [r.status_code for r in (first, *retries)] == [200] * 4
    bot.fake.wait_for("/chat.postMessage", 1, settle=0.7)
    assert len(bot.fake.to("/chat.postMessage")) == 1
