"""Which words are ordinary English words, so that typo correction leaves them alone.

A query word the articles never use is corrected to a near word they do use ("troups" ->
"troops"), unless it is a real word: "pizza recipe" must find nothing, not "pizza reciproce";
"chairs" is not a typo of "air". The list is wordfreq's small English list (about 29,000 words
used at least once per million words: Zipf 3 and up), read straight from its data file once,
on the first query that holds a word the articles lack (wordfreq's own API would import far more).
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib.resources import files

import msgpack

WORD_LIST = "small_en.msgpack.gz"


@cache
def english_words() -> frozenset[str]:
    """Every word of the list: a header, then one bucket of words per centibel of frequency."""
    with (files("wordfreq") / "data" / WORD_LIST).open("rb") as handle:
        buckets = msgpack.unpackb(gzip.decompress(handle.read()), raw=False)
    header, *levels = buckets
    if header.get("format") != "cB":
        raise ValueError(f"wordfreq's {WORD_LIST} is not in the cB format this reader knows")
    return frozenset(word for level in levels for word in level)


def is_word(word: str) -> bool:
    """True for an English word in common use (in any inflection the list holds)."""
    return word.lower().replace("’", "'") in english_words()
