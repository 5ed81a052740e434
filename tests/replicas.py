"""What one replica does in the cross-process tests: each function runs in a process of its own,
opens the store from a URL, starts at an agreed moment (so the processes really overlap), and
returns plain data."""

from __future__ import annotations

import time
from pathlib import Path

from store import FactStore
from store.extraction.extract import extract
from store.persistence.db import make_engine
from store.persistence.events import claim_event
from store.persistence.locks import Busy, exclusive


def warm_up(_: object = None) -> None:
    """Load what every replica loads once (lexicons, compiled rules), before anything is timed."""
    extract("Niger hosts about 1,000 US troops, officials said on Monday.", published=None)


def _at(moment: float) -> None:
    time.sleep(max(0.0, moment - time.time()))


def claim_events(url: str, event_ids: list[str], start: float) -> list[str]:
    """The event ids this process won."""
    engine = make_engine(url)
    try:
        _at(start)
        return [event_id for event_id in event_ids if claim_event(engine, event_id)]
    finally:
        engine.dispose()


def open_store(url: str, seeds: str | None, start: float) -> list[tuple[str, str]]:
    """Start a replica on the store (migrating and seeding it if needed): (source, status) pairs."""
    store = FactStore.open(url, seeds_dir=Path(seeds) if seeds else None)
    try:
        _at(start)
        report = store.ensure_ready()
        return [(r.source, r.status) for r in report.results] if report else []
    finally:
        store.engine.dispose()


def ingest(url: str, paths: list[str], start: float) -> list[tuple[str, str]]:
    store = FactStore.open(url, seeds_dir=None)
    try:
        store.ensure_ready()
        _at(start)
        report = store.ingest([Path(p) for p in paths])
        return [(Path(r.source).name, r.status) for r in report.results]
    finally:
        store.engine.dispose()


def try_lock(url: str, name: str, hold: float = 0.0) -> str:
    """ "taken" (held for ``hold`` seconds, then let go) or "busy"."""
    engine = make_engine(url)
    try:
        with exclusive(engine, name):
            time.sleep(hold)
            return "taken"
    except Busy:
        return "busy"
    finally:
        engine.dispose()
