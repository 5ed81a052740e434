"""Who wrote an article: its byline, for "who wrote the Critical Threats update on Blinken's
trip" or "authors of the EU parliament briefing on the coup".

A byline ("Author: Liam Karr", "Written by Bruno Bilquin et Eric Pichon.") is kept for the record
and never searched (index.SEARCHED_KINDS): it holds none of the words of what the article is
about. A question about authors names the article by those words instead, so the articles are
found by how much of the question their whole text holds (Relevance.of_article), and their
bylines answer.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from store.search.index import FactIndex, IndexedSentence, sentence_hidden, tokens
from store.search.lookup import IndexLookup, ScanLookup
from store.search.query import ParsedQuery

# "who wrote the update", "authors of the brief", "written by whom"; not a letter someone wrote
# ("who wrote to tiani", "tinubu wrote a letter"), nor what a text says ("what is written in …")
AUTHORS_ASKED = re.compile(
    r"(?i)\b(?:who\s+wrote(?!\s+(?:to|a|an)\b)|written\s+by|authors?|authored|byline|"
    r"writers?\s+of)\b"
)
# a byline that names its writers, not one that only dates the article ("Published on: …")
NAMES_WRITERS = re.compile(
    r"(?i)\b(?:by|authors?|written|writers?|reporters?|reporting|correspondents?|contributors?)\b"
)
ARTICLE_SHARE = 0.6  # of the question an article's whole text must hold to be the one asked
ARTICLES_READ = 2  # the best articles whose bylines answer
SENTENCES_READ = 50  # best sentences whose articles are compared


def asks_for_authors(parsed: ParsedQuery) -> bool:
    """Whether the question asks who wrote something."""
    return AUTHORS_ASKED.search(parsed.text) is not None


@cache
def _author_stems() -> frozenset[str]:
    return frozenset(tokens("wrote written write writer writers author authors authored byline"))


def bylines(
    parsed: ParsedQuery, lookup: IndexLookup | ScanLookup
) -> list[tuple[float, IndexedSentence]]:
    """The bylines naming the writers of the articles the question is about, with each
    article's share of the question (but for its words asking for authors, which articles
    seldom use), the best article first; none when no article holds ARTICLE_SHARE of it."""
    about = replace(parsed, terms=tuple(t for t in parsed.terms if t not in _author_stems()))
    relevance = lookup.relevance(about)
    if not relevance.parts:
        return []
    parsed = about
    index: FactIndex = lookup.index
    covered = lookup.covered(parsed, relevance, ARTICLE_SHARE / 2)
    articles = {
        index.sentences[sid].article_id
        for _, sid in lookup.best_sentences(covered, relevance, SENTENCES_READ)
    }
    ranked = sorted(((relevance.of_article(a), a) for a in articles), key=lambda t: (-t[0], t[1]))
    found = []
    for share, article in ranked[:ARTICLES_READ]:
        if share < ARTICLE_SHARE:
            break
        for sid in index.article_sentences.get(article, ()):
            sentence = index.sentences[sid]
            if (
                sentence.kind == "byline"
                and NAMES_WRITERS.search(sentence.text)
                and not sentence_hidden(index, sentence)
            ):
                found.append((share, sentence))
    return found
