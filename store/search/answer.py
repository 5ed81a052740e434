"""Query -> ranked, frozen answers and the line that answers it: troop figures and timelines
are listings of their own; every other question is answered by one score over recalled sentences
and the facts of the kind it asks for (see _ranked_answers)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from functools import cache, partial

from rapidfuzz import fuzz

from store.answers import Answer, Intent, Kind, Result
from store.extraction.sentences import dateline_end
from store.lexicon import entries, load_toml
from store.lexicon.english import in_large_list, is_english, is_word
from store.search.answerline import SAME_EVENT_LIKENESS, answer_line, merge_reports
from store.search.bylines import asks_for_authors, bylines
from store.search.candidates import EMPTY, Relevance, holds_a_number
from store.search.closest import CLOSEST_SHARE, CLOSEST_SHARE_UNKNOWN, closest_sentences
from store.search.identity import sentence_of_answer
from store.search.index import (
    CONTEXT_SENTENCES,
    QUESTIONER,
    WORD,
    FactIndex,
    IndexedFact,
    IndexedSentence,
    is_question,
    named_anywhere,
    namesakes,
    normalise,
    sentence_hidden,
    stem,
    timeline_key,
    tokens,
    written_with,
)
from store.search.lookup import IndexLookup, ScanLookup
from store.search.measures import AGED, CAUSE
from store.search.measures import mark as measure_mark
from store.search.nearby import nearest_in_articles
from store.search.query import (
    ParsedQuery,
    example_queries,
    parse_query,
    personnel_stems,
    shorthand,
    synonyms,
    title_stems,
)
from store.search.ranking import FactScore, no_group
from store.search.scoring import Features, score
from store.search.timefilter import TimeFilter, period
from store.wording import human_date

MAX_ANSWERS = 10
DISAGREEMENT_DAYS = 45
DISAGREEMENT_WINDOW = 50  # the latest figures compared pairwise for disagreements
BACKFILL = 3  # a troop listing with fewer figures goes on with the best sentences
UNKNOWN_NAME_LETTERS = 5  # letters of a word no article uses, at least, to be read as a name
SLIP_LETTERS = 6  # ... and to be read as a word with a letter left off ("gaya" is a town, no "gay")
# Titles of an office a person holds, and no verb ("command", "head" or "mediate" may be done by
# a country or a body): "who is the governor of tahoua" asks for a person
OFFICE_STEMS = frozenset(
    {"ambassador", "governor", "director", "secretari", "minist", "presid", "spokesman",
     "spokesperson", "spokeswoman", "envoy", "mayor", "prosecutor", "chancellor", "chairman",
     "chairperson", "chairwoman", "undersecretari", "command"}
)  # fmt: skip
READ = 3  # answers a user reads; with fewer, their articles lend their nearest sentences
ASKED_BESIDES = 3  # words and known names a question asks besides a name no article mentions,
# for its closest sentences to be shown
MIN_SHARE = 0.45  # of the query's information a sentence must hold to answer it at all
RELATIVE_SHARE = 0.65  # ... and this much of what the best sentence holds
RECALL = 60  # sentences read by relevance alone before the asked kind re-ranks them
STRUCTURED = 30  # facts of the asked kind about the named entities, fused with those sentences
# The kinds without which there is no answer at all: "when" needs a date, "how much" an amount,
# "how many troops" a figure; a fact of one weighs as "essential", not merely "kind" (scoring).
ESSENTIAL_INTENTS = frozenset({"when", "money", "troops"})
WHERE = re.compile(r"(?i)\bwhere\b")
HOW_MUCH = re.compile(r"(?i)\bhow much\b")
NAMED = {"person": "person:", "organisation": "org:", "place": "place:"}  # kind -> entity keys
# What may follow a name in a sentence that defines it: its acronym, native name or dates in
# brackets and citation marks, an "also known as …" aside, then a copula and an article ("is a",
# "was the"), or an appositive ("Wagner, a Russian mercenary group").
DEFINITION = re.compile(
    r"(?:\s*\([^()]{0,300}\))?(?:\[\w+\])*"
    r"(?:,?\s*(?:also\s+)?(?:known|referred to|called)\s+as\b[^,]{0,200},)?"
    r"(?:,\s*(?:aged\s+)?\d{2},)?"  # "Tchiani, 62, is …"
    r"\s*(?:(?:is|was|are|were|has been|had been)\s+(?:a|an|the|one|from|born)\b"
    r"|,\s*(?:a|an|the)\s+\w|(?:hails from|was born)\b"  # "Tchiani is from Filingué"
    r"|(?:is|was|are|were)\s+(?:located|situated)\b|lies\b)"  # "Tassia is located in …"
)
SUBJECT_AT = re.compile(r"\W*(?:the\s+)?$", re.IGNORECASE)  # the name opens the sentence
ASIDE = 0.75  # of "defines", an organisation defined in an aside of a sentence about another
LOCATIVE = re.compile(r"(?i)(?:near|in|outside|north|south|east|west|close to|\d)\b")
ARTICLE_FLOOR = 0.1  # x the share of the query the sentence's whole article holds, added to
# its own share before the relative floor compares it
ROLE_SPEAKERS = 5  # people a role in the query may name ("the spokesman"), at most
ROLE_READ = 500  # facts with a role word (FactIndex.describing), at most, for it to name anyone
DATED_BY = 2  # sentences before an undated one whose dates date it (see _dated_within)
CONTINUED_READ = 10  # best sentences of the question's words whose next sentence may answer
CONTINUES = 0.9  # of what the sentence before holds, a sentence carrying on from it holds
NAMED_ENOUGH = 2  # entities a statement names to say something of substance (see "names")
SAID_WORDS = 2  # a statement of fewer words says nothing to quote ("MR MILLER: – comments.")
DIGIT = re.compile(r"\d")
# "which countries agreed to send soldiers", "what west african nations": the answer is a list of
# countries, which a sentence naming two or more of them (besides those asked) can be
ASKS_COUNTRIES = re.compile(
    r"(?i)\b(?:which|what)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:countries|nations|states|neighbou?rs|governments)\b"
)
COUNTRY = "country:"
LISTED_COUNTRIES = 2
SHORT_WORDS = 25  # a sentence this long gets half the shortness points
TIMELINE_SHARES = (1.0, 0.8, 0.55)  # all the query, else nearly all, else referring back to it
TIMELINE_MIN_EVENTS = 5  # fewer events than this at full share: widen to the next share
DAY_SHARE = 0.25  # of the query an event on the very day asked must hold to be in its timeline
# "what happened after the seizure", "what followed the attack": the events after one asked
AFTER_ASKED = re.compile(
    r"(?i)\b(?:happen\w*|came|come)\s+(?:right\s+|just\s+)?after\b|\bfollowed\b|\baftermath\b"
)
# "what came before barkhane", "what happened right before the end of the cooperation"
BEFORE_ASKED = re.compile(r"(?i)\b(?:happen\w*|came|come)\s+(?:right\s+|just\s+)?before\b")
SPAN_READ = 8  # events read per period of a long timeline (see _read_across_span)
NEAR_WORDS = 12  # words between an event's date and the nearest asked word at which "near" is 0
RANK_WORDS = 3  # see _nearness
KIND_OF_INTENT = {
    "money": ("money",),
    "when": ("event",),
    "statement": ("statement",),
    "who": ("person",),
    "organisation": ("organisation",),
    "place": ("place",),
    "troops": ("troops",),
    "search": (),
}
BYLINE_WHY = "byline of the article the question names"
WHY = {
    "money": "amount of money",
    "event": "dated event",
    "statement": "statement",
    "person": "person named",
    "organisation": "organisation named",
    "place": "place named",
    "troops": "troop figure",
    "sentence": "words in the sentence",
    "nearby": "nearest sentence in an article that answered",
    "closest": "closest sentence, though nothing answers",
}
NOTHING_MATCHES = "Nothing in the loaded articles matches this."
NOTHING_ANSWERS = (
    "Nothing in the loaded articles answers this fully: these are the closest sentences, "
    "not answers."
)


def answer_query(
    query: str, index: FactIndex, *, limit: int = MAX_ANSWERS, exhaustive: bool = False
) -> Result:
    """Answer one query from the index: best answers first (timelines: oldest first), with the
    line that answers it.

    With ``exhaustive`` every fact and sentence is read and tested by brute force instead of
    through the inverted indexes and their early stops (the same ranking cut-offs apply): slow,
    the reference the fast path must equal."""
    parsed = parse_query(
        query,
        aliases=index.aliases,
        vocabulary=index.vocabulary,
        reference=index.newest,
        named=partial(named_anywhere, index),
        written_with=partial(written_with, index),
    )
    nothing_asked = not (parsed.terms or parsed.entities or parsed.explicit or parsed.time)
    if nothing_asked or parsed.intent == "help":
        return Result(query, Intent.HELP, suggestions=example_queries())
    if parsed.intent == "sources":
        return _sources(query, index)
    handler = {
        "troops": _troops,
        "timeline": _timeline,
    }.get(parsed.intent, _ranked_answers)
    lookup = (ScanLookup if exhaustive else IndexLookup)(index)
    unknown = _unknown_to_the_articles(parsed, index)
    if unknown:
        unknown_note = f"No loaded article mentions {unknown}."
        answers, notes, disagreement = [], [unknown_note], None
    else:
        answers, notes, disagreement = _handled(parsed, lookup, limit, handler)
        if asks_for_authors(parsed):
            answers = _with_bylines(parsed, lookup, answers)
    notes = list(notes)
    dated = kept = None
    if parsed.time and parsed.time.bounded:
        dated = kept = f"Only facts dated {parsed.time.text}."
        if not answers and not unknown:
            # "who led the delegation to Niamey in March": nothing is dated then, but what the
            # articles say at any date may still answer; the note says the period was not kept
            answers, notes, disagreement = _handled(
                replace(parsed, time=None), lookup, limit, handler
            )
            notes = list(notes)
            if answers:
                dated = _any_date(parsed.time.text, "answers")
    name_only = not set(parsed.terms) - set(parsed.kind_terms)  # "what is CNSP"
    answers = merge_reports(answers, name_only)[:limit]
    if kept and dated == kept and parsed.time and any(map(_undated, answers)):
        dated = f"Facts dated {parsed.time.text}, and undated ones from articles with no date."
    nearest = not answers and (not unknown or _asks_more_than(parsed, index))
    closest = _closest(parsed, lookup, min(READ, limit), unknown=bool(unknown)) if nearest else []
    if dated and parsed.time:
        # the closest sentences are read at any date, as the retry above reads answers
        notes.insert(0, _any_date(parsed.time.text, "sentences") if closest else dated)
    topic = index.names.get(parsed.entities[0].key) if parsed.entities else None
    if parsed.truncated:
        notes.insert(0, f"Your query was cut to its first {len(parsed.text)} characters.")
    if not answers:
        said = [NOTHING_ANSWERS if closest else NOTHING_MATCHES, *notes]
        if unknown and closest:  # that no article mentions it comes first, then what is shown
            said.insert(0, said.pop(said.index(unknown_note)))
        return Result(
            query,
            Intent(parsed.intent),
            tuple(closest),
            _suggestions(parsed, index),
            tuple(said),
            topic,
        )
    intent = "timeline" if handler is _timeline else parsed.intent
    line = answer_line(intent, answers, disagreement)
    if len(answers) < min(READ, limit):
        # a timeline of one or two events too: "what happened after the Chinagodrar attack"
        # is told by the sentences after it, which give no date of their own
        answers += _nearby(parsed, lookup, answers, min(READ, limit) - len(answers))
    suggestions = _did_you_mean(parsed)
    return Result(
        query, Intent(parsed.intent), tuple(answers), suggestions, tuple(notes), topic, line
    )


def _unknown_to_the_articles(parsed: ParsedQuery, index: FactIndex) -> str | None:
    """Whom or what the question asks about that no loaded article mentions, if anyone: then no
    sentence answers it, however many of its other words one holds. "ethiopia election results":
    no article names Ethiopia. "what did the pope say about the coup in niger": the coup is in
    every article, the pope in none, and others' words about the coup are not his."""
    absent = [
        e for e in parsed.entities
        if not named_anywhere(index, e.key) and not _adjective_written(e.key, index)
    ]  # fmt: skip
    if absent:
        return index.names.get(absent[0].key, absent[0].text)
    unknown = _unknown_name(parsed, index)
    if unknown:
        return unknown
    return _unknown_speaker(parsed, index) if parsed.intent == "statement" else None


