"""The in-memory view of the store that queries run against, built from column rows and kept up
to date article by article: inverted indexes by kind, entity, subject and word, so a query reads
only the facts that can answer it."""

from __future__ import annotations

import bisect
import datetime as dt
import json
import math
import re
import sys
import threading
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import snowballstemmer
from rapidfuzz import fuzz
from sqlalchemy import Text, cast, func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from store.answers import Source
from store.extraction.people import speaker_label
from store.lexicon import EntityKey, entries, load_toml, without_accents
from store.lexicon.english import american, is_word, rarity
from store.persistence.db import snapshot_session
from store.persistence.feedback import fact_key, hidden_facts, sentence_key, visibility_version
from store.persistence.models import Article, Fact, Sentence, stored_id
from store.search.measures import measure_marks
from store.search.vocabulary import AliasTable, Vocabulary

WORD = re.compile(r"[a-z0-9à-ÿ]+(?:'[a-z]+)?")
CHUNK = 500  # article ids per query when loading new articles
# Countries are named everywhere: inheriting them from the sentence before tells little and costs
# much. A country the title names is inherited ("Mali timeline: two coups in nine months": "IBK is
# overthrown in a military coup" is Mali's); an outlet's ("U.S. Department of State") is not.
UNINHERITED = "country:"
# An article's subject, named in TOPIC_SHARE of its body sentences and in TOPIC_SENTENCES at least
# (not a country: see UNINHERITED), is what every sentence of it is about, as its title's names
# are: El País on Bazoum's captivity names him in a fifth of its sentences, and "Their only
# contact with the outside world is their doctor" is about the Bazoums. (Measured at 10-50%:
# 15-25% best on looked-at and measure-only sets alike.)
TOPIC_SENTENCES = 3
TOPIC_SHARE = 0.2
TITLE_COUNTRIES = 2  # a title naming more countries than this tells no sentence's country
CONTEXT_SENTENCES = 1  # sentences before a sentence whose entities it inherits as context
TRANSLITERATED = 85.0  # fuzz.ratio of two spellings of one full name ("… Tiani", "… Tchiani")
TRANSLITERATION_SPREAD = 3  # characters one spelling may be longer or shorter than the other
# A surname this common in English ("attack", "park", "young": rarity under 400, see
# lexicon.english) names no one alone: a question's "attack" is the word, even where some page
# names a "Hippo Attack". Rarer ones do: "Miller" 450, "Kelly" 456, "Blinken" unlisted.
SURNAME_RARITY = 400
SURNAME_LIKENESS = 75.0  # ... and of the surnames ("Tiani", "Tchiani": 83; "Toumba", "Bazoum": 50)
GIVEN_SPELLED = 85.0  # fuzz.ratio of two spellings of one first name ("Abdourahmane": 96)
SURNAME_SPELLED = 60.0  # ... or, with two given names the same, this ("Zeine", "Zain": 67)
TITLE_PHRASE_WORDS = 8  # the longest alias looked up in a title, in words
NAMED_KINDS = frozenset({"person", "organisation", "place"})
# Sentences a search reads: a heading or a caption can answer ("Population Estimate: 71,375,590"),
# a byline cannot. Facts still come from body sentences only.
SEARCHED_KINDS = frozenset({"body", "heading", "caption"})


def normalise(text: str) -> str:
    """Lower-case, one apostrophe, no accents ("Somaïr" is found as "somair", the way people
    type it), and the United States and its service members spelled one way ("U.S." = "US",
    "service members" = "servicemembers")."""
    lowered = (
        text.lower().replace("’", "'").replace("u.s.", "us").replace("service mem", "servicemem")
    )
    if not lowered.isascii():
        lowered = without_accents(lowered)
    if SCALED.search(lowered):
        lowered = SCALED.sub(_scaled, lowered)
    return lowered.replace("'s ", " ")


# An amount written short, as headlines and people do: "$43m", "€1.5bn", "43 mln" are 43 million
# and 1.5 billion, found by the words an article writes out
SCALED = re.compile(r"\b(\d+(?:[.,]\d+)?)\s?(m|mn|mln|bn|b|k)\b")
SCALES = {"m": "million", "mn": "million", "mln": "million", "bn": "billion", "b": "billion",
          "k": "thousand"}  # fmt: skip


def _scaled(found: re.Match[str]) -> str:
    return f"{found[1]} {SCALES[found[2]]}"


_THREAD = threading.local()


def _stemmer() -> Any:  # snowballstemmer has no type hints
    """This thread's stemmer: a Snowball stemmer keeps the word it is cutting in itself, so two
    threads stemming at once with one (a mention and a slash command answered together, both
    building the synonym table) corrupt each other's word ("IndexError: string index out of
    range", seen under load in tests/slack/test_slack_secrets.py)."""
    stemmer = getattr(_THREAD, "stemmer", None)
    if stemmer is None:
        stemmer = _THREAD.stemmer = snowballstemmer.stemmer("english")
    return stemmer


