"""Quantities in one sentence: figure, qualifier as an approximate range, currency, counted noun.

The bot must never show a number that is not in the sentence or derived from it by a stated rule;
these are the rules (factors and word lists live in ``store/lexicon/quantities.toml``):

- Exact figure: ``low = high = value``.
- "about", "around", "approximately", "roughly", "some", "(an) estimated", "~": 0.9 × value to
  1.1 × value (qualifier "about").
- "nearly", "almost", "just under", "close to": 0.9 × value to value (qualifier "nearly").
- "more than", "over", "above", "upwards of", "in excess of": value to open (qualifier
  "more than"); "at least", "no fewer than", "… or more": value to open (qualifier "at least").
- "fewer than" (qualifier "fewer than"); "less than", "under", "below" (qualifier "less than");
  "up to", "at most", "as many as", "no more than" (qualifier "up to"): open to value. Open is None.
- Ranges "90-120", "90 to 120", "two or three", "between 90 and 120": ``value`` None, ``low`` and
  ``high`` the two figures, qualifier "between"; a scale or currency written once applies to both
  ("$5-10 million" → 5e6..1e7 USD). "from 90 to 120" is a change, not a range: two figures.
- Vague counts have ``value`` None: "a few hundred" → 2..5 × 100; "several hundred" → 3..9 × 100;
  "a few dozen" → 24..60; plurals "dozens", "hundreds", "thousands", "millions" → 2 × unit to
  10 × unit − 1 (200..999, 2000..9999), each "of <plural>" multiplying both bounds ("hundreds of
  millions of dollars" → 2e8..9.99e8 USD, "tens of thousands" → 20,000..99,000); "a handful
  (of)" → 3..6. The qualifier is the vague phrase itself, lowercased.
- "a dozen", "a hundred", "a thousand" are exact (12, 100, 1000).

Not quantities: days and years ("July 26", "Oct. 5, 2023", "since 2018", "the 2023 coup", "2019 to
2021"), numbers in names ("Airbase 201", "Resolution 2719", "F-16", "COVID-19", "MH17", "G7"),
ordinals ("21st"), decades ("1990s"), times ("10:30", "9 pm"), fractions and page counters
("1 / 2"), phone numbers, and the pronoun "one" ("one of the last", "one that conducts").
Percentages are kept with ``noun`` "percent" (its span is the "%" or word as written).

A unit's strength ("a 2,000-strong force", "the 1,500 strong contingent") is a figure like any
other: its span takes in "-strong", its noun is the unit, and ``strength`` is True, because the
figure counts the unit's members, not units. Whether those members are troops is the caller's
call (a 40,000-strong crowd is not an army).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

from store.lexicon import load_toml

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’-][^\W\d_]+)*|\S")
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity; ``text == sentence[start:end]`` so the bot can quote it verbatim."""

    start: int  # span of qualifier + currency + number + scale: "nearly $200 million"
    end: int
    text: str
    value: float | None  # the figure as written, scaled; None for ranges and vague counts
    low: float | None  # range by the module's rules; None = open
    high: float | None
    qualifier: str | None  # normalised ("about", "more than", "between", "a few hundred", …)
    currency: str | None  # "USD", "EUR", "XOF", … or None if not money
    noun: str | None  # counted noun phrase, verbatim; "percent" for percentages
    noun_start: int | None
    noun_end: int | None
    strength: bool = False  # "2,000-strong force": the figure is how many the noun's unit has


class _Tok(NamedTuple):
    start: int
    end: int
    text: str
    low: str


class _Fig(NamedTuple):
    """A written figure: tokens [first, end), its number token ``core``, the scaled value."""

    first: int
    core: int
    end: int
    value: float
    currency: str | None
    scale: float


