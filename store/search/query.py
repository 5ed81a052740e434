"""Query text in, intent and named entities out: typo-tolerant parsing with rapidfuzz."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from functools import cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from store.extraction.genders import sex_of
from store.lexicon import entries, load_toml, words
from store.lexicon.english import is_english, is_word, rarity
from store.search.index import KEPT_WHOLE, WORD, everyday_acronyms, normalise, stem, tokens
from store.search.measures import AGE, CAUSE, asked_measures
from store.search.timefilter import MONTHS, TimeFilter, find_time

MAX_QUERY_CHARS = 300
RARE = 2  # sentences: a word this rare in the articles may still be a misspelt name
INTENT_PRIORITY = (
    "help",
    "sources",
    "timeline",
    "when",
    "statement",
    "money",
    "troops",
    "who",
    "place",
    "organisation",
)
# Kinds of fact that are no reason: "why" with "base" asks why, not where
REASON_NOT = frozenset({"place", "troops", "money"})
BODY_NOUNS = ("organisation", "organization", "org", "group", "agency", "council", "body")
"""Organisation cues that name what is asked for ("which groups"), not ask what a name is."""
QUESTION_WORDS = frozenset({"when", "who", "where", "what", "which", "how", "why"})
CLAUSE_WORDS = frozenset({"when", "who", "where"})  # question words that also join a clause
CONTRACTIONS = frozenset(
    {"what's", "who's", "where's", "when's", "how's", "it's", "that's", "there's", "here's",
     "he's", "she's", "let's"}
)  # fmt: skip
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
    intent: str
    explicit: bool  # the user named the intent, rather than it being inferred
    entities: tuple[EntityRef, ...]
    terms: tuple[str, ...]  # content words left for ranking, already stemmed and corrected
    corrections: tuple[tuple[str, str], ...]
    truncated: bool = False
    time: TimeFilter | None = None  # "in 2024", "before September", "latest"
    kind_terms: tuple[str, ...] = ()  # the terms that only restate the intent ("troop", "cost")
    wants_number: bool = False  # "how many", "how long", "how far": the answer holds a number
    measures: tuple[str, ...] = ()  # "how long": a length or a duration (see measures.py)
    rarities: tuple[tuple[str, int], ...] = ()  # term -> how rare its word is in English
    counted: str | None = None  # "how many trucks": the stem of what is counted ("truck")
    sized: bool = False  # "size of the presidential guard": how many people a body named has


@cache
def _queries() -> dict:
    return load_toml("queries.toml")


@cache
def intent_words() -> dict[str, tuple[str, ...]]:
    """Intent words from queries.toml, with the count cues ("how many") as intent "count" and
    the words that only frame a request ("tell me about") as "filler"."""
    table = {k: tuple(v) for k, v in _queries()["intents"].items()}
    table["count"] = tuple(_queries()["count"]["phrases"])
    table["filler"] = tuple(_queries()["filler"]["phrases"])
    return table


@cache
def meta_words() -> frozenset[str]:
    """Intent words that only name the kind of answer wanted; the others also rank."""
    return frozenset(_queries()["meta"]["words"])


@cache
def member_stems() -> frozenset[str]:
    """Stems of the nouns a body's size is counted in: the personnel nouns and queries.toml's
    [count] members ("20,000 men", "an eight-member union")."""
    members = {t for noun in _queries()["count"]["members"] for t in tokens(noun)}
    return personnel_stems() | members


@cache
def _armed_unit_stems() -> frozenset[str]:
    return _one_word_stems("armed_units")


def _one_word_stems(key: str) -> frozenset[str]:
    """Stems of a words.toml list's one-word nouns (a phrase's words alone are not the noun)."""
    return frozenset(t for noun in words()[key] if " " not in noun for t in tokens(noun))


def _meta(phrase: str) -> bool:
    """Whether an intent phrase only says what kind of answer is wanted, plurals too ("dates",
    "roles"): no word a sentence must hold."""
    return phrase in meta_words() or (phrase.endswith("s") and phrase[:-1] in meta_words())


def _personnel_asked(words: list[str], terms: list[str]) -> set[str]:
    """The stems of the personnel nouns the question names, as typed in either number
    ("operators", "operator") or as a typo corrected to one ("soldiars"); another word of the
    same stem is none: "how many akinci drones does niger operate", "how many operations"."""
    found = set()
    for term in personnel_stems().intersection(terms):
        typed = [w for w in words if term in tokens(w)]
        if not typed or any(w in _personnel_forms() for w in typed):
            found.add(term)
    return found


@cache
def _personnel_forms() -> frozenset[str]:
    nouns = [n.lower() for n in words()["personnel"] if " " not in n]
    return frozenset([*nouns, *(n[:-1] if n.endswith("s") else n + "s" for n in nouns)])


def _sizes_a_body(counted: str | None, entities: list[EntityRef]) -> bool:
    """Whether a count or size cue asks how many people a body has: the question names an
    organisation and counts nothing else ("tchiani presidential guard size"), counts a word of
    its name ("planned size of africa corps"), or counts an armed unit ("how big is the AES
    joint battalion"). "How big is Niger" asks an area; "how many coups" counts coups."""
    names = [e for e in entities if e.key.startswith("org:")]
    if counted is None:
        return bool(names)
    return counted in _armed_unit_stems() or any(counted in tokens(e.text) for e in names)


@cache
def personnel_stems() -> frozenset[str]:
    """Stems of every one-word personnel noun ("instructors" -> "instructor"): with a count cue
    they ask for troop figures. A phrase's words alone are not personnel ("members" of a union,
    whatever "service members" are; the troop intent knows that phrase)."""
    return _one_word_stems("personnel")


@cache
def _intent_stems() -> dict[str, str]:
    """Single-word intent phrases by stem, so that plurals count ("dates"). Not of a verb's past
    ("stated", "claimed"): "member states" ask for no statement."""
    table: dict[str, str] = {}
    for intent, phrases in intent_words().items():
        for phrase in phrases:
            if " " not in phrase and not phrase.endswith(("ed", "ing")):
                for stem_ in tokens(phrase):
                    if stem_ not in stopwords():  # "what's" must not make every "what" ask
                        table.setdefault(stem_, intent)
    return table


@cache
def synonyms() -> dict[str, frozenset[str]]:
    """Stemmed word -> the stemmed words of its synonym groups (itself included), and of the
    nouns of its action if it is a verb, or its verb if it is one ("expel" / "expulsion"), and of
    its irregular forms or its verb ("win" / "won"; both derivations.toml)."""
    table: dict[str, set[str]] = {}
    # a word kept whole as another ("found" as "find", index.KEPT_WHOLE) means something else
    # as well, and is no verb of "foundation"
    derivations = load_toml("derivations.toml")
    derived = [
        p for p in derivations["pairs"] + derivations["forms"] if KEPT_WHOLE.keys().isdisjoint(p)
    ]
    for group in [*_queries()["synonyms"]["groups"], *derived]:
        stems = {t for word in group for t in tokens(word)}
        for stem_ in stems:
            table.setdefault(stem_, set()).update(stems)
    return {k: frozenset(v) for k, v in table.items()}


@cache
def stopwords() -> frozenset[str]:
    return frozenset(_queries()["stopwords"]["words"])


def example_queries() -> tuple[str, ...]:
    return tuple(_queries()["examples"]["queries"])


# the least fuzz.ratio at which a misspelt word is read as a stem the articles use
STEM_CUTOFF = 85.0
MIN_SPELLED = 5  # letters of a misspelt word matched as written against English words
RESPELLED_AT_MOST = 8  # unknown words looked up per query: more is no question with typos in it,
# and each look-up costs a few milliseconds


def _cutoff(word: str) -> float | None:
    """How close a misspelling must be: a three-letter word only to a four-letter one with the
    letter it lacks ("bse" -> "base"), shorter words exactly."""
    if len(word) < 3:
        return None
    if len(word) == 3:
        return 85.0
    return 80.0 if len(word) >= 6 else 75.0


def parse_query(
    text: str,
    *,
    aliases: Mapping[str, str],
    vocabulary: Collection[str],
    reference: dt.date | None = None,
    named: Callable[[str], bool] | None = None,
    written_with: Callable[[tuple[str, ...], str], bool] | None = None,
) -> ParsedQuery:
    """Intent, entities, ranking terms and time of a query. ``vocabulary`` and ``aliases`` may be
    the index's own (store.search.vocabulary), whose typo lookups read only words of a fitting
    length; ``reference`` dates a month named without a year (see timefilter); ``named`` tells
    whether some article names an entity key (None: any may be), ``written_with`` whether a
    sentence holding these search tokens names it."""
    truncated = len(text) > MAX_QUERY_CHARS
    clean = " ".join(text[:MAX_QUERY_CHARS].split())
    time, untimed = find_time(clean, reference=reference)
    typed = [w.strip('.,;:!?"“”()') for w in QUERY_WORD.findall(untimed)]
    words = [w.lower() for w in typed]
    words = _as_meant([_written_out(_without_possessive(w)) for w in words if w])
    used: set[int] = set()
    corrections: list[tuple[str, str]] = []
    vocab_set = vocabulary if isinstance(vocabulary, AbstractSet) else set(vocabulary)
    lower = {w.lower() for w in typed if not w.isupper()}  # "car", not "CAR"
    lookups = _Lookups(aliases, vocabulary, named, written_with, typed_lower=lower)
    words = _respelled(_names_possessed(words, aliases), lookups, corrections)
    entities = _find_entities(words, used, lookups, corrections, vocab_set, sizes=(4, 3, 2))
    found = _find_intents(words, used, corrections, vocab_set, lookups)
    intents = {intent for intent, _, _ in found}
    if "timeline" in intents and words[0] in QUESTION_WORDS:
        # "when did Niger ask for a withdrawal timeline": the question asks when; the timeline
        # is what was asked for, a word to find ("what happened to …" asks for the events)
        found = [
            (i, p, at) if i != "timeline" or at == 0 else ("word", p, at) for i, p, at in found
        ]
        intents = {intent for intent, _, _ in found} - {"word"}
    if words and words[0] in QUESTION_WORDS:
        # "where was blinken when the coup happened": the question opens with what it asks; a
        # question word after it joins a clause ("when"), or names someone ("the man who ...")
        found = [(i, p, at) for i, p, at in found if not (at and p.split()[0] in CLAUSE_WORDS)]
        intents = {intent for intent, _, _ in found} - {"word"}
    entities += _find_entities(words, used, lookups, corrections, vocab_set, sizes=(1,))
    entities.sort(key=lambda e: e.position)
    if named is not None:
        entities = [_as_its_country(e, named) for e in entities]
    used.update(_titles_of(words, entities))
    ranking_phrases = {start: p for intent, p, start in found if not _meta(p) or intent == "word"}
    kind_terms = [
        t for i, p, at in found if at in ranking_phrases and i != "word" for t in tokens(p)
    ]
    terms = []
    rarities: dict[str, int] = {}
    for i, word in enumerate(words):
        if i in ranking_phrases:  # intent words that also rank keep their place in the query
            terms += tokens(ranking_phrases[i])
            for written in WORD.findall(normalise(ranking_phrases[i])):
                rarities.setdefault(stem(written), rarity(written))
        if i in used or word in stopwords():
            continue
        for piece, token in zip(WORD.findall(normalise(word)), tokens(word), strict=False):
            if token in stopwords():
                continue
            fixed, written = token, piece
            if token not in vocab_set and _cutoff(token) and vocabulary and not is_english(word):
                english = lookups.spelled(piece)
                if english:  # "delegtaion": the word "delegation", as rare as it is
                    written = english[0]
                    fixed = stem(written)
                    corrections.append((piece, written))
                else:
                    match = next(
                        (m for m in _similar(token, vocabulary) if m not in stopwords()), None
                    )
                    if match:
                        fixed = match
                        corrections.append((token, fixed))
            terms.append(fixed)
            if fixed == token or written != piece:  # a token's rarity is unknown: it counts as rare
                rarities.setdefault(fixed, rarity(written))
    terms = [t for t in terms if t not in stopwords()]
    personnel = _personnel_asked(words, terms)
    counting = any(i == "count" and not asked_measures(p) for i, p, _ in found)
    after_cue = _counted(words, found)
    if any(i == "count" and p.split()[-1] == TOLL for i, p, _ in found):
        # "zinder flood death toll", "toll of the attack": the deaths are counted ("34 deaths",
        # "killed 339 people"), and "toll", which news writes less often, is only the cue
        after_cue = DEATH
        terms = [t for t in terms if t != TOLL]
    counted = after_cue if counting else None
    # "how big is the AES joint battalion" asks its size in people, not an area
    sizing = any(i == "count" and asked_measures(p) in ((), ("area",)) for i, p, _ in found)
    sized = sizing and not personnel and _sizes_a_body(after_cue, entities)
    if sized:
        counted = None
    # "how big will the ecowas counter terror force be": the size of a force is a head count
    sized_people = sizing and bool(personnel)
    if personnel and "troops" not in intents:
        if counting or sized_people or (entities and not set(terms) - personnel):
            intents.add("troops")  # "how many instructors", "Russian instructors": figures
    if not intents - {"count", "filler"} and _asks_which_holder(words):
        intents.add("who")  # "which russian minister came to niamey": a person is asked
    explicit = bool(intents - {"count", "filler"}) or bool(time and time.bounded and not terms)
    if "where" in words and "place" in intents:
        intents -= {"troops", "money"}  # "where are US troops": a place is asked, not a figure
        if words[0] == "where":
            # "where was the junta leader born", "where was the junta statement read out"
            intents -= {"who", "organisation", "statement"}
    if terms or entities:  # "drone base usage agreement": the words are the question, not "usage"
        # and words to find ("what help is moscow giving mali": help, aid, assistance)
        set_aside = [p for i, p, _ in found if i in {"help", "sources"} and i in intents]
        terms += [t for p in set_aside for t in tokens(p) if t not in stopwords()]
        intents -= {"help", "sources"}
    intent = next((i for i in INTENT_PRIORITY if i in intents), None)
    measures = asked_measures(_corrected(clean, corrections))
    if sized or sized_people:
        measures = tuple(m for m in measures if m != "area")
    if sized:
        intent = intent or "search"  # the number is asked, not who the body is
    if intent == "money" and measures:
        intent = "search"  # "how much oil does Niger pump" asks barrels a day, not dollars
    if intent == "troops" and "duration" in measures:
        intent = "search"  # "how many years was langley a marine" asks a span, not a head count
    if intent in REASON_NOT and CAUSE in measures:
        intent = "search"  # "why did germany abandon its niger air base" asks a reason
    if AGE in measures and any(e.key.startswith("person:") for e in entities):
        # "how old was la david johnson" asks his age: not how long something lasted ("his body
        # was recovered two days later"), nor who he is
        measures = tuple(m for m in measures if m != "duration")
        intent = "search" if intent in (None, "who") else intent
    kinds = [e.key.split(":", 1)[0] for e in entities]
    asks_which_body = any(i == "organisation" and _body_noun(p) for i, p, _ in found)
    if intent == "organisation" and kinds and "org" not in kinds and not asks_which_body:
        # "what is AB 201" asks what a place is, "what is Tchiani" who a person is; "which
        # groups hold sway in tillaberi" still asks for groups
        intent = {"place": "place", "person": "who"}.get(kinds[0], intent)
    if intent is None:
        intent = _implied_intent(entities, terms)
        if intent == "search" and not entities and not terms and time and time.bounded:
            intent = "timeline"  # "2024" alone: what happened then
    return ParsedQuery(
        clean,
        intent,
        explicit,
        tuple(entities),
        tuple(dict.fromkeys(terms)),
        tuple(corrections),
        truncated,
        time,
        tuple(dict.fromkeys(kind_terms)),
        "count" in intents,
        measures,
        tuple(rarities.items()),
        counted,
        sized,
    )


@cache
def _titles() -> frozenset[str]:
    return frozenset(t.lower().rstrip(".") for t in words()["titles"])


@cache
def title_stems() -> frozenset[str]:
    """Search tokens of the one-word titles ("spokesman", "minist", "secretari"): "state" of
    "Secretary of State" names no one by itself."""
    return frozenset(t for title in _titles() if " " not in title for t in tokens(title))


def _asks_which_holder(words: list[str]) -> bool:
    """Whether a question opens by asking which holder of a title: "which minister", "which
    russian minister", "what foreign minister" (not "what did the minister say": a function
    word stands between; nor "what general elections", "which major towns": a title that is
    also an adjective)."""
    if len(words) < 2 or words[0] not in {"which", "what"}:
        return False
    if _holder_title(words[1]):
        return True
    return len(words) > 2 and words[1] not in stopwords() and _holder_title(words[2])


TITLES_ALSO_ADJECTIVES = frozenset({"general", "major", "chief", "head", "chair"})


def _holder_title(word: str) -> bool:
    """Whether a word is a title someone holds, and no adjective besides ("general")."""
    return word in _titles() and word not in TITLES_ALSO_ADJECTIVES


TOLL = "toll"
DEATH = "death"


def _counted(words: list[str], found: list[tuple[str, str, int]]) -> str | None:
    """What a count cue counts: the first word after "how many" or "number of" that is not a
    function word ("how many trucks are stuck" -> "truck")."""
    for intent, phrase, start in found:
        if intent != "count":
            continue
        for word in words[start + len(phrase.split()) :]:
            stems = [t for t in tokens(word) if t not in stopwords()]
            if stems:
                return stems[0]
    return None


def _titles_of(words: list[str], entities: list[EntityRef]) -> set[int]:
    """Positions of the titles standing before a person named ("general tiani", "prime minister
    zeine"): part of how the person is named, not words a sentence must hold."""
    found: set[int] = set()
    for entity in entities:
        if not entity.key.startswith("person:"):
            continue
        for size in (3, 2, 1):
            start = entity.position - size
            phrase = " ".join(w.rstrip(".") for w in words[max(start, 0) : entity.position])
            if start >= 0 and phrase in _titles():
                found.update(range(start, entity.position))
                break
    return found


def _as_meant(words: list[str]) -> list[str]:
    """Idioms read as the words articles use for them. Troops "left in niger", "how many are
    left", "left behind": what remains, not who departed ("the troops left niger", "left in
    july"). "How many people live in Agadez": its population. "Take back" a town: recapture it.
    Someone "being held": detained (a summit "was held" is no one's detention). An alliance
    "set up": established. A law "brought in": introduced (not troops "brought in
    from Mali", who came). An "ex-president": a former one. "In the first place" asks for no
    place, "what led up to" for no leader."""
    read = list(words)
    for i, word in enumerate(words):
        if (
            word == "place"
            and words[i - 2 : i] == ["the", "first"]
            and words[i - 3 : i - 2] == ["in"]
        ):
            read[i - 3 : i + 1] = ["", "", "", ""]  # "why … in the first place": no place asked
            continue
        if word == "to" and words[i - 2 : i] == ["led", "up"]:
            read[i - 2 : i + 1] = ["", "", ""]  # "what led up to the takeover": no leader asked
            continue
        if word == "ex" or word.startswith("ex-"):
            read[i] = "former" + word[2:]
            continue
        if word == "held" and i and words[i - 1] == "being":  # "where is Bazoum being held"
            read[i] = "detained"
            continue
        if word == "up" and i and words[i - 1] in SET:
            read[i - 1 : i + 1] = ["", "established"]
            continue
        if word == "in" and i and words[i - 1] in BRING and _clause_ends(words[i + 1 : i + 2]):
            read[i - 1 : i + 1] = ["", "introduced"]
            continue
        if word in LIVE and i and words[i - 1] == "people":
            read[i - 1 : i + 1] = ["", "population"]
            continue
        if word == "back" and i and words[i - 1] in TAKE:
            read[i - 1 : i + 1] = ["", "recapture"]
            continue
        if word != "left":
            continue
        before = words[i - 1] if i else ""
        after = words[i + 1 : i + 3]
        remaining = before in BE_STILL or after[:1] == ["behind"]
        if after[:1] in (["in"], ["at"]) and len(after) == 2:
            remaining = remaining or not (after[1] in MONTHS or after[1][:1].isdigit())
        if remaining:
            read[i] = "remaining"
    return [word for word in read if word]


def _clause_ends(after: list[str]) -> bool:
    """Whether the verb before stands alone here: the query ends, or a time or a preposition
    follows ("brought in in 2015", "brought in by the junta"), not its object."""
    if not after:
        return True
    return after[0] in CLAUSE_GOES_ON or after[0] in MONTHS or after[0][:1].isdigit()


LIVE = frozenset({"live", "lives", "living", "reside"})
SET = frozenset({"set", "sets", "setting"})
BRING = frozenset({"bring", "brings", "brought", "bringing"})
CLAUSE_GOES_ON = frozenset(
    {"by", "in", "on", "at", "during", "after", "before", "when", "under", "and", "last", "this"}
)
TAKE = frozenset({"take", "takes", "took", "taken", "taking", "win", "won"})
BE_STILL = frozenset({"are", "is", "was", "were", "be", "still", "any"})


def _written_out(word: str) -> str:
    """Chat shorthand as articles spell it ("ppl" -> "people", "govt" -> "government")."""
    return shorthand().get(word, word)


@cache
def shorthand() -> dict[str, str]:
    return dict(_queries()["shorthand"]["words"])


def _without_possessive(word: str) -> str:
    """ "niger's" -> "niger", "allies'" -> "allies": a possessive names its owner ("france's
    troops" are France's, not a sum in francs); "what's" and "who's" stay as written."""
    word = word.replace("’", "'")
    if word.endswith("'s") and len(word) > 3 and word not in CONTRACTIONS:
        return word[:-2]
    if word.endswith("s'") and len(word) > 3:
        return word[:-1]
    return word


def _respelled(words: list[str], lookups: _Lookups, corrections: list) -> list[str]:
    """The query's words with each misspelt English word written as the word the articles use
    ("reaosn" -> "reason", "trukcs" -> "trucks"), before anything reads them: what the question
    asks for ("reason": a cause; "how many trucks": a count of trucks) is read from the words as
    meant. A word that is English, a name, the articles' own, or near a name is left alone."""
    respelled = []
    for word in words:
        cutoff = _cutoff(word)
        english = None
        unknown = (
            cutoff
            and word not in lookups.aliases
            and not any(t in lookups.vocabulary for t in tokens(word))
            and not is_english(word)  # after the vocabulary: the word list loads on first use
        )
        swapped = _swapped(word, lookups) if unknown else None
        if swapped:
            english = (swapped, 100.0)  # "brith": birth, nearer than the "Brit" an alias is
        elif unknown and lookups.near_alias(word, max(cutoff or 0, 82.0)) is None:
            english = lookups.spelled(word)
            intent_word = _intent_word_near(word)
            if english and intent_word and intent_word[1] >= english[1]:
                english = None  # "troups": "troops" asks for figures, as near as "groups" is
        if english:
            corrections.append((word, english[0]))
            word = english[0]
        respelled.append(word)
    return respelled


SWAP_COMMON = 450  # rarity of a word two swapped letters make, at most, if no article uses it


def _swapped(word: str, lookups: _Lookups) -> str | None:
    """The English word ``word`` is with two letters side by side swapped back ("brith" ->
    "birth", "reaosn" -> "reason"), if the articles use it or it is an everyday word: the
    commonest typo, and a surer reading than the nearest name ("Brit"). A rarer word is no
    surer than the other typos ("acusation" is no "causation")."""
    found = []
    for i in range(len(word) - 1):
        if word[i] != word[i + 1]:
            fixed = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            if is_word(fixed):
                found.append(fixed)
    used = [w for w in found if all(t in lookups.vocabulary for t in tokens(w))]
    common = [w for w in found if rarity(w) <= SWAP_COMMON]  # "birth" 423, not "causation" 590
    return next(iter(used or common), None)


def _intent_word_near(word: str) -> tuple[str, float, int] | None:
    """The one-word intent phrase closest to a misspelt word ("troups" -> "troops"), if any is
    close enough (see _cutoff)."""
    return process.extractOne(
        word, _intent_singles(), scorer=fuzz.ratio, score_cutoff=_cutoff(word)
    )


@cache
def _intent_singles() -> tuple[str, ...]:
    return tuple(p for ps in intent_words().values() for p in ps if " " not in p)


def _corrected(text: str, corrections: list[tuple[str, str]]) -> str:
    """``text`` with each corrected word replaced by its correction (whole words, any case)."""
    for wrong, right in corrections:
        text = re.sub(rf"(?i)\b{re.escape(wrong)}\b", right, text)
    return text


class _Lookups:
    """One query's typo look-ups in the index's aliases and vocabulary: the query's words are
    read several times (for entities, intents, terms), and each look-up costs a millisecond or
    so, so each word's answer is kept for the rest of the query."""

    def __init__(
        self,
        aliases: Mapping[str, str],
        vocabulary: Collection[str],
        named: Callable[[str], bool] | None = None,
        written_with: Callable[[tuple[str, ...], str], bool] | None = None,
        *,
        typed_lower: AbstractSet[str] = frozenset(),
    ) -> None:
        self.aliases, self.vocabulary = aliases, vocabulary
        self.named, self.written_with = named, written_with
        self.typed_lower = typed_lower  # the query's words not typed in capitals
        self._near: dict[tuple[str, float], str | None] = {}
        self._spelled: dict[str, tuple[str, float] | None] = {}

    def near_alias(self, phrase: str, cutoff: float) -> str | None:
        """The alias closest to ``phrase``, at most two characters longer or shorter."""
        key = (phrase, cutoff)
        if key not in self._near:
            self._near[key] = _near_alias(phrase, self.aliases, cutoff)
        return self._near[key]

    def spelled(self, word: str) -> tuple[str, float] | None:
        """The English word the articles use that a misspelt word is closest to as written, and
        its score (see Vocabulary.spelled), if the vocabulary can tell; RESPELLED_AT_MOST words
        a query at most, whoever asks (the words before it, the intents, the terms)."""
        if word in self._spelled:
            return self._spelled[word]
        spelled = getattr(self.vocabulary, "spelled", None)
        found: tuple[str, float] | None = None
        if spelled is not None and len(word) >= MIN_SPELLED:
            if len(self._spelled) >= RESPELLED_AT_MOST:
                return None
            found = spelled(word, score_cutoff=_cutoff(word) or 100.0)
            if found and (found[0] in stopwords() or self._nearer_unlisted(word, found[1])):
                found = None
            self._spelled[word] = found
        return found

    def _nearer_unlisted(self, word: str, score: float) -> bool:
        """Whether a word of the articles that no English list holds is nearer to ``word`` than
        the English word at ``score``: "barick" is the articles' Barrick (one letter dropped),
        not the Barack that a word list knows (one letter changed)."""
        token = stem(word)
        return any(fuzz.ratio(token, m) > score for m in _similar(token, self.vocabulary)[:1])


def _similar(word: str, vocabulary: Collection[str]) -> list[str]:
    """The five vocabulary words closest to a misspelt word, best first. These are stems, and a
    stem is short, so one letter changed in four scores 75: "zeni" (from "zenie", a name the
    articles do not know) would read as "deni" (deny); a stem must be nearer (STEM_CUTOFF), or a
    swap of two letters away."""
    cutoff = max(_cutoff(word) or 100.0, STEM_CUTOFF)
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


def _body_noun(phrase: str) -> bool:
    """Whether an organisation cue is a noun for a body ("groups", "agency"), singular or not."""
    return tokens(phrase) in _body_stems()


@cache
def _body_stems() -> list[list[str]]:
    return [tokens(w) for w in BODY_NOUNS]


def _find_intents(
    words: list[str],
    used: set[int],
    corrections: list,
    vocabulary: AbstractSet[str],
    lookups: _Lookups,
) -> list[tuple[str, str, int]]:
    """(intent, phrase, first word's position) of each intent phrase, tolerating typos only in
    words the articles never use and that are not English words ("troups" is a typo of
    "troops"; "deposed" is a word of its own, not a typo of "deployed"). Plurals count
    ("dates" asks "when")."""
    found: list[tuple[str, str, int]] = []
    phrases = {p: intent for intent, ps in intent_words().items() for p in ps}
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            span = range(i, i + size)
            if any(j in used for j in span):
                continue
            phrase = " ".join(words[i : i + size])
            intent = phrases.get(phrase)
            if (
                intent is None
                and size == 1
                and phrase not in lookups.aliases
                and phrase.endswith("s")
            ):
                # a plural asks as its singular ("dates"); "based on" and "the state court" ask
                # no place and no statement, though "based" and "stated" stem as "base", "state"
                stems = tokens(phrase)
                intent = _intent_stems().get(stems[0]) if len(stems) == 1 else None
            known = any(t in vocabulary for t in tokens(phrase)) or is_word(phrase)
            if intent is None and size == 1 and _cutoff(phrase) and not known:
                match = _intent_word_near(phrase)
                english = lookups.spelled(phrase) if match else None
                if match and english and english[1] > match[1]:
                    match = None  # "persnonel" is "personnel" misspelt, not "person"
                if match and phrase not in stopwords():
                    intent = phrases[match[0]]
                    corrections.append((phrase, match[0]))
                    phrase = match[0]  # "troups" ranks as "troops"
            if intent:
                found.append((intent, phrase, i))
                used.update(span)
    return found


def _find_entities(
    words: list[str],
    used: set[int],
    lookups: _Lookups,
    corrections: list,
    vocabulary: AbstractSet[str],
    *,
    sizes: tuple[int, ...],
) -> list[EntityRef]:
    aliases = lookups.aliases
    found: list[EntityRef] = []
    for size in sizes:
        for i in range(len(words) - size + 1):
            span = range(i, i + size)
            if any(j in used for j in span):
                continue
            phrase = normalise(" ".join(words[i : i + size])).strip(".’' ")
            spelled = phrase.split()
            if all(word in stopwords() for word in spelled):
                continue  # "been in" is no misspelt "Benin"
            key = aliases.get(phrase)
            if size == 1 and phrase in lookups.typed_lower and phrase in everyday_acronyms():
                continue  # "his tour by car" is no Central African Republic; "by CAR" would be
            known = _known(phrase, vocabulary)
            if (
                key is None
                and _cutoff(phrase)
                and not known
                and not (size == 1 and is_english(phrase))  # "parties" is no typo of "Paris"
                # a name misspelt opens and ends with a word of it: "troops to go" is no Togo
                and not (size > 1 and {spelled[0], spelled[-1]} & stopwords())
            ):
                match = lookups.near_alias(phrase, max(_cutoff(phrase) or 0, 82.0))
                if (
                    match
                    and _misspelt_as(phrase, match)
                    and _worth_correcting(phrase, aliases[match], lookups)
                ):
                    key = aliases[match]
                    corrections.append((phrase, match))
            if key:
                after_in = i > 0 and words[i - 1] in {"in", "at", "near", "inside", "to"}
                found.append(EntityRef(key, " ".join(words[i : i + size]), i, after_in))
                used.update(span)
    return found


def _names_possessed(words: list[str], aliases: Mapping[str, str]) -> list[str]:
    """The words with a name's possessive typed without its apostrophe read as the name: "nigers
    first crude", "frances ambassador" (Niger's, France's). Only for a word that is no English
    word, or only a given name: "frances" is not francs, but "turkeys" stay turkeys."""
    return [
        word[:-1]
        if word.endswith("s")
        and word not in aliases
        and word[:-1] in aliases
        and (not is_word(word) or sex_of(word) is not None)
        else word
        for word in words
    ]


@cache
def _capitals() -> dict[str, str]:
    """Each capital's place key and its country's key ("place:Kyiv" -> "country:UA")."""
    return {e.key: e.country for e in entries() if e.kind == "place" and e.country}


def _as_its_country(entity: EntityRef, named: Callable[[str], bool]) -> EntityRef:
    """A capital no article names, for its country when one does: "when did mali break off
    relations with kyiv" asks about Ukraine's government, as news writes "Kyiv said"."""
    country = _capitals().get(entity.key)
    if country is None or named(entity.key) or not named(country):
        return entity
    return replace(entity, key=country)


def _worth_correcting(phrase: str, key: str, lookups: _Lookups) -> bool:
    """Whether a phrase the articles write, if rarely, may still be read as a name near it: only
    as a name some article names, in a sentence that writes the phrase too ("Muḥammad Bāzūm" in
    Bazoum's encyclopedia lead: "bazum" is Bazoum). "Somair", a mine one new article names twice,
    is no misspelt Somalia, which no article names; "Agadem", an oilfield the articles name
    apart from Agadez, is no misspelt Agadez."""
    words = tokens(phrase)
    if not all(word in lookups.vocabulary for word in words):
        return True
    if lookups.named is not None and not lookups.named(key):
        return False
    return lookups.written_with is None or lookups.written_with(tuple(words), key)


def _misspelt_as(phrase: str, alias: str) -> bool:
    """Whether a phrase near a name is that name misspelt: word for word, each word near its
    own ("burkna faso", "silvain itte"; not "exemption security council" for the National
    Security Council, nor "b west africa" for West Africa)."""
    words, named = phrase.split(), alias.replace("-", " ").split()
    return len(words) == len(named) and all(
        fuzz.ratio(w, n) >= WORD_NEAR and OSA.distance(w, n) <= _slips(n)
        for w, n in zip(words, named, strict=True)
    )


WORD_NEAR = 75.0  # how near each word of a misspelt name is to the name's word (fuzz.ratio)
SHORT_NAME = 6  # letters of a name word misspelt by one slip at most; longer ones by two


def _slips(word: str) -> int:
    """Typing slips (a letter dropped, added or changed, two swapped) a misspelt name's word may
    hold: one in a short word, or "airlift" (two letters added) would be the town Arlit."""
    return 1 if len(word) <= SHORT_NAME else 2


def _known(phrase: str, vocabulary: AbstractSet[str]) -> bool:
    """Whether a query phrase is the articles' own words rather than a misspelt name: all its
    words are theirs, and it is English or they use each word in more than a RARE few sentences
    ("bazum", once in a romanised aside, is still a typo of "Bazoum")."""
    words = tokens(phrase)
    if not all(w in vocabulary for w in words):
        return False
    count = getattr(vocabulary, "count", None)
    return count is None or is_word(phrase) or all(count(w) > RARE for w in words)


def _implied_intent(entities: list[EntityRef], terms: list[str]) -> str:
    if not entities:
        return "search"
    kinds = {e.key.split(":", 1)[0] for e in entities}
    if terms:
        return "search"
    for prefix, intent in (
        ("person", "who"),
        ("org", "organisation"),
        ("place", "place"),
        ("country", "timeline"),
    ):
        if prefix in kinds:
            return intent
    return "search"
