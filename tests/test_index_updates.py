"""The in-memory index follows the store article by article, and always equals a fresh load."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, func
from sqlmodel import Session, select

from store import FactStore
from store.persistence.db import make_engine
from store.persistence.models import Article, Fact, Sentence
from store.search.index import (
    ANSWER_TURN,
    FactIndex,
    IndexedSentence,
    _answer_turns,
    _breaks,
    load_index,
)
from tests.conftest import DATA

BODY = "France now has {:,} soldiers in Chad, the ministry said on Tuesday.\n"
QUERIES = [
    "troops US",
    "timeline France",
    "who is Tchiani",
    "what is CNSP",
    "drone base",
    "tchiani",
]


def shape(index: FactIndex) -> dict:
    """Everything a query reads from an index, as plain comparable values."""
    return {
        "facts": sorted(index.facts),
        "sentences": sorted(index.sentences),
        "sources": sorted(index.sources),
        "frequency": dict(sorted(index.document_frequency.items())),
        "postings": {k: sorted(v) for k, v in sorted(index.postings.items())},
        "by_kind": {k: sorted(v) for k, v in sorted(index.by_kind.items())},
        "by_entity": {k: sorted(v) for k, v in sorted(index.by_entity.items())},
        "by_subject": {k: sorted(v) for k, v in sorted(index.by_subject.items())},
        "by_sentence_entity": {k: sorted(v) for k, v in sorted(index.sentences_by_entity.items())},
        "described": {k: sorted(v) for k, v in sorted(index.described.items())},
        "roles": {k: dict(sorted(v.items())) for k, v in sorted(index.roles.items())},
        "alias_claims": {k: dict(sorted(v.items())) for k, v in sorted(index.alias_claims.items())},
        "context_by_entity": {k: sorted(v) for k, v in sorted(index.context_by_entity.items())},
        "title_postings": {k: sorted(v) for k, v in sorted(index.title_postings.items())},
        "aliases": dict(sorted(index.aliases.items())),
        "vocabulary": sorted(index.vocabulary),
        "date_words": dict(sorted(index.date_words.items())),
        "chronology": [fact.id for fact in index.chronology],
        "breaks": sorted(index.breaks),
        "answered_by": dict(sorted(index.answered_by.items())),
        "heading_countries": {k: sorted(v) for k, v in sorted(index.heading_countries.items())},
    }


def answers(store: FactStore) -> list:
    return [store.ask(q).to_dict() for q in QUERIES]


def values(store: FactStore, query: str) -> list[float | None]:
    return [a.value for a in store.ask(query).answers]


def _delete_newest(url: str) -> None:
    """Remove the newest article the way another process would: straight in the database."""
    with Session(make_engine(url)) as session:
        newest = session.exec(select(func.max(Article.id))).one()
        for table, column in ((Fact, Fact.article_id), (Sentence, Sentence.article_id)):
            session.exec(delete(table).where(column == newest))
        session.exec(delete(Article).where(Article.id == newest))
        session.commit()


def test_an_ingest_updates_the_index_to_what_a_fresh_load_gives(
    fresh_seed_store: FactStore,
) -> None:
    before = fresh_seed_store.index()
    old_shape = shape(before)
    fresh_seed_store.ingest([DATA / "articles"])
    after = fresh_seed_store.index()
    assert after is not before
    assert len(after.sources) == len(before.sources) + 3
    assert shape(after) == shape(load_index(fresh_seed_store.engine))
    assert shape(before) == old_shape  # queries still running on the old index see no change


def test_a_removal_by_another_process_is_picked_up(fresh_seed_store: FactStore) -> None:
    fresh_seed_store.ingest([DATA / "articles"])
    grown = fresh_seed_store.index()
    url = fresh_seed_store.engine.url.render_as_string(hide_password=False)
    _delete_newest(url)
    shrunk = fresh_seed_store.index()
    assert len(shrunk.sources) == len(grown.sources) - 1
    assert shape(shrunk) == shape(load_index(fresh_seed_store.engine))
    reopened = FactStore.open(url, seeds_dir=None)
    assert answers(fresh_seed_store) == answers(reopened)


def test_replacing_the_newest_article_is_seen_even_if_its_id_is_reused(
    fresh_seed_store: FactStore, tmp_path: Path
) -> None:
    article = tmp_path / "report.txt"
    article.write_text(f"French forces in Chad\n{BODY.format(1500)}")
    fresh_seed_store.ingest([article])
    assert 1500 in values(fresh_seed_store, "troops France")
    article.write_text(f"French forces in Chad\n{BODY.format(2500)}")
    fresh_seed_store.ingest([article])
    index = fresh_seed_store.index()
    assert shape(index) == shape(load_index(fresh_seed_store.engine))
    assert 1500 not in values(fresh_seed_store, "troops France")
    assert 2500 in values(fresh_seed_store, "troops France")


def test_typo_lookups_find_what_a_full_scan_finds(seed_store: FactStore) -> None:
    from rapidfuzz import fuzz, process

    index = seed_store.index()
    words = list(index.vocabulary)
    for typo in ["frnace", "troups", "withdrawl", "conuter", "nigerein", "pentgon"]:
        full = [m for m, _, _ in process.extract(typo, words, scorer=fuzz.ratio, score_cutoff=75)]
        assert set(index.vocabulary.similar(typo, score_cutoff=75, limit=len(words))) == set(full)


def test_the_sentences_after_one_are_found_by_id_only_within_its_article() -> None:
    """An article's sentences are stored in order, so the next id is its next sentence, except
    after its last one, or where another article's sentences, stored meanwhile by another
    replica, took the ids in between."""
    assert _breaks([5, 6, 7]) == [7]
    assert _breaks([5, 6, 9, 10]) == [6, 10]
    assert _breaks([]) == []


def test_a_transcript_maps_each_question_to_the_start_of_its_answer() -> None:
    """Labels open turns: the interviewer's sentences map to the first ANSWER_TURN sentences of
    the answer after it; a turn no question opened ("MR MILLER:" speaking first) answers none."""
    texts = [
        "MR MILLER:  Good afternoon.",  # 0: no question before it
        "QUESTION:  On Niger.",  # 1
        "Is the aid paused?",  # 2
        "MR MILLER:  It is.",  # 3
        "We paused it in August.",  # 4
        "More than 200 million dollars.",  # 5
        "It is under review.",  # 6
        "Nothing else changed.",  # 7: past ANSWER_TURN
        "QUESTION:  And Mali?",  # 8
        "MR MILLER:  No comment.",  # 9
        "Q.  And the Congress?",  # 10
        "Mr. RISCH. Mr. President, I rise in opposition.",  # 11: the Record's label
    ]
    sentences = {i: IndexedSentence(i, 1, i, "body", text, ()) for i, text in enumerate(texts)}
    assert ANSWER_TURN == 4
    assert _answer_turns(list(sentences), sentences) == {
        1: (3, 4, 5, 6),
        2: (3, 4, 5, 6),
        8: (9,),
        10: (11,),
    }


def test_a_hosts_turn_that_ends_in_a_question_is_answered_by_the_next_turn() -> None:
    """Radio transcripts label the host by name: a turn asks when it ends with a question."""
    texts = [
        "JUANA SUMMERS, HOST: Niger's president was detained on Wednesday.",  # 0: says
        "CAMERON HUDSON: The guard moved first.",  # 1
        "SUMMERS: With so many coups in the Sahel, what does this one mean?",  # 2: asks
        "HUDSON: It is the third in as many years.",  # 3
        "The region is losing its last partner.",  # 4
    ]
    sentences = {i: IndexedSentence(i, 1, i, "body", text, ()) for i, text in enumerate(texts)}
    assert _answer_turns(list(sentences), sentences) == {2: (3, 4)}
