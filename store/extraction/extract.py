"""Text in, facts out: the pure pipeline from an article's text to structured, quoted facts."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Any

from store.extraction.acronyms import link_acronyms
from store.extraction.dates import DateMention, can_anchor, find_dates
from store.extraction.entities import Mention, find_mentions
from store.extraction.genders import sex_of
from store.extraction.people import (
    ANSWERING,
    INTERVIEW_LABEL,
    MAX_NAME_WORDS,
    QUOTE_SPANS,
    SpeakerLabel,
    find_roles,
    find_statement,
    speaker_label,
)
from store.extraction.quantities import Quantity, find_quantities
from store.extraction.recurring import link_places
from store.extraction.sentences import SentenceSpan, dateline_end, glued_field, split_sentences
from store.lexicon import EntityKey, entry_by_key, words

PRESENT = re.compile(r"\b(?:are|is|has|have|hosts|remain|remains|now|currently|still)\b")


@dataclass(frozen=True, slots=True)
class ExtractedFact:
    """A fact before it is stored: ``sentence`` indexes the article's sentence list."""

    kind: str
    sentence: int
    summary: str
    subject: str | None = None
    value: float | None = None
    date: str | None = None
    keywords: str = ""
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Extraction:
    sentences: tuple[SentenceSpan, ...]
    facts: tuple[ExtractedFact, ...]
    entities: tuple[tuple[str, ...], ...]  # per sentence: the keys of the entities it names


RECENT_PEOPLE = 4  # people "he" or "she" may refer back to


@dataclass(slots=True)
class _Context:
    """What one sentence's extraction may know of the article around it."""

    published: dt.date | None
    main_country: str | None
    people: dict[str, str]  # surname or full name -> canonical person key
    owners: dict[int, str] = field(default_factory=dict)  # sentence -> forces it described
    recent_people: list[Mention] = field(default_factory=list)  # named lately, the latest last
    last_speaker: Mention | None = None  # whom "she added" goes on quoting
    last_body: tuple[int, Mention] | None = None  # (sentence, speaker) whom "it said" quotes
    last_date: DateMention | None = None  # what "the next day" in a later sentence counts from
    last_day: DateMention | None = None  # the last day mentioned: an undated article's "July 28"
    roles: dict[str, set[str]] = field(default_factory=dict)  # role, lower case -> its holders
    subject: str | None = None  # the body or country the page is about (see _page_subject)
    # sentence -> the country whose forces it describes ("The Italian soldiers …"), None when it
    # names personnel without one: what "about 350 of them" in the next sentence counts
    forces: dict[int, str | None] = field(default_factory=dict)


@cache
def _any_word(key: str) -> re.Pattern[str]:
    """Any word of a words.toml list as a whole word: one alternation, which matches wherever
    one of the words would alone, instead of one search per word on every quantity."""
    nouns = sorted(words()[key], key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(re.escape(p) for p in nouns)})\b")


def _personnel() -> re.Pattern[str]:
    return _any_word("personnel")


def extract(text: str, *, published: dt.date | None) -> Extraction:
    """Split an article into sentences and extract every fact, each tied to its sentence."""
    sentences = tuple(split_sentences(text))
    texts = [_as_read(s) for s in sentences]
    mentions = [
        find_mentions(t, headline=s.kind == "heading") if s.kind != "caption" else []
        for s, t in zip(sentences, texts, strict=True)
    ]
    body = [t if s.kind == "body" else "" for s, t in zip(sentences, texts, strict=True)]
    mentions = link_acronyms(body, mentions)
    mentions = link_places(body, mentions)
    context = _Context(published, _main_country(sentences, mentions), _people(mentions))
    context.subject = _page_subject(sentences, mentions)
    facts: list[ExtractedFact] = []
    keys: list[tuple[str, ...]] = []
    speakers = _Speakers(text, context.people)
    turn: Mention | None = None  # in a transcript, the speaker whose words these are
    turn_rule = TURN_RULE
    paragraphs_on = True  # the turn goes on past its paragraph, until a label or a heading
    asked = _asks_questions(sentences, texts)  # an interview: answers are the interviewee's
    quote: _Quotation | None = None  # a quotation not yet closed
    for index, (sentence, found) in enumerate(zip(sentences, mentions, strict=True)):
        found = _link_surnames(texts[index], found, context.people)
        named = [m.key for m in found]
        spoken_from = 0
        if sentence.kind == "heading":
            turn = None
        elif _opens_paragraph(sentences, index):
            label = speaker_label(texts[index], speakers.known)
            if label is None and not paragraphs_on:
                turn = None  # "Kenneth Ekman: …" in title case speaks for its paragraph only
            if label is not None:
                paragraphs_on = label.capitals
                turn, turn_rule = speakers.named_by(label), TURN_RULE
                if label.answering:
                    # "A. Moussa, a trader, said…" opens no answer where nothing was asked
                    interviewee = _interviewee(mentions) if asked else None
                    turn, turn_rule = interviewee, INTERVIEWEE_RULE
                spoken_from = label.end
        if sentence.kind == "body":
            own = _sentence_facts(index, texts[index], found, context)
            described = _described_by_pronoun(index, texts[index], found, sentences, mentions)
            if described is not None:
                own.append(described)
                named.append(described.subject or "")
            spoken = texts[index][spoken_from:].strip()
            if turn is not None and spoken and not any(f.subject == turn.key for f in own):
                own.append(_attributed(index, spoken, turn, found, turn_rule))
            named += [f.subject for f in own if f.kind == "statement" and f.subject]
            facts.extend(own)
            _remember(index, texts[index], found, context)
        keys.append(tuple(dict.fromkeys(named)))
        if sentence.kind == "body":
            quote = _quote_opened(quote, index, sentences, texts, facts, keys, mentions)
    return Extraction(sentences, tuple(facts), tuple(keys))


