"""Which stored fact an answer shows, named by its key (store/persistence/feedback.py), so a
"Wrong?" click can point at the fact itself however a reload renumbers rows."""

from __future__ import annotations

from store.answers import Answer
from store.persistence.feedback import HASH_PREFIX, FactRef, fact_key, sentence_key
from store.search.index import FactIndex, IndexedFact, IndexedSentence


def key_of(index: FactIndex, fact: IndexedFact) -> str:
    sentence = index.sentences[fact.sentence_id]
    return fact_key(index.hashes[fact.article_id], sentence.position, fact.kind, fact.summary)


def fact_of_answer(index: FactIndex, answer: Answer) -> IndexedFact | None:
    """The fact behind ``answer``: of its article, its kind, read from its quoted sentence; the
    one with the same summary, else the same value and date, else the first. None for answers
    that are not facts (sentences found by search, sources)."""
    article = answer.source.article_id
    if article is None or answer.kind in ("sentence", "source"):
        return None
    sentences = index.sentences
    candidates = [
        index.facts[f]
        for f in index.article_facts.get(article, ())
        if index.facts[f].kind == answer.kind
        and sentences[index.facts[f].sentence_id].text == answer.quote
    ]
    for same in (
        lambda f: f.summary == answer.summary,
        lambda f: (f.value, f.date) == (answer.value, answer.date),
        lambda f: True,
    ):
        for fact in candidates:
            if same(fact):
                return fact
    return None


def key_of_answer(index: FactIndex, answer: Answer) -> str | None:
    """The key of the fact behind ``answer``, or of the sentence a search found; None for
    answers that are neither (the list of sources)."""
    fact = fact_of_answer(index, answer)
    if fact is not None:
        return key_of(index, fact)
    sentence = sentence_of_answer(index, answer) if answer.kind == "sentence" else None
    if sentence is None or sentence.article_id not in index.hashes:
        return None
    return sentence_key(index.hashes[sentence.article_id], sentence.position, sentence.text)


def sentence_of_answer(index: FactIndex, answer: Answer) -> IndexedSentence | None:
    """The sentence ``answer`` quotes, of its own article; None if the index holds none."""
    article = answer.source.article_id
    if article is None:
        return None
    for sid in index.article_sentences.get(article, ()):
        if index.sentences[sid].text == answer.quote:
            return index.sentences[sid]
    return None


def find_fact(index: FactIndex, key: str) -> FactRef | None:
    """The fact (or sentence) a key names, if the index holds it: not when its article is gone,
    nor, for a fact, when it is hidden."""
    prefix, position, kind = (key.split(".") + ["", "", ""])[:3]
    for article, content_hash in index.hashes.items():
        if content_hash[:HASH_PREFIX] != prefix:
            continue
        if kind == "sentence":
            for sid in index.article_sentences.get(article, ()):
                sentence = index.sentences[sid]
                if sentence_key(content_hash, sentence.position, sentence.text) == key:
                    return FactRef(
                        key, content_hash, "sentence", sentence.text, sentence.text,
                        _cited(index, article),
                    )  # fmt: skip
            continue
        for fid in index.article_facts.get(article, ()):
            fact = index.facts[fid]
            if key_of(index, fact) == key:
                return ref_of(index, fact, key)
    return None


def ref_of(index: FactIndex, fact: IndexedFact, key: str | None = None) -> FactRef:
    return FactRef(
        key or key_of(index, fact),
        index.hashes[fact.article_id],
        fact.kind,
        fact.summary,
        index.sentences[fact.sentence_id].text,
        _cited(index, fact.article_id),
    )


def _cited(index: FactIndex, article: int) -> str:
    source = index.sources[article]
    return " · ".join(p for p in (source.outlet or source.title, source.published) if p)


__all__ = ["key_of_answer", "fact_of_answer", "find_fact", "key_of", "ref_of", "sentence_of_answer"]
