"""Two ways for a query to find and order its candidates: through the index's inverted indexes
with early stopping (what the bot does), or by reading every fact and sentence and sorting all
of them (the reference that tests and benchmarks compare the first with)."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection, Iterable
from typing import Any

from store.answers import Intent
from store.search.candidates import Relevance, facts_of
from store.search.index import (
    SEARCHED_KINDS,
    FactIndex,
    IndexedFact,
    decoded,
    timeline_key,
    tokens,
)
from store.search.query import ParsedQuery
from store.search.ranking import FactScore, Key, rank_all, rank_best

IGNORED_IN_DESCRIPTIONS = frozenset({"base", "near", "in"})


def asked_in_descriptions(parsed: ParsedQuery, index: FactIndex) -> set[str]:
    """The words a place's description must hold: query words and the named places' words."""
    asked = set(parsed.terms) | {
        t for e in parsed.entities for t in tokens(index.names.get(e.key, e.text))
    }
    return asked - IGNORED_IN_DESCRIPTIONS


class IndexLookup:
    """Candidates from the inverted indexes; only the best few ordered."""

    def __init__(self, index: FactIndex) -> None:
        self.index = index
        self._relevances: dict[int, tuple[ParsedQuery, Relevance]] = {}

    def relevance(self, parsed: ParsedQuery) -> Relevance:
        """The question's Relevance, made once per lookup (one question): its parts join the
        postings of every synonym and longer form of each word, sets of a hundred thousand
        sentences in a large store, and a handler, the search it falls back to and the nearby
        sentences after its answers all read the same parts and shares."""
        made = self._relevances.get(id(parsed))
        if made is None or made[0] is not parsed:
            made = self._relevances[id(parsed)] = (parsed, Relevance(parsed, self.index))
        return made[1]

    def facts(
        self,
        parsed: ParsedQuery,
        kinds: Iterable[str],
        *,
        owner_only: bool = False,
        ordered: bool = True,
        within: Collection[int] | None = None,
        by_entities: bool = True,
    ) -> list[IndexedFact]:
        """Facts of body sentences of these kinds about every entity named (see facts_of); with
        ``by_entities`` false the entities do not filter (``within`` has weighed them)."""
        return facts_of(
            parsed,
            self.index,
            kinds,
            owner_only=owner_only,
            ordered=ordered,
            within=within,
            by_entities=by_entities,
        )

    def covered(self, parsed: ParsedQuery, relevance: Relevance, minimum: float) -> set[int]:
        """Sentences holding at least ``minimum`` of the query."""
        return relevance.covering(minimum)

    def described(self, parsed: ParsedQuery) -> set[int]:
        """Place facts whose description holds every query word and named place."""
        asked = asked_in_descriptions(parsed, self.index)
        if not asked:
            return set()
        found = sorted((self.index.described.get(word, set()) for word in asked), key=len)
        return set(found[0]).intersection(*found[1:])

    def chronology(self) -> list[IndexedFact]:
        """Every event of a body sentence, oldest first (see timeline_key)."""
        return self.index.chronology

    def best_sentences(
        self, candidates: set[int], relevance: Relevance, limit: int
    ) -> list[tuple[float, int]]:
        """(-score, id) of the best ``limit`` searched sentences among the candidates: the most
        relevant first, then the oldest; read block by block of equal relevance (see covering)."""
        blocks = relevance.blocks if relevance.parts else [(1.0, candidates)]
        groups: dict[float, set[int]] = {}
        for share, block in blocks:
            groups.setdefault(-share * 100, set()).update(block)
        sentences, top = self.index.sentences, []
        for negative in sorted(groups):
            for sentence_id in sorted(groups[negative] & candidates):
                if sentences[sentence_id].kind in SEARCHED_KINDS:
                    top.append((negative, sentence_id))
                    if len(top) == limit:
                        return top
        return top

    def largest(self, n: int, items: Collection[Any], key: Callable) -> list:
        return heapq.nlargest(n, items, key=key)

    def rank(
        self, facts: list[IndexedFact], score: FactScore, group: Callable, limit: int
    ) -> list[tuple[Key, IndexedFact]]:
        return rank_best(facts, score, group, limit)


class ScanLookup(IndexLookup):
    """Every fact and sentence read and tested, every candidate scored and sorted: no inverted
    index, no cut-off. Slow; it shows what the indexed path loses (nothing, tests say)."""

    def facts(
        self,
        parsed: ParsedQuery,
        kinds: Iterable[str],
        *,
        owner_only: bool = False,
        ordered: bool = True,
        within: Collection[int] | None = None,
        by_entities: bool = True,
    ) -> list[IndexedFact]:
        index, kinds = self.index, frozenset(kinds)
        keys = [e.key for e in parsed.entities if not (owner_only and e.after_in)]
        keys = keys if by_entities else []
        found = []
        for fact in index.facts.values():  # in id order
            if fact.kind not in kinds or index.sentences[fact.sentence_id].kind != "body":
                continue
            if within is not None and fact.sentence_id not in within:
                continue
            about = index.entity_keys(fact) if keys else set()
            if all(
                fact.subject == key if owner_only and key.startswith("country:") else key in about
                for key in keys
            ):
                found.append(fact)
        return found

    def covered(self, parsed: ParsedQuery, relevance: Relevance, minimum: float) -> set[int]:
        return {s for s in self.index.sentences if relevance(s) >= minimum}

    def described(self, parsed: ParsedQuery) -> set[int]:
        asked = asked_in_descriptions(parsed, self.index)
        if not asked:
            return set()
        found = set()
        for fact in self.index.facts.values():
            if fact.kind != "place" or self.index.sentences[fact.sentence_id].kind != "body":
                continue
            description = decoded(fact).get("described_as")
            if description and asked <= set(tokens(" ".join(description))):
                found.add(fact.id)
        return found

    def chronology(self) -> list[IndexedFact]:
        events = self.facts(ParsedQuery("", Intent.TIMELINE, False, (), (), ()), ["event"])
        return sorted(events, key=timeline_key)

    def best_sentences(
        self, candidates: set[int], relevance: Relevance, limit: int
    ) -> list[tuple[float, int]]:
        sentences = self.index.sentences
        body = [s for s in candidates if sentences[s].kind in SEARCHED_KINDS]
        return sorted((-relevance(s) * 100, s) for s in body)[:limit]

    def largest(self, n: int, items: Collection[Any], key: Callable) -> list:
        return sorted(items, key=key, reverse=True)[:n]

    def rank(
        self, facts: list[IndexedFact], score: FactScore, group: Callable, limit: int
    ) -> list[tuple[Key, IndexedFact]]:
        return rank_all(facts, score, group, limit)
