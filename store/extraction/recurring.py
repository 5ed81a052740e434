"""Places an article names once by their setting ("near the village of Tassia"), read as the same
place wherever else it writes the name ("Tassia is located in the Tillaberi region", the headline
"Terrorist attack in Tassia results in 21 casualties").

A village or a town the lexicon does not know is found only by the words around it ("the village
of", "the town of"), which an article writes once; its other sentences name it bare, and read one
by one they name no place at all. Only names that are no English word are linked ("Say", a town,
is also a verb), and only where no other mention covers the words.
"""

from __future__ import annotations

import re

from store.extraction.entities import Mention
from store.lexicon.english import is_english

PATTERN = "pattern"  # Mention.via of a name found by the words around it
MIN_LETTERS = 4  # "Ayorou", "Tassia"; a shorter bare name is too often something else


def link_places(texts: list[str], mentions: list[list[Mention]]) -> list[list[Mention]]:
    """Each sentence's mentions, with the bare names of the places found by their setting
    elsewhere in the article added where no mention covers them."""
    places = {
        m.name: m.key
        for found in mentions
        for m in found
        if m.kind == "place" and m.via == PATTERN and _linkable(m.name)
    }
    if not places:
        return mentions
    longest_first = sorted(places, key=len, reverse=True)
    written = re.compile(r"\b(?:" + "|".join(map(re.escape, longest_first)) + r")\b")
    linked = []
    for text, found in zip(texts, mentions, strict=True):
        added = [
            Mention(m.start(), m.end(), m.group(), "place", places[m.group()], m.group(), PATTERN)
            for m in written.finditer(text)
            if not any(o.start < m.end() and m.start() < o.end for o in found)
        ]
        linked.append(sorted(found + added, key=lambda m: m.start) if added else found)
    return linked


def _linkable(name: str) -> bool:
    """A name to look for bare: long enough, capitalised, and no English word."""
    words = name.split()
    return (
        len(name) >= MIN_LETTERS
        and all(w[:1].isupper() for w in words)
        and not (len(words) == 1 and is_english(name.lower()))
    )
