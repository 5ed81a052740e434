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

Once one sentence is that close, the question is about the articles, and the rest of the few shown
may hold one part of it, as much of the question as a close one: a communiqué's "H.E. Prof.
Robert Dussey, Minister of Foreign Affairs … of the Togolese Republic" holds only "Togo" of "who
spoke for togo at the abuja ecowas summit", its list's heading the rest ("Answer quality,
thirteenth session").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from store.search.candidates import Relevance
from store.search.index import SEARCHED_KINDS, FactIndex, IndexedSentence

CLOSEST_SHARE = 0.25  # of the question's information a closest sentence holds, at least
# ... when the question names something no article mentions: the rest of it must hold more
# ("was the village market in ethiopia looted" is not about a market in Niger)
CLOSEST_SHARE_UNKNOWN = 0.3
CLOSEST_PARTS = 2  # question parts it holds in its own words, at least (all, if fewer)
# Sentences tested, at most: in a store of millions, a question of common words covers many
# sentences at 25%, and this path must stay as quick as an answer.
CLOSEST_READ = 5000


def closest_sentences(
    relevance: Relevance,
    index: FactIndex,
    count: int,
    answering: Callable[[IndexedSentence], bool] | None = None,
    *,
    minimum: float = CLOSEST_SHARE,
) -> list[tuple[float, IndexedSentence]]:
    """Up to ``count`` searched sentences holding most of the question (see the module), with
    their shares: the most share first, then the earlier sentence (the older article, and news
    puts what matters first). With ``answering``, only sentences giving what the question cannot
    do without (a date for "when", a figure for "how many troops"): one without it is no nearer
    an answer for holding the question's other words. ``minimum``: the share a sentence holds,
    at least."""
    if count <= 0 or not relevance.told_parts:
        return []  # a question of kind words alone ("what did they say") tells nothing apart
    needed = min(CLOSEST_PARTS, len(relevance.told_parts))
    found: list[tuple[float, IndexedSentence]] = []
    fewer: list[tuple[float, IndexedSentence]] = []  # holding one part in their own words
    for share, sentence in _covering(relevance, index, minimum):
        if answering is None or answering(sentence):
            own = relevance.parts_in_own_words(sentence.id)
            if own >= needed:
                found.append((share, sentence))
                if len(found) == count:
                    return found
            elif own and len(fewer) < count:
                fewer.append((share, sentence))
    return [*found, *fewer][:count] if found else []


def _covering(
    relevance: Relevance, index: FactIndex, minimum: float
) -> Iterator[tuple[float, IndexedSentence]]:
    """The searched sentences holding ``minimum`` of the question, most first, at most
    CLOSEST_READ of them."""
    relevance.covering(minimum)
    read = 0
    for share, block in sorted(relevance.blocks, key=lambda b: -b[0]):
        for sentence_id in sorted(block):
            sentence = index.sentences[sentence_id]
            if sentence.kind in SEARCHED_KINDS:
                yield share, sentence
                read += 1
                if read == CLOSEST_READ:
                    return
