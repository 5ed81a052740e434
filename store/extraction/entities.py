"""Find who and what a sentence names: countries, organisations, places and people."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from store.extraction.genders import sex_of
from store.lexicon import Entry, entries, without_accents, words
from store.lexicon.english import is_word, rarity

APOS = "’'"
NAME_TOKEN = rf"(?:(?:Mc|Mac|De|Di|La|Le|O’|O')?[A-Z][a-zà-ÿ{APOS}]+(?:-[A-Z]?[a-zà-ÿ]+)*|[A-Z]\.)"
PARTICLE = r"(?:al-|el-|bin|ben|de|da|dos|du|van|von|le|la|wal)"
NAME_SEQUENCE = re.compile(rf"{NAME_TOKEN}(?:\s+(?:{PARTICLE}\s+)?{NAME_TOKEN}){{1,6}}")
# "(ECOWAS)", "(UEMOA)", and a bloc's own acronym joined to its bank's: "(BCID-AES)"
ACRONYM_IN_PARENS = re.compile(r"\(([A-Z][A-Za-z]{1,9}(?:-[A-Z]{2,6})?)\)")
# "Air Base 201", "Base Aérienne 101", and TASS's "the 101st Air Base" (a number this short
# before it is no year: "the 2023 air base attack" is not read)
NUMBERED_BASE = re.compile(
    r"\b(?:[Aa]ir\s?[Bb]ase|[Bb]ase\s+[Aa][ée]rienne|[Bb]ase|BA|NAB)\s+(\d{2,4})\b"
    r"|\b(\d{2,3})(?:st|nd|rd|th)?\s+[Aa]ir\s?[Bb]ase\b"
)
PLACE_NAME = rf"{NAME_TOKEN}(?:[\s-]+{NAME_TOKEN}){{0,2}}"
PLACE_AFTER = re.compile(
    rf"\b(?:in|at|near|to|from|outside|around)\s+({PLACE_NAME})(?:\s+and\s+({PLACE_NAME}))?"
)
# "Seme Kpodji, in southern Benin", "Agadem, in eastern Niger": a name placed in part of a
# country is a place, whatever its words
LOCATED = re.compile(
    r",\s+in\s+(?:the\s+)?(?:far\s+)?(?:(?:north|south)(?:-?(?:east|west))?|east|west|central)"
    r"(?:ern)?\s+[A-Z]"
)
PLACE_LOCATED = re.compile(rf"\b({PLACE_NAME})(?={LOCATED.pattern})")
CONNECTORS = {"of", "for", "the", "and", "de", "du", "la", "le", "des", "al", "wal", "on", "in"}
WRITTEN_AS_A_WORD = 4  # letters of an acronym some papers write as a word ("Nato"); "AES" no
EVERYDAY_WORD = 400  # rarity (store.lexicon.english): "need" 283, "Tillia" unlisted
CURRENCY_AFTER = re.compile(r" ?\$")  # after a country's name or code: its dollar
# an Arabic article or particle joined to a capitalised word: "al-Islam", "wal-Muslimin"
JOINED_PARTICLE = re.compile(r"(?:al|el|ad|ar|as|ash|an|at|ul|wal|bin|ibn)-[A-Z]")


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a sentence that names an entity, with the entity's canonical key."""

    start: int
    end: int
    text: str
    kind: str  # "country", "organisation", "place", "person"
    key: str
    name: str
    via: str  # "name", "demonym", "acronym", "pattern"


@cache
def _gazetteer() -> tuple[re.Pattern[str], dict[str, tuple[Entry, str]]]:
    table: dict[str, tuple[Entry, str]] = {}
    for entry in entries():
        for demonym in entry.demonyms:
            table.setdefault(demonym, (entry, "demonym"))
        for alias in entry.aliases:
            via = "acronym" if alias == entry.acronym else "name"
            table[alias] = (entry, via)
    for written, found in list(table.items()):
        for variant in _spellings(written):
            table.setdefault(variant, found)
    alternatives = sorted(table, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w])(?:" + "|".join(re.escape(a) for a in alternatives) + r")(?![\w])"
    )
    return pattern, table


