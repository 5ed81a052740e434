"""Typo candidates among the index's words and names, looked up only among entries of a length
that could reach the score asked for, so a correction does not scan the whole vocabulary."""

from __future__ import annotations

import math
from collections.abc import Callable, Container, Iterator, Mapping
from collections.abc import Set as AbstractSet
from functools import cache

from rapidfuzz import fuzz, process

from store.lexicon.english import english_words


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


SWAPPED = 90.0  # the score of a word two neighbouring letters apart ("zenie", "zeine")


def swaps(word: str) -> Iterator[str]:
    """The word with two neighbouring letters swapped, each way it can be: the commonest slip
    on a keyboard, which `fuzz.ratio` scores as two edits (80 for a five-letter name)."""
    for i in range(len(word) - 1):
        if word[i] != word[i + 1]:
            yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _best(
    word: str,
    buckets: dict[int, list[str]],
    lengths: range,
    score_cutoff: float,
    limit: int,
    members: Container[str],
) -> list[tuple[str, float]]:
    """The ``limit`` entries closest to ``word``: one swap of neighbouring letters away first
    (see swaps), then by `fuzz.ratio` at or above the cutoff."""
    found: list[tuple[float, int, int, str]] = [
        (-SWAPPED, -1, 0, swapped) for swapped in dict.fromkeys(swaps(word)) if swapped in members
    ]
    for order, length in enumerate(lengths):
        for match, score, position in process.extract(
            word, buckets.get(length, ()), scorer=fuzz.ratio, score_cutoff=score_cutoff, limit=limit
        ):
            found.append((-score, order, position, match))
    found.sort()
    best: dict[str, float] = {}
    for score, _, _, match in found:
        best.setdefault(match, -score)  # a swap the ratio also found is listed once, as a swap
    return list(best.items())[:limit]


SPELLED_READ = 25  # English words nearest a misspelt one read for one the articles use


@cache
def _english_by_length() -> dict[int, list[str]]:
    """The English words of the list (words.english_words), by length."""
    return _by_length(w for w in sorted(english_words()) if w.isalpha())


class Vocabulary(AbstractSet[str]):
    """The index's words (a set view of their document frequencies) with typo lookup."""

    def __init__(
        self, frequency: Mapping[str, int], stem: Callable[[str], str] | None = None
    ) -> None:
        self._frequency = frequency
        self._stem = stem
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
        found = _best(word, self._buckets, lengths, score_cutoff, limit, self._frequency)
        return [m for m, _ in found]

    def spelled(self, word: str, *, score_cutoff: float) -> tuple[str, float] | None:
        """The English word closest to a misspelt one ("delegtaion" -> "delegation"), among the
        English words whose search token the articles use, with its score. A typo is matched as
        written, not stemmed: the stem of a misspelt word is no stem of anything ("popultaion"
        stays whole while "population" becomes "popul", too far apart to match)."""
        if self._stem is None:
            return None
        lengths = ratio_lengths(len(word), score_cutoff)
        near = _best(
            word, _english_by_length(), lengths, score_cutoff, SPELLED_READ, english_words()
        )
        return next(((w, score) for w, score in near if self._stem(w) in self._frequency), None)


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
        return [m for m, _ in _best(phrase, self._buckets, lengths, score_cutoff, limit, self)]
