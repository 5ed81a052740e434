"""Query -> ranked, frozen answers: routes a parsed query to the facts that answer it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache

from store.answers import Answer, Intent, Kind, Result
from store.lexicon import KEY_PREFIXES, EntityKey
from store.search.candidates import Relevance
from store.search.index import FactIndex, IndexedFact, timeline_key, tokens
from store.search.lookup import IndexLookup, ScanLookup
from store.search.query import ParsedQuery, example_queries, parse_query
from store.search.ranking import FactScore, no_group

MAX_ANSWERS = 10
DISAGREEMENT_DAYS = 45
DISAGREEMENT_WINDOW = 50  # the latest figures compared pairwise for disagreements


def answer_query(
    query: str, index: FactIndex, *, limit: int = MAX_ANSWERS, exhaustive: bool = False
) -> Result:
    """Answer one query from the index: best answers first (timelines: oldest first).

    With ``exhaustive`` every fact and sentence is read and every candidate scored, without the
    inverted indexes or any cut-off: slow, the reference the fast path must equal."""
    parsed = parse_query(query, aliases=index.aliases, vocabulary=index.vocabulary)
    nothing_asked = not (parsed.terms or parsed.entities or parsed.explicit)
    if nothing_asked or parsed.intent == "help":
        return Result(query, Intent.HELP, suggestions=example_queries())
    if parsed.intent == "sources":
        return _sources(query, index)
    handler = {
        "troops": _troops,
        "money": _money,
        "timeline": _timeline,
        "when": _when,
        "statement": _statements,
        "who": _who,
        "place": _place,
        "organisation": _organisation,
    }.get(parsed.intent, _search)
    lookup = (ScanLookup if exhaustive else IndexLookup)(index)
    answers, notes = handler(parsed, lookup, limit)
    if not answers and handler is not _search:
        answers, notes = _search(parsed, lookup, limit)
    topic = index.names.get(parsed.entities[0].key) if parsed.entities else None
    if parsed.truncated:
        notes = (f"Your query was cut to its first {len(parsed.text)} characters.", *notes)
    if not answers:
        return Result(
            query,
            parsed.intent,
            (),
            _suggestions(parsed, index),
            ("Nothing in the loaded articles matches this.", *notes),
            topic,
        )
    suggestions = _did_you_mean(parsed)
    return Result(query, parsed.intent, tuple(answers[:limit]), suggestions, tuple(notes), topic)


def _answer(fact: IndexedFact, index: FactIndex, score: float, why: str) -> Answer:
    sentence = index.sentences[fact.sentence_id]
    details = {k: v for k, v in fact.data.items() if v not in (None, "", [], {})}
    if fact.subject:
        details["subject"] = index.names.get(fact.subject, EntityKey(fact.subject).name)
    value = fact.value if fact.kind in {"troops", "money"} else None
    return Answer(
        Kind(fact.kind),
        fact.summary,
        value,
        fact.date,
        sentence.text,
        index.sources[fact.article_id],
        score,
        why,
        details,
    )


def _date_key(fact: IndexedFact, index: FactIndex) -> str:
    return fact.date_key


def _troops(parsed: ParsedQuery, lookup: IndexLookup, limit: int):
    """Troop figures, latest first; disagreements among the latest DISAGREEMENT_WINDOW."""
    index = lookup.index
    facts = lookup.facts(parsed, ["troops"], owner_only=True)
    facts = lookup.largest(
        max(limit, DISAGREEMENT_WINDOW), facts, key=lambda f: (f.date_key, f.value or 0)
    )
    relevance = Relevance(parsed, index)
    why = "troop figure" + _owner_note(parsed, index)
    answers = [_answer(f, index, 100 * relevance(f.sentence_id), why) for f in facts[:limit]]
    return answers, _disagreements(facts, index)


def _owner_note(parsed: ParsedQuery, index: FactIndex) -> str:
    owners = [index.names.get(e.key, e.key) for e in parsed.entities if not e.after_in]
    return f" for {', '.join(owners)}" if owners else ""


def _disagreements(facts: list[IndexedFact], index: FactIndex) -> list[str]:
    """Figures for the same forces, dated within a few weeks, whose ranges do not overlap."""
    notes = []
    seen: set[tuple[str, str]] = set()
    for i, a in enumerate(facts):
        for b in facts[i + 1 :]:
            if a.subject != b.subject or not a.subject or a.article_id == b.article_id:
                continue
            if not _close_in_time(_date_key(a, index), _date_key(b, index)):
                continue
            if _overlap(a, b):
                continue
            pair = tuple(sorted((a.data.get("text", ""), b.data.get("text", ""))))
            if pair in seen:
                continue
            seen.add(pair)
            name = index.names.get(a.subject, a.subject)
            notes.append(
                f"Sources disagree on {name} numbers: {a.data.get('text')} "
                f"({_outlet(a, index)}, {_date_key(a, index)}) vs {b.data.get('text')} "
                f"({_outlet(b, index)}, {_date_key(b, index)})."
            )
    return notes


def _outlet(fact: IndexedFact, index: FactIndex) -> str:
    source = index.sources[fact.article_id]
    return source.outlet or source.title


def _close_in_time(a: str, b: str) -> bool:
    """Two dates at their own precision ("2023", "2023-12", "2023-12-13") are close when the
    periods they name overlap or lie within DISAGREEMENT_DAYS of each other."""
    if not a or not b:
        return False
    try:
        (a_start, a_end), (b_start, b_end) = _period(a), _period(b)
    except ValueError:
        return False
    gap = max((b_start - a_end).days, (a_start - b_end).days, 0)
    return gap <= DISAGREEMENT_DAYS


@lru_cache(maxsize=4096)  # troop queries compare the same few dates pairwise
def _period(iso: str) -> tuple[dt.date, dt.date]:
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        start = dt.date(parts[0], parts[1], 1)
        following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return start, following - dt.timedelta(days=1)
    day = dt.date(*parts)
    return day, day


def _overlap(a: IndexedFact, b: IndexedFact) -> bool:
    def bounds(f: IndexedFact) -> tuple[float, float]:
        low = f.data.get("low", f.value)
        high = f.data.get("high", f.value)
        return (low if low is not None else 0.0), (high if high is not None else float("inf"))

    (a_low, a_high), (b_low, b_high) = bounds(a), bounds(b)
    return a_low <= b_high and b_low <= a_high


def _ranked(
    parsed: ParsedQuery,
    lookup: IndexLookup,
    kind: str,
    why: str,
    limit: int,
    *,
    require: bool = False,
    group: Callable[[IndexedFact], int] | None = None,
    narrow: Callable[[list[IndexedFact]], list[IndexedFact]] | None = None,
) -> list[Answer]:
    """The best ``limit`` facts of a kind by relevance, fuzzy likeness of the summary and date
    words (in ``group`` order first, when given), one per sentence and date (see store.ranking).
    With ``require`` their sentences must hold MIN_COVERAGE of the query's words."""
    index = lookup.index
    relevance = Relevance(parsed, index)
    within = lookup.covered(parsed, relevance) if require and parsed.terms else None
    facts = lookup.facts(parsed, [kind], ordered=False, within=within)
    if narrow:
        facts = narrow(facts)
    score = FactScore(parsed, index, relevance)
    best = lookup.rank(facts, score, group or no_group, limit)
    return [_answer(fact, index, -key[1], why) for key, fact in best]