def _spellings(name: str) -> set[str]:
    """The ways an article may write a known name that the lexicon lists once: with either
    apostrophe ("Cote d’Ivoire", "Cote d'Ivoire") and with or without its accents ("Cote",
    "Côte"; "Tillaberi", "Tillabéri")."""
    forms = {name, without_accents(name)}
    forms |= {f.replace("'", "’") for f in forms} | {f.replace("’", "'") for f in forms}
    forms |= {_capitalised(f) for f in forms}
    if (
        len(name) >= WRITTEN_AS_A_WORD
        and name.isupper()
        and name.isalpha()
        and rarity(name) > EVERYDAY_WORD
    ):
        forms.add(name.capitalize())  # British papers write "Ecowas", "Nato", "Africom"
    return forms - {name}


def _capitalised(name: str) -> str:
    """A name of several words with each word but its connectors capitalised: the lexicon's
    "Sahel alliance" is an article's "the Sahel Alliance". One word stays as it is ("junta")."""
    parts = name.split(" ")
    if len(parts) < 2 or not any(p[:1].isupper() for p in parts):
        return name
    return " ".join(p if p in CONNECTORS else p[:1].upper() + p[1:] for p in parts)


def known_alias(text: str) -> bool:
    """Whether the lexicon knows these exact words as a name, acronym or demonym ("UN", "US")."""
    return text in _gazetteer()[1]


@cache
def _not_names() -> frozenset[str]:
    return frozenset(words()["not_names"])


@cache
def _org_openers() -> frozenset[str]:
    return frozenset(words()["organisation_openers"])


@cache
def _org_heads() -> frozenset[str]:
    return frozenset(words()["organisation_heads"])


@cache
def _places_named_by_noun() -> re.Pattern[str]:
    """A capitalised name after "town of" or before "region" (words.toml place_nouns)."""
    nouns = "|".join(words()["place_nouns"])
    return re.compile(
        rf"\b(?:{nouns})\s+of\s+({PLACE_NAME})|\b(?<=the\s)({PLACE_NAME})\s+(?:{nouns})\b"
    )


def _overlaps(start: int, end: int, taken: list[Mention]) -> bool:
    return any(start < m.end and m.start < end for m in taken)


def find_mentions(sentence: str, *, headline: bool = False) -> list[Mention]:
    """All entity mentions in one sentence, left to right, without overlaps.

    Known names win over patterns; a "Full Name (ACRONYM)" pair names one organisation; a run of
    capitalised words that is not a known name is a person, or an organisation when it contains
    an organisation word ("Council", "Ministry", ...). In a headline every word is capitalised,
    so only known names count there, and in a sentence in title case (_title_cased).
    """
    found: list[Mention] = []
    for match in ACRONYM_IN_PARENS.finditer(sentence):
        found.extend(_acronym_definition(sentence, match))
    for match in NUMBERED_BASE.finditer(sentence):
        if not _overlaps(match.start(), match.end(), found):
            name = f"Air Base {match.group(1) or match.group(2)}"
            found.append(
                Mention(
                    match.start(),
                    match.end(),
                    match.group(0),
                    "place",
                    f"place:{name}",
                    name,
                    "pattern",
                )
            )
    pattern, table = _gazetteer()
    for match in pattern.finditer(sentence):
        if _overlaps(match.start(), match.end(), found):
            continue
        if CURRENCY_AFTER.match(sentence, match.end()):
            continue  # "US$ 25 million", "(US$)": a currency, not the country
        entry, via = table[match.group(0)]
        found.append(
            Mention(
                match.start(), match.end(), match.group(0), entry.kind, entry.key, entry.name, via
            )
        )
    if headline or _title_cased(sentence):
        return sorted(found, key=lambda m: m.start)
    for match in NAME_SEQUENCE.finditer(sentence):
        found.extend(_name_mentions(sentence, match.start(), match.end(), found))
    for match in _places_named_by_noun().finditer(sentence):
        _add_place(found, match, 1 if match.group(1) is not None else 2)
    for match in PLACE_LOCATED.finditer(sentence):
        _add_place(found, match, 1)
    for match in PLACE_AFTER.finditer(sentence):
        for group in (1, 2):
            if match.group(group) is not None:
                _add_place(found, match, group)
    return sorted(found, key=lambda m: m.start)


