"""The in-memory view of the store that queries run against, built from column rows."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import snowballstemmer
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from store.answers import Source
from store.lexicon import entries
from store.models import Article, Fact, Sentence

WORD = re.compile(r"[a-z0-9à-ÿ]+(?:'[a-z]+)?")


def normalise(text: str) -> str:
    """Lower-case, one apostrophe, and the United States spelled one way ("U.S." = "US")."""
    lowered = text.lower().replace("’", "'").replace("u.s.", "us")
    return lowered.replace("'s ", " ")


@cache
def _stemmer():  # type: ignore[no-untyped-def]
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem, so "called", "calls" and "call" match."""
    return _stemmer().stemWord(word)


def tokens(text: str) -> list[str]:
    """Search tokens: normalised, stemmed words."""
    return [stem(w) for w in WORD.findall(normalise(text))]


@dataclass(frozen=True, slots=True)
class IndexedSentence:
    id: int
    article_id: int
    position: int
    kind: str
    text: str
    entities: frozenset[str]
    tokens: frozenset[str]


@dataclass(frozen=True, slots=True)
class IndexedFact:
    id: int
    kind: str
    subject: str | None
    summary: str
    value: float | None
    date: str | None
    data: dict[str, Any]
    sentence_id: int
    article_id: int


@dataclass(slots=True)
class FactIndex:
    """Facts, sentences and sources held in memory, plus the vocabularies query parsing needs."""

    facts: list[IndexedFact]
    sentences: dict[int, IndexedSentence]
    sources: dict[int, Source]
    version: tuple[int, int]
    document_frequency: Counter[str] = field(default_factory=Counter)
    aliases: dict[str, str] = field(default_factory=dict)  # lower-case alias -> entity key
    names: dict[str, str] = field(default_factory=dict)  # entity key -> display name

    def idf(self, token: str) -> float:
        total = max(len(self.sentences), 1)
        return math.log((total + 1) / (self.document_frequency.get(token, 0) + 0.5))

    @property
    def vocabulary(self) -> list[str]:
        return list(self.document_frequency)


def store_version(engine: Engine) -> tuple[int, int]:
    """A cheap fingerprint of the store's content: it changes whenever an article is added,
    replaced or removed."""
    with Session(engine) as session:
        count, top = session.exec(select(func.count(Article.id), func.max(Article.id))).one()
    return int(count or 0), int(top or 0)


def load_index(engine: Engine) -> FactIndex:
    with Session(engine) as session:
        version = session.exec(select(func.count(Article.id), func.max(Article.id))).one()
        sources = {
            row.id: Source(row.title, row.outlet, row.url, row.published, row.id)
            for row in session.exec(
                select(Article.id, Article.title, Article.outlet, Article.url, Article.published)
            )
        }
        sentences = {}
        frequency: Counter[str] = Counter()
        for row in session.exec(
            select(
                Sentence.id,
                Sentence.article_id,
                Sentence.position,
                Sentence.kind,
                Sentence.text,
                Sentence.entities,
            )
        ):
            words = frozenset(tokens(row.text))
            frequency.update(words)
            sentences[row.id] = IndexedSentence(
                row.id,
                row.article_id,
                row.position,
                row.kind,
                row.text,
                frozenset(k for k in row.entities.split("|") if k),
                words,
            )
        facts = [
            IndexedFact(
                row.id,
                row.kind,
                row.subject,
                row.summary,
                row.value,
                row.date,
                row.data or {},
                row.sentence_id,
                row.article_id,
            )
            for row in session.exec(
                select(
                    Fact.id,
                    Fact.kind,
                    Fact.subject,
                    Fact.summary,
                    Fact.value,
                    Fact.date,
                    Fact.data,
                    Fact.sentence_id,
                    Fact.article_id,
                )
            )
        ]
    index = FactIndex(
        facts, sentences, sources, (int(version[0] or 0), int(version[1] or 0)), frequency
    )
    _add_names(index)
    return index


def _add_names(index: FactIndex) -> None:
    """Every way a query may name an entity: the lexicons' aliases and the names found in text."""
    for entry in entries():
        index.names.setdefault(entry.key, entry.name)
        for alias in (*entry.aliases, *entry.demonyms):
            index.aliases.setdefault(normalise(alias).strip(".’' "), entry.key)
    known = set(index.names)
    for fact in index.facts:
        if fact.kind not in {"person", "organisation", "place"} or not fact.subject:
            continue
        name = index.names.setdefault(fact.subject, fact.subject.split(":", 1)[1])
        names = (
            fact.data.get("aliases", ())
            if fact.subject in known
            else (name, *fact.data.get("aliases", ()))
        )
        for alias in names:
            index.aliases.setdefault(normalise(alias), fact.subject)
        if fact.kind == "person" and " " in name:
            index.aliases.setdefault(normalise(name.split()[-1]), fact.subject)
