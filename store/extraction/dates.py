"""Dates in news sentences, resolved against the publication date by stated rules.

Every date the bot shows must be in the sentence or derived from it by a rule a reader can check,
so each mention keeps its span, the rule used, and no more precision than the text supports.
Names and cue words live in lexicon/dates.toml.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from store.lexicon import load_toml

Precision = Literal["year", "month", "day"]
SOON_DAYS = 7  # a past-tense day this close after publication is that one (see _month_day)
NEAR_DAYS = 60  # a reported "would … on March 12" this close before publication already happened
REPORTED = {"would", "could", "might", "may"}  # the cues of reported plans, which may be past
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
    # Precision finer or coarser than the contract keeps: start, end (ISO days) and the
    # precision's name ("week", "quarter", "half", "season", "decade", "century"); "anchored"
    # when the date counts from the last date mentioned rather than from publication;
    # "reference" (present, past, future) for "now", "recently", "in the future".
    details: dict[str, str] = field(default_factory=dict, hash=False)


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
    ordinal = _alt(lex["ordinals"])
    period = _alt(lex["period_words"])
    season = _alt(lex["seasons"])
    unit = "(?P<{}>day|week|month|year)"
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
        # "the third quarter of 2024", "third-quarter", "the 1988 second half", "Q3 2024",
        # "the latest quarter", "the year-earlier quarter"
        "quarter": rf"(?i:\b(?:the\s+)?(?:(?:(?P<y1>{year})|(?P<yrel>this|last|next)\s+year)"
        r"(?:'s|’s)?\s+)?"
        r"(?:(?P<ago>(?:(?:comparable|same)\s+)?(?:year-earlier|year-ago)|same|comparable)[\s-]+)?"
        rf"(?:(?:(?P<ord>{ordinal})|(?<![\w-])(?P<pw>{period})(?!\w))[\s-]+)?"
        r"(?:(?:fiscal|calendar)[\s-]+)?(?P<unit>quarter|half|period)(?![\w-])"
        rf"(?:\s+of\s+(?:(?:the\s+)?(?:fiscal|calendar)\s+(?:year\s+)?)?(?P<y2>{year}))?"
        rf"|\bQ(?P<q>[1-4])(?:\s+(?P<y3>{year}))?\b)",
        "season": rf"(?i:\b(?:(?P<mod>last|this\s+past|this|next|early|late"
        rf"|(?:the\s+)?(?:early|late|mid)|the)[\s-]+)?(?P<season>{season})(?![\w-])(?:\s+(?:of\s+)?(?P<y>{year}))?)",
        "holiday": rf"\b(?P<holiday>{_alt(lex['holidays'])})\b",
        "decade": r"(?i:\b(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?:(?P<dec>1[0-9]\d0|20[0-9]0)"
        r"|['’](?P<dec2>\d0))s\b)",
        "century": rf"(?i:\b(?:the\s+)?(?:(?P<c>1\d|2[01])(?:st|nd|rd|th)|(?P<cw>"
        rf"{_alt(lex['century_words'])}))[\s-]+century\b)",
        "fiscal": rf"(?i:\bfiscal(?:\s+year)?\s+(?P<y>{year}))",
        # counted from the date last mentioned: "two days later", "the next day", "that same day"
        "anchored": rf"(?i:\b(?:(?P<n>{num})\s+{unit.format('u1')}s?\s+(?P<dir>later|earlier"
        rf"|before(?!\s+\w)|after(?!\s+\w))"
        rf"|the\s+(?P<step>next|following|previous|preceding)\s+{unit.format('u2')}\b"
        rf"|(?:(?:later|earlier)\s+)?(?:that|the)\s+same\s+{unit.format('u3')}\b"
        rf"|(?:(?:later|earlier)\s+)?that\s+{unit.format('u4')}\b(?!['’])"
        rf"|the\s+{unit.format('u5')}\s+(?P<dir2>before|after)(?!\s+\w)"
        r"|the\s+(?P<morrow>next|following)\s+(?:morning|afternoon|evening|night)"
        r"|(?P<yago>year-(?:earlier|ago)))(?![\w-]))",
        # the present, the past or the future as such: no calendar date, a reference
        "ref": rf"(?i:\b(?P<ref>{_alt(lex['references'])})\b(?![-’'])"
        r"|(?:(?<=\bin\s)|(?<=\bfor\s)|(?<=\binto\s))the\s+(?:(?:near|distant|recent)\s+)?"
        r"(?P<ref2>past|future)\b(?!\s+(?:of|\w+s)\b|-))",
        "rel": r"(?i:\b(?:(?:early|late|earlier|later)\s+)?"
        r"(?P<which>this|last|next|the\s+current)\s+"
        r"(?:(?P<fiscal>fiscal)\s+)?(?P<unit>week|month|year|weekend))(?![a-z])",
        "weekend": r"(?i:\bthe\s+weekend)\b",
        "ago": rf"(?i:\b(?P<n>{num})\s+(?P<unit>day|week|month|year|decade)s?\s+ago)\b",
        "dayword": r"(?i:\b(?P<w>today|yesterday|tomorrow|tonight))\b",
        "wd": rf"\b(?:(?i:(?P<mod>last|next|this))\s+)?(?P<wd>{wd})"
        r"(?:\s+(?:morning|afternoon|evening|night))?\b",
        "month": rf"(?:\b(?i:(?P<mod>early|late|mid|last|next|this|(?:the\s+)?(?:end|beginning"
        rf"|start|middle)\s+of)\s+)|\b(?i:mid-))?\b(?P<mon>{month})",
        # the end of a range: "1957-58", "2009-2010"
        "range_end": r"(?<=(?:19|20)\d\d[-–])(?P<yy>(?:19|20)?\d\d)(?![\d%-])",
        "year": rf"(?:\b{part}|(?<![\w$€£#.,-])|(?<=(?:19|20)\d\d[-–]))(?P<y>{year})"
        r"(?![.,]\d|s\b|[-–](?!(?:(?:19|20)?\d\d)(?![\d%-]))\d)",
    }
    out = {k: re.compile(v) for k, v in shapes.items()}
    out["prefix"] = re.compile(rf"\b(?i:({_alt(lex['relations'])}))\s+$")
    out["cue"] = re.compile(rf"(?i:(?<![\w’'])(?:{words})\b|{clitics})")
    out["past_verb"] = re.compile(rf"\b(?:[a-z]{{2,}}ed|{_alt(PAST_FORMS)})\b")
    return out


# Irregular past forms that, with any "-ed" word, make a clause past when no cue word says which
# way a year-less date lies ("The ceasefire began May 5").
PAST_FORMS = (
    "began", "came", "went", "took", "met", "left", "fell", "rose", "held", "won", "lost", "made",
    "saw", "got", "struck", "sent", "spent", "paid", "led", "fled", "broke", "stood", "brought",
    "bought", "fought", "sold", "ran", "shot", "hit", "flew", "wrote", "spoke", "became", "swept",
)  # fmt: skip
# Participles that look past but look ahead: "scheduled for", "expected on".
NOT_PAST = {"scheduled", "expected", "planned", "proposed", "slated", "proceed", "exceed"}


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


def _months_span(y: int, first: int, count: int) -> Span:
    """``count`` months from month ``first`` of year ``y`` (a quarter, a half, a season)."""
    lo = dt.date(y, first, 1)
    return lo, _shift_month(lo, count - 1)[1]


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


@dataclass(frozen=True, slots=True)
class _Read:
    """What a resolver knows beyond the match: publication, the clause's direction, the anchor."""

    published: dt.date | None
    future: bool | None  # None: no cue and no past verb, so the nearest occurrence
    cue: str  # the cue word that decided, "" when none did
    anchor: tuple[Span, str] | None  # the last date mentioned: its span and precision
    local: bool = False  # that date is in this sentence
    outer: tuple[Span, str] | None = None  # the date last mentioned before this sentence