# Words a title in title case leaves in lower case ("Hippo Attack in South Africa: … to Death at
# Mkhuze Game Reserve"), and how many other words, all capitalised, make a sentence one.
TITLE_SMALL_WORDS = frozenset(
    "a an the of in on at to for and or nor but by with from as vs via after over into about"
    " up off out".split()
)
TITLE_CASED_WORDS = 6
TITLE_ENGLISH_WORDS = 3  # ... of them ordinary English words, not titles ("Crushes", "Death")
WORD_IN_TITLE = re.compile(r"[^\W\d_][\w’'-]*")


def _title_cased(sentence: str) -> bool:
    """Whether a body sentence is a title in title case, where every word is capitalised and
    only known names count, as in a headline: a site's link to another story inside the article
    ("Hippo Attack in South Africa: Hippopotamus Crushes Park Ranger …") names no person "Hippo
    Attack". A row of names ("Commander: Brigadier General Moussa Salaou Barmou") is no title:
    few of its words are English words other than titles."""
    words = [w for w in WORD_IN_TITLE.findall(sentence) if w.lower() not in TITLE_SMALL_WORDS]
    if len(words) < TITLE_CASED_WORDS or not all(w[0].isupper() for w in words):
        return False
    english = [w for w in words if is_word(w) and not _is_title_word(w)]
    return len(english) >= TITLE_ENGLISH_WORDS


def _add_place(found: list[Mention], match: re.Match[str], group: int) -> None:
    """A place pattern's name, unless a mention found before holds it or it opens with a word
    that is no name ("In", "The")."""
    start, end = match.span(group)
    text = match.group(group)
    if " " not in text and rarity(text) <= EVERYDAY_WORD:
        return  # "People in Need": an everyday word, capitalised, is no unknown place's name
    if not _overlaps(start, end, found) and text.split()[0] not in _not_names():
        found.append(Mention(start, end, text, "place", f"place:{text}", text, "pattern"))


def _acronym_definition(sentence: str, match: re.Match[str]) -> list[Mention]:
    acronym = match.group(1)
    _, table = _gazetteer()
    known = table.get(acronym)
    if known and known[0].kind == "country":
        return []
    tokens = list(re.finditer(r"[\w’'\-]+", sentence[: match.start()]))
    start_index = len(tokens)
    while start_index > 0:
        word = tokens[start_index - 1].group(0)
        if word[0].isupper() or word.lower() in CONNECTORS or JOINED_PARTICLE.match(word):
            start_index -= 1
        else:
            break
    while start_index < len(tokens) and not tokens[start_index].group(0)[0].isupper():
        start_index += 1
    if start_index < len(tokens) and tokens[start_index].group(0) == "The":
        start_index += 1
    if start_index >= len(tokens) or len(tokens) - start_index < 2:
        return []
    start = tokens[start_index].start()
    end = tokens[-1].end()
    name = sentence[start:end]
    key = known[0].key if known else f"org:{acronym.upper()}"
    display = known[0].name if known else name
    return [
        Mention(start, end, name, "organisation", key, display, "name"),
        Mention(match.start(1), match.end(1), acronym, "organisation", key, display, "acronym"),
    ]


POSSESSIVE = re.compile(r"[’']s?$")
NOT_A_NAME_ENDING = re.compile(r"(?:tions?|ments?|ity|ities|ships?|isms?)$")