def _adjective_written(key: str, index: FactIndex) -> bool:
    """Whether the articles write a place's one-word name as an adjective, though never as the
    name: "his European dream" mentions Europe (the adjective names no place, so it finds no
    sentence, but the question is about the articles)."""
    if not key.startswith(("place:", "country:")):
        return False
    name = index.names.get(key, key.split(":", 1)[1])
    words = tokens(name)
    return len(words) == 1 and bool(index.words_starting(words[0], longer_by=4, limit=1))


def _unknown_name(parsed: ParsedQuery, index: FactIndex) -> str | None:
    """A word of the question that is no English word, no word of any article and no misspelling
    the bot corrected: a name no article mentions ("solenzo massacre death toll", where the
    articles tell of other massacres)."""
    corrected = {typed for typed, _ in parsed.corrections}
    for word in WORD.findall(normalise(parsed.text)):
        if len(word) < UNKNOWN_NAME_LETTERS or word in corrected or word.isdigit():
            continue
        if stem(word) not in parsed.terms or index.postings.get(stem(word)):
            continue
        if stem(word) in index.title_postings:
            continue  # "what does khthon say": Project Khthon wrote the article, it is no stranger
        if index.words_starting(stem(word), longer_by=4, limit=1):
            continue
        if any(index.postings.get(s) for s in synonyms().get(stem(word), ())):
            continue
        if is_english(word) or in_large_list(word):  # the small list first: it is read already
            continue
        if any(is_english(w) for w in _swaps(word)):
            continue  # "nicknmae": a nickname typed in haste, no name
        if len(word) >= SLIP_LETTERS and any(is_word(w) for w in _one_letter_dropped(word)):
            continue  # "outcom": "outcome" with a letter left off
        return f"“{word}”"
    return None


def _one_letter_dropped(word: str) -> list[str]:
    """The words ``word`` would be with the one letter a hasty typist left off put back."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return [word[:i] + c + word[i:] for i in range(len(word) + 1) for c in letters]


def _swaps(word: str) -> list[str]:
    """The word with each two letters side by side swapped: the commonest typo."""
    return [word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)]


def _asks_more_than(parsed: ParsedQuery, index: FactIndex) -> bool:
    """Whether a question naming something no article mentions asks enough besides it for the
    closest sentences to be worth showing, under the note that no article mentions it: "who
    represented africom at the niamey withdrawal meeting" (a TASS report says "the African
    Command of the US Armed Forces"), not "ethiopia election results", whose other words any
    election shares, nor "what did the pope say", which others' words never answer."""
    if parsed.intent == "statement":
        return False
    told = [t for t in parsed.terms if t not in parsed.kind_terms]
    known = [e for e in parsed.entities if named_anywhere(index, e.key)]
    return len(told) + len(known) >= ASKED_BESIDES


SPEAKER_ASKED = re.compile(
    r"\s*(?:what|how)\s+(?:did|does|do|has|have|had|is|was)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?P<who>[\w'’.-]+(?:\s+[\w'’.-]+){0,2}?)\s+"
    r"(?:say|said|saying|tell|told|telling|think|thought|claim|claimed|announce|announced|declare|"
    r"declared|write|wrote|mean|meant|react|reacted|respond|responded|warn|warned)\b"
)


def _unknown_speaker(parsed: ParsedQuery, index: FactIndex) -> str | None:
    """The speaker a statement question asks about ("what did X say …"), when every word naming
    them is one no article uses and no entity: nobody the articles quote."""
    match = SPEAKER_ASKED.match(parsed.text.lower())
    if match is None:
        return None
    who = match.group("who")
    spoken = f" {who} "
    if any(f" {e.text.lower()} " in spoken for e in parsed.entities):
        return None  # "what did the U.S. say", "what did tiani say"
    corrected = dict(parsed.corrections)
    written = " ".join(shorthand().get(w, corrected.get(w, w)) for w in who.split())
    if any(index.document_frequency.get(token) for token in tokens(written)):
        return None  # "what did ppl say": people some article quotes
    if any(token in index.title_postings for token in tokens(written)):
        return None  # "what does usip say": the outlet that wrote the article says all of it
    return who


def _undated(answer: Answer) -> bool:
    """An answer with no date, from an article with none: it may fall in any period asked."""
    return not answer.date and not answer.source.published


def _any_date(period: str, shown: str) -> str:
    return f"Nothing in the loaded articles is dated {period}: these {shown} are from any date."


def _handled(parsed: ParsedQuery, lookup: IndexLookup, limit: int, handler):
    """The handler's answers, notes and disagreement; a listing that finds nothing hands over to
    the ranked answers, and a troop listing with few figures goes on with them."""
    index = lookup.index
    answers, notes, disagreement = handler(parsed, lookup, limit)
    if not answers and handler is not _ranked_answers:
        answers, notes, disagreement = _ranked_answers(parsed, lookup, limit)
        if handler is _troops:
            # "how many italian soldiers are in niger", and no figure is Italy's: a sentence
            # about other forces ("1,000 US soldiers are stationed in Niger") does not answer
            answers = [a for a in answers if _about_owners(a, parsed, index)]
        if not answers and handler is _troops and parsed.wants_number:
            notes = [f"No loaded article gives a troop figure{_owner_note(parsed, index)}."]
    elif (
        handler is _troops and len(answers) < BACKFILL and not (parsed.time and parsed.time.bounded)
    ):
        # few figures: the sentences about those forces too
        quoted = {a.quote for a in answers}
        more, _, _ = _ranked_answers(parsed, lookup, limit)
        answers = [*answers, *(a for a in more if a.quote not in quoted)]
    return answers, notes, disagreement


def _answer(fact: IndexedFact, index: FactIndex, score: float, why: str) -> Answer:
    sentence = index.sentences[fact.sentence_id]
    details = {k: v for k, v in fact.data.items() if v not in (None, "", [], {})}
    if fact.subject:
        details["subject"] = index.names.get(fact.subject, fact.subject.split(":", 1)[-1])
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