# "Ousmane Diallo joins us now. He's a senior researcher at Amnesty International in Dakar.":
# "He" or "She" opening a sentence that says what someone is, after a sentence naming one person
PRONOUN_ROLE = re.compile(
    r"^(?P<pronoun>He|She)(?:['’]s|\s+is|\s+was)\s+(?:the|a|an)\s+"
    r"(?P<role>[^,;.“”()\[\]]{3,100}?)(?=\s+(?:who|which|that|whose)\b|[,;.“”()\[\]]|$)"
)
PRONOUN_ROLE_RULE = "“{pronoun}” is the one person the sentence before names"


def _described_by_pronoun(
    index: int,
    text: str,
    found: list[Mention],
    sentences: tuple[SentenceSpan, ...],
    mentions: list[list[Mention]],
) -> ExtractedFact | None:
    """The person a sentence opening "He is a …" describes: the one person the body sentence
    just before names, when this one names no one and the pronoun fits a known given name."""
    match = PRONOUN_ROLE.match(text)
    if match is None or index == 0 or any(m.kind == "person" for m in found):
        return None
    if sentences[index - 1].kind != "body":
        return None
    people = {m.key: m for m in mentions[index - 1] if m.kind == "person"}
    if len(people) != 1:
        return None
    (person,) = people.values()
    sex = sex_of(person.name.split()[0])
    if sex is not None and sex != ("male" if match["pronoun"] == "He" else "female"):
        return None
    role = match["role"].strip()
    return ExtractedFact(
        "person",
        index,
        f"{person.name} — {role}",
        subject=person.key,
        keywords=person.name,
        data={
            "role": role,
            "aliases": [],
            "subject_rule": PRONOUN_ROLE_RULE.format(pronoun=match["pronoun"]),
        },
    )


TURN_RULE = "the transcript's speaker label that opens this turn"
INTERVIEWEE_RULE = "an interview's answer: the person the article names most"


def _asks_questions(sentences: tuple[SentenceSpan, ...], texts: list[str]) -> bool:
    """Whether some paragraph opens with an interviewer's "Q." or "Question:" label."""
    return any(
        _opens_paragraph(sentences, i)
        and (label := INTERVIEW_LABEL.match(texts[i])) is not None
        and label[1].lower() not in ANSWERING
        for i in range(len(sentences))
    )


def _opens_paragraph(sentences: tuple[SentenceSpan, ...], index: int) -> bool:
    return index == 0 or sentences[index - 1].paragraph != sentences[index].paragraph


def _interviewee(mentions: list[list[Mention]]) -> Mention | None:
    """Whom an interview's "A." turns are: the person the article names most often (the first
    named, of those named as often), since the answers are the interviewee's own words."""
    people = [m for found in mentions for m in found if m.kind == "person"]
    if not people:
        return None
    counts = Counter(m.key for m in people)
    most = max(counts.values())
    return next(m for m in people if counts[m.key] == most)


QUOTE_RULE = "the quotation it is part of, attributed where it closes or is introduced"


@dataclass(frozen=True, slots=True)
class _Quotation:
    """A quotation still open: the sentence it began in, and who introduced it, if someone did
    ("Zeine expressed dissatisfaction, stating:")."""

    start: int
    speaker: Mention | None
    facts_from: int  # facts before this index are older than the quotation


def _quote_opened(
    quote: _Quotation | None,
    index: int,
    sentences: tuple[SentenceSpan, ...],
    texts: list[str],
    facts: list[ExtractedFact],
    keys: list[tuple[str, ...]],
    mentions: list[list[Mention]],
) -> _Quotation | None:
    """The quotation still open after sentence ``index``, if one is, attributing any that
    closes there.

    A quotation of several sentences is attributed where it closes ("… It's a serious failure
    for French diplomacy,” she added.") or where it was introduced ("…, stating:"); its other
    sentences are that speaker's statements too. A paragraph that does not open with a
    quotation mark ends an unclosed quotation."""
    text = texts[index]
    balance = text.count("“") - text.count("”")
    if not balance and "“" not in text:
        balance = _straight_balance(text, quote is not None)
    quoted = text.lstrip().startswith(("“", '"'))
    if quote is not None and not quoted:
        if sentences[quote.start].paragraph != sentences[index].paragraph:
            quote = None
    if quote is None:
        introducer = _introducer(index, sentences, texts, facts) if quoted else None
        first = _first_fact(facts, index)
        if balance > 0:
            # "According to the Prime Minister, “they took…": whoever this sentence quotes goes on
            # speaking until the quotation closes
            return _Quotation(index, introducer or _statement_speaker(index, facts), first)
        if introducer is not None:
            _attribute(
                range(index, index + 1), introducer, texts, facts[first:], keys, mentions, facts
            )
        return None
    if balance >= 0:
        return quote
    own = _statement_speaker(index, facts)
    speaker = own or quote.speaker
    if speaker is not None:
        last = index if own is None else index - 1
        new = facts[quote.facts_from :]
        _attribute(range(quote.start, last + 1), speaker, texts, new, keys, mentions, facts)
    return None


