"""Several processes on one store, as replicas run: claims, ingests, migrations and locks never
collide, and each process sees the others' changes without a restart."""

from __future__ import annotations

import multiprocessing
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from store import FactStore
from store.persistence.db import make_engine
from store.persistence.locks import Busy, exclusive
from store.persistence.models import Article, Fact, Sentence
from store.persistence.schema import current_revision, head_revision
from tests import replicas
from tests.conftest import DATA

PROCESSES = 3


@pytest.fixture(scope="module")
def pool() -> Iterator[ProcessPoolExecutor]:
    """Worker processes that share nothing with this one but the URL: forked from a fresh server
    process that has imported the store once, which is much quicker than importing it in each."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.replicas"])
    with ProcessPoolExecutor(PROCESSES, mp_context=context) as found:
        list(found.map(replicas.warm_up, range(PROCESSES)))
        yield found


def _together(pool: ProcessPoolExecutor, function, *args) -> list:  # type: ignore[no-untyped-def]
    start = time.time() + 0.3
    futures = [pool.submit(function, *args, start) for _ in range(PROCESSES)]
    return [future.result(timeout=60) for future in futures]


def _counts(store: FactStore) -> tuple[int, int, int]:
    with Session(store.engine) as session:
        return tuple(
            session.exec(select(func.count(model.id))).one() for model in (Article, Sentence, Fact)
        )


def test_each_event_is_claimed_by_exactly_one_process(
    empty_store: FactStore, store_url: str, pool: ProcessPoolExecutor
) -> None:
    events = [f"Ev{i}" for i in range(10)]
    won = _together(pool, replicas.claim_events, store_url, events)
    assert Counter(e for events_won in won for e in events_won) == Counter(events)


def test_processes_starting_together_migrate_and_seed_once(
    store_url: str, seeds_dir: Path, pool: ProcessPoolExecutor
) -> None:
    reports = _together(pool, replicas.open_store, store_url, str(seeds_dir))
    statuses = Counter(status for report in reports for _, status in report)
    assert statuses["added"] == 5 and statuses["updated"] == 0, reports
    store = FactStore.open(store_url)
    assert current_revision(store.engine) == head_revision()
    assert _counts(store)[0] == 5
    store.engine.dispose()


def test_concurrent_ingests_of_the_same_articles_never_duplicate(
    empty_store: FactStore, store_url: str, tmp_path: Path, pool: ProcessPoolExecutor
) -> None:
    shutil.copytree(DATA / "articles", tmp_path / "articles")
    paths = [str(tmp_path / "articles")]
    alone = FactStore.open(f"sqlite:///{tmp_path / 'alone.sqlite3'}")
    alone.ingest([tmp_path / "articles"])
    reports = _together(pool, replicas.ingest, store_url, paths)
    by_article: dict[str, Counter[str]] = {}
    for report in reports:
        for name, status in report:
            by_article.setdefault(name, Counter())[status] += 1
    assert all(c == Counter(added=1, unchanged=PROCESSES - 1) for c in by_article.values()), reports
    assert _counts(empty_store) == _counts(alone)
    alone.engine.dispose()


def test_a_store_sees_another_process_ingest_without_a_restart(
    empty_store: FactStore, store_url: str, pool: ProcessPoolExecutor
) -> None:
    assert empty_store.ask("troops Ghana").answers == ()
    before = empty_store.index().version
    path = DATA / "articles"
    pool.submit(replicas.ingest, store_url, [str(path)], time.time()).result(timeout=60)
    assert empty_store.index().version != before
    assert len(empty_store.index().sources) == 3


def test_the_lock_is_exclusive_across_processes(
    empty_store: FactStore, store_url: str, pool: ProcessPoolExecutor
) -> None:
    with exclusive(empty_store.engine, "reload"):
        assert pool.submit(replicas.try_lock, store_url, "reload").result(timeout=30) == "busy"
        assert pool.submit(replicas.try_lock, store_url, "other").result(timeout=30) == "taken"
    assert pool.submit(replicas.try_lock, store_url, "reload").result(timeout=30) == "taken"
    holder = pool.submit(replicas.try_lock, store_url, "reload", 1.5)
    time.sleep(0.8)
    with pytest.raises(Busy, match="reload"):
        with exclusive(empty_store.engine, "reload"):
            pass
    assert holder.result(timeout=30) == "taken"
    with exclusive(empty_store.engine, "reload"):
        pass


def test_the_lock_is_exclusive_across_threads_and_waits_when_asked(
    empty_store: FactStore,
) -> None:
    import threading

    engine = make_engine(str(empty_store.engine.url.render_as_string(hide_password=False)))
    released = threading.Event()
    with exclusive(empty_store.engine, "reload"):
        with pytest.raises(Busy):
            with exclusive(engine, "reload"):
                pass

        def release_soon() -> None:
            time.sleep(0.3)
            released.set()

        threading.Thread(target=release_soon).start()
        released.wait()
    with exclusive(engine, "reload", wait=True):
        pass
    engine.dispose()
