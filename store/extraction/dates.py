"""Dates in news sentences, resolved against the publication date by stated rules.

Every date the bot shows must be in the sentence or derived from it by a rule a reader can check,
so each mention keeps its span, the rule used, and no more precision than the text supports.
Names and cue words live in lexicon/dates.toml.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from store.lexicon import load_toml

Precision = Literal["year", "month", "day"]
NEAR_DAYS = 60  # a reported "would … on March 12" this close before publication already happened
Span = tuple[dt.date, dt.date]
SIDE = {-1: "before", 0: "of", 1: "after"}


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known only to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p]
        return "-".join(parts)

    def sort_key(self) -> tuple[int, int, int]:
        return self.year, self.month or 0, self.day or 0

    @classmethod
    def parse(cls, s: str) -> PartialDate:
        return cls(*(int(p) for p in s.strip().split("-")))


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression in a sentence and the date it resolves to, with the rule used."""

    start: int
    end: int
    text: str
    date: PartialDate | None  # None when it needs a publication date that is unknown
    relation: str  # on, by, since, until, before, after, as_early_as, as_of
    rule: str


@cache
def _lex() -> dict:
    lex = load_toml("dates.toml")
    lex["month_numbers"] = lex["months"] | lex["month_abbreviations"]
    return lex


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """Date shapes, most specific first: a span claimed by one is not read again by the next."""
    lex = _lex()
    month = rf"(?:{_alt(lex['months'])})(?![a-z])"
    monthx = rf"(?:{_alt(lex['months'])}|(?:{_alt(lex['month_abbreviations'])})\.?)(?![a-z])"
    wd = rf"(?:{_alt(lex['weekdays'])})"
    day = r"(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
    year = r"(?:19|20)\d\d(?![\d%])"
    num = rf"\d+|{_alt(lex['numbers'])}"
    part = r"(?i:(?:early|late|mid)[\s-]+)"  # of a month or year: still that month or year
    cues = lex["cues"]["future"] + lex["cues"]["past"]
    words = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues if c[0].isalpha())
    clitics = "|".join(re.escape(c) for c in cues if not c[0].isalpha())
    shapes = {
        "iso": r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
        r"(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?(?!\d)",
        "mdy": rf"\b(?:{wd},?\s+)?(?P<mon>{monthx})\s+{day},?\s+(?P<y>{year})",
        "dmy": rf"\b(?:{wd},?\s+)?{day}\s+(?:of\s+)?(?P<mon>{monthx}),?\s+(?P<y>{year})",
        "my": rf"\b{part}?(?P<mon>{monthx})\s+(?:of\s+)?(?P<y>{year})",
        "md": rf"\b(?:{wd},?\s+)?(?P<mon>{monthx})\s+{day}(?!,\d)",
        "dm": rf"(?<![\d,.$])\b{day}\s+(?:of\s+)?(?P<mon>{monthx})",
        "rel": r"(?i:\b(?:(?:early|late|earlier|later)\s+)?(?P<which>this|last|next)\s+"
        r"(?P<unit>week|month|year|weekend))(?![a-z])",
        "weekend": r"(?i:\bthe\s+weekend)\b",
        "ago": rf"(?i:\b(?P<n>{num})\s+(?P<unit>day|week|month|year|decade)s?\s+ago)\b",
        "dayword": r"(?i:\b(?P<w>today|yesterday|tomorrow|tonight))\b",
        "wd": rf"\b(?:(?i:(?P<mod>last|next|this))\s+)?(?P<wd>{wd})"
        r"(?:\s+(?:morning|afternoon|evening|night))?\b",
        "month": rf"(?:\b(?i:(?P<mod>early|late|mid|last|next|this|(?:the\s+)?(?:end|beginning"
        rf"|start|middle)\s+of)\s+)|\b(?i:mid-))?\b(?P<mon>{month})",
        "year": rf"(?:\b{part}|(?<![\w$€£#.,-]))(?P<y>{year})(?![.,]\d|-\d|s\b)",
    }
    out = {k: re.compile(v) for k, v in shapes.items()}
    out["prefix"] = re.compile(rf"\b(?i:({_alt(lex['relations'])}))\s+$")
    out["cue"] = re.compile(rf"(?i:(?<![\w’'])(?:{words})\b|{clitics})")
    return out


def _month_no(name: str) -> int:
    return _lex()["month_numbers"][name.rstrip(".")]


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month_span(y: int, m: int) -> Span:
    return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])