@cache
def _lex() -> dict:
    """The lexicon, loaded once; phrase tables keyed by token tuples ("us $" → ("us", "$"))."""
    raw = load_toml("quantities.toml")
    lex: dict[str, Any] = {
        key: {w if key in ("months", "weekdays") else w.lower() for w in words}
        for key, words in raw["words"].items()
    }
    raw["percents"] = {w: w for w in raw["words"]["percent"]}
    raw["qualifier_phrases"] = {
        p: name for name, g in raw["qualifiers"].items() for p in g["phrases"]
    }
    for key in (
        "after",
        "multipliers",
        "handfuls",
        "currency_prefixes",
        "currency_words",
        "percents",
        "qualifier_phrases",
    ):  # by first word, then longest first, for _match
        pairs = sorted(
            ((tuple(k.split(" ")), v) for k, v in raw[key].items()), key=lambda pair: -len(pair[0])
        )
        by_first: dict[str, list] = {}
        for phrase, value in pairs:
            by_first.setdefault(phrase[0], []).append((phrase, value))
        lex[key] = {first: tuple(group) for first, group in by_first.items()}
    lex.update(
        numbers=raw["numbers"],
        scales=raw["scales"],
        attached=raw["attached_scales"],
        plurals=raw["plural_scales"],
        rules={name: (g.get("low"), g.get("high")) for name, g in raw["qualifiers"].items()},
    )
    lex["starts"] = frozenset(
        {"between", "a", "an", *raw["plural_scales"]}.union(
            *(lex[key] for key in ("multipliers", "handfuls", "currency_prefixes"))
        )
        | lex["qualifier_phrases"].keys()
    )
    return lex


def _may_start(t: _Tok) -> bool:
    """Whether _at could find a quantity at this token: a digit, a number word, or the first word
    of a range, a vague count, a qualifier or a currency. Most words cannot start one."""
    lex = _lex()
    return (
        t.text[0].isdigit()
        or t.low in lex["starts"]
        or all(p in lex["numbers"] for p in t.low.split("-"))
    )


def _spaced(s: str, a: _Tok, b: _Tok) -> bool:
    return s[a.end : b.start].strip(" ") == ""


def _match(s: str, toks: list[_Tok], i: int, table: dict, glued: bool = False):
    """The longest phrase of ``table`` at token ``i`` as (next token, value); ``glued`` phrases
    are written without spaces ("US$", so that "a $110 million" is not Australian). ``table``
    maps a first word to its phrases, longest first: called at every token, it must not scan."""
    if i >= len(toks):
        return None
    for key, value in table.get(toks[i].low, ()):
        j = i + len(key)
        if tuple(t.low for t in toks[i:j]) == key and all(
            (toks[k - 1].end == toks[k].start) if glued else _spaced(s, toks[k - 1], toks[k])
            for k in range(i + 1, j)
        ):
            return j, value
    return None


def _number_words(s: str, toks: list[_Tok], i: int) -> tuple[int, float] | None:
    """'two', 'twenty-five', 'a hundred', 'one hundred and fifty', 'two million' → (next, value)."""
    nums, scales, n = _lex()["numbers"], _lex()["scales"], len(toks)
    if (
        toks[i].low in ("a", "an")
        and i + 1 < n
        and toks[i + 1].low in scales
        and toks[i + 1].text.isalpha()
        and _spaced(s, toks[i], toks[i + 1])
    ):
        return i + 2, float(scales[toks[i + 1].low])
    total, current, last, j = 0.0, 0.0, None, i
    while j < n and (j == i or _spaced(s, toks[j - 1], toks[j])):
        low, parts = toks[j].low, toks[j].low.split("-")
        if all(p in nums for p in parts) and (
            last in (None, "scale", "and") or (last == "ten" and nums[parts[0]] < 10)
        ):
            current += sum(nums[p] for p in parts)
            last = "ten" if current % 10 == 0 and len(parts) == 1 else "unit"
        elif low in scales and last not in (None, "and") and toks[j].text.isalpha():
            if scales[low] < 1000:
                current *= scales[low]
            else:
                total, current = total + current * scales[low], 0.0
            last = "scale"
        elif low == "and" and last == "scale" and j + 1 < n and toks[j + 1].low in nums:
            last = "and"
        else:
            break
        j += 1
    return None if last in (None, "and") else (j, total + current)


