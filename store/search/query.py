"""Query text in, intent and named entities out: typo-tolerant parsing with rapidfuzz."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from store.answers import Intent
from store.lexicon import EntityKey, load_toml, words
from store.search.index import normalise, tokens

MAX_QUERY_CHARS = 300
INTENT_PRIORITY = (
    Intent.HELP,
    Intent.SOURCES,
    Intent.TIMELINE,
    Intent.WHEN,
    Intent.STATEMENT,
    Intent.MONEY,
    Intent.TROOPS,
    Intent.WHO,
    Intent.PLACE,
    Intent.ORGANISATION,
)
QUERY_WORD = re.compile(r"[\w$’'.\-]+")


@dataclass(frozen=True, slots=True)
class EntityRef:
    key: str
    text: str  # as the user wrote it
    position: int  # word index in the query
    after_in: bool  # "in Niger": a location, not an owner


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    text: str
    intent: Intent
    explicit: bool  # the user named the intent, rather than it being inferred
    entities: tuple[EntityRef, ...]
    terms: tuple[str, ...]  # content words left for ranking, already stemmed and corrected
    corrections: tuple[tuple[str, str], ...]
    truncated: bool = False


@cache
def _queries() -> dict:
    return load_toml("queries.toml")


@cache
def intent_words() -> dict[Intent, tuple[str, ...]]:
    """Intent words from queries.toml; any personnel noun ("instructors") also asks for troops."""
    table = {Intent(k): tuple(v) for k, v in _queries()["intents"].items()}
    table[Intent.TROOPS] = tuple(dict.fromkeys((*table[Intent.TROOPS], *words()["personnel"])))
    return table


@cache
def synonyms() -> dict[str, frozenset[str]]:
    """Stemmed word -> the stemmed words of its synonym groups (itself included)."""
    table: dict[str, set[str]] = {}
    for group in _queries()["synonyms"]["groups"]:
        stems = {t for word in group for t in tokens(word)}
        for stem_ in stems:
            table.setdefault(stem_, set()).update(stems)
    return {k: frozenset(v) for k, v in table.items()}


@cache
def stopwords() -> frozenset[str]:
    return frozenset(_queries()["stopwords"]["words"])


def example_queries() -> tuple[str, ...]:
    return tuple(_queries()["examples"]["queries"])


def _cutoff(word: str) -> float | None:
    """How close a misspelling must be: short words must match exactly."""
    if len(word) < 4:
        return None
    return 80.0 if len(word) >= 6 else 75.0


def parse_query(
    text: str, *, aliases: Mapping[str, str], vocabulary: Collection[str]
) -> ParsedQuery:
    """Intent, entities and ranking terms of a query. ``vocabulary`` and ``aliases`` may be the
    index's own (store.vocabulary), whose typo lookups read only words of a fitting length."""
    truncated = len(text) > MAX_QUERY_CHARS
    clean = " ".join(text[:MAX_QUERY_CHARS].split())
    words = [w.strip('.,;:!?"“”()').lower() for w in QUERY_WORD.findall(clean)]
    words = [w for w in words if w]
    used: set[int] = set()
    corrections: list[tuple[str, str]] = []
    vocab_set = vocabulary if isinstance(vocabulary, AbstractSet) else set(vocabulary)
    entities = _find_entities(words, used, aliases, corrections, vocab_set, sizes=(4, 3, 2))
    intents = _find_intents(words, used, corrections, vocab_set)
    entities += _find_entities(words, used, aliases, corrections, vocab_set, sizes=(1,))
    entities.sort(key=lambda e: e.position)
    terms = []
    for i, word in enumerate(words):
        if i in used or word in stopwords():
            continue
        for token in tokens(word):
            if token in stopwords():
                continue
            fixed = token
            if token not in vocab_set and _cutoff(token) and vocabulary:
                match = next((m for m in _similar(token, vocabulary) if m not in stopwords()), None)
                if match:
                    fixed = match
                    corrections.append((token, fixed))
            terms.append(fixed)
    explicit = bool(intents)
    intent = next((i for i in INTENT_PRIORITY if i in intents), None)
    if intent is None:
        intent = _implied_intent(entities, terms)
    return ParsedQuery(
        clean,
        intent,
        explicit,
        tuple(entities),
        tuple(dict.fromkeys(terms)),
        tuple(corrections),
        truncated,
    )


