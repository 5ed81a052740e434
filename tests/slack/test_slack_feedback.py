"""Feedback over signed HTTP: users flag a wrong fact or vote on an answer, admins list the flags
and hide a fact from every answer, on every replica, through reloads; the Home tab shows what the
bot knows; a timeline asked in a DM arrives in one message."""

from __future__ import annotations

import json
import re

import pytest

from bot.app import create_app
from handlers.blocks import (
    ADMIN_FLAG_ACTION,
    ASK_ACTION,
    COMMENT_ACTION,
    COMMENT_BLOCK,
    COMMENT_INPUT,
    COMMENT_VIEW,
    FLAG_ACTION,
    FLAG_MENU_ACTION,
    VOTE_ACTION,
    answer_block_id,
)
from store import FactStore
from tests.slack.conftest import ADMIN, Bot, bot_server, settings_for
from tests.slack_fake import SlackClient, payload

QUESTION = "troops France"
REPORTER = "U0REPORTER"


def _text_of(body: dict) -> str:
    return json.dumps(body.get("blocks", []), ensure_ascii=False) + body.get("text", "")


def _elements(body: dict) -> list[dict]:
    """Every button and menu of a message: in actions blocks and as sections' accessories."""
    found = []
    for block in body.get("blocks", []):
        if block["type"] == "actions":
            found += block["elements"]
        if block.get("accessory"):
            found.append(block["accessory"])
    return found


def _wrong_buttons(body: dict) -> list[dict]:
    return [e for e in _elements(body) if e.get("text", {}).get("text") == "Wrong?"]


def _ask(bot: Bot, question: str = QUESTION, *, user: str = REPORTER) -> dict:
    """The private answer to ``/niger question``."""
    bot.fake.calls.clear()
    bot.slack.command(question, user=user)
    (reply,) = bot.fake.wait_for("/hooks/cmd")
    return reply.body


def _command(bot: Bot, text: str, *, user: str, replies: int = 1) -> str:
    bot.fake.calls.clear()
    bot.slack.command(text, user=user)
    return _text_of(bot.fake.wait_for("/hooks/cmd", replies)[-1].body)


def _flag_first_fact(bot: Bot, *, user: str = REPORTER) -> tuple[int, str]:
    """Click the first "Wrong?" of the answer to QUESTION: the flag's id and the fact's summary."""
    answer = _ask(bot)
    wrong = _wrong_buttons(answer)[0]
    bot.slack.action(wrong["action_id"], wrong["value"], user=user)
    bot.fake.wait_for("/hooks/action")
    (flag,) = [f for f in bot.store.flags() if f.key == json.loads(wrong["value"])["k"]]
    return flag.id, flag.summary


def _summaries_shown(bot: Bot, question: str = QUESTION) -> str:
    return "\n".join(
        block["text"]["text"]
        for block in _ask(bot, question)["blocks"]
        if block["type"] == "section"
    )


def test_a_slash_answer_carries_a_wrong_button_on_each_fact(bot: Bot) -> None:
    answer = _ask(bot)
    buttons = _wrong_buttons(answer)
    assert 1 <= len(buttons) <= 3
    assert all(b["action_id"].startswith(FLAG_ACTION) for b in buttons)
    assert {e["text"]["text"] for e in _elements(answer)} >= {"👍", "👎"}


def test_clicking_wrong_records_the_flag_and_thanks_the_user_privately(bot: Bot) -> None:
    answer = _ask(bot)
    wrong = _wrong_buttons(answer)[0]
    response = bot.slack.action(wrong["action_id"], wrong["value"])
    assert response.status_code == 200, "acknowledged at once"
    (thanks,) = bot.fake.wait_for("/hooks/action")
    assert thanks.body["response_type"] == "ephemeral"
    assert thanks.body["replace_original"] is False, "the answer stays"
    assert "Thanks, flagged for the admins" in _text_of(thanks.body)
    (flag,) = bot.store.flags()
    assert (flag.count, flag.queries) == (1, (QUESTION,))
    assert flag.summary.split()[0] in _text_of(answer)

    bot.fake.calls.clear()
    bot.slack.action(wrong["action_id"], wrong["value"])  # the same person again
    (again,) = bot.fake.wait_for("/hooks/action")
    assert "already" in _text_of(again.body)
    assert bot.store.flags()[0].count == 1, "one flag per person and fact"


