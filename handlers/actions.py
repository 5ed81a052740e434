"""The buttons under an answer: Share in channel, and More for the next page."""

from __future__ import annotations

from slack_bolt import App, Respond
from slack_sdk import WebClient

from handlers.acks import ack_at_once
from handlers.blocks import MORE_ACTION, SHARE_ACTION, read_button_value
from handlers.questions import answer_question
from store import FactStore


def register(app: App, *, store: FactStore) -> None:
    def share(body: dict, action: dict, respond: Respond) -> None:
        query, page = read_button_value(action.get("value") or "")
        result, message = answer_question(store, query, page=page, shared_by=body["user"]["id"])
        if result is None:
            respond(response_type="ephemeral", replace_original=False, **message.payload())
            return
        respond(response_type="in_channel", replace_original=False, **message.payload())
        respond(delete_original=True)

    def more(body: dict, action: dict, respond: Respond, client: WebClient) -> None:
        query, page = read_button_value(action.get("value") or "")
        container = body.get("container") or {}
        private = bool(container.get("is_ephemeral"))
        _, message = answer_question(store, query, page=page, shareable=private)
        if private or not container.get("channel_id"):
            respond(response_type="ephemeral", replace_original=False, **message.payload())
            return
        thread = container.get("thread_ts") or container.get("message_ts")
        client.chat_postMessage(
            channel=container["channel_id"], thread_ts=thread, **message.payload()
        )

    app.action(SHARE_ACTION)(ack=ack_at_once, lazy=[share])
    app.action(MORE_ACTION)(ack=ack_at_once, lazy=[more])
