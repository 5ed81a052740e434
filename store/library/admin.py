"""What admins do to the store: reload the articles folder, add by upload or URL, list and remove
articles. Each change is audited; a reload is all-or-nothing and runs once at a time."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import func, update
from sqlalchemy import select as select_columns  # sqlmodel's select is typed for 4 at most
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from store.errors import Interrupted, NotFound
from store.extraction.reader import (
    ArticleError,
    ArticleText,
    load_catalogue,
    parse_article,
    read_article,
)
from store.library.fingerprint import EXTRACTOR_VERSION
from store.library.ingest import (
    Extractor,
    FileResult,
    IngestReport,
    Status,
    check_storable,
    collect_files,
    delete_article,
    extract_here,
    failed,
    store_article,
    write_article,
)
from store.library.web import fetch_page
from store.persistence.audit import record_action
from store.persistence.db import write_session
from store.persistence.locks import exclusive
from store.persistence.models import Article, Fact, stored_id

if TYPE_CHECKING:
    from store.library.worker import Worker

RELOAD_LOCK = "reload"


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """One loaded article as `sources` lists it."""

    id: int
    title: str
    outlet: str | None
    published: str | None
    source: str
    origin: str
    facts: Counter[str]

    def describe(self) -> str:
        return (
            f"{self.id} · {self.title} — {self.outlet or 'outlet unknown'}, "
            f"{self.published or 'date unknown'} · {sum(self.facts.values())} facts ({self.origin})"
        )


def list_sources(engine: Engine, *, article_id: int | None = None) -> list[SourceInfo]:
    """The loaded articles, newest first (or just the one with ``article_id``)."""
    with Session(engine) as session:
        counts = _fact_counts(session, article_id=article_id)
        query = select_columns(
            stored_id(Article),
            col(Article.title),
            col(Article.outlet),
            col(Article.published),
            col(Article.source),
            col(Article.origin),
        ).order_by(col(Article.published).desc(), col(Article.id))
        if article_id is not None:
            query = query.where(col(Article.id) == article_id)
        rows = session.connection().execute(query).all()
    return [
        SourceInfo(id_, title, outlet, published, source, origin, counts.get(id_, Counter()))
        for id_, title, outlet, published, source, origin in rows
    ]


class _Stored(NamedTuple):
    """A stored article as a reload compares it with the folder's file of the same name."""

    id: int
    source: str
    content_hash: str
    extractor_version: int
    origin: str


def reload_folder(
    engine: Engine,
    folder: Path,
    *,
    actor: str,
    stop: threading.Event | None = None,
    worker: Worker | None = None,
) -> IngestReport:
    """Make the folder's articles in the store match ``folder``: new and changed files are
    ingested, files gone from it are removed, unreadable files keep their old version.

    Reading and extraction happen first; every change is then written in one transaction, so a
    failure (or a crash) leaves the previous store exactly as it was. Raises `Busy` when another
    reload holds the lock, on any replica, and `Interrupted`, with nothing changed, once ``stop``
    is set before the transaction commits. With a ``worker``, articles are extracted in its
    process, under its limits.
    """
    with exclusive(engine, RELOAD_LOCK):
        try:
            extractor = worker.extract if worker else extract_here
            report = _reload(engine, folder, stop or threading.Event(), extractor)
        except Exception as error:
            record_action(
                engine,
                actor=actor,
                action="reload",
                target=str(folder),
                outcome="interrupted" if isinstance(error, Interrupted) else "failed",
                detail=f"{type(error).__name__}: {error}",
            )
            raise
    record_action(
        engine,
        actor=actor,
        action="reload",
        target=str(folder),
        outcome="partial" if report.failed else "ok",
        detail=report.summary(),
    )
    return report


def _go_on(stop: threading.Event) -> None:
    if stop.is_set():
        raise Interrupted("the reload was stopped before it finished; nothing was changed")


