"""Mentions in channels (answered in the thread) and direct messages (answered in the DM).

When the store fails, a mention's "try again" goes only to the person who asked (an ephemeral
message in the thread): the channel sees no error, and the thread stays free for a real answer."""

from __future__ import annotations

from slack_bolt import App, Say
from slack_sdk import WebClient

from handlers.acks import ack_at_once
from handlers.blocks import plain_text
from handlers.questions import answer_question
from store import FactStore


def _from_a_person(event: dict) -> bool:
    """Bots' messages, including ours, and edits or deletions are never questions."""
    return not event.get("bot_id") and event.get("subtype") in (None, "thread_broadcast")


def _in_a_dm(event: dict) -> bool:
    """Only DMs are subscribed (message.im); a channel message never reaches a listener."""
    return event.get("channel_type") == "im"


def register(app: App, *, store: FactStore) -> None:
    def mention(event: dict, say: Say, client: WebClient) -> None:
        if not _from_a_person(event):
            return
        thread = event.get("thread_ts") or event["ts"]
        result, message = answer_question(
            store,
            plain_text(event.get("text") or ""),
            conversation=f"{event['channel']}:{thread}",
            follow_up="thread_ts" in event,
        )
        if result is None and event.get("user"):
            client.chat_postEphemeral(
                channel=event["channel"], user=event["user"], thread_ts=thread, **message.payload()
            )
            return
        say(thread_ts=thread, **message.payload())

    def direct_message(event: dict, say: Say) -> None:
        if not _from_a_person(event):
            return
        thread = event.get("thread_ts")
        conversation = f"{event['channel']}:{thread}" if thread else event["channel"]
        _, message = answer_question(
            store, plain_text(event.get("text") or ""), conversation=conversation, follow_up=True
        )
        say(thread_ts=thread, **message.payload())

    app.event("app_mention")(ack=ack_at_once, lazy=[mention])
    app.event("message", matchers=[_in_a_dm])(ack=ack_at_once, lazy=[direct_message])
