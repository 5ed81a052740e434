"""The App Home tab: what the bot knows, example questions as buttons, and for admins the open
flags; published with views.publish each time someone opens it."""

from __future__ import annotations

from slack_bolt import App
from slack_sdk import WebClient

from handlers.acks import ack_at_once
from handlers.admin import AdminCheck
from handlers.blocks import render_home
from store import FactStore


def publish(store: FactStore, admins: AdminCheck, client: WebClient, user: str) -> None:
    examples = store.ask("help").suggestions
    flags = store.flags() if admins.is_admin(user, client) else None
    client.views_publish(user_id=user, view=render_home(store.sources(), examples, flags=flags))


def register(app: App, *, store: FactStore, admins: AdminCheck) -> None:
    def opened(event: dict, client: WebClient) -> None:
        if event.get("tab", "home") != "home" or not event.get("user"):
            return
        publish(store, admins, client, event["user"])

    app.event("app_home_opened")(ack=ack_at_once, lazy=[opened])


__all__ = ["publish", "register"]
