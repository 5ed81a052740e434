"""A question nothing answers, worded unlike the article ("looted" for "set ablaze"), is told so
and shown the sentences that come closest, marked as not answers: only sentences holding enough of
the question and two of its words or names in their own words, so one word shared by chance shows
nothing, and the word that only restates the kind asked ("say") is not one of the two. Once one
sentence is that close, the others shown may hold one of its parts."""

from __future__ import annotations

from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from benchmarks.eval import Question, judge
from bot.terminal import render_result as render_terminal
from handlers.blocks import CLOSEST_LINE, render_result
from store import FactStore
from store.search.answer import NOTHING_ANSWERS, NOTHING_MATCHES
from store.search.candidates import Relevance
from store.search.closest import closest_sentences
from store.search.query import parse_query
from tests.test_contract import SCHEMA

VILLAGE = """---
title: Gunmen attack a village in western Niger
outlet: Test Wire
published: 2024-03-25
---

Gunmen on motorcycles attacked the village of Kolmane on Sunday, killing 12 people, local officials said.

Responsibility for the attack was attributed to the Islamic State in the Sahel by the regional governor.

The village market was set ablaze and dozens of cattle were taken.

The weather in Rome was warm and sunny all week.
"""
MARKET = "The village market was set ablaze and dozens of cattle were taken."
LOOTED = "was the village market looted"


def _relevance(store: FactStore, query: str) -> Relevance:
    """How much of ``query`` each sentence of the store holds, as the bot reads it."""
    index = store.index()
    parsed = parse_query(query, aliases=index.aliases, vocabulary=index.vocabulary)
    return Relevance(parsed, index)


@pytest.fixture
def store(empty_store: FactStore, tmp_path: Path) -> FactStore:
    (tmp_path / "village.md").write_text(VILLAGE, encoding="utf-8")
    assert not empty_store.ingest([tmp_path / "village.md"]).failed
    return empty_store


def test_nothing_answers_so_the_closest_sentences_are_shown_as_not_answers(
    store: FactStore,
) -> None:
    result = store.ask(LOOTED)
    assert [a.quote for a in result.answers] == [MARKET]  # "village" alone is not close
    (closest,) = result.answers
    assert closest.kind == "sentence" and closest.details == {"closest": True}
    assert closest.why == "closest sentence, though nothing answers"
    assert closest.source.title == "Gunmen attack a village in western Niger"
    assert result.notes[0] == NOTHING_ANSWERS
    assert result.answer_line is None  # nothing is said to answer
    assert not result.answered
    assert result.suggestions  # what to ask instead, as when nothing matches


def test_closest_sentences_for_a_period_say_they_are_from_any_date(store: FactStore) -> None:
    """Nothing is dated 2019, and the closest sentences are read at any date, as answers are
    when nothing in the period answers: the note says so, not "Only facts dated in 2019"."""
    result = store.ask("was the village market looted in 2019")
    assert [a.quote for a in result.answers] == [MARKET]
    assert result.notes == (
        NOTHING_ANSWERS,
        "Nothing in the loaded articles is dated in 2019: these sentences are from any date.",
    )


def test_one_word_shared_by_chance_shows_nothing(store: FactStore) -> None:
    for query in ("cattle stolen in the raid", "pizza recipe", "did the gunmen loot the market"):
        result = store.ask(query)
        assert result.answers == (), query
        assert result.notes[0] == NOTHING_MATCHES


SUMMIT = """---
title: West African foreign ministers meet
outlet: Test Wire
published: 2024-07-08
---

The summit of foreign ministers in Abuja ended on Sunday with a joint communiqué.

The following ministers took part: the Minister of Foreign Affairs of the Togolese Republic.

The weather in Lagos was warm and sunny all week.
"""