# Words Snowball cuts to the stem of a word they never mean, one a synonym group holds (see
# queries.toml): "Department" is no departure ("the State Department said" holds nothing of "when
# did the US withdraw"), "according to the military" no accord (a deal), an oil terminal no end,
# an aide no aid, "quite" no quitting, "forced to" no forces, an execution no executive, Touré no
# tour; "found" is far more often what was found than what was founded; "reported" no reporter
# (a journalist), "in response to" no responsibility (blame), products (goods) no production.
KEPT_WHOLE = {
    "department": "department",
    "departments": "department",
    "according": "according",
    "accordingly": "accordingly",
    "accordance": "accordance",
    "terminal": "terminal",
    "terminals": "terminal",
    "aide": "aide",
    "aides": "aide",
    "assistant": "assistant",
    "assistants": "assistant",
    "quite": "quite",
    "orderly": "orderly",
    "closely": "closely",
    "completely": "completely",
    "forced": "forced",
    "executed": "execution",
    "execution": "execution",
    "executions": "execution",
    "toure": "toure",
    "found": "find",
    "reporter": "reporter",  # a journalist, not a "report" (journalist synonyms)
    "reporters": "reporter",
    "response": "response",  # "in response to", not "responsibility" (blame synonyms)
    "responses": "response",
    "production": "production",  # output, not "products", goods (output synonyms)
    "productions": "production",
}


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem, so "called", "calls" and "call" match, of the word's American
    spelling, so that "defence" and "Defense", "organisation" and "organization" match too."""
    return sys.intern(KEPT_WHOLE.get(word) or _stemmer().stemWord(american(word)))


# A label glued to its value where a page's table lost its cells: "EthnicityOuled Slimane Arab",
# "In useNovember 2019", "Formation2012" (three lower-case letters, then a capitalised word or a
# number).
GLUED = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z]|\d)")


def tokens(text: str) -> list[str]:
    """Search tokens: normalised, stemmed words; words glued together by a lost table cell are
    read apart."""
    return [stem(w) for w in WORD.findall(normalise(GLUED.sub(" ", text)))]


def search_words(text: str) -> set[str]:
    """The words a sentence is found by: its tokens, and a word they read apart at a capital
    also whole, since the capital may be a brand's own ("GoviEx", "PetroChina", "ThisDay") and
    people type the brand in lower case ("goviex market value"); an infobox field's label adds
    the words prose would use for it ("Active: 2 March 2017 – present": founded)."""
    words = set(tokens(text))
    if GLUED.search(text):
        words.update(stem(w) for w in WORD.findall(normalise(text)))
    if "-" in text:
        # "re-arrested", "co-operation": people type the compound whole ("rearrested")
        words.update(stem(a + b) for a, b in HYPHENATED.findall(normalise(text)))
    label = FIELD_LABEL.match(text)
    if label:
        words.update(_label_words().get(label[1], ()))
    return words


HYPHENATED = re.compile(r"\b([a-z]+)-([a-z]+)\b")  # two words joined by a hyphen
FIELD_LABEL = re.compile(r"([A-Z][a-z]+(?: [a-z]+)?):\s")  # "Active: …", "Years active: …"


@cache
def _label_words() -> dict[str, frozenset[str]]:
    """Infobox label -> the search tokens of the words it stands for (queries.toml [labels])."""
    table = load_toml("queries.toml")["labels"]
    return {label: frozenset(t for w in said for t in tokens(w)) for label, said in table.items()}


@dataclass(frozen=True, slots=True)
class IndexedSentence:
    id: int
    article_id: int
    position: int
    kind: str
    text: str
    entities: tuple[str, ...]
    facts: tuple[int, ...] = ()  # ids of the facts extracted from it


class IndexedFact:
    """One fact; its ``data`` is decoded from JSON only when first read (most never are)."""

    __slots__ = ("id", "kind", "subject", "summary", "value", "date", "sentence_id",
                 "article_id", "_data", "date_key")  # fmt: skip

    def __init__(
        self, id: int, kind: str, subject: str | None, summary: str, value: float | None,
        date: str | None, data: str | dict[str, Any] | None, sentence_id: int, article_id: int,
        published: str | None = None,
    ) -> None:  # fmt: skip
        self.id: int = id
        self.kind: str = kind
        self.subject: str | None = subject
        self.summary: str = summary
        self.value: float | None = value
        self.date: str | None = date
        self.sentence_id: int = sentence_id
        self.article_id: int = article_id
        self._data: str | dict[str, Any] | None = data
        self.date_key: str = date or published or ""  # its date, else its article's

    @property
    def data(self) -> dict[str, Any]:
        if not isinstance(self._data, dict):
            raw = self._data
            self._data = (json.loads(raw) if raw else None) or {}
        return self._data

    def __repr__(self) -> str:
        return f"IndexedFact({self.id}, {self.kind!r}, {self.summary!r})"


@dataclass(slots=True)
class FactIndex:
    """Facts, sentences and sources held in memory, the inverted indexes that find candidates, and
    the vocabularies query parsing needs. Only facts of body sentences are in the inverted indexes.
    """

    facts: dict[int, IndexedFact]  # by id, in id order
    sentences: dict[int, IndexedSentence]
    sources: dict[int, Source]
    version: tuple
    document_frequency: Counter[str] = field(default_factory=Counter)
    aliases: AliasTable = field(default_factory=AliasTable)  # lower-case alias -> entity key
    names: dict[str, str] = field(default_factory=dict)  # entity key -> display name
    hashes: dict[int, str] = field(default_factory=dict)  # article id -> content hash
    # token -> sentence ids; also a mark per measure a sentence gives ("#length", see measures)
    postings: dict[str, set[int]] = field(default_factory=dict)
    by_kind: dict[str, set[int]] = field(default_factory=dict)  # kind -> fact ids
    by_entity: dict[tuple[str, str], set[int]] = field(default_factory=dict)  # (kind, key) -> ids
    by_subject: dict[tuple[str, str], set[int]] = field(default_factory=dict)  # (kind, key) -> ids
    sentences_by_entity: dict[str, set[int]] = field(default_factory=dict)  # searched sentences
    # Body sentences that do not name an entity but refer back to it: its article's title or one
    # of the CONTEXT_SENTENCES before it names it ("He later…", "The base…", "The junta…").
    context_by_entity: dict[str, set[int]] = field(default_factory=dict)
    # article -> every entity some sentence of it inherits: what its removal must clear, kept per
    # article rather than per sentence (a few hundred MB less at a million facts)
    article_contexts: dict[int, frozenset[str]] = field(default_factory=dict)
    # title and outlet token -> article ids (see _heading_words)
    title_postings: dict[str, set[int]] = field(default_factory=dict)
    # word of a place's description -> place fact ids
    described: dict[str, set[int]] = field(default_factory=dict)
    # word of a person's role -> person -> facts giving them a role with it: people, not facts,
    # since one person's role is repeated in every article naming them (4 MB at 1M facts, where
    # sets of fact ids took about 20)
    roles: dict[str, dict[str, int]] = field(default_factory=dict)
    article_facts: dict[int, list[int]] = field(default_factory=dict)
    article_sentences: dict[int, list[int]] = field(default_factory=dict)
    alias_claims: dict[str, dict[str, int]] = field(default_factory=dict)  # alias -> key -> facts
    date_words: Counter[str] = field(default_factory=Counter)  # token -> facts with it in date_text
    chronology: list[IndexedFact] = field(default_factory=list)  # body events, timeline order
    newest: dt.date | None = None  # the latest publication date: "before September" is its year's
    _sorted_words: list[str] | None = None  # the vocabulary in order, made on first prefix lookup
    hidden: dict[str, str] = field(default_factory=dict)  # keys of facts admins hid -> article
    namesakes_found: dict[str, list[str]] = field(default_factory=dict)  # see namesakes()
    # Sentences whose id + 1 is not the next sentence of their article (its last sentence, or
    # one before a gap in its ids), so that the sentences after one are found by adding 1
    breaks: set[int] = field(default_factory=set)
    # In a transcript, a sentence of a turn that asks -> the first sentences of the turn that
    # answers it (see _answer_turns)
    answered_by: dict[int, tuple[int, ...]] = field(default_factory=dict)
    # article -> the countries its title or outlet names ("U.S. Department of State"), for the
    # articles whose heading names one: an outlet's countries are not inherited as context
    # (UNINHERITED), but a sentence naming another country is checked against them
    # (answer._another_country); a title naming more than TITLE_COUNTRIES is a round-up and
    # says no sentence's country
    heading_countries: dict[int, frozenset[str]] = field(default_factory=dict)
    vocabulary: Vocabulary = field(init=False)

    def __post_init__(self) -> None:
        self.vocabulary = Vocabulary(self.document_frequency, stem)

    def words_starting(self, prefix: str, *, longer_by: int, limit: int) -> list[str]:
        """Up to ``limit`` search tokens that start with ``prefix`` and are at most ``longer_by``
        characters longer ("resum" -> "resumpt": stems the stemmer left apart)."""
        if self._sorted_words is None:
            self._sorted_words = sorted(self.document_frequency)
        words = self._sorted_words
        found: list[str] = []
        for word in words[bisect.bisect_right(words, prefix) :]:
            if not word.startswith(prefix) or len(found) == limit:
                break
            if len(word) <= len(prefix) + longer_by:
                found.append(word)
        return found

    def idf(self, token: str) -> float:
        return self.idf_of_count(self.document_frequency.get(token, 0))

    def idf_of_count(self, count: int) -> float:
        """Inverse sentence frequency of something ``count`` sentences hold."""
        total = max(len(self.sentences), 1)
        return math.log((total + 1) / (count + 0.5))

    def describing(self, word: str) -> int:
        """How many facts of body sentences describe a place or give a person a role with
        this word."""
        return len(self.described.get(word, ())) + sum(self.roles.get(word, {}).values())

    def entity_keys(self, fact: IndexedFact) -> set[str]:
        """Every entity a fact is about: its subject, its actors, and its sentence's entities."""
        keys = set(self.sentences[fact.sentence_id].entities)
        if fact.subject:
            keys.add(fact.subject)
        if fact.kind == "event":
            keys.update(decoded(fact).get("actors", ()))
        return keys


