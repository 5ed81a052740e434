"""Named locks shared by every process on one store: a PostgreSQL advisory lock, or a file lock
next to the SQLite file, so that only one replica at a time reloads or migrates."""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

from store.errors import Busy


@contextmanager
def exclusive(engine: Engine, name: str, *, wait: bool = False) -> Iterator[None]:
    """Hold the lock ``name`` on this store for the block, across processes and threads.

    Raises `Busy` at once if someone else holds it, unless ``wait`` is true. A process that dies
    lets go of its locks (the server or the kernel releases them), so no lock is ever left stale.
    """
    if engine.dialect.name == "postgresql":
        lock = _advisory(engine, name, wait=wait)
    elif engine.dialect.name == "sqlite":
        lock = _file_lock(engine, name, wait=wait)
    else:
        raise NotImplementedError(f"no cross-process locks for {engine.dialect.name}")
    with lock:
        yield


@contextmanager
def _advisory(engine: Engine, name: str, *, wait: bool) -> Iterator[None]:
    # A session-level lock on a connection of its own, in autocommit, so that no transaction of
    # the locked work can release it early or keep it after an error.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        # Schemas of one database share the advisory lock space; the key keeps them apart.
        schema = connection.execute(text("SELECT current_schema()")).scalar_one()
        key = advisory_key(schema, name)
        function = "pg_advisory_lock" if wait else "pg_try_advisory_lock"
        taken = connection.execute(text(f"SELECT {function}(:key)"), {"key": key}).scalar()
        if taken is False:
            raise Busy(name)
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})


def advisory_key(schema: str, name: str) -> int:
    """The PostgreSQL advisory lock key of ``name`` in ``schema`` (pg_locks shows it)."""
    label = f"{schema}\0{name}"
    return int.from_bytes(hashlib.sha256(label.encode()).digest()[:8], "big", signed=True)


_memory_locks: dict[tuple[int, str], threading.Lock] = {}
_memory_guard = threading.Lock()


@contextmanager
def _file_lock(engine: Engine, name: str, *, wait: bool) -> Iterator[None]:
    database = engine.url.database
    if not database or database == ":memory:":
        # An in-memory store lives in this process only, so a thread lock is enough.
        with _memory_guard:
            lock = _memory_locks.setdefault((id(engine), name), threading.Lock())
        if not lock.acquire(blocking=wait):
            raise Busy(name)
        try:
            yield
        finally:
            lock.release()
        return
    import fcntl  # POSIX only, like the deployments this serves

    safe = re.sub(r"[^A-Za-z0-9_-]", "_", name)
    path = Path(f"{database}.{safe}.lock")
    with open(path, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError as error:
            raise Busy(name) from error
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