# A resolver's answer: the span, the rule, and the precision's name when it is finer or coarser
# than what the contract's date can say (week, quarter, half, season, decade, century).
Found = tuple[Span, str] | tuple[Span, str, str]


def _direction(sentence: str, start: int, relation_word: str) -> tuple[bool | None, str]:
    """(future?, the deciding cue) from the relation, else from the nearest cue earlier in the
    clause, else past when the clause has a past-tense verb, else unknown (None).

    The clause is cut at punctuation, not at full stops: within a sentence a full stop ends an
    abbreviation ("will succeed Daniel P. Davison Feb. 1", "the U.S. as soon as Tuesday")."""
    relation = _lex()["relations"].get(relation_word.lower(), "on")
    if relation in {"by", "until", "as_early_as"}:
        return True, ""
    if relation_word.lower() == "since":
        return False, ""
    window = sentence[max(0, start - 90) : start]
    window = re.split(r"[,;:“”\"()—–!?]", window)[-1]
    cues = [m.group().lower() for m in _patterns()["cue"].finditer(window) if m.group() != "May"]
    if not cues:
        verbs = [v for v in _patterns()["past_verb"].findall(window) if v not in NOT_PAST]
        return (False if verbs else None), ""
    last = re.sub(r"\s+", " ", cues[-1])
    return last in _lex()["cues"]["future"], last