def _quotes_person(fact: IndexedFact) -> bool:
    """A statement whose speaker is a person: a transcript's speaker may be named nowhere else,
    yet "what did Miller say" must find them."""
    return fact.kind == "statement" and (fact.subject or "").startswith("person:")


def namesakes(index: FactIndex, key: str) -> list[str]:
    """Other people the store knows who are this one, spelled another way: by the same surname
    with first names agreeing ("Pat Ryder" in a transcript, "Patrick Ryder" in a report; "Ryder"
    alone), or by the same first name with a surname transliterated another way ("Abdourahamane
    Tiani", "Abdourahamane Tchiani"). Worked out once per person and index."""
    found = index.namesakes_found.get(key)
    if found is None:
        found = index.namesakes_found[key] = _namesakes(index, key)
    return found


def sentence_hidden(index: FactIndex, sentence: IndexedSentence) -> bool:
    """Whether an admin hid this sentence as a search result: the index gives it no postings,
    and nothing that reads sentences by position may show it either."""
    if not index.hidden:
        return False
    key = sentence_key(index.hashes[sentence.article_id], sentence.position, sentence.text)
    return key in index.hidden


def named_anywhere(index: FactIndex, key: str) -> bool:
    """Whether some searched sentence names the entity, or someone of its name."""
    if key in index.sentences_by_entity or key in index.context_by_entity:
        return True  # named, or inherited from an article's title or outlet
    return any(other in index.sentences_by_entity for other in namesakes(index, key))


def written_with(index: FactIndex, words: tuple[str, ...], key: str) -> bool:
    """Whether some searched sentence holds all these search tokens and names the entity."""
    holding = [index.postings.get(word, ()) for word in words]
    named = index.sentences_by_entity.get(key, ())
    if not holding or not named:
        return False
    common = set(min(holding, key=len)).intersection(*holding)
    return not common.isdisjoint(named)