def _troops(parsed: ParsedQuery, lookup: IndexLookup, limit: int):
    """Troop figures of the forces named, latest first, with disagreements among the latest
    DISAGREEMENT_WINDOW. A question with words beyond the troops themselves ("how many soldiers
    backed the coup") is ranked by relevance instead."""
    index = lookup.index
    if _asks_more_than_figures(parsed):
        answers, notes, disagreement = _ranked_answers(parsed, lookup, limit)
        return [a for a in answers if _about_owners(a, parsed, index)], notes, disagreement
    facts = lookup.facts(parsed, ["troops"], owner_only=True)
    if parsed.time and parsed.time.bounded:
        facts = [f for f in facts if _may_fall_in(parsed.time, f, index)]
    relevance = lookup.relevance(parsed)
    if any(e.after_in for e in parsed.entities):  # "in Niger": named there, or referred back to
        covered = lookup.covered(parsed, relevance, MIN_SHARE)
        facts = [f for f in facts if f.sentence_id in covered]
    facts = lookup.largest(
        max(limit, DISAGREEMENT_WINDOW), facts, key=lambda f: (f.date_key, f.value or 0)
    )
    why = "troop figure" + _owner_note(parsed, index)
    answers = [_answer(f, index, 100 * relevance(f.sentence_id), why) for f in facts[:limit]]
    notes, disagreement = _disagreements(facts, index)
    return answers, notes, disagreement


def _asks_more_than_figures(parsed: ParsedQuery) -> bool:
    """Words beyond the troop words and the forces' owners: the question is about something the
    figures alone do not answer."""
    return bool(set(parsed.terms) - set(parsed.kind_terms) - personnel_stems())


def _about_owners(answer: Answer, parsed: ParsedQuery, index: FactIndex) -> bool:
    """Whether an answer's sentence names the forces' owners a troop question counting them
    names ("how many italian soldiers"), or, for a body, refers back to it (its article's title
    or the sentence before names it; countries are named too widely to be inherited); true when
    the question names none or counts nothing."""
    owners = [e.key for e in parsed.entities if not e.after_in]
    if not owners or not parsed.wants_number:
        return True
    sentence = sentence_of_answer(index, answer)
    return sentence is None or any(
        key in sentence.entities or sentence.id in index.context_by_entity.get(key, ())
        for key in owners
    )


def _owner_note(parsed: ParsedQuery, index: FactIndex) -> str:
    owners = [index.names.get(e.key, e.key) for e in parsed.entities if not e.after_in]
    return f" for {', '.join(owners)}" if owners else ""


def _disagreements(facts: list[IndexedFact], index: FactIndex) -> tuple[list[str], str | None]:
    """Figures for the same forces, dated within a few weeks, whose ranges do not overlap: a
    note for each pair, and for the answer line the first pair (the latest figures)."""
    notes = []
    first: str | None = None
    seen: set[tuple[str, str]] = set()
    for i, a in enumerate(facts):
        for b in facts[i + 1 :]:
            if a.subject != b.subject or not a.subject or a.article_id == b.article_id:
                continue
            if not _close_in_time(a.date_key, b.date_key):
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
                f"({_outlet(a, index)}, {a.date_key}) vs {b.data.get('text')} "
                f"({_outlet(b, index)}, {b.date_key})."
            )
            if first is None:
                first = " vs ".join(
                    f"{f.data.get('text')} ({_outlet(f, index)}, "
                    f"{human_date(f.date_key, short=True)})"
                    for f in (a, b)
                )
    return notes, first


def _outlet(fact: IndexedFact, index: FactIndex) -> str:
    source = index.sources[fact.article_id]
    return source.outlet or source.title


def _close_in_time(a: str, b: str) -> bool:
    """Two dates at their own precision ("2023", "2023-12", "2023-12-13") are close when the
    periods they name overlap or lie within DISAGREEMENT_DAYS of each other."""
    if not a or not b:
        return False
    try:
        (a_start, a_end), (b_start, b_end) = period(a), period(b)
    except ValueError:
        return False
    gap = max((b_start - a_end).days, (a_start - b_end).days, 0)
    return gap <= DISAGREEMENT_DAYS


def _overlap(a: IndexedFact, b: IndexedFact) -> bool:
    def bounds(f: IndexedFact) -> tuple[float, float]:
        low = f.data.get("low", f.value)
        high = f.data.get("high", f.value)
        return (low if low is not None else 0.0), (high if high is not None else float("inf"))

    (a_low, a_high), (b_low, b_high) = bounds(a), bounds(b)
    return a_low <= b_high and b_low <= a_high