def _shift_month(d: dt.date, n: int) -> Span:
    idx = d.year * 12 + d.month - 1 + n
    return _month_span(idx // 12, idx % 12 + 1)


def _year_span(y: int) -> Span:
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def _week(d: dt.date) -> Span:
    monday = d - dt.timedelta(days=d.weekday())
    return monday, monday + dt.timedelta(days=6)


def _fit(lo: dt.date, hi: dt.date) -> PartialDate:
    """The most precise calendar unit holding the whole span (the middle's year if none does)."""
    if lo == hi:
        return PartialDate(lo.year, lo.month, lo.day)
    if (lo.year, lo.month) == (hi.year, hi.month):
        return PartialDate(lo.year, lo.month)
    return PartialDate((lo + (hi - lo) / 2).year)


def _direction(sentence: str, start: int, relation: str) -> tuple[bool, bool]:
    """(future?, says next?) from the relation, else from the nearest cue earlier in the clause."""
    if relation in {"by", "until", "as_early_as"}:
        return True, False
    if relation == "since":
        return False, False
    window = sentence[max(0, start - 90) : start]
    window = re.split(r"[,;:“”\"()—–!?]|\.\s", window)[-1]
    cues = [m.group().lower() for m in _patterns()["cue"].finditer(window) if m.group() != "May"]
    if not cues:
        return False, False
    last = re.sub(r"\s+", " ", cues[-1])
    return last in _lex()["cues"]["future"], last == "next"


def _explicit(kind: str, m: re.Match[str], *_) -> tuple[Span, str] | None:
    if kind == "year":
        return _year_span(int(m["y"])), "explicit year"
    mon = int(m["m"]) if kind == "iso" else _month_no(m["mon"])
    if kind == "my":
        return _month_span(int(m["y"]), mon), "explicit month"
    d = _safe(int(m["y"]), mon, int(m["d"]))
    return ((d, d), "explicit date") if d else None


def _month_day(kind: str, m: re.Match[str], pub: dt.date, future: bool, says_next: bool):
    """A year-less day: the nearest occurrence in the cue's direction, except that a past one
    within NEAR_DAYS beats a future cue that does not say "next" (reported "would")."""
    mon, day = _month_no(m["mon"]), int(m["d"])
    cands = [c for y in (pub.year - 1, pub.year, pub.year + 1) if (c := _safe(y, mon, day))]
    past = max((c for c in cands if c <= pub), default=None)
    ahead = min((c for c in cands if c >= pub), default=None)
    if future and past and not says_next and (pub - past).days <= NEAR_DAYS:
        return (past, past), f"month and day within {NEAR_DAYS} days before publication"
    pick = ahead if future else past
    side = "on or after" if future else "on or before"
    return ((pick, pick), f"month and day {side} publication") if pick else None


def _month(kind: str, m: re.Match[str], pub: dt.date, future: bool, _: bool):
    """A month name alone: the nearest such month in the cue's direction, or as "last"/"next"/
    "this" say."""
    mon, mod = _month_no(m["mon"]), (m["mod"] or "").lower()
    if mod == "this":
        return _month_span(pub.year, mon), "month in the year of publication"
    later = future and mod != "last" or mod == "next"
    gap = (mon - pub.month) % 12 if later else -((pub.month - mon) % 12)
    if mod in {"last", "next"} and gap == 0:
        gap = 12 if later else -12
    side = "of" if gap == 0 else "after" if later else "before"
    return _shift_month(pub, gap), f"month {side} publication"


def _weekday(kind: str, m: re.Match[str], pub: dt.date, future: bool, _: bool):
    """Past by default, the publication day included; forward on a future cue."""
    wd, mod = _lex()["weekdays"].index(m["wd"]), (m["mod"] or "").lower()
    back, fwd = (pub.weekday() - wd) % 7, (wd - pub.weekday()) % 7
    d, rule = {
        "this": (_week(pub)[0] + dt.timedelta(days=wd), "weekday in the week of publication"),
        "last": (pub - dt.timedelta(days=back or 7), "weekday before publication"),
        "next": (pub + dt.timedelta(days=fwd or 7), "weekday after publication"),
    }.get(mod) or (
        (pub + dt.timedelta(days=fwd), "weekday on or after publication")
        if future
        else (pub - dt.timedelta(days=back), "weekday on or before publication")
    )
    return (d, d), rule


def _unit_span(pub: dt.date, unit: str, step: int) -> Span:
    """The day, week (Monday to Sunday), month, year or decade `step` units from publication."""
    if unit == "day":
        return pub + dt.timedelta(days=step), pub + dt.timedelta(days=step)
    if unit == "week":
        return _week(pub + dt.timedelta(weeks=step))
    if unit == "month":
        return _shift_month(pub, step)
    return _year_span(pub.year + step * (10 if unit == "decade" else 1))


def _ago(kind: str, m: re.Match[str], pub: dt.date, *_):
    """ "N units ago", as precise as the unit: days give a day, years a year."""
    n, unit = _lex()["numbers"].get(m["n"].lower()) or int(m["n"]), m["unit"].lower()
    rule = f"{m['n'].lower()} {unit}{'s' if n > 1 else ''} before publication"
    return _unit_span(pub, unit, -n), rule


def _relative(kind: str, m: re.Match[str], pub: dt.date, future: bool, _: bool):
    """today, yesterday; last/this/next week, month, year or weekend; "the weekend" is the
    nearest one in the cue's direction."""
    which = (m.groupdict().get("which") or m.groupdict().get("w") or "").lower()
    step = {"last": -1, "yesterday": -1, "next": 1, "tomorrow": 1}.get(which, 0 if which else None)
    unit = "day" if kind == "dayword" else (m.groupdict().get("unit") or "weekend").lower()
    if unit != "weekend":
        assert step is not None, "the patterns give every unit but the weekend a which-word"
        return _unit_span(pub, unit, step), f"{unit} {SIDE[step]} publication"
    if step is not None:
        sat, rule = _week(pub)[0] + dt.timedelta(days=5 + 7 * step), f"weekend {SIDE[step]}"
    elif future:
        sat, rule = pub + dt.timedelta(days=(5 - pub.weekday()) % 7), "weekend on or after"
    else:
        sat, rule = pub - dt.timedelta(days=(pub.weekday() - 5) % 7), "weekend on or before"
    return (sat, sat + dt.timedelta(days=1)), f"{rule} publication"


EXPLICIT = {"iso", "mdy", "dmy", "my", "year"}
RESOLVERS = dict.fromkeys(EXPLICIT, _explicit) | {
    "md": _month_day,
    "dm": _month_day,
    "month": _month,
    "wd": _weekday,
    "ago": _ago,
    "rel": _relative,
    "weekend": _relative,
    "dayword": _relative,
}


def _is_date(kind: str, m: re.Match[str], sentence: str, linked: bool) -> bool:
    """False for year-like numbers that are counts or names, names such as "Sunday Times",
    and month words such as "March" that the context does not make a month."""
    lex = _lex()
    word_before = re.search(r"([\w’'.©-]+)\W*$", sentence[: m.start()])
    word_after = re.match(r"\W*?([\w.’']+)", sentence[m.end() :])
    before = word_before[1] if word_before else ""
    after = word_after[1] if word_after else ""
    if kind == "year":
        lower = before.lower()
        if lower in lex["not_year_before"] or after.lower() in lex["not_year_after"]:
            return False
        if before[:1].isupper() and lower not in lex["year_before"] and before not in lex["months"]:
            return False
        return not (
            after[:1].islower()
            and after.endswith("s")
            and lower not in {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that"}
        )
    if kind == "wd":
        return before not in lex["weekday_names_before"] and after not in lex["weekday_names_after"]
    if kind == "dayword":
        return not (m.group()[0].isupper() and before[:1].isupper() and m.start() > 0)
    if kind == "month" and m["mon"] in lex["ambiguous_months"]:
        has_prefix = bool(_patterns()["prefix"].search(sentence[: m.start()]))
        return bool(m["mod"] or "mid-" in m.group().lower() or has_prefix or linked)
    if kind == "rel" and m["which"].lower() in {"last", "next"}:
        return before.lower() not in {"the", "past"}  # "over the last year" is a duration
    return True


def find_dates(sentence: str, published: dt.date | None) -> list[DateMention]:
    """Every date expression in a sentence, resolved against the publication date; relative
    ones stay unresolved (date=None) when the publication date is unknown."""
    pats = _patterns()
    claimed: list[tuple[int, int, str, re.Match[str]]] = []
    for kind in (
        "iso",
        "mdy",
        "dmy",
        "my",
        "md",
        "dm",
        "rel",
        "weekend",
        "ago",
        "dayword",
        "wd",
        "month",
        "year",
    ):
        for m in pats[kind].finditer(sentence):
            if not any(s < m.end() and m.start() < e for s, e, _, _ in claimed):
                claimed.append((m.start(), m.end(), kind, m))
    out: list[DateMention] = []
    relations = _lex()["relations"]
    prev_way = (False, False)
    for start, end, kind, m in sorted(claimed, key=lambda c: c[0]):
        prev = out[-1] if out else None
        joint = (
            re.fullmatch(r"\s*(?:,|,?\s*and|,?\s*or|to|through)\s*", sentence[prev.end : start])
            if prev
            else None
        )
        if not _is_date(kind, m, sentence, bool(joint)):
            continue
        prefix = pats["prefix"].search(sentence[:start])
        if prefix:
            start, relation = prefix.start(), relations[prefix[1].lower()]
        elif joint and prev:
            relation = "until" if joint.group().strip() in {"to", "through"} else prev.relation
        else:
            relation = "on"
        way = prev_way if joint and not prefix else _direction(sentence, m.start(), relation)
        found = RESOLVERS[kind](kind, m, published, *way) if kind in EXPLICIT or published else None
        if found is None and (published is not None or kind in EXPLICIT):
            continue  # an impossible day such as February 30
        date, rule = (_fit(*found[0]), found[1]) if found else (None, "needs the publication date")
        out.append(DateMention(start, end, sentence[start:end], date, relation, rule))
        prev_way = way
    return out


def parse_date_text(text: str) -> dt.date | None:
    """The first full calendar date in a byline, dateline or metadata value, else None."""
    pats = _patterns()
    for candidate in (text, text.title()):
        hits = [
            (m.start(), kind, m)
            for kind in ("iso", "mdy", "dmy")
            for m in pats[kind].finditer(candidate)
        ]
        for _, kind, m in sorted(hits, key=lambda h: h[0]):
            found = _explicit(kind, m)
            if found:
                return found[0][0]
    return None