def _similar(word: str, vocabulary: Collection[str]) -> list[str]:
    """The five vocabulary words closest to a misspelt word, best first."""
    cutoff = _cutoff(word) or 100.0
    similar = getattr(vocabulary, "similar", None)
    if similar is not None:
        return similar(word, score_cutoff=cutoff, limit=5)
    found = process.extract(word, list(vocabulary), scorer=fuzz.ratio, score_cutoff=cutoff, limit=5)
    return [m[0] for m in found]


def _near_alias(phrase: str, aliases: Mapping[str, str], cutoff: float) -> str | None:
    """The alias closest to ``phrase``, at most two characters longer or shorter."""
    near = getattr(aliases, "near", None)
    if near is not None:
        return near(phrase, score_cutoff=cutoff, spread=2)
    match = process.extractOne(phrase, list(aliases), scorer=fuzz.ratio, score_cutoff=cutoff)
    return match[0] if match and abs(len(match[0]) - len(phrase)) <= 2 else None


def _find_intents(
    words: list[str], used: set[int], corrections: list, vocabulary: AbstractSet[str]
) -> set[Intent]:
    """Intent words, tolerating typos only in words the articles never use ("troups" is a typo
    of "troops"; "deposed" is a word of its own, not a typo of "deployed")."""
    found: set[Intent] = set()
    phrases = {p: intent for intent, ps in intent_words().items() for p in ps}
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            span = range(i, i + size)
            if any(j in used for j in span):
                continue
            phrase = " ".join(words[i : i + size])
            intent = phrases.get(phrase)
            known = any(t in vocabulary for t in tokens(phrase))
            if intent is None and size == 1 and _cutoff(phrase) and not known:
                singles = [p for p in phrases if " " not in p]
                match = process.extractOne(
                    phrase, singles, scorer=fuzz.ratio, score_cutoff=_cutoff(phrase)
                )
                if match and phrase not in stopwords():
                    intent = phrases[match[0]]
                    corrections.append((phrase, match[0]))
            if intent:
                found.add(intent)
                used.update(span)
    return found


def _find_entities(
    words: list[str],
    used: set[int],
    aliases: Mapping[str, str],
    corrections: list,
    vocabulary: AbstractSet[str],
    *,
    sizes: tuple[int, ...],
) -> list[EntityRef]:
    found: list[EntityRef] = []
    for size in sizes:
        for i in range(len(words) - size + 1):
            span = range(i, i + size)
            if any(j in used for j in span):
                continue
            phrase = normalise(" ".join(words[i : i + size])).strip(".’' ")
            if phrase in stopwords():
                continue
            key = aliases.get(phrase)
            known = all(t in vocabulary for t in tokens(phrase))
            if key is None and _cutoff(phrase) and phrase not in stopwords() and not known:
                match = _near_alias(phrase, aliases, max(_cutoff(phrase) or 0, 82.0))
                if match:
                    key = aliases[match]
                    corrections.append((phrase, match))
            if key:
                after_in = i > 0 and words[i - 1] in {"in", "at", "near", "inside", "to"}
                found.append(EntityRef(key, " ".join(words[i : i + size]), i, after_in))
                used.update(span)
    return found


def _implied_intent(entities: list[EntityRef], terms: list[str]) -> Intent:
    if not entities:
        return Intent.SEARCH
    kinds = {EntityKey(e.key).prefix for e in entities}
    if terms:
        return Intent.SEARCH
    for prefix, intent in (
        ("person", Intent.WHO),
        ("org", Intent.ORGANISATION),
        ("place", Intent.PLACE),
        ("country", Intent.TIMELINE),
    ):
        if prefix in kinds:
            return intent
    return Intent.SEARCH