def test_a_flag_can_carry_a_comment_written_in_a_modal(bot: Bot) -> None:
    fact_id, _ = _flag_first_fact(bot)
    bot.fake.calls.clear()
    bot.slack.action(COMMENT_ACTION, str(fact_id))
    (opened,) = bot.fake.wait_for("/views.open")
    view = opened.body["view"]
    view = json.loads(view) if isinstance(view, str) else view
    assert view["callback_id"] == COMMENT_VIEW and view["private_metadata"] == str(fact_id)

    submission = {
        "type": "view_submission",
        "team": {"id": "T0001", "domain": "newsroom"},
        "user": {"id": REPORTER, "username": "reporter", "team_id": "T0001"},
        "api_app_id": "A0NIGERBOT",
        "trigger_id": "1.2.3",
        "view": {
            **view,
            "id": "V0COMMENT",
            "state": {
                "values": {
                    COMMENT_BLOCK: {
                        COMMENT_INPUT: {"type": "plain_text_input", "value": "It left in 2022"}
                    }
                }
            },
        },
    }
    assert bot.slack.interaction(submission).status_code == 200
    bot.fake.wait_for("/chat.postMessage")
    assert bot.store.flags()[0].comments == ("It left in 2022",)


def test_a_timelines_events_are_flagged_from_its_menu(bot: Bot) -> None:
    answer = _ask(bot, "timeline US")
    (menu,) = [e for e in _elements(answer) if e["action_id"] == FLAG_MENU_ACTION]
    option = menu["options"][0]
    data = payload(
        "block_actions.json", response_url=bot.fake.response_url("action"), action_id="", value=""
    )
    data["actions"] = [
        {
            "type": "static_select",
            "action_id": FLAG_MENU_ACTION,
            "block_id": answer_block_id("timeline US"),
            "selected_option": option,
            "action_ts": "1700000201.000400",
        }
    ]
    bot.slack.interaction(data)
    assert "Thanks, flagged" in _text_of(bot.fake.wait_for("/hooks/action")[0].body)
    (flag,) = bot.store.flags()
    assert flag.key == option["value"] and flag.queries == ("timeline US",)


def test_votes_on_the_whole_answer_are_recorded_and_acknowledged(bot: Bot) -> None:
    answer = _ask(bot)
    (block,) = [b for b in answer["blocks"] if b.get("block_id") == answer_block_id(QUESTION)]
    (down,) = [e for e in block["elements"] if e["action_id"] == f"{VOTE_ACTION}:down"]
    bot.slack.action(down["action_id"], down["value"], block_id=block["block_id"])
    (thanks,) = bot.fake.wait_for("/hooks/action")
    assert "Thanks" in _text_of(thanks.body) and thanks.body["response_type"] == "ephemeral"
    assert bot.store.votes(query=QUESTION) == {"down": 1}


def test_an_admin_lists_the_flags_with_their_id_quote_query_and_count(bot: Bot) -> None:
    fact_id, _ = _flag_first_fact(bot)
    _flag_first_fact(bot, user="U0EDITOR")
    (flag,) = bot.store.flags()
    text = _command(bot, "flags", user=ADMIN)
    assert f"#{fact_id}" in text
    assert flag.quote in text, "the whole quote, for the admin to judge"
    assert f"“{QUESTION}”" in text
    assert "flagged 2 times" in text
    actions = {e["action_id"] for e in _elements(bot.fake.to("/hooks/cmd")[-1].body)}
    assert {f"{ADMIN_FLAG_ACTION}:hide", f"{ADMIN_FLAG_ACTION}:dismiss"} <= actions


