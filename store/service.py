"""The store's front door: open it, fill it from the seeds on first use, ingest, and answer."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Protocol

from sqlalchemy import event, text
from sqlalchemy.engine import Engine, ExceptionContext
from sqlalchemy.exc import SQLAlchemyError

from store.answers import Result
from store.library.admin import (
    Interrupted,
    NotFound,
    SourceInfo,
    add_article,
    add_url,
    list_sources,
    reload_folder,
    remove_article,
)
from store.library.feedback import (
    FlagInfo,
    FlagReceipt,
    comment_flag,
    fact_id_of,
    flag_fact,
    get_flag,
    list_flags,
    set_status,
    vote_answer,
    votes,
)
from store.library.ingest import FileResult, IngestReport, ingest_paths, refresh_stale
from store.library.worker import WorkerLimits, worker_for
from store.persistence.audit import AuditRecord, Refusals, recent_actions, record_action, refusals
from store.persistence.conversations import forget_old_conversations, recall_query, remember_query
from store.persistence.db import make_engine
from store.persistence.events import claim_event, forget_old_events
from store.persistence.feedback import FactRef
from store.persistence.locks import Busy
from store.persistence.schema import (
    current_revision,
    head_revision,
    require_current,
    upgrade_if_behind,
)
from store.search import MAX_ANSWERS, answer_query
from store.search.followup import follow_up_query
from store.search.identity import find_fact, key_of_answer
from store.search.index import (
    FactIndex,
    load_index,
    named_anywhere,
    store_version,
    update_index,
    written_with,
)
from store.search.query import ParsedQuery, parse_query


class StoreObserver(Protocol):
    """What a monitor of the store hears (bot/metrics.py counts it); the store itself keeps no
    counters, so it stays free of any monitoring library."""

    def index_changed(self, *, how: str, seconds: float) -> None:
        """The in-memory index was built from scratch (``how="rebuild"``) or brought up to date
        with the store's changes (``how="update"``), taking ``seconds``."""

    def reload_finished(self, *, outcome: str) -> None:
        """A reload ended: ok, failed_files (applied, some files refused), busy, interrupted,
        or error (rolled back)."""

    def database_error(self, *, error: str) -> None:
        """A statement or a connection failed; ``error`` is the driver's exception class name."""


@dataclass(frozen=True, slots=True)
class StoreStatus:
    """What /readyz reports: enough to tell a replica that can answer from one that cannot."""

    database: bool
    schema: str | None
    schema_head: str
    fingerprint: str | None
    facts: int
    articles: int
    index_age_seconds: float | None
    index_checked_seconds_ago: float | None

    @property
    def ready(self) -> bool:
        """Answers can be given: the database answers and the index is built. A schema newer
        than this code's head is no reason to stop: during a rolling upgrade the new replicas
        migrate it while the old ones keep answering."""
        return self.database and self.schema is not None and self.index_age_seconds is not None

    def to_dict(self) -> dict[str, object]:
        return {
            "ready": self.ready,
            "database": self.database,
            "schema": self.schema,
            "schema_head": self.schema_head,
            "fingerprint": self.fingerprint,
            "facts": self.facts,
            "articles": self.articles,
            "index_age_seconds": self.index_age_seconds,
            "index_checked_seconds_ago": self.index_checked_seconds_ago,
        }


