"""Questions about a measure ("how long is the pipeline", "how far is the base from Agadez") and
the sentences that give one ("the 2,000-km pipeline", "about 5 km southeast of Agadez").

Such a question is answered by a number of the right unit, whatever else the sentence says: the
unit is part of what is asked, the way a date is for "when". So a sentence's measures are marked
in the index as search tokens of their own (MARK + the measure, which no written word can be), and
the question's measure weighs like any other of its words (store/search/candidates.py).
The cues and units are in queries.toml's [measures]; the number words are quantities.toml's.
"""

from __future__ import annotations

import re
from functools import cache

from store.lexicon import load_toml

MARK = "#"  # search tokens are [a-z0-9]+ words: a mark can never be one
# A number: digits ("2,000", "1.5"), or a number word, or a vague count, then the unit written
# after a space, a hyphen or nothing ("5 km", "2,000-km", "four days", "several months").
NUMBER = r"(?:\d[\d,.]*|{words}|several|a few|a couple of)(?:\s+(?:thousand|million|billion))?"
# A span of years is a duration too: "Chief of the Presidential guard (2011–2023)".
YEARS = re.compile(r"\b(?:19|20)\d\d\s*[–—-]\s*(?:(?:19|20)\d\d|present)\b")


@cache
def _measures() -> dict:
    return load_toml("queries.toml")["measures"]


@cache
def _asks() -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    """(cue as a whole-word pattern, the measures it asks for), the longest cues first."""
    cues = sorted(_measures()["asks"].items(), key=lambda item: -len(item[0]))
    return [(re.compile(rf"\b{re.escape(cue)}\b"), tuple(asked)) for cue, asked in cues]


@cache
def _units() -> dict[str, re.Pattern[str]]:
    """Measure -> the pattern of a number of its units."""
    numbers = "|".join(sorted(load_toml("quantities.toml")["numbers"], key=len, reverse=True))
    number = NUMBER.format(words=numbers)
    patterns = {}
    for measure, units in _measures()["units"].items():
        unit = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
        patterns[measure] = re.compile(rf"(?i)\b{number}(?:\s+|-)?(?:{unit})(?![\w²])")
    return patterns


def asked_measures(query: str) -> tuple[str, ...]:
    """The measures a query asks for, in the lexicon's order: "how long were the talks" ->
    ("length", "duration"); none for a query without a cue."""
    text = " ".join(query.lower().split())
    asked: dict[str, None] = {}
    for cue, measures in _asks():
        if cue.search(text):
            asked.update(dict.fromkeys(measures))
    return tuple(asked)


def measure_marks(text: str) -> set[str]:
    """The search tokens marking the measures a sentence gives ("#length" for "5 km")."""
    marks = {MARK + measure for measure, pattern in _units().items() if pattern.search(text)}
    if YEARS.search(text):
        marks.add(MARK + "duration")
    return marks


def mark(measure: str) -> str:
    return MARK + measure