def _figure(s: str, toks: list[_Tok], i: int) -> _Fig | None:
    """[currency] number [scale] [currency word] written at token ``i``."""
    lex, n = _lex(), len(toks)
    hit = _match(s, toks, i, lex["currency_prefixes"], glued=True)
    currency, j = (hit[1], hit[0]) if hit else (None, i)
    if j >= n or (hit and not _spaced(s, toks[j - 1], toks[j])):
        return None
    if toks[j].text[0].isdigit():
        if not _DIGITS.fullmatch(toks[j].text):
            return None
        value, k = float(toks[j].text.replace(",", "")), j + 1
    elif words := _number_words(s, toks, j):
        k, value = words
    else:
        return None
    scale = 1.0
    while k < n:
        low, gap = toks[k].low, s[toks[k - 1].end : toks[k].start]
        if gap == "" and low in lex["attached"] and (currency or _currency_word_at(s, toks, k + 1)):
            scale *= lex["attached"][low]
        elif gap == " " and low in lex["attached"] and currency and scale == 1.0:
            scale *= lex["attached"][low]  # "USD 82.5 m": after a currency, no metres
        elif gap.strip(" ") == "" and low in lex["scales"] and toks[k].text.isalpha():
            scale *= lex["scales"][low]
        else:
            break
        k += 1
    if (
        currency is None
        and k < n
        and _spaced(s, toks[k - 1], toks[k])
        and (hit := _match(s, toks, k, lex["currency_words"]))
    ):
        k, currency = hit
    return _Fig(i, j, k, round(value * scale, 6), currency, scale)


def _currency_word_at(s: str, toks: list[_Tok], k: int) -> bool:
    """Whether a currency word stands at token ``k``, apart from the one before: a scale glued
    to a figure counts before one ("978.47B francs") as after a sign ("$110m")."""
    return (
        0 < k < len(toks)
        and _spaced(s, toks[k - 1], toks[k])
        and _match(s, toks, k, _lex()["currency_words"]) is not None
    )


def _vague(s: str, toks: list[_Tok], i: int) -> tuple[int, float, float, bool] | None:
    """'a few hundred', 'thousands', 'hundreds of millions', 'a handful' → (next, low, high,
    whether the noun comes through "of")."""
    lex, n = _lex(), len(toks)
    hit = _match(s, toks, i, lex["multipliers"])
    if hit and hit[0] < n and toks[hit[0]].low in lex["scales"]:
        k, (low, high) = hit
        while k < n and toks[k].low in lex["scales"] and _spaced(s, toks[k - 1], toks[k]):
            factor, k = lex["scales"][toks[k].low], k + 1
            low, high = low * factor, high * factor
        return k, float(low), float(high), False
    if toks[i].low in lex["plurals"]:
        unit, k = lex["plurals"][toks[i].low], i + 1
        low, high = 2.0 * unit, 10.0 * unit - 1
        while k + 1 < n and toks[k].low == "of" and toks[k + 1].low in lex["plurals"]:
            factor, k = lex["plurals"][toks[k + 1].low], k + 2
            low, high = low * factor, high * factor
        return k, low, high, True
    if hit := _match(s, toks, i, lex["handfuls"]):
        return hit[0], float(hit[1][0]), float(hit[1][1]), True
    return None


def _plural(t: _Tok) -> bool:
    return t.low in _lex()["plural_without_s"] or (
        len(t.low) > 3
        and t.low.endswith("s")
        and not t.low.endswith(("ss", "us", "is"))
        and not t.text.isupper()
    )


