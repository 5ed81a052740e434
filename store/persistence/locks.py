"""Named locks shared by every process on one store: a PostgreSQL advisory lock, or a file lock
next to the SQLite file, so that only one replica at a time reloads or migrates."""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from store.errors import Busy

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Liveness:
    """How the PostgreSQL session holding a lock shows that its holder still exists, so that a
    replica whose host vanishes without closing its connection lets go within about a minute
    rather than the two hours of the kernel's default keepalive.

    Two guards, because a host can vanish in two ways. When its kernel is gone, the server's TCP
    keepalive probes go unanswered: the session ends ``keepalive_idle + keepalive_interval *
    keepalive_count`` seconds after the last packet (35 s). When something still answers for it
    at the TCP level (a frozen VM, a NAT or proxy that black-holes), only silence shows: the
    holder runs a statement every ``heartbeat`` seconds, and the server ends a lock session idle
    for ``idle_timeout`` seconds (PostgreSQL 14+). Either way the lock is released with it.
    """

    keepalive_idle: int = 15
    keepalive_interval: int = 5
    keepalive_count: int = 4
    idle_timeout: float = 45.0
    heartbeat: float = 10.0

    def __post_init__(self) -> None:
        if not 0 < self.heartbeat < self.idle_timeout:
            raise ValueError("the heartbeat must come more often than the idle timeout")


DEFAULT_LIVENESS = Liveness()
_liveness: weakref.WeakKeyDictionary[Engine, Liveness] = weakref.WeakKeyDictionary()


def set_liveness(engine: Engine, liveness: Liveness) -> None:
    """Use ``liveness`` for the locks taken through ``engine`` (tests use seconds, not minutes)."""
    _liveness[engine] = liveness


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
    liveness = _liveness.get(engine, DEFAULT_LIVENESS)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        _watch_session(connection, liveness, waits=wait)
        # Schemas of one database share the advisory lock space; the key keeps them apart.
        schema = connection.execute(text("SELECT current_schema()")).scalar_one()
        key = advisory_key(schema, name)
        function = "pg_advisory_lock" if wait else "pg_try_advisory_lock"
        taken = connection.execute(text(f"SELECT {function}(:key)"), {"key": key}).scalar()
        if taken is False:
            raise Busy(name)
        heartbeat = _Heartbeat(connection, liveness.heartbeat, name)
        try:
            yield
        finally:
            with heartbeat.stopped():
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})


def _watch_session(connection: Connection, liveness: Liveness, *, waits: bool) -> None:
    """Make the server end this session, and so release its locks, once the holder is gone."""
    timeout_ms = str(int(liveness.idle_timeout * 1000))
    settings = {
        "tcp_keepalives_idle": str(liveness.keepalive_idle),
        "tcp_keepalives_interval": str(liveness.keepalive_interval),
        "tcp_keepalives_count": str(liveness.keepalive_count),
        # Unacknowledged data (an answer to a vanished host) counts too, where keepalives wait.
        "tcp_user_timeout": str(
            1000
            * (liveness.keepalive_idle + liveness.keepalive_interval * liveness.keepalive_count)
        ),
        # The session runs in autocommit; should a transaction ever be left open on it, it ends.
        "idle_in_transaction_session_timeout": timeout_ms,
    }
    if not waits:  # every statement here is instant; waiting for a lock is not
        settings["statement_timeout"] = timeout_ms
    if (connection.dialect.server_version_info or (0,)) >= (14,):
        settings["idle_session_timeout"] = timeout_ms
    for setting, value in settings.items():
        connection.execute(
            text("SELECT set_config(:setting, :value, false)"), {"setting": setting, "value": value}
        )


class _Heartbeat:
    """A statement on the lock's session every ``every`` seconds, from a thread of its own, so
    that the session is never idle long enough for the server to end it while its holder lives.
    """

    def __init__(self, connection: Connection, every: float, name: str) -> None:
        self._connection = connection
        self._every = every
        self._name = name
        self._using = threading.Lock()  # a connection serves one thread at a time
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"lock-{name}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self._every):
            with self._using:
                if self._stop.is_set():
                    return
                try:
                    self._connection.execute(text("SELECT 1"))
                except SQLAlchemyError as error:
                    log.warning("the session holding lock %r is lost: %s", self._name, error)
                    return

    @contextmanager
    def stopped(self) -> Iterator[None]:
        """No heartbeat from here on, and the connection free for the caller."""
        self._stop.set()
        with self._using:
            yield


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