def _straight_balance(text: str, open_: bool) -> int:
    """How a sentence written with straight marks changes the quotation: +1 opens one, -1 closes
    the one open, 0 neither. A straight mark says not which it does, so the marks alternate from
    the state the sentence starts in; a sentence opening with one while a quotation is open
    re-opens it, as a paragraph carrying a quotation on does ("“" in curly marks)."""
    marks = text.count('"')
    if open_ and text.lstrip().startswith('"'):
        marks -= 1
    if marks % 2 == 0:
        return 0
    return -1 if open_ else 1


LOOK_BACK = 64  # facts read back to find a sentence's speaker


def _first_fact(facts: list[ExtractedFact], index: int) -> int:
    """Where the facts of sentence ``index`` (just extracted) begin in the article's list."""
    at = len(facts)
    while at > 0 and len(facts) - at < LOOK_BACK and facts[at - 1].sentence == index:
        at -= 1
    return at


def _statement_speaker(index: int, facts: list[ExtractedFact]) -> Mention | None:
    """Who a sentence's statement fact quotes, if it has one and they may go on speaking (see
    _a_speaker_goes_on): a person, an organisation, a body the sentence names by what it is
    ("“…,” the army said."). Not a country by its name: "said U.S. Air Force Maj. Gen. Kenneth
    Ekman" closed no quotation as the United States'. Its facts are among the last few: the
    look back is bounded, so a long article costs no more per sentence."""
    for f in reversed(facts[-LOOK_BACK:]):
        if (
            f.sentence == index
            and f.kind == "statement"
            and _a_speaker_goes_on(f.subject, f.data["speaker"])
        ):
            return _speaker_mention(f.data["speaker"], f.subject)
    return None


def _introducer(
    index: int, sentences: tuple[SentenceSpan, ...], texts: list[str], facts: list[ExtractedFact]
) -> Mention | None:
    """The speaker of the sentence before, when it ends with a colon that introduces a quote, or
    when it closed that speaker's quoted words in the same paragraph: "“…,” recounted Zeine.
    “First, you have come here to threaten us.”" goes on in Zeine's voice, as news writes a
    quotation resumed after its attribution."""
    before = index - 1
    if before < 0 or sentences[before].kind != "body":
        return None
    previous = texts[before].rstrip()
    closed = "”" in previous or '"' in previous
    resumed = sentences[before].paragraph == sentences[index].paragraph and closed
    if not (previous.endswith(":") or resumed):
        return None
    return _statement_speaker(before, facts)


def _attribute(
    indexes: range,
    speaker: Mention,
    texts: list[str],
    facts: list[ExtractedFact],
    keys: list[tuple[str, ...]],
    mentions: list[list[Mention]],
    out: list[ExtractedFact],
) -> None:
    """Make the sentences of a quotation the speaker's statements, named by them; ``facts`` are
    those extracted since the quotation began, ``out`` the article's list to add to."""
    said = {f.sentence for f in facts if f.kind == "statement" and f.subject}
    for i in indexes:
        if i not in said:
            out.append(_attributed(i, texts[i], speaker, mentions[i], QUOTE_RULE))
            keys[i] = tuple(dict.fromkeys([*keys[i], speaker.key]))


# A run of capitalised words, whole: where a name may be written out ("… Pat Ryder, Pentagon").
CAPITALISED_RUN = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*")


class _Speakers:
    """Who an article's transcript labels name. Every lookup is a dictionary's, so an article
    of thousands of labels costs no more per label than one of ten."""

    def __init__(self, text: str, people: dict[str, str]) -> None:
        self.text = text
        self.people = people  # the article's: a label's person is linked by surname later too
        self.known = {name.lower(): key for name, key in people.items()}
        self._written: set[str] | None = None

    def named_by(self, label: SpeakerLabel) -> Mention | None:
        """The person a label names ("MR. MILLER" -> "Miller"): someone the article names in
        full ("Matthew Miller"); else the label's name, when a title in it ("MR.") or the name
        written out in the article ("Press Gaggle With … Pat Ryder") says it is a person's. A
        label naming no one the text names (a "NIAMEY:" dateline), or no one at all ("Q:"),
        attributes nothing."""
        name = label.name
        if not name:
            return None
        key = self.known.get(name.lower()) or self.known.get(name.split()[-1].lower())
        if key is None and (label.titled or name in self.written()):
            person = [m for m in find_mentions(name) if m.kind == "person" and m.text == name]
            key = person[0].key if person else (f"person:{name}" if label.titled else None)
        if key is None:
            return None
        shown = EntityKey(key).name
        for alias in (shown, shown.split()[-1]):  # "GEN. RYDER:" later is "PAT RYDER:"
            if alias not in self.people:
                self.people[alias] = self.known[alias.lower()] = key
        return Mention(0, 0, shown, "person", key, shown, "label")

    def written(self) -> set[str]:
        """Every run of up to MAX_NAME_WORDS capitalised words in the article, read once."""
        if self._written is None:
            self._written = set()
            for run in CAPITALISED_RUN.finditer(self.text):
                words = run.group().split(" ")
                for size in range(1, MAX_NAME_WORDS + 1):
                    for at in range(len(words) - size + 1):
                        self._written.add(" ".join(words[at : at + size]))
        return self._written


def _attributed(
    index: int, words: str, speaker: Mention, found: list[Mention], rule: str
) -> ExtractedFact:
    """A sentence (``words``: without a speaker label) that is the speaker's statement by
    ``rule``, whether or not it names them."""
    return ExtractedFact(
        "statement",
        index,
        f"{speaker.name} said: {words.strip()}",
        subject=speaker.key or None,
        keywords=" ".join(dict.fromkeys([speaker.name, *(m.name for m in found)])),
        data={
            "speaker": speaker.name,
            "content": words.strip(),
            "verb": "said",
            "speaker_rule": rule,
        },
    )