def _namesakes(index: FactIndex, key: str) -> list[str]:
    name = index.names.get(key, key.partition(":")[2]).split()
    if not name:
        return []
    first = name[0].lower() if len(name) > 1 else ""
    found = []
    for other in index.alias_claims.get(normalise(name[-1]), {}):
        if other == key or not other.startswith("person:"):
            continue
        words = index.names.get(other, other.partition(":")[2]).split()
        given = words[0].lower() if len(words) > 1 else ""
        if not first or not given or _given_agree(first, given):
            found.append(other)
    if first:
        full = normalise(" ".join(name))
        for alias in index.aliases.similar(
            full, score_cutoff=TRANSLITERATED, spread=TRANSLITERATION_SPREAD, limit=5
        ):
            other = index.aliases[alias]
            words = index.names.get(other, "").split()
            if other in found or other == key or not other.startswith("person:"):
                continue
            surname = fuzz.ratio(normalise(words[-1]), normalise(name[-1])) if words else 0
            if (
                len(words) > 1
                and _given_agree(words[0].lower(), first)
                and surname >= SURNAME_LIKENESS
            ):
                found.append(other)
        # "Ali Mahaman Lamine Zeine", "Lamine Zein": one's given names among the other's; with
        # two given names or more in common the surname may differ more ("… Lamine Zain")
        forenames = {normalise(w) for w in name[:-1]}
        last = normalise(name[-1])
        for alias in index.aliases.similar(last, score_cutoff=SURNAME_SPELLED, spread=2, limit=5):
            other = index.aliases[alias]
            words = index.names.get(other, "").split()
            if other in found or other == key or not other.startswith("person:") or len(words) < 2:
                continue
            theirs = {normalise(w) for w in words[:-1]}
            alike = fuzz.ratio(normalise(words[-1]), last) >= SURNAME_LIKENESS
            if (theirs <= forenames or forenames <= theirs) and (
                alike or len(theirs & forenames) >= 2
            ):
                found.append(other)
    return found


def _given_agree(first: str, other: str) -> bool:
    """Whether two first names may be one person's: one short for the other ("Pat", "Patrick"),
    or the same name transliterated a letter or two apart ("Abdourahmane", "Abdourahamane")."""
    return (
        first.startswith(other)
        or other.startswith(first)
        or fuzz.ratio(normalise(first), normalise(other)) >= GIVEN_SPELLED
    )


def store_version(engine: Engine) -> tuple[int, int, str, int]:
    """A cheap fingerprint of the store's content: it changes whenever an article is added,
    replaced or removed (the newest article's hash catches a replaced newest article, whose new
    row may reuse its old id), and when an admin hides or unhides a fact. Three queries that read
    an index and one short row."""
    with Session(engine) as session:
        return _version(session)


def _version(session: Session) -> tuple[int, int, str, int]:
    count = session.execute(select(func.count(col(Article.id)))).scalar()
    newest = session.execute(
        select(col(Article.id), col(Article.content_hash)).order_by(col(Article.id).desc()).limit(1)
    ).first()
    top, latest = newest if newest else (0, "")
    return int(count or 0), int(top or 0), str(latest or ""), visibility_version(session)


def load_index(engine: Engine) -> FactIndex:
    """Build the index from the whole store."""
    index = FactIndex({}, {}, {}, (0, 0, "", 0))
    _add_lexicon(index)
    return update_index(index, engine, copy=False)


def update_index(index: FactIndex, engine: Engine, *, copy: bool = True) -> FactIndex:
    """The index after the store's changes: removed and replaced articles dropped, new ones loaded.

    With ``copy`` the given index is left untouched (queries running on it in other threads see
    no change) and a new one sharing everything unchanged is returned."""
    with snapshot_session(engine) as session:  # one snapshot, even while another process ingests
        version = _version(session)
        rows = session.execute(select(stored_id(Article), col(Article.content_hash))).all()
        stored = {article_id: content_hash for article_id, content_hash in rows}
        hidden = hidden_facts(session)  # articles whose hidden facts changed are read again
        rehide = {hidden.get(k) or index.hidden[k] for k in hidden.keys() ^ index.hidden.keys()}
        gone = [a for a, h in index.hashes.items() if stored.get(a) != h or h in rehide]
        new = sorted(a for a, h in stored.items() if index.hashes.get(a) != h or h in rehide)
        writer = _Writer(_copy(index) if copy else index, copy=copy)
        writer.index.hidden = hidden
        for article_id in gone:
            writer.remove_article(article_id)
        for start in range(0, len(new), CHUNK):
            writer.add_articles(session, new[start : start + CHUNK])
            # Batch by batch: the memory freed is reused by the next batches only, so a load's
            # peak is the compacted index (compacting now and then leaves it near the uncompacted)
            writer.compact()
    writer.index.version = version
    writer.index.namesakes_found = {}  # worked out again for the people now known
    events = map(writer.index.facts.__getitem__, writer.index.by_kind.get("event", ()))
    writer.index.chronology = sorted(events, key=timeline_key)
    dates = [s.published for s in writer.index.sources.values() if s.published]
    writer.index.newest = _as_date(max(dates)) if dates else None
    return writer.index


def _heading_words(title: str | None, outlet: str | None) -> set[str]:
    """The words every sentence of an article is read under: its title's, and its outlet's own
    coinages ("french forces in niger intellinews" asks for bne IntelliNews's report). An
    outlet's English words ("Times", "Post", "Defense") say nothing of what it reports."""
    written = WORD.findall(normalise(outlet or ""))  # "intellinews", as a user types it
    read_apart = WORD.findall(normalise(GLUED.sub(" ", outlet or "")))  # "intelli", as tokens()
    brand = {stem(w) for w in written + read_apart if not is_word(w)}
    return (search_words(title or "") | brand) - _unsearched()


