"""Slack listeners: short adapters that ack, parse, ask the store, render and reply."""

from __future__ import annotations

from slack_bolt import App

from handlers import actions, commands, dedupe, messages
from store import FactStore


def register(app: App, *, store: FactStore) -> None:
    """Attach every listener to ``app``; the middleware comes first so duplicates stop early."""
    dedupe.register(app, store=store)
    commands.register(app, store=store)
    messages.register(app, store=store)
    actions.register(app, store=store)


__all__ = ["register"]
