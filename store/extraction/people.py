"""Who people are and who said what: roles from titles and appositions, speakers of statements."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from store.extraction.entities import Mention
from store.lexicon import words

QUOTE_SPANS = re.compile(r"“([^”]{3,})”|\"([^\"]{3,})\"")
ROLE_WORD = re.compile(r"[\w’'.\-]+")
ROLE_CONNECTORS = {"of", "for", "the", "and", "to", "on", "in"}
ROLE_MODIFIERS = {
    "former",
    "acting",
    "deposed",
    "ousted",
    "then",
    "interim",
    "new",
    "senior",
    "top",
    "deputy",
    "assistant",
    "chief",
    "junta",
    "military",
}


@dataclass(frozen=True, slots=True)
class Role:
    person: Mention
    role: str


@dataclass(frozen=True, slots=True)
class Statement:
    speaker: str  # a display name ("Molly Phee", "the official")
    speaker_key: str | None  # canonical key when the speaker is a known entity
    content: str  # the quoted words, or the reported clause
    verb: str


@cache
def _title_words() -> frozenset[str]:
    out: set[str] = set()
    for title in words()["titles"]:
        out.update(part.lower() for part in title.split())
    return frozenset(out)


@cache
def _speech_verbs() -> re.Pattern[str]:
    verbs = sorted(words()["speech_verbs"], key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(verbs) + r")\b")


def _bare(word: str) -> str:
    """A word without case or a possessive ending: "Department’s" -> "department"."""
    return word.lower().removesuffix("’s").removesuffix("'s").strip("’'")


def _role_before(sentence: str, person: Mention) -> str | None:
    """Title words straight before a name: "State Department spokesperson Matthew Miller"."""
    head = sentence[: person.start]
    tokens = list(ROLE_WORD.finditer(head))
    if not tokens or head[tokens[-1].end() :].strip():
        return None
    index = len(tokens)
    seen_title = False
    while index > 0:
        word = tokens[index - 1].group(0)
        lower = _bare(word)
        gap = head[tokens[index - 1].end() : tokens[index].start() if index < len(tokens) else None]
        if index < len(tokens) and gap.strip():
            break
        if lower in _title_words():
            seen_title = True
        elif not (
            word[0].isupper()
            or lower in ROLE_CONNECTORS
            or lower in ROLE_MODIFIERS
            or word.endswith(("’", "’s", "'s"))
        ):
            break
        if word in {"The", "A", "An"} or (
            index == 1 and word[0].isupper() and not seen_title and lower not in _title_words()
        ):
            break
        index -= 1
    while index < len(tokens) and tokens[index].group(0).lower() in ROLE_CONNECTORS:
        index += 1
    if not seen_title or index >= len(tokens):
        return None
    return head[tokens[index].start() :].strip()


APPOSITION = re.compile(r"^,\s+(?:(?:the|a|an)\s+)?(?P<role>[^,;:“”\"]{3,120}?)(?:,|\.$|$)")
WHO = re.compile(
    r"^,\s+who\s+(?P<role>(?:heads|leads|is|was|serves as|runs|chairs)\s[^,;“”]{3,100})"
)
IS_ROLE = re.compile(r"^\s+(?:is|was)\s+(?:the|a|an)\s+(?P<role>[^,;.“”]{3,100})")


def _role_after(sentence: str, person: Mention) -> str | None:
    tail = sentence[person.end :]
    for pattern in (WHO, IS_ROLE, APPOSITION):
        match = pattern.match(tail)
        if not match:
            continue
        role = match.group("role").strip()
        first = role.split()[0].lower().strip("’'")
        is_title = any(_bare(w) in _title_words() for w in role.split())
        opens_role = (
            re.match(r"^,\s+(?:the|a|an)\s", tail) is not None
            or role[0].isupper()
            or first in _title_words()
        )
        if pattern is APPOSITION and (not is_title or not opens_role):
            continue
        return role
    return None


LED_BY = re.compile(r"\b(led|headed|chaired|commanded|run)\s+by\s+(?:[\w.]+\s+){0,3}$")
LEADS = {
    "led": "leads",
    "headed": "heads",
    "chaired": "chairs",
    "commanded": "commands",
    "run": "runs",
}


def _leads(sentence: str, person: Mention, mentions: list[Mention]) -> str | None:
    """ "the CNSP, which is led by Gen. Abdourahamane Tchiani" -> "leads the CNSP"."""
    match = LED_BY.search(sentence[: person.start])
    if not match:
        return None
    bodies = [m for m in mentions if m.kind == "organisation" and m.end <= match.start()]
    return f"{LEADS[match.group(1)]} the {bodies[-1].text}" if bodies else None


def find_roles(sentence: str, mentions: list[Mention]) -> list[Role]:
    """Roles stated for the people a sentence names."""
    roles: list[Role] = []
    for mention in mentions:
        if mention.kind != "person":
            continue
        found = (
            _role_before(sentence, mention),
            _leads(sentence, mention, mentions),
            _role_after(sentence, mention),
        )
        parts = [r for r in found if r]
        if parts:
            roles.append(Role(mention, "; ".join(dict.fromkeys(parts))))
    return roles


SPEAKER_NOUN = re.compile(
    r"((?:the|a|an|one|another|two|three|several|senior|US|U\.S\.)?\s*(?:[\w’'\-]+\s+){0,3}?"
    r"(?:official|officials|spokesman|spokeswoman|spokesperson|department|ministry|government|"
    r"statement|regime|junta|military|army|source|sources|diplomat|diplomats))\s*$",
    re.IGNORECASE,
)


PRONOUN_SPEAKER = re.compile(r"\b(?:he|she)\s+(?:said|added|told|says|stated)\b", re.IGNORECASE)
NAME_BEFORE_VERB = re.compile(r"((?:[A-Z][\w’'\-]+\s+){0,2}[A-Z][\w’'\-]+)\s+$")


def find_statement(
    sentence: str, mentions: list[Mention], *, previous_person: Mention | None = None
) -> Statement | None:
    """The speaker and words of a reported statement, if the sentence reports one.

    "He said" / "she said" is attributed to the last person the article named before it.
    """
    verb_match = _speech_verbs().search(sentence)
    according = re.search(r"\baccording to\s+", sentence)
    if not verb_match and not according:
        return None
    quotes = [m.group(1) or m.group(2) for m in QUOTE_SPANS.finditer(sentence)]
    if according:
        anchor, verb = according.end(), "according to"
        speaker = _mention_after(mentions, anchor)
    else:
        assert verb_match is not None
        verb = verb_match.group(1)
        speaker = _mention_before(sentence, mentions, verb_match.start())
        if speaker is None:
            speaker = _mention_after(mentions, verb_match.end(), window=40)
    before = sentence[: verb_match.start()] if verb_match and not according else ""
    if speaker is None and previous_person is not None and PRONOUN_SPEAKER.search(sentence):
        speaker = previous_person
    if speaker is None:
        noun = SPEAKER_NOUN.search(before) or NAME_BEFORE_VERB.search(before)
        if noun is None:
            return None
        name, key = noun.group(1).strip(), None
    else:
        name, key = speaker.name, speaker.key
    if quotes:
        content = " … ".join(q.strip(" ,") for q in quotes)
    elif verb_match:
        content = sentence[verb_match.end() :].strip(" ,.").removeprefix("that ").strip()
        if len(content) < 12:
            end = (
                speaker.start
                if speaker is not None and speaker.start < verb_match.start()
                else verb_match.start()
            )
            content = sentence[:end].strip(" ,.")
    else:
        content = sentence[: according.start()].strip(" ,.") if according else sentence
    if not content:
        return None
    return Statement(speaker=name, speaker_key=key, content=content, verb=verb)


def _mention_before(sentence: str, mentions: list[Mention], position: int) -> Mention | None:
    """The entity named just before a speech verb, within the same clause."""
    candidates = [m for m in mentions if m.end <= position and m.kind != "place"]
    if not candidates:
        return None
    last = candidates[-1]
    between = sentence[last.end : position]
    if len(between) > 45 or "”" in between or '"' in between:
        return None
    return last


def _mention_after(mentions: list[Mention], position: int, window: int = 80) -> Mention | None:
    for mention in mentions:
        if position <= mention.start <= position + window and mention.kind != "place":
            return mention
    return None