def _structured(
    parsed: ParsedQuery, lookup: IndexLookup, kind: str, relevance: Relevance
) -> list[IndexedFact]:
    """The best STRUCTURED facts of a kind about every entity named: what the facts themselves
    say, fused with what the sentences' words say (see _ranked_answers)."""
    index = lookup.index
    if not parsed.entities:
        return []  # without an entity the sentences' words find them: no kind-wide scan
    facts = lookup.facts(parsed, [kind], ordered=False)
    if kind in {"person", "organisation", "place"}:
        described = lookup.described(parsed) if kind == "place" else set()
        if described:
            chosen = [f for f in facts if f.id in described]
            facts = chosen or facts
        prefix = {"person": "person:", "organisation": "org:", "place": "place:"}[kind]
        own = {e.key for e in parsed.entities if e.key.startswith(prefix)}
        if own:
            facts = [f for f in facts if f.subject in own] or facts
    score = FactScore(parsed, index, relevance)
    group = (
        (lambda f: int(not f.data.get("role") and not f.data.get("acronym")))
        if kind in {"person", "organisation"}
        else no_group
    )
    return [fact for _, fact in lookup.rank(facts, score, group, STRUCTURED)]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence that may answer, with its best fact of the kind asked (None: it answers as a
    sentence), the features its score weighs, and the share the relative floor compares."""

    sentence_id: int
    fact: IndexedFact | None
    features: Features
    floor_share: float
    read_with: int | None = None  # the sentence before, when it lent the question's words


def _ranked_answers(parsed: ParsedQuery, lookup: IndexLookup, limit: int):
    """The best answers of the kind asked, or sentences, ranked by one score (see _candidates
    and scoring.score); ties go to the earlier date, then to the sentence nearer its article's
    start (news puts what matters first: the lead defines, later sentences refer back). Answers
    holding far less of the query than the best one are noise beside it, and dropped."""
    index = lookup.index
    kinds = KIND_OF_INTENT.get(parsed.intent, ())
    relevance = lookup.relevance(parsed)
    if not relevance.parts:
        return _listing(parsed, lookup, kinds, limit)
    scored = []
    for candidate in _candidates(parsed, lookup, relevance):
        total = score(candidate.features)
        sentence = index.sentences[candidate.sentence_id]
        fact = candidate.fact
        if fact is None:
            answer = _sentence_answer(sentence, index, total)
            tie = ""
        else:
            answer = _answer(fact, index, total, WHY[fact.kind])
            tie = fact.date_key
        if candidate.read_with is not None:
            # "It was limited to August 31.": what "It" is, shown with it
            context: dict[str, object] = {"context": index.sentences[candidate.read_with].text}
            if candidate.read_with > candidate.sentence_id:
                context["context_follows"] = True  # an infobox's "… Title" row, later on
            answer = replace(answer, details={**answer.details, **context})
        key = (-total, tie, sentence.position, candidate.sentence_id)
        scored.append((key, candidate.floor_share, answer))
    scored.sort(key=lambda entry: entry[0])
    if scored:
        floor = RELATIVE_SHARE * max(share for _, share, _ in scored)
        scored = [entry for entry in scored if entry[1] >= floor]
    return [answer for _, _, answer in scored[: 3 * limit]], [], None


def _another_country(
    sentence: IndexedSentence, asked: list[str], keys: set[str], index: FactIndex
) -> bool:
    """Whether the sentence is about another country than one asked: it names a country the
    question does not, and neither it, the CONTEXT_SENTENCES before it, its article's title nor
    its outlet names the asked one. "world bank portfolio in burkina faso" is not answered by
    "Niger has one of the largest World Bank portfolios in Africa", however much of the rest it
    holds. (Countries are not inherited from the sentence before in the index, see
    index.UNINHERITED: it is read here, for the few sentences that name another country, and
    the heading's countries, the outlet's too, are kept per article,
    FactIndex.heading_countries.)"""
    others = [k for k in sentence.entities if k.startswith("country:") and k not in keys]
    if not others:
        return False
    around = set(sentence.entities)
    for back in range(1, CONTEXT_SENTENCES + 1):
        before = index.sentences.get(sentence.id - back)
        if before is None or before.article_id != sentence.article_id:
            break
        around.update(before.entities)
    if all(key in around for key in asked):
        return False
    # a State Department release speaks for the US: its outlet names it
    named = index.heading_countries.get(sentence.article_id, EMPTY)
    return any(key not in around and key not in named for key in asked)


def _candidates(parsed: ParsedQuery, lookup: IndexLookup, relevance: Relevance) -> list[Candidate]:
    """Every sentence that may answer, measured.

    Recall reads every sentence: the RECALL sentences holding most of the query's information
    (its words and its entities as weighted terms, see Relevance), fused with the STRUCTURED
    facts of the asked kind about the entities named. Each candidate sentence then answers with
    its best fact of that kind, or as a sentence. A sentence holding less than MIN_SHARE of the
    query answers nothing: no answer beats a random one."""
    index = lookup.index
    kinds = KIND_OF_INTENT.get(parsed.intent, ())
    covered = lookup.covered(parsed, relevance, MIN_SHARE)
    recalled = [sid for _, sid in lookup.best_sentences(covered, relevance, RECALL)]
    structured: list[IndexedFact] = []
    for kind in kinds:
        structured += _structured(parsed, lookup, kind, relevance)
    speakers = _role_speakers(parsed, index) if "statement" in kinds else {}
    # a spokesperson says much: the words of theirs that hold most of the question
    said = [index.facts[f] for s in speakers for f in index.by_subject.get(("statement", s), EMPTY)]
    ranked = lookup.rank(
        sorted(said, key=lambda f: f.id), FactScore(parsed, index, relevance), no_group, STRUCTURED
    )
    structured += [fact for _, fact in ranked]
    sentence_ids = list(dict.fromkeys([*recalled, *(f.sentence_id for f in structured)]))
    keys = {e.key for e in parsed.entities}
    keys.update(other for key in list(keys) for other in namesakes(index, key))
    essential = _essential(parsed)
    # "It was limited to August 31.": the answer in the sentence after the question's words
    listing = _lists_countries(keys) if ASKS_COUNTRIES.search(parsed.text) else None
    answering = _answering_for(parsed, index) or _giving_a_cause(parsed, index) or listing
    lent = _continuations(recalled, index, relevance, answering, why=CAUSE in parsed.measures)
    # an infobox flattened into lines: its label rows are no answer, the values under them are
    valued, labels = _infobox_lent(recalled, index, relevance)
    lent.update(valued)
    sentence_ids = list(dict.fromkeys([*sentence_ids, *lent]))
    # whose words are asked for: the people named, if any ("what did Blinken say about the ECOWAS
    # sanctions": ECOWAS is what he spoke about); else any entity named ("what did ECOWAS say")
    asked_people = {k for k in keys if k.startswith("person:")}
    asked_speakers = asked_people or keys
    # "what is the AES", "who is Modi": the query asks what the entity is, nothing more
    defining = not set(parsed.terms) - set(parsed.kind_terms)
    # "who led the delegation that met Tchiani" asks for someone the question does not name
    someone_else = parsed.intent == "who" and not defining
    # "who is the governor of tahoua", "who commands the aes force": a title's holder is a person
    titled_someone = (
        someone_else
        and parsed.text.lower().lstrip().startswith("who")
        and not OFFICE_STEMS.isdisjoint(parsed.terms)
    )
    # "who is niger's ambassador in moscow": the sentences naming the office asked (a head of
    # state is written of in too many ways to ask this of: "ruled by", "the head of state")
    office = _office_asked(parsed.text)
    # "name of the french ambassador to niger" asks for the holder as "who is" does
    titled_someone = titled_someone or (
        office is not None and not parsed.text.lower().lstrip().startswith("who")
    )
    titled = _naming_office(index, office) if titled_someone and office else None
    counting_troops = parsed.intent == "troops" and parsed.wants_number
    # "how many malian refugees are living in niger": a sentence with no number does not say
    counting = parsed.counted is not None
    asking_amount = parsed.intent == "money" and HOW_MUCH.search(parsed.text) is not None
    named = frozenset(WORD.findall(normalise(parsed.text)))  # "Air Base 101": no figure given
    # "who is Zeine", "what is CNSP": other people and organisations do not answer it
    named_kind = not someone_else and any(
        e.key.startswith(NAMED.get(k, "-")) for k in kinds for e in parsed.entities
    )
    fuzzy_query = " ".join(parsed.terms)
    asked = _ranked_words(parsed.terms, parsed)
    places_defined = (
        [index.names.get(e.key, e.text) for e in parsed.entities if e.key.startswith("place:")]
        if defining and parsed.intent == "place"
        else []
    )
    time = parsed.time if parsed.time and parsed.time.bounded else None
    candidates: list[Candidate] = []
    countries = [k for k in keys if k.startswith("country:")]
    for sid in sentence_ids:
        if sid in labels:
            continue  # "GDP (nominal)2023 estimate": its value answers, read with it
        if countries and _another_country(index.sentences[sid], countries, keys, index):
            continue
        # a fact about an entity asked may still lift it; a sentence carrying on from the one
        # before holds what that one holds, in part
        own, (borrowed, lender) = relevance(sid), lent.get(sid, (0.0, -1))
        sentence_share = max(own, borrowed)
        read_with = lender if borrowed > own else None
        sentence = index.sentences[sid]
        if read_with is None and not relevance.in_own_words(sid):
            # all it holds it inherits (its title's names, the words of the sentence before): it
            # answers only read with that sentence, as a continuation (see _continuations)
            continue
        if titled_someone and not _names_a_person(sentence, keys, index):
            continue  # "who is the governor of tahoua": a sentence naming no one does not say
        if titled is not None and not {sid, read_with, sid - 1} & titled:
            continue  # ... nor one that names no governor ("governments" is no governor)
        best: tuple[float, float, IndexedFact, Features] | None = None
        near = _asked_positions(sentence.text, asked) if "event" in kinds else []
        for fid in sentence.facts:
            fact = index.facts[fid]
            if fact.kind not in kinds or (time and not _may_fall_in(time, fact, index)):
                continue
            if fact.kind == "statement" and _says_little(fact):
                continue
            if named_kind and fact.kind in NAMED and fact.subject not in keys:
                continue  # "what is CNSP": other organisations do not answer it
            share = sentence_share
            if fact.subject in keys:
                share = max(relevance.naming(sid, fact.subject), share)
            if fact.kind == "statement" and fact.subject in speakers:
                share = relevance.holding(sid, share, speakers[fact.subject])  # "the spokesman"
            by_words = fact.kind == "statement" and _spoken_by(fact, parsed.terms)
            if by_words:
                # "what did the interior ministry say": "“…,” it said", the ministry's words
                share = relevance.holding(sid, share, by_words)
            if fact.kind == "statement" and (
                fact.subject in asked_speakers or fact.subject in speakers or by_words
            ):
                # what the person asked about said, whatever its verb; a figure's "budget",
                # another speaker's "said", are still words to find
                share = relevance.of_kind(sid, share)
            elif fact.kind == "statement" and asked_people and read_with is None:
                # "what did Miller say": not the words of whoever spoke after Miller
                share = relevance.unreferred(sid, share, asked_people)
            measured: Features = {"share": share, "essential" if essential else "kind": 1.0}
            if time and not fact.date:
                measured["undated"] = 1.0  # may fall in the period asked: no date says
            measured.update(_fit(fact, keys, index, defining, someone_else))
            if near:
                measured["near"] = _nearness(sentence.text, fact, near)
            if fuzzy_query:
                measured["fuzzy"] = fuzz.token_set_ratio(fuzzy_query, normalise(fact.summary)) / 100
            total = score(measured)
            if best is None or total > best[1]:
                best = (share, total, fact, measured)
        features: Features = _closeness(sentence.text, parsed.terms) if parsed.terms else {}
        if is_question(sentence.text) or QUESTIONER.match(sentence.text):
            # a reporter's question in a transcript, or its turn ("QUESTION: So I guess you've
            # seen …"), asks, not tells
            features["asking"] = 1.0
        if parsed.intent == "when" and (best is None or not best[2].date):
            if _names_a_day(sentence.text):
                features["undated_day"] = 1.0
        if parsed.intent == "statement" and defining:
            # "what did Miller say", about nothing in particular: not "Good afternoon, everyone."
            features["names"] = min(1.0, len(sentence.entities) / NAMED_ENOUGH)
        if listing is not None and listing(sentence):
            features["countries"] = 1.0  # "which countries": "Nigeria, Senegal and Benin"
        held_around = relevance.of_article(sentence.article_id)
        features["article"] = held_around
        if places_defined and _defines(sentence.text, {"aliases": places_defined}, "place"):
            features["defines"] = 1.0  # "where is tassia": "Tassia is located in the Tillaberi …"
        if (counting_troops or counting) and not _gives_a_number(sentence, index, named):
            continue  # "how many Chinese troops": a sentence with no number does not say
        if asking_amount and not _gives_an_amount(sentence, index, named):
            continue  # "how much does a passport cost": "the three countries" is no amount
        if parsed.wants_number and DIGIT.search(sentence.text):
            features["number"] = 1.0  # "how long is the pipeline": "the 2,000-km pipeline"
        around = ARTICLE_FLOOR * held_around
        if best is not None:
            share, _, fact, measured = best
            if share < MIN_SHARE:
                continue
            if sentence.kind != "body" and fact.subject not in keys:
                features["headline"] = 1.0
            candidates.append(
                Candidate(sid, fact, {**measured, **features}, share + around, read_with)
            )
        elif sentence_share >= MIN_SHARE and (not time or _dated_within(sentence, index, time)):
            if sentence.kind != "body":
                features["headline"] = 1.0
            if time and index.sources[sentence.article_id].published is None:
                if not _dates_of(sentence, index):
                    features["undated"] = 1.0
            features["share"] = sentence_share
            candidates.append(Candidate(sid, None, features, sentence_share + around, read_with))
    return candidates


def _office_asked(text: str) -> str | None:
    """The stem of the office a question asks the holder of ("who is the governor of tahoua",
    "who is niger's ambassador in tehran", "who is the german ambassador in niamey"), when it
    asks that and the office is no presidency."""
    found = OFFICE_ASKED.match(text)
    if found is None:
        return None
    for word in found["words"].split()[:OFFICE_WORDS]:
        office = stem(word)
        if office in OFFICE_STEMS:
            return office if office != PRESIDENT else None
    return None


OFFICE_ASKED = re.compile(
    r"(?i)\s*(?:who(?:'s|’s|\s+is|\s+was|\s+are|\s+were)|(?:what\s+is\s+the\s+)?names?\s+of)"
    r"\s+(?:the\s+|[\w-]+['’]s?\s+)?(?P<words>[\w.\s-]*)"
)
OFFICE_WORDS = 3  # "the german ambassador", "the new us envoy": the office, within three words
PRESIDENT = "presid"


def _naming_office(index: FactIndex, office: str) -> AbstractSet[int]:
    """The sentences naming an office, or another office that is the same ("spokesperson" for
    "spokesman", "envoy" for "ambassador"): a synonym that is no office ("diplomatic ties" for
    "ambassador") names no one's office."""
    held: set[int] = set()
    for word in OFFICE_STEMS.intersection(synonyms().get(office, ())) | {office}:
        held.update(index.postings.get(word, EMPTY))
    return held


