"""Files in, facts stored: read each article, extract its facts, and upsert it idempotently."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, func
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from store.db import write_session
from store.extract import EXTRACTOR_VERSION, extract
from store.models import Article, Fact, Sentence
from store.reader import SUPPORTED, ArticleError, ArticleText, load_catalogue, read_article


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one article: added, updated, unchanged or failed (with the reason)."""

    source: str
    status: str
    reason: str | None = None
    sentences: int = 0
    facts: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True, slots=True)
class IngestReport:
    results: tuple[FileResult, ...]

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def sentences(self) -> int:
        return sum(r.sentences for r in self.results)

    @property
    def facts(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for result in self.results:
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
) -> IngestReport:
    """Ingest files and folders; a bad file is reported and skipped, the others still load."""
    results: list[FileResult] = []
    catalogues: dict[Path, dict] = {}
    for path in collect_files(paths):
        try:
            folder = path.parent
            if folder not in catalogues:
                catalogues[folder] = load_catalogue(folder)
            article = read_article(path, catalogues[folder].get(path.name))
            result = store_article(engine, article)
        except ArticleError as error:
            result = FileResult(str(path), "failed", str(error))
        results.append(result)
        if on_progress:
            on_progress(result)
    return IngestReport(tuple(results))


def store_article(engine: Engine, article: ArticleText) -> FileResult:
    """Insert or replace one article and its facts in a single transaction.

    The same content is a no-op (unless it was extracted by an older extractor); new content under
    a known source name replaces the old article, so no stale facts survive. When another process
    stores the same article at the same moment, the unique content hash and source make one of
    them lose; the loser tries again and finds the article unchanged.
    """
    for attempt in range(ATTEMPTS):
        try:
            return _store_article(engine, article)
        except IntegrityError:
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


ATTEMPTS = 3


def _store_article(engine: Engine, article: ArticleText) -> FileResult:
    with write_session(engine) as session:
        same = session.exec(
            select(Article).where(Article.content_hash == article.content_hash)
        ).first()
        if same is not None and same.extractor_version == EXTRACTOR_VERSION:
            return _unchanged(session, article.source, same.id)
        previous = (
            same or session.exec(select(Article).where(Article.source == article.source)).first()
        )
        status = "updated" if previous is not None else "added"
        if previous is not None:
            _delete_article(session, previous.id)
        extraction = extract(article.text, published=article.published)
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
        )
        session.add(row)
        session.flush()
        sentence_rows = [
            Sentence(
                article_id=row.id,
                position=i,
                start=s.start,
                end=s.end,
                kind=s.kind,
                text=s.text,
                entities="|".join(keys),
            )
            for i, (s, keys) in enumerate(
                zip(extraction.sentences, extraction.entities, strict=True)
            )
        ]
        session.add_all(sentence_rows)
        session.flush()
        session.add_all(
            Fact(
                article_id=row.id,
                sentence_id=sentence_rows[f.sentence].id,
                kind=f.kind,
                subject=f.subject,
                summary=f.summary,
                keywords=f.keywords,
                value=f.value,
                date=f.date,
                data=f.data,
            )
            for f in extraction.facts
        )
        return FileResult(
            article.source,
            status,
            sentences=len(sentence_rows),
            facts=Counter(f.kind for f in extraction.facts),
        )


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
            )
            for a in stale
        ]
    return IngestReport(tuple(store_article(engine, article) for article in articles))


def _delete_article(session: Session, article_id: int | None) -> None:
    session.exec(delete(Fact).where(Fact.article_id == article_id))
    session.exec(delete(Sentence).where(Sentence.article_id == article_id))
    session.exec(delete(Article).where(Article.id == article_id))


def _unchanged(session: Session, source: str, article_id: int | None) -> FileResult:
    sentences = session.exec(
        select(func.count(Sentence.id)).where(Sentence.article_id == article_id)
    ).one()
    kinds = session.exec(select(Fact.kind).where(Fact.article_id == article_id)).all()
    return FileResult(source, "unchanged", sentences=int(sentences), facts=Counter(kinds))
