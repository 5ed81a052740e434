"""Files in, facts stored: read each article, extract its facts, and upsert it idempotently."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, insert, or_
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
from sqlmodel import Session, col, select

from store.extraction.reader import (
    SUPPORTED,
    ArticleError,
    ArticleText,
    load_catalogue,
    read_article,
)
from store.library.fingerprint import EXTRACTOR_VERSION
from store.persistence.db import write_session
from store.persistence.fields import field_problems
from store.persistence.models import Article, Fact, Sentence

if TYPE_CHECKING:
    from store.extraction.extract import Extraction

Extractor = Callable[[ArticleText], "Extraction"]
"""Text and publication date in, facts out: in this process, or in a worker (library/worker.py)."""

log = logging.getLogger(__name__)


class Status(StrEnum):
    """What ingesting, reloading or adding did to one article."""

    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REMOVED = "removed"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one article: added, updated, unchanged or failed (with the reason)."""

    source: str
    status: Status
    reason: str | None = None
    sentences: int = 0
    facts: Counter[str] = field(default_factory=Counter)

    def describe(self) -> str:
        """One plain line, "added: 35 sentences, 20 facts (event 6, troops 3)", or the reason."""
        if self.status == "failed":
            return f"failed: {self.reason}"
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.facts.items()))
        counted = f"{sum(self.facts.values())} facts" + (f" ({kinds})" if kinds else "")
        sentences = f"{self.sentences} sentences, " if self.sentences else ""
        return f"{self.status}: {sentences}{counted}"


@dataclass(frozen=True, slots=True)
class IngestReport:
    results: tuple[FileResult, ...]

    def summary(self) -> str:
        """Counts per outcome and facts per kind, in one line."""
        counts = ", ".join(f"{self.count(s)} {s}" for s in Status if self.count(s))
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(self.facts.items())) or "none"
        return f"{len(self.results)} articles: {counts or 'nothing to do'}; facts: {kinds}"

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def sentences(self) -> int:
        return sum(r.sentences for r in self.results)

    @property
    def facts(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for result in self.results:
            if result.status != "removed":  # facts of the store as it now is
                total.update(result.facts)
        return total

    @property
    def failed(self) -> tuple[FileResult, ...]:
        return tuple(r for r in self.results if r.status == "failed")


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into the article files they hold (sorted), keeping files as given."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
            )
        else:
            found.append(path)
    return found


def ingest_paths(
    engine: Engine,
    paths: Iterable[Path],
    *,
    on_progress: Callable[[FileResult], None] | None = None,
    origin: str = "file",
    extractor: Extractor | None = None,
) -> IngestReport:
    """Ingest files and folders; a bad file is reported and skipped, the others still load,
    whatever it raises. ``extractor`` defaults to extracting in this process."""
    results: list[FileResult] = []
    catalogues: dict[Path, dict] = {}
    for path in collect_files(paths):
        try:
            folder = path.parent
            if folder not in catalogues:
                catalogues[folder] = load_catalogue(folder)
            article = replace(read_article(path, catalogues[folder].get(path.name)), origin=origin)
            result = store_article(engine, article, extractor=extractor or extract_here)
        except Exception as error:  # whatever one file raises is its own failure
            result = failed(str(path), error)
        results.append(result)
        if on_progress:
            on_progress(result)
    return IngestReport(tuple(results))


STORE_DOWN = (OperationalError, InterfaceError)
"""Errors that say the database cannot be reached: not the article's fault, so they propagate."""


def failed(source: str, error: BaseException) -> FileResult:
    """A failed result for ``source`` whose reason is one line: an ArticleError's own words, or
    the name and first line of any other exception (a bug or a hostile input; logged in full).
    Raises the error again when it says the database is down, which no other file escapes."""
    if isinstance(error, STORE_DOWN):
        raise error
    if isinstance(error, ArticleError):
        return FileResult(source, Status.FAILED, one_line(str(error)))
    log.warning("%s could not be ingested", source, exc_info=error)
    detail = one_line(str(error))
    return FileResult(
        source,
        Status.FAILED,
        f"could not be read or extracted ({type(error).__name__}{': ' + detail if detail else ''})",
    )


