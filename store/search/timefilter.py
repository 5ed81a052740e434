"""Time in a question: "in 2024", "before September", "since March 2024", "after 2023",
"latest", "now". It becomes a filter over facts' dates and, for "latest", an order.

Facts are dated at their own precision ("2023", "2023-10", "2023-10-10"): a fact is admitted when
the period its date names overlaps the period asked about, so "2023" is admitted by "before
September 2023" (it may be) and "2023-10" is not.

"In March" or "on August 5" without a year admits that month or day in any year: a store whose
articles span two years holds two of each, and the question does not say which. Before, after or
since a month without a year counts from the latest such month on or before the reference date
(the newest publication in the store), the way a reader of those articles would take it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
}
MONTHS["sept"] = 9
RELATIONS = {
    "in": "in", "on": "in", "during": "in", "of": "in", "for": "in",
    "before": "before", "until": "before", "till": "before", "prior to": "before",
    "after": "after", "since": "since", "from": "since", "as of": "since",
}  # fmt: skip
LATEST = ("latest", "newest", "most recent", "now", "currently", "current", "today", "recent")
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_RELATION = "|".join(sorted(RELATIONS, key=len, reverse=True))
PATTERN = re.compile(
    rf"\b(?:(?P<relation>{_RELATION})\s+)?"
    rf"(?:(?:(?P<day_before>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
    rf"(?P<month>{_MONTH})\.?(?:\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b)?"
    rf"(?:,?\s+(?P<year_after_month>(?:19|20)\d\d))?"
    rf"|(?P<year>(?:19|20)\d\d))\b"
)
# A later year after the one asked makes a span: "2020 2021", "2017-2019", "2017-19", "2012 to
# 2014", "between 2012 and 2014", at most SPAN_YEARS later ("1960 2023" is still a span).
SPAN_END = re.compile(
    r"\s*(?:(?:-|–|—|/|to|and|through|till|until)\s*)?(?P<year>(?:19|20)\d\d)\b"
    r"|[-–/](?P<short>\d\d)\b"
)
SPAN_YEARS = 100
# A month after the one asked, with its year, makes a span too: "june-november 2022", "January to
# March 2024" (a sitrep's period).
MONTH_SPAN_END = re.compile(
    rf"\s*(?:-|–|—|to|through|till|until)\s*(?P<month>{_MONTH})\.?,?\s+(?P<year>(?:19|20)\d\d)\b"
)
MONTH_NAME = re.compile(rf"\b(?:{_MONTH})\b")  # said back capitalised: "on 26 July"
LATEST_PATTERN = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in LATEST) + r")\b")


@dataclass(frozen=True, slots=True)
class TimeFilter:
    """The dates a question admits (``start``..``end``, inclusive, either open) and whether it
    asks for the latest first. ``text`` is the phrase as asked, for notes to the user."""

    start: dt.date | None = None
    end: dt.date | None = None
    latest: bool = False
    text: str = ""
    month: int | None = None  # "in March", any year
    day: int | None = None  # "on August 5", any year (with ``month``)

    @property
    def bounded(self) -> bool:
        return self.start is not None or self.end is not None or self.month is not None

    def admits(self, iso: str | None) -> bool:
        """True when the period the date names overlaps the period asked; undated facts are
        admitted only when nothing bounds the time."""
        if not self.bounded:
            return True
        span = _period_of(iso)
        if span is None:
            return False
        first, last = span
        if self.month is not None:
            return any(_overlaps(first, last, y, self.month, self.day) for y in _years(first, last))
        if self.start is not None and last < self.start:
            return False
        return not (self.end is not None and first > self.end)

    def holds(self, iso: str | None) -> bool:
        """True when the whole period the date names lies in the period asked: "2023-07-26" for
        "on 26 july", not "2023", which only may fall on it (see admits)."""
        span = _period_of(iso) if self.bounded else None
        if span is None:
            return False
        first, last = span
        if self.month is not None:
            if first.year != last.year or (first.month, last.month) != (self.month, self.month):
                return False
            return self.day is None or first.day == last.day == self.day
        return (self.start is None or first >= self.start) and (
            self.end is None or last <= self.end
        )


def _period_of(iso: str | None) -> tuple[dt.date, dt.date] | None:
    """The period a fact's date names, or None for no date or one the calendar has not."""
    if not iso:
        return None
    try:
        return period(iso)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def period(iso: str) -> tuple[dt.date, dt.date]:
    """The first and last day a date at its own precision names."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        last_day = calendar.monthrange(parts[0], parts[1])[1]
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last_day)
    day = dt.date(*parts)
    return day, day


def find_time(text: str, *, reference: dt.date | None) -> tuple[TimeFilter | None, str]:
    """The time a query asks about, and the query with those words taken out (so "2024" is
    not also searched for as a word). Only the first time phrase counts."""
    lowered = text.lower()
    latest = bool(LATEST_PATTERN.search(lowered))
    match = PATTERN.search(lowered)
    if match is None:
        if not latest:
            return None, text
        rest = LATEST_PATTERN.sub(" ", lowered)
        return TimeFilter(latest=True, text="latest"), " ".join(rest.split())
    relation = RELATIONS.get(match.group("relation") or "in", "in")
    month_name = match.group("month")
    framed = match.group("relation") or match.group("year_after_month") or _day(match)
    if month_name and not framed:
        if month_name in {"may", "mar", "jan", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}:
            # "may" and bare abbreviations are ordinary words unless a relation or year frames them
            return (TimeFilter(latest=True, text="latest") if latest else None), text
    span_end = _span_end(lowered, match)
    end_at = match.end() if span_end is None else span_end[1]
    months = _month_span(lowered, match)
    if months is not None:
        end_at = months[2]
    rest = lowered[: match.start()] + " " + lowered[end_at:]
    if latest:
        rest = LATEST_PATTERN.sub(" ", rest)
    asked = MONTH_NAME.sub(lambda m: m[0].capitalize(), lowered[match.start() : end_at].strip())
    if span_end is not None:  # "from 2012 to 2014" is no "since": both ends are asked
        first, last = dt.date(int(match.group("year")), 1, 1), dt.date(span_end[0], 12, 31)
        span = TimeFilter(first, last, latest, f"from {first.year} to {last.year}")
        return span, " ".join(rest.split())
    if months is not None:
        first, last = months[0], months[1]
        since = f"{first:%B}" if first.year == last.year else f"{first:%B %Y}"
        span = TimeFilter(first, last, latest, f"from {since} to {last:%B %Y}")
        return span, " ".join(rest.split())
    if month_name and relation == "in" and not match.group("year_after_month"):
        yearly = TimeFilter(None, None, latest, asked, MONTHS[month_name], _day(match))
        return yearly, " ".join(rest.split())
    first, last = _asked_period(match, reference)
    start, end = {
        "in": (first, last),
        "before": (None, first - dt.timedelta(days=1)),
        "after": (last + dt.timedelta(days=1), None),
        "since": (first, None),
    }[relation]
    return TimeFilter(start, end, latest, asked), " ".join(rest.split())


def _span_end(lowered: str, match: re.Match[str]) -> tuple[int, int] | None:
    """(last year, where its words end) when a bare year asked in, from or since it is followed
    by a later year (see SPAN_END); None otherwise."""
    if not match.group("year") or RELATIONS.get(match.group("relation") or "in") not in (
        "in",
        "since",
    ):
        return None
    after = SPAN_END.match(lowered, match.end())
    if after is None:
        return None
    first = int(match.group("year"))
    last = int(after["year"]) if after["year"] else first // 100 * 100 + int(after["short"])
    return (last, after.end()) if first < last <= first + SPAN_YEARS else None


def _month_span(lowered: str, match: re.Match[str]) -> tuple[dt.date, dt.date, int] | None:
    """(first day, last day, where its words end) when a month asked without a day or year is
    followed by a later month and its year (see MONTH_SPAN_END); the first month falls in the
    year before when it comes after the last ("november-february 2023")."""
    if not match.group("month") or _day(match) or match.group("year_after_month"):
        return None
    after = MONTH_SPAN_END.match(lowered, match.end())
    if after is None:
        return None
    year, first, last = int(after["year"]), MONTHS[match.group("month")], MONTHS[after["month"]]
    start = dt.date(year - 1 if first > last else year, first, 1)
    return start, period(f"{year:04d}-{last:02d}")[1], after.end()


def _years(first: dt.date, last: dt.date) -> range:
    return range(first.year, min(last.year, first.year + 10) + 1)


def _overlaps(first: dt.date, last: dt.date, year: int, month: int, day: int | None) -> bool:
    """Whether ``first``..``last`` overlaps that month (or day) of ``year``."""
    if day and day > calendar.monthrange(year, month)[1]:
        return False  # February 30 is in no year
    start, end = period(f"{year:04d}-{month:02d}-{day:02d}" if day else f"{year:04d}-{month:02d}")
    return first <= end and start <= last


def _asked_period(match: re.Match[str], reference: dt.date | None) -> tuple[dt.date, dt.date]:
    year_text = match.group("year") or match.group("year_after_month")
    month_name = match.group("month")
    if month_name is None:
        year = int(year_text)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = MONTHS[month_name]
    day = _day(match)
    if year_text:
        year = int(year_text)
    else:
        today = reference or dt.date.today()
        year = today.year if (month, day or 1) <= (today.month, today.day) else today.year - 1
    if day and day <= calendar.monthrange(year, month)[1]:
        return period(f"{year:04d}-{month:02d}-{day:02d}")
    return period(f"{year:04d}-{month:02d}")


def _day(match: re.Match[str]) -> int | None:
    text = match.group("day") or match.group("day_before")
    return int(text) if text and 1 <= int(text) <= 31 else None