def _names_a_person(sentence: IndexedSentence, keys: set[str], index: FactIndex) -> bool:
    """Whether a sentence names a person other than those asked about, or the sentence before it
    does (for its "He")."""
    for held in (sentence, index.sentences.get(sentence.id - 1)):
        if held is None or held.article_id != sentence.article_id:
            continue
        if any(k.startswith("person:") and k not in keys for k in held.entities):
            return True
    # a name the extraction left unread: "BAKARY YAOU SANGARÉ, Minister for Foreign Affairs", an
    # infobox's row "Maman Sambo Sidikou" under its "Executive Secretary" label
    return bool(CAPITALS_NAME.search(sentence.text) or NAME_ROW.fullmatch(sentence.text.strip()))


CAPITALS_NAME = re.compile(r"\b[A-ZÀ-Þ]{3,}(?:\s+[A-ZÀ-Þ]{2,}){1,3}\b,")
NAME_ROW = re.compile(r"[A-ZÀ-Þ][a-zß-ÿ]+(?:\s+[A-ZÀ-Þ][a-zß-ÿ]+){1,3}")


def _gives_a_number(sentence: IndexedSentence, index: FactIndex, named: frozenset[str]) -> bool:
    """Whether a sentence gives a number other than its dates' ("on July 7, 2024") and the
    question's own ("Air Base 101"): what "how many" asks for ("how much", _gives_an_amount)."""
    return holds_a_number(_without_dates(sentence.text, sentence, index), named)


def _gives_an_amount(sentence: IndexedSentence, index: FactIndex, named: frozenset[str]) -> bool:
    """Whether a sentence gives an amount, what "how much does it cost" asks: one the extraction
    read ("$110 million"), or a number other than its dateline's, its dates', an age and the
    question's own, in digits or as a scale ("several hundred billion", "a multibillion-dollar
    pipeline"); "the three countries" is no amount, nor "a 73-year-old woman"."""
    if any(index.facts[fid].kind == "money" for fid in sentence.facts):
        return True
    text = AGED.sub(" ", sentence.text[dateline_end(sentence.text) :])  # "a 73-year-old woman"
    return holds_a_number(_without_dates(text, sentence, index), named, amount=True)


def _without_dates(text: str, sentence: IndexedSentence, index: FactIndex) -> str:
    """``text`` (the sentence's, or part of it) without the words its dates were read from."""
    for fid in sentence.facts:
        written = index.facts[fid].data.get("date_text")
        if written:
            text = text.replace(written, " ")
    return text


def _essential(parsed: ParsedQuery) -> bool:
    """Whether the question asks for one thing without which a sentence does not answer it: a
    date for "when", an amount, a troop figure for "how many US troops" (not for "why did Niger
    expel US troops", where a figure is only a fact of the kind asked), a place for "where is
    the insurgency strongest"."""
    if parsed.intent == "troops":
        return parsed.wants_number
    if parsed.intent == "place":
        return WHERE.search(parsed.text) is not None
    return parsed.intent in ESSENTIAL_INTENTS


Answering = Callable[[IndexedSentence], bool]


def _answering(kinds: tuple[str, ...], essential: bool, index: FactIndex) -> Answering | None:
    """What a sentence must give to answer the question, when the question asks for one thing a
    sentence can lack: a date ("when"), a troop figure, an amount, a place ("where"). None when
    any sentence of the words may answer. (A number for "how big is the joint battalion" was
    tried too: no question changed, and the number after may count something else.)"""
    if not essential:
        return None

    def gives(sentence: IndexedSentence) -> bool:
        for fid in sentence.facts:
            fact = index.facts[fid]
            if fact.kind in kinds and (fact.kind != "event" or fact.date):
                return True
        return "event" in kinds and _names_a_day(sentence.text)

    return gives


def _giving_a_cause(parsed: ParsedQuery, index: FactIndex) -> Answering | None:
    """For "why": a sentence giving a reason ("due to", "citing", "because"), which news often
    gives in the sentence after the one that tells what happened, or before the one that says
    what came of it ("This necessitates a balanced budget"); None for other questions."""
    if CAUSE not in parsed.measures:
        return None
    marked = index.postings.get(measure_mark(CAUSE), EMPTY)
    return lambda sentence: sentence.id in marked


def _answering_for(parsed: ParsedQuery, index: FactIndex) -> Answering | None:
    """What a sentence must give to answer this question (see _answering); for "where", a
    country or place named besides those asked and the story's own gives one too ("his European
    dream ended in Algeria"): no rule reads a country as a place fact."""
    gives = _answering(KIND_OF_INTENT.get(parsed.intent, ()), _essential(parsed), index)
    if gives is None or parsed.intent != "place":
        return gives
    known = {e.key for e in parsed.entities} | {_storys_country(index)}

    def gives_a_place(sentence: IndexedSentence) -> bool:
        return gives(sentence) or any(
            k.startswith(("place:", "country:")) and k not in known for k in sentence.entities
        )

    return gives_a_place


def _continuations(
    recalled: list[int],
    index: FactIndex,
    relevance: Relevance,
    answering: Answering | None,
    *,
    why: bool = False,
) -> dict[int, tuple[float, int]]:
    """Sentences that give what the question asks for, right after one of the CONTINUED_READ
    best sentences of its words that does not, and that carry on from it ("It was limited to
    August 31." after "Germany had initially agreed an interim agreement with Niger."), with the
    share of the two read together (Relevance.continuing). News often says the event in one
    sentence and its date, figure or place in the next; read alone that sentence holds none of
    the question's words and ranks nowhere. Each maps to (that share, the sentence before)."""
    lent: dict[int, tuple[float, int]] = {}
    if answering is None:
        answering = _enumerates  # "the WAEMU hit Niger with severe sanctions. These included …"
    for sid in recalled[:CONTINUED_READ]:
        if sid in index.breaks:
            continue  # the last sentence of its article
        sentence, after = index.sentences[sid], index.sentences.get(sid + 1)
        if after is None or after.kind != "body" or answering(sentence):
            continue
        # "why would togo join the sahel alliance": "… is contemplating joining the AES. This
        # move could … provide landlocked member states with access to the sea."
        if not answering(after) and not (why and _refers_back(after.text)):
            continue
        if sentence_hidden(index, after):
            continue  # an admin hid it: read by position, it must not come back
        if _carries_on(after.text):
            share = relevance.continuing(after.id, sid, CONTINUES)
            lent[after.id] = max(lent.get(after.id, (0.0, sid)), (share, sid))
    for sid in recalled[:CONTINUED_READ]:
        # "Both … resources have decreased due to sanctions. This necessitates a balanced
        # budget": a sentence referring back to the one before, which gives what is asked
        sentence, before = index.sentences[sid], index.sentences.get(sid - 1)
        if before is None or (sid - 1) in index.breaks or before.kind != "body":
            continue
        if answering(sentence) or not answering(before) or not _refers_back(sentence.text):
            continue
        if sentence_hidden(index, before):
            continue
        share = relevance.continuing(before.id, sid, CONTINUES)
        lent[before.id] = max(lent.get(before.id, (0.0, sid)), (share, sid))
    for sid in recalled[:CONTINUED_READ]:
        # an infobox's "Commander Title: Chief of Staff" and "Commander: Brigadier General
        # Moussa Salaou Barmou", beside it or rows away: the title's words are the name's too
        titled = index.sentences[sid]
        fields = _titled_fields(titled.text)
        if not fields:
            continue
        for other in index.article_sentences.get(titled.article_id, ())[:INFOBOX_READ]:
            row = index.sentences[other]
            if row.text.startswith(fields) and not sentence_hidden(index, row):
                share = relevance.continuing(other, sid, 1.0)  # one field, in two rows
                lent[other] = max(lent.get(other, (0.0, sid)), (share, sid))
                break
    return lent


INFOBOX_READ = 200  # sentences of an article read for the field a "… Title" row titles
INFOBOX_ROWS = 6  # rows after an infobox label read for its values and sub-labels
LABEL_WORDS = 6  # words of an infobox label row, at most ("GDP (nominal)2023 estimate")
SUB_LABEL_WORDS = 3  # "Total", "Per capita", "2024 estimate" (their list marks are dropped)
VALUE_ROW = re.compile(r"(?:(?:Increase|Decrease|Positive|Negative|Steady)\b[\w ]{0,12})?[$€£]?\d")


def _infobox_lent(
    recalled: list[int], index: FactIndex, relevance: Relevance
) -> tuple[dict[int, tuple[float, int]], set[int]]:
    """The value rows under the flattened infobox labels among the CONTINUED_READ best
    sentences ("Population" / "2024 estimate" / "26,342,784[7] (56th)"), each with the share it
    holds read with its label and sub-label (as _continuations maps them), and those label rows,
    which say nothing a value under them does not."""
    best: dict[int, tuple[float, int, int]] = {}  # value -> (share, heads read, label)
    labels: set[int] = set()
    for sid in recalled[:CONTINUED_READ]:
        # a sub-label ("Per capita") is read with the label it stands under, rows before it
        starts = [sid]
        for back in range(1, INFOBOX_ROWS):
            if sid - back in index.breaks or sid - back not in index.sentences:
                break
            starts.append(sid - back)
        found = [(v, heads) for start in starts for v, heads in _infobox_values(start, index)]
        for value, heads in found:
            if sid not in heads or sentence_hidden(index, index.sentences[value]):
                continue
            share = relevance.continuing(value, heads, 1.0)  # one field, over several rows
            # the label over a sub-label, which says less ("Per capita" of what)
            best[value] = max(best.get(value, (0.0, 0, sid)), (share, len(heads), heads[0]))
            labels.update(heads)
    return {value: (share, label) for value, (share, _, label) in best.items()}, labels


