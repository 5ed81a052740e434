"""A question with fewer answers than a user reads (three) goes on with the sentences nearest it
in the articles that answered: marked as such, after the answers, never from another article,
never a sentence that holds nothing of the question in its own words, never one dated outside a
period asked (or undated in an article published outside it), and never when nothing answered
at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.terminal import render_result as render_terminal
from handlers.blocks import NEARBY_LINE, render_result
from store import FactStore
from store.search.candidates import Relevance
from store.search.nearby import READ_PER_ARTICLE, nearest_in_articles
from store.search.query import parse_query

ITALY = """---
title: A training mission ends
outlet: Test Wire
published: 2024-09-02
---

Italy's defence ministry said on Monday that its military training mission in Niger had been completed.

The last Italian soldiers flew out of Niamey aboard an air force transport plane, officials said.

About 250 personnel had served with the mission at its peak in 2021.

The weather in Rome was warm and sunny all week.
"""

GERMANY = """---
title: German airlift base closes
outlet: Other Wire
published: 2024-08-30
---

German soldiers left the airlift base at Niamey airport on Friday.
"""


@pytest.fixture
def store(empty_store: FactStore, tmp_path: Path) -> FactStore:
    (tmp_path / "italy.md").write_text(ITALY, encoding="utf-8")
    (tmp_path / "germany.md").write_text(GERMANY, encoding="utf-8")
    assert not empty_store.ingest([tmp_path / "italy.md", tmp_path / "germany.md"]).failed
    return empty_store


def test_few_answers_go_on_with_the_nearest_sentences_of_their_article(store: FactStore) -> None:
    result = store.ask("when was the italian training mission completed")
    first, *more = result.answers
    assert first.kind == "event" and "had been completed" in first.quote
    assert [a.quote for a in more] == [
        "About 250 personnel had served with the mission at its peak in 2021.",  # a date first
        "The last Italian soldiers flew out of Niamey aboard an air force transport plane, "
        "officials said.",
    ]
    for answer in more:
        assert answer.kind == "sentence" and answer.details == {"nearby": True}
        assert answer.why == "nearest sentence in an article that answered"
        assert answer.source.title == "A training mission ends"
        assert answer.score < first.score
    # the first line is the answers', not the nearby sentences'
    assert result.answer_line and "Monday" in result.answer_line


def test_a_sentence_giving_what_the_question_cannot_do_without_comes_first(
    store: FactStore,
) -> None:
    """For "when", a sentence with a date before one holding more of the words (the answer
    finds which sentences give one: answer._answering)."""
    index = store.index()
    parsed = parse_query(
        "when was the italian training mission completed",
        aliases=index.aliases,
        vocabulary=index.vocabulary,
        reference=index.newest,
    )
    relevance = Relevance(parsed, index)
    italy = [a for a, s in index.sources.items() if s.title.startswith("A training mission")]
    shown = {"Italy's defence ministry said on Monday that its military training mission in "
             "Niger had been completed."}  # fmt: skip
    by_words = [s.text[:20] for _, s in nearest_in_articles(relevance, index, italy, shown, 2)]
    dated = nearest_in_articles(
        relevance, index, italy, shown, 2, answering=lambda s: "2021" in s.text
    )
    assert by_words == ["The last Italian sol", "About 250 personnel "]
    assert [s.text[:20] for _, s in dated] == ["About 250 personnel ", "The last Italian sol"]


def test_under_a_period_asked_a_sentence_dated_only_outside_it_is_not_near(
    store: FactStore,
) -> None:
    """Asked of 2024, the mission's peak "in 2021" is no nearer an answer; the undated flight
    out, in an article published in 2024, is, and the note still says which period the answers
    keep."""
    result = store.ask("when was the italian training mission completed in 2024")
    first, *more = result.answers
    assert "had been completed" in first.quote
    assert [a.quote for a in more] == [
        "The last Italian soldiers flew out of Niamey aboard an air force transport plane, "
        "officials said."
    ]
    assert more[0].details == {"nearby": True}
    assert result.notes == ("Only facts dated in 2024.",)


def test_a_sentence_that_only_inherits_the_subject_is_not_near(store: FactStore) -> None:
    # every sentence of the article is about Italy by its title; the weather says nothing asked
    quotes = [a.quote for a in store.ask("how many italian personnel served").answers]
    assert quotes[0] == "About 250 personnel had served with the mission at its peak in 2021."
    assert not any("weather" in q for q in quotes)


def test_another_article_never_fills_the_answers(store: FactStore) -> None:
    result = store.ask("german soldiers")
    assert [a.quote for a in result.answers] == [
        "German soldiers left the airlift base at Niamey airport on Friday."
    ]


def test_nothing_answered_is_not_filled(store: FactStore) -> None:
    result = store.ask("uranium mine output")
    assert result.answers == ()
    assert "Nothing in the loaded articles matches this." in result.notes


def test_enough_answers_are_not_filled(store: FactStore) -> None:
    answers = store.ask("soldiers niamey").answers
    assert len(answers) == 3
    assert not any(a.details.get("nearby") for a in answers)


def test_a_limit_under_three_is_kept(store: FactStore) -> None:
    assert len(store.ask("when was the italian training mission completed", limit=1).answers) == 1


def test_a_sentence_an_admin_hid_is_not_shown_as_near(store: FactStore) -> None:
    flown = store.ask("italian soldiers niamey")
    key = store.fact_keys(flown)[0]
    assert flown.answers[0].quote.startswith("The last Italian soldiers")
    assert key is not None
    store.hide(store.flag(key, user="U1", query="italian soldiers niamey").fact_id, actor="UADMIN")
    quotes = [a.quote for a in store.ask("when was the italian training mission completed").answers]
    assert not any(q.startswith("The last Italian soldiers") for q in quotes)
    assert "About 250 personnel had served with the mission at its peak in 2021." in quotes


def test_slack_and_the_terminal_say_which_answers_are_looser(store: FactStore) -> None:
    result = store.ask("when was the italian training mission completed")
    sections = [b["text"]["text"] for b in render_result(result).blocks if b["type"] == "section"]
    answers = [s for s in sections if s.endswith("Test Wire · 2 Sep 2024")]
    assert len(answers) == 3
    assert [NEARBY_LINE in s for s in answers] == [False, True, True]
    lines = render_terminal(result).splitlines()
    marked = [
        i for i, line in enumerate(lines) if line == "   (a looser match, from the same article)"
    ]
    # the mark follows its answer's sentence, which may wrap over several lines
    numbered = [next(line for line in lines[i::-1] if line[:1].isdigit()) for i in marked]
    assert [line[:3] for line in numbered] == ["2. ", "3. "]


def test_a_huge_article_is_read_only_so_far(empty_store: FactStore, tmp_path: Path) -> None:
    """A file of a thousand one-line sentences is no article, but may be loaded: the sentences
    near a question are looked for in its first READ_PER_ARTICLE, so one such file cannot slow
    every question it answers."""
    filler = [f"Filler line {i} says nothing." for i in range(READ_PER_ARTICLE + 10)]
    lines = [
        "The Zinder refinery output fell sharply in March, the oil ministry said.",
        "Zinder traders said fuel was short.",
        *filler,
        "Zinder traders later said fuel was back.",
    ]
    (tmp_path / "huge.md").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    assert not empty_store.ingest([tmp_path / "huge.md"]).failed
    answers = empty_store.ask("zinder refinery output fell sharply").answers
    assert [a.details.get("nearby", False) for a in answers] == [False, True]
    quotes = [a.quote for a in answers]
    assert quotes[0].startswith("The Zinder refinery output fell")
    assert "Zinder traders said fuel was short." in quotes
    assert "Zinder traders later said fuel was back." not in quotes
