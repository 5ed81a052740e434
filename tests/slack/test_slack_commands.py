"""/niger in a meeting: an instant ack, a private answer quoting its sentence, and a Share button."""

from __future__ import annotations

import json
import time

from handlers.blocks import MORE_ACTION, QUOTES_ACTION, SHARE_ACTION
from tests.slack.conftest import Bot


def _text_of(body: dict) -> str:
    return json.dumps(body.get("blocks", []), ensure_ascii=False) + body.get("text", "")


def _buttons(body: dict) -> dict[str, dict]:
    return {
        element["action_id"]: element
        for block in body.get("blocks", [])
        if block["type"] == "actions"
        for element in block["elements"]
    }


def test_the_command_is_acked_at_once_and_answered_privately_with_a_quote(bot: Bot) -> None:
    started = time.perf_counter()
    response = bot.slack.command("how many US troops are in Niger?")
    assert response.status_code == 200
    assert time.perf_counter() - started < 3

    (reply,) = bot.fake.wait_for("/hooks/cmd")
    assert reply.body["response_type"] == "ephemeral"
    text = _text_of(reply.body)
    assert "*about 1,000* · U.S. troops in Niger" in text, "the figure comes first, in bold"
    assert "The Daily Caller News Foundation · 22 Mar 2024" in text, "then its source"
    assert "Niger regularly hosts about 1,000 U.S. troops" in reply.body["text"]
    assert "Sources disagree on United States numbers" in text
    assert reply.body["text"], "the fallback text is always set"


def test_the_quote_is_one_click_away_and_shows_in_place(bot: Bot) -> None:
    bot.slack.command("how many US troops are in Niger?")
    (reply,) = bot.fake.wait_for("/hooks/cmd")
    assert "Niger regularly hosts" not in json.dumps(reply.body["blocks"])
    show = _buttons(reply.body)[QUOTES_ACTION]
    bot.slack.action(QUOTES_ACTION, show["value"])
    (quoted,) = bot.fake.wait_for("/hooks/action")
    assert quoted.body["replace_original"] is True
    assert "\\n> _Niger regularly hosts about 1,000 U.S. troops" in _text_of(quoted.body)


def test_the_private_answer_has_a_share_button_that_posts_it_for_everyone(bot: Bot) -> None:
    bot.slack.command("troops France")
    (reply,) = bot.fake.wait_for("/hooks/cmd")
    share = _buttons(reply.body)[SHARE_ACTION]

    assert bot.slack.action(SHARE_ACTION, share["value"]).status_code == 200
    shared, deleted = bot.fake.wait_for("/hooks/action", 2)
    assert shared.body["response_type"] == "in_channel"
    assert "1,400 French soldiers" in _text_of(shared.body)
    assert "<@U0REPORTER>" in _text_of(shared.body), "the channel sees who shared it"
    assert SHARE_ACTION not in _buttons(shared.body)
    assert deleted.body["delete_original"] is True, "the private copy goes away"


def test_more_shows_the_next_facts_in_place_of_the_answer(bot: Bot) -> None:
    bot.slack.command("troops")
    (first,) = bot.fake.wait_for("/hooks/cmd")
    assert "1–3 of" in _text_of(first.body)
    more = _buttons(first.body)[MORE_ACTION]

    bot.slack.action(MORE_ACTION, more["value"])
    (second,) = bot.fake.wait_for("/hooks/action", settle=0.3)
    assert second.body["replace_original"] is True, "the message is updated, not posted again"
    assert "4–6 of" in _text_of(second.body)
    assert SHARE_ACTION in _buttons(second.body), "a private answer stays shareable"
    assert len(bot.fake.posts()) == 2


def test_a_bare_command_and_help_show_usage_with_examples(bot: Bot) -> None:
    for text in ("", "help"):
        bot.fake.calls.clear()
        bot.slack.command(text)
        (reply,) = bot.fake.wait_for("/hooks/cmd")
        assert "/niger who is Tchiani" in _text_of(reply.body)
        assert reply.body["response_type"] == "ephemeral"


def test_an_unknown_query_says_nothing_matches_and_suggests_queries(bot: Bot) -> None:
    bot.slack.command("recipe for banana bread")
    (reply,) = bot.fake.wait_for("/hooks/cmd")
    text = _text_of(reply.body)
    assert "Nothing in the loaded articles matches" in text
    assert "Try:" in text
    assert SHARE_ACTION not in _buttons(reply.body)


def test_a_4000_character_query_gets_an_answer_not_an_error(bot: Bot) -> None:
    response = bot.slack.command("French troops " + "very " * 800)
    assert response.status_code == 200
    (reply,) = bot.fake.wait_for("/hooks/cmd")
    assert "cut to its first" in _text_of(reply.body)
