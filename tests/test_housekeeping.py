"""Expired event claims are deleted by a background thread, never by a request."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from bot.housekeeping import Housekeeping
from store import FactStore
from store.persistence.db import write_session
from store.persistence.events import claim_event
from store.persistence.models import ProcessedEvent


def test_housekeeping_forgets_expired_claims_in_the_background_and_keeps_fresh_ones(
    empty_store: FactStore,
) -> None:
    with write_session(empty_store.engine) as session:
        session.add(
            ProcessedEvent(event_id="EvOld", received_at=datetime.now(UTC) - timedelta(hours=3))
        )
    assert claim_event(empty_store.engine, "EvFresh")

    with Housekeeping(empty_store, every=0.05):
        deadline = time.monotonic() + 10
        while not claim_event(empty_store.engine, "EvOld"):  # claimable again once forgotten
            assert time.monotonic() < deadline, "the expired claim was never deleted"
            time.sleep(0.05)

    assert not claim_event(empty_store.engine, "EvFresh"), "a claim inside the window is kept"


def test_housekeeping_stops_when_its_block_ends(empty_store: FactStore) -> None:
    with Housekeeping(empty_store, every=3600):
        assert "housekeeping" in {t.name for t in threading.enumerate()}
    assert "housekeeping" not in {t.name for t in threading.enumerate()}