def _explicit(kind: str, m: re.Match[str], *_) -> Found | None:
    if kind == "year":
        return _year_span(int(m["y"])), "explicit year"
    mon = int(m["m"]) if kind == "iso" else _month_no(m["mon"])
    if kind == "my":
        return _month_span(int(m["y"]), mon), "explicit month"
    d = _safe(int(m["y"]), mon, int(m["d"]))
    return ((d, d), "explicit date") if d else None


def _range_end(kind: str, m: re.Match[str], *_) -> Found | None:
    """The second year of "1957-58" or "2009-2010", only when it comes after the first."""
    first = int(m.string[m.start() - 5 : m.start() - 1])
    yy = m["yy"]
    y = int(yy) if len(yy) == 4 else first // 100 * 100 + int(yy)
    return (_year_span(y), "end of a year range") if first < y <= first + 99 else None


def _month_day(kind: str, m: re.Match[str], c: _Read) -> Found | None:
    """A year-less day: the nearest occurrence in the cue's direction, except that a past one
    within NEAR_DAYS beats a reported plan's cue ("would", "could"), and one within SOON_DAYS
    ahead beats a past tense (a publication date a day early, a deadline "was" set); with no
    cue at all, the nearest occurrence either way ("payable Dec. 1", "takes effect Nov. 13")."""
    pub = c.published
    assert pub is not None
    years = (pub.year - 1, pub.year, pub.year + 1)
    if kind == "holiday":
        cands = [d for y in years if (d := _holiday(m["holiday"], y))]
    else:
        mon, day = _month_no(m["mon"]), int(m["d"])
        cands = [d for y in years if (d := _safe(y, mon, day))]
    past = max((d for d in cands if d <= pub), default=None)
    ahead = min((d for d in cands if d >= pub), default=None)
    if c.future and past and c.cue in REPORTED and (pub - past).days <= NEAR_DAYS:
        return (past, past), f"month and day within {NEAR_DAYS} days before publication"
    if c.future is None and past and ahead:
        nearest = past if (pub - past) <= (ahead - pub) else ahead
        return (nearest, nearest), "month and day nearest publication"
    if c.future is False and ahead and (ahead - pub).days <= SOON_DAYS:
        # "It was limited to August 31", published on August 30: a day a few days ahead, not
        # one nearly a year before, which news would write with its year
        return (ahead, ahead), f"month and day within {SOON_DAYS} days after publication"
    pick = ahead if c.future else past
    side = "on or after" if c.future else "on or before"
    return ((pick, pick), f"month and day {side} publication") if pick else None


def _day_of(mentions: list[DateMention], before: DateMention | None) -> dt.date | None:
    """The last day mentioned: in this sentence so far, else ``before``; None when none is."""
    for mention in [*reversed(mentions), before]:
        date = mention.date if mention is not None else None
        if date is not None and date.month and date.day:
            return _safe(date.year, date.month, date.day)
    return None


def _nearest_day(month: int, day: int, near: dt.date) -> dt.date | None:
    """The occurrence of a year-less day nearest a date: the year before, of, or after it."""
    days = [d for y in (near.year - 1, near.year, near.year + 1) if (d := _safe(y, month, day))]
    return min(days, key=lambda d: abs((d - near).days), default=None)


