"""What each Slack thread or DM last asked, shared by all replicas so any of them can follow up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from store.db import write_session
from store.models import Conversation

KEEP_FOR = timedelta(days=7)


def remember_query(engine: Engine, key: str, query: str) -> None:
    """Record the query a conversation (``channel:thread``) is about; the last writer wins, also
    when two replicas write a thread's first entry at the same moment."""
    for attempt in range(2):
        try:
            with write_session(engine) as session:
                row = session.get(Conversation, key)
                if row is None:
                    session.add(Conversation(key=key, query=query))
                else:
                    row.query = query
                    row.updated_at = datetime.now(UTC)
            return
        except IntegrityError:
            if attempt:
                raise


def recall_query(engine: Engine, key: str) -> str | None:
    with Session(engine) as session:
        row = session.get(Conversation, key)
        return row.query if row else None


def forget_old_conversations(engine: Engine, *, now: datetime | None = None) -> int:
    cutoff = (now or datetime.now(UTC)) - KEEP_FOR
    with Session(engine) as session, session.begin():
        result = session.exec(delete(Conversation).where(Conversation.updated_at < cutoff))
    return int(result.rowcount or 0)
