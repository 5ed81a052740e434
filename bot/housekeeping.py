"""Periodic clean-up of the store's short-lived rows, off the request path.

Event claims only matter inside Slack's retry window and thread contexts for a week; both are
deleted by a daemon thread every few minutes, so no request (and no ack) ever pays for a DELETE.
Each replica runs its own; the deletes are idempotent, so running them twice costs nothing.
"""

from __future__ import annotations

import logging
import threading
from types import TracebackType

from sqlalchemy.exc import SQLAlchemyError

from store import FactStore

EVERY_SECONDS = 600.0

log = logging.getLogger(__name__)


class Housekeeping:
    """``with Housekeeping(store):`` runs ``store.forget_old()`` now and every ``every`` seconds
    until the block ends."""

    def __init__(self, store: FactStore, *, every: float = EVERY_SECONDS) -> None:
        self.store = store
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="housekeeping", daemon=True)

    def __enter__(self) -> Housekeeping:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                removed = self.store.forget_old()
                if removed:
                    log.info("forgot %d expired event claims and conversations", removed)
            except SQLAlchemyError:
                # The database is down: the next round tries again; requests report it themselves.
                log.warning("housekeeping skipped: the store is unreachable")
            self._stop.wait(self.every)
