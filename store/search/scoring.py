"""The score of a candidate answer: one weighted sum of named features, each a plain measurement
of the sentence and of its best fact of the kind asked (see answer._candidates).

Naming the features, instead of adding points inline, keeps what is measured apart from how
much it counts, so that a weight can be studied or fitted on its own. The weights are set by
hand; weights fitted to the development questions (a softmax over each question's candidates)
ranked no better, in and out of sample (benchmarks/RESULTS.md, sixth session)."""

from __future__ import annotations

from collections.abc import Mapping

Features = dict[str, float]

# Each feature, what it measures (0..1 unless said), and the points it earns at full measure.
WEIGHTS: Mapping[str, float] = {
    "share": 100.0,  # share of the query's information the sentence holds (see Relevance)
    "kind": 3.0,  # a fact of the kind asked ("who": a person)
    "essential": 30.0,  # ... of a kind without which there is no answer ("when": a date)
    "subject": 5.0,  # the fact is about an entity the query names
    "detail": 2.0,  # the fact carries what was asked (a role, a date, an acronym, a purpose)
    "day": 1.0,  # the fact is dated to the day
    "undated": -10.0,  # a period asked, and the fact has no date (its article none either)
    "defines": 2.0,  # the sentence says what the named thing is (0.5: spells its acronym out)
    "near": 2.0,  # an event's date stands by the asked words (1 adjacent, 0 far)
    "fuzzy": 3.0,  # rapidfuzz token_set_ratio / 100 of the fact's summary and the query
    "tight": 1.5,  # asked words found / the span of words they stand in
    "short": 4.0,  # 1 / (1 + words / 25)
    "asking": -5.0,  # the sentence is itself a question, or a reporter's turn
    "undated_day": 30.0,  # "when" asked, and the sentence names a day no date came from: as
    # essential as a date resolved ("a January 31 deadline" in an undated article)
    "article": 10.0,  # share of the query the sentence's whole article holds
    "number": 4.0,  # a number asked for, and the sentence has a digit
    "headline": -10.0,  # a headline, infobox row or caption answering only as a sentence
    "countries": 20.0,  # "which countries" asked, and the sentence names two or more others
    "names": 4.0,  # "what did Miller say": the statement names what it is about (2 entities: 1)
}


def score(features: Features) -> float:
    """The weighted sum of the features measured (a feature not measured counts 0)."""
    return sum(WEIGHTS[name] * value for name, value in features.items())