@pytest.mark.parametrize("command", ["flags", "hide {id}", "unhide {id}", "dismiss {id}"])
def test_a_non_admin_is_refused_every_flag_command_and_nothing_changes(
    bot: Bot, command: str
) -> None:
    fact_id, summary = _flag_first_fact(bot)
    before = bot.store.flags(status=None)
    text = _command(bot, command.format(id=fact_id), user=REPORTER)
    assert "Only admins can" in text and "nothing was changed" in text
    assert f"#{fact_id}" not in text
    assert bot.store.flags(status=None) == before
    assert summary.split()[0] in _summaries_shown(bot)
    entry = bot.store.audit_log()[0]
    assert (entry.actor, entry.action, entry.outcome) == (REPORTER, command.split()[0], "refused")


@pytest.mark.parametrize("action", ["hide", "unhide", "dismiss"])
def test_a_non_admin_clicking_an_admin_button_is_refused(bot: Bot, action: str) -> None:
    fact_id, _ = _flag_first_fact(bot)
    before = bot.store.flags(status=None)
    bot.fake.calls.clear()
    bot.slack.action(f"{ADMIN_FLAG_ACTION}:{action}", str(fact_id), user=REPORTER)
    (reply,) = bot.fake.wait_for("/hooks/action")
    assert "Only admins can" in _text_of(reply.body)
    assert bot.store.flags(status=None) == before


def test_an_admins_hide_removes_the_fact_and_it_stays_hidden_after_a_reload(bot: Bot) -> None:
    fact_id, summary = _flag_first_fact(bot)
    key = bot.store.flags()[0].key
    assert "Hidden" in _command(bot, f"hide {fact_id}", user=ADMIN)
    assert key not in _text_of(_ask(bot)), "no Wrong? button names it: it is not answered"

    assert "Reloaded" in _command(bot, "reload", user=ADMIN, replies=2)
    assert key not in _text_of(_ask(bot)), "still hidden after /niger reload"
    assert f"#{fact_id}" in _command(bot, "flags", user=ADMIN), "listed as hidden"

    assert "Unhidden" in _command(bot, f"unhide {fact_id}", user=ADMIN)
    assert key in _text_of(_ask(bot)), "reversible"
    actions = [(e.action, e.target) for e in bot.store.audit_log()[:4]]
    assert ("hide", f"#{fact_id}") in actions and ("unhide", f"#{fact_id}") in actions


def test_the_hide_button_on_the_list_hides_the_fact(bot: Bot) -> None:
    fact_id, _ = _flag_first_fact(bot)
    key = bot.store.flags()[0].key
    bot.fake.calls.clear()
    bot.slack.action(f"{ADMIN_FLAG_ACTION}:hide", str(fact_id), user=ADMIN)
    assert "Hidden" in _text_of(bot.fake.wait_for("/hooks/action")[0].body)
    assert key not in _text_of(_ask(bot))


def test_another_replica_honours_a_hide(bot: Bot) -> None:
    """A second app on the same database, as another replica is: its index notices the hide
    through the store's fingerprint (INDEX_RECHECK_SECONDS is 0 here)."""
    url = bot.store.engine.url.render_as_string(hide_password=False)
    other_store = FactStore.open(url)
    other_app = create_app(settings_for(bot.fake, articles_dir=bot.articles), store=other_store)
    with bot_server(other_app, other_store) as base_url:
        other = SlackClient(base_url, bot.fake)
        fact_id, _ = _flag_first_fact(bot)
        key = bot.store.flags()[0].key
        bot.fake.calls.clear()
        other.command(QUESTION)
        assert key in _text_of(bot.fake.wait_for("/hooks/cmd")[0].body)

        _command(bot, f"hide {fact_id}", user=ADMIN)
        bot.fake.calls.clear()
        other.command(QUESTION)
        assert key not in _text_of(bot.fake.wait_for("/hooks/cmd")[0].body)
        other.close()
    other_store.engine.dispose()


