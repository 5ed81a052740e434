"""The sentences that come closest to a question nothing answers.

A question worded unlike its article ("who was blamed for the massacre" against "responsibility
was attributed to…", "locked up" against "detained") can hold too little of any sentence to pass
the relevance floor (MIN_SHARE in answer.py), and the bot used to say only that nothing matched,
though the sentence a person needs was the closest one it had. When nothing answers, the bot now
says so and shows the few sentences that hold most of the question, marked as not answers.

A closest sentence must hold CLOSEST_SHARE of the question and at least two of its parts (words or
names) in its own words, not only through its title or the sentences before it: one shared word
is how "pizza recipe" or "weather in Paris tomorrow" meet a news article by chance, two rarely
are. (Measured on the evaluation sets: benchmarks/RESULTS.md, "Answer quality, ninth session".)
"""

from __future__ import annotations

from collections.abc import Callable

from store.search.candidates import Relevance
from store.search.index import SEARCHED_KINDS, FactIndex, IndexedSentence

CLOSEST_SHARE = 0.3  # of the question's information a closest sentence holds, at least
CLOSEST_PARTS = 2  # question parts it holds in its own words, at least (all, if fewer)
# Sentences tested, at most: in a store of millions, a question of common words covers many
# sentences at 30%, and this path must stay as quick as an answer.
CLOSEST_READ = 5000


def closest_sentences(
    relevance: Relevance,
    index: FactIndex,
    count: int,
    answering: Callable[[IndexedSentence], bool] | None = None,
) -> list[tuple[float, IndexedSentence]]:
    """Up to ``count`` searched sentences holding most of the question (see the module), with
    their shares: the most share first, then the earlier sentence (the older article, and news
    puts what matters first). With ``answering``, only sentences giving what the question cannot
    do without (a date for "when", a figure for "how many troops"): one without it is no nearer
    an answer for holding the question's other words."""
    if count <= 0 or not relevance.told_parts:
        return []  # a question of kind words alone ("what did they say") tells nothing apart
    needed = min(CLOSEST_PARTS, len(relevance.told_parts))
    relevance.covering(CLOSEST_SHARE)
    found: list[tuple[float, IndexedSentence]] = []
    read = 0
    for share, block in sorted(relevance.blocks, key=lambda b: -b[0]):
        for sentence_id in sorted(block):
            sentence = index.sentences[sentence_id]
            if sentence.kind not in SEARCHED_KINDS:
                continue
            read += 1
            if relevance.parts_in_own_words(sentence_id) >= needed and (
                answering is None or answering(sentence)
            ):
                found.append((share, sentence))
                if len(found) == count:
                    return found
            if read == CLOSEST_READ:
                return found
    return found