PUNCTUATION = ".,;:!?\"'()[]“”‘’"


@cache
def _news_outlets() -> frozenset[str]:
    """The keys of the news outlets the lexicon knows ("org:AP", "org:BBC")."""
    return frozenset(e.key for e in entries() if e.subkind == "media")


EVERYDAY = 380  # rarity (store.lexicon.english) of an everyday word: "car" 355, "nato" 499
ACRONYM_MIN = 3  # letters: "us" in lower case is still the US


@cache
def everyday_acronyms() -> frozenset[str]:
    """The lexicon's acronyms that are everyday words in lower case ("CAR"): written in lower
    case they are the word ("his tour by car"). Other acronyms are read in any case ("ecowas",
    "nato", "aes"), as people type them."""
    return frozenset(
        alias.lower()
        for entry in entries()
        for alias in (*entry.aliases, entry.acronym or "")
        if len(alias) >= ACRONYM_MIN and alias.isupper() and rarity(alias) <= EVERYDAY
    )


def title_entities(title: str, aliases: Mapping[str, str]) -> list[str]:
    """The known entities a title names: its word n-grams looked up in the alias table, read
    with its hyphens ("Jama'at Nusrat al-Islam wal-Muslimin", as the alias is written) and
    without them ("Niger-Benin" is two countries)."""
    found: list[str] = []
    written = normalise(title)
    # "by car" in a title is no Central African Republic, "CAR" is (see everyday_acronyms)
    lower = {normalise(w.strip(PUNCTUATION)) for w in re.split(r"[\s-]+", title) if not w.isupper()}
    for text in (written, written.replace("-", " ")):
        words = [w.strip(PUNCTUATION) for w in text.split()]
        for size in range(TITLE_PHRASE_WORDS, 0, -1):
            for start in range(len(words) - size + 1):
                if size == 1 and words[start] in everyday_acronyms() and words[start] in lower:
                    continue
                key = aliases.get(" ".join(words[start : start + size]))
                if key and key not in found:
                    found.append(key)
    return found


def _as_date(iso: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso[:10]) if len(iso) >= 10 else None
    except ValueError:
        return None


def timeline_key(fact: IndexedFact) -> tuple[str, int, int]:
    """Timelines run oldest first; undated events first, then in the order of the text."""
    return (fact.date or "", fact.sentence_id, fact.id)


def _breaks(ids: list[int]) -> list[int]:
    """Of an article's sentence ids, in order, those not followed by the next id: the last, and
    any before a gap (another article's sentences stored meanwhile take ids in between)."""
    return [a for a, b in zip(ids, ids[1:], strict=False) if b != a + 1] + ids[-1:]


QUESTIONER = re.compile(r"(?:Q|QUESTION|REPORTER|JOURNALIST|INTERVIEWER|AUDIENCE)\s*[:.]\s")
QUESTION_TURN = 8  # sentences of a turn that asks, at most, whose words the answer takes
ANSWER_TURN = 4  # sentences of the answer that follows, at most, that take them
LABEL_WITHIN = 80  # characters a speaker label ends within
LABEL_PREFIXES = ("Mr.", "Mrs.", "Ms.", "Dr.")  # the Congressional Record's "Mr. RISCH."


def is_question(text: str) -> bool:
    """Whether a sentence asks: it ends in a question mark, before any closing quotes."""
    return text.rstrip(" ”\"'’").endswith("?")


def _answer_turns(
    ids: list[int], sentences: Mapping[int, IndexedSentence]
) -> dict[int, tuple[int, ...]]:
    """For a transcript, each sentence of a question's turn and the first ANSWER_TURN sentences
    of the turn that answers it: the answer to "Do you see this as still a 'security first'
    approach to the Sahel? Is it more comprehensive?" is "SECRETARY BLINKEN: It is and has to be
    comprehensive. The security piece is absolutely necessary, but it's insufficient.", whose
    sentences hold few of the question's words. A turn opens at a speaker label; it asks when an
    interviewer's label opens it ("QUESTION:") or its last sentence is a question (a radio
    host's "SUMMERS: … what does this coup in Niger mean?"), and the next turn answers it unless
    it asks too. Not a transcript: nothing."""
    turns: list[tuple[bool, list[int]]] = []  # (opened by an interviewer's label, sentences)
    for sid in ids:
        text = sentences[sid].text
        interviewer = QUESTIONER.match(text) is not None
        if interviewer or (_may_open_a_turn(text) and speaker_label(text) is not None):
            turns.append((interviewer, [sid]))
        elif turns:
            turns[-1][1].append(sid)
    found: dict[int, tuple[int, ...]] = {}
    for (interviewer, asked), (next_interviewer, answer) in zip(turns, turns[1:], strict=False):
        if (interviewer or is_question(sentences[asked[-1]].text)) and not next_interviewer:
            found.update((q, tuple(answer[:ANSWER_TURN])) for q in asked[-QUESTION_TURN:])
    return found


def _may_open_a_turn(text: str) -> bool:
    """Cheaply, whether a sentence may open with a speaker label (see speaker_label): a colon
    near its start, or the Congressional Record's "Mr. RISCH."."""
    return ":" in text[:LABEL_WITHIN] or text.startswith(LABEL_PREFIXES)


