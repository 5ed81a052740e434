"""Acronyms an article uses without defining them: "RTN" names the "Radio Television du Niger"
that another of its sentences spells out, as "Radio Television du Niger (RTN)" would.

The link is made only when it cannot be a coincidence of capitals: every letter of the acronym,
in order, is the initial of a word of one run of capitalised words in the same article, each of
whose capitalised words gives a letter (function words such as "du" or "of" may give one or
not), and the run has at least two capitalised words. Acronyms the lexicon knows keep their
entry. Reading an article costs a bounded amount of work per word, whatever its length.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from store.extraction.entities import Mention, known_alias
from store.lexicon import words

ACRONYM = re.compile(r"(?<![\w’'.-])[A-Z]{2,6}(?![\w-])")
WORD = re.compile(r"[^\W\d_]+")
ELIDED = re.compile(r"(?i:[dl])[’']$")  # "d'" of "Côte d'Ivoire", "l'" of "l'Armée"
MIN_NAME_WORDS = 2  # capitalised words a name needs: "Radio Niger" may be "RN", "Radio" not
JOINS = {" ", "-", "’", "'"}  # what may stand between two words of one name
MAX_SKIPPED = 2  # function words in a row inside a name: "Conseil National pour la Sauvegarde"


@dataclass(frozen=True, slots=True)
class _Span:
    sentence: int
    start: int
    end: int


@cache
def _function_words() -> frozenset[str]:
    return frozenset(words()["acronym_function_words"])


@cache
def _title_words() -> frozenset[str]:
    titles = frozenset(w.lower() for title in words()["titles"] for w in title.split())
    return titles | _function_words()


def link_acronyms(texts: list[str], mentions: list[list[Mention]]) -> list[list[Mention]]:
    """Each sentence's mentions, with the article's undefined acronyms and the names they stand
    for added as one organisation each (key "org:ACRONYM", named by the name). ``texts`` are
    the sentences to read them from: pass "" for a sentence that is not body text."""
    acronyms = _acronyms(texts, mentions)
    if not acronyms:
        return mentions
    prefixes = {a[:size] for a in acronyms for size in range(1, len(a) + 1)}
    names: dict[str, tuple[str, list[_Span]]] = {}
    for index, text in enumerate(texts):
        bounds = _Bounds(mentions[index])
        for initials, span in _names(index, text, prefixes):
            name = text[span.start : span.end]
            if (
                initials in acronyms
                and not _titles_only(name)
                and bounds.may_name(span, f"org:{initials}")
            ):
                first = names.setdefault(initials, (name, []))
                if first[0] == name:
                    first[1].append(span)
    added: dict[int, list[Mention]] = {}
    for acronym, (name, spans) in names.items():
        key = f"org:{acronym}"
        for span in spans:
            mention = Mention(span.start, span.end, name, "organisation", key, name, "name")
            added.setdefault(span.sentence, []).append(mention)
        for span in acronyms[acronym]:
            mention = Mention(span.start, span.end, acronym, "organisation", key, name, "acronym")
            added.setdefault(span.sentence, []).append(mention)
    return [
        _merged(found, added[index]) if index in added else found
        for index, found in enumerate(mentions)
    ]


def _acronyms(texts: list[str], mentions: list[list[Mention]]) -> dict[str, list[_Span]]:
    """Where each candidate acronym is written: all capitals, unknown to the lexicon, not inside
    a mention, and not beside another word in capitals (a shouted headline, "MR MILLER:")."""
    found: dict[str, list[_Span]] = {}
    for index, text in enumerate(texts):
        bounds = _Bounds(mentions[index])
        for match in ACRONYM.finditer(text):
            acronym, start, end = match.group(), match.start(), match.end()
            if known_alias(acronym) or _shouted(text, start, end):
                continue
            if bounds.overlapping(start, end):
                continue  # inside a mention: "ECOWAS" of a definition in parentheses
            found.setdefault(acronym, []).append(_Span(index, start, end))
    return found


def _shouted(text: str, start: int, end: int) -> bool:
    before = WORD.findall(text[max(0, start - 30) : start])
    after = WORD.search(text, end, end + 30)
    return bool(
        (before and len(before[-1]) > 1 and before[-1].isupper())
        or (after and len(after.group()) > 1 and after.group().isupper())
    )


def _names(index: int, text: str, prefixes: set[str]) -> Iterator[tuple[str, _Span]]:
    """(initials, span) of every run of words that could spell one of the acronyms whose
    ``prefixes`` are given: from each capitalised word, each way of reading the function words
    after it, for as long as the initials so far begin some acronym. The acronyms are at most
    six letters and at most MAX_SKIPPED function words go by in a row, so each word starts a
    bounded number of readings."""
    tokens = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
    kinds = [_kind(text, start, end, word) for start, end, word in tokens]
    for first, kind in enumerate(kinds):
        if kind != "capital" or tokens[first][2][0] not in prefixes:
            continue
        # (next token, initials so far, capitalised words so far, function words in a row)
        stack = [(first + 1, tokens[first][2][0], 1, 0)]
        while stack:
            at, initials, capitals, skipped = stack.pop()
            if kinds[at - 1] == "capital" and capitals >= MIN_NAME_WORDS:
                yield initials, _Span(index, tokens[first][0], tokens[at - 1][1])
            if at >= len(tokens) or text[tokens[at - 1][1] : tokens[at][0]] not in JOINS:
                continue
            letter = tokens[at][2][0].upper()
            if kinds[at] == "capital" and initials + letter in prefixes:
                stack.append((at + 1, initials + letter, capitals + 1, 0))
            elif kinds[at] == "function" and skipped < MAX_SKIPPED:
                stack.append((at + 1, initials, capitals, skipped + 1))
                if initials + letter in prefixes:
                    stack.append((at + 1, initials + letter, capitals, skipped + 1))


def _kind(text: str, start: int, end: int, word: str) -> str:
    """ "capital" for a word that must give its initial to a name, "function" for one that may
    ("du", the "d'" of "d'Ivoire"), "other" for one that ends a name (in capitals, like an
    acronym, or in lower case)."""
    if word.lower() in _function_words() or ELIDED.match(text[start : end + 1]):
        return "function"
    if word[0].isupper() and not (len(word) > 1 and word.isupper()):
        return "capital"
    return "other"


def _titles_only(name: str) -> bool:
    """ "Prime Minister" is a title, not an organisation "PM" could stand for."""
    return all(w.lower() in _title_words() for w in WORD.findall(name))


class _Bounds:
    """One sentence's mentions (left to right, never overlapping) indexed by where they begin
    and end, so that what a span overlaps is two binary searches away."""

    def __init__(self, found: list[Mention]) -> None:
        self.found = found
        self.starts = [m.start for m in found]
        self.ends = [m.end for m in found]

    def overlapping(self, start: int, end: int) -> range:
        return range(bisect_right(self.ends, start), bisect_left(self.starts, end))

    def may_name(self, span: _Span, key: str) -> bool:
        """Whether a name with this key may go here: every mention it overlaps lies inside it
        ("Niger" of "Radio Television du Niger"), and none is the same words known as something
        else (a person "Mohamed Bazoum" is no "MB"; "Air Base" of "Air Base 201" no "AB")."""
        return not any(
            (m := self.found[i]).start < span.start
            or m.end > span.end
            or ((m.start, m.end) == (span.start, span.end) and not _renamable(m, key))
            for i in self.overlapping(span.start, span.end)
        )


def _renamable(m: Mention, key: str) -> bool:
    """Whether the same words may take ``key``: they are an organisation read from capitals
    alone, or already that one ("Movement for the Salvation of Niger (MSN)")."""
    return m.kind == "organisation" and (m.via == "pattern" or m.key == key)


def _merged(found: list[Mention], added: list[Mention]) -> list[Mention]:
    """A sentence's mentions with the acronyms' added: a name replaces the mentions inside it,
    as a definition in parentheses does. Where two readings overlap the first is kept."""
    bounds = _Bounds(found)
    dropped: set[int] = set()
    kept: list[Mention] = []
    for new in sorted(added, key=lambda m: m.start):
        if kept and kept[-1].end > new.start:
            continue
        dropped.update(bounds.overlapping(new.start, new.end))
        kept.append(new)
    rest = [m for i, m in enumerate(found) if i not in dropped]
    return sorted(rest + kept, key=lambda m: m.start)
