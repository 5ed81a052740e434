"""What each Slack thread or DM last asked, shared by all replicas so any of them can follow up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from store.persistence.db import insert_or_else
from store.persistence.models import Conversation

KEEP_FOR = timedelta(days=7)


def remember_query(engine: Engine, key: str, query: str) -> None:
    """Record the query a conversation (``channel:thread``) is about; the last writer wins, also
    when two replicas write a thread's first entry at the same moment (one upsert statement)."""
    now = datetime.now(UTC)
    upsert = (
        insert_or_else(engine, Conversation)
        .values(key=key, query=query, updated_at=now)
        .on_conflict_do_update(index_elements=["key"], set_={"query": query, "updated_at": now})
    )
    with engine.begin() as connection:
        connection.execute(upsert)


def recall_query(engine: Engine, key: str) -> str | None:
    with Session(engine) as session:
        row = session.get(Conversation, key)
        return row.query if row else None


def forget_old_conversations(engine: Engine, *, now: datetime | None = None) -> int:
    cutoff = (now or datetime.now(UTC)) - KEEP_FOR
    with Session(engine) as session, session.begin():
        result = session.exec(delete(Conversation).where(col(Conversation.updated_at) < cutoff))
    return int(result.rowcount or 0)