def test_opening_the_home_tab_publishes_what_the_bot_knows_and_examples(bot: Bot) -> None:
    envelope = payload("app_mention.json")
    envelope["event_id"] = "EvHome1"
    envelope["event"] = {
        "type": "app_home_opened",
        "user": REPORTER,
        "channel": "D0",
        "tab": "home",
    }
    assert bot.slack.event(envelope).status_code == 200
    (published,) = bot.fake.wait_for("/views.publish")
    assert published.body["user_id"] == REPORTER
    view = published.body["view"]
    view = json.loads(view) if isinstance(view, str) else view
    shown = json.dumps(view, ensure_ascii=False)
    assert view["type"] == "home"
    assert "5 articles loaded" in shown
    assert "latest published 22 Mar 2024" in shown
    assert "/niger who is Tchiani" in shown
    assert "Open flags" not in shown, "flags are for admins"
    assert any(
        e["action_id"].startswith(ASK_ACTION)
        for b in view["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    )


def test_an_admins_home_tab_shows_the_open_flags(bot: Bot) -> None:
    fact_id, _ = _flag_first_fact(bot)
    envelope = payload("app_mention.json")
    envelope["event_id"] = "EvHome2"
    envelope["event"] = {"type": "app_home_opened", "user": ADMIN, "channel": "D0", "tab": "home"}
    bot.slack.event(envelope)
    (published,) = bot.fake.wait_for("/views.publish")
    shown = json.dumps(published.body["view"], ensure_ascii=False)
    assert "Open flags" in shown and f"#{fact_id}" in shown


def test_an_example_on_the_home_tab_is_answered_in_a_dm_when_clicked(bot: Bot) -> None:
    data = payload(
        "block_actions.json",
        response_url="",
        action_id=f"{ASK_ACTION}:0",
        value=json.dumps({"q": "who is Tchiani"}),
    )
    data["container"] = {"type": "view", "view_id": "V0HOME"}
    del data["response_url"], data["channel"], data["message"]
    bot.slack.interaction(data)
    (post,) = bot.fake.wait_for("/chat.postMessage")
    assert post.body["channel"] == REPORTER
    assert "Abdourahamane Tchiani" in _text_of(post.body)


def test_a_suggestion_is_a_button_that_asks_it(bot: Bot) -> None:
    answer = _ask(bot, "recipe for banana bread")
    asks = [e for e in _elements(answer) if e["action_id"].startswith(ASK_ACTION)]
    assert asks, "Try: suggestions are buttons"
    bot.slack.action(asks[0]["action_id"], asks[0]["value"])
    (asked,) = bot.fake.wait_for("/hooks/action")
    assert asked.body["replace_original"] is True
    assert json.loads(asks[0]["value"])["q"] in _text_of(asked.body)


def test_a_timeline_asked_in_a_dm_arrives_in_one_message(bot: Bot) -> None:
    envelope = payload("message_im.json")
    envelope["event_id"] = "EvTimeline"
    envelope["event"]["text"] = "timeline"
    bot.slack.event(envelope)
    (post,) = bot.fake.wait_for("/chat.postMessage", settle=0.5)
    assert len(bot.fake.posts()) == 1
    assert post.body["channel"] == "D0REPORTER"
    result = bot.store.ask("timeline")
    lines = [
        line
        for block in post.body["blocks"]
        if block["type"] == "section"
        for line in block["text"]["text"].splitlines()
        if re.match(r"\*[^*]+\* · ", line)
    ]
    assert len(lines) == min(len(result.answers), 20), "one line per event"
    assert len(json.dumps(post.body["blocks"])) < 12000


def test_hide_on_an_admins_home_tab_hides_the_fact_and_redraws_the_tab(bot: Bot) -> None:
    fact_id, _ = _flag_first_fact(bot)
    key = bot.store.flags()[0].key
    data = payload(
        "block_actions.json",
        response_url="",
        action_id=f"{ADMIN_FLAG_ACTION}:hide",
        value=str(fact_id),
    )
    data["container"] = {"type": "view", "view_id": "V0HOME"}
    data["user"]["id"] = ADMIN
    del data["response_url"], data["channel"], data["message"]
    bot.fake.calls.clear()
    bot.slack.interaction(data)
    (published,) = bot.fake.wait_for("/views.publish")
    assert "Open flags (admins)* · 0" in json.dumps(published.body["view"], ensure_ascii=False)
    assert key not in _text_of(_ask(bot))
