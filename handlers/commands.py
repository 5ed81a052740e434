"""The /niger slash command: ack at once, then answer privately with a Share in channel button."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond

from handlers.blocks import plain_text
from handlers.questions import answer_question
from store import FactStore

COMMAND = "/niger"


def register(app: App, *, store: FactStore) -> None:
    @app.command(COMMAND)
    def ask(ack: Ack, command: dict, respond: Respond) -> None:
        ack()
        text = plain_text(command.get("text") or "")
        _, message = answer_question(store, text, shareable=True)
        respond(response_type="ephemeral", **message.payload())
