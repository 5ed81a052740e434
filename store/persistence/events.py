"""Claim a Slack event exactly once across retries and replicas, through the shared database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlmodel import col

from store.persistence.db import insert_or_else, write_session
from store.persistence.models import ProcessedEvent

KEEP_FOR = timedelta(hours=2)  # Slack retries for at most ~6 minutes after the first delivery


def claim_event(engine: Engine, event_id: str) -> bool:
    """True for the first caller with this event id, False for every later one (any process).

    One INSERT that does nothing on a taken id: it is on the path of every event's ack."""
    claim = (
        insert_or_else(engine, ProcessedEvent)
        .values(event_id=event_id, received_at=datetime.now(UTC))
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(col(ProcessedEvent.event_id))  # a row back only when this call inserted it
    )
    with engine.begin() as connection:
        return connection.execute(claim).first() is not None


def forget_old_events(engine: Engine, *, now: datetime | None = None) -> int:
    """Drop claims older than KEEP_FOR; returns how many went."""
    cutoff = (now or datetime.now(UTC)) - KEEP_FOR
    with write_session(engine) as session:
        result = session.exec(
            delete(ProcessedEvent).where(col(ProcessedEvent.received_at) < cutoff)
        )
    return int(result.rowcount or 0)
