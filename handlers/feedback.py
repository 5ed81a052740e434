"""Feedback from users and the admins' answer to it, from buttons and the comment modal.

"Wrong?" (a button per fact, or the timeline's menu of events) records a flag at once, who, which
fact, which query, when, and confirms privately, offering a short comment in a modal. 👍 / 👎
record a vote on the whole answer. Hide, Unhide and Dismiss on the admins' list act on a flagged
fact; anyone else is refused, and the refusal is audited."""

from __future__ import annotations

import logging
import re

from slack_bolt import App, Respond
from slack_sdk import WebClient

from handlers import admin, home
from handlers.acks import ack_at_once
from handlers.admin import AdminCheck
from handlers.blocks import (
    ADMIN_FLAG_ACTION,
    COMMENT_ACTION,
    COMMENT_BLOCK,
    COMMENT_INPUT,
    COMMENT_VIEW,
    FLAG_ACTION,
    FLAG_MENU_ACTION,
    VOTE_ACTION,
    Message,
    comment_modal,
    query_of_block_id,
    read_flag_value,
    render_notice,
)
from store import FactStore, NotFound

THANKS = "Thanks, flagged for the admins."
THANKS_AGAIN = "You had flagged this already; the admins have it."
GONE = "That fact is no longer in the store (its article changed), so there is nothing to flag."
UP = "Thanks for the 👍."
DOWN = "Thanks for the 👎. If one fact is wrong, its *Wrong?* button tells the admins which."

log = logging.getLogger(__name__)


def register(app: App, *, store: FactStore, admins: AdminCheck) -> None:
    def flag(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        if action.get("type") == "static_select":
            key = str((action.get("selected_option") or {}).get("value", ""))
            query = query_of_block_id(action.get("block_id") or "")
        else:
            key, query = read_flag_value(action.get("value") or "")
        user = body["user"]["id"]
        try:
            receipt = store.flag(key, user=user, query=query)
        except NotFound:
            _tell(body, respond, client, render_notice(GONE))
            return
        text = THANKS_AGAIN if receipt.again else THANKS
        _tell(body, respond, client, render_notice(text, comment_on=receipt.fact_id))

    def vote(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        query = query_of_block_id(action.get("block_id") or "")
        choice = action.get("action_id", "").rpartition(":")[2]
        if choice not in ("up", "down"):
            return
        store.vote(query, user=body["user"]["id"], vote=choice)
        _tell(body, respond, client, render_notice(UP if choice == "up" else DOWN))

    def open_comment(body: dict, action: dict, client: WebClient) -> None:
        try:
            flagged = store.flagged(int(action.get("value") or ""))
        except (ValueError, NotFound):
            return
        client.views_open(
            trigger_id=body["trigger_id"], view=comment_modal(flagged.id, flagged.summary)
        )

    def save_comment(body: dict, view: dict, client: WebClient) -> None:
        user = body["user"]["id"]
        values = (view.get("state") or {}).get("values") or {}
        comment = ((values.get(COMMENT_BLOCK) or {}).get(COMMENT_INPUT) or {}).get("value") or ""
        try:
            fact_id = int(view.get("private_metadata") or "")
        except ValueError:
            return
        if comment.strip() and store.comment_flag(fact_id, user=user, comment=comment):
            client.chat_postMessage(
                channel=user, text=f"Your comment on flag #{fact_id} is with the admins. Thanks."
            )

    def act(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        """Hide, Unhide or Dismiss from the admins' list (in a message or the Home tab)."""
        user = body["user"]["id"]
        word = action.get("action_id", "").rpartition(":")[2]
        if not admins.is_admin(user, client):
            _tell(body, respond, client, admin.refusal(store, user_id=user, action=word))
            return
        message = admin.change_flag(
            store, user_id=user, action=word, argument=action.get("value") or ""
        )
        if (body.get("container") or {}).get("type") == "view":
            home.publish(store, admins, client, user)
            return
        _tell(body, respond, client, message)

    app.action(re.compile(f"^{FLAG_ACTION}(?::|$)"))(ack=ack_at_once, lazy=[flag])
    app.action(FLAG_MENU_ACTION)(ack=ack_at_once, lazy=[flag])
    app.action(re.compile(f"^{VOTE_ACTION}:"))(ack=ack_at_once, lazy=[vote])
    app.action(COMMENT_ACTION)(ack=ack_at_once, lazy=[open_comment])
    app.action(re.compile(f"^{ADMIN_FLAG_ACTION}:"))(ack=ack_at_once, lazy=[act])
    app.view(COMMENT_VIEW)(ack=ack_at_once, lazy=[save_comment])


def _tell(body: dict, respond: Respond, client: WebClient, message: Message) -> None:
    """A private reply beside the message clicked; from the Home tab, in the user's DM."""
    if body.get("response_url"):
        respond(response_type="ephemeral", replace_original=False, **message.payload())
        return
    client.chat_postMessage(channel=body["user"]["id"], **message.payload())


__all__ = ["register"]
