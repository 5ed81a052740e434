"""The /niger slash command: ack at once, then answer privately with a Share in channel button;
`sources`, `sources log` and the admin words are routed to handlers/admin.py."""

from __future__ import annotations

from slack_bolt import App, Respond
from slack_sdk import WebClient

from handlers import admin
from handlers.acks import ack_at_once
from handlers.admin import AdminCheck, AdminOptions
from handlers.blocks import Message, plain_text
from handlers.questions import answer_question
from store import FactStore

COMMAND = "/niger"


def register(app: App, *, store: FactStore, options: AdminOptions, admins: AdminCheck) -> None:
    def niger(command: dict, respond: Respond, client: WebClient) -> None:
        text = plain_text(command.get("text") or "")
        word, _, argument = text.partition(" ")
        word = word.lower()
        user = command.get("user_id", "")
        if word in admin.ADMIN_COMMANDS:
            if not admins.is_admin(user, client):
                message = admin.refusal(store, user_id=user, action=word)
            else:
                if word == "reload":
                    respond(response_type="ephemeral", text="Reloading the articles folder…")
                message = _run_admin(store, options, word, user, argument)
        elif word == "sources" and argument.strip().lower() == "log":
            message = admin.audit_log(store)
        elif word == "sources" and not argument.strip():
            message = admin.sources(store)
        else:
            _, message = answer_question(store, text, shareable=True)
        respond(response_type="ephemeral", **message.payload())

    app.command(COMMAND)(ack=ack_at_once, lazy=[niger])


def _run_admin(
    store: FactStore, options: AdminOptions, word: str, user: str, argument: str
) -> Message:
    if word == "reload":
        return admin.reload(store, options, user_id=user)
    if word == "add":
        return admin.add(store, options, user_id=user, argument=argument)
    return admin.remove(store, user_id=user, argument=argument)
