"""Property-based fuzzing of the three ways text gets in: queries never raise, every rendered
message stays inside Block Kit's limits with no live mention or foreign link, and no file,
however broken, raises out of ingestion or costs the store an article."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_sdk.models.blocks import Block
from sqlalchemy import func
from sqlmodel import Session, select

from handlers.blocks import BLOCK_LIMIT, SECTION_LIMIT, Message, paginate, render_result
from store import Answer, FactStore, Result, Source
from store.extraction.reader import MAX_BYTES
from store.persistence.models import Article
from tests.test_blocks import visible_texts

FUZZ = settings(max_examples=150, deadline=None)
SLOW_FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
PAYLOAD_LIMIT = 12_000  # Slack refuses block payloads from about 13k characters (docs/slack.md §4)

# Slack markup in the text people type or articles carry, mixed with ordinary words.
MARKUP = st.sampled_from(
    [
        "<!channel>",
        "<!here|here>",
        "<@U0BOSS>",
        "<#C0ALL|all>",
        "<https://evil.example|click>",
        "<mailto:x@evil.example|mail>",
        "&lt;!channel&gt;",
        "*bold*",
        "`code`",
        "> quoted",
        "\n",
        "|",
        "troops",
        "France",
        "Tchiani",
        "2024",
        "1,000",
        "USD",
    ]
)
HOSTILE_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(MARKUP, max_size=40).map(" ".join),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=5000),
)
# Long text built by repetition: as long as the unicode above, at a fraction of the entropy, so a
# result can hold a dozen of them without tripping hypothesis's data-size health check.
FIELD_TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(MARKUP, max_size=20).map(" ".join),
    st.builds(
        lambda piece, times: piece * times, st.text(min_size=1, max_size=12), st.integers(1, 600)
    ),
)
LINK = re.compile(r"<([^<>]*)>")


def _characters(node: object) -> int:
    """The characters of every string in a block payload (Slack does not document how its ~13k
    limit counts; JSON escapes of quotes and control codes are left out here)."""
    if isinstance(node, str):
        return len(node)
    if isinstance(node, dict):
        return sum(len(key) + _characters(value) for key, value in node.items())
    if isinstance(node, list):
        return sum(_characters(item) for item in node)
    return len(str(node))


def assert_safe(message: Message, *, urls: set[str]) -> None:
    """Inside Block Kit's limits, a fallback set, and no markup but links to the articles."""
    assert message.text.strip(), "the fallback text is always set"
    assert len(message.text) <= 4000
    assert 0 < len(message.blocks) <= BLOCK_LIMIT
    assert [Block.parse(block).to_dict() for block in message.blocks] == message.blocks
    assert _characters(message.blocks) < PAYLOAD_LIMIT
    for block in message.blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= SECTION_LIMIT
    for text in visible_texts(message):
        for inside in LINK.findall(text):
            url = inside.split("|", 1)[0]
            assert url in urls and url.startswith(("https://", "http://")), inside


def _urls(result: Result) -> set[str]:
    return {a.source.url for a in result.answers if a.source.url}


@FUZZ
@given(query=HOSTILE_TEXT)
def test_any_query_is_answered_without_raising(seed_store: FactStore, query: str) -> None:
    result = seed_store.ask(query)
    assert isinstance(result, Result)


@FUZZ
@given(query=HOSTILE_TEXT, shareable=st.booleans())
def test_every_page_answering_any_query_is_safe_block_kit(
    seed_store: FactStore, query: str, shareable: bool
) -> None:
    result = seed_store.ask(query)
    for page in range(len(paginate(result))):
        assert_safe(render_result(result, page=page, shareable=shareable), urls=_urls(result))