def _noun(s: str, toks: list[_Tok], k: int, via_of: bool = False) -> tuple[int, int] | None:
    """The counted noun phrase from token ``k``: words up to a clause, verb or punctuation. A
    plural ends it unless "and <noun>" or a collective's "of the …" follows."""
    lex, n = _lex(), len(toks)
    if via_of:
        if not (k < n and toks[k].low == "of" and _spaced(s, toks[k - 1], toks[k])):
            return None
        k += 1
    taken: list[int] = []
    closed, j = False, k
    while (
        j < n and len(taken) < 10 and toks[j].text[0].isalpha() and _spaced(s, toks[j - 1], toks[j])
    ):
        t, nxt = toks[j], toks[j + 1] if j + 1 < n else None
        after = toks[j + 2] if j + 2 < n else None
        if taken and t.low == "and":
            # "soldiers and airmen"; "well-equipped and trained troops"
            if not (nxt and nxt.low in lex["heads"]) and not (after and after.low in lex["heads"]):
                break
        elif taken and t.low == "of":
            head = toks[taken[-1]]
            if not (
                head.low in lex["collectives"]
                or (head.text[0].isupper() and nxt and nxt.text[0].isupper())
            ):
                break
            closed = False
            if nxt and nxt.low == "the":
                taken, j = taken + [j], j + 1
        elif t.low in lex["stop"] or (closed and t.low not in lex["heads"]):
            break
        elif taken and t.text.islower() and len(t.low) > 3 and t.low.endswith("ed"):
            if not (nxt and nxt.low in lex["heads"]):  # "... and trained troops" goes on
                break
        else:
            closed = closed or _plural(t)
        taken, j = taken + [j], j + 1
    while taken and (
        toks[taken[-1]].low in ("and", "of", "the")
        or (toks[taken[-1]].text.islower() and toks[taken[-1]].low.endswith("ed"))
    ):
        taken.pop()
    return (toks[taken[0]].start, toks[taken[-1]].end) if taken else None


def _tail(s: str, toks: list[_Tok], k: int, currency: str | None, via_of: bool = False):
    """(start, end, noun) after token ``k``: "percent" for a percent sign or word, else the
    counted noun phrase verbatim, else None."""
    if (
        currency is None
        and k < len(toks)
        and _spaced(s, toks[k - 1], toks[k])
        and (hit := _match(s, toks, k, _lex()["percents"]))
    ):
        return toks[k].start, toks[hit[0] - 1].end, "percent"
    span = _noun(s, toks, k, via_of)
    return (*span, s[span[0] : span[1]]) if span else None


def _around(s: str, toks: list[_Tok], fig: _Fig) -> tuple[_Tok | None, _Tok | None, _Tok | None]:
    """The token glued or spaced before the number, the word before it (across spaces and a
    period, as in "Oct. 5"), and the token after the figure."""
    c = toks[fig.core]
    prev = toks[fig.core - 1] if fig.core > 0 and fig.first == fig.core else None
    words = [t for t in toks[: fig.core] if t.text[0].isalpha()]
    before = words[-1] if words and s[words[-1].end : c.start].strip(" .") == "" else None
    return prev, before, toks[fig.end] if fig.end < len(toks) else None


def _dated(s: str, toks: list[_Tok], fig: _Fig, noun) -> bool:
    """A day beside a month name, or a four-digit year in a year's position."""
    lex, c = _lex(), toks[fig.core]
    prev, before, nxt = _around(s, toks, fig)
    if fig.scale != 1 or fig.currency or not c.text.isdigit():
        return False
    if (fig.value <= 31 or 1800 <= fig.value <= 2100) and (
        (before and before.text in lex["months"]) or (nxt and nxt.text in lex["months"])
    ):
        return True
    return (
        len(c.text) == 4
        and 1800 <= fig.value <= 2100
        and (
            noun is None
            or (prev is not None and prev.text in ",(")
            or (before is not None and before.low in lex["year_preps"])
        )
    )


