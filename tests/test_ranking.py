"""The fast path answers exactly what reading everything answers: the same facts, in the same
order, with the same scores, for the benchmark queries, the evaluation questions and queries made
to tie thousands of candidates or to earn the date-words bonus."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from benchmarks.generate import write_articles
from benchmarks.queries import query_set
from store import FactStore
from store.search import answer_query
from store.search.index import FactIndex
from tests.conftest import load_data

TIES_AND_DATES = [
    "when was the convoy attacked",  # every article has a convoy: all tie on relevance
    "how much money",  # no words: every amount ties, the earliest dates win
    "timeline",
    "statements about the withdrawal",
    "when did talks resume in January",  # "january" is a date word: the bonus can apply
    "what happened by March 2021",
    "deadline for the withdrawal",
    "convoy attack near the air base on October 16, 2020",
    "troops in 2020",
]
LIMITS = (1, 3, 10)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FactIndex]:
    """A store of 40 synthetic benchmark articles (about 2,300 facts)."""
    folder = tmp_path_factory.mktemp("articles")
    write_articles(folder, 0, 40)
    path = tmp_path_factory.mktemp("store") / "facts.sqlite3"
    store = FactStore.open(f"sqlite:///{path}", seeds_dir=None)
    assert not store.ingest([folder]).failed
    yield store.index()
    store.engine.dispose()


def same_answers(query: str, index: FactIndex) -> None:
    for limit in LIMITS:
        fast = answer_query(query, index, limit=limit).to_dict()
        every = answer_query(query, index, limit=limit, exhaustive=True).to_dict()
        assert fast == every, f"{query!r}, limit {limit}"


@pytest.mark.parametrize("query", [q.text for q in query_set()] + TIES_AND_DATES)
def test_generated_corpus_answers_equal_a_full_scan(query: str, generated: FactIndex) -> None:
    same_answers(query, generated)


def test_a_date_word_in_the_query_can_earn_the_bonus(generated: FactIndex) -> None:
    assert "januari" in generated.date_words  # stemmed, as queries are
    assert "convoy" not in generated.date_words


def test_seed_evaluation_answers_equal_a_full_scan(seed_store: FactStore) -> None:
    index = seed_store.index()
    questions = load_data("eval.toml")["question"] + load_data("eval_unseen.toml")["question"]
    for query in dict.fromkeys(q["query"] for q in questions):
        same_answers(query, index)