def _reload(
    engine: Engine, folder: Path, stop: threading.Event, extractor: Extractor
) -> IngestReport:
    if not folder.is_dir():
        raise ArticleError(f"the articles folder {folder} does not exist")
    catalogue = load_catalogue(folder)
    results: dict[str, FileResult] = {}
    readable: list[ArticleText] = []
    present: set[str] = set()
    for path in collect_files([folder]):
        _go_on(stop)
        present.add(path.name)
        try:
            article = replace(read_article(path, catalogue.get(path.name)), origin="folder")
            check_storable(article)
            readable.append(article)
        except Exception as error:  # whatever one file raises is its own failure
            results[path.name] = failed(path.name, error)
    with Session(engine) as session:
        stored = [
            _Stored._make(row)
            for row in session.connection().execute(
                select_columns(
                    stored_id(Article),
                    col(Article.source),
                    col(Article.content_hash),
                    col(Article.extractor_version),
                    col(Article.origin),
                )
            )
        ]
        facts = _fact_counts(session)
    by_source = {r.source: r for r in stored}
    by_hash = {r.content_hash: r for r in stored}
    pending = []
    adopted: list[int] = []  # already stored, by upload or `ingest`: now the folder's
    for article in readable:
        old = by_source.get(article.source)
        if (
            old
            and old.content_hash == article.content_hash
            and old.extractor_version == EXTRACTOR_VERSION
        ):
            results[article.source] = FileResult(
                article.source, Status.UNCHANGED, facts=facts.get(old.id, Counter())
            )
            if old.origin != "folder":
                adopted.append(old.id)
            continue
        _go_on(stop)
        replacing = {r.id for r in (old, by_hash.get(article.content_hash)) if r is not None}
        try:
            extraction = extractor(article)
        except Exception as error:  # the old version, if any, stays as it is
            results[article.source] = failed(article.source, error)
            continue
        pending.append((article, extraction, replacing))
    removed = [r for r in stored if r.origin == "folder" and r.source not in present]
    with write_session(engine) as session:
        if adopted:
            session.exec(
                update(Article).where(col(Article.id).in_(adopted)).values(origin="folder")
            )
        for row in removed:
            delete_article(session, row.id)
            results[row.source] = FileResult(
                row.source, Status.REMOVED, facts=facts.get(row.id, Counter())
            )
        for article, extraction, replacing in pending:
            _go_on(stop)  # raising here rolls the whole transaction back
            results[article.source] = write_article(
                session, article, extraction, replacing=sorted(replacing)
            )
    return IngestReport(tuple(results[k] for k in sorted(results)))


def _fact_counts(session: Session, *, article_id: int | None = None) -> dict[int, Counter[str]]:
    query = select(Fact.article_id, Fact.kind, func.count()).group_by(
        col(Fact.article_id), col(Fact.kind)
    )
    if article_id is not None:
        query = query.where(col(Fact.article_id) == article_id)
    counts: dict[int, Counter[str]] = {}
    for found_id, kind, n in session.exec(query):
        counts.setdefault(found_id, Counter())[kind] = n
    return counts


def remove_article(engine: Engine, article_id: int, *, actor: str) -> SourceInfo:
    """Delete one article and its facts; returns what was removed. Raises NotFound."""
    in_range = 0 < article_id < 2**63  # past it, SQLite's driver raises OverflowError
    found = next(iter(list_sources(engine, article_id=article_id)), None) if in_range else None
    if found is None:
        record_action(
            engine,
            actor=actor,
            action="remove",
            target=str(article_id)[:30],
            outcome="failed",
            detail="no such article",
        )
        shown = str(article_id) if len(str(article_id)) <= 20 else f"{str(article_id)[:20]}…"
        raise NotFound(f"no article has id {shown}; `sources` lists the ids")
    with write_session(engine) as session:
        delete_article(session, article_id)
    record_action(
        engine,
        actor=actor,
        action="remove",
        target=f"{article_id} {found.source}",
        outcome="ok",
        detail=found.title,
    )
    return found


def add_article(
    engine: Engine,
    raw: bytes,
    *,
    name: str,
    origin: str,
    actor: str,
    url: str | None = None,
    worker: Worker | None = None,
) -> FileResult:
    """Ingest one uploaded or fetched article; the result says what was extracted or why not.

    With a ``worker`` the content is parsed and extracted in its process, under its limits."""
    kind = "html" if name.lower().endswith((".html", ".htm")) else "text"
    try:
        source = url or f"{origin}:{name}"
        parse = parse_article if worker is None else worker.parse
        article = replace(parse(raw, source=source, kind=kind, url=url), origin=origin)
        extractor = extract_here if worker is None else worker.extract
        result = store_article(engine, article, extractor=extractor)
    except Exception as error:  # whatever the content raises, the admin hears why
        result = failed(url or name, error)
    record_action(
        engine,
        actor=actor,
        action=f"add {origin}",
        target=url or name,
        outcome=result.status,
        detail=result.reason or result.describe(),
    )
    return result


def add_url(
    engine: Engine,
    url: str,
    *,
    actor: str,
    allow_private: bool = False,
    worker: Worker | None = None,
) -> FileResult:
    """Fetch a page (public http(s) only, bounded) and ingest its main text."""
    try:
        page = fetch_page(url, allow_private=allow_private)
    except Exception as error:  # a refused or failed fetch, or a bug: the admin hears why
        result = failed(url[:MAX_URL_SHOWN], error)
        record_action(
            engine,
            actor=actor,
            action="add url",
            target=url,
            outcome="failed",
            detail=result.reason or "",
        )
        return result
    name = "page.html" if page.kind == "html" else "page.txt"
    return add_article(
        engine, page.content, name=name, origin="url", actor=actor, url=page.url, worker=worker
    )


MAX_URL_SHOWN = 500
