"""Engines and sessions for the store; nothing here runs at import time."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine, make_url
from sqlmodel import Session, SQLModel, create_engine

from store.persistence import models  # noqa: F401  (registers the tables on SQLModel.metadata)

POOL_SIZE = 20


def make_engine(url: str) -> Engine:
    """Create an engine for a SQLAlchemy URL (SQLite, or PostgreSQL via ``postgresql+psycopg://``),
    creating the SQLite file's folder if needed.

    SQLite gets foreign keys switched on (so deleting an article deletes its facts), WAL mode (so
    readers are not blocked by an ingest) and transactions that SQLAlchemy begins itself, so that
    `write_session` can take the write lock up front.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
    else:
        # Each serve process runs up to 16 request threads and 32 listener threads; with
        # SQLAlchemy's default 5 (+10 overflow) connections they queued for the pool under load.
        engine = create_engine(
            url,
            pool_pre_ping=True,
            pool_size=POOL_SIZE,
            max_overflow=10,
            # A server that stops answering (rather than refusing) must not hang requests, and a
            # server that vanishes is noticed within ~35 s, not the kernel's two hours.
            connect_args={
                "connect_timeout": 5,
                "keepalives": 1,
                "keepalives_idle": 15,
                "keepalives_interval": 5,
                "keepalives_count": 4,
            },
        )
    return engine


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def insert_or_else(engine: Engine, model: type[SQLModel]) -> sqlite.Insert | postgresql.Insert:
    """An INSERT of ``model`` that can say what to do on a key conflict (``on_conflict_do_nothing``
    or ``on_conflict_do_update``): one statement and one round trip, where a read-then-write in
    the ORM takes several and races between replicas. Both dialects spell it the same way."""
    table = model.__table__  # type: ignore[attr-defined]
    return sqlite.insert(table) if is_sqlite(engine) else postgresql.insert(table)


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A session in one transaction that will write, committed on success.

    On SQLite the write lock is taken when the transaction begins (``BEGIN IMMEDIATE``), so two
    writers queue on the busy timeout instead of the second failing after reading a stale
    snapshot. PostgreSQL needs nothing special.
    """
    bind = engine.execution_options(sqlite_immediate=True) if is_sqlite(engine) else engine
    with Session(bind) as session, session.begin():
        yield session


@contextmanager
def snapshot_session(engine: Engine) -> Iterator[Session]:
    """A read-only session whose queries all see the same committed state, even while another
    process writes: SQLite's transactions do that already, PostgreSQL needs REPEATABLE READ."""
    bind = (
        engine if is_sqlite(engine) else engine.execution_options(isolation_level="REPEATABLE READ")
    )
    with Session(bind) as session, session.begin():
        yield session


def _configure_sqlite(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # The driver must not open transactions on its own: _begin_sqlite does it, for every statement.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    _use_wal(cursor)
    cursor.close()


def _use_wal(cursor: sqlite3.Cursor) -> None:
    # WAL mode sticks to the file, so only a new file's first connection switches. The switch
    # ignores the busy timeout, and processes opening one new file together may find it locked.
    for _ in range(200):
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error):
                raise
            time.sleep(0.05)
    cursor.execute("PRAGMA journal_mode=WAL")


def _begin_sqlite(connection: Connection) -> None:
    immediate = connection.get_execution_options().get("sqlite_immediate")
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_schema(engine: Engine) -> None:
    """Create any missing tables straight from the models, bypassing migrations (tests only)."""
    SQLModel.metadata.create_all(engine)