def _copy(index: FactIndex) -> FactIndex:
    """A new index sharing the old one's inner sets until the writer changes them."""
    return FactIndex(
        dict(index.facts),
        dict(index.sentences),
        dict(index.sources),
        index.version,
        Counter(index.document_frequency),
        AliasTable(index.aliases),
        dict(index.names),
        dict(index.hashes),
        dict(index.postings),
        dict(index.by_kind),
        dict(index.by_entity),
        dict(index.by_subject),
        dict(index.sentences_by_entity),
        dict(index.context_by_entity),
        dict(index.article_contexts),
        dict(index.title_postings),
        dict(index.described),
        dict(index.roles),
        dict(index.article_facts),
        dict(index.article_sentences),
        dict(index.alias_claims),
        Counter(index.date_words),
        breaks=set(index.breaks),
        answered_by=dict(index.answered_by),
        heading_countries=dict(index.heading_countries),
    )


@lru_cache(maxsize=8192)  # a store has a few thousand roles; each is read once per person fact
def _role_words(role: str) -> frozenset[str]:
    """The search tokens a person's role is found by: its own words, and the word a query may
    use for a role it names otherwise ("press secretary": "spokesperson", see queries.toml
    [roles]); no query asks "of"."""
    words = set(tokens(role))
    lowered = role.lower()
    for word, phrases in _roles_also():
        if any(phrase in lowered for phrase in phrases):
            words.update(tokens(word))
    return frozenset(words - _unsearched())


@cache
def _roles_also() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """queries.toml [roles], read once: a role word and the phrases that also hold it."""
    return tuple((w, tuple(p)) for w, p in load_toml("queries.toml")["roles"].items())


@cache
def _unsearched() -> frozenset[str]:
    """Stop words no query looks up (query terms never are one; synonyms keep theirs): they
    need no postings."""
    queries = load_toml("queries.toml")
    kept = {t for group in queries["synonyms"]["groups"] for w in group for t in tokens(w)}
    return frozenset(queries["stopwords"]["words"]) - kept


@cache
def _lexicon() -> tuple[dict[str, str], dict[str, str]]:
    """The lexicons' aliases (alias -> key) and names (key -> name)."""
    aliases: dict[str, str] = {}
    names: dict[str, str] = {}
    for entry in entries():
        names.setdefault(entry.key, entry.name)
        for alias in (*entry.aliases, *entry.demonyms):
            aliases.setdefault(normalise(alias).strip(".’' "), entry.key)
    return aliases, names


def _add_lexicon(index: FactIndex) -> None:
    aliases, names = _lexicon()
    index.aliases.update(aliases)
    index.names.update(names)


def decoded(fact: IndexedFact) -> dict[str, Any]:
    """A fact's data without keeping the decoded copy (for reads made once, as by the build)."""
    raw = fact._data
    if isinstance(raw, dict):
        return raw
    return (json.loads(raw) if raw else None) or {}


EMPTY_SET_BYTES = sys.getsizeof(set())  # a set with its inline table of 8 slots
SET_SLOT_BYTES = 16  # a hash and a reference per slot of a larger table


def _oversized(members: set[int]) -> bool:
    """Whether a copy of the set would have a smaller table. CPython grows a set's table
    fourfold (twofold past 50,000 members) once it is three fifths full and never shrinks it,
    but gives a copy the smallest power of two above twice its members."""
    slots = (sys.getsizeof(members) - EMPTY_SET_BYTES) // SET_SLOT_BYTES
    return slots > 1 << (2 * len(members)).bit_length()