def _as_read(sentence: SentenceSpan) -> str:
    """The words rules read in a sentence: without a wire dateline, and an infobox field glued
    to its label read apart ("In useNovember 2019" as "In use: November 2019"), so its date
    is a date; the quote shown is still the sentence as written."""
    glued = glued_field(sentence.text) if sentence.kind == "body" else 0
    if glued:
        return f"{sentence.text[:glued]}: {sentence.text[glued:]}"
    return _without_dateline(sentence.text)


def _without_dateline(sentence: str) -> str:
    """The sentence with its wire dateline ("NIAMEY, June 14 (Reuters) - ") blanked out, at
    the same length so that offsets still point into the sentence: where a story was filed is
    not a place, an agency or a date that the sentence reports."""
    end = dateline_end(sentence)
    return " " * end + sentence[end:] if end else sentence


LOCATION_BEFORE = re.compile(r"\b(?:in|at|to|into|from|across|inside|within|of)\s+(?:the\s+)?$")


def _main_country(sentences: tuple[SentenceSpan, ...], mentions: list[list[Mention]]) -> str | None:
    """The country the article is set in: the one most often named as a location ("in Niger"),
    then the one most often named at all. "The country" in the text refers to it."""
    located: Counter[str] = Counter()
    named: Counter[str] = Counter()
    for sentence, found in zip(sentences, mentions, strict=True):
        if sentence.kind != "body":
            continue
        for m in found:
            if m.kind == "country" and m.via != "demonym":
                named[m.key] += 1
                if LOCATION_BEFORE.search(sentence.text[max(0, m.start - 12) : m.start]):
                    located[m.key] += 1
    ranked = located or named
    return ranked.most_common(1)[0][0] if ranked else None


def _page_subject(sentences: tuple[SentenceSpan, ...], mentions: list[list[Mention]]) -> str | None:
    """The body or country a page is about: the first its opening heading names ("= Jama'at
    Nusrat al-Islam wal-Muslimin =", "Niger Armed Forces"), None when the page opens otherwise.
    An encyclopedia's infobox rows are about it ("Size: 2,000–3,000 (2022 estimate)")."""
    if not sentences or sentences[0].kind != "heading":
        return None
    return next((m.key for m in mentions[0] if m.kind in {"organisation", "country"}), None)


def _people(mentions: list[list[Mention]]) -> dict[str, str]:
    people: dict[str, str] = {}
    for found in mentions:
        for m in found:
            if m.kind == "person" and " " in m.name:
                people.setdefault(m.name, m.key)
                people.setdefault(m.name.split()[-1], m.key)
    return people


def _remember(index: int, sentence: str, found: list[Mention], context: _Context) -> None:
    """Note whose forces and which person a sentence was about, for the sentences after it."""
    for m in found:
        if (
            m.kind in {"country", "organisation"}
            and _country_of(m)
            and _is_personnel(sentence[m.end : m.end + 30].split(",")[0])
        ):
            context.owners[index] = _country_of(m)  # type: ignore[assignment]
    quoted = [m.span() for m in QUOTE_SPANS.finditer(sentence)]
    people = [
        m
        for m in found
        if m.kind == "person" and not any(start <= m.start < end for start, end in quoted)
    ]  # a name inside a quotation is what was said, not whom the story goes on about
    for person in people:
        recent = [p for p in context.recent_people if p.key != person.key]
        context.recent_people = [*recent, person][-RECENT_PEOPLE:]


# A capitalised word not followed by another one: "Phee said", not "Phee Smith".
SURNAME = re.compile(r"(?<![\w’'-])[A-Z]\w*(?:[’'][A-Z]\w*)?(?:-\w+)*(?![\w-])(?!\s+[A-Z])")


def _link_surnames(sentence: str, found: list[Mention], people: dict[str, str]) -> list[Mention]:
    """Later mentions by surname ("Phee said") name the person introduced in full earlier."""
    linked = []
    for m in found:
        if m.via == "pattern" and m.kind == "place" and m.name in people:
            m = Mention(m.start, m.end, m.text, "person", people[m.name], m.name, "surname")
        if m.kind == "person" and m.name in people and people[m.name] != m.key:
            key = people[m.name]
            m = Mention(m.start, m.end, m.text, "person", key, EntityKey(key).name, m.via)
        linked.append(m)
    taken = sorted((m.start, m.end) for m in linked)
    starts = [start for start, _ in taken]
    for match in SURNAME.finditer(sentence):  # one pass over the words, whatever the cast
        known = people.get(match.group())
        if known is None:
            continue
        surname, key = match.group(), known
        at = bisect_left(starts, match.start() + 1) - 1
        if at < 0 or not taken[at][0] <= match.start() < taken[at][1]:
            linked.append(
                Mention(
                    match.start(),
                    match.end(),
                    surname,
                    "person",
                    key,
                    EntityKey(key).name,
                    "surname",
                )
            )
    return sorted(linked, key=lambda m: m.start)