class FactStore:
    """One store shared by every front end. When the store's content fingerprint changes, the
    in-memory index loads only the added articles and drops the removed ones, so a change made by
    another process is picked up without a restart or a full rebuild.

    The fingerprint costs a database round trip (on PostgreSQL as much CPU as answering the
    question: see "Slack over HTTP" in benchmarks/RESULTS.md, measured with benchmarks/http.py),
    so with ``recheck_seconds`` a busy server reads it at most that often: another replica's
    change then shows within that time, and this process's own changes at once. The default, 0,
    reads it before every query.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        seeds_dir: Path | None = None,
        auto_migrate: bool = True,
        recheck_seconds: float = 0.0,
    ) -> None:
        self.engine = engine
        self.seeds_dir = seeds_dir
        self.auto_migrate = auto_migrate
        self.recheck_seconds = recheck_seconds
        self._index: FactIndex | None = None
        self._checked_at = -math.inf
        self._generation = 0
        self._lock = threading.Lock()
        self._ready = False
        self._stopping = threading.Event()
        self._observers: list[StoreObserver] = []
        self._index_at: float | None = None  # monotonic time the index last changed

    @classmethod
    def open(
        cls,
        url: str,
        *,
        seeds_dir: Path | None = None,
        auto_migrate: bool = True,
        recheck_seconds: float = 0.0,
    ) -> FactStore:
        return cls(
            make_engine(url),
            seeds_dir=seeds_dir,
            auto_migrate=auto_migrate,
            recheck_seconds=recheck_seconds,
        )

    def ensure_ready(self) -> IngestReport | None:
        """Migrate the schema if it is behind (or, without auto_migrate, fail saying so), and
        load the seed articles if the store is empty."""
        if self._ready:
            return None
        if self.auto_migrate:
            upgrade_if_behind(self.engine)
        else:
            require_current(self.engine)
        report = refresh_stale(self.engine)
        if store_version(self.engine)[0] == 0 and self.seeds_dir and self.seeds_dir.is_dir():
            report = ingest_paths(self.engine, [self.seeds_dir], origin="folder")
        self._ready = True
        return report

    def index(self) -> FactIndex:
        self.ensure_ready()
        current = self._index
        if current is not None and time.monotonic() - self._checked_at < self.recheck_seconds:
            return current
        checked_at, generation = time.monotonic(), self._generation
        version = store_version(self.engine)
        with self._lock:
            started = time.perf_counter()
            if self._index is None:
                self._index = load_index(self.engine)
                self._index_changed("rebuild", started)
            elif self._index.version != version:  # only the changed articles: see update_index
                self._index = update_index(self._index, self.engine)
                self._index_changed("update", started)
            if generation == self._generation:  # no change of ours came in meanwhile
                self._checked_at = checked_at
            return self._index

    def _index_changed(self, how: str, started: float) -> None:
        self._index_at = time.monotonic()
        for observer in self._observers:
            observer.index_changed(how=how, seconds=time.perf_counter() - started)

    def observe(self, observer: StoreObserver) -> None:
        """Tell ``observer`` of index builds, reloads and every database error from now on."""
        self._observers.append(observer)

        def on_error(context: ExceptionContext) -> None:
            if not context.is_pre_ping:  # a dead pooled connection, replaced before use
                observer.database_error(error=type(context.original_exception).__name__)

        event.listen(self.engine, "handle_error", on_error)

    def status(self) -> StoreStatus:
        """The schema, fingerprint and index this replica answers from; a few cheap queries,
        never an index build (a replica still building says so rather than waiting)."""
        index, now = self._index, time.monotonic()
        schema = fingerprint = None
        try:
            schema = current_revision(self.engine)
            count, newest, digest, _hides = store_version(self.engine)
            fingerprint = f"{count}:{newest}:{digest[:12]}"
            database = True
        except SQLAlchemyError:
            database = False
        return StoreStatus(
            database=database,
            schema=schema,
            schema_head=head_revision(),
            fingerprint=fingerprint,
            facts=len(index.facts) if index else 0,
            articles=len(index.sources) if index else 0,
            index_age_seconds=None if self._index_at is None else round(now - self._index_at, 3),
            index_checked_seconds_ago=(
                None
                if index is None or self._checked_at == -math.inf
                else round(now - self._checked_at, 3)
            ),
        )

    def _changed(self) -> None:
        """This process changed the store: the next query reads the fingerprint again."""
        self._generation += 1
        self._checked_at = -math.inf

    def ask(self, query: str, *, limit: int = MAX_ANSWERS) -> Result:
        """Answer one query with at most ``limit`` answers (a timeline: over its whole span)."""
        return answer_query(query, self.index(), limit=limit)

    def ask_follow_up(self, text: str, *, previous: str | None, limit: int = MAX_ANSWERS) -> Result:
        """Answer ``text``, read as a follow-up to the ``previous`` query when it is one; the
        result's ``query`` is the query actually answered."""
        index = self.index()
        if previous:
            combined = follow_up_query(self._parse(previous, index), self._parse(text, index))
            text = combined or text
        return answer_query(text, index, limit=limit)

    @staticmethod
    def _parse(text: str, index: FactIndex) -> ParsedQuery:
        return parse_query(
            text,
            aliases=index.aliases,
            vocabulary=index.vocabulary,
            named=partial(named_anywhere, index),
            written_with=partial(written_with, index),
        )

    def ping(self) -> bool:
        """True when the database answers; what a load balancer's health check asks."""
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return False
        return True

    def claim_event(self, event_id: str) -> bool:
        """True only for the first delivery of a Slack event, across retries and replicas."""
        return claim_event(self.engine, event_id)

    def forget_old(self) -> int:
        """Drop event claims past Slack's retry window and week-old conversations."""
        return forget_old_events(self.engine) + forget_old_conversations(self.engine)

    def remember_query(self, conversation: str, query: str) -> None:
        remember_query(self.engine, conversation, query)

    def recall_query(self, conversation: str) -> str | None:
        return recall_query(self.engine, conversation)

    def sources(self) -> list[SourceInfo]:
        self.ensure_ready()
        return list_sources(self.engine)

    def reload(
        self, folder: Path, *, actor: str, limits: WorkerLimits | None = None
    ) -> IngestReport:
        """Sync the store with ``folder`` in one transaction; raises Busy if a reload is running,
        and Interrupted after `interrupt_reloads`. With ``limits``, articles are extracted in a
        worker process under them (what a server does, so a reload cannot stall its acks)."""
        self.ensure_ready()
        worker = worker_for(limits) if limits else None
        outcome = "error"
        try:
            report = reload_folder(
                self.engine, folder, actor=actor, stop=self._stopping, worker=worker
            )
            outcome = "failed_files" if report.failed else "ok"
            return report
        except Busy:
            outcome = "busy"
            raise
        except Interrupted:
            outcome = "interrupted"
            raise
        finally:
            self._changed()
            for observer in self._observers:
                observer.reload_finished(outcome=outcome)

    def interrupt_reloads(self) -> None:
        """Make the reloads running in this process, and any started later, roll back and raise
        Interrupted: for a shutdown that cannot wait for them to finish."""
        self._stopping.set()

    def remove(self, article_id: int, *, actor: str) -> SourceInfo:
        self.ensure_ready()
        try:
            return remove_article(self.engine, article_id, actor=actor)
        finally:
            self._changed()

    def add_upload(
        self, raw: bytes, *, name: str, actor: str, limits: WorkerLimits | None = None
    ) -> FileResult:
        """Ingest an uploaded file; it is parsed and extracted in a worker process, under
        ``limits``, so a hostile file cannot stall this one."""
        self.ensure_ready()
        worker = worker_for(limits or WorkerLimits())
        try:
            return add_article(
                self.engine, raw, name=name, origin="upload", actor=actor, worker=worker
            )
        finally:
            self._changed()

    def add_url(
        self,
        url: str,
        *,
        actor: str,
        allow_private: bool = False,
        limits: WorkerLimits | None = None,
    ) -> FileResult:
        """Fetch a page and ingest it, parsed and extracted in a worker process (see add_upload)."""
        self.ensure_ready()
        worker = worker_for(limits or WorkerLimits())
        try:
            return add_url(
                self.engine, url, actor=actor, allow_private=allow_private, worker=worker
            )
        finally:
            self._changed()

    def audit_log(self, *, limit: int = 20, refused: bool | None = None) -> list[AuditRecord]:
        """The latest entries, newest first: all, only refusals, or (False) only the rest."""
        self.ensure_ready()
        return recent_actions(self.engine, limit=limit, refused=refused)

    def refusals(self) -> Refusals:
        """Refused attempts counted, so the audit view can show them apart from changes."""
        self.ensure_ready()
        return refusals(self.engine)

    def record_refusal(self, *, actor: str, action: str, reason: str) -> None:
        """Refused admin attempts are audited too: who tried what."""
        record_action(self.engine, actor=actor, action=action, outcome="refused", detail=reason)

    def ingest(
        self, paths: Iterable[Path], *, on_progress: Callable[[FileResult], None] | None = None
    ) -> IngestReport:
        self.ensure_ready()
        try:
            return ingest_paths(self.engine, paths, on_progress=on_progress)
        finally:
            self._changed()

    # Feedback: "Wrong?" flags, votes, and the admins' hides (store/library/feedback.py).

    def fact_keys(self, result: Result) -> list[str | None]:
        """The key of the fact (or the sentence a search found) behind each answer, None for a
        listed source: what a "Wrong?" button carries, stable across reloads."""
        index = self.index()
        return [key_of_answer(index, answer) for answer in result.answers]

    def flag(self, key: str, *, user: str, query: str) -> FlagReceipt:
        """Record ``user``'s "Wrong?" on the fact ``key`` names; NotFound when no such fact is
        loaded (its article was removed or replaced since the answer was shown)."""
        found = find_fact(self.index(), key)
        if found is None:  # hidden already, or its article is gone: only a known flag will do
            fact_id = fact_id_of(self.engine, key)
            if fact_id is None:
                raise NotFound("That fact is no longer in the store, so there is nothing to flag.")
            known = get_flag(self.engine, fact_id)
            found = FactRef(key, "", known.kind, known.summary, known.quote, known.source)
        return flag_fact(self.engine, found, user=user, query=query)

    def comment_flag(self, fact_id: int, *, user: str, comment: str) -> bool:
        return comment_flag(self.engine, fact_id, user=user, comment=comment)

    def vote(self, query: str, *, user: str, vote: str) -> None:
        """A 👍 ("up") or 👎 ("down") on the whole answer to ``query``."""
        self.ensure_ready()
        vote_answer(self.engine, user=user, query=query, vote=vote)

    def votes(self, *, query: str | None = None) -> dict[str, int]:
        """How many 👍 ("up") and 👎 ("down") answers have had (to ``query``, if given)."""
        return votes(self.engine, query=query)

    def flags(self, *, status: str | None = "open", limit: int = 50) -> list[FlagInfo]:
        """Flagged facts, most flagged first: "open", "hidden", "dismissed", or all with None."""
        self.ensure_ready()
        return list_flags(self.engine, status=status, limit=limit)

    def flagged(self, fact_id: int) -> FlagInfo:
        """Flagged fact ``#fact_id``; NotFound when there is none."""
        return get_flag(self.engine, fact_id)

    def hide(self, fact_id: int, *, actor: str) -> FlagInfo:
        """Never answer fact ``#fact_id`` again, here at once and on every replica within its
        recheck time; audited, and undone by `unhide`."""
        return self._set(fact_id, "hide", actor)

    def unhide(self, fact_id: int, *, actor: str) -> FlagInfo:
        return self._set(fact_id, "unhide", actor)

    def dismiss(self, fact_id: int, *, actor: str) -> FlagInfo:
        """Take fact ``#fact_id`` off the admins' list, leaving it answered (or hidden)."""
        return self._set(fact_id, "dismiss", actor)

    def _set(self, fact_id: int, action: str, actor: str) -> FlagInfo:
        self.ensure_ready()
        try:
            return set_status(self.engine, fact_id, action, actor=actor)
        finally:
            self._changed()
