"""Slack rendering: inside Block Kit's limits for every real answer, and immune to mrkdwn tricks."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from slack_sdk.models.blocks import Block

from handlers.blocks import (
    BLOCK_LIMIT,
    FACTS_SHOWN,
    FLAG_ACTION,
    FLAG_MENU_ACTION,
    MORE_ACTION,
    QUOTES_ACTION,
    SECTION_LIMIT,
    SHARE_ACTION,
    View,
    button_query,
    escape,
    human_value,
    paginate,
    plain_text,
    read_button_value,
    read_flag_value,
    read_view,
    render_flags,
    render_home,
    render_result,
    tail,
)
from store import FactStore
from store.wording import DATE_CHARS, after_figure, human_date, trim
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


def test_a_sentence_after_a_timelines_events_is_marked_undated(seed_store: FactStore) -> None:
    """A timeline of few events goes on with the nearest sentences of their articles, which
    give no date: each says so, not passing for an event."""
    result = seed_store.ask("timeline")
    event, other = result.answers[:2]
    nearby = replace(other, date=None, details={**other.details, "nearby": True})
    message = render_result(replace(result, answers=(event, nearby)))
    lines = "\n".join(b["text"]["text"] for b in message.blocks if b["type"] == "section")
    assert lines.splitlines()[-1].startswith("*undated, from the same article* · ")
    assert "undated, from the same article" not in lines.splitlines()[1]


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


def _elements(message) -> dict[str, dict]:
    """Every interactive element, by action id: the actions blocks' and the sections' buttons."""
    found = {}
    for block in message.blocks:
        for element in block.get("elements", []) if block["type"] == "actions" else []:
            found[element["action_id"]] = element
        if block.get("accessory"):
            found[block["accessory"]["action_id"]] = block["accessory"]
    return found


def test_a_long_result_shows_three_facts_and_the_rest_behind_more(seed_store: FactStore) -> None:
    result = seed_store.ask("troops")
    pages = paginate(result)
    assert len(pages) > 1
    assert sum(len(p) for p in pages) == len(result.answers)
    first = render_result(result)
    more = _elements(first)[MORE_ACTION]
    assert more["text"]["text"] == f"More ({len(result.answers) - FACTS_SHOWN})"
    assert read_view(more["value"]) == View(result.query, FACTS_SHOWN)
    assert read_button_value(more["value"]) == (result.query, FACTS_SHOWN)
    last = render_result(result, page=len(pages) - 1)
    assert MORE_ACTION not in _elements(last)
    assert f"of {len(result.answers)}" in _visible(last)


def test_the_answer_line_comes_first_then_at_most_three_facts(seed_store: FactStore) -> None:
    result = replace(seed_store.ask("troops"), answer_line="about 1,000 (Mar 2024) — 3 sources")
    message = render_result(result, keys=seed_store.fact_keys(result))
    assert message.blocks[0]["text"]["text"] == "*about 1,000 (Mar 2024) — 3 sources*"
    assert message.text.startswith("about 1,000 (Mar 2024) — 3 sources")
    wrong = [
        b for b in message.blocks if b.get("accessory", {}).get("text", {}).get("text") == "Wrong?"
    ]
    assert len(wrong) == FACTS_SHOWN
    for block in wrong:
        fact, source = block["text"]["text"].split("\n")
        assert fact.startswith("*"), "the figure or date leads, in bold"
        assert " · " in source or source, "then its outlet and date"


def test_each_wrong_button_carries_its_fact_key_and_the_query(seed_store: FactStore) -> None:
    result = seed_store.ask("troops France")
    keys = seed_store.fact_keys(result)
    message = render_result(result, keys=keys)
    buttons = [e for a, e in _elements(message).items() if a.startswith(FLAG_ACTION)]
    assert [read_flag_value(b["value"]) for b in buttons] == [
        (k, result.query) for k in keys[:FACTS_SHOWN]
    ]


def test_a_quote_is_one_click_away_and_redraws_in_place(seed_store: FactStore) -> None:
    result = seed_store.ask("troops France")
    plain = render_result(result)
    assert "Some 1,400 French soldiers and airmen were deployed" not in json.dumps(plain.blocks)
    toggle = _elements(plain)[QUOTES_ACTION]
    assert toggle["text"]["text"] == "Show quotes"
    quoted = render_result(result, view=read_view(toggle["value"]))
    assert "\n> _Some 1,400 French soldiers and airmen were deployed" in _visible(quoted)
    assert _elements(quoted)[QUOTES_ACTION]["text"]["text"] == "Hide quotes"


def test_a_name_the_quote_does_not_hold_is_shown_with_its_rule(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """NPR's "He's a senior researcher at Amnesty International in Dakar." names no one: beside
    the quote, the reader sees by which rule the answer says it is Ousmane Diallo."""
    (tmp_path / "npr.md").write_text(
        "# The implications of the coup\n\nTo discuss the implications, Ousmane Diallo joins us "
        "now. He's a senior researcher at Amnesty International in Dakar.\n",
        encoding="utf-8",
    )
    assert not empty_store.ingest([tmp_path / "npr.md"]).failed
    result = empty_store.ask("who is ousmane diallo")
    quoted = _visible(render_result(result, view=View(result.query, 0, True)))
    assert "> _He's a senior researcher at Amnesty International in Dakar._" in quoted
    assert "_“He” is the one person the sentence before names_" in quoted
    assert "the one person the sentence before names" not in _visible(render_result(result))


def test_a_timeline_is_one_message_with_one_line_per_event(seed_store: FactStore) -> None:
    result = seed_store.ask("timeline")
    events = result.answers[:20]
    message = render_result(replace(result, answers=events), keys=seed_store.fact_keys(result))
    assert MORE_ACTION not in _elements(message), "up to 20 events need no paging"
    lines = "\n".join(b["text"]["text"] for b in message.blocks if b["type"] == "section")
    first, *rest = lines.splitlines()
    assert first == f"*{result.answer_line}*", "the answer line leads: the span it covers"
    assert len(rest) == len(events)
    menu = _elements(message)[FLAG_MENU_ACTION]
    assert len(menu["options"]) == len(events)
    assert all(len(o["value"]) <= 150 and len(o["text"]["text"]) <= 75 for o in menu["options"])


@pytest.mark.parametrize("query", QUESTIONS)
def test_no_internal_words_reach_the_reader(seed_store: FactStore, query: str) -> None:
    shown = _visible(render_result(seed_store.ask(query), shareable=True))
    for word in ("present tense", "as of publication", "USD ", "*search*", "date_rule"):
        assert word not in shown, f"{query}: {word!r}"


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        (
            "As of 2023 there were about 1,100 US troops in Niger",
            36,
            "As of 2023 there were about 1,100…",
        ),
        (
            "As of 2023 there were about 1,100 US troops in Niger",
            33,
            "As of 2023 there were about…",
        ),
        ("short", 10, "short"),
        ("But late last month, officials said", 21, "But late last month…"),
    ],
)
def test_trimming_cuts_at_a_word_boundary_never_inside_a_number(
    text: str, limit: int, expected: str
) -> None:
    assert trim(text, limit) == expected
    assert len(trim(text, limit)) <= limit


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Germany had initially agreed an interim agreement with Niger.", 40,
         "…agreed an interim agreement with Niger."),
        ("there were about 1,100 US troops", 22, "…about 1,100 US troops"),
        ("there were about 1,100 US troops", 20, "…1,100 US troops"),
        ("short", 10, "short"),
    ],
)  # fmt: skip
def test_the_end_of_a_sentence_is_cut_at_a_word_boundary(
    text: str, limit: int, expected: str
) -> None:
    assert tail(text, limit) == expected
    assert len(tail(text, limit)) <= limit


def test_amounts_read_as_people_say_them(seed_store: FactStore) -> None:
    (answer, *_) = seed_store.ask("cost of the drone base").answers
    assert human_value(answer) == "over $100 million"
    bare = replace(answer, details={"currency": "USD"})
    assert human_value(bare) == "$100 million"


def test_an_amount_is_said_once_in_its_line(empty_store: FactStore, tmp_path: Path) -> None:
    """A WFP brief's key figure opens its own sentence ("USD 82.5 m six-month … requirement"):
    the answer line and the Block Kit line lead with the amount and do not repeat it."""
    assert after_figure("USD 82.5 — USD 82.5 m six-month", "USD 82.5 m", "USD 82.5") == "six-month"
    assert after_figure("$110 million", "$110 million") == "$110 million"  # nothing else to say
    (tmp_path / "wfp.md").write_text(
        "# WFP Niger Country Brief\n\nUSD 82.5 m six-month (June - November 2022) net funding "
        "requirement.\n",
        encoding="utf-8",
    )
    assert not empty_store.ingest([tmp_path / "wfp.md"]).failed
    result = empty_store.ask("how much does wfp need")
    assert result.answer_line and result.answer_line.startswith("USD 82.5 m — six-month (June")
    section = json.dumps(render_result(result).payload(), ensure_ascii=False)
    assert "*USD 82.5 m · Nov 2022* · six-month (June" in section


def test_share_is_offered_only_on_a_private_answer(seed_store: FactStore) -> None:
    result = seed_store.ask("troops France")
    assert SHARE_ACTION in _elements(render_result(result, shareable=True))
    assert SHARE_ACTION not in _elements(render_result(result))


def test_flags_and_the_home_tab_escape_what_articles_say(empty_store: FactStore) -> None:
    empty_store.ingest([DATA / "hostile" / "injection.md"])
    result = empty_store.ask("Tchiani deadline")
    (key, *_) = empty_store.fact_keys(result)
    assert key
    flagged = empty_store.flag(key, user="U1", query="<!channel> Italian troops")
    listing = render_flags(empty_store.flags(), [])
    assert f"#{flagged.fact_id}" in _visible(listing)
    home = render_home(empty_store.sources(), ["troops <!here>"], flags=empty_store.flags())
    for message in (listing, type(listing)("", home["blocks"])):
        assert _validated(message.blocks) == message.blocks
        rendered = _visible(message).replace("<https://news.example.org/a?b=1&c=2|", "")
        assert CONTROL.findall(rendered) == []


def test_a_huge_quote_still_fits_a_section(seed_store: FactStore) -> None:
    result = seed_store.ask("troops France")
    answer = result.answers[0]
    giant = type(answer)(**{**_fields(answer), "quote": "word " * 2000})
    message = render_result(type(result)(result.query, result.intent, (giant,)))
    assert _validated(message.blocks)


def test_a_sentence_answer_shows_as_much_of_its_sentence_as_a_quote_does(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """A sentence answering as a sentence is its own quote: AFP's "…, according to broadcaster
    BFMTV." (245 characters) is shown whole, where it was cut at 180, before the outlet asked
    for."""
    sentence = (
        "“In Niger, as I speak to you, we have an ambassador and diplomatic members who are "
        "literally taken hostage at the French Embassy,” Emmanuel Macron said during a visit to "
        "the north-western town of Semur-en-Auxois, according to broadcaster BFMTV."
    )
    (tmp_path / "macron.md").write_text(
        f"# France's ambassador in Niger 'taken hostage', says Macron\n\n{sentence}\n",
        encoding="utf-8",
    )
    assert not empty_store.ingest([tmp_path / "macron.md"]).failed
    result = empty_store.ask("which broadcaster carried macron's hostage remarks")
    (shown,) = [a for a in result.answers if a.quote == sentence]
    assert shown.kind == "sentence"
    sections = [b["text"]["text"] for b in render_result(result).blocks if b["type"] == "section"]
    assert any(escape(sentence.strip("“")) in text for text in sections)


AIRSPACE = (
    "# Niger junta closes airspace to all flights after ECOWAS threat\n\n"
    "Niger's military rulers closed the country's airspace on Sunday, citing the threat of an "
    "intervention by West African states.\n\nA spokesman said any attempt to violate the "
    "airspace would be met with an energetic response.\n"
)


def test_a_sentence_answer_is_shown_once_not_again_as_a_bold_line_above_it(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """When the first answer is a sentence, the answer line could only repeat it: the reply
    opens with the sentence itself, and the notification says it once."""
    (tmp_path / "airspace.md").write_text(AIRSPACE, encoding="utf-8")
    assert not empty_store.ingest([tmp_path / "airspace.md"]).failed
    result = empty_store.ask("why did niger close its airspace")
    first = result.answers[0]
    assert first.kind == "sentence" and first.quote.startswith("Niger's military rulers closed")
    assert result.answer_line and result.headline() is None  # JSON keeps the line as made
    message = render_result(result)
    sections = [b["text"]["text"] for b in message.blocks if b["type"] == "section"]
    said = escape(first.quote[:60])
    assert sum(said in text for text in sections) == 1
    assert sections[0].startswith("“" + said)
    assert message.text.count(said) == 1


def test_a_headline_from_an_article_with_no_outlet_is_not_named_by_itself(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """An uploaded article with no outlet is cited by its title; when the sentence shown is
    that title, the source line says it is the headline rather than repeating it."""
    (tmp_path / "airspace.md").write_text(AIRSPACE, encoding="utf-8")
    assert not empty_store.ingest([tmp_path / "airspace.md"]).failed
    result = empty_store.ask("junta closes airspace to all flights")
    title = "Niger junta closes airspace to all flights after ECOWAS threat"
    assert title in [a.quote for a in result.answers]
    sections = [b["text"]["text"] for b in render_result(result).blocks if b["type"] == "section"]
    (shown,) = [text for text in sections if text.startswith(f"“{title}”")]
    assert shown.count("Niger junta closes airspace") == 1
    assert "The article's headline" in shown
    others = [text for text in sections if text.startswith("“Niger's military rulers")]
    assert others and all("Niger junta closes airspace" in text for text in others)


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


def test_an_answer_read_with_the_sentence_before_shows_its_end(seed_store: FactStore) -> None:
    """ "It was limited to August 31" means nothing alone: the sentence it carries on from (its
    end, when long) stands under it, escaped, whether or not quotes show."""
    answer = seed_store.ask("when was the coup").answers[0]
    before = (
        "After the old agreement expired, Germany & Niger agreed an interim <one> for the base."
    )
    result = replace(
        seed_store.ask("when was the coup"),
        answers=(replace(answer, details={**answer.details, "context": before}),),
    )
    for quotes in (False, True):
        message = render_result(result, view=View("when was the coup", 0, quotes))
        _validated(message.blocks)
        shown = "Germany &amp; Niger agreed an interim &lt;one&gt; for the base.”_"
        assert f"_after “After the old agreement expired, {shown}" in _visible(message)


def test_an_infobox_field_shows_the_title_row_after_it_as_read_with_it(
    seed_store: FactStore,
) -> None:
    result = seed_store.ask("when was the coup")
    answer = result.answers[0]
    details = {**answer.details, "context": "Commander Title: Chief of Staff"}
    shown = replace(answer, details={**details, "context_follows": True})
    message = render_result(replace(result, answers=(shown,)))
    assert "_with “Commander Title: Chief of Staff”_" in _visible(message)
    assert "_after “Commander Title" not in _visible(message)


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


def test_buttons_carry_at_most_300_characters_of_query_even_as_json() -> None:
    assert button_query('"' * 1000) == '"' * 150
    assert button_query("a\x00b" + "c" * 500) == "ab" + "c" * 298


@pytest.mark.parametrize(
    ("date", "shown"),
    [
        ("2024-03-22", "22 Mar 2024"),
        ("2023-07", "Jul 2023"),
        ("2023", "2023"),
        ("2023-00", "2023-00"),
    ],
)
def test_a_date_reads_as_people_write_it(date: str, shown: str) -> None:
    assert human_date(date, short=True) == shown


def test_a_line_read_aloud_stops_at_a_clause_end_within_its_limit() -> None:
    """The answer line and the Block Kit message share one trim: the line prefers a clause end
    in its second half, and neither ever runs past its limit."""
    text = "Niger's military said French troops would leave by December 22, and that they were going for good"
    assert (
        trim(text, 80, at_clause=True)
        == "Niger's military said French troops would leave by December 22…"
    )
    assert (
        trim(text, 80)
        == "Niger's military said French troops would leave by December 22, and that they…"
    )
    assert len(trim(text, 80)) <= 80


def test_a_date_is_written_out_where_there_is_room() -> None:
    assert human_date("2023-07-26") == "26 July 2023"
    assert human_date("2023-07-26", short=True) == "26 Jul 2023"
    assert human_date(None) == ""


def test_a_date_that_is_not_iso_text_is_shown_cut() -> None:
    """The store writes ISO dates, but a renderer takes any text: 3,000 characters of "date" in a
    timeline's lines once made a page of exactly Slack's payload budget."""
    shown = human_date("0" * 3000)
    assert len(shown) <= DATE_CHARS and shown.endswith("…")