def _money(parsed: ParsedQuery, lookup: IndexLookup, limit: int):
    require = bool(parsed.terms) and not parsed.entities
    return _ranked(parsed, lookup, "money", "amount of money", limit, require=require), []


def _when(parsed: ParsedQuery, lookup: IndexLookup, limit: int):
    """Events that best match, best first; with named entities the words only rank."""
    require = bool(parsed.terms) and not parsed.entities
    return _ranked(parsed, lookup, "event", "dated event", limit, require=require), []


def _timeline(parsed: ParsedQuery, lookup: IndexLookup, limit: int):
    """Dated events, oldest first, one per sentence and date."""
    index = lookup.index
    if parsed.terms or parsed.entities:
        earliest = _earliest_events(parsed, lookup, limit)
    else:
        earliest = lookup.chronology()
    unique: dict[tuple[int, str | None], IndexedFact] = {}
    for fact in earliest:
        unique.setdefault((fact.sentence_id, fact.date), fact)
        if len(unique) == limit:
            break
    ordered = list(unique.values())
    return [_answer(f, index, 100.0, "dated event") for f in ordered], []


def _earliest_events(parsed: ParsedQuery, lookup: IndexLookup, limit: int) -> list[IndexedFact]:
    """The earliest events about the entities and words asked, holding ``limit`` distinct
    (sentence, date) pairs (or all of them): a partial sort, widened as needed."""
    within = lookup.covered(parsed, Relevance(parsed, lookup.index)) if parsed.terms else None
    facts = lookup.facts(parsed, ["event"], ordered=False, within=within)
    wanted = 2 * limit
    while True:
        earliest = lookup.smallest(wanted, facts, key=timeline_key)
        if len({(f.sentence_id, f.date) for f in earliest}) >= limit or len(earliest) == len(facts):
            return earliest
        wanted *= 4