def _name_mentions(sentence: str, start: int, end: int, taken: list[Mention]) -> list[Mention]:
    """Turn a run of capitalised words into a person or organisation mention, trimming the parts
    that are sentence openers, titles or already-known names."""
    text = sentence[start:end]
    possessive = POSSESSIVE.search(text)
    if possessive:  # "Mohamed Bazoum’s son": the name ends before the possessive
        text, end = text[: possessive.start()], start + possessive.start()
    tokens = list(re.finditer(r"\S+", text))
    owners = [i for i, t in enumerate(tokens[:-1]) if POSSESSIVE.search(t.group(0))]
    if owners:  # "Orano’s Somair": what follows the owner's name is the owner's, not a person
        tokens = tokens[owners[-1] + 1 :]
    not_names = _not_names()
    known = [
        i for i, t in enumerate(tokens) if _overlaps(start + t.start(), start + t.end(), taken)
    ]
    if known:  # "State Department Spokesperson Matthew Miller": the words after the known name
        tokens = tokens[known[-1] + 1 :]
    if not tokens:
        return []
    last_two = " ".join(t.group(0) for t in tokens[-2:])
    named = [t for t in tokens if t.group(0) not in not_names]  # "The Banque …": "Banque …"
    opener = len(named) > 1 and named[0].group(0) in _org_openers()
    if (
        opener
        or tokens[-1].group(0) in _org_heads()
        or (len(tokens) > 1 and last_two in _org_heads())
    ):
        while tokens and tokens[0].group(0) in not_names - _org_heads():
            tokens = tokens[1:]
        if len(tokens) < 2:
            return []
        span_start, span_end = start + tokens[0].start(), start + tokens[-1].end()
        name = sentence[span_start:span_end]
        return [Mention(span_start, span_end, name, "organisation", f"org:{name}", name, "pattern")]
    # A person's name is the run of name words after the last title, opener or organisation
    # word: "Assistant Secretary of Defense for International Security Affairs Celeste Wallander".
    cut = 0
    titled = False
    for position, token in enumerate(tokens):
        word = token.group(0)
        portfolio = word in _portfolios() and position < len(tokens) - 1
        if word in not_names or _is_title_word(word) or word in _org_heads() or portfolio:
            cut = position + 1
            titled = titled or _is_title_word(word)
    tokens = tokens[cut:]
    if not tokens or (len(tokens) < 2 and not titled) or len(tokens) > 4:
        return []
    if any(_common_noun(t.group(0)) for t in tokens):
        return []  # "Member States", "Commercial Banks": capitalised, but not a name
    if all(rarity(t.group(0)) <= EVERYDAY_WORD and sex_of(t.group(0)) is None for t in tokens):
        return []  # "Current People", a key figure's label: everyday words, no given name
    span_start, span_end = start + tokens[0].start(), start + tokens[-1].end()
    name = sentence[span_start:span_end]
    if _labels_the_sentence(sentence, span_start, span_end, tokens):
        return []  # "Worsening Diplomatic Tensions: The Nigerian Minister … summoned …"
    if LOCATED.match(sentence, span_end) and sex_of(tokens[0].group(0)) is None:
        return [Mention(span_start, span_end, name, "place", f"place:{name}", name, "pattern")]
    return [Mention(span_start, span_end, name, "person", f"person:{name}", name, "pattern")]


def _labels_the_sentence(sentence: str, start: int, end: int, tokens: list[re.Match[str]]) -> bool:
    """Whether capitalised words open the sentence as its label, before a colon, and are
    English words, none a given name: a web page's bold lead-in ("Key Takeaway:", "Worsening
    Diplomatic Tensions:"), not a transcript's speaker ("Molly Phee:", "Mr Miller:")."""
    return (
        sentence.startswith(":", end)
        and not sentence[:start].strip(' *_#>“"')
        and len(tokens) >= 2
        and all(is_word(t.group(0)) and sex_of(t.group(0)) is None for t in tokens)
    )


@cache
def _title_words() -> frozenset[str]:
    return frozenset(t.lower() for title in words()["titles"] for t in title.split())


def _is_title_word(token: str) -> bool:
    """A word of a title, however capitalised: "Gen.", "Spokesperson", "Minister"; and a rank
    of such words joined by hyphens ("Lieutenant-Colonel", Niger's "Colonel-Major")."""
    lowered = token.lower()
    if lowered in _title_words():
        return True
    parts = lowered.split("-")
    return len(parts) > 1 and all(part in _title_words() for part in parts)


@cache
def _portfolios() -> frozenset[str]:
    return frozenset(words()["portfolios"])


@cache
def _common_nouns() -> frozenset[str]:
    return frozenset(words()["common_nouns"])


def _common_noun(token: str) -> bool:
    return token in _common_nouns() or NOT_A_NAME_ENDING.search(token) is not None
