"""How the store answers: misses say so, typos are forgiven, and no query is too long."""

from __future__ import annotations

import pytest

from store import FactStore


@pytest.mark.parametrize(
    "query",
    [
        "weather tomorrow",
        "recipe for banana bread",
        "zzzz qqqq",
        "who won the 1998 world cup",
        "who is zenie",  # a name no seed article knows, not "deni" (deny) misspelt
    ],
)
def test_a_question_the_articles_do_not_cover_gets_no_answer_and_suggestions(
    seed_store: FactStore, query: str
) -> None:
    result = seed_store.ask(query)
    assert result.answers == ()
    assert result.suggestions, "a miss must suggest queries that do work"
    assert any("Nothing" in note for note in result.notes)


def test_what_a_miss_suggests_about_someone_fits_a_person_and_answers(
    seed_store: FactStore,
) -> None:
    """Nothing says which channel interviewed Bazoum: the bot suggests asking who he is, what
    he said and his timeline, each of which answers, not "troops Mohamed Bazoum"."""
    result = seed_store.ask("which tv channel interviewed bazoum")
    assert not result.answered
    offered = result.suggestions[:3]
    assert offered == (
        "who is Mohamed Bazoum",
        "what did Mohamed Bazoum say",
        "timeline Mohamed Bazoum",
    )
    assert all(seed_store.ask(query).answered for query in offered)
    assert not [s for s in result.suggestions if s.startswith("troops Mohamed")]


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


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("when did the us delegtaion meet tchiani", "when did the us delegation meet tchiani"),
        (
            "how many us militray persnonel are in niger",
            "how many us military personnel are in niger",
        ),
        ("when did the frnech ambsasador leave", "when did the french ambassador leave"),
        ("who is bazuom", "who is bazoum"),
    ],
)
def test_letters_typed_out_of_order_are_read_as_the_word_meant(
    seed_store: FactStore, typed: str, meant: str
) -> None:
    """Two neighbouring letters swapped is the commonest slip on a keyboard. The misspelt word is
    matched as written against the English words and names the articles use ("delegtaion" is
    "delegation", whose stem "deleg" no stem of the typo resembles), before the question is
    read, so "persnonel" asks for personnel, not a person."""
    asked, wanted = seed_store.ask(typed), seed_store.ask(meant)
    assert asked.answers and asked.intent == wanted.intent
    assert [a.quote for a in asked.answers[:3]] == [a.quote for a in wanted.answers[:3]]
    assert asked.suggestions[:1] == (meant,)  # "did you mean" spells it out


def test_a_4000_character_query_is_cut_and_says_so(seed_store: FactStore) -> None:
    result = seed_store.ask("US troops " + "x" * 4000)
    assert any("cut" in note for note in result.notes)


@pytest.mark.parametrize("query", ["", "   ", "help", "?"])
def test_an_empty_query_or_help_gives_usage_examples(seed_store: FactStore, query: str) -> None:
    result = seed_store.ask(query)
    assert result.intent == "help"
    assert result.answers == ()
    assert len(result.suggestions) >= 5