def _sentence_facts(
    index: int, sentence: str, found: list[Mention], context: _Context
) -> list[ExtractedFact]:
    dates = find_dates(sentence, context.published, anchor=context.last_date, on=context.last_day)
    context.last_date = next((d for d in reversed(dates) if can_anchor(d)), context.last_date)
    context.last_day = next(
        (d for d in reversed(dates) if can_anchor(d) and d.date and d.date.day), context.last_day
    )
    quantities = find_quantities(sentence)
    names = " ".join(dict.fromkeys(m.name for m in found))
    facts: list[ExtractedFact] = []
    facts.extend(_counts(index, sentence, found, quantities, dates, context, names))
    facts.extend(_money(index, sentence, found, quantities, dates, names))
    facts.extend(_events(index, sentence, found, dates, names))
    facts.extend(_entities(index, sentence, found))
    for fact in facts:
        if fact.kind == "person" and fact.subject and fact.data.get("role"):
            context.roles.setdefault(fact.data["role"].lower(), set()).add(fact.subject)
    body = context.last_body
    statement = find_statement(
        sentence,
        found,
        previous_people=context.recent_people,
        previous_speaker=context.last_speaker,
        previous_body=body[1] if body and index - body[0] <= BODY_SPEAKS_ON else None,
    )
    rule = None
    if statement and statement.speaker_key is None:
        holder = _role_holder(statement.speaker, context)
        if holder is not None:
            rule = f"{ROLE_RULE}: {statement.speaker}"
            statement = replace(statement, speaker=EntityKey(holder).name, speaker_key=holder)
    if statement:
        if statement.speaker_key and statement.speaker_key.startswith("person:"):
            context.last_speaker = next(
                (m for m in found if m.key == statement.speaker_key), context.last_speaker
            )
        elif _a_speaker_goes_on(statement.speaker_key, statement.speaker):
            # an organisation or a body ("the army", "Niger’s interior ministry"): "it said"
            context.last_body = (index, _speaker_mention(statement.speaker, statement.speaker_key))
        facts.append(
            ExtractedFact(
                "statement",
                index,
                f"{statement.speaker} {statement.verb}: {statement.content}",
                subject=statement.speaker_key,
                date=_first_date(dates),
                keywords=names,
                data={
                    "speaker": statement.speaker,
                    "content": statement.content,
                    "verb": statement.verb,
                    **({"speaker_rule": rule} if rule else {}),
                },
            )
        )
    return facts


def _a_speaker_goes_on(key: str | None, name: str) -> bool:
    """Whether a speaker may go on speaking in the sentences after (a quotation it closes, "it
    said"): anyone but a country by its name, which is more often named beside the speaker than
    speaking, and "Niger said …" is any of its government; a country's body ("Niger’s interior
    ministry") may."""
    return not (key or "").startswith("country:") or "’s " in name or "'s " in name


BODY_SPEAKS_ON = 2  # sentences after a body spoke in which "it said" may still be quoting it


def _speaker_mention(name: str, key: str | None) -> Mention:
    """A speaker as a mention, wherever it was named: an unnamed one ("the army") has key ""."""
    kind = "person" if (key or "").startswith("person:") else "organisation"
    return Mention(0, 0, name, kind, key or "", name, "quote")


ROLE_RULE = "the one person the article gave this role before"


def _role_holder(speaker: str, context: _Context) -> str | None:
    """The person an unnamed speaker is, when the article named exactly one person with that
    role before ("According to the Prime Minister" after "Prime Minister of Niger Ali Mahaman
    Lamine Zain"). None when no one or several hold it."""
    role = re.sub(r"^(?:the|a|an)\s+", "", speaker.strip(), flags=re.IGNORECASE).lower()
    if len(role.split()) < 2 and role not in ROLE_WORDS:
        return None  # "the official", "the source": too common to name anyone
    holders = {key for held, keys in context.roles.items() if _holds(held, role) for key in keys}
    return holders.pop() if len(holders) == 1 else None


ROLE_WORDS = frozenset({"spokesman", "spokeswoman", "spokesperson", "president", "minister"})


def _holds(held: str, role: str) -> bool:
    """Whether a role as written ("prime minister of niger") is the one a speaker is called by
    ("prime minister"): its words in order, as a phrase."""
    return re.search(rf"\b{re.escape(role)}\b", held) is not None


def _first_date(dates: list[DateMention]) -> str | None:
    resolved = [d.date for d in dates if d.date is not None]
    return resolved[0].iso() if resolved else None


def _is_personnel(noun: str | None) -> bool:
    if not noun:
        return False
    return _personnel().search(noun.lower()) is not None


def _counts_troops(q: Quantity) -> bool:
    """Whether a figure counts troops: its noun is personnel ("1,000 US troops"), or it is the
    strength of an armed unit ("a 2,000-strong military force", "the 1,500-strong French
    contingent"). A crowd, a workforce or a police force of that strength counts no troops."""
    if _is_personnel(q.noun):
        return True
    noun = (q.noun or "").lower()
    return (
        q.strength
        and _any_word("armed_units").search(noun) is not None
        and _any_word("unarmed_unit_words").search(noun) is None
    )


