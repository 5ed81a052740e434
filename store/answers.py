"""The frozen result objects every front end renders: terminal, JSON and Slack alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    outlet: str | None
    url: str | None
    published: str | None
    article_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published,
        }


@dataclass(frozen=True, slots=True)
class Answer:
    """One fact shown to a user: the direct answer, and the sentence that supports it, verbatim."""

    kind: str
    summary: str
    value: float | None
    date: str | None
    quote: str
    source: Source
    score: float
    why: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        value: float | int | None = self.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return {
            "kind": self.kind,
            "summary": self.summary,
            "value": value,
            "date": self.date,
            "quote": self.quote,
            "source": self.source.to_dict(),
            "score": round(self.score, 1),
            "why": self.why,
            "details": self.details,
        }


@dataclass(frozen=True, slots=True)
class Result:
    """The answer to one query. ``notes`` carry cross-answer remarks such as disagreements."""

    query: str
    intent: str
    answers: tuple[Answer, ...] = ()
    suggestions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    topic: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "intent": self.intent,
            "answers": [a.to_dict() for a in self.answers],
            "suggestions": list(self.suggestions),
            "notes": list(self.notes),
            "topic": self.topic,
        }
