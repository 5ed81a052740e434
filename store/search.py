"""Query -> ranked, frozen answers: routes a parsed query to the facts that answer it."""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable

from rapidfuzz import fuzz

from store.answers import Answer, Result
from store.candidates import (
    Relevance,
    facts_of,
    sentences_naming,
    sentences_with_any_term,
)
from store.index import FactIndex, IndexedFact, normalise, tokens
from store.query import ParsedQuery, example_queries, parse_query, synonyms

MAX_ANSWERS = 10
MIN_COVERAGE = 0.4
DISAGREEMENT_DAYS = 45
DISAGREEMENT_WINDOW = 50  # the latest figures compared pairwise for disagreements


def answer_query(query: str, index: FactIndex, *, limit: int = MAX_ANSWERS) -> Result:
    """Answer one query from the index: best answers first (timelines: oldest first)."""
    parsed = parse_query(query, aliases=index.aliases, vocabulary=index.vocabulary)
    nothing_asked = not (parsed.terms or parsed.entities or parsed.explicit)
    if nothing_asked or parsed.intent == "help":
        return Result(query, "help", suggestions=example_queries())
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
    answers, notes = handler(parsed, index, limit)
    if not answers and handler is not _search:
        answers, notes = _search(parsed, index, limit)
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
        details["subject"] = index.names.get(fact.subject, fact.subject.split(":", 1)[-1])
    value = fact.value if fact.kind in {"troops", "money"} else None
    return Answer(
        fact.kind,
        fact.summary,
        value,
        fact.date,
        sentence.text,
        index.sources[fact.article_id],
        score,
        why,
        details,
    )


def _filter(
    parsed: ParsedQuery, index: FactIndex, kinds: set[str], *, owner_only: bool = False
) -> list[IndexedFact]:
    return facts_of(parsed, index, sorted(kinds), owner_only=owner_only)


def _date_key(fact: IndexedFact, index: FactIndex) -> str:
    return fact.date or index.sources[fact.article_id].published or ""


def _troops(parsed: ParsedQuery, index: FactIndex, limit: int):
    """Troop figures, latest first; disagreements among the latest DISAGREEMENT_WINDOW."""
    facts = _filter(parsed, index, {"troops"}, owner_only=True)
    facts = heapq.nlargest(
        max(limit, DISAGREEMENT_WINDOW),
        facts,
        key=lambda f: (_date_key(f, index), f.value or 0),
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
    index: FactIndex,
    facts: list[IndexedFact],
    why: str,
    limit: int,
    *,
    require: bool = False,
    group: Callable[[IndexedFact], int] | None = None,
) -> list[Answer]:
    """The best ``limit`` facts by relevance, fuzzy likeness of the summary and date words (in
    ``group`` order first, when given), one per sentence and date.

    The fuzzy score is computed best-bound first and stops once no unscored fact can reach the
    answers kept, so only a few hundred facts are scored however many are candidates."""
    relevance = Relevance(parsed, index)
    if require and parsed.terms:
        hit = sentences_with_any_term(parsed, index)
        facts = [f for f in facts if f.sentence_id in hit]
    bounds = []
    for fact in facts:
        share = relevance(fact.sentence_id)
        if require and share < MIN_COVERAGE:
            continue
        rank = group(fact) if group else 0
        upper = share * 80 + (25 if parsed.terms else 0)  # fuzzy <= 20, date words <= 5
        bounds.append((rank, -upper, fact.id, share, fact))
    bounds.sort(key=lambda b: b[:3])
    query = " ".join(parsed.terms)
    scored: list[tuple[int, float, str, int, IndexedFact]] = []
    best: dict[tuple, tuple[int, float]] = {}  # identity -> its best (rank, -score)
    kept: list[tuple[int, float]] = []  # the best ``limit`` of those, as a max-heap (negated)
    for rank, bound, _, share, fact in bounds:
        if len(kept) >= limit and _unnegated(kept[0]) < (rank, bound):
            break  # no fact left can enter the answers
        fuzzy = fuzz.token_set_ratio(query, normalise(fact.summary)) if parsed.terms else 0
        score = share * 80 + fuzzy * 0.2
        if len(kept) >= limit and _unnegated(kept[0]) < (rank, -score - 5):
            continue  # even the date-words bonus could not bring it in
        score += _date_words_bonus(parsed, fact)
        scored.append((rank, -score, _date_key(fact, index), fact.id, fact))
        identity = (fact.sentence_id, fact.kind, fact.subject, fact.date)
        key = (rank, -score)
        if identity in best:
            best[identity] = min(best[identity], key)
            kept = [(-r, -s) for r, s in heapq.nsmallest(limit, best.values())]
            heapq.heapify(kept)
        else:
            best[identity] = key
            heapq.heappush(kept, (-rank, score))
            if len(kept) > limit:
                heapq.heappop(kept)
    scored.sort(key=lambda s: s[:4])
    seen: set[tuple[int, str, str | None, str | None]] = set()
    answers = []
    for _, negative, _, _, fact in scored:
        identity = (fact.sentence_id, fact.kind, fact.subject, fact.date)
        if identity in seen:
            continue
        seen.add(identity)
        answers.append(_answer(fact, index, -negative, why))
        if len(answers) == limit:
            break
    return answers


def _unnegated(key: tuple[int, float]) -> tuple[int, float]:
    return -key[0], -key[1]