def _infobox_values(label: int, index: FactIndex) -> list[tuple[int, list[int]]]:
    """The value rows under a flattened infobox label ("GDP (PPP)2023 estimate", "• Total",
    "Increase $62.3 billion[8] (141st)", "• Per capita", "Increase $1,579[8]"), each with the
    label and its nearest sub-label; none when the row is no short label of such a block."""
    row = index.sentences[label]
    if not _short_row(row.text, LABEL_WORDS) or VALUE_ROW.match(row.text):
        return []
    found: list[tuple[int, list[int]]] = []
    sub: int | None = None
    at = label
    for _ in range(INFOBOX_ROWS):
        if at in index.breaks:
            break
        at += 1
        line = index.sentences.get(at)
        if line is None or line.article_id != row.article_id:
            break
        if VALUE_ROW.match(line.text):
            found.append((at, [label] if sub is None else [label, sub]))
        elif _short_row(line.text, SUB_LABEL_WORDS):
            sub = at
        else:
            break
    return found


def _short_row(text: str, words: int) -> bool:
    """Whether a row is a label: a few words, no sentence's end."""
    return len(text.split()) <= words and not text.rstrip().endswith((".", "!", "?", ":"))


TITLE_ROW = re.compile(r"(?P<label>[A-Z][\w ]{0,40}?) [Tt]itle(?P<n>\d*): \S")


def _titled_fields(title_row: str) -> tuple[str, ...]:
    """How the infobox field a "<Label> Title: …" row titles opens: "<Label>: " or "<Label>
    Name: ", with the same number if the fields are numbered; none for any other sentence."""
    found = TITLE_ROW.match(title_row)
    if found is None:
        return ()
    label, n = found["label"], found["n"]
    return (f"{label}{n}: ", f"{label} Name{n}: ", f"{label} name{n}: ")


# A sentence listing what the one before named: "These included the closure of air and land
# borders, …", "They include training and intelligence sharing".
ENUMERATION = re.compile(
    r"(?i)[\s“\"'‘]*(?:these|they|those|this|such \w+)\s+(?:\w+ly\s+)?"
    r"(?:include[sd]?|consist(?:s|ed)? of|comprise[sd]?|range[sd]? from)\b"
)


def _lists_countries(asked: AbstractSet[str]) -> Answering:
    """Whether a sentence names LISTED_COUNTRIES countries or more besides those asked about:
    what "which countries …" asks for ("There are Nigeria, Senegal, Benin and Guinea-Bissau.")."""

    def lists(sentence: IndexedSentence) -> bool:
        named = [k for k in sentence.entities if k.startswith(COUNTRY) and k not in asked]
        return len(named) >= LISTED_COUNTRIES

    return lists


def _enumerates(sentence: IndexedSentence) -> bool:
    """Whether a sentence lists what the one before it names (see ENUMERATION)."""
    return ENUMERATION.match(sentence.text) is not None


@cache
def _openers() -> re.Pattern[str]:
    """The words a sentence carrying on from the one before opens with (queries.toml)."""
    words = load_toml("queries.toml")["continuing"]["openers"]
    return re.compile(rf"(?i)(?:{'|'.join(words)})\b")


REFERS_BACK = re.compile(r"(?i)[\s“\"'‘]*(?:this|that|these|those|such)\b")


def _refers_back(text: str) -> bool:
    """Whether a sentence opens by pointing at what the one before said ("This necessitates",
    "That led to"): a narrower opening than _carries_on's "The" or "It"."""
    return REFERS_BACK.match(text) is not None


def _carries_on(text: str) -> bool:
    """Whether a sentence opens with a word that refers to the one before ("It", "The trip")."""
    return _openers().match(text.lstrip(" “\"'‘")) is not None


@cache
def _day_names() -> re.Pattern[str]:
    """Weekdays and months as an article writes them; a month that is also a word ("May",
    "March") only before a day number or after a word that makes it a date ("in May")."""
    dates = load_toml("dates.toml")
    ambiguous = set(dates["ambiguous_months"]) & {"March", "May"}
    plain = [*dates["weekdays"], *(m for m in dates["months"] if m not in ambiguous)]
    framed = "|".join(sorted(ambiguous))
    short = "|".join(dates["month_abbreviations"])  # only before a day: "Jan. 28"
    return re.compile(
        rf"\b(?:{'|'.join(plain)})\b|\b(?:in|on|since|by|until|early|late|mid-?)\s+(?:{framed})\b"
        rf"|\b(?:{framed})\s+\d|\b(?:{short})\.?\s+\d"
    )


def _names_a_day(text: str) -> bool:
    """Whether a sentence says when, in words its article's missing date cannot resolve ("France
    on Tuesday announced…" in an article nobody dated)."""
    return _day_names().search(text) is not None


def _role_speakers(parsed: ParsedQuery, index: FactIndex) -> dict[str, tuple[str, ...]]:
    """The people whose role the query names instead of their name, with the query's words
    their role holds: "what did the state dept spokesman say" -> Matthew Miller ("State
    Department spokesman"), and the people he is also written as ("MR MILLER:"). Only a role
    word that is a title counts ("spokesman", "minister"): "state" alone names no one. The
    ROLE_SPEAKERS holding most of the query's words are kept."""
    words = [t for t in parsed.terms if t not in parsed.kind_terms]
    # "the pentagon spokeswoman": the body named is a word of the role too ("Deputy Pentagon
    # Press Secretary"), which tells her from other spokespeople
    words += [w for e in parsed.entities if not e.key.startswith("person:") for w in tokens(e.text)]
    holding: dict[str, set[str]] = {}
    for term in words:
        for word in (term, *synonyms().get(term, ())):
            if index.describing(word) > ROLE_READ:
                continue  # a role so common it names no one in particular
            for person in index.roles.get(word, ()):
                holding.setdefault(person, set()).add(term)
    # "what did the state department say": its spokesman Vedant Patel ("U.S. State Department
    # spokesman"), whose role holds every word of the body's name and a title
    bodies = [set(tokens(e.text)) for e in parsed.entities if e.key.startswith("org:")]
    titled = {
        p: held
        for p, held in holding.items()
        if held & title_stems() or (any(b <= held for b in bodies) and _titled(p, index))
    }
    best = sorted(titled, key=lambda p: (-len(titled[p]), p))[:ROLE_SPEAKERS]
    speakers = {p: tuple(sorted(titled[p])) for p in best}
    for person in best:
        for other in namesakes(index, person):
            speakers.setdefault(other, speakers[person])
    return speakers


def _titled(person: str, index: FactIndex) -> bool:
    """Whether some role of the person holds a title ("spokesman", "minister")."""
    return any(person in index.roles.get(title, ()) for title in title_stems())


def _spoken_by(fact: IndexedFact, terms: tuple[str, ...]) -> tuple[str, ...]:
    """The question's words that name a statement's speaker as the article calls them ("the
    interior ministry", "the army"), which the statement holds even where "it said" stands for
    them."""
    speaker = set(tokens(fact.data.get("speaker") or ""))
    return tuple(term for term in terms if term in speaker)


def _says_little(fact: IndexedFact) -> bool:
    return len(WORD.findall(normalise(fact.data.get("content") or ""))) < SAID_WORDS


def _dated_within(sentence: IndexedSentence, index: FactIndex, time: TimeFilter) -> bool:
    """A sentence answers a question about a time when it is dated then: by a date of its own,
    else by a date in the DATED_BY sentences just before it ("In March a US delegation went to
    Niamey. The trip, led by Molly Phee, …"), else by its article's publication ("Bazoum remains
    detained", reported in 2024); undated in an article without a publication date, it may be.
    A sentence with a date of its own is dated by that date only."""
    dates = _dates_of(sentence, index)
    if dates:
        return any(time.admits(date) for date in dates)
    published = index.sources[sentence.article_id].published
    return published is None or time.admits(published)


def _dates_of(sentence: IndexedSentence, index: FactIndex) -> list[str]:
    """The dates that date a sentence: its own, else those of the DATED_BY sentences before it."""
    own: list[str] = [index.facts[fid].date_key for fid in sentence.facts if index.facts[fid].date]
    if own:
        return own
    for before in range(sentence.id - 1, sentence.id - 1 - DATED_BY, -1):
        earlier = index.sentences.get(before)
        if earlier is None or earlier.article_id != sentence.article_id:
            break
        dates = [index.facts[fid].date or "" for fid in earlier.facts if index.facts[fid].date]
        if dates:
            return dates
    return []


def _may_fall_in(time: TimeFilter, fact: IndexedFact, index: FactIndex) -> bool:
    """Whether a fact may fall in the period asked: dated then, or not dated at all, in an
    article whose publication date is unknown."""
    if time.admits(fact.date_key):
        return True
    sentence = index.sentences[fact.sentence_id]
    return not fact.date and index.sources[sentence.article_id].published is None


