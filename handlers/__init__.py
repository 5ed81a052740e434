"""Slack listeners: short adapters that ack, parse, ask the store, render and reply."""

from __future__ import annotations

from slack_bolt import App

from handlers import actions, commands, dedupe, feedback, files, home, messages, pictures, replies
from handlers.admin import AdminCheck, AdminOptions
from store import FactStore


def register(app: App, *, store: FactStore, options: AdminOptions) -> None:
    """Attach every listener to ``app``; the middleware comes first so duplicates stop early, and
    uploads before plain DMs, since Bolt runs the first listener that matches."""
    admins = AdminCheck(options)
    dedupe.register(app, store=store)
    replies.register(app)
    commands.register(app, store=store, options=options, admins=admins)
    files.register(app, store=store, options=options, admins=admins)
    messages.register(app, store=store)
    actions.register(app, store=store)
    pictures.register(app, store=store)
    feedback.register(app, store=store, admins=admins)
    home.register(app, store=store, admins=admins)


__all__ = ["AdminOptions", "register"]
