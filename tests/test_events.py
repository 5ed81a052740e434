"""Event claims: the first delivery of a Slack event wins, every retry or replica loses."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from store import FactStore
from store.persistence.events import claim_event, forget_old_events


def test_an_event_is_claimed_once(empty_store: FactStore) -> None:
    assert claim_event(empty_store.engine, "Ev1") is True
    assert claim_event(empty_store.engine, "Ev1") is False
    assert claim_event(empty_store.engine, "Ev2") is True


def test_concurrent_claims_of_one_event_have_one_winner(empty_store: FactStore) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: claim_event(empty_store.engine, "EvX"), range(16)))
    assert results.count(True) == 1


def test_old_claims_are_forgotten(empty_store: FactStore) -> None:
    claim_event(empty_store.engine, "Ev1")
    assert forget_old_events(empty_store.engine, now=datetime.now(UTC) + timedelta(hours=3)) == 1
    assert claim_event(empty_store.engine, "Ev1") is True


def test_replicas_remembering_a_threads_first_question_at_once_never_fail(
    empty_store: FactStore,
) -> None:
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def remember(n: int) -> None:
        start.wait()
        try:
            empty_store.remember_query("C1:1700000000.1", f"troops {n}")
        except BaseException as error:  # noqa: BLE001 - the test reports any failure
            errors.append(error)

    threads = [threading.Thread(target=remember, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert empty_store.recall_query("C1:1700000000.1").startswith("troops ")
