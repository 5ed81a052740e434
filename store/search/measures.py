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
from collections.abc import Set as AbstractSet
from functools import cache

from store.lexicon import load_toml

MARK = "#"  # search tokens are [a-z0-9]+ words: a mark can never be one
# A number: digits ("2,000", "1.5"), or a number word, or a vague count, then the unit written
# after a space, a hyphen or nothing ("5 km", "2,000-km", "four days", "several months").
NUMBER = r"(?:\d[\d,.]*|{words}|several|a few|a couple of)(?:\s+(?:thousand|million|billion))?"
WINDOW = 40  # characters before a unit its number may take ("a couple of thousand")
CAUSE = "cause"  # what "why" asks for: a sentence giving a reason ("due to", "cited")
# A span of years is a duration too: "Chief of the Presidential guard (2011–2023)".
YEARS = re.compile(r"\b(?:19|20)\d\d\s*[–—-]\s*(?:(?:19|20)\d\d|present)\b")
AGE = "age"  # what "how old is" and "age of" ask for of a person
# A person's age as news gives it: "the 66-year-old woman", "aged 34", "(born 1961)", and the
# appositive after a name, "Sgt La David Johnson, 25, of Miami Gardens" (a day or a year is never
# set between commas after a name: "March 3, 2023" has no comma before its number).
AGED = re.compile(r"(?i)\b\d{1,3}[- ]years?[- ]old\b|\baged \d{1,3}\b")  # nor an amount (answer.py)
BORN = re.compile(r"(?i)\bborn\b[^.;]{0,30}?\b(?:19|20)\d\d\b")
# The number between commas is searched first, then the word before it: one pattern trying a
# capitalised word at every word of every sentence cost 7x as much at an index build.
COMMA_NUMBER = re.compile(r", \d{1,2}, ")


@cache
def _measures() -> dict:
    return load_toml("queries.toml")["measures"]


@cache
def _asks() -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    """(cue as a whole-word pattern, the measures it asks for), the longest cues first."""
    cues = sorted(_measures()["asks"].items(), key=lambda item: -len(item[0]))
    return [(re.compile(rf"\b{re.escape(cue)}\b"), tuple(asked)) for cue, asked in cues]


@cache
def _units() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """Every unit as one pattern (each measure's units a named group), the pattern of a number
    ending where a unit may follow it, and group name -> measure. A sentence is searched for
    units first, then only the few characters before each for its number: searching for the
    number first would try every word of every sentence (most of an index build's time)."""
    groups, names = [], {}
    for i, (measure, units) in enumerate(_measures()["units"].items()):
        unit = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
        groups.append(f"(?P<m{i}>{unit})")
        names[f"m{i}"] = measure
    numbers = "|".join(sorted(load_toml("quantities.toml")["numbers"], key=len, reverse=True))
    number = NUMBER.format(words=numbers)
    return (
        re.compile(rf"(?i)(?<![a-z])(?:{'|'.join(groups)})(?![\w²])"),
        re.compile(rf"(?i)\b{number}(?:\s+|-)?$"),
        names,
    )


def asked_measures(query: str) -> tuple[str, ...]:
    """The measures a query asks for, in the lexicon's order: "how long were the talks" ->
    ("length", "duration"); "why …" asks for a cause; none for a query without a cue."""
    text = " ".join(query.lower().split())
    asked: dict[str, None] = {}
    for cue, measures in _asks():
        if cue.search(text):
            asked.update(dict.fromkeys(measures))
    if _cause_cue().search(text):
        asked[CAUSE] = None
    return tuple(asked)


@cache
def _causes() -> dict:
    return load_toml("queries.toml")["causes"]


@cache
def _cause_cue() -> re.Pattern[str]:
    cues = sorted(_causes()["asks"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b")


@cache
def _cause_words() -> frozenset[str]:
    """The search tokens a cause marker's longest word can be ("order" of "in order to"; for
    "accus*" every English word's it begins): a sentence with none of them is not searched."""
    from store.lexicon.english import english_words
    from store.search.index import stem, tokens

    words: set[str] = set()
    for marker in _causes()["markers"]:
        if marker.endswith("*"):
            prefix = marker[:-1]
            words.update(stem(w) for w in english_words() if w.startswith(prefix))
            words.add(stem(prefix))
        else:
            words.add(tokens(max(marker.split(), key=len))[0])
    return frozenset(words)


@cache
def _cause_markers() -> re.Pattern[str]:
    """Every cause marker as one whole-word pattern ("justif*" as a prefix)."""
    parts = [
        re.escape(m[:-1]) + r"\w*" if m.endswith("*") else re.escape(m)
        for m in sorted(_causes()["markers"], key=len, reverse=True)
    ]
    return re.compile(r"(?i)\b(?:" + "|".join(parts) + r")\b")


@cache
def _unit_words() -> frozenset[str]:
    """The search tokens of every unit ("km", "day", "barrel", "b"): a sentence with none of
    them, and none of the _unit_signs, gives no measure, whatever its numbers."""
    from store.search.index import tokens  # the index's own tokens, so the two always agree

    return frozenset(t for units in _measures()["units"].values() for u in units for t in tokens(u))


@cache
def _unit_signs() -> tuple[str, ...]:
    """The units written as a sign, which make no search token ("%"): "cut electricity supply
    to Niger by 42%" gives a share with no unit word in it."""
    from store.search.index import tokens

    return tuple(u for units in _measures()["units"].values() for u in units if not tokens(u))


def measure_marks(text: str, words: AbstractSet[str] | None = None) -> set[str]:
    """The search tokens marking the measures a sentence gives ("#length" for "5 km"); ``words``
    are its search tokens, when the caller has them, to skip the search in most sentences."""
    marks: set[str] = set()
    if YEARS.search(text):
        marks.add(MARK + "duration")
    if (words is None or not _cause_words().isdisjoint(words)) and _cause_markers().search(text):
        marks.add(MARK + CAUSE)
    if _gives_an_age(text):
        marks.add(MARK + AGE)
    if (
        words is not None
        and _unit_words().isdisjoint(words)
        and not any(sign in text for sign in _unit_signs())
    ):
        return marks
    units, number, names = _units()
    for found in units.finditer(text):
        measure = names[found.lastgroup or ""]
        if MARK + measure not in marks and number.search(
            text, max(found.start() - WINDOW, 0), found.start()
        ):
            marks.add(MARK + measure)
    return marks


def _gives_an_age(text: str) -> bool:
    """Whether a sentence gives someone's age (see AGED): "the 66-year-old woman", "aged 40",
    "(born 1961)", or a number between commas after a capitalised word ("Johnson, 25, of
    Miami")."""
    lowered = text.lower()
    if ("old" in lowered or "aged" in lowered) and AGED.search(text):
        return True
    if "born" in lowered and BORN.search(text):
        return True
    for found in COMMA_NUMBER.finditer(text):
        before = text[: found.start()].rsplit(None, 1)
        if before and before[-1][:1].isupper():
            return True
    return False


def mark(measure: str) -> str:
    return MARK + measure
