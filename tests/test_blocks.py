"""Slack rendering: inside Block Kit's limits for every real answer, and immune to mrkdwn tricks."""

from __future__ import annotations

import json
import re

import pytest
from slack_sdk.models.blocks import Block

from handlers.blocks import (
    BLOCK_LIMIT,
    MORE_ACTION,
    SECTION_LIMIT,
    escape,
    paginate,
    plain_text,
    read_button_value,
    render_result,
)
from store import FactStore
from tests.conftest import DATA, load_data

QUESTIONS = [q["query"] for q in load_data("eval.toml")["question"]] + [
    "troops",
    "timeline",
    "sources",
    "help",
    "recipe for banana bread",
]
CONTROL = re.compile(r"<(?:!|@|#|https?:)")


def visible_texts(message) -> list[str]:
    """Every mrkdwn string Slack shows: the fallback and each text in the blocks, not the opaque
    button values."""
    seen: list[str] = [message.text]

    def walk(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    seen.append(value)
                elif key != "value":
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(message.blocks)
    return seen


def _visible(message) -> str:
    return "\n".join(visible_texts(message))


def _validated(blocks: list[dict]) -> list[dict]:
    """Round-trip through slack_sdk's models, which raise on any limit they know."""
    return [Block.parse(block).to_dict() for block in blocks]


@pytest.mark.parametrize("query", QUESTIONS)
def test_every_page_of_every_answer_is_valid_block_kit(seed_store: FactStore, query: str) -> None:
    result = seed_store.ask(query)
    for page in range(len(paginate(result))):
        message = render_result(result, page=page, shareable=True)
        assert _validated(message.blocks) == message.blocks
        assert len(message.blocks) <= BLOCK_LIMIT
        assert message.text and len(message.text) <= 4000
        assert len(json.dumps(message.blocks)) < 12000, "Slack refuses block payloads near 13k"
        for block in message.blocks:
            assert len(block.get("text", {}).get("text", "")) <= SECTION_LIMIT


def test_a_long_result_is_paged_with_a_more_button_not_cut(seed_store: FactStore) -> None:
    result = seed_store.ask("troops")
    pages = paginate(result)
    assert len(pages) > 1
    assert sum(len(p) for p in pages) == len(result.answers)
    first = render_result(result, page=0)
    buttons = [e for b in first.blocks if b["type"] == "actions" for e in b["elements"]]
    (more,) = [e for e in buttons if e["action_id"] == MORE_ACTION]
    assert read_button_value(more["value"]) == (result.query, 1)
    last = render_result(result, page=len(pages) - 1)
    last_buttons = [e for b in last.blocks if b["type"] == "actions" for e in b["elements"]]
    assert MORE_ACTION not in {e["action_id"] for e in last_buttons}


def test_a_huge_quote_still_fits_a_section(seed_store: FactStore) -> None:
    result = seed_store.ask("troops France")
    answer = result.answers[0]
    giant = type(answer)(**{**_fields(answer), "quote": "word " * 2000})
    message = render_result(type(result)(result.query, result.intent, (giant,)))
    assert _validated(message.blocks)


def _fields(answer) -> dict:
    return {name: getattr(answer, name) for name in answer.__slots__}


def test_article_text_cannot_ping_the_channel_or_forge_a_link(empty_store: FactStore) -> None:
    report = empty_store.ingest([DATA / "hostile" / "injection.md"])
    assert not report.failed
    for query in ("Italian troops", "Tchiani deadline", "sources", "troops <!channel>"):
        result = empty_store.ask(query)
        assert result.answers, query
        message = render_result(result, shareable=True)
        rendered = _visible(message).replace("<https://news.example.org/a?b=1&c=2|", "")
        links = CONTROL.findall(rendered)
        assert links == [], f"{query}: {links} would be live Slack markup"
    assert "&lt;!channel&gt;" in json.dumps(render_result(empty_store.ask("Italian troops")).blocks)


def test_a_query_cannot_inject_markup_into_the_answer_heading(seed_store: FactStore) -> None:
    message = render_result(seed_store.ask("troops <!here> <@U1> <https://evil|x>"))
    assert CONTROL.findall(_visible(message)) == []


def test_the_article_link_is_the_only_link_and_it_is_the_source_url(empty_store: FactStore) -> None:
    empty_store.ingest([DATA / "hostile" / "injection.md"])
    rendered = json.dumps(render_result(empty_store.ask("Italian troops")).blocks)
    assert re.findall(r"<(https?://[^|>]+)\|", rendered) == ["https://news.example.org/a?b=1&c=2"]


@pytest.mark.parametrize(
    ("typed", "question"),
    [
        ("<@UBOT> who is Tchiani", "who is Tchiani"),
        ("troops in <#C123|sahel-desk>", "troops in sahel-desk"),
        ("see <https://example.org|example.org> &amp; more", "see example.org & more"),
        ("  spaced\n  out  ", "spaced out"),
    ],
)
def test_slack_markup_in_a_question_is_read_as_plain_text(typed: str, question: str) -> None:
    assert plain_text(typed) == question


def test_escaping_touches_exactly_three_characters() -> None:
    assert escape("a & b < c > d * _ ~ `") == "a &amp; b &lt; c &gt; d * _ ~ `"


@pytest.mark.parametrize("raw", ["", "not json", "[]", '{"q": 5, "p": "x"}', '{"p": -3}'])
def test_a_malformed_button_value_reads_as_an_empty_question(raw: str) -> None:
    query, page = read_button_value(raw)
    assert page >= 0
    assert isinstance(query, str)


def test_markup_in_a_long_run_of_angle_brackets_is_read_in_linear_time() -> None:
    """The markup patterns cannot cross a "<", so 100 kB of them is one pass, not minutes; and
    only the first MARKUP_CHARS characters are read at all."""
    from handlers.blocks import MARKUP, MARKUP_CHARS, link_target, plain_text

    assert plain_text("<#C1|general> troops <@U0BOSS> <https://x.example|x>") == "general troops x"
    assert MARKUP.sub("", "<" * 100_000 + "|" * 10 + ">") == "<" * 99_999
    assert plain_text("<" * 100_000 + "troops") == "<" * MARKUP_CHARS
    assert (
        link_target("<https://real.example/a|https://fake.example/b>") == "https://real.example/a"
    )
    assert link_target(" https://plain.example/a ") == "https://plain.example/a"
