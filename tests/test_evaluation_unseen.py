"""The unseen-article check: fixtures in Markdown, HTML and text ingested into an empty store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from store import FactStore
from tests.conftest import DATA, ENGINES, engine_for, load_data
from tests.databases import Databases
from tests.test_evaluation import passes

QUESTIONS = load_data("eval_unseen.toml")["question"]
REQUIRED_PASS_RATE = 0.85


@pytest.fixture(scope="module", params=ENGINES)
def unseen_store(request: pytest.FixtureRequest, databases: Databases) -> Iterator[FactStore]:
    url = databases.create(engine_for(request))
    store = FactStore.open(url, seeds_dir=None)
    report = store.ingest([DATA / "articles"])
    assert report.count("added") == 3, report.results
    yield store
    store.engine.dispose()
    databases.drop(url)


def test_unseen_articles_pass_rate(unseen_store: FactStore) -> None:
    failures = []
    for question in QUESTIONS:
        result = unseen_store.ask(question["query"])
        if not passes(question, result):
            top = [(a.summary[:60], a.value, a.date) for a in result.answers[:3]]
            failures.append(f"{question['query']!r} -> {result.intent}: {top or 'no answer'}")
    rate = 1 - len(failures) / len(QUESTIONS)
    print(f"\nunseen evaluation: {len(QUESTIONS) - len(failures)}/{len(QUESTIONS)} ({rate:.0%})")
    for failure in failures:
        print(f"  FAIL {failure}")
    assert rate >= REQUIRED_PASS_RATE, "\n".join(failures)


def test_a_text_without_a_publication_date_leaves_relative_dates_unresolved(
    unseen_store: FactStore,
) -> None:
    answers = unseen_store.ask("when will the drill end").answers
    assert answers == () or all(a.date is None for a in answers if "Friday" in a.quote)
