"""Which words are ordinary English words, and how rare each is.

A query word the articles never use is corrected to a near word they do use ("troups" ->
"troops"), unless it is a real word: "pizza recipe" must find nothing, not "pizza reciproce";
"chairs" is not a typo of "air". How rare a word is in English tells which word of a name is its
telling one: "disengagement", not "joint", in "Joint Disengagement Commission". The list is
wordfreq's small English list (about 29,000 words used at least once per million words: Zipf 3
and up), read straight from its data file once, on the first query that needs it (wordfreq's own
API would import far more).
"""

from __future__ import annotations

import gzip
import re
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import msgpack

WORD_LIST = "small_en.msgpack.gz"
# wordfreq's large list: words down to once per hundred million, which the small list leaves out
# ("walkout", "airlift"); read only when a question holds a word no article uses and the small
# list does not hold (about 0.7 s and 100 MB while it is read here, once per process)
LARGE_LIST = "large_en.msgpack.gz"


UNLISTED = 1_000  # the rarity of a word the list does not hold: rarer than any it does


def word_list() -> Path:
    """The word list's file: extraction reads it too (a title in title case is told from a name
    by its English words), so the extractor's fingerprint hashes it."""
    return _package_dir("wordfreq") / "data" / WORD_LIST


@cache
def _rarities() -> dict[str, int]:
    """Every word of the list with its bucket: a header, then one bucket of words per centibel
    of frequency, the commonest first."""
    with word_list().open("rb") as handle:
        buckets = msgpack.unpackb(gzip.decompress(handle.read()), raw=False)
    header, *levels = buckets
    if header.get("format") != "cB":
        raise ValueError(f"wordfreq's {WORD_LIST} is not in the cB format this reader knows")
    return {word: rank for rank, level in enumerate(levels) for word in level}


def _package_dir(name: str) -> Path:
    """Where an installed package's files are, found without importing it: importing wordfreq
    takes most of a second (its tokenisers), reading one file of it a few milliseconds."""
    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{name} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def english_words() -> frozenset[str]:
    """Every word of the list."""
    return frozenset(_rarities())


@cache
def _large_list() -> frozenset[str]:
    with (_package_dir("wordfreq") / "data" / LARGE_LIST).open("rb") as handle:
        _, *levels = msgpack.unpackb(gzip.decompress(handle.read()), raw=False)
    return frozenset(word for level in levels for word in level)


def in_large_list(word: str) -> bool:
    """Whether wordfreq's large English list holds a word: a rare English word ("walkout"), or a
    name written often in English ("Akinci"); not a village's name ("Solenzo", "Diapaga")."""
    return word.lower().replace("’", "'") in _large_list()


def rarity(word: str) -> int:
    """How rare a word is in English: centibels below the commonest word ("joint" 429,
    "homeland" 505), UNLISTED for a word too rare to be listed ("disengagement")."""
    return _rarities().get(word.lower().replace("’", "'"), UNLISTED)


def is_word(word: str) -> bool:
    """True for an English word in common use (in any inflection the list holds)."""
    return word.lower().replace("’", "'") in english_words()


# Endings of an inflected word and what they replace in its base ("mediators" -> "mediator",
# "parties" -> "party", "jailing" -> "jail", "freed" -> "free"), longest first.
INFLECTIONS = (("ies", "y"), ("ing", ""), ("ing", "e"), ("ied", "y"), ("es", ""), ("ed", ""),
               ("ed", "e"), ("s", ""))  # fmt: skip


def is_english(word: str) -> bool:
    """An English word, or an inflection of one, or the word a listed inflection is of: the list
    keeps words used once per million, and a plural or past of one may be rarer ("mediators",
    2.95 per million to "mediator"'s 3.29), or the word itself rarer than its past
    ("confiscate" is not listed, "confiscated" is); either is no typo to correct ("mediators"
    read as "editors", "confiscate" as "conflicted")."""
    if is_word(word):
        return True
    lowered = word.lower()
    words = english_words()
    if any(
        lowered.endswith(end)
        and len(lowered) > len(end) + 2
        and lowered[: -len(end)] + base in words
        # "boxes", "heroes", not "gutteres" (Guterres misspelt: a gutter takes "s")
        and (end != "es" or lowered[: -len(end)].endswith(ES_AFTER))
        for end, base in INFLECTIONS
    ):
        return True
    # the other way: an inflection of this word is listed ("confiscated"), and the large list
    # holds the word itself. A typo mostly has no such inflection ("goverments"); one whose
    # stem doubles a consonant is the inflection of a shorter word ("committe": "committed" is
    # of "commit"), and a slip no writer makes is not in the large list ("untreate").
    return (
        len(lowered) > SHORT_BASE
        and any(
            lowered.endswith(base)
            and lowered[: len(lowered) - len(base)] + end in words
            and not (base and DOUBLED.search(lowered[: -len(base)]))
            and (end != "es" or lowered.endswith(SIBILANTS))  # "committe" + "es" is no word
            for end, base in INFLECTIONS
        )
        and in_large_list(lowered)
    )


SHORT_BASE = 3  # letters a word needs before an inflection of it vouches for it ("ba" -> "bad")
SIBILANTS = ("s", "x", "z", "ch", "sh")  # the endings "es" follows ("boxes"), not "committees"
ES_AFTER = (*SIBILANTS, "o")  # ... and "heroes", "goes"
DOUBLED = re.compile(r"([b-df-hj-np-tv-z])\1$")  # "committ": a consonant doubled to inflect


# British endings and the American ones news also prints, tried in order on a word's end
# ("defence" -> "defense", "organisation" -> "organization", "labour" -> "labor", "centre" ->
# "center"): one spelling each, so that either finds the other.
SPELLINGS = (("isation", "ization"), ("isations", "izations"), ("ise", "ize"), ("ised", "ized"),
             ("ises", "izes"), ("ising", "izing"), ("yse", "yze"), ("ysed", "yzed"),
             ("ence", "ense"), ("ences", "enses"), ("our", "or"), ("ours", "ors"),
             ("ouring", "oring"), ("oured", "ored"), ("ourite", "orite"), ("ourites", "orites"),
             ("ourable", "orable"),
             ("tre", "ter"), ("tres", "ters"), ("amme", "am"), ("ammes", "ams"))  # fmt: skip
SPELT_LONG = 6  # letters a word needs before its ending is read as British ("four" is no "for")


def american(word: str) -> str:
    """The American spelling of a British one ("defence" -> "defense"): when the list holds it,
    or holds neither; any other word as it is ("advise", "fence": "fense" is no word; "hour":
    too short to tell)."""
    if len(word) < SPELT_LONG:
        return word
    for british, us in SPELLINGS:
        if word.endswith(british):
            other = word[: -len(british)] + us
            if british.startswith("our") and len(british) > len("ours"):
                # "neighbouring" as "neighbour" is: not "scoured", whose "scour" is no British
                # spelling of a "scor"
                root = word[: -len(british)] + "our"
                if american(root) == root:
                    return word
            # a rarer pair neither spelling of which the list holds ("nationalise",
            # "destabilise") is British still: a word the list holds is not ("advise")
            if other in english_words() or word not in english_words():
                return other
    return word
