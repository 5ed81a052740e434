"""The facts and sentences that can answer a parsed query, read from the index's inverted indexes,
and how much of the query each sentence holds (IDF-weighted, synonyms counting 0.8)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from itertools import chain
from operator import attrgetter

from store.search.index import FactIndex, IndexedFact
from store.search.query import ParsedQuery, synonyms

EMPTY: frozenset[int] = frozenset()
FACTS_OF = attrgetter("facts")


def _intersection(sets: list[set[int] | frozenset[int]]) -> set[int]:
    sets = sorted(sets, key=len)
    return set(sets[0]).intersection(*sets[1:]) if sets else set()


def facts_of(
    parsed: ParsedQuery,
    index: FactIndex,
    kinds: Iterable[str],
    *,
    owner_only: bool = False,
    ordered: bool = True,
    within: Collection[int] | None = None,
) -> list[IndexedFact]:
    """Facts of body sentences, of these kinds, about every entity the query names, in id order
    when ``ordered`` (ties in later sorts then fall as they always did); with ``within``, only
    facts of those sentences.

    With ``owner_only`` a country must be the fact's subject (the forces' owner), and an entity
    after "in" only locates, so it does not filter."""
    kinds = tuple(kinds)
    keys = [e.key for e in parsed.entities if not (owner_only and e.after_in)]
    sets: list[set[int] | frozenset[int]] = []
    for key in keys:
        table = index.by_subject if owner_only and key.startswith("country:") else index.by_entity
        found = [table.get((kind, key), EMPTY) for kind in kinds]
        sets.append(found[0] if len(found) == 1 else set().union(*found))
    if not sets:
        found = [index.by_kind.get(kind, EMPTY) for kind in kinds]
        sets.append(found[0] if len(found) == 1 else set().union(*found))
    if within is not None:
        sets.append(_facts_of_sentences(index, within))
    ids = _intersection(sets)
    return list(map(index.facts.__getitem__, sorted(ids) if ordered else ids))


def _facts_of_sentences(index: FactIndex, sentence_ids: Iterable[int]) -> set[int]:
    """Every fact of these sentences (whether of a body sentence and of the kinds asked is for
    the kind and entity sets it is intersected with)."""
    sentences = map(index.sentences.__getitem__, sentence_ids)
    return set(chain.from_iterable(map(FACTS_OF, sentences)))


def sentences_naming(parsed: ParsedQuery, index: FactIndex) -> set[int] | None:
    """Body sentences naming every entity of the query; None when it names none."""
    if not parsed.entities:
        return None
    return _intersection([index.sentences_by_entity.get(e.key, EMPTY) for e in parsed.entities])


class Relevance:
    """Share of the query's information (IDF-weighted terms) that a sentence holds, 0..1.

    A term is present when the sentence has it or one of its synonyms (a synonym counts 0.8).
    Weights are computed once per query and each sentence's share once."""

    def __init__(self, parsed: ParsedQuery, index: FactIndex) -> None:
        postings = index.postings
        self.parts = [
            (
                postings.get(term, EMPTY),
                [postings.get(s, EMPTY) for s in synonyms().get(term, ()) if s != term],
                index.idf(term),
            )
            for term in parsed.terms
        ]
        self.total = sum(weight for _, _, weight in self.parts) or 1.0
        self.memo: dict[int, float] = {}
        self.blocks: list[tuple[float, set[int]]] = []  # (share, sentences), from covering

    def __call__(self, sentence_id: int) -> float:
        if not self.parts:
            return 1.0
        share = self.memo.get(sentence_id)
        if share is None:
            found = 0.0
            for exact, near, weight in self.parts:
                if sentence_id in exact:
                    found += weight
                elif any(sentence_id in s for s in near):
                    found += 0.8 * weight
            share = self.memo[sentence_id] = found / self.total
        return share

    def covering(self, minimum: float) -> set[int]:
        """The sentences holding at least ``minimum`` of the query, their shares memoised: the
        sentences holding a term are split term by term (has it / has a synonym / has neither)
        with set operations, so no sentence is visited in Python. Shares are summed in the
        order ``__call__`` sums them, so they are the same floats."""
        if not self.parts:
            raise ValueError("a query without words covers every sentence")
        near = [set().union(*synonyms_) if synonyms_ else EMPTY for _, synonyms_, _ in self.parts]
        unseen = [sum(w for _, _, w in self.parts[i:]) for i in range(len(self.parts))]
        needed = (minimum - 1e-9) * self.total  # the slack keeps rounding from dropping a block
        blocks = [(0.0, set().union(*(e for e, _, _ in self.parts), *near))]
        for i, (exact, _, weight) in enumerate(self.parts):
            split = []
            for found, block in blocks:
                if found + unseen[i] < needed:
                    continue  # cannot reach the minimum whatever it holds further
                with_term = block & exact
                rest = block - with_term
                with_synonym = rest & near[i] if near[i] else set()
                split += [
                    (found + weight, with_term),
                    (found + 0.8 * weight, with_synonym),
                    (found, rest - with_synonym if with_synonym else rest),
                ]
            blocks = [(found, block) for found, block in split if block]
        covered: set[int] = set()
        self.blocks = []
        for found, block in blocks:
            share = found / self.total
            if share >= minimum:
                self.memo.update(dict.fromkeys(block, share))
                self.blocks.append((share, block))
                covered |= block
        return covered
