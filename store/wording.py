"""How a date or a long text is shown to people: one rule for every line the store and the
renderers write, so the answer line, the Block Kit message and the terminal agree ("26 Jul 2023"
in one place is not "July 26th" in another, and a cut never lands inside "1,100").

Pure functions of their arguments; the store's facts hold ISO dates ("2023-07-26", "2023-07",
"2023"), but a renderer may be handed anything, so other text is shown as it is, cut short.
"""

from __future__ import annotations

import calendar
import re

DATE_CHARS = 40  # a date that is not ISO text, as shown
CLAUSE_END = re.compile(r"[,;:—–]\s")
DANGLING = " ,;:—–-(“‘\"'"  # never left at the end of a cut text


def human_date(iso: str | None, *, short: bool = False) -> str:
    """ "2023-07-26" -> "26 July 2023", "2023-07" -> "July 2023", "2023" stays; with ``short``
    the month is abbreviated ("26 Jul 2023"), for lines that name several dates. "" for no
    date; any other text as it is, cut to DATE_CHARS (month 00 or 13 is no month)."""
    if not iso:
        return ""
    parts = iso.split("-")
    if 2 <= len(parts) <= 3 and all(p.isdigit() for p in parts) and 1 <= int(parts[1]) <= 12:
        month = (calendar.month_abbr if short else calendar.month_name)[int(parts[1])]
        return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"
    return trim(iso, DATE_CHARS)


def trim(text: str, limit: int, *, at_clause: bool = False) -> str:
    """``text`` on one line in at most ``limit`` characters, cut with "…" at a word boundary
    (never inside a word or a number such as "1,100"), without a dangling comma, dash or opening
    quote. With ``at_clause``, at the last clause end (a comma, semicolon, colon or dash) in its
    second half if there is one: a line read aloud stops where a clause does."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = text[: limit - 1]
    if at_clause:
        clause = max(
            (m.start() for m in CLAUSE_END.finditer(text, 0, limit) if m.start() >= limit // 2),
            default=-1,
        )
        if clause > 0:
            return text[:clause].rstrip(DANGLING) + "…"
    space = room.rfind(" ")
    if text[len(room)] != " " and space > limit // 3:  # the last word would be cut: drop it
        room = room[:space]
    return room.rstrip(DANGLING) + "…"


def after_figure(text: str, *figures: str | None) -> str:
    """``text`` without the figures it opens with, however often: a money fact's purpose is the
    clause around its amount ("USD 82.5 m six-month (June - November 2022) net funding
    requirement"), which a line already led by the amount need not say twice."""
    found = True
    while found:
        found = False
        for figure in figures:
            if figure and text.lower().startswith(figure.lower()) and len(text) > len(figure):
                text, found = text[len(figure) :].lstrip(" —–-:,"), True
    return text
