"""All tables of the fact store: articles, their sentences, and the facts extracted from them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlmodel import Field, SQLModel, col


def _now() -> datetime:
    return datetime.now(UTC)


class Article(SQLModel, table=True):
    """One ingested article, identified by the hash of its content.

    ``source`` is the name it was loaded under (file name or URL); loading a changed file under the
    same name replaces the old article and its facts.
    """

    id: int | None = Field(default=None, primary_key=True)
    content_hash: str = Field(index=True, unique=True, max_length=64)
    source: str = Field(index=True, unique=True, max_length=500)
    title: str = Field(sa_column=Column(Text, nullable=False))
    outlet: str | None = Field(default=None, max_length=300)
    author: str | None = Field(default=None, max_length=300)
    url: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, max_length=10)
    published_from: str = Field(default="unknown", max_length=40)
    text: str = Field(sa_column=Column(Text, nullable=False))
    extractor_version: int = 0
    ingested_at: datetime = Field(default_factory=_now)
    origin: str = Field(default="file", max_length=20)
    """How it arrived: "folder" (the articles folder a reload syncs), "file", "upload" or "url".
    A reload only ever removes articles that came from the folder."""


class AuditEntry(SQLModel, table=True):
    """Who changed the store, when, how, and with what result: kept for good, never edited."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=_now, index=True)
    actor: str = Field(max_length=100)
    action: str = Field(max_length=40)
    target: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    outcome: str = Field(max_length=20)
    detail: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class ProcessedEvent(SQLModel, table=True):
    """Slack event ids already taken by some replica: the primary key makes the claim atomic."""

    event_id: str = Field(primary_key=True, max_length=100)
    received_at: datetime = Field(default_factory=_now, index=True)


class Conversation(SQLModel, table=True):
    """The query a Slack thread or DM is about, so a follow-up there can build on it."""

    key: str = Field(primary_key=True, max_length=200)
    query: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(default_factory=_now, index=True)


class Sentence(SQLModel, table=True):
    """A sentence of an article, verbatim, with its character offsets into ``Article.text``."""

    __table_args__ = (UniqueConstraint("article_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    position: int
    start: int
    end: int
    kind: str = Field(default="body", max_length=20)
    text: str = Field(sa_column=Column(Text, nullable=False))
    entities: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    """The canonical keys of the entities the sentence names, joined by "|"."""


class Fact(SQLModel, table=True):
    """One structured fact, always tied to the sentence it was read from.

    The typed columns are what queries filter and sort on; ``data`` keeps the kind-specific details
    (roles, speakers, aliases, ranges) that are only shown.
    """

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    sentence_id: int = Field(foreign_key="sentence.id", index=True, ondelete="CASCADE")
    kind: str = Field(index=True, max_length=20)
    subject: str | None = Field(default=None, index=True, max_length=300)
    summary: str = Field(sa_column=Column(Text, nullable=False))
    keywords: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    value: float | None = None
    date: str | None = Field(default=None, max_length=10)
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


def stored_id(table: type[Article] | type[Sentence] | type[Fact]) -> Mapped[int]:
    """``table.id`` in a query of stored rows, typed as it is there: never NULL (the models say
    ``int | None`` only because a new row has no id until it is added)."""
    return cast("Mapped[int]", col(table.id))


class FlaggedFact(SQLModel, table=True):
    """A fact someone said is wrong, under the id admins use for it (``#123``).

    ``fact_key`` names the fact by what identifies it in its article (the article's content hash,
    the sentence's position, the kind and a digest of the fact's text), never by a row id, so a
    hide outlives reloads and re-ingestion of the same article. The quote and summary are kept as
    they were when flagged, so the admins' list reads even after the article is gone.
    """

    id: int | None = Field(default=None, primary_key=True)
    fact_key: str = Field(unique=True, max_length=120)
    article_hash: str = Field(index=True, max_length=64)
    kind: str = Field(max_length=20)
    summary: str = Field(sa_column=Column(Text, nullable=False))
    quote: str = Field(sa_column=Column(Text, nullable=False))
    source: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    status: str = Field(default="open", max_length=20)
    """"open" (on the admins' list), "dismissed" (looked at, left as it is) or "hidden"."""
    created_at: datetime = Field(default_factory=_now)


class FactFlag(SQLModel, table=True):
    """One person's "Wrong?" on one fact: who, for which query, when, and an optional comment.
    A second click by the same person updates their flag rather than counting twice."""

    __table_args__ = (UniqueConstraint("fact_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    fact_id: int = Field(foreign_key="flaggedfact.id", index=True, ondelete="CASCADE")
    user_id: str = Field(max_length=100)
    query: str = Field(sa_column=Column(Text, nullable=False))
    comment: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    at: datetime = Field(default_factory=_now)


class FactVisibility(SQLModel, table=True):
    """Every hide and unhide, kept for good: the history that makes hiding reversible, and whose
    newest id is part of the store's fingerprint, so every replica's index notices a change."""

    id: int | None = Field(default=None, primary_key=True)
    fact_id: int = Field(foreign_key="flaggedfact.id", index=True, ondelete="CASCADE")
    hidden: bool
    actor: str = Field(max_length=100)
    at: datetime = Field(default_factory=_now)


class AnswerVote(SQLModel, table=True):
    """A 👍 or 👎 on a whole answer, one per person and query (a second vote replaces the first)."""

    __table_args__ = (UniqueConstraint("user_id", "query"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: str = Field(max_length=100)
    query: str = Field(max_length=500)
    vote: str = Field(max_length=10)
    at: datetime = Field(default_factory=_now)