def _counts(index, sentence, found, quantities, dates, context, names) -> list[ExtractedFact]:
    facts: list[ExtractedFact] = []
    parent: ExtractedFact | None = None
    layout = _Layout(sentence, found)
    row = SIZE_ROW.match(sentence) if context.subject else None
    for q in quantities:
        if q.currency or (q.noun or "").strip() in {"%", "percent"}:
            continue
        inherits = parent is not None and q.noun is None
        sized = row is not None and q.noun is None
        of_them = q.noun is None and index - 1 in context.forces and OF_THEM.match(sentence, q.end)
        numbering = q.noun is None and _numbers_a_force(sentence, q)
        if not _counts_troops(q) and not (inherits or sized or of_them or numbering):
            parent = None
            continue
        if sized and row is not None and context.subject:
            owners, rule = [context.subject], f"the page's subject, in its “{row[1]}” row"
        elif of_them:
            # "The Italian soldiers … are safe in the base. There are about 350 of them."
            owner = context.forces[index - 1]
            owners, rule = [owner] if owner else [], "the forces the sentence before describes"
        else:
            owners, rule = _owners(index, layout, q, context)
        if inherits and parent is not None and not owners:
            owners, rule = [parent.subject], "the figure it is part of"
        when, when_rule = _as_of(sentence, q, dates, context)
        for owner in owners or [None]:
            where = _where(layout, q, owner, context)
            fact = ExtractedFact(
                "troops",
                index,
                _count_summary(q, owner, rule, where),
                subject=owner,
                value=q.value,
                date=when,
                keywords=f"troops forces {names}",
                data={
                    "qualifier": q.qualifier,
                    "low": q.low,
                    "high": q.high,
                    "text": q.text,
                    "noun": q.noun,
                    "owner_rule": rule,
                    "where": where,
                    "date_rule": when_rule,
                },
            )
            facts.append(fact)
            parent = parent or fact
        if owners:
            context.owners[index] = owners[0]
    described = _personnel().search(sentence.lower())
    if described is not None:
        context.forces[index] = next(
            (
                _country_of(m)
                for m in found
                if _country_of(m) and 0 <= described.start() - m.end <= 1
            ),
            None,
        )
    return facts


# A count of the force named before it, or of the personnel the sentence before names: "The US
# force in Niger, numbering about 1,100, …", "There are about 350 of them".
OF_THEM = re.compile(r"\s+of\s+(?:them|whom)\b")
NUMBERING = re.compile(r"\b(?:numbering|numbered|totall?ing|totall?ed)\s+$")
NUMBERING_READ = 20  # characters before a figure in which "numbering" is looked for


def _numbers_a_force(sentence: str, q: Quantity) -> bool:
    """Whether a bare figure follows "numbering" and a force or its personnel named before it."""
    if not NUMBERING.search(sentence, max(0, q.start - NUMBERING_READ), q.start):
        return False
    before = sentence[: q.start].lower()
    named = _personnel().search(before) or _any_word("armed_units").search(before)
    return named is not None and _any_word("unarmed_unit_words").search(before) is None


# An infobox row giving the size of a force ("Size: 2,000–3,000 (2022 estimate)", "Strength:
# 5,000", "Active personnel: 33,000"): its bare figures count the page subject's members.
SIZE_ROW = re.compile(
    r"((?:Active |Reserve |Military )?(?:[Pp]ersonnel|Size|Strength|Manpower(?: [Dd]ata)?|"
    r"Fighters|Troops))\d?:\s"
)
HOSTING = re.compile(r"\b(?:host|hosts|hosted|hosting|welcom\w*|allow\w*)\b")
OWNER_MEMORY = 3  # sentences a described force stays "the troops" for
OWNED_BY = re.compile(r"\s*(?:from|of)\s+(?:the\s+)?")  # "troops from France"
JOINED = re.compile(r"\s*(?:,|and|&|,\s*and)\s*(?:the\s+)?")  # "The US and France"
IN_THE_COUNTRY = re.compile(r"\bin the country\b")
AT_BEFORE = re.compile(r"\b(?:in|at)\s+$")


class _Layout:
    """One sentence's mentions indexed by position, so that linking each of its quantities to
    an owner and a place costs a few binary searches rather than a scan of the sentence."""

    def __init__(self, sentence: str, found: list[Mention]) -> None:
        self.sentence = sentence
        self.found = found
        self.starts = [m.start for m in found]
        # mentions that may act (a country or a body with one, not after "in"), by their end
        self.actors = [
            m
            for m in found
            if _country_of(m)
            and not LOCATION_BEFORE.search(sentence[max(0, m.start - 12) : m.start])
        ]
        self.actors.sort(key=lambda m: m.end)
        self.actor_ends = [m.end for m in self.actors]
        self.hosting = [h.end() for h in HOSTING.finditer(sentence)]
        self.in_country = [c.start() for c in IN_THE_COUNTRY.finditer(sentence)]

    def hosting_between(self, start: int, end: int) -> bool:
        at = bisect_left(self.hosting, start)
        return at < len(self.hosting) and self.hosting[at] <= end

    def from_(self, position: int) -> list[Mention]:
        return self.found[bisect_left(self.starts, position) :]


def _owners(index: int, layout: _Layout, q: Quantity, context: _Context):
    """Whose forces a count is: named with the counted noun ("US troops", "troops from
    France"), else the countries acting in the sentence ("Germany had ...", "The US and
    France had ..."; not a location, not a host), else the forces the last sentences described.
    A figure with two owners belongs to each."""
    sentence = layout.sentence
    noun_start, noun_end = q.noun_start or q.end, q.noun_end or q.end
    named: list[str] = []
    for m in layout.from_(noun_start):
        if m.start >= noun_end + 25:
            break
        country = _country_of(m)
        inside = m.start < noun_end
        if country and (inside or OWNED_BY.fullmatch(sentence[noun_end : m.start])):
            named.append(country)
        elif not inside:
            break
    if named:
        texts = [m.text for m in layout.from_(noun_start) if _country_of(m) in named]
        return list(dict.fromkeys(named)), f"named with the count ({', '.join(texts[:3])})"
    at = bisect_left(layout.actor_ends, q.start + 1) - 1
    if at >= 0 and not layout.hosting_between(layout.actors[at].end, q.start):
        acting = [layout.actors[at]]
        while at > 0 and JOINED.fullmatch(
            sentence[layout.actors[at - 1].end : layout.actors[at].start]
        ):
            at -= 1
            acting.insert(0, layout.actors[at])
        owners = list(dict.fromkeys(_country_of(m) for m in acting))
        rule = f"the sentence's actor ({' and '.join(m.text for m in acting)})"
        return owners, rule if len(acting) == 1 else rule.replace("actor", "actors")
    for back in range(index - 1, index - 1 - OWNER_MEMORY, -1):
        if back in context.owners:
            return [context.owners[back]], "the forces the previous sentences describe"
    return [], "not stated"