def _closeness(text: str, terms: tuple[str, ...]) -> Features:
    """How closely a sentence's matched words stand ("tight": words found over the span they
    stand in) and how little else it says ("short"): the tie-breaker BM25's length normalisation
    and proximity give, between sentences holding the same share of the query."""
    words = [stem(w) for w in WORD.findall(normalise(text))]
    wanted = set(terms)
    at = [i for i, w in enumerate(words) if w in wanted]
    if not at or not words:
        return {}
    spread = at[-1] - at[0] + 1
    found = len({words[i] for i in at})
    return {
        "tight": found / spread if spread else 1.0,
        "short": 1.0 / (1.0 + len(words) / SHORT_WORDS),
    }


def _fit(
    fact: IndexedFact,
    keys: set[str],
    index: FactIndex,
    defining: bool = False,
    someone_else: bool = False,
) -> Features:
    """What a fact carries beyond its kind: whether it is about an entity the query names (with
    ``someone_else``, a person it does not name), the detail that kind of question asks for, a
    date to the day, and for ``defining`` whether its sentence says what the entity is."""
    fit: Features = {}
    named = fact.subject in keys or bool(keys and keys & set(fact.data.get("actors", ())))
    if someone_else and fact.kind == "person":
        named = fact.subject not in keys
    if named:
        fit["subject"] = 1.0
    data = fact.data
    if data.get("role") or data.get("acronym") or data.get("purpose") or fact.date:
        fit["detail"] = 1.0
    elif any(LOCATIVE.match(d) for d in data.get("described_as", ())):
        fit["detail"] = 1.0  # "near Agadez" answers "where" better than "drone base"
    if fact.date and len(fact.date) == len("2023-07-26"):
        fit["day"] = 1.0  # "26 July 2023" answers "when" better than "July"
    if defining and fact.subject in keys:  # "what is the AES": what it is comes first
        defines = _defines(index.sentences[fact.sentence_id].text, data, fact.kind)
        if defines:
            fit["defines"] = defines
    return fit


def _defines(text: str, data: dict, kind: str) -> float:
    """1 for a sentence that says what the named thing is, right after a name of it ("The
    Alliance of Sahel States (…; AES), also known as …, is a confederation"); half as much for
    one that only spells its acronym out ("The Islamic State Sahel Province (ISSP) is
    consolidating …"), which says what the letters stand for but not what it is."""
    best = 0.0
    for name in data.get("aliases", ()):
        at = text.find(name)
        if at >= 0 and DEFINITION.match(text, at + len(name)):
            # "The National Council … (CNSP) is a military junta" defines it more surely than
            # "… chose Tchiani as head of the CNSP, the junta that …", an aside in another story
            # (a person's apposition says who they are wherever it stands: "remarks by Molly
            # Phee, the State Department's top official for African affairs")
            first = kind != "organisation" or SUBJECT_AT.match(text[:at]) is not None
            best = max(best, 1.0 if first else ASIDE)
    if best:
        return best
    acronym = data.get("acronym")
    return 0.5 if acronym and f"({acronym})" in text else 0.0


def _ranked_words(words: Iterable[str], parsed: ParsedQuery) -> dict[str, int]:
    """Each asked word (stem) and synonym -> its rank among the question's words, leaving out
    the words that only restate the kind asked ("troops"); for _asked_positions."""
    asked: dict[str, int] = {}
    for rank, term in enumerate(t for t in words if t not in parsed.kind_terms):
        for word in (term, *synonyms().get(term, ())):
            asked.setdefault(word, rank)
    return asked


def _asked_positions(text: str, asked: dict[str, int]) -> list[tuple[int, int]]:
    """(word position, rank in the query) in ``text`` of each asked word (stemmed, synonyms
    taking their word's rank)."""
    found = []
    for i, word in enumerate(WORD.findall(normalise(text))):
        rank = asked.get(stem(word))
        if rank is not None:
            found.append((i, rank))
    return found


def _nearness(text: str, fact: IndexedFact, asked_at: list[tuple[int, int]]) -> float:
    """1 for an event whose date words stand by the asked words ("complete the withdrawal by
    December 22": the 22nd, not the Tuesday on which it was said), less with distance."""
    date_text = fact.data.get("date_text")
    if not date_text:
        return 0.0
    at = normalise(text).find(normalise(date_text))
    if at < 0:
        return 0.0
    position = len(WORD.findall(normalise(text)[:at]))
    # The question's first word names its event ("when did the US declare the takeover a coup":
    # the declaring), so a later word's distance counts RANK_WORDS more per rank.
    distance = min(abs(position - i) + RANK_WORDS * rank for i, rank in asked_at)
    return max(0.0, 1 - distance / NEAR_WORDS)


def _listing(parsed: ParsedQuery, lookup: IndexLookup, kinds: tuple[str, ...], limit: int):
    """A query naming only a kind ("money", "statements"): the facts of that kind, newest first."""
    index = lookup.index
    facts = lookup.facts(parsed, kinds, ordered=False) if kinds else []
    if parsed.time and parsed.time.bounded:
        facts = [f for f in facts if parsed.time.admits(f.date_key)]
    newest = lookup.largest(limit * 3, facts, key=lambda f: (f.date_key, -f.id))
    return [_answer(f, index, 100.0, WHY[f.kind]) for f in newest], [], None


def _sentence_answer(
    sentence: IndexedSentence, index: FactIndex, score: float, why: str = WHY["sentence"]
) -> Answer:
    return Answer(
        Kind.SENTENCE,
        sentence.text,
        None,
        None,
        sentence.text,
        index.sources[sentence.article_id],
        score,
        why,
    )


def _with_bylines(parsed: ParsedQuery, lookup: IndexLookup, answers: list[Answer]) -> list[Answer]:
    """The bylines of the articles a question about authors names (see bylines), before the
    answers the question's words found."""
    found = bylines(parsed, lookup)
    shown = [_sentence_answer(s, lookup.index, 100 * share, BYLINE_WHY) for share, s in found]
    quotes = {answer.quote for answer in shown}
    return [*shown, *(answer for answer in answers if answer.quote not in quotes)]


def _nearby(
    parsed: ParsedQuery, lookup: IndexLookup, answers: list[Answer], count: int
) -> list[Answer]:
    """Sentences to read after the answers when there are fewer than READ: the nearest to the
    query in the articles that gave them (see nearby.py), those giving what an essential
    question asks for first, marked as such (details.nearby), with a score under the last
    answer's, as they hold less of the question."""
    index = lookup.index
    articles = [a.source.article_id for a in answers if a.source.article_id is not None]
    shown = {a.quote for a in answers}
    shown.update(other["quote"] for a in answers for other in a.details.get("also_reported_by", ()))
    # "how many soldiers died at Niaktire": a sentence with a figure first, as for answers
    answering = _answering_for(parsed, index)
    relevance = lookup.relevance(parsed)
    time = parsed.time if parsed.time and parsed.time.bounded else None

    def in_period(sentence: IndexedSentence) -> bool:
        """Under a period asked, a sentence is near when it is dated then, as answers are."""
        return time is None or _dated_within(sentence, index, time)

    nearest = nearest_in_articles(relevance, index, articles, shown, count, answering, in_period)
    return _marked(nearest, index, "nearby", min(a.score for a in answers))


def _closest(
    parsed: ParsedQuery, lookup: IndexLookup, count: int, *, unknown: bool = False
) -> list[Answer]:
    """When nothing answers: the sentences closest to the question (see closest.py), giving
    what an essential question asks for (a date for "when"), marked as not answers
    (details.closest), scored 100 x their share; holding more of it when the question names
    something no article mentions (``unknown``)."""
    index = lookup.index
    relevance = lookup.relevance(parsed)
    answering = _answering_for(parsed, index)
    minimum = CLOSEST_SHARE_UNKNOWN if unknown else CLOSEST_SHARE
    found = closest_sentences(relevance, index, count, answering, minimum=minimum)
    return _marked(found, index, "closest", 100.0)


def _marked(
    found: list[tuple[float, IndexedSentence]], index: FactIndex, mark: str, scale: float
) -> list[Answer]:
    """Sentences shown beside or instead of answers, each with its share of ``scale`` as its
    score, its reason (WHY[mark]) and ``details[mark]`` true, so front ends can say so."""
    return [
        replace(_sentence_answer(sentence, index, scale * share, WHY[mark]), details={mark: True})
        for share, sentence in found
    ]


def _timeline(parsed: ParsedQuery, lookup: IndexLookup, limit: int):
    """Dated events, oldest first, over the whole span asked: when there are more than ``limit``,
    the span is cut into ``limit`` equal periods and each gives its key event (the one most
    sources report, then the most relevant, then the most precisely dated), so a long story
    keeps its end as well as its start."""
    index = lookup.index
    relevance = lookup.relevance(parsed)
    if relevance.parts:
        for share in TIMELINE_SHARES:
            covered = lookup.covered(parsed, relevance, share)
            events = lookup.facts(
                parsed, ["event"], ordered=False, within=covered, by_entities=False
            )
            if len({f.sentence_id for f in events if f.date}) >= TIMELINE_MIN_EVENTS:
                break
        events.sort(key=timeline_key)
    else:
        events = list(lookup.chronology())
    events = [f for f in events if f.date]
    countries = [e.key for e in parsed.entities if e.key.startswith("country:")]
    if countries:
        # "timeline us withdrawal niger": the French withdrawal, told in the same article, is
        # another country's story
        own = _storys_country(index)
        events = [f for f in events if not _another_countrys_event(f, countries, own, index)]
    time = parsed.time if parsed.time and parsed.time.bounded else None
    if time and time.day and relevance.parts:
        # "what happened on 26 july": that day's events, however little of the rest they word
        covered = lookup.covered(parsed, relevance, DAY_SHARE)
        more = lookup.facts(parsed, ["event"], ordered=False, within=covered, by_entities=False)
        events = sorted({*events, *(f for f in more if time.holds(f.date))}, key=timeline_key)
    if time:
        events = [f for f in events if time.admits(f.date)]
        precise = [f for f in events if time.holds(f.date)]
        events = precise or events  # "2020" may fall on 26 July; "2023-07-26" does
    elif events and AFTER_ASKED.search(parsed.text):
        events = _around_the_event(events, index, relevance, after=True)
    elif events and BEFORE_ASKED.search(parsed.text):
        events = _around_the_event(events, index, relevance, after=False)
    events = _one_date_per_sentence(_read_across_span(events, limit), parsed, index)
    chosen = _spread(_one_per_event(events, index), limit, relevance)
    answers = [_answer(f, index, 100 * relevance(f.sentence_id), "dated event") for f in chosen]
    return answers, [], None


