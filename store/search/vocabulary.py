"""Typo candidates among the index's words and names, looked up only among entries of a length
that could reach the score asked for, so a correction does not scan the whole vocabulary."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from collections.abc import Set as AbstractSet

from rapidfuzz import fuzz, process


def _by_length(words: Iterator[str]) -> dict[int, list[str]]:
    buckets: dict[int, list[str]] = {}
    for word in words:
        buckets.setdefault(len(word), []).append(word)
    return buckets


def ratio_lengths(length: int, score_cutoff: float) -> range:
    """Lengths of the strings whose `fuzz.ratio` with a string of ``length`` can reach the cutoff:
    ratio = 1 - indel / (a + b) and indel >= |a - b|, so b lies within a*(1-r)/(1+r)..a*(1+r)/(1-r)
    for r = 1 - cutoff/100."""
    r = 1 - score_cutoff / 100
    low = math.ceil(length * (1 - r) / (1 + r) - 1e-9)
    high = math.floor(length * (1 + r) / (1 - r) + 1e-9) if r < 1 else 10**6
    return range(max(low, 1), high + 1)


def _best(
    word: str, buckets: dict[int, list[str]], lengths: range, score_cutoff: float, limit: int
) -> list[tuple[str, float]]:
    found: list[tuple[float, int, int, str]] = []
    for order, length in enumerate(lengths):
        for match, score, position in process.extract(
            word, buckets.get(length, ()), scorer=fuzz.ratio, score_cutoff=score_cutoff, limit=limit
        ):
            found.append((-score, order, position, match))
    found.sort()
    return [(match, -score) for score, _, _, match in found[:limit]]


class Vocabulary(AbstractSet[str]):
    """The index's words (a set view of their document frequencies) with typo lookup."""

    def __init__(self, frequency: Mapping[str, int]) -> None:
        self._frequency = frequency
        self._buckets: dict[int, list[str]] | None = None

    def __contains__(self, word: object) -> bool:
        return word in self._frequency

    def __iter__(self) -> Iterator[str]:
        return iter(self._frequency)

    def __len__(self) -> int:
        return len(self._frequency)

    def count(self, word: str) -> int:
        """How many sentences hold the word."""
        return self._frequency.get(word, 0)

    def similar(self, word: str, *, score_cutoff: float, limit: int = 5) -> list[str]:
        """The words closest to ``word`` by `fuzz.ratio`, best first, as `process.extract` over
        the whole vocabulary would find them."""
        if self._buckets is None:
            self._buckets = _by_length(iter(self._frequency))
        lengths = ratio_lengths(len(word), score_cutoff)
        return [m for m, _ in _best(word, self._buckets, lengths, score_cutoff, limit)]


class AliasTable(dict[str, str]):
    """Lower-case alias -> entity key, with near-miss lookup among aliases of about the same
    length (the only ones query parsing accepts)."""

    _buckets: dict[int, list[str]] | None = None

    def near(self, phrase: str, *, score_cutoff: float, spread: int) -> str | None:
        """The alias closest to ``phrase`` by `fuzz.ratio`, at most ``spread`` characters longer
        or shorter; call only once the table is complete."""
        best = self.similar(phrase, score_cutoff=score_cutoff, spread=spread, limit=1)
        return best[0] if best else None

    def similar(self, phrase: str, *, score_cutoff: float, spread: int, limit: int) -> list[str]:
        """The ``limit`` aliases closest to ``phrase``, best first, as `near` finds them."""
        if self._buckets is None:
            self._buckets = _by_length(iter(self))
        lengths = range(max(len(phrase) - spread, 1), len(phrase) + spread + 1)
        return [m for m, _ in _best(phrase, self._buckets, lengths, score_cutoff, limit)]
