"""How well a fact answers a query, and the best few facts by that score: found exactly, either by
sorting every candidate or by scoring only the candidates that can still enter the answers."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import groupby
from operator import attrgetter, itemgetter

from rapidfuzz import fuzz, process

from store.search.candidates import Relevance
from store.search.index import FactIndex, IndexedFact, normalise, tokens
from store.search.query import ParsedQuery, synonyms

RELEVANCE_POINTS = 80.0  # for a sentence holding all the query's information
FUZZY_WEIGHT = 0.2  # token_set_ratio 0..100 of the summary -> 0..20 points
DATE_WORDS_BONUS = 5.0
SLACK = 1e-6  # below the exact cut-off, so float rounding never drops a fact that could enter

DATE_THEN_ID = attrgetter("date_key", "id")
POSITION = itemgetter(2)  # of a choice in a rapidfuzz.process.extract result
Key = tuple[int, float, str, int]  # (group, -score, date, id): smaller is better
Identity = tuple[int, str, str | None, str | None]  # one answer per sentence, kind, subject, date


class FactScore:
    """A fact's score for one query: 80 x the share of the query its sentence holds, plus 0.2 x
    the fuzzy likeness of its summary, plus 5 when the query asks about its date's own words
    ("deadline" -> "by September 15"). The indexed and the exhaustive ranking both use it."""

    def __init__(self, parsed: ParsedQuery, index: FactIndex, relevance: Relevance) -> None:
        self.relevance = relevance
        self.query = " ".join(parsed.terms)
        self.asked: frozenset[str] = frozenset(
            set(parsed.terms).union(*(synonyms().get(t, frozenset()) for t in parsed.terms))
        )
        # No fact can get the bonus unless an asked word occurs in some fact's date words.
        self.bonus_possible = any(word in index.date_words for word in self.asked)

    def __call__(self, fact: IndexedFact) -> float:
        share = self.relevance(fact.sentence_id)
        return self.total(share, self.fuzzy(fact.summary), self.bonus(fact))

    @staticmethod
    def total(share: float, fuzzy: float, bonus: float) -> float:
        return share * RELEVANCE_POINTS + fuzzy * FUZZY_WEIGHT + bonus

    def fuzzy(self, summary: str) -> float:
        return fuzz.token_set_ratio(self.query, normalise(summary)) if self.query else 0.0

    def bonus(self, fact: IndexedFact) -> float:
        date_text = fact.data.get("date_text")
        if not date_text or not self.asked:
            return 0.0
        return DATE_WORDS_BONUS if self.asked & set(tokens(date_text)) else 0.0

    def key(self, fact: IndexedFact, group: int, score: float) -> Key:
        """Best score first; between equal scores the earlier date, then the older fact."""
        return (group, -score, fact.date_key, fact.id)


def identity(fact: IndexedFact) -> Identity:
    return (fact.sentence_id, fact.kind, fact.subject, fact.date)


def first_distinct(ranked: Iterable[tuple[Key, IndexedFact]], limit: int) -> list:
    """The first ``limit`` entries of a ranked sequence, one per identity."""
    seen: set[Identity] = set()
    kept = []
    for key, fact in ranked:
        if identity(fact) not in seen:
            seen.add(identity(fact))
            kept.append((key, fact))
            if len(kept) == limit:
                break
    return kept


def no_group(fact: IndexedFact) -> int:
    return 0


def rank_all(
    facts: Sequence[IndexedFact], score: FactScore, group: Callable[[IndexedFact], int], limit: int
) -> list[tuple[Key, IndexedFact]]:
    """The reference: every candidate scored, all of them sorted."""
    keyed = [(score.key(f, group(f), score(f)), f) for f in facts]
    return first_distinct(sorted(keyed, key=lambda k: k[0]), limit)


def rank_best(
    facts: Sequence[IndexedFact], score: FactScore, group: Callable[[IndexedFact], int], limit: int
) -> list[tuple[Key, IndexedFact]]:
    """What `rank_all` returns, scoring only facts that can still enter the answers.

    Candidates are taken in buckets of equal group and relevance, best bound first. A bucket's
    fuzzy scores are computed in one rapidfuzz call, with a cut-off under which no fact of it
    could beat the answers kept; the search stops at the first bucket whose bound cannot."""
    relevance = score.relevance
    buckets: dict[tuple[int, float], list[IndexedFact]] = {}
    if group is no_group and not score.query:  # every fact is in group 0 with relevance 1
        buckets = {(0, 1.0): list(facts)} if facts else {}
    else:
        for fact in facts:
            buckets.setdefault((group(fact), relevance(fact.sentence_id)), []).append(fact)
    bonus = DATE_WORDS_BONUS if score.bonus_possible else 0.0
    room = (100 * FUZZY_WEIGHT if score.query else 0.0) + bonus
    kept: list[tuple[Key, IndexedFact]] = []
    for rank, share in sorted(buckets, key=lambda b: (b[0], -score.total(b[1], 0.0, 0.0))):
        base = score.total(share, 0.0, 0.0)
        worst = kept[-1][0][:2] if len(kept) == limit else None
        if worst is not None and worst < (rank, -(base + room)):
            break  # no fact left can enter the answers
        members = buckets[(rank, share)]
        cutoff = 0.0
        if worst is not None and worst[0] == rank:
            cutoff = (-worst[1] - base - bonus) / FUZZY_WEIGHT - SLACK
        for total, tied in _by_score(score, share, members, cutoff):
            if len(kept) == limit and kept[-1][0][:2] < (rank, -total):
                break  # the rest of the bucket scores lower still
            entries = [((rank, -total, f.date_key, f.id), f) for f in _earliest(tied, limit)]
            kept = first_distinct(sorted(kept + entries, key=itemgetter(0)), limit)
    return kept


def _earliest(facts: list[IndexedFact], limit: int) -> list[IndexedFact]:
    """The earliest facts (by date, then id) that hold ``limit`` distinct identities, or all."""
    wanted = 2 * limit
    while wanted < len(facts):
        head = heapq.nsmallest(wanted, facts, key=DATE_THEN_ID)
        if len({identity(f) for f in head}) >= limit:
            return head
        wanted *= 4
    return facts


def _by_score(
    score: FactScore, share: float, facts: list[IndexedFact], cutoff: float
) -> Iterator[tuple[float, list[IndexedFact]]]:
    """(score, the facts with it) for one bucket, best first, for the facts whose fuzzy score
    may reach ``cutoff``."""
    if not score.query:  # no words: no fuzzy score and no bonus, every fact scores the base
        if cutoff <= 0 and facts:
            yield score.total(share, 0.0, 0.0), facts
        return
    if cutoff > 100:
        return
    found = process.extract(
        score.query,
        [normalise(fact.summary) for fact in facts],
        scorer=fuzz.token_set_ratio,
        processor=None,
        score_cutoff=max(cutoff, 0.0),
        limit=None,
    )  # best first
    if not score.bonus_possible:
        for fuzzy, same in groupby(found, key=itemgetter(1)):
            yield score.total(share, fuzzy, 0.0), list(map(facts.__getitem__, map(POSITION, same)))
        return
    tied: dict[float, list[IndexedFact]] = {}
    for _, fuzzy, position in found:
        fact = facts[position]
        tied.setdefault(score.total(share, fuzzy, score.bonus(fact)), []).append(fact)
    for total in sorted(tied, reverse=True):
        yield total, tied[total]
