"""The store's front door: open it, fill it from the seeds on first use, ingest, and answer."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from sqlalchemy.engine import Engine

from store.answers import Result
from store.db import create_schema, make_engine
from store.index import FactIndex, load_index, store_version
from store.ingest import FileResult, IngestReport, ingest_paths, refresh_stale
from store.search import answer_query


class FactStore:
    """One store shared by every front end. The in-memory index is rebuilt only when the store's
    content fingerprint changes, so a change made by another process is picked up on the next
    query without a restart."""

    def __init__(self, engine: Engine, *, seeds_dir: Path | None = None) -> None:
        self.engine = engine
        self.seeds_dir = seeds_dir
        self._index: FactIndex | None = None
        self._lock = threading.Lock()
        self._ready = False

    @classmethod
    def open(cls, url: str, *, seeds_dir: Path | None = None) -> FactStore:
        return cls(make_engine(url), seeds_dir=seeds_dir)

    def ensure_ready(self) -> IngestReport | None:
        """Create the schema, and load the seed articles if the store is empty."""
        if self._ready:
            return None
        create_schema(self.engine)
        report = refresh_stale(self.engine)
        if store_version(self.engine)[0] == 0 and self.seeds_dir and self.seeds_dir.is_dir():
            report = ingest_paths(self.engine, [self.seeds_dir])
        self._ready = True
        return report

    def index(self) -> FactIndex:
        self.ensure_ready()
        version = store_version(self.engine)
        with self._lock:
            if self._index is None or self._index.version != version:
                self._index = load_index(self.engine)
            return self._index

    def ask(self, query: str) -> Result:
        return answer_query(query, self.index())

    def ingest(
        self, paths: Iterable[Path], *, on_progress: Callable[[FileResult], None] | None = None
    ) -> IngestReport:
        self.ensure_ready()
        return ingest_paths(self.engine, paths, on_progress=on_progress)