def _date_words_bonus(parsed: ParsedQuery, fact: IndexedFact) -> float:
    """Between two dates of one sentence, prefer the one whose own words the query asked about
    ("deadline" -> "by September 15")."""
    date_text = fact.data.get("date_text")
    if not date_text or not parsed.terms:
        return 0.0
    asked = set(parsed.terms).union(*(synonyms().get(t, frozenset()) for t in parsed.terms))
    return 5.0 if asked & set(tokens(date_text)) else 0.0


def _money(parsed: ParsedQuery, index: FactIndex, limit: int):
    facts = _filter(parsed, index, {"money"})
    require = bool(parsed.terms) and not parsed.entities
    return _ranked(parsed, index, facts, "amount of money", limit, require=require), []


def _when(parsed: ParsedQuery, index: FactIndex, limit: int):
    """Events that best match, best first; with named entities the words only rank."""
    facts = _filter(parsed, index, {"event"})
    require = bool(parsed.terms) and not parsed.entities
    return _ranked(parsed, index, facts, "dated event", limit, require=require), []


def _timeline(parsed: ParsedQuery, index: FactIndex, limit: int):
    """Dated events, oldest first, one per sentence and date."""
    facts = facts_of(parsed, index, ("event",), ordered=False)
    if parsed.terms:
        relevance = Relevance(parsed, index)
        hit = sentences_with_any_term(parsed, index)
        facts = [
            f for f in facts if f.sentence_id in hit and relevance(f.sentence_id) >= MIN_COVERAGE
        ]
    wanted = 2 * limit
    while True:  # the earliest few, widened until ``limit`` distinct (sentence, date) are in
        earliest = heapq.nsmallest(wanted, facts, key=lambda f: (f.date or "", f.sentence_id, f.id))
        unique: dict[tuple[int, str | None], IndexedFact] = {}
        for fact in earliest:
            unique.setdefault((fact.sentence_id, fact.date), fact)
        if len(unique) >= limit or len(earliest) == len(facts):
            break
        wanted *= 4
    ordered = list(unique.values())[:limit]
    return [_answer(f, index, 100.0, "dated event") for f in ordered], []


def _statements(parsed: ParsedQuery, index: FactIndex, limit: int):
    facts = _filter(parsed, index, {"statement"})
    return _ranked(parsed, index, facts, "statement", limit, require=bool(parsed.terms)), []


def _entity_kind(parsed: ParsedQuery, index: FactIndex, kind: str, why: str, limit: int):
    """Facts about the named person, organisation or place itself, roles and definitions first."""
    prefix = {"person": "person:", "organisation": "org:", "place": "place:"}[kind]
    own = [e.key for e in parsed.entities if e.key.startswith(prefix)]
    if not parsed.entities and not parsed.terms:
        return [], []
    facts = _filter(parsed, index, {kind})
    described = _described(parsed, index)
    if described:
        described_facts = [f for f in facts if f.id in described]
        if described_facts:
            facts = described_facts  # "the drone base near Agadez" is Air Base 201, not Agadez
        elif own:
            facts = [f for f in facts if f.subject in own]
    elif own:
        facts = [f for f in facts if f.subject in own]
    answers = _ranked(
        parsed,
        index,
        facts,
        why,
        limit,
        require=not parsed.entities,
        group=lambda f: int(not f.data.get("role") and not f.data.get("acronym")),
    )
    return answers, []


def _described(parsed: ParsedQuery, index: FactIndex) -> set[int]:
    """Place facts whose description holds every query word and named place."""
    asked = set(parsed.terms) | {
        t for e in parsed.entities for t in tokens(index.names.get(e.key, e.text))
    }
    asked -= {"base", "near", "in"}
    if not asked:
        return set()
    found = sorted((index.described.get(word, set()) for word in asked), key=len)
    return set(found[0]).intersection(*found[1:])


def _who(parsed: ParsedQuery, index: FactIndex, limit: int):
    return _entity_kind(parsed, index, "person", "person named", limit)


def _organisation(parsed: ParsedQuery, index: FactIndex, limit: int):
    return _entity_kind(parsed, index, "organisation", "organisation named", limit)


def _place(parsed: ParsedQuery, index: FactIndex, limit: int):
    return _entity_kind(parsed, index, "place", "place named", limit)


def _search(parsed: ParsedQuery, index: FactIndex, limit: int = MAX_ANSWERS):
    """Free search over sentences, for questions no intent covers."""
    if not parsed.terms and not parsed.entities:
        return [], []
    candidates = sentences_naming(parsed, index)
    if parsed.terms:
        hit = sentences_with_any_term(parsed, index)
        candidates = hit if candidates is None else candidates & hit
    relevance = Relevance(parsed, index)
    scored = []
    for sentence_id in candidates or ():
        sentence = index.sentences[sentence_id]
        if sentence.kind != "body":
            continue
        share = relevance(sentence_id)
        if parsed.terms and share < MIN_COVERAGE:
            continue
        scored.append((-share * 100, sentence_id, sentence))
    top = heapq.nsmallest(limit, scored, key=lambda s: s[:2])
    scored = [(-negative, sentence) for negative, _, sentence in top]
    answers = []
    for score, sentence in scored:
        answers.append(
            Answer(
                "sentence",
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
            "source",
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
    return Result(query, "sources", tuple(answers))


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