def _country_of(m: Mention) -> str | None:
    if m.kind == "country":
        return m.key
    if m.kind == "organisation":
        entry = entry_by_key().get(m.key)
        return entry.country if entry else None
    return None


def _where(layout: _Layout, q: Quantity, owner: str | None, context: _Context) -> str | None:
    sentence = layout.sentence
    for m in layout.from_(q.end):
        if m.kind in {"place", "country"} and m.key != owner:
            return m.name
    if context.main_country and bisect_left(layout.in_country, q.end) < len(layout.in_country):
        return entry_by_key()[context.main_country].name
    before = layout.found[: bisect_left(layout.starts, q.start)]
    for m in before:
        if m.end <= q.start and m.kind == "country" and layout.hosting_between(m.end, q.start):
            return m.name
    for m in before:
        if (
            m.end <= q.start
            and m.kind in {"place", "country"}
            and m.key != owner
            and AT_BEFORE.search(sentence[max(0, m.start - 4) : m.start])
        ):
            return m.name
    return None


def _as_of(sentence, q, dates, context) -> tuple[str | None, str]:
    resolved = [d for d in dates if d.date is not None]
    if resolved:
        nearest = min(resolved, key=lambda d: abs(d.start - q.start))
        return nearest.date.iso(), f"{nearest.relation} “{nearest.text}” ({nearest.rule})"
    if context.published and PRESENT.search(sentence):
        return context.published.isoformat(), "present tense: as of publication"
    return None, "no date stated"


def _count_summary(q: Quantity, owner: str | None, rule: str, where: str | None) -> str:
    who = entry_by_key()[owner].name if owner in entry_by_key() else None
    noun = q.noun or "personnel"
    text = f"{q.text} {noun}"
    if who and not rule.startswith("named with the count"):
        text += f" ({who})"
    return f"{text} in {where}" if where else text


def _money(index, sentence, found, quantities, dates, names) -> list[ExtractedFact]:
    facts = []
    for q in quantities:
        if not q.currency:
            continue
        purpose = _clause(sentence, q.start, q.end)
        payer = next((_country_of(m) for m in found if _country_of(m)), None)
        facts.append(
            ExtractedFact(
                "money",
                index,
                f"{q.text} — {purpose}",
                subject=payer,
                value=q.value,
                date=_first_date(dates),
                keywords=f"money cost aid {names}",
                data={
                    "qualifier": q.qualifier,
                    "low": q.low,
                    "high": q.high,
                    "currency": q.currency,
                    "purpose": purpose,
                    "text": q.text,
                },
            )
        )
    return facts


def _clause(sentence: str, start: int, end: int) -> str:
    """The clause around a span, which says what an amount is for or what happened on a date:
    cut only at a comma or semicolon that ends a clause (never the comma of "1,100", never
    inside a quotation or brackets), without a dangling "and" or "but" at its start, and
    widened to the next clause when it would be the span and a word or two alone."""
    cuts = _clause_cuts(sentence)
    at = bisect_left(cuts, start)
    left = cuts[at - 1] + 1 if at > 0 else 0
    right_at = bisect_left(cuts, end)
    right = cuts[right_at] if right_at < len(cuts) else len(sentence)
    clause = _trimmed(sentence[left:right])
    span_words = len(sentence[start:end].split())
    while len(clause.split()) - span_words < MIN_CLAUSE_WORDS and right < len(sentence):
        right_at += 1
        right = cuts[right_at] if right_at < len(cuts) else len(sentence)
        clause = _trimmed(sentence[left:right])
    return clause


MIN_CLAUSE_WORDS = 3  # words besides the amount or date: "In December" alone says nothing
LEADING_CONJUNCTION = re.compile(r"(?:(?:and|but|or|so|yet|while|whereas)\b[\s,]*)+", re.I)


def _trimmed(clause: str) -> str:
    clause = clause.strip(" .;,")
    found = LEADING_CONJUNCTION.match(clause)
    return clause[found.end() :] if found and found.end() < len(clause) else clause


@lru_cache(maxsize=64)
def _clause_cuts(sentence: str) -> list[int]:
    """Offsets of the commas and semicolons of ``sentence`` that end a clause, in one pass."""
    cuts: list[int] = []
    depth, quoted, straight = 0, 0, False
    for i, char in enumerate(sentence):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char == "“":
            quoted += 1
        elif char == "”":
            quoted = max(0, quoted - 1)
        elif char == '"':
            straight = not straight
        elif char in ",;" and not (depth or quoted or straight):
            following = sentence[i + 1 : i + 2]
            if char == ";" or not following.isdigit():
                cuts.append(i)
    return cuts