def _not_a_count(s: str, toks: list[_Tok], fig: _Fig, bare: bool, noun) -> bool:
    """Dates, years, names, ordinals, times, fractions and the pronoun 'one' (see module doc)."""
    lex, n, c = _lex(), len(toks), toks[fig.core]
    prev, before, nxt = _around(s, toks, fig)
    after = toks[fig.end + 1] if fig.end + 1 < n else None
    if prev and prev.end == c.start and (prev.text[0].isalpha() or prev.text in ":/+#.-"):
        return True  # MH17, F-16, mid-2023, 10:30, +1
    if (
        nxt
        and fig.scale == 1
        and nxt.start == c.end
        and (nxt.text[0].isalpha() or (nxt.text in ":/-" and after and after.text[0].isdigit()))
    ):
        return True  # 1990s, 21st, 5km, 10:30, 1/2, 3-1
    if (nxt and nxt.text == "/") or (prev and prev.text == "/") or _dated(s, toks, fig, noun):
        return True
    if nxt and nxt.low in lex["time_words"]:
        return True
    if (
        bare
        and before
        and before is prev
        and (
            before.low in lex["name_heads"]
            or (
                before.text[0].isupper()
                and noun is None
                and before.text not in lex["weekdays"]
                and any(t.text[0].isalpha() for t in toks[: fig.core - 1])
            )
        )
    ):
        return True  # Airbase 201, Resolution 2719, Apollo 11
    return (
        c.low == "one"
        and fig.value == 1
        and fig.first == fig.core
        and (
            noun is None
            or (nxt is not None and nxt.low == "of")
            or (before is not None and before.low in lex["pronoun_one"])
        )
    )


def _quantity(
    s, toks, first, end, value, low, high, qualifier, currency, noun, strength=False
) -> Quantity:
    a, b = toks[first].start, toks[end - 1].end
    n0, n1, text = noun if noun else (None, None, None)
    return Quantity(a, b, s[a:b], value, low, high, qualifier, currency, text, n0, n1, strength)


def _strength(s: str, toks: list[_Tok], first: int, k: int) -> int | None:
    """The token after a strength word written after the figure that ends before token ``k``,
    or None if there is none. Glued by a hyphen it always is one ("2,000-strong"); spaced, only
    after a determiner ("the 1,500 strong contingent"), since "5 strong points" are five points."""
    lex, n = _lex(), len(toks)
    words = lex["strength"]
    if (
        k + 1 < n
        and toks[k].text == "-"
        and toks[k - 1].end == toks[k].start
        and toks[k].end == toks[k + 1].start
        and toks[k + 1].low in words
    ):
        return k + 2
    if (
        k < n
        and toks[k].low in words
        and _spaced(s, toks[k - 1], toks[k])
        and first > 0
        and toks[first - 1].low in lex["strength_determiners"]
    ):
        return k + 1
    return None


def _ranged(s: str, toks: list[_Tok], a: _Fig, b: _Fig, first: int, hyphen: bool):
    """A range "a to b" (a scale written only on b applies to a: "$5-10 million"), or None when
    a is not below b, or (None, next token) to skip a span of days or years."""
    low = a.value * b.scale if a.scale == 1 < b.scale and a.value * b.scale < b.value else a.value
    if low >= b.value:
        return None
    cur = a.currency or b.currency
    strong = None if cur else _strength(s, toks, first, b.end)
    end = strong or b.end
    noun = _tail(s, toks, end, cur)
    year = len(toks[a.core].text) == 4 and _dated(s, toks, a, None)
    dated = _dated(s, toks, a, noun) or _dated(s, toks, b, noun) or (year and (hyphen or not noun))
    if dated and not strong:
        return None, b.end
    return _quantity(
        s, toks, first, end, None, round(low, 6), b.value, "between", cur, noun, bool(strong)
    ), end