def test_once_one_sentence_is_close_the_rest_may_hold_one_part_of_the_question(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """The summit's sentence holds two parts of the question ("Abuja", "summit"), so the question
    is about the articles; the list item naming Togo holds one, as much of the question, and is
    shown after it. Lagos's weather holds none and is not."""
    (tmp_path / "summit.md").write_text(SUMMIT, encoding="utf-8")
    assert not empty_store.ingest([tmp_path / "summit.md"]).failed
    result = empty_store.ask("what did togo say at the abuja summit")
    assert result.notes[0] == NOTHING_ANSWERS
    assert [a.quote[:40] for a in result.answers] == [
        "The summit of foreign ministers in Abuja",
        "The following ministers took part: the M",
    ]
    assert all(a.details == {"closest": True} for a in result.answers)


def test_the_word_that_restates_the_kind_asked_is_not_one_of_the_two(store: FactStore) -> None:
    """The first sentence holds "said" and "Kolmane": for "what did the pope say about Kolmane"
    that is one word of the question told apart from the kind it asks, not two."""
    index = store.index()
    relevance = _relevance(store, "what did the pope say about kolmane")
    (first,) = [s for s in index.sentences.values() if s.text.startswith("Gunmen on motorcycles")]
    assert relevance.parts_in_own_words(first.id) == 1
    assert closest_sentences(relevance, index, 3) == []


def test_a_question_of_kind_words_alone_has_nothing_closest(store: FactStore) -> None:
    """ "what did they say" tells no sentence apart: every statement holds "say"."""
    index = store.index()
    relevance = _relevance(store, "what did they say")
    assert relevance.parts and not relevance.told_parts
    assert closest_sentences(relevance, index, 3) == []


def test_a_sentence_holding_a_quarter_of_the_question_is_shown_as_closest(
    store: FactStore,
) -> None:
    """The market sentence holds 28% of "was the village market looted by bandits" ("bandits"
    and "looted" are not its words): close enough to show, as not an answer."""
    query = "was the village market looted by bandits"
    index = store.index()
    market = next(s.id for s in index.sentences.values() if s.text == MARKET)
    assert 0.25 <= _relevance(store, query)(market) < 0.3
    result = store.ask(query)
    assert [a.quote for a in result.answers] == [MARKET]
    assert result.notes[0] == NOTHING_ANSWERS and not result.answered


def test_a_name_no_article_mentions_still_declines(store: FactStore) -> None:
    """Naming somewhere no article mentions, the rest of the question must hold more (30%) for
    a sentence to be shown: the market in Niger is not the one asked about in Ethiopia."""
    result = store.ask("was the village market in ethiopia looted")
    assert result.answers == ()
    assert "No loaded article mentions Ethiopia." in result.notes


def test_what_ask_prints_for_the_closest_sentences_keeps_the_contract(store: FactStore) -> None:
    errors = list(Draft202012Validator(SCHEMA).iter_errors(store.ask(LOOTED).to_dict()))
    assert errors == []


def test_slack_and_the_terminal_say_the_closest_sentences_are_not_answers(
    store: FactStore,
) -> None:
    result = store.ask(LOOTED)
    message = render_result(result)
    texts = [b["text"]["text"] for b in message.blocks if b["type"] == "section"]
    texts += [e["text"] for b in message.blocks if b["type"] == "context" for e in b["elements"]]
    (shown,) = [t for t in texts if "set ablaze" in t]
    assert CLOSEST_LINE in shown
    assert any("Nothing in the loaded articles answers this fully" in t for t in texts)
    assert "Try:" in texts and "Did you mean:" not in texts
    assert message.text.startswith("Nothing answers this fully; the closest: “The village market")
    lines = render_terminal(result).splitlines()
    assert "   (not an answer: the closest sentence found)" in lines
    assert any(line.startswith("Try: ") for line in lines)


def test_the_evaluation_counts_closest_sentences_as_declining_a_none_question(
    store: FactStore,
) -> None:
    none = judge(store, "t", Question("t-1", LOOTED, "none"))
    assert none.top3 and none.cause is None and none.closest
    found = judge(store, "t", Question("t-2", LOOTED, "search", "village.md", "set ablaze"))
    assert found.top1 and found.closest