class _Writer:
    """Adds and removes articles; with ``copy``, copies each inner set before its first change."""

    def __init__(self, index: FactIndex, *, copy: bool) -> None:
        self.index = index
        self.copy = copy
        self.owned: set[int] = set()  # ids of the inner containers this writer made

    def _bucket(self, table: dict, key: Any, empty: Callable[[], Any] = set) -> Any:
        bucket = table.get(key)
        if bucket is None:
            bucket = table[key] = empty()
            self.owned.add(id(bucket))
        elif self.copy and id(bucket) not in self.owned:
            bucket = table[key] = type(bucket)(bucket)
            self.owned.add(id(bucket))
        return bucket

    def _tally(
        self, table: dict[str, dict[str, int]], key: str, member: str, delta: int
    ) -> dict[str, int] | None:
        """Add ``delta`` to ``member``'s count under ``key``, dropping a count at zero and a key
        left with none: the counts after, or None when there were none to take from."""
        if delta < 0 and key not in table:
            return None
        counts: dict[str, int] = self._bucket(table, key, dict)
        left = counts.get(member, 0) + delta
        if left > 0:
            counts[member] = left
        else:
            counts.pop(member, None)
        if not counts:
            del table[key]
        return counts

    def compact(self) -> None:
        """Give each set of ids this writer made the table a copy of it would have, where that is
        smaller (see _oversized): the index's sets then take a fifth less memory. A set
        intersected with itself is copied and the copy's table swapped in, so it stays the same
        object: nothing new survives for the garbage collector to walk, and no table changes."""
        index = self.index
        tables: tuple[dict[Any, set[int]], ...] = (
            index.postings, index.by_kind, index.by_entity, index.by_subject,
            index.sentences_by_entity, index.context_by_entity, index.title_postings,
            index.described,
        )  # fmt: skip
        for table in tables:
            for bucket in table.values():
                if _oversized(bucket) and id(bucket) in self.owned:  # never one a reader holds
                    bucket.intersection_update(bucket)

    def _discard(self, table: dict, key: Any, member: int) -> None:
        if key in table:
            bucket = self._bucket(table, key)
            bucket.discard(member)
            if not bucket:
                del table[key]

    def add_articles(self, session: Session, article_ids: list[int]) -> None:
        index = self.index
        connection = session.connection()
        # Equal values read in this batch held as one object: an id read once per row would be
        # a new int each time (28 bytes, for every fact and sentence), and a place, a person or
        # an organisation named in many sentences has facts with the same summary and data.
        same: Callable[[Any, Any], Any] = {}.setdefault
        for aid, title, outlet, url, published, content_hash in connection.execute(
            select(
                stored_id(Article), col(Article.title), col(Article.outlet), col(Article.url),
                col(Article.published), col(Article.content_hash),
            ).where(stored_id(Article).in_(article_ids)).order_by(stored_id(Article))
        ):  # fmt: skip
            aid = same(aid, aid)
            index.sources[aid] = Source(title, outlet, url, published, aid)
            for word in _heading_words(title, outlet):
                self._bucket(index.title_postings, word).add(aid)
            index.hashes[aid] = content_hash
            index.article_facts[aid] = []
            index.article_sentences[aid] = []
        rows = connection.execute(
            select(
                stored_id(Fact), col(Fact.kind), col(Fact.subject), col(Fact.summary),
                col(Fact.value), col(Fact.date), cast(Fact.data, Text), col(Fact.sentence_id),
                col(Fact.article_id),
            ).where(col(Fact.article_id).in_(article_ids)).order_by(stored_id(Fact))
        ).all()  # fmt: skip
        if index.hidden:
            rows = self._shown(connection, article_ids, rows)
        of_sentence: dict[int, list[int]] = {}
        for row in rows:
            of_sentence.setdefault(row[7], []).append(row[0])
        frequency = index.document_frequency
        for sid, aid, position, kind, text, entities in connection.execute(
            select(
                stored_id(Sentence), col(Sentence.article_id), col(Sentence.position),
                col(Sentence.kind), col(Sentence.text), col(Sentence.entities),
            ).where(col(Sentence.article_id).in_(article_ids)).order_by(stored_id(Sentence))
        ):  # fmt: skip
            keys = tuple(sys.intern(k) for k in entities.split("|") if k)
            keys = same(keys, keys)
            facts = tuple(of_sentence.get(sid, ()))
            aid, position = same(aid, aid), same(position, position)
            index.sentences[sid] = IndexedSentence(
                sid, aid, position, sys.intern(kind), text, keys, facts
            )
            index.article_sentences[aid].append(sid)
            words = search_words(text)
            frequency.update(words)
            if sentence_hidden(index, index.sentences[sid]):
                continue  # an admin hid it: no search finds it (its facts are hidden apart)
            for word in (words - _unsearched()) | measure_marks(text, words):
                self._bucket(index.postings, word).add(sid)
            if kind in SEARCHED_KINDS:
                for key in keys:
                    self._bucket(index.sentences_by_entity, key).add(sid)
        for row in rows:
            fid, kind, subject, summary, value, date, data, sid, aid = row
            sentence = index.sentences[sid]  # its ids are the objects the indexes hold already
            sid, aid = sentence.id, sentence.article_id
            fact = IndexedFact(
                fid,
                sys.intern(kind),
                sys.intern(subject) if subject else subject,
                same(summary, summary),
                value,
                sys.intern(date) if date else date,
                same(data, data),
                sid,
                aid,
                index.sources[aid].published,
            )
            index.facts[fid] = fact
            index.article_facts[aid].append(fid)
            self._link(fact, add=True)
        for aid in article_ids:
            index.breaks.update(_breaks(index.article_sentences[aid]))
            index.answered_by.update(_answer_turns(index.article_sentences[aid], index.sentences))
        # After the facts: their names are in the alias table now, so a title naming someone
        # these very articles introduce ("Mohamed Bazoum") gives its sentences that person.
        for aid in article_ids:
            keys_of_article: set[str] = set()
            for sid, inherited in self._contexts(aid):
                keys_of_article |= inherited
                for key in inherited:
                    self._bucket(index.context_by_entity, key).add(sid)
            index.article_contexts[aid] = frozenset(keys_of_article)

    def _shown(self, connection: Any, article_ids: list[int], rows: Sequence[Any]) -> list[Any]:
        """The fact rows without those an admin hid (store/library/feedback.py)."""
        position = dict(
            connection.execute(
                select(stored_id(Sentence), col(Sentence.position)).where(
                    col(Sentence.article_id).in_(article_ids)
                )
            ).all()
        )
        hashes, hidden = self.index.hashes, self.index.hidden
        return [r for r in rows if fact_key(hashes[r[8]], position[r[7]], r[1], r[3]) not in hidden]

    def remove_article(self, article_id: int) -> None:
        index = self.index
        source = index.sources.pop(article_id, None)
        for word in _heading_words(source.title, source.outlet) if source else ():
            self._discard(index.title_postings, word, article_id)
        index.hashes.pop(article_id, None)
        for fid in index.article_facts.pop(article_id, ()):
            self._link(index.facts.pop(fid), add=False)
        frequency = index.document_frequency
        of_article = set(index.article_sentences.get(article_id, ()))
        index.heading_countries.pop(article_id, None)
        for key in index.article_contexts.pop(article_id, ()):
            if key in index.context_by_entity:
                bucket = self._bucket(index.context_by_entity, key)
                bucket -= of_article
                if not bucket:
                    del index.context_by_entity[key]
        removed = index.article_sentences.pop(article_id, [])
        index.breaks.difference_update(_breaks(removed))
        for sid in removed:
            index.answered_by.pop(sid, None)
            sentence = index.sentences.pop(sid)
            words = search_words(sentence.text)
            for word in words:
                frequency[word] -= 1
                if frequency[word] <= 0:
                    del frequency[word]
                self._discard(index.postings, word, sid)
            for word in measure_marks(sentence.text, words):
                self._discard(index.postings, word, sid)
            if sentence.kind in SEARCHED_KINDS:
                for key in sentence.entities:
                    self._discard(index.sentences_by_entity, key, sid)

    def _contexts(self, article_id: int) -> list[tuple[int, frozenset[str]]]:
        """(searched sentence, the entities it inherits but does not name) for one article: those
        of its title (countries too) and of its subject (TOPIC_SHARE), and for a body sentence
        those of the CONTEXT_SENTENCES before it (but countries: see UNINHERITED). Cheap
        coreference: "It was created in 2023" in an article titled "Alliance of Sahel States" is
        about the alliance, and so is its infobox row "Capital: Bamako"."""
        index = self.index
        source = index.sources.get(article_id)
        inherited = set(title_entities(source.title, index.aliases)) if source else set()
        if source:
            by_outlet = title_entities(source.outlet or "", index.aliases)
            titled = [k for k in inherited if k.startswith(UNINHERITED)]
            if len(titled) > TITLE_COUNTRIES:
                titled = []  # "US declares Niger takeover a coup; French forces leave for Chad"
            countries = frozenset(titled).union(k for k in by_outlet if k.startswith(UNINHERITED))
            if countries:
                index.heading_countries[article_id] = countries
            # a UN briefing's "our colleagues at OCHA" is the UN's: the body a release or a
            # briefing comes from is what its sentences are about (a news outlet is not)
            inherited.update(
                k for k in by_outlet if k not in _news_outlets() and not k.startswith(UNINHERITED)
            )
        ids = sorted(index.article_sentences.get(article_id, ()))  # ids follow positions
        inherited.update(self._subjects(ids))
        found = []
        for i, sid in enumerate(ids):
            sentence = index.sentences[sid]
            if sentence.kind not in SEARCHED_KINDS:
                continue
            before_it: set[str] = set()
            if sentence.kind == "body":  # a heading or an infobox row is about the page's subject
                for before in ids[max(0, i - CONTEXT_SENTENCES) : i]:
                    before_it.update(index.sentences[before].entities)
            keys = {k for k in before_it if not k.startswith(UNINHERITED)} | inherited
            keys.difference_update(sentence.entities)
            if keys:
                found.append((sid, frozenset(keys)))
        return found

    def _subjects(self, ids: Sequence[int]) -> set[str]:
        """The entities an article is about: named in its body sentences often enough (see
        TOPIC_SHARE), countries apart."""
        body = [self.index.sentences[sid] for sid in ids]
        body = [sentence for sentence in body if sentence.kind == "body"]
        named = Counter(
            key
            for sentence in body
            for key in set(sentence.entities)
            if not key.startswith(UNINHERITED)
        )
        least = max(TOPIC_SENTENCES, TOPIC_SHARE * len(body))
        return {key for key, n in named.items() if n >= least}

    def _link(self, fact: IndexedFact, *, add: bool) -> None:
        """Enter a fact in (or remove it from) the inverted indexes and the alias table."""
        index = self.index
        dated = isinstance(fact._data, dict) or '"date_text"' in (fact._data or "")
        wanted = dated or fact.kind in NAMED_KINDS or fact.kind == "event"
        data = decoded(fact) if wanted else {}
        if fact.subject and (fact.kind in NAMED_KINDS or _quotes_person(fact)):
            self._claim_names(fact, data, 1 if add else -1)
        if data.get("date_text"):
            words = set(tokens(data["date_text"]))
            if add:
                index.date_words.update(words)
            else:
                index.date_words.subtract(words)
                for word in words:
                    if index.date_words[word] <= 0:
                        del index.date_words[word]
        if index.sentences[fact.sentence_id].kind != "body":
            return
        kind, fid = fact.kind, fact.id
        keys = set(index.sentences[fact.sentence_id].entities)
        keys.update(data.get("actors", ()))
        if fact.subject:
            keys.add(fact.subject)
        entries_: list[tuple[dict[Any, set[int]], Any]] = [(index.by_kind, kind)]
        entries_ += [(index.by_entity, (kind, key)) for key in keys]
        if fact.subject:
            entries_.append((index.by_subject, (kind, fact.subject)))
        if kind == "place" and data.get("described_as"):
            words = set(tokens(" ".join(data["described_as"])))
            entries_ += [(index.described, word) for word in words]
        elif kind == "person" and data.get("role") and fact.subject:  # "the junta spokesman"
            for word in _role_words(data["role"]):
                self._tally(index.roles, word, fact.subject, 1 if add else -1)
        for table, key in entries_:
            if add:
                self._bucket(table, key).add(fid)
            else:
                self._discard(table, key, fid)

    def _claim_names(self, fact: IndexedFact, data: dict[str, Any], delta: int) -> None:
        """Every way a query may name the fact's subject; the first fact to claim an alias owns it,
        unless a lexicon does (lexicon aliases always win)."""
        index, subject = self.index, fact.subject
        assert subject
        name = index.names.setdefault(subject, EntityKey(subject).name)
        given = data.get("aliases", ())
        names = given if subject in _lexicon()[1] else (name, *given)
        aliases = [normalise(alias) for alias in names]
        if fact.kind in {"person", "statement"} and " " in name:
            surname = normalise(name.split()[-1])
            if rarity(surname) >= SURNAME_RARITY:
                aliases.append(surname)
        lexicon = _lexicon()[0]
        for alias in aliases:
            claims = self._tally(index.alias_claims, alias, subject, delta)
            if claims is None or alias in lexicon:
                continue
            owner = next(iter(claims), None)
            if owner is None:
                index.aliases.pop(alias, None)
            elif index.aliases.get(alias) != owner:
                index.aliases[alias] = owner


__all__ = [
    "FactIndex",
    "IndexedFact",
    "load_index",
    "namesakes",
    "store_version",
    "tokens",
    "update_index",
]
