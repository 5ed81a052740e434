"""How the store answers: misses say so, typos are forgiven, and no query is too long."""

from __future__ import annotations

import pytest

from store import FactStore


@pytest.mark.parametrize(
    "query",
    ["weather tomorrow", "recipe for banana bread", "zzzz qqqq", "who won the 1998 world cup"],
)
def test_a_question_the_articles_do_not_cover_gets_no_answer_and_suggestions(
    seed_store: FactStore, query: str
) -> None:
    result = seed_store.ask(query)
    assert result.answers == ()
    assert result.suggestions, "a miss must suggest queries that do work"
    assert any("Nothing" in note for note in result.notes)


def test_a_typo_is_never_corrected_into_a_function_word(seed_store: FactStore) -> None:
    result = seed_store.ask("weather tomorrow")
    assert all("whether" not in s for s in result.suggestions)


@pytest.mark.parametrize(
    ("query", "owner"), [("frnace troops", "France"), ("troups US", "United States")]
)
def test_misspelt_troop_questions_are_still_answered_for_the_right_country(
    seed_store: FactStore, query: str, owner: str
) -> None:
    result = seed_store.ask(query)
    assert result.intent == "troops"
    assert result.answers
    assert result.topic == owner


def test_a_4000_character_query_is_cut_and_says_so(seed_store: FactStore) -> None:
    result = seed_store.ask("US troops " + "x" * 4000)
    assert any("cut" in note for note in result.notes)


@pytest.mark.parametrize("query", ["", "   ", "help", "?"])
def test_an_empty_query_or_help_gives_usage_examples(seed_store: FactStore, query: str) -> None:
    result = seed_store.ask(query)
    assert result.intent == "help"
    assert result.answers == ()
    assert len(result.suggestions) >= 5
