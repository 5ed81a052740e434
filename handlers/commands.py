"""The /niger slash command: ack at once, then answer privately with a Share in channel button;
`sources`, `sources log` and the admin words are routed to handlers/admin.py, `chart` to
handlers/pictures.py."""

from __future__ import annotations

import logging

from slack_bolt import App, Respond
from slack_sdk import WebClient
from sqlalchemy.exc import SQLAlchemyError

from handlers import admin, pictures
from handlers.acks import ack_at_once
from handlers.admin import AdminCheck, AdminOptions
from handlers.blocks import Message, plain_text, render_error
from handlers.questions import FAILED, STORE_DOWN, answer_question
from store import FactStore

COMMAND = "/niger"

log = logging.getLogger(__name__)


def register(app: App, *, store: FactStore, options: AdminOptions, admins: AdminCheck) -> None:
    def niger(command: dict, respond: Respond, client: WebClient) -> None:
        raw = command.get("text") or ""
        text = plain_text(raw)
        word = text.partition(" ")[0].lower()
        user = command.get("user_id", "")
        if word == "chart":
            pictures.show_privately(store, client, respond, text.partition(" ")[2])
            return
        try:
            message = _route(store, options, admins, client, respond, raw=raw, text=text, user=user)
        except SQLAlchemyError:
            log.exception("store unavailable for /niger %s", word[:20])
            message = render_error(STORE_DOWN)
        except Exception:  # whoever asked must hear back, even from a bug; the log has it
            log.exception("/niger %s failed", word[:20])
            message = render_error(FAILED)
        respond(response_type="ephemeral", **message.payload())

    app.command(COMMAND)(ack=ack_at_once, lazy=[niger])


def _route(
    store: FactStore,
    options: AdminOptions,
    admins: AdminCheck,
    client: WebClient,
    respond: Respond,
    *,
    raw: str,
    text: str,
    user: str,
) -> Message:
    """Admin words, the listings, or else a question. ``raw`` is the text as Slack sent it, for
    arguments whose markup matters (a link's URL, not its label)."""
    word, _, argument = text.partition(" ")
    word = word.lower()
    if word in admin.ADMIN_COMMANDS:
        if not admins.is_admin(user, client):
            return admin.refusal(store, user_id=user, action=word)
        if word == "reload":
            respond(response_type="ephemeral", text="Reloading the articles folder…")
        if word == "add":
            argument = raw.strip().partition(" ")[2]
        return _run_admin(store, options, word, user, argument)
    if word == "sources" and argument.strip().lower() == "log":
        if not admins.is_admin(user, client):  # it shows server paths and error text
            return admin.refusal(store, user_id=user, action="read the audit log of")
        return admin.audit_log(store)
    if word == "sources" and not argument.strip():
        return admin.sources(store)
    return answer_question(store, text, shareable=True)[1]


def _run_admin(
    store: FactStore, options: AdminOptions, word: str, user: str, argument: str
) -> Message:
    if word == "flags":
        return admin.flags(store)
    if word in admin.FLAG_ACTIONS:
        return admin.change_flag(store, user_id=user, action=word, argument=argument)
    if word == "reload":
        return admin.reload(store, options, user_id=user)
    if word == "add":
        return admin.add(store, options, user_id=user, argument=argument)
    return admin.remove(store, user_id=user, argument=argument)
