"""A replica that vanishes while holding the reload lock, without closing its connection, lets
go of the lock within its liveness bound: the server ends the silent session. PostgreSQL only
(SQLite's file locks die with the process that holds them, and cannot outlive a host)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine, make_url

from store import Busy
from store.persistence.db import make_engine
from store.persistence.locks import Liveness, exclusive, set_liveness
from tests.databases import POSTGRES_SKIPPED, TEST_DATABASE_URL, Databases
from tests.tcp_proxy import TcpProxy

# Production waits 15 s + 4 x 5 s for keepalives and 45 s for silence; the test, seconds.
QUICK = Liveness(
    keepalive_idle=1, keepalive_interval=1, keepalive_count=2, idle_timeout=3.0, heartbeat=0.5
)


@pytest.fixture
def postgres_url(databases: Databases) -> Iterator[str]:
    if TEST_DATABASE_URL is None:
        pytest.skip(POSTGRES_SKIPPED)
    url = databases.create("postgresql")
    yield url
    databases.drop(url)


@pytest.fixture
def proxy(postgres_url: str) -> Iterator[TcpProxy]:
    url = make_url(postgres_url)
    proxy = TcpProxy((url.host or "127.0.0.1", url.port or 5432))
    proxy.start()
    yield proxy
    proxy.stop()


def _held_elsewhere(engine: Engine) -> bool:
    try:
        with exclusive(engine, "reload"):
            return False
    except Busy:
        return True


def test_a_holder_gone_silent_loses_the_lock_and_a_live_one_keeps_it(
    postgres_url: str, proxy: TcpProxy
) -> None:
    url = make_url(postgres_url)
    through_proxy = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    holder_engine, other = make_engine(through_proxy), make_engine(postgres_url)
    set_liveness(holder_engine, QUICK)
    held, done = threading.Event(), threading.Event()

    def hold() -> None:
        try:
            with exclusive(holder_engine, "reload"):
                held.set()
                done.wait(60)
        except Exception:  # noqa: BLE001  (its session is gone: what the test is about)
            pass

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    try:
        assert held.wait(10)
        # Alive and reachable, the holder keeps its idle lock well past the idle timeout.
        time.sleep(QUICK.idle_timeout + 1.5)
        assert _held_elsewhere(other)

        proxy.blackhole()  # the host vanishes; nothing closes its connection
        vanished = time.monotonic()
        while _held_elsewhere(other):
            assert time.monotonic() - vanished < QUICK.idle_timeout + 10, "the lock stayed held"
            time.sleep(0.2)
        released_after = time.monotonic() - vanished
        assert released_after >= QUICK.idle_timeout - 1  # by the server, not by anyone closing
    finally:
        done.set()
        proxy.stop()
        holder.join(10)
        holder_engine.dispose()
        other.dispose()


def test_production_liveness_releases_within_about_a_minute() -> None:
    keepalives = (
        Liveness().keepalive_idle + Liveness().keepalive_interval * Liveness().keepalive_count
    )
    assert keepalives <= 60
    assert Liveness().idle_timeout + Liveness().heartbeat <= 60
    with pytest.raises(ValueError):
        Liveness(idle_timeout=5, heartbeat=10)
