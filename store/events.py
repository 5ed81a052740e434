"""Claim a Slack event exactly once across retries and replicas, through the shared database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from store.db import write_session
from store.models import ProcessedEvent

KEEP_FOR = timedelta(hours=2)  # Slack retries for at most ~6 minutes after the first delivery


def claim_event(engine: Engine, event_id: str) -> bool:
    """True for the first caller with this event id, False for every later one (any process)."""
    try:
        with write_session(engine) as session:
            session.add(ProcessedEvent(event_id=event_id))
    except IntegrityError:
        return False
    return True


def forget_old_events(engine: Engine, *, now: datetime | None = None) -> int:
    """Drop claims older than KEEP_FOR; returns how many went."""
    cutoff = (now or datetime.now(UTC)) - KEEP_FOR
    with write_session(engine) as session:
        result = session.exec(delete(ProcessedEvent).where(ProcessedEvent.received_at < cutoff))
    return int(result.rowcount or 0)