def _holiday(name: str, year: int) -> dt.date | None:
    """A holiday's day in a year: a fixed month-day, or Thanksgiving's fourth Thursday."""
    rule = _lex()["holidays"][name]
    if rule == "thanksgiving":
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    month, day = (int(p) for p in rule.split("-"))
    return _safe(year, month, day)


def _month(kind: str, m: re.Match[str], c: _Read) -> Found:
    """A month name alone: the nearest such month in the cue's direction, or as "last"/"next"/
    "this" say. (Unlike a day, a bare month is past without a cue: the nearest either way lost
    more than it won on TimeBank.)"""
    pub = c.published
    assert pub is not None
    mon, mod = _month_no(m["mon"]), (m["mod"] or "").lower()
    if mod == "this":
        return _month_span(pub.year, mon), "month in the year of publication"
    later = bool(c.future) and mod != "last" or mod == "next"
    gap = (mon - pub.month) % 12 if later else -((pub.month - mon) % 12)
    if mod in {"last", "next"} and gap == 0:
        gap = 12 if later else -12
    side = "of" if gap == 0 else "after" if later else "before"
    return _shift_month(pub, gap), f"month {side} publication"


def _weekday(kind: str, m: re.Match[str], c: _Read) -> Found:
    """Past by default, the publication day included; forward on a future cue. (News reports a
    bare weekday in the past far more often than ahead: reading it as the nearest one either
    way lost more than it won on TimeBank.)"""
    pub = c.published
    assert pub is not None
    wd, mod = _lex()["weekdays"].index(m["wd"]), (m["mod"] or "").lower()
    back, fwd = (pub.weekday() - wd) % 7, (wd - pub.weekday()) % 7
    d, rule = {
        "this": (_week(pub)[0] + dt.timedelta(days=wd), "weekday in the week of publication"),
        "last": (pub - dt.timedelta(days=back or 7), "weekday before publication"),
        "next": (pub + dt.timedelta(days=fwd or 7), "weekday after publication"),
    }.get(mod) or (
        (pub + dt.timedelta(days=fwd), "weekday on or after publication")
        if c.future
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


def _ago(kind: str, m: re.Match[str], c: _Read) -> Found:
    """ "N units ago", as precise as the unit: days give a day, years a year; right after a
    quarter or a half, the same one N years before ("third-quarter profit rose from a year
    ago")."""
    assert c.published is not None
    n, unit = _lex()["numbers"].get(m["n"].lower()) or int(m["n"]), m["unit"].lower()
    if unit == "year" and c.anchor and c.anchor[1] in {"quarter", "half"}:
        (lo, hi), precision = c.anchor  # "third-quarter profit rose from a year ago"
        span = lo.replace(year=lo.year - n), hi.replace(year=hi.year - n)
        return span, f"the {precision} just mentioned, {m['n'].lower()} year(s) before", precision
    rule = f"{m['n'].lower()} {unit}{'s' if n > 1 else ''} before publication"
    span = _unit_span(c.published, unit, -n)
    return (span, rule, "week") if unit == "week" else (span, rule)


def _relative(kind: str, m: re.Match[str], c: _Read) -> Found:
    """today, yesterday; last/this/next week, month, (fiscal) year or weekend; "the weekend" is
    the nearest one in the cue's direction."""
    pub = c.published
    assert pub is not None
    which = (m.groupdict().get("which") or m.groupdict().get("w") or "").lower()
    which = re.sub(r"\s+", " ", which)
    step = {"last": -1, "yesterday": -1, "next": 1, "tomorrow": 1}.get(which, 0 if which else None)
    unit = "day" if kind == "dayword" else (m.groupdict().get("unit") or "weekend").lower()
    if unit != "weekend":
        span, rule = _unit_span(pub, unit, step or 0), f"{unit} {SIDE[step or 0]} publication"
        if m.groupdict().get("fiscal"):
            rule = f"fiscal {rule}"
        return (span, rule, "week") if unit == "week" else (span, rule)
    if step is not None:
        sat, rule = _week(pub)[0] + dt.timedelta(days=5 + 7 * step), f"weekend {SIDE[step]}"
    elif c.future:
        sat, rule = pub + dt.timedelta(days=(5 - pub.weekday()) % 7), "weekend on or after"
    else:
        sat, rule = pub - dt.timedelta(days=(pub.weekday() - 5) % 7), "weekend on or before"
    return (sat, sat + dt.timedelta(days=1)), f"{rule} publication", "weekend"


def _period(kind: str, m: re.Match[str], c: _Read) -> Found | None:
    """A quarter or a half: of the year written, else counted from the one publication falls in.
    An ordinal gives the latest such one begun by publication (a report's "third-quarter
    profit"), the next year's only after "next"; "year-ago" and "year-earlier" go a year back.
    "the latest period" and "the year-earlier period" are quarters, as results reports use them.
    A bare "quarter" ("a quarter of the troops") or "period" is no date, nor is a numbered
    question's label ("Q1: Why are France and other Western partners withdrawing from Mali?")."""
    if m["q"] and not m["y3"] and m.string[m.end() : m.end() + 1] in {":", ")"}:
        return None
    unit = (m["unit"] or "quarter").lower()  # "Q3 2023" names no unit
    months = 6 if unit == "half" else 3
    name, per_year = ("half" if unit == "half" else "quarter"), 12 // months
    number = int(m["q"]) if m["q"] else _lex()["ordinals"].get((m["ord"] or "").lower())
    word = m["pw"] or ("the" if m.group().lower().startswith("the") else None)
    year_text = m["y1"] or m["y2"] or m["y3"]
    if not (number or word or m["ago"] or year_text or m["yrel"]) or (
        unit == "half" and not number
    ):
        return None
    if unit == "period" and not (
        m["ago"] or year_text or (word or "").endswith(("latest", "recent"))
    ):
        return None
    if year_text and number:
        span = _months_span(int(year_text), 1 + (number - 1) * months, months)
        return span, f"explicit {name}", name
    if c.published is None:
        return None
    pub = c.published
    now = pub.year * per_year + (pub.month - 1) // months
    back = per_year if m["ago"] else 0
    if number:
        index = pub.year * per_year + number - 1
        if index > now:
            index -= per_year
        if c.cue == "next" and not back:
            index += per_year
        rule = f"latest {name} of that number by publication"
    else:
        step = (
            -1
            if m["ago"] and not m["pw"]
            else _lex()["period_words"].get(re.sub(r"\s+", " ", (word or "the").lower()), -1)
        )
        index = now + step
        rule = f"{name} {SIDE[step]} the one of publication"
    if year_text or m["yrel"]:  # "the 1989 period", "next year's first quarter"
        y = (
            int(year_text)
            if year_text
            else pub.year + {"this": 0, "last": -1, "next": 1}[m["yrel"].lower()]
        )
        index = y * per_year + index % per_year
        rule = f"{name} of the year written" if number is None else f"{name} of that year"
    rule += ", a year before" if back else ""
    y, i = divmod(index - back, per_year)
    return _months_span(y, 1 + i * months, months), rule, name


def _season(kind: str, m: re.Match[str], c: _Read) -> Found | None:
    """A season of the year written, or the last, this or next one from publication ("last
    summer" in March 2013 is 2012's). A bare "fall" or "the spring" needs a year or a modifier."""
    info = _lex()["seasons"][m["season"].lower()]
    mod = re.sub(r"^the\s+", "", (m["mod"] or "").lower()).strip()
    mod = "last" if mod.startswith("this") and mod != "this" else mod  # "this past spring"
    if m["y"]:
        return _months_span(int(m["y"]), info["start"], 3), "explicit season", "season"
    if not mod or mod in {"the"} or c.published is None:
        return None
    pub = c.published
    this = _months_span(pub.year - (info["start"] == 12 and pub.month < 3), info["start"], 3)
    if mod == "last":
        y = this[0].year - (this[1] >= pub)
        return _months_span(y, info["start"], 3), "season before publication", "season"
    if mod == "next":
        y = this[0].year + (this[0] <= pub)
        return _months_span(y, info["start"], 3), "season after publication", "season"
    return this, "season of the year of publication", "season"


def _decade(kind: str, m: re.Match[str], c: _Read) -> Found | None:
    """ "the 1990s", "the '90s" (the century of publication, else the twentieth)."""
    if m["dec"]:
        start = int(m["dec"])
    else:
        century = (c.published.year // 100 * 100) if c.published else 1900
        start = century + int(m["dec2"])
        if c.published and start > c.published.year:
            start -= 100
    return (dt.date(start, 1, 1), dt.date(start + 9, 12, 31)), "decade", "decade"


def _century(kind: str, m: re.Match[str], *_) -> Found:
    n = int(m["c"]) if m["c"] else _lex()["century_words"][m["cw"].lower()]
    start = (n - 1) * 100
    return (dt.date(max(start, 1), 1, 1), dt.date(start + 99, 12, 31)), "century", "century"


def _fiscal(kind: str, m: re.Match[str], *_) -> Found:
    return _year_span(int(m["y"])), "fiscal year"


UNIT_ORDER = {"day": 0, "week": 1, "month": 2, "quarter": 3, "half": 3, "season": 3, "year": 4}


def _anchored(kind: str, m: re.Match[str], c: _Read) -> Found | None:
    """Counted from the date last mentioned, in this sentence or before it: "two days later",
    "the next day", "that same day", "later that year", "a year earlier". None without an
    anchor precise enough for the unit (a day needs a day): when the date earlier in the sentence
    is not ("as they were from July, … said later that day"), the one before the sentence is."""
    if m["yago"]:  # "the year-earlier $4.5 million": the date last mentioned, a year before
        unit = "year"
    elif m["morrow"]:
        unit = "day"
    else:
        unit = next(m[g] for g in ("u1", "u2", "u3", "u4", "u5") if m[g]).lower()
    if m["n"]:
        n = _lex()["numbers"].get(m["n"].lower()) or int(m["n"])
        n = -n if m["dir"].lower() in {"earlier", "before"} else n
    elif m["step"]:
        n = -1 if m["step"].lower() in {"previous", "preceding"} else 1
    elif m["morrow"]:
        n = 1
    elif m["yago"]:
        n = -1
    elif m["dir2"]:
        n = -1 if m["dir2"].lower() == "before" else 1
    else:
        n = 0
    fits = [a for a in (c.anchor, c.outer) if a and UNIT_ORDER.get(a[1], 4) <= UNIT_ORDER[unit]]
    if not fits:
        return None  # "two days later" after "in July"
    (lo, hi), precision = fits[0]
    rule = "the date last mentioned" if n == 0 else f"{abs(n)} {unit}(s) {SIDE[(n > 0) - (n < 0)]}"
    rule = rule if n == 0 else f"{rule} the date last mentioned"
    if unit == "day":
        d = lo + dt.timedelta(days=n)
        return (d, d), rule
    if unit == "week":
        return _week(lo + dt.timedelta(weeks=n)), rule, "week"
    if unit == "month":
        return _shift_month(lo, n), rule
    if precision in {"quarter", "half", "season"}:  # "in the third quarter … a year earlier"
        return (lo.replace(year=lo.year + n), hi.replace(year=hi.year + n)), rule, precision
    if precision in {"day", "month"} and n:
        return _year_span(lo.year + n), rule
    return _year_span(lo.year + n), rule


EXPLICIT = {"iso", "mdy", "dmy", "my", "year", "range_end", "century", "fiscal"}
RESOLVERS = dict.fromkeys(EXPLICIT - {"range_end", "century", "fiscal"}, _explicit) | {
    "range_end": _range_end,
    "century": _century,
    "fiscal": _fiscal,
    "md": _month_day,
    "dm": _month_day,
    "holiday": _month_day,
    "quarter": _period,
    "season": _season,
    "decade": _decade,
    "anchored": _anchored,
    "month": _month,
    "wd": _weekday,
    "ago": _ago,
    "rel": _relative,
    "weekend": _relative,
    "dayword": _relative,
}
ORDER = (
    "iso", "mdy", "dmy", "my", "md", "dm", "holiday", "quarter", "season", "decade", "century",
    "fiscal", "anchored", "ref", "rel", "weekend", "ago", "dayword", "wd", "month", "range_end",
    "year",
)  # fmt: skip
# Kinds that resolve without the publication date when the text says enough.
SELF_CONTAINED = EXPLICIT | {"quarter", "season", "decade", "anchored"}


def _is_date(kind: str, m: re.Match[str], sentence: str, linked: bool) -> bool:
    """False for year-like numbers that are counts or names, names such as "Sunday Times",
    and month words such as "March" that the context does not make a month."""
    lex = _lex()
    word_before = re.search(r"([\w’'.©-]+)\W*$", sentence[max(0, m.start() - 40) : m.start()])
    word_after = re.match(r"\W*?([\w.’']+)", sentence[m.end() : m.end() + 40])
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
            and after not in lex["not_plural"]
            and lower not in {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that"}
            and lower not in lex["relations"]
        )  # "2000 troops" is a count; "in 2012 as prices fell" and "since 2019 talks" are years
    if kind == "wd":
        return before not in lex["weekday_names_before"] and after not in lex["weekday_names_after"]
    if kind == "dayword":
        return not (m.group()[0].isupper() and before[:1].isupper() and m.start() > 0)
    if kind == "month" and m["mon"] in lex["ambiguous_months"]:
        has_prefix = bool(_prefix(sentence, m.start()))
        return bool(m["mod"] or "mid-" in m.group().lower() or has_prefix or linked)
    if kind == "rel" and m["which"].lower() in {"last", "next"}:
        return before.lower() not in {"the", "past"}  # "over the last year" is a duration
    if kind == "season" and m["season"].lower() == "fall":
        return bool(m["y"] or (m["mod"] or "").lower().startswith(("last", "this", "next")))
    return True


def can_anchor(mention: DateMention) -> bool:
    """Whether "the next day" and its kin may count from this mention: any dated one but a
    comparison years back (its rule says "year(s)": "a year earlier", "year-ago" after a
    quarter), which sits beside the date it compares with rather than moving the story on:
    in "sales rose in the third quarter from a year earlier; profit also beat the year-earlier
    figure" both are the year before the same quarter."""
    return mention.date is not None and "year(s)" not in mention.rule


def _prefix(sentence: str, start: int) -> re.Match[str] | None:
    """The relation word just before a date ("on", "as early as"), read in a bounded window so
    that run-on text stays linear; a match cut from a longer word at the window's edge is none."""
    left = max(0, start - 20)
    found = _patterns()["prefix"].search(sentence, left, start)
    if found and found.start() == left and left and sentence[left - 1].isalnum():
        return None
    return found


def _anchor_of(mention: DateMention | None) -> tuple[Span, str] | None:
    """A mention's span and precision, to count "the next day" and its kin from."""
    if mention is None or (mention.date is None and "start" not in mention.details):
        return None
    d = mention.details
    if "start" in d:
        span = dt.date.fromisoformat(d["start"]), dt.date.fromisoformat(d["end"])
        return span, d["precision"]
    assert mention.date is not None
    p = mention.date
    if p.day and p.month:
        day = dt.date(p.year, p.month, p.day)
        return (day, day), "day"
    if p.month:
        return _month_span(p.year, p.month), "month"
    return _year_span(p.year), "year"


def find_dates(
    sentence: str,
    published: dt.date | None,
    *,
    anchor: DateMention | None = None,
    on: DateMention | None = None,
) -> list[DateMention]:
    """Every date expression in a sentence, resolved against the publication date; relative
    ones stay unresolved (date=None) when the publication date is unknown, and so do those
    that name no single year: decades and centuries (their span is in ``details``) and "now",
    "recently", "in the future" (``details["reference"]``: present, past or future).

    ``anchor`` is the date last mentioned before this sentence (an article's reader passes it
    along): "the next day" and "two days later" count from it, or from an earlier date in the
    same sentence, never from publication. ``on`` is the last day mentioned before it (a date
    to the day): without a publication date, a year-less day is the one nearest it. Linear in
    the sentence's length: claims are marked on a per-character map and look-behinds read a
    bounded window."""
    pats = _patterns()
    taken = bytearray(len(sentence))
    claimed: list[tuple[int, int, str, re.Match[str]]] = []
    for kind in ORDER:
        for m in pats[kind].finditer(sentence):
            if m.end() > m.start() and not any(taken[m.start() : m.end()]):
                claimed.append((m.start(), m.end(), kind, m))
                taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    out: list[DateMention] = []
    relations = _lex()["relations"]
    prev_way: tuple[bool | None, str] = (False, "")
    last = anchor if anchor is not None and anchor.date is not None else None
    for start, end, kind, m in sorted(claimed, key=lambda c: c[0]):
        prev = out[-1] if out else None
        joint = (
            re.fullmatch(r"\s*(?:,|,?\s*and|,?\s*or|to|through)\s*", sentence[prev.end : start])
            if prev and start - prev.end < 12
            else None
        )
        if not _is_date(kind, m, sentence, bool(joint)):
            continue
        prefix = _prefix(sentence, start)
        word = prefix[1] if prefix else ""
        if prefix:
            start, relation = start - (len(prefix.group())), relations[word.lower()]
        elif joint and prev:
            relation = "until" if joint.group().strip() in {"to", "through"} else prev.relation
        else:
            relation = "on"
        way = prev_way if joint and not prefix else _direction(sentence, m.start(), word)
        read = _Read(
            published,
            way[0],
            way[1],
            _anchor_of(last),
            bool(out) and last is out[-1],
            _anchor_of(anchor) if anchor is not None and anchor.date is not None else None,
        )
        if kind == "ref":
            which = _lex()["references"].get(re.sub(r"\s+", " ", (m["ref"] or "").lower()))
            which = which or m["ref2"].lower()
            date, rule, details = None, f"{which} reference", {"reference": which}
        elif kind in SELF_CONTAINED or published:
            try:
                found = RESOLVERS[kind](kind, m, read)
            except (OverflowError, ValueError):
                found = None  # beyond the calendar (year 9999 and "next week"): no date
            if found is None:
                continue  # an impossible day such as February 30, or nothing to count from
            (lo, hi), rule = found[0], found[1]
            precision = found[2] if len(found) > 2 else None
            details = {"start": lo.isoformat(), "end": hi.isoformat()} if precision else {}
            if precision:
                details["precision"] = precision
            if precision == "season":
                details["season"] = m["season"].lower()
            if kind == "anchored":
                details["anchored"] = "the date last mentioned"
            if precision in {"decade", "century"}:
                date = None
            elif precision == "season":
                date = PartialDate(int(m["y"]) if m["y"] else lo.year)
            else:
                date = _fit(lo, hi)
        elif kind in {"md", "dm"} and (near := _day_of(out, on)) is not None:
            # an undated article's "July 28 – Tiani declares himself leader", after "On
            # Wednesday July 26, 2023, …": the day nearest the last day mentioned
            day = _nearest_day(_month_no(m["mon"]), int(m["d"]), near)
            if day is None:
                continue
            date, rule, details = _fit(day, day), "month and day nearest the day last mentioned", {}
        else:
            date, rule, details = None, "needs the publication date", {}
        mention = DateMention(start, end, sentence[start:end], date, relation, rule, details)
        out.append(mention)
        if can_anchor(mention):
            last = mention
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


def timeml_value(mention: DateMention) -> str | None:
    """The mention's date as TimeML writes it, as fine as its details allow (2013-W11, 2013-Q1,
    2013-SU, 199 for the 1990s, 19 for the 20th century), else the contract's date."""
    d, precision = mention.details, mention.details.get("precision")
    if "reference" in d:
        return f"{d['reference'].upper()}_REF"
    if mention.date is None and precision is None:
        return None
    start = dt.date.fromisoformat(d["start"]) if "start" in d else None
    if start is None or precision is None:
        return mention.date.iso() if mention.date else None
    if precision in {"week", "weekend"}:
        year, week, _ = start.isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if precision == "weekend" else "")
    if precision == "quarter":
        return f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
    if precision == "half":
        return f"{start.year:04d}-H{(start.month - 1) // 6 + 1}"
    if precision == "season":
        return f"{start.year:04d}-{_lex()['seasons'][d['season']]['code']}"
    if precision == "decade":
        return f"{start.year // 10:03d}"
    if precision == "century":
        return f"{start.year // 100:02d}"
    return mention.date.iso() if mention.date else None
