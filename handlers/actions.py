"""The buttons under an answer that redraw or move it: Share in channel, More and Back, Show
quotes, and the suggested or example queries that ask themselves when clicked.

Redraws replace the message in place (response_url with ``replace_original``), so More never
stacks a second copy of the answer in the conversation."""

from __future__ import annotations

import json
import re

from slack_bolt import App, Respond
from slack_sdk import WebClient

from handlers.acks import ack_at_once
from handlers.blocks import (
    ASK_ACTION,
    MORE_ACTION,
    QUOTES_ACTION,
    SHARE_ACTION,
    Message,
    read_view,
)
from handlers.questions import answer_question
from store import FactStore


def register(app: App, *, store: FactStore) -> None:
    def share(body: dict, action: dict, respond: Respond) -> None:
        view = read_view(action.get("value") or "")
        result, message = answer_question(
            store, view.query, view=view, shared_by=body["user"]["id"]
        )
        if result is None:
            respond(response_type="ephemeral", replace_original=False, **message.payload())
            return
        respond(response_type="in_channel", replace_original=False, **message.payload())
        respond(delete_original=True)

    def redraw(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        """More, Back and Show quotes: the same answer, another view of it, in place."""
        view = read_view(action.get("value") or "")
        private = bool((body.get("container") or {}).get("is_ephemeral"))
        result, message = answer_question(store, view.query, view=view, shareable=private)
        if result is None:  # the store failed: say so beside the answer, keep the answer
            respond(response_type="ephemeral", replace_original=False, **message.payload())
            return
        _replace(body, respond, client, message)

    def ask(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        """A suggestion or an example, asked: in place of a private answer; privately beside a
        shared one; in a DM from the Home tab, which has no message to answer beside."""
        try:
            query = str(json.loads(action.get("value") or "{}").get("q", ""))
        except (ValueError, AttributeError):
            query = ""
        container = body.get("container") or {}
        user = body["user"]["id"]
        if container.get("type") == "view" or not body.get("response_url"):
            _, message = answer_question(store, query)
            client.chat_postMessage(channel=user, **message.payload())
            return
        _, message = answer_question(store, query, shareable=True)
        if container.get("is_ephemeral"):
            respond(replace_original=True, **message.payload())
        else:
            respond(response_type="ephemeral", replace_original=False, **message.payload())

    app.action(SHARE_ACTION)(ack=ack_at_once, lazy=[share])
    app.action(re.compile(f"^(?:{MORE_ACTION}|{QUOTES_ACTION})(?::|$)"))(
        ack=ack_at_once, lazy=[redraw]
    )
    app.action(re.compile(f"^{ASK_ACTION}(?::|$)"))(ack=ack_at_once, lazy=[ask])


def _replace(body: dict, respond: Respond, client: WebClient, message: Message) -> None:
    """Replace the message the button is on: through its response_url when there is one (the
    only way for an ephemeral message), else with chat.update."""
    if body.get("response_url"):
        respond(replace_original=True, **message.payload())
        return
    container = body.get("container") or {}
    client.chat_update(
        channel=container["channel_id"], ts=container["message_ts"], **message.payload()
    )


__all__ = ["register"]