OPTIONAL_TEXT = st.none() | FIELD_TEXT
URL = st.none() | st.sampled_from(
    [
        "https://news.example.org/a?b=1&c=2",
        "http://example.org/x",
        "javascript:alert(1)",
        "https://evil.example/|<!channel>",
        "https://x.example/ <@U1>",
        "<!channel>",
    ]
)
SOURCES = st.builds(
    Source,
    title=FIELD_TEXT,
    outlet=OPTIONAL_TEXT,
    url=URL,
    published=OPTIONAL_TEXT,
)
ANSWERS = st.builds(
    Answer,
    kind=st.sampled_from(["troops", "money", "event", "person", "sentence", "statement"]),
    summary=FIELD_TEXT,
    value=st.none() | st.floats(allow_nan=False, allow_infinity=False, width=32),
    date=OPTIONAL_TEXT,
    quote=FIELD_TEXT,
    source=SOURCES,
    score=st.floats(0, 100),
    why=FIELD_TEXT,
    details=st.fixed_dictionaries({}, optional={"currency": FIELD_TEXT, "date_rule": FIELD_TEXT}),
)
RESULTS = st.builds(
    Result,
    query=FIELD_TEXT,
    # The store's own words (intent, topic, notes) are short; the article's and user's are not.
    intent=st.sampled_from(["troops", "timeline", "person", "sentence", "money", "help"]),
    answers=st.lists(ANSWERS, max_size=12).map(tuple),
    suggestions=st.lists(FIELD_TEXT, max_size=5).map(tuple),
    notes=st.lists(st.text(max_size=300), max_size=3).map(tuple),
    topic=st.none() | st.text(max_size=100),
)


@settings(max_examples=200, deadline=None)
@given(result=RESULTS, shareable=st.booleans(), page=st.integers(0, 5))
def test_any_answer_text_renders_as_safe_block_kit(
    result: Result, shareable: bool, page: int
) -> None:
    safe_urls = {u for u in _urls(result) if "<" not in u and "|" not in u and " " not in u}
    assert_safe(render_result(result, page=page, shareable=shareable), urls=safe_urls)


FILE_BYTES = st.one_of(
    st.binary(max_size=4000),
    st.text(max_size=4000).map(lambda t: t.encode("utf-8")),
    st.text(max_size=2000).map(lambda t: t.encode("utf-16")),
    st.text(max_size=2000).map(lambda t: t.encode("latin-1", "replace")),
    st.lists(MARKUP, max_size=200).map(lambda words: " ".join(words).encode()),
    st.just(b""),
    st.just(b"---\ntitle: [unclosed\n---\nTroops."),
    st.just(b"<html><script>alert(1)</script><p>Niger has 1,000 troops.</p></html>"),
)


def _articles(store: FactStore) -> int:
    with Session(store.engine) as session:
        return session.exec(select(func.count()).select_from(Article)).one()


@SLOW_FUZZ
@given(raw=FILE_BYTES, suffix=st.sampled_from([".txt", ".md", ".html", ".htm", ".pdf", ""]))
def test_any_file_is_ingested_or_refused_without_losing_an_article(
    fresh_seed_store: FactStore, raw: bytes, suffix: str
) -> None:
    before = _articles(fresh_seed_store)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzzed-upload{suffix}"
        path.write_bytes(raw)
        report = fresh_seed_store.ingest([path])
    (result,) = report.results
    assert result.status in ("added", "updated", "unchanged", "failed")
    assert result.status != "failed" or result.reason
    # The fuzzed file replaces only its own earlier version, never a seed article.
    assert _articles(fresh_seed_store) in (before, before + 1)


def test_a_huge_file_is_refused_with_its_size_and_the_store_keeps_its_articles(
    fresh_seed_store: FactStore, tmp_path: Path
) -> None:
    before = _articles(fresh_seed_store)
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"Niger hosts 1,000 troops. " * (MAX_BYTES // 26 + 10))
    (result,) = fresh_seed_store.ingest([huge]).results
    assert result.status == "failed"
    assert "limit" in (result.reason or "")
    assert _articles(fresh_seed_store) == before
