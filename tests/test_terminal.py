"""The terminal shows the answer line first, then each fact with its quoted sentence and source."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bot.terminal import render_result
from store import FactStore


def test_the_answer_line_comes_first(seed_store: FactStore) -> None:
    result = replace(seed_store.ask("troops France"), answer_line="Some 1,400 (2023) — 1 source")
    lines = render_result(result).splitlines()
    assert lines[0] == "Some 1,400 (2023) — 1 source"
    assert lines[1] == "[troops · France] troops France"


def test_without_an_answer_line_the_header_comes_first(seed_store: FactStore) -> None:
    result = replace(seed_store.ask("troops France"), answer_line=None)
    assert render_result(result).splitlines()[0] == "[troops · France] troops France"


def test_an_answer_read_with_the_sentence_before_shows_it_above_its_quote(
    seed_store: FactStore,
) -> None:
    result = seed_store.ask("when was the coup")
    first = result.answers[0]
    before = "Germany had initially agreed an interim agreement with Niger."
    shown = replace(first, details={**first.details, "context": before})
    lines = render_result(replace(result, answers=(shown,))).splitlines()
    at = lines.index(f"   (after) {before}")
    assert lines[at + 1].startswith("   > ")
    follows = replace(first, details={**first.details, "context": before, "context_follows": True})
    assert f"   (with) {before}" in render_result(replace(result, answers=(follows,))).splitlines()


def test_a_hard_wrapped_sentence_is_shown_as_prose(seed_store: FactStore) -> None:
    """The quote keeps the article's line breaks (JSON shows them verbatim); the terminal shows
    one line of prose, wrapped at its own width."""
    result = seed_store.ask("when was the coup")
    first = result.answers[0]
    wrapped = (
        "More than 1,000 U.S. service members currently stationed in \n     Niger are in danger."
    )
    shown = replace(first, summary=wrapped, quote=wrapped)
    lines = render_result(replace(result, answers=(shown,))).splitlines()
    prose = "More than 1,000 U.S. service members currently stationed in Niger are in danger."
    assert f"1. {prose}" in lines
    assert f"   > {prose}" in lines


def test_a_sentence_answer_is_shown_once(empty_store: FactStore, tmp_path: Path) -> None:
    """A sentence that answers as a sentence is its own quote: it is printed once, wrapped, not
    as a line and again as a quote, and no answer line above repeats it."""
    sentence = (
        "Niger's military rulers closed the country's airspace on Sunday, citing the threat of "
        "an intervention by West African states."
    )
    (tmp_path / "airspace.md").write_text(f"# Niger closes airspace\n\n{sentence}\n", "utf-8")
    assert not empty_store.ingest([tmp_path / "airspace.md"]).failed
    result = empty_store.ask("why did niger close its airspace")
    assert result.answers[0].kind == "sentence" and result.answers[0].quote == sentence
    text = render_result(result)
    assert " ".join(text.split()).count(sentence) == 1
    assert text.splitlines()[0].startswith("[search")
    assert "   > " not in text