def _at(s: str, toks: list[_Tok], i: int) -> tuple[Quantity | None, int]:
    """The quantity starting at token ``i`` (if any) and the token to continue from."""
    lex, n = _lex(), len(toks)
    qualifier: str | None
    low: float | None
    high: float | None
    if (
        toks[i].low == "between"
        and (a := _figure(s, toks, i + 1))
        and a.end + 1 < n
        and toks[a.end].low == "and"
        and (b := _figure(s, toks, a.end + 1))
        and (found := _ranged(s, toks, a, b, i, False))
    ):
        return found
    if vague := _vague(s, toks, i):
        k, low, high, via_of = vague
        qualifier, cur = " ".join(t.low for t in toks[i:k]), None
        if hit := _match(s, toks, k + (k < n and toks[k].low == "of"), lex["currency_words"]):
            k, cur = hit
        noun = _tail(s, toks, k, cur, via_of and cur is None)
        return _quantity(s, toks, i, k, None, low, high, qualifier, cur, noun), k
    hit = _match(s, toks, i, lex["qualifier_phrases"])
    qualifier = hit[1] if hit else None
    fig = _figure(s, toks, hit[0] if hit else i)
    if fig is None:
        return None, i + 1
    k = fig.end
    if k + 3 < n and all(
        toks[x].text == "-" and toks[x - 1].end == toks[x].start and toks[x + 1].text[0].isdigit()
        for x in (k, k + 2)
    ):
        return None, k + 4  # phone number
    con = toks[k] if k + 1 < n else None
    hyphen = (
        con is not None
        and con.text in "-–"
        and (con.text == "–" or toks[k - 1].end == con.start == toks[k + 1].start - 1)
    )
    if (
        con
        and (
            hyphen
            or con.low == "or"
            or (con.low == "to" and not (fig.first and toks[fig.first - 1].low == "from"))
        )
        and (b := _figure(s, toks, k + 1))
        and (found := _ranged(s, toks, fig, b, i, hyphen))
    ):
        return found
    currency = fig.currency
    if qualifier is None and (post := _match(s, toks, k, lex["after"])):
        k, qualifier = post
        if currency is None and (hit := _match(s, toks, k, lex["currency_words"])):
            k, currency = hit
    if currency is None and _bracketed(toks, fig.first, k):
        # a law's "… fifty (2,653,440,643,850) XOF": the figure in digits, then its currency
        if hit := _match(s, toks, k + 1, lex["currency_words"]):
            k, currency = hit
            i = min(i, fig.first - 1)  # "(2,653,440,643,850) XOF", brackets and all
    strong = None if currency else _strength(s, toks, i, k)
    k = strong or k
    noun = _tail(s, toks, k, currency)
    # "the 2000-strong force" is no year, whatever "the" before a four-digit number suggests
    if not strong and _not_a_count(s, toks, fig, qualifier is None and currency is None, noun):
        return None, max(fig.end, i + 1)
    factors = lex["rules"].get(qualifier, (1.0, 1.0))
    low, high = (None if f is None else round(fig.value * f, 6) for f in factors)
    quantity = _quantity(
        s, toks, i, k, fig.value, low, high, qualifier, currency, noun, bool(strong)
    )
    return quantity, k


def _bracketed(toks: list[_Tok], first: int, k: int) -> bool:
    """Whether the figure from token ``first`` to before token ``k`` stands in brackets."""
    return 0 < first and k < len(toks) and toks[first - 1].text == "(" and toks[k].text == ")"


def find_quantities(sentence: str) -> list[Quantity]:
    """Every quantity in one sentence, left to right, spans never overlapping."""
    toks = [
        _Tok(m.start(), m.end(), m.group(), m.group().lower()) for m in _TOKEN.finditer(sentence)
    ]
    found, i = [], 0
    while i < len(toks):
        if not _may_start(toks[i]):
            i += 1
            continue
        quantity, i = _at(sentence, toks, i)
        if quantity is not None:
            found.append(quantity)
    return found
