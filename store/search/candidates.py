"""The facts and sentences that can answer a parsed query, read from the index's inverted indexes,
and how much of the query each sentence holds (IDF-weighted words and entities, see query_parts)."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache
from itertools import chain
from operator import attrgetter

from store.lexicon import load_toml, words
from store.lexicon.english import UNLISTED, rarity
from store.search.index import WORD, FactIndex, IndexedFact, namesakes, normalise, stem, tokens
from store.search.measures import CAUSE, mark
from store.search.query import ParsedQuery, member_stems, synonyms
from store.search.timefilter import MONTHS

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
    by_entities: bool = True,
) -> list[IndexedFact]:
    """Facts of body sentences, of these kinds, about every entity the query names, in id order
    when ``ordered`` (ties in later sorts then fall as they always did); with ``within``, only
    facts of those sentences.

    With ``owner_only`` a country must be the fact's subject (the forces' owner), and an entity
    after "in" only locates, so it does not filter."""
    kinds = tuple(kinds)
    keys = (
        [e.key for e in parsed.entities if not (owner_only and e.after_in)] if by_entities else []
    )
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


# Intents whose own words weigh their full inverse sentence frequency, however common in
# English: a statement holds "say" in some form whatever its verb ("told", "warned"), and "who
# heads the EU mission" asks for the head. Elsewhere a word that restates the kind asked weighs
# as any word of its rarity: "price" in "bitcoin price today" does not make the uranium price an
# answer (the facts of the kind asked are found by their kind, see scoring "kind").
KIND_WORDS_UNCAPPED = frozenset({"statement", "who"})
UNUSED_WORD = 0.5  # of its weight, a word no article uses in a question naming someone they know
# a sentence that only inherits an entity (title, sentences before it): news names someone
# once and goes on about them ("… were also present at the news conference"). Measured 0.6-0.9:
# 0.8 ranked best but let sentences holding nothing asked pass on inheritance alone; 0.7 with
# that closed (answer._candidates) gains on looked-at and measure-only sets alike
ENTITY_CONTEXT = 0.7
SURNAME = 0.8  # a sentence naming a person's surname alone
SYNONYM = 0.8  # a sentence with a synonym of a query word, or a longer form of it
OWN_WORDS = min(SYNONYM, SURNAME)  # a near part held this much is in the sentence's own words
NAME_WORD = 0.5  # a sentence with the telling word of an organisation's or a place's name
TERM_CONTEXT = 0.5  # a sentence after one holding a word, or in an article titled with it
SYNONYM_CONTEXT = 0.2  # a sentence after one holding a synonym of it (measured better than 0.4)
FOLLOWING = 2  # sentences after one that holds a word that may refer back to it
REFERRED_LIMIT = 3000  # a word in more sentences than this tells too little to lend its context
REFERRED_ARTICLES = 200  # likewise for titles
PREFIX_CHARS = 5  # a query stem this long also finds longer forms ("resum" -> "resumption")
PREFIX_LONGER_BY = 4
PREFIX_LIMIT = 20
AGENT_ENDINGS = ("er", "or")  # a doer's noun, stemmed: "trainer", "investor"
AGENT_MIN = 6  # letters of such a stem: "power" or "order" make no verb of "pow" or "ord"


@dataclass(frozen=True, slots=True)
class Part:
    """One piece of a query's information: the sentences holding it fully, the sentences holding
    it in part (each set with its share, best first, disjoint from ``exact``), and its weight."""

    exact: AbstractSet[int]
    near: tuple[tuple[AbstractSet[int], float], ...]
    weight: float


def query_parts(parsed: ParsedQuery, index: FactIndex) -> list[Part]:
    """The query's words and named entities as weighted parts of its information.

    Entities are terms, not filters: a sentence naming one holds it fully, a sentence that refers
    back to it (its article's title or the sentences just before name it) holds ENTITY_CONTEXT of
    it, and a sentence with a person's surname alone holds SURNAME of it. A question about a
    measure ("how long is the pipeline") holds one part more, held by the sentences giving a
    number of its units ("the 2,000-km pipeline"), as heavy as its heaviest other part. Weights
    are inverse sentence frequencies, so "Niger" in a store about Niger weighs little."""
    postings = index.postings
    parts: list[Part] = []
    rarities = dict(parsed.rarities)
    # "what did Matthew Miller say about niger cancelling the deal": the question is about someone
    # the articles know, and a word none of them uses ("cancelling") cannot tell that person's
    # sentences apart; it still counts against all of them, at UNUSED_WORD of its weight
    about_someone = any(
        e.key.startswith(("person:", "org:")) and index.sentences_by_entity.get(e.key)
        for e in parsed.entities
    )
    for term in parsed.terms:
        alike: list[AbstractSet[int]] = [
            postings.get(s, EMPTY) for s in synonyms().get(term, ()) if s != term
        ]
        if len(term) >= PREFIX_CHARS:
            alike += [
                postings.get(w, EMPTY)
                for w in index.words_starting(term, longer_by=PREFIX_LONGER_BY, limit=PREFIX_LIMIT)
            ]
        if not postings.get(term) and not any(alike):
            # "which outfit sent the trainers": no article names the doer, but they write what
            # the doer does ("to train soldiers"), the word the doer's noun is made from
            alike.append(_doing(term, postings))
        near_sets = [s for s in alike if s]
        joined: AbstractSet[int] = (
            set().union(*near_sets) if len(near_sets) > 1 else (near_sets or [EMPTY])[0]
        )
        holding = postings.get(term, EMPTY)
        partly: list[tuple[AbstractSet[int], float]] = [(joined, SYNONYM)]
        referred = _referring_back(index, term, holding)
        if referred:
            partly.append((referred, TERM_CONTEXT))
        # "2013: FRANCE INTERVENES" over "In January 2013 Mali appeals to France …": the entry
        # means the heading's word, a form of the one asked ("intervention")
        lent = _following(index, joined) - holding - joined - referred
        if lent:
            partly.append((lent, SYNONYM_CONTEXT))
        weight = index.idf(term)
        if not holding and joined and term not in parsed.kind_terms:
            # "who ambushed the wagner convoy as it pulled back": no article writes "pull", so its
            # inverse frequency is the largest there is, yet it is found as "withdraw" in dozens
            # of sentences; a word held only in other forms tells as much as those sentences do.
            # (A word restating the kind asked is left as it is: "say" in a store whose articles
            # only write "said" is what every statement holds.)
            weight = min(weight, index.idf_of_count(len(joined)))
        if term not in parsed.kind_terms or parsed.intent not in KIND_WORDS_UNCAPPED:
            weight = _capped(index, weight, rarities.get(term, UNLISTED))
        if not holding and not joined and about_someone:
            weight *= UNUSED_WORD
        parts.append(Part(holding, tuple(partly), weight))
    words_asked = len(parts)
    for entity in parsed.entities:
        if any(
            entity.key == other.key for other in parsed.entities[: parsed.entities.index(entity)]
        ):
            continue
        exact: AbstractSet[int] = index.sentences_by_entity.get(entity.key, EMPTY)
        near: list[tuple[AbstractSet[int], float]] = []
        name = index.names.get(entity.key, entity.text)
        words = tokens(name)
        if entity.key.startswith("person:"):
            for other in namesakes(index, entity.key):
                exact = exact | index.sentences_by_entity.get(other, EMPTY)
            if len(words) > 1:
                full = _intersection([postings.get(w, EMPTY) for w in words])
                exact = exact | full if full else exact
            if words:
                near.append((postings.get(words[-1], EMPTY), SURNAME))
        elif words and not entity.key.startswith("country:"):
            # "Somaïr (Société des mines de l'Aïr) was 63.4% owned by Orano": a name no rule
            # found in this sentence is still written in it
            full = _intersection([postings.get(w, EMPTY) for w in words])
            exact = exact | full if full else exact
        near.append((index.context_by_entity.get(entity.key, EMPTY), ENTITY_CONTEXT))
        if not entity.key.startswith(("person:", "country:")):
            # "this disengagement will end…" is about the Joint Disengagement Commission's work:
            # a sentence with the name's telling word, its rarest in English, holds part of it
            written = WORD.findall(normalise(name))
            telling = [w for w in written if stem(w) not in _name_heads()]  # not "commission"
            if len(written) > 1 and telling:
                rarest = postings.get(stem(max(telling, key=rarity)))
                if rarest:
                    near.append((rarest, NAME_WORD))
        weight = index.idf_of_count(len(exact))
        parts.append(Part(exact, tuple(near), weight))
    if parsed.counted and parsed.intent != "troops" and _in_any_sentence(index, parsed.counted):
        # "how many trucks are stuck": a sentence with a number of trucks holds what is asked
        # ("more than a thousand trucks"); a noun no article uses is already a word no sentence
        # holds, and is not counted against every sentence twice
        counted = _with_synonyms(parsed.counted)
        if parsed.counted in MEMBER_COUNTRIES:
            # "how many countries are in ECOWAS": "the 15-member West African bloc"
            counted |= {stem("member")}
        counting = _counting(index, counted)
        parts.insert(words_asked, _asked_part(index, counting, parts))
    if parsed.sized:
        # "size of the presidential guard": a sentence with a number of people, or a troop
        # figure ("The guard consists of approximately 700 well-equipped and trained troops"),
        # holds what is asked, as a number of trucks does for "how many trucks"
        sized = _counting(index, member_stems())
        sized.update(index.facts[f].sentence_id for f in index.by_kind.get("troops", ()))
        parts.insert(words_asked, _asked_part(index, sized, parts))
    if parsed.measures:
        # "how long is the pipeline": a sentence giving a length or a duration holds what is
        # asked; no sentence without a measure answers, however many of the other words it holds
        # (a reason may be given without "because", so a cause weighs only by its rarity)
        given = [postings.get(mark(m), EMPTY) for m in parsed.measures]
        measured: AbstractSet[int] = set().union(*given) if len(given) > 1 else given[0]
        heaviest = parsed.measures != (CAUSE,)
        parts.insert(words_asked, _asked_part(index, measured, parts, heaviest=heaviest))
    return parts  # the entities' parts stay last


def _doing(term: str, postings: Mapping[str, AbstractSet[int]]) -> AbstractSet[int]:
    """The sentences holding the verb a doer's noun is made from: "trainer" -> "train",
    "smuggler" -> "smuggl", "ruler" -> "rule", "winner" -> "win"; EMPTY for other words. (The
    stemmer already joins "protesters" to "protest" and "exporters" to "export".)"""
    if len(term) < AGENT_MIN or not term.endswith(AGENT_ENDINGS):
        return EMPTY
    base = term[:-2]
    forms = [base, base + "e"]
    if base[-1] == base[-2]:
        forms.append(base[:-1])
    return next((postings[f] for f in forms if postings.get(f)), EMPTY)


def _asked_part(
    index: FactIndex, sentences: AbstractSet[int], parts: list[Part], *, heaviest: bool = True
) -> Part:
    """The part held by the sentences giving what the question asks for (a measure, a count):
    weighed by its rarity, and with ``heaviest`` at least as much as the query's most telling
    part."""
    weight = index.idf_of_count(len(sentences))
    if heaviest:
        weight = max([weight, *(p.weight for p in parts)])
    return Part(sentences, (), weight)


COMMON = 250  # rarity (centibels below "the") at and under which a word tells nothing
TELLING = 500  # ... and from which a word is as telling as its count in the store says
LEAST = 0.35  # of the largest weight, the most a word of COMMON rarity or under may weigh


def _capped(index: FactIndex, weight: float, rarity_: int) -> float:
    """A query word's weight (its inverse sentence frequency) at most a share of the largest
    that grows with the word's rarity in English (from LEAST at COMMON to all at TELLING). In a
    few dozen articles "run", "side" or "keep" may occur once and so weigh most, though a
    sentence lacking them may well answer ("where does the pipeline run": "the pipeline between
    Agadem and Seme Kpodji")."""
    share = (rarity_ - COMMON) / (TELLING - COMMON)
    return min(weight, index.idf_of_count(0) * min(max(share, LEAST), 1.0))


MEMBER_COUNTRIES = frozenset({"countri", "state", "nation"})  # a bloc counts them as members
COUNT_READ = 3000  # sentences holding the counted noun read for a number before it, at most
COUNT_GAP = 2  # words that may stand between a number and what it counts ("174 security force
# members")
YEAR = re.compile(r"(?:19|20)\d\d")


def _with_synonyms(word: str) -> frozenset[str]:
    return synonyms().get(word, frozenset()) | {word}


def _in_any_sentence(index: FactIndex, word: str) -> bool:
    return any(index.postings.get(w) for w in _with_synonyms(word))


def _counting(index: FactIndex, nouns: AbstractSet[str]) -> set[int]:
    """The sentences giving a number of one of these nouns (stems): "more than a thousand
    trucks", "250,000 people", "an eight-member union". A year is no number of things. Only the
    first COUNT_READ sentences holding a noun are read, so a common noun costs little."""
    holding = sorted(set().union(*(index.postings.get(n, EMPTY) for n in nouns)))[:COUNT_READ]
    found = set()
    for sid in holding:
        words = WORD.findall(normalise(index.sentences[sid].text))
        for i, word in enumerate(words):
            if stem(word) in nouns and any(
                _is_number(w) for w in words[max(i - 1 - COUNT_GAP, 0) : i]
            ):
                found.add(sid)
                break
    return found


UNIT_GLUED = re.compile(r"\d+(?!st|nd|rd|th)[a-z]{1,3}")  # not "21st", a day


def holds_a_number(
    text: str, besides: AbstractSet[str] = frozenset(), *, amount: bool = False
) -> bool:
    """Whether a sentence gives a number of something: digits other than a year, or a number
    word ("about a thousand", "several hundred", "the fifth"), other than the words ``besides``
    (the numbers a question names: the 101 of "Air Base 101" is no amount of rent). With
    ``amount``, a number in words must be a scale ("several hundred billion", "multibillion"):
    "the three countries" counts countries, and is no sum of money."""
    words = WORD.findall(normalise(text))
    counts = _is_amount if amount else _is_number
    return any(
        counts(word) and word not in besides and not _a_day_of_month(words, i)
        for i, word in enumerate(words)
    )


def _is_amount(word: str) -> bool:
    if word in _number_words():
        return word in _scale_words()
    return _is_number(word) or word.removeprefix("multi") in _scale_words()


@cache
def _scale_words() -> frozenset[str]:
    quantities = load_toml("quantities.toml")
    return frozenset([*quantities["scales"], *quantities["plural_scales"]])


def _a_day_of_month(words: list[str], at: int) -> bool:
    """Whether the number at ``at`` is a day beside its month ("August 10", "26 July"), which an
    article without a publication date leaves undated, so no date fact took it."""
    word = words[at]
    if not (word.isdigit() and 1 <= int(word) <= 31):
        return False
    return any(words[j] in MONTHS for j in (at - 1, at + 1) if 0 <= j < len(words))


def _is_number(word: str) -> bool:
    if word.isdigit():
        return not YEAR.fullmatch(word)
    if UNIT_GLUED.fullmatch(word):
        return True  # "$500mn", "€40m", "2bn", "10km": a number and its unit written as one
    return word in _number_words()


@cache
def _number_words() -> frozenset[str]:
    """Number words, scales and ordinals ("the fifth military coup" counts coups too)."""
    quantities = load_toml("quantities.toml")
    written = [*quantities["numbers"], *quantities["scales"], *quantities["plural_scales"]]
    ordinals = load_toml("queries.toml")["ordinals"]["words"]
    return frozenset([*written, *ordinals, "several", "few", "single"])  # "a single dose"


@cache
def _name_heads() -> frozenset[str]:
    """Stems of the words that make a name an organisation's ("Commission", "Council"): every
    such name has one, so a sentence holding it holds nothing of this name in particular."""
    return frozenset(t for head in words()["organisation_heads"] for t in tokens(head))


def _following(index: FactIndex, holding: AbstractSet[int]) -> set[int]:
    """The FOLLOWING sentences after each of ``holding``, in its article; none when it holds more
    than REFERRED_LIMIT (a word that common lends nothing)."""
    found: set[int] = set()
    if not holding or len(holding) > REFERRED_LIMIT:
        return found
    # the next sentence of the same article is the next id, except after a break (its last
    # sentence, or a gap in its ids): set arithmetic, not a look-up per sentence
    after: AbstractSet[int] = holding
    for _ in range(FOLLOWING):
        after = {sid + 1 for sid in after - index.breaks}
        found |= after
    return found


def _referring_back(index: FactIndex, term: str, holding: AbstractSet[int]) -> set[int]:
    """Sentences that may mean the word without saying it: the FOLLOWING sentences after one that
    says it ("Zeine told the Post ... “The Americans stayed on our soil, ...”"), in a transcript
    the answer to a question that says it (FactIndex.answered_by), and every sentence of an
    article whose title says it. Only for words rare enough to tell sentences apart (at
    most REFERRED_LIMIT sentences or REFERRED_ARTICLES titles), so that the sets stay small."""
    found = _following(index, holding)
    if len(holding) <= REFERRED_LIMIT:
        answered_by = index.answered_by
        for asked in holding & answered_by.keys() if answered_by else ():
            found.update(answered_by[asked])  # the answer to a question holding it
    titled = index.title_postings.get(term, EMPTY)
    if 0 < len(titled) <= REFERRED_ARTICLES:
        for article in titled:
            found.update(index.article_sentences.get(article, ()))
    return found - holding if found else found


class Relevance:
    """Share of the query's information (weighted parts: see query_parts) a sentence holds, 0..1.

    Weights are computed once per query and each sentence's share once."""

    def __init__(self, parsed: ParsedQuery, index: FactIndex) -> None:
        self.parts = query_parts(parsed, index)
        self.total = sum(part.weight for part in self.parts) or 1.0
        # The entities' parts come last, one per entity in the order the query names them.
        keys = list(dict.fromkeys(e.key for e in parsed.entities))
        self.entity_parts = dict(zip(keys, self.parts[len(self.parts) - len(keys) :], strict=True))
        self.memo: dict[int, float] = {}
        self.article_memo: dict[int, float] = {}
        self.article_sentences = index.article_sentences
        self.blocks: list[tuple[float, set[int]]] = []  # (share, sentences), from covering
        # The words that only restate the kind asked ("say" in "what did Ryder say"): the terms'
        # parts come first, one per term in the query's order.
        self.kind_parts = [
            part for term, part in zip(parsed.terms, self.parts, strict=False)
            if term in parsed.kind_terms
        ]  # fmt: skip
        self.term_parts = dict(zip(parsed.terms, self.parts, strict=False))
        # ... and every part but those: what the question tells apart from the kind it asks
        self.told_parts = [p for p in self.parts if all(p is not k for k in self.kind_parts)]
        self._parsed, self._index = parsed, index
        self.written: list[AbstractSet[int]] | None = None  # see in_own_words

    def __call__(self, sentence_id: int) -> float:
        if not self.parts:
            return 1.0
        share = self.memo.get(sentence_id)
        if share is None:
            found = 0.0
            for part in self.parts:
                found += part.weight * self._held(sentence_id, part)
            share = self.memo[sentence_id] = found / self.total
        return share

    def of_article(self, article_id: int) -> float:
        """Share of the query the whole article holds: each part it holds in full, in any of its
        sentences. The sentence that answers often holds only part of the question and refers
        back for the rest ("He faced charges of…"); its article holds all of it."""
        share = self.article_memo.get(article_id)
        if share is None:
            sentences = self.article_sentences.get(article_id, ())
            found = sum(
                part.weight for part in self.parts if any(s in part.exact for s in sentences)
            )
            share = self.article_memo[article_id] = found / self.total
        return share

    def continuing(self, sentence_id: int, before: int | Sequence[int], factor: float) -> float:
        """The share of a sentence read with the one before it (or several: an infobox's label
        rows), whose parts count ``factor`` of what they count there: "It was limited to August
        31." holds the date asked, the sentence before it the words ("the interim agreement for
        the German base")."""
        if not self.parts:
            return 1.0
        lenders = (before,) if isinstance(before, int) else before
        found = 0.0
        for part in self.parts:
            lent = max((self._held(other, part) for other in lenders), default=0.0)
            found += part.weight * max(self._held(sentence_id, part), factor * lent)
        return found / self.total

    @staticmethod
    def _held(sentence_id: int, part: Part) -> float:
        """How much of ``part`` a sentence holds: 1 in full, a near set's factor, else 0."""
        if sentence_id in part.exact:
            return 1.0
        return next((f for sentences, f in part.near if sentence_id in sentences), 0.0)

    def in_own_words(self, sentence_id: int) -> bool:
        """Whether the sentence itself holds some of the query: a part in full, or nearly (a
        synonym or longer form of a word, a person's surname), or a word of a name asked ("The
        alliance formed in 2023." for "the Alliance of Sahel States"); not only what it inherits
        from its title or the sentences before it."""
        if self.written is None:
            parsed, postings = self._parsed, self._index.postings
            asked = {w for term in parsed.terms for w in synonyms().get(term, (term,))}
            for entity in parsed.entities:
                asked.update(tokens(self._index.names.get(entity.key, entity.text)))
            self.written = [postings[w] for w in asked if w in postings]
        return any(sentence_id in held for held in self.written) or any(
            self._own(sentence_id, part) for part in self.parts
        )

    def parts_in_own_words(self, sentence_id: int) -> int:
        """How many of the query's parts the sentence holds in its own words: in full, or nearly
        (a synonym or longer form of a word, a person's surname), not through its title or the
        sentences before it. The words that only restate the kind asked ("say" in "what did the
        pope say") are not counted: every statement holds them."""
        return sum(self._own(sentence_id, part) > 0 for part in self.told_parts)

    @staticmethod
    def _own(sentence_id: int, part: Part) -> float:
        """How much of ``part`` a sentence holds in its own words: 1 in full, a near set's
        factor of OWN_WORDS or more (a synonym, a surname), else 0 (only by referring back)."""
        if sentence_id in part.exact:
            return 1.0
        return max(
            (f for held, f in part.near if f >= OWN_WORDS and sentence_id in held), default=0.0
        )

    def unreferred(self, sentence_id: int, share: float, keys: Iterable[str]) -> float:
        """``share`` less what the sentence holds of these entities only by referring back to
        them (its title or the sentences before name them, see in_own_words): another speaker's
        statement is not what the person asked about said because that person spoke just
        before it."""
        for key in keys:
            part = self.entity_parts.get(key)
            if part is None:
                continue
            referred = self._held(sentence_id, part) - self._own(sentence_id, part)
            if referred > 0:
                share -= referred * part.weight / self.total
        return share

    def naming(self, sentence_id: int, key: str) -> float:
        """The sentence's share were it to name ``key`` outright: a fact about the entity asked
        (its speaker, its owner) names it, whatever words the sentence uses ("she added")."""
        share = self(sentence_id)
        part = self.entity_parts.get(key)
        if part is None:
            return share
        return self._outright(sentence_id, share, part)

    def of_kind(self, sentence_id: int, share: float) -> float:
        """The share of a sentence whose fact is of the kind asked, holding the words that only
        restate that kind: a statement holds "say" whatever its verb ("We're still continuing
        to monitor…" in a speaker's turn)."""
        for part in self.kind_parts:
            share = self._outright(sentence_id, share, part)
        return share

    def holding(self, sentence_id: int, share: float, terms: Iterable[str]) -> float:
        """The share of a sentence were it to hold these query words outright: a statement by
        the one whose role they name ("what did the junta spokesman say": Abdramane's words)."""
        for term in terms:
            part = self.term_parts.get(term)
            if part is not None:
                share = self._outright(sentence_id, share, part)
        return share

    def _outright(self, sentence_id: int, share: float, part: Part) -> float:
        """``share`` with the rest of ``part`` added, as if the sentence held it in full."""
        return share + (1.0 - self._held(sentence_id, part)) * part.weight / self.total

    def covering(self, minimum: float) -> set[int]:
        """The sentences holding at least ``minimum`` of the query, their shares memoised: the
        sentences holding a part are split part by part (fully / in part at each level / not)
        with set operations, so no sentence is visited in Python. Shares are summed in the
        order ``__call__`` sums them, so they are the same floats."""
        if not self.parts:
            raise ValueError("a query without words covers every sentence")
        unseen = [sum(p.weight for p in self.parts[i:]) for i in range(len(self.parts))]
        needed = (minimum - 1e-9) * self.total  # the slack keeps rounding from dropping a block
        every = set().union(
            *(p.exact for p in self.parts), *(s for p in self.parts for s, _ in p.near)
        )
        blocks = [(0.0, every)]
        for i, part in enumerate(self.parts):
            split = []
            for found, block in blocks:
                if found + unseen[i] < needed:
                    continue  # cannot reach the minimum whatever it holds further
                rest = block - part.exact if part.exact else set(block)
                split.append((found + part.weight, block & part.exact if part.exact else set()))
                for sentences, factor in part.near:
                    if not rest:
                        break
                    held = rest & sentences if sentences else set()
                    if held:
                        split.append((found + factor * part.weight, held))
                        rest -= held
                split.append((found, rest))
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
