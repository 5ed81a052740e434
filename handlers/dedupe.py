"""Slack retries events; with several replicas each delivery may reach another process. Claiming
the envelope's event_id in the shared store makes exactly one of them answer. Expired claims are
deleted by bot/housekeeping.py, never on a request."""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt import App, BoltResponse
from slack_bolt.request.payload_utils import is_event
from sqlalchemy.exc import SQLAlchemyError

from store import FactStore

log = logging.getLogger(__name__)


def register(app: App, *, store: FactStore) -> None:
    @app.middleware
    def claim_each_event_once(body: dict, next: Callable[[], BoltResponse]) -> BoltResponse:
        try:
            event_id = body.get("event_id") if is_event(body) else None
            if event_id and not store.claim_event(event_id):
                log.info("duplicate delivery of %s ignored", event_id)
                return BoltResponse(status=200, body="")
        except SQLAlchemyError:
            # With the database down the listener runs anyway and tells the user to try again;
            # a 5xx here would only make Slack redeliver into the same outage, unanswered.
            log.warning("event claim skipped: the store is unreachable", exc_info=True)
        return next()
