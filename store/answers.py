"""The frozen result objects every front end renders: terminal, JSON and Slack alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

ANSWER_SCHEMA = Path(__file__).resolve().with_name("answer.schema.json")
"""The JSON Schema (draft 2020-12) of `Result.to_dict()`, the output of `niger-bot ask --json`."""


class Kind(StrEnum):
    """What an answer is: a fact extraction stored, a sentence that matched, or a loaded article.
    The members equal their strings, so stored kinds and JSON output stay plain text."""

    TROOPS = "troops"
    MONEY = "money"
    EVENT = "event"
    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"
    STATEMENT = "statement"
    SENTENCE = "sentence"  # free search: the sentence matched; no fact stands behind it
    SOURCE = "source"  # the `sources` question: one loaded article


FACT_KINDS: tuple[Kind, ...] = (
    Kind.TROOPS,
    Kind.MONEY,
    Kind.EVENT,
    Kind.PERSON,
    Kind.ORGANISATION,
    Kind.PLACE,
    Kind.STATEMENT,
)
"""The kinds extraction stores as facts (the others are made when a question is answered)."""


class Intent(StrEnum):
    """What a query asks for, as parsed: it picks the facts that answer it."""

    HELP = "help"
    SOURCES = "sources"
    TIMELINE = "timeline"
    WHEN = "when"
    STATEMENT = "statement"
    MONEY = "money"
    TROOPS = "troops"
    WHO = "who"
    PLACE = "place"
    ORGANISATION = "organisation"
    SEARCH = "search"  # no intent word or entity kind decided it: a search over sentences


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    outlet: str | None
    url: str | None
    published: str | None
    article_id: int | None = None

    def attribution(self) -> list[str]:
        """Outlet, title (when it differs), publication date: the parts every front end cites."""
        parts = [self.outlet, self.title if self.title != self.outlet else None, self.published]
        return [p for p in parts if p]

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

    kind: Kind
    summary: str
    value: float | None
    date: str | None
    quote: str
    source: Source
    score: float
    why: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    def value_text(self) -> str | None:
        """The number as people write it: "1,000", "USD 110,000,000"; None when there is none."""
        if self.value is None:
            return None
        number = f"{self.value:,.0f}" if float(self.value).is_integer() else f"{self.value:,}"
        currency = self.details.get("currency")
        return f"{currency} {number}" if currency else number

    def rule(self) -> str | None:
        """The stated rule that derived the date, the owner or the speaker, when one did."""
        details = self.details
        return (
            details.get("date_rule")
            or details.get("owner_rule")
            or details.get("speaker_rule")
            or details.get("subject_rule")
        )

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
    """The answer to one query. ``notes`` carry cross-answer remarks such as disagreements;
    ``answer_line`` is the one line that answers the question, built only from the answers'
    facts, which every front end shows first (None when nothing answers)."""

    query: str
    intent: Intent
    answers: tuple[Answer, ...] = ()
    suggestions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    topic: str | None = None
    answer_line: str | None = None

    @property
    def answered(self) -> bool:
        """Whether anything answers: the closest sentences shown when nothing does
        (``details.closest``) are not answers, and front ends say so."""
        return any(not answer.details.get("closest") for answer in self.answers)

    def headline(self) -> str | None:
        """The answer line as a front end shows it above the answers: none when the first answer
        is a sentence, which the line can only repeat (trimmed), since the first answer shows
        that sentence whole right below it. JSON keeps ``answer_line`` as made."""
        if self.answers and self.answers[0].kind == Kind.SENTENCE:
            return None
        return self.answer_line

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "intent": self.intent,
            "answers": [a.to_dict() for a in self.answers],
            "suggestions": list(self.suggestions),
            "notes": list(self.notes),
            "topic": self.topic,
            "answer_line": self.answer_line,
        }
