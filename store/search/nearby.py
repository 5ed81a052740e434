"""The sentences nearest a query in the articles that already answered it.

A question answered by one or two sentences is often answered better by a third one in the same
article that holds less of its words: the article says "the junta" where the question says
"Niger", or "completed" where it says "finished". The relevance floors that keep random sentences
out of the answers (MIN_SHARE, RELATIVE_SHARE in answer.py) drop that sentence too. Among the
sentences of articles that did answer, there is no random sentence to keep out: each is about
what the answers are about, so the best of them by the same relevance fill the answers a user
reads. (Measured on the evaluation sets: benchmarks/RESULTS.md, "Answer quality, eighth session".)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from store.search.candidates import Relevance
from store.search.index import SEARCHED_KINDS, FactIndex, IndexedSentence

# Sentences of one article read, at most: news articles hold a few hundred; a 5 MB file of
# one-word sentences (store.MAX_ARTICLE_BYTES) could hold half a million, each read on every
# question one of its sentences answers.
READ_PER_ARTICLE = 2000


def nearest_in_articles(
    relevance: Relevance,
    index: FactIndex,
    article_ids: Iterable[int],
    shown: set[str],
    count: int,
    answering: Callable[[IndexedSentence], bool] | None = None,
    keep: Callable[[IndexedSentence], bool] | None = None,
) -> list[tuple[float, IndexedSentence]]:
    """Up to ``count`` searched sentences of these articles holding some of the query in their
    own words (Relevance.in_own_words), with their shares: those ``answering`` (giving what the
    question cannot do without, a date for "when") first, then most share first (ties: the
    earlier in its article, as news puts what matters first). Sentences whose text is in
    ``shown`` are left out, and with ``keep``, those it does not keep (dated outside a period
    asked). A sentence an admin hid holds nothing in its own words: the index gives it no
    postings and names no entity of it (index._Writer.add_articles)."""
    if count <= 0 or not relevance.parts:
        return []
    found = []
    for article_id in dict.fromkeys(article_ids):
        for sentence_id in index.article_sentences.get(article_id, ())[:READ_PER_ARTICLE]:
            sentence = index.sentences[sentence_id]
            if sentence.text in shown or sentence.kind not in SEARCHED_KINDS:
                continue
            if keep is not None and not keep(sentence):
                continue
            if relevance.in_own_words(sentence_id):
                gives = answering is None or answering(sentence)
                found.append((not gives, -relevance(sentence_id), sentence.position, sentence_id))
    found.sort()
    return [(-share, index.sentences[sid]) for _, share, _, sid in found[:count]]