def _another_countrys_event(
    fact: IndexedFact, asked: list[str], storys: str | None, index: FactIndex
) -> bool:
    """Whether an event is another country's: its sentence names a country the question does
    not, and not each asked one (``storys``, the country the articles name most, is not needed:
    "US troops left Agadez" is in the timeline of "us niger")."""
    named = index.sentences[fact.sentence_id].entities
    if not any(k.startswith("country:") and k not in asked for k in named):
        return False
    return any(k not in named and k != storys for k in asked)


def _storys_country(index: FactIndex) -> str | None:
    """The country the most sentences name: the story's own (Niger, for these articles). Only
    the lexicon names countries, so its few dozen keys are read, not every entity's."""
    counts = {k: len(index.sentences_by_entity.get(k, EMPTY)) for k in _country_keys()}
    best = max(counts, key=counts.__getitem__, default=None)
    return best if best is not None and counts[best] else None


@cache
def _demonyms() -> dict[str, tuple[str, ...]]:
    """A country's adjectives and peoples ("French", "Frenchmen"), by its entity key."""
    return {e.key: e.demonyms for e in entries() if e.demonyms}


@cache
def _country_keys() -> tuple[str, ...]:
    return tuple(dict.fromkeys(e.key for e in entries() if e.kind == "country"))


def _around_the_event(
    events: list[IndexedFact], index: FactIndex, relevance: Relevance, *, after: bool
) -> list[IndexedFact]:
    """ "what happened after the chinagodrar attack": the event the question names (the one
    holding most of it, the earliest of equals) and what came after it, the later events
    found and those its own article dates later; not the attacks before it. ``after`` false:
    "what came before barkhane", the event and what came before it."""
    anchor = max(
        events, key=lambda f: (relevance(f.sentence_id), -period(f.date or "")[0].toordinal())
    )
    start, end = period(anchor.date or "")
    own = [
        index.facts[fid]
        for fid in index.article_facts.get(anchor.article_id, ())
        if index.facts[fid].kind == "event" and index.facts[fid].date
    ]

    def on_its_side(fact: IndexedFact) -> bool:
        first, last = period(fact.date or "")
        return first >= start if after else last <= end

    kept = {f for f in (*events, *own) if f is anchor or on_its_side(f)}
    return sorted(kept, key=timeline_key)


def _read_across_span(events: list[IndexedFact], limit: int) -> list[IndexedFact]:
    """At most SPAN_READ x ``limit`` events, spread evenly over the span's ``limit`` periods
    (found by bisection of the dates, which are in order), so a store of a million facts is not
    read event by event to draw ten; the span's first and last events are always read."""
    if len(events) <= SPAN_READ * limit:
        return events
    dates = [f.date or "" for f in events]
    first, last = period(dates[0])[0].toordinal(), period(dates[-1])[0].toordinal()
    width = max((last - first + 1) / limit, 1.0)
    starts = [
        bisect.bisect_left(dates, dt.date.fromordinal(first + int(b * width)).isoformat())
        for b in range(limit)
    ]
    starts[0] = 0
    picked = {0, len(events) - 1}
    for start, end in zip(starts, [*starts[1:], len(events)], strict=True):
        step = max((end - start) // SPAN_READ, 1)
        picked.update(range(start, end, step)[:SPAN_READ])
    return [events[i] for i in sorted(picked)]


def _one_date_per_sentence(
    events: list[IndexedFact], parsed: ParsedQuery, index: FactIndex
) -> list[IndexedFact]:
    """Each sentence once, in timeline order: "born 1960 or 1961 or 1 January 1964" is one life,
    not three entries quoting the same sentence. A sentence stands at its date nearest the names
    and words asked ("timeline bazoum": "Bazoum was sworn in on 2 April 2021, the first handover
    since independence in 1960" at 2021), the earliest of equals; the quote shows the rest.
    (At its latest date instead, a biography's "born 1962" would stand at the end of the
    "2010 to 2011" it goes on to tell: measured worse on the evaluation sets.)"""
    dates: dict[int, list[int]] = {}  # sentence -> positions of its events in ``events``
    for position, fact in enumerate(events):
        dates.setdefault(fact.sentence_id, []).append(position)
    if all(len(positions) == 1 for positions in dates.values()):
        return events
    names = [tokens(index.names.get(e.key, e.text)) for e in parsed.entities]
    # "timeline france": "French soldiers left their bases on Tuesday" stands at Tuesday
    names += [tokens(d) for e in parsed.entities for d in _demonyms().get(e.key, ())]
    asked = _ranked_words([*parsed.terms, *(word for name in names for word in name)], parsed)
    kept: set[int] = set()
    for sentence_id, positions in dates.items():
        if len(positions) > 1:
            text = index.sentences[sentence_id].text
            near = _asked_positions(text, asked)
            if near:  # max keeps the first of equals, the earliest (events are in that order)
                positions = [max(positions, key=lambda p: _nearness(text, events[p], near))]
            else:
                positions = positions[:1]
        kept.update(positions)
    return [fact for position, fact in enumerate(events) if position in kept]


def _one_per_event(events: list[IndexedFact], index: FactIndex) -> list[list[IndexedFact]]:
    """Events in timeline order grouped into one entry per event: facts on one date whose
    summaries are alike (several sources) share an entry."""
    entries: list[list[IndexedFact]] = []
    by_date: dict[str, list[list[IndexedFact]]] = {}
    seen: set[tuple[int, str | None]] = set()
    for fact in events:
        if (fact.sentence_id, fact.date) in seen:
            continue
        seen.add((fact.sentence_id, fact.date))
        same_day = by_date.setdefault(fact.date or "", [])
        text = index.sentences[fact.sentence_id].text
        home = next(
            (
                entry
                for entry in same_day
                if index.sentences[entry[0].sentence_id].text == text
                or fuzz.token_set_ratio(normalise(entry[0].summary), normalise(fact.summary))
                >= SAME_EVENT_LIKENESS
            ),
            None,
        )
        if home is None:
            entry = [fact]
            same_day.append(entry)
            entries.append(entry)
        else:
            home.append(fact)
    return entries


def _spread(
    entries: list[list[IndexedFact]], limit: int, relevance: Relevance
) -> list[IndexedFact]:
    """At most ``limit`` entries across the whole span, in timeline order (see _timeline)."""
    if len(entries) <= limit:
        return [entry[0] for entry in entries]
    ordinals = [period(entry[0].date or "")[0].toordinal() for entry in entries]
    first, last = ordinals[0], ordinals[-1]
    width = max((last - first + 1) / limit, 1.0)

    def weight(i: int) -> tuple[int, float, int, int]:
        fact = entries[i][0]
        articles = len({f.article_id for f in entries[i]})
        return (articles, relevance(fact.sentence_id), len(fact.date or ""), -i)

    buckets: dict[int, list[int]] = {}
    for i, day in enumerate(ordinals):
        buckets.setdefault(min(int((day - first) / width), limit - 1), []).append(i)
    picked = {max(members, key=weight) for members in buckets.values()}
    ends = {0, len(entries) - 1} if limit >= 2 else set()
    picked |= ends  # the span's ends are always shown
    rest = sorted(set(range(len(entries))) - picked, key=weight, reverse=True)
    picked.update(rest[: max(limit - len(picked), 0)])
    while len(picked) > limit:  # more buckets than room: drop the lightest, never the ends
        picked.discard(min(picked - ends, key=weight))
    return [entries[i][0] for i in sorted(picked)]


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


# What to suggest asking about someone or something a question named, by kind: a person's
# troops make no sense ("troops Emmanuel Macron"), their words and their role do.
SUGGESTED = {
    "person": ("who is {}", "what did {} say", "timeline {}"),
    "org": ("what is {}", "timeline {}"),
    "place": ("where is {}", "timeline {}"),
    "country": ("timeline {}", "troops {}"),
    "": ("timeline {}",),
}


def _suggestions(parsed: ParsedQuery, index: FactIndex) -> tuple[str, ...]:
    """Queries to try instead. A correction is not offered: the answers were already sought
    with it, and found nothing."""
    suggestions: list[str] = []
    for entity in parsed.entities:
        if not named_anywhere(index, entity.key):
            continue  # nothing to find about it under any other query either
        name = index.names.get(entity.key, entity.text)
        kind = entity.key.split(":", 1)[0]
        suggestions += [pattern.format(name) for pattern in SUGGESTED.get(kind, SUGGESTED[""])]
    suggestions += [q for q in example_queries() if q not in suggestions]
    return tuple(suggestions[:6])


__all__ = ["answer_query", "tokens"]