def _statements(parsed: ParsedQuery, lookup: IndexLookup, limit: int):
    return _ranked(parsed, lookup, "statement", "statement", limit, require=bool(parsed.terms)), []


def _entity_kind(parsed: ParsedQuery, lookup: IndexLookup, kind: str, why: str, limit: int):
    """Facts about the named person, organisation or place itself, roles and definitions first."""
    prefix = f"{KEY_PREFIXES[kind]}:"
    own = [e.key for e in parsed.entities if e.key.startswith(prefix)]
    if not parsed.entities and not parsed.terms:
        return [], []
    described = lookup.described(parsed)
    require = not parsed.entities

    def narrow(facts: list[IndexedFact]) -> list[IndexedFact]:
        if described:
            chosen = [f for f in facts if f.id in described]
            # Whether any candidate is described is decided before the words are required.
            index = lookup.index
            if chosen or (require and any(index.facts[i].kind == kind for i in described)):
                return chosen  # "the drone base near Agadez" is Air Base 201, not Agadez
        return [f for f in facts if f.subject in own] if own else facts

    answers = _ranked(
        parsed,
        lookup,
        kind,
        why,
        limit,
        require=require,
        group=lambda f: int(not f.data.get("role") and not f.data.get("acronym")),
        narrow=narrow,
    )
    return answers, []


def _who(parsed: ParsedQuery, lookup: IndexLookup, limit: int):
    return _entity_kind(parsed, lookup, "person", "person named", limit)


def _organisation(parsed: ParsedQuery, lookup: IndexLookup, limit: int):
    return _entity_kind(parsed, lookup, "organisation", "organisation named", limit)


def _place(parsed: ParsedQuery, lookup: IndexLookup, limit: int):
    return _entity_kind(parsed, lookup, "place", "place named", limit)


def _search(parsed: ParsedQuery, lookup: IndexLookup, limit: int = MAX_ANSWERS):
    """Free search over sentences, for questions no intent covers."""
    if not parsed.terms and not parsed.entities:
        return [], []
    index = lookup.index
    relevance = Relevance(parsed, index)
    candidates = lookup.sentences_naming(parsed)
    if parsed.terms:
        covered = lookup.covered(parsed, relevance)
        candidates = covered if candidates is None else candidates & covered
    sentences = index.sentences
    top = lookup.best_sentences(candidates or set(), relevance, limit)
    scored = [(-negative, sentences[s]) for negative, s in top]
    answers = []
    for score, sentence in scored:
        answers.append(
            Answer(
                Kind.SENTENCE,
                sentence.text,
                None,
                None,
                sentence.text,
                index.sources[sentence.article_id],
                score,
                "words in the sentence",
            )
        )
    return answers, []


def _sources(query: str, index: FactIndex) -> Result:
    counts = {aid: len(facts) for aid, facts in index.article_facts.items()}
    answers = [
        Answer(
            Kind.SOURCE,
            f"{s.title} — {counts.get(aid, 0)} facts",
            None,
            s.published,
            "",
            s,
            100.0,
            "loaded article",
            {"id": aid, "facts": counts.get(aid, 0)},
        )
        for aid, s in sorted(
            index.sources.items(), key=lambda p: p[1].published or "", reverse=True
        )
    ]
    return Result(query, Intent.SOURCES, tuple(answers))


def _did_you_mean(parsed: ParsedQuery) -> tuple[str, ...]:
    if not parsed.corrections:
        return ()
    fixed = parsed.text.lower()
    for wrong, right in parsed.corrections:
        fixed = fixed.replace(wrong, right)
    return (fixed,) if fixed != parsed.text.lower() else ()


def _suggestions(parsed: ParsedQuery, index: FactIndex) -> tuple[str, ...]:
    suggestions = list(_did_you_mean(parsed))
    for entity in parsed.entities:
        name = index.names.get(entity.key, entity.text)
        suggestions += [f"timeline {name}", f"troops {name}"]
    suggestions += [q for q in example_queries() if q not in suggestions]
    return tuple(suggestions[:6])


__all__ = ["answer_query", "tokens"]
