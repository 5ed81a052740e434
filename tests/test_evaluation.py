"""The evaluation set: questions over the seed articles, judged on quote, value, date and rank."""

from __future__ import annotations

from sqlmodel import Session, select

from store import FactStore, Result
from store.persistence.models import Article
from tests.conftest import DATA, load_data

QUESTIONS = load_data("eval.toml")["question"]
REQUIRED_PASS_RATE = 0.9


def passes(question: dict, result: Result) -> bool:
    for answer in result.answers[: question.get("top", 1)]:
        if question["quote"] not in answer.quote:
            continue
        if "value" in question and answer.value != question["value"]:
            continue
        if "date" in question and answer.date != question["date"]:
            continue
        if "kind" in question and answer.kind != question["kind"]:
            continue
        return True
    return False


def test_the_evaluation_set_has_at_least_forty_questions() -> None:
    assert len(QUESTIONS) >= 40


def test_evaluation_pass_rate(seed_store: FactStore) -> None:
    failures = []
    for question in QUESTIONS:
        result = seed_store.ask(question["query"])
        if not passes(question, result):
            top = result.answers[0] if result.answers else None
            failures.append(
                f"{question['query']!r} -> {result.intent}: "
                f"{(top.summary, top.value, top.date) if top else 'no answer'}"
            )
    rate = 1 - len(failures) / len(QUESTIONS)
    print(f"\nevaluation: {len(QUESTIONS) - len(failures)}/{len(QUESTIONS)} passed ({rate:.0%})")
    for failure in failures:
        print(f"  FAIL {failure}")
    assert rate >= REQUIRED_PASS_RATE, "\n".join(failures)


def test_every_quote_occurs_verbatim_in_its_article(seed_store: FactStore) -> None:
    with Session(seed_store.engine) as session:
        texts = {a.title: a.text for a in session.exec(select(Article))}
    for question in QUESTIONS:
        for answer in seed_store.ask(question["query"]).answers:
            if answer.kind != "source":
                assert answer.quote in texts[answer.source.title], answer.quote


def test_source_files_of_the_expected_quotes_exist() -> None:
    for question in QUESTIONS:
        if "source" in question:
            assert (DATA.parent.parent / "seeds" / question["source"]).is_file()
