"""What the index needs of the feedback tables: how a fact is named across reloads, which facts
are hidden, and the newest hide or unhide (part of the store's fingerprint)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import Session

from store.persistence.models import FactVisibility, FlaggedFact

HASH_PREFIX = 16  # hex digits of the article's content hash in a key: unique enough, and short
# enough for a key to ride in a Slack button or menu option (150 characters at most)


@dataclass(frozen=True, slots=True)
class FactRef:
    """A fact as the feedback tables record it: its key, its article, and what it said."""

    key: str
    article_hash: str
    kind: str
    summary: str
    quote: str
    source: str


def fact_key(content_hash: str, position: int, kind: str, text: str) -> str:
    """A fact named by what identifies it in its article, never by a row id (a reload renumbers
    rows): the article's content hash, the sentence's position, the kind, a digest of its text.
    Re-ingesting the same article gives every fact the same key again."""
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    return f"{content_hash[:HASH_PREFIX]}.{position}.{kind}.{digest}"


def sentence_key(content_hash: str, position: int, text: str) -> str:
    """A sentence shown as a search result is flagged and hidden like a fact, of kind
    "sentence"."""
    return fact_key(content_hash, position, "sentence", text)


def hidden_facts(session: Session) -> dict[str, str]:
    """Keys of the hidden facts, each with its article's full content hash."""
    rows = session.execute(
        select(FlaggedFact.fact_key, FlaggedFact.article_hash).where(FlaggedFact.status == "hidden")
    ).all()
    return {key: article for key, article in rows}


def visibility_version(session: Session) -> int:
    """The id of the newest hide or unhide: it grows with every one, in any process."""
    return int(session.execute(select(func.max(FactVisibility.id))).scalar() or 0)


__all__ = ["FactRef", "sentence_key", "fact_key", "hidden_facts", "visibility_version"]
