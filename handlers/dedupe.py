"""Slack retries events; with several replicas each delivery may reach another process. Claiming
the envelope's event_id in the shared store makes exactly one of them answer."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from slack_bolt import App, BoltResponse
from slack_bolt.request.payload_utils import is_event
from sqlalchemy.exc import SQLAlchemyError

from store import FactStore

CLEANUP_EVERY_SECONDS = 600

log = logging.getLogger(__name__)


def register(app: App, *, store: FactStore) -> None:
    last_cleanup = [0.0]

    @app.middleware
    def claim_each_event_once(body: dict, next: Callable[[], BoltResponse]) -> BoltResponse:
        try:
            if time.monotonic() - last_cleanup[0] > CLEANUP_EVERY_SECONDS:
                last_cleanup[0] = time.monotonic()
                store.forget_old()
            event_id = body.get("event_id") if is_event(body) else None
            if event_id and not store.claim_event(event_id):
                log.info("duplicate delivery of %s ignored", event_id)
                return BoltResponse(status=200, body="")
        except SQLAlchemyError:
            # With the database down the listener runs anyway and tells the user to try again;
            # a 5xx here would only make Slack redeliver into the same outage, unanswered.
            log.warning("event claim skipped: the store is unreachable", exc_info=True)
        return next()
