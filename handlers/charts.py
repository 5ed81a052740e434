"""Charts as data: a Result's figures or events laid out for drawing, built only from its answers.

Pure functions, no plotting library: `chart_for(result)` is what `niger-bot chart` and the Slack
Chart button draw (handlers/drawing.py), and `describe(chart)` is the same picture in words (alt
text). Nothing here adds a number, date or name the answers do not carry: a date keeps the
precision the store gave it ("2023" spans the year), a vague figure is the range the store derived,
and a figure with no date stated is placed at its article's publication date and says so.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from store import Answer, NigerBotError, Result

CHART_INTENTS = frozenset({"troops", "money", "timeline"})
FIGURE_KINDS = {"troops": "troops", "money": "money"}
LABEL_CHARS = 30  # an outlet label: "The Daily Caller News Foundation" fits, a headline is cut
EVENT_CHARS = 56  # a timeline label: at most about half the picture's width
UNATTRIBUTED = "unattributed"
DATE_TEXT = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
FRAGMENT_START = re.compile(r"^(?:and|but|which|that|so)\s+", re.IGNORECASE)


class NothingToDraw(NigerBotError, ValueError):
    """The query's answers hold nothing a chart can show; the message says why, in one line."""


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date at the precision the text supports: the first and last day it covers."""

    text: str
    start: date
    end: date
    precision: str  # "year", "month" or "day"

    @classmethod
    def parse(cls, text: str | None) -> DateSpan | None:
        match = DATE_TEXT.match(text or "")
        if not match:
            return None
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        try:
            if month is None:
                return cls(text or "", date(year, 1, 1), date(year, 12, 31), "year")
            if day is None:
                last = calendar.monthrange(year, month)[1]
                return cls(text or "", date(year, month, 1), date(year, month, last), "month")
            return cls(text or "", date(year, month, day), date(year, month, day), "day")
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class Point:
    """One figure: the number stated (None for a vague amount such as "a few hundred") and the
    range the store's stated rules derive from its wording (``high`` None: "and up")."""

    value: float | None
    low: float | None
    high: float | None
    when: DateSpan
    dated: bool  # False: no date stated, placed at the article's publication date
    text: str  # the figure as written: "about 1,000"
    label: str  # who reported it: the outlet, else the article's (cut) title
    disputed: bool = False  # named in a "Sources disagree" note
    latest: bool = False


@dataclass(frozen=True, slots=True)
class Series:
    owner: str  # whose forces or money: details["subject"]
    points: tuple[Point, ...]  # oldest first

    @property
    def latest(self) -> Point:
        return next(p for p in self.points if p.latest)


@dataclass(frozen=True, slots=True)
class FigureChart:
    """Values over time, one series per owner."""

    title: str
    query: str
    kind: str  # "troops" or "money"
    unit: str  # "troops", or the currency code of money figures
    series: tuple[Series, ...]
    notes: tuple[str, ...]  # the result's notes, such as "Sources disagree on ..."
    left_out: tuple[str, ...]  # what could not be placed, said in words

    @property
    def points(self) -> tuple[Point, ...]:
        return tuple(p for s in self.series for p in s.points)


@dataclass(frozen=True, slots=True)
class Event:
    """One row of a timeline: a date and the short label of its first event; ``more`` counts the
    other events the answers date the same."""

    when: DateSpan
    label: str
    source: str
    more: int = 0


@dataclass(frozen=True, slots=True)
class TimelineChart:
    title: str
    query: str
    events: tuple[Event, ...]  # oldest first
    left_out: tuple[str, ...]


Chart = FigureChart | TimelineChart


def chartable(result: Result) -> bool:
    """Whether a Chart button makes sense under this answer (cheap: no chart is built)."""
    if result.intent not in CHART_INTENTS:
        return False
    kind = FIGURE_KINDS.get(result.intent)
    if kind is None:
        return any(a.kind == "event" and a.date for a in result.answers)
    return any(a.kind == kind and (a.date or a.source.published) for a in result.answers)


def chart_for(result: Result) -> Chart:
    """The chart of exactly these answers, or NothingToDraw saying why there is none."""
    if result.intent not in CHART_INTENTS:
        raise NothingToDraw(
            f"nothing to draw for “{result.query}”: charts show troop figures, money and "
            f"timelines, and this is a {result.intent} question (try “troops US” or “timeline”)"
        )
    if result.intent == "timeline":
        return _timeline(result)
    return _figures(result, FIGURE_KINDS[result.intent])


def source_label(answer: Answer) -> str:
    source = answer.source
    return source.outlet or _cut(source.title, LABEL_CHARS)