def one_line(text: str, limit: int = 300) -> str:
    """``text`` with its whitespace (newlines included) collapsed, cut to ``limit`` characters."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


FIELD_NAMES = {"source": "file name", "url": "URL", "outlet": "outlet", "author": "author"}


def check_storable(article: ArticleText) -> None:
    """Refuse, in words the admin can act on, an article with a value the store cannot hold: a
    name or URL too long for its column, or a NUL character anywhere."""
    values = {name: getattr(article, name) for name in ("source", "title", "outlet", "author")}
    values |= {"url": article.url, "text": article.text, "published_from": article.published_from}
    for problem in field_problems(Article, values):
        name = FIELD_NAMES.get(problem.field, problem.field.replace("_", " "))
        length, limit = problem.length, problem.limit
        if problem.field == "source" and article.url and article.source == article.url:
            name = "URL"
        elif problem.field == "source" and ":" in article.source and article.origin != "file":
            prefix = len(article.source.partition(":")[0]) + 1  # "upload:" names the origin
            length, limit = length - prefix, (limit or 0) - prefix
        if problem.nul:
            raise ArticleError(f"the {name} holds a NUL character (at {length:,}); not text")
        raise ArticleError(f"the {name} is {length:,} characters long; at most {limit:,} are kept")


def extract_here(article: ArticleText) -> Extraction:
    """Extract in this process (the CLI, reloads, the seeds). The extraction code is imported on
    first use: asking questions never needs it."""
    from store.extraction.extract import extract

    return extract(article.text, published=article.published)


def store_article(
    engine: Engine, article: ArticleText, *, extractor: Extractor = extract_here
) -> FileResult:
    """Insert or replace one article and its facts in a single transaction.

    The same content is a no-op (unless it was extracted by an older extractor); new content under
    a known source name replaces the old article, so no stale facts survive. When another process
    stores the same article at the same moment, the unique content hash and source make one of
    them lose; the loser tries again and finds the article unchanged.
    """
    check_storable(article)
    for attempt in range(ATTEMPTS):
        try:
            return _store_article(engine, article, extractor)
        except IntegrityError:
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


ATTEMPTS = 3


def _store_article(engine: Engine, article: ArticleText, extractor: Extractor) -> FileResult:
    with Session(engine) as session:  # the usual case, unchanged, takes no write lock
        if (found := _current(session, article)) is not None:
            return _unchanged(session, article.source, found.id)
    # Extract outside the write transaction, so other writers are not held up meanwhile.
    extraction = extractor(article)
    with write_session(engine) as session:
        # One query for the same content and the same name, so that both are read at one moment
        # even on PostgreSQL, where each statement sees what others committed before it.
        previous = session.exec(
            select(Article.id, Article.content_hash, Article.extractor_version).where(
                or_(
                    col(Article.content_hash) == article.content_hash,
                    col(Article.source) == article.source,
                )
            )
        ).all()
        for article_id, content_hash, version in previous:
            if content_hash == article.content_hash and version == EXTRACTOR_VERSION:
                return _unchanged(
                    session, article.source, article_id
                )  # stored meanwhile by another
        return write_article(session, article, extraction, replacing=[row[0] for row in previous])


def write_article(
    session: Session,
    article: ArticleText,
    extraction: Extraction,
    *,
    replacing: Sequence[int | None],
) -> FileResult:
    """Write one extracted article in the caller's transaction, replacing the articles
    ``replacing`` names; a reload uses it to apply a whole folder in one transaction."""
    status = Status.UPDATED if replacing else Status.ADDED
    for article_id in replacing:
        delete_article(session, article_id)
    row = Article(
        content_hash=article.content_hash,
        source=article.source,
        title=article.title,
        outlet=article.outlet,
        author=article.author,
        url=article.url,
        published=article.published.isoformat() if article.published else None,
        published_from=article.published_from,
        text=article.text,
        extractor_version=EXTRACTOR_VERSION,
        origin=article.origin,
    )
    session.add(row)
    session.flush()
    # Sentences and facts go in as two multi-row INSERTs rather than as ORM objects, whose
    # construction and flush took a quarter of an ingest; the rows are the same.
    connection = session.connection()
    sentence_ids = _insert_sentences(connection, row.id, extraction)
    _insert_facts(connection, row.id, sentence_ids, extraction)
    return FileResult(
        article.source,
        status,
        sentences=len(sentence_ids),
        facts=Counter(f.kind for f in extraction.facts),
    )


SENTENCES = Sentence.__table__  # type: ignore[attr-defined]
FACTS = Fact.__table__  # type: ignore[attr-defined]


def _insert_sentences(
    connection: Connection, article_id: int | None, extraction: Extraction
) -> list[int]:
    """Insert the article's sentences; their ids in sentence order (read back by position, as
    SQLite before 3.35 has no INSERT ... RETURNING)."""
    rows = [
        {
            "article_id": article_id,
            "position": i,
            "start": s.start,
            "end": s.end,
            "kind": s.kind,
            "text": s.text,
            "entities": "|".join(keys),
        }
        for i, (s, keys) in enumerate(zip(extraction.sentences, extraction.entities, strict=True))
    ]
    if not rows:
        return []
    connection.execute(insert(SENTENCES), rows)
    ids = connection.execute(
        select(SENTENCES.c.id)
        .where(SENTENCES.c.article_id == article_id)
        .order_by(SENTENCES.c.position)
    )
    return list(ids.scalars())


def _insert_facts(
    connection: Connection, article_id: int | None, sentence_ids: list[int], extraction: Extraction
) -> None:
    rows = [
        {
            "article_id": article_id,
            "sentence_id": sentence_ids[f.sentence],
            "kind": f.kind,
            "subject": f.subject,
            "summary": f.summary,
            "keywords": f.keywords,
            "value": f.value,
            "date": f.date,
            "data": f.data,
        }
        for f in extraction.facts
    ]
    if rows:
        connection.execute(insert(FACTS), rows)


def refresh_stale(engine: Engine) -> IngestReport:
    """Re-extract articles stored by an older extractor, from their stored text and metadata, so
    an upgrade improves old facts without anyone re-ingesting files."""
    with Session(engine) as session:
        stale = session.exec(
            select(Article).where(Article.extractor_version != EXTRACTOR_VERSION)
        ).all()
        articles = [
            ArticleText(
                source=a.source,
                content_hash=a.content_hash,
                text=a.text,
                title=a.title,
                outlet=a.outlet,
                author=a.author,
                url=a.url,
                published=dt.date.fromisoformat(a.published) if a.published else None,
                published_from=a.published_from,
                origin=a.origin,
            )
            for a in stale
        ]
    results = []
    for article in articles:
        try:
            results.append(store_article(engine, article))
        except Exception as error:  # the old facts stay; the next start retries
            results.append(failed(article.source, error))
    return IngestReport(tuple(results))


def _current(session: Session, article: ArticleText) -> Article | None:
    """The stored article with this content, if its facts come from the current extractor."""
    return session.exec(
        select(Article).where(
            Article.content_hash == article.content_hash,
            Article.extractor_version == EXTRACTOR_VERSION,
        )
    ).first()


def delete_article(session: Session, article_id: int | None) -> None:
    session.exec(delete(Fact).where(col(Fact.article_id) == article_id))
    session.exec(delete(Sentence).where(col(Sentence.article_id) == article_id))
    session.exec(delete(Article).where(col(Article.id) == article_id))


def _unchanged(session: Session, source: str, article_id: int | None) -> FileResult:
    sentences = session.exec(
        select(func.count(col(Sentence.id))).where(Sentence.article_id == article_id)
    ).one()
    kinds = session.exec(select(Fact.kind).where(Fact.article_id == article_id)).all()
    return FileResult(source, Status.UNCHANGED, sentences=int(sentences), facts=Counter(kinds))