def _events(index, sentence, found, dates, names) -> list[ExtractedFact]:
    """One event per resolved date, summarised by the words that date governs: "The US on
    Tuesday declared that the July takeover was a coup" gives the declaration on Tuesday (the
    whole clause) and "the July takeover was a coup" in July, so a "when" question about the
    declaration finds Tuesday's event first, not a tie settled by the earlier date."""
    facts = []
    actors = list(dict.fromkeys(m.key for m in found if m.kind != "place"))
    resolved = [d for d in dates if d.date is not None]
    for d in resolved:
        data = {
            "actors": actors,
            "relation": d.relation,
            "date_text": d.text,
            "date_rule": d.rule,
        }
        if d.details:
            data["date_details"] = dict(d.details)
        facts.append(
            ExtractedFact(
                "event",
                index,
                _governed(sentence, d, resolved) or sentence,
                subject=actors[0] if actors else None,
                date=d.date.iso(),
                keywords=names,
                data=data,
            )
        )
    return facts


# Where a date's own words begin when another date comes before it in the clause: a determiner
# just before it makes it part of a noun phrase ("the July takeover"), and a complementiser or
# subordinator between the two dates opens the clause the later date belongs to.
ATTRIBUTIVE = re.compile(r"(?i:\b(?:the|a|an|its|their|his|her|our|this|that)\s+)$")
SUBORDINATE = re.compile(r"(?i:\b(?:that|which|who|when|while|after|before|as|because|where)\b)")
# Where a noun phrase that a date modifies ends: at a verb, a clause word or punctuation.
PHRASE_END = re.compile(
    r"[,;:.!?()“”\"]|\s(?i:is|was|were|are|be|been|has|had|have|will|would|could|should|may|"
    r"might|can|did|does|do|that|which|who|when|while|as|and|but|or|said|says)\b"
)


def _governed(sentence: str, d: DateMention, dates: list[DateMention]) -> str:
    """The part of the date's clause that the date governs. The first date in a clause keeps
    the whole clause (the main verb is its event); a later one keeps only the noun phrase it
    modifies ("the July takeover in Niger": what was a coup is what the declaration said) or
    its subordinate clause, to the clause's end."""
    clause = _clause(sentence, d.start, d.end)
    if not clause:
        return clause
    left = sentence.find(clause)
    besides = len(re.findall(r"\w+", clause.replace(d.text, "")))
    opening = left == 0 and FRONTED.match(clause) is not None
    if besides < 2 or (opening and besides < FRONTED_WORDS):
        # "Following the coup last year, the United States suspended military aid": a phrase
        # fronted before the main clause says when what the main clause tells happened
        # "Two days later, it reached the border": the date opens the clause it governs
        after = sentence.find(",", left + len(clause))
        following = _clause(sentence, after + 1, after + 1) if after != -1 else ""
        if following:
            return sentence[left : sentence.find(following, after) + len(following)].strip(" .")
        return clause
    earlier = [e for e in dates if left <= e.start < d.start and e is not d]
    if not earlier:
        return clause
    gap_start = earlier[-1].end
    right = left + len(clause)
    det = ATTRIBUTIVE.search(sentence, gap_start, d.start)
    if det:
        end = PHRASE_END.search(sentence, d.end, right)
        return sentence[det.start() : end.start() if end else right].strip(" .")
    else:
        subs = list(SUBORDINATE.finditer(sentence, gap_start, d.start))
        if not subs:
            return clause
        start = subs[-1].start()
        if subs[-1].group().lower() in {"that", "which"}:
            start = subs[-1].end()  # "that French troops would ..." reads on its own without it
    return sentence[start:right].strip(" .")


# A sentence's opening phrase that dates its main clause ("Following the coup last year, …",
# "After the attack on Sunday, …"), when it is this short: a longer one has an event of its own
# ("Before the US repositioned its forces in September, there were …").
FRONTED = re.compile(r"(?i)(?:following|after|before|since|during|amid|despite|until|by)\s")
FRONTED_WORDS = 5


BASE_KIND = re.compile(r"\b((?:drone|air|military|naval|army)\s+(?:base|facility|outpost))\b", re.I)


def _base_descriptions(sentence: str, found: list[Mention], base: Mention) -> list[str]:
    """How a sentence that names a numbered base describes it: "drone base", "near Agadez"."""
    described = [m.group(1).lower() for m in BASE_KIND.finditer(sentence)]
    for m in found:
        if m.kind == "place" and m.key != base.key and m.start > base.start:
            before = sentence[max(base.end, m.start - 12) : m.start]
            near = re.search(r"\b(near|in|outside|at)\s+$", before)
            if near:
                described.append(f"{near.group(1)} {m.name}")
    return list(dict.fromkeys(described))


def _entities(index, sentence, found) -> list[ExtractedFact]:
    facts = []
    seen: set[str] = set()
    roles = {r.person.key: r.role for r in find_roles(sentence, found)}
    for m in found:
        if m.key in seen or m.kind == "country":
            continue
        seen.add(m.key)
        aliases = sorted({x.text for x in found if x.key == m.key})
        if m.kind == "person":
            role = roles.get(m.key)
            summary = f"{m.name} — {role}" if role else m.name
            data = {"role": role, "aliases": aliases}
        elif m.kind == "organisation":
            entry = entry_by_key().get(m.key)
            acronym = (
                entry.acronym if entry else (EntityKey(m.key).name if m.key[4:].isupper() else None)
            )
            summary = f"{m.name} ({acronym})" if acronym and acronym != m.name else m.name
            data = {"acronym": acronym, "aliases": aliases}
        else:
            summary = m.name
            data = {"aliases": aliases}
            if m.key.startswith("place:Air Base"):
                data["described_as"] = _base_descriptions(sentence, found, m)
                if data["described_as"]:
                    summary = f"{m.name} ({', '.join(data['described_as'])})"
        facts.append(
            ExtractedFact(
                m.kind, index, summary, subject=m.key, keywords=" ".join(aliases), data=data
            )
        )
    return facts