def _figures(result: Result, kind: str) -> FigureChart:
    answers = [a for a in result.answers if a.kind == kind]
    if not answers:
        raise NothingToDraw(f"nothing to draw: no {_kind_words(kind)} match “{result.query}”")
    unit = "troops"
    left_out: list[str] = []
    if kind == "money":
        currencies = Counter(a.details.get("currency") or "?" for a in answers)
        unit = currencies.most_common(1)[0][0]
        for a in answers:
            if (a.details.get("currency") or "?") != unit:
                left_out.append(f"{a.details.get('text') or a.summary}: not in {unit}")
        answers = [a for a in answers if (a.details.get("currency") or "?") == unit]
    by_owner: dict[str, list[Point]] = {}
    for answer in answers:
        point = _point(answer, result.notes)
        if point is None:
            figure = answer.details.get("text") or answer.summary
            left_out.append(f"{figure} ({source_label(answer)}): no date and no publication date")
            continue
        by_owner.setdefault(answer.details.get("subject") or UNATTRIBUTED, []).append(point)
    if not by_owner:
        raise NothingToDraw(
            f"nothing to draw: the {_kind_words(kind)} for “{result.query}” have no dates"
        )
    series = tuple(Series(owner, _mark_latest(points)) for owner, points in by_owner.items())
    what = "Troop figures" if kind == "troops" else f"Money ({unit})"
    return FigureChart(
        title=what + (f": {result.topic}" if result.topic else " by owner"),
        query=result.query,
        kind=kind,
        unit=unit,
        series=series,
        notes=result.notes,
        left_out=tuple(left_out),
    )


def _kind_words(kind: str) -> str:
    return "troop figures" if kind == "troops" else "amounts of money"


def _point(answer: Answer, notes: tuple[str, ...]) -> Point | None:
    details = answer.details
    low, high = details.get("low"), details.get("high")
    if answer.value is None and low is None and high is None:
        return None
    when = DateSpan.parse(answer.date)
    dated = when is not None
    if when is None:
        when = DateSpan.parse(answer.source.published)
    if when is None:
        return None
    text = str(details.get("text") or answer.value_text() or "")
    label = source_label(answer)
    owner = details.get("subject") or ""
    cited = f"{text} ({answer.source.outlet or answer.source.title}, "
    disputed = any(
        note.startswith(f"Sources disagree on {owner} numbers:") and cited in note for note in notes
    )
    return Point(
        value=answer.value,
        low=float(low) if low is not None else None,
        high=float(high) if high is not None else None,
        when=when,
        dated=dated,
        text=text,
        label=label,
        disputed=disputed,
    )


def _mark_latest(points: list[Point]) -> tuple[Point, ...]:
    """Oldest first; the latest is the stated date that ends last (a publication date only when
    no figure states one; the answers' own order breaks any tie left)."""
    ordered = sorted(points, key=lambda p: (p.when.start, p.when.end))
    latest = max(range(len(points)), key=lambda i: (points[i].dated, points[i].when.end, -i))
    ordered[ordered.index(points[latest])] = replace(points[latest], latest=True)
    return tuple(ordered)


def _timeline(result: Result) -> TimelineChart:
    events: dict[str, Event] = {}
    left_out: list[str] = []
    for answer in result.answers:
        if answer.kind != "event":
            continue
        when = DateSpan.parse(answer.date)
        if when is None:
            left_out.append(f"{_cut(answer.summary, EVENT_CHARS)}: no date")
            continue
        row = events.get(when.text)
        if row is None:
            events[when.text] = Event(when, short_label(answer.summary), source_label(answer))
        else:
            events[when.text] = replace(row, more=row.more + 1)
    if not events:
        raise NothingToDraw(f"nothing to draw: no dated events match “{result.query}”")
    return TimelineChart(
        title="Timeline" + (f": {result.topic}" if result.topic else ""),
        query=result.query,
        events=tuple(sorted(events.values(), key=lambda e: (e.when.start, e.when.end))),
        left_out=tuple(left_out),
    )


def short_label(summary: str) -> str:
    """An event's summary as a label: a dangling "and"/"which" dropped, cut at a word."""
    text = FRAGMENT_START.sub("", " ".join(summary.split()))
    text = text[:1].upper() + text[1:]
    return _cut(text, EVENT_CHARS)


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:—-") + "…"


def describe(chart: Chart) -> str:
    """The chart in words, for alt text and screen readers: each series and its latest figure,
    or the timeline's span and first and last events."""
    if isinstance(chart, TimelineChart):
        first, last = chart.events[0], chart.events[-1]
        count = sum(1 + e.more for e in chart.events)
        return (
            f"{chart.title}: {count} dated events from {first.when.text} to {last.when.text}. "
            f"First: {first.when.text}, {first.label}. Last: {last.when.text}, {last.label}."
        )
    parts = []
    for series in chart.series:
        latest = series.latest
        how = "" if latest.dated else "no date stated, published "
        parts.append(
            f"{series.owner}: {len(series.points)} figure{'s' if len(series.points) > 1 else ''}, "
            f"latest {latest.text} ({latest.label}, {how}{latest.when.text})"
        )
    disputes = [n for n in chart.notes if n.startswith("Sources disagree")]
    return f"{chart.title}. " + "; ".join(parts) + "." + "".join(f" {n}" for n in disputes)
