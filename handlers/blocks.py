"""Block Kit and mrkdwn: the only module that knows how an answer looks in Slack.

An answer reads in a meeting: the one line that answers the question first, then at most three
supporting facts, each in two lines (the fact, then its source), with its quote one click away
("Show quotes" redraws the message in place) and the rest behind "More", which redraws it in
place too. A timeline is one message with one line per event, up to 20 events. Text is trimmed
by rule, at a word boundary, never inside a word or a number.

Every message built here stays inside Slack's limits (3,000 characters a section, 50 blocks, 10
context elements, 2,000 characters a button value, 75 an option's text, 150 its value) and
escapes article and user text, so no article or query can ping @channel or forge a link.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from handlers.charts import chartable
from store import FlagInfo, SourceInfo
from store.answers import Answer, Kind, Result
from store.wording import after_figure, human_date, trim

SECTION_LIMIT = 3000
BLOCK_LIMIT = 50
VIEW_BLOCK_LIMIT = 100
CONTEXT_ELEMENTS = 10
BUTTON_VALUE_LIMIT = 2000
BUTTON_TEXT_LIMIT = 75
OPTION_TEXT_LIMIT = 75
OPTION_VALUE_LIMIT = 150
ACTIONS_LIMIT = 25
BLOCK_ID_LIMIT = 255
FALLBACK_LIMIT = 3000
NOTE_CHARS = 300
BUTTON_QUERY_CHARS = 300  # the store reads a query's first 300 characters (store/search/query.py)
SUGGESTION_CHARS = 200
PAGE_CHARS = 6000  # answers' share of a page, as rendered JSON (see paginate)
CONTEXT_PART_CHARS = 600
SUGGESTIONS_SHOWN = 5
FACTS_SHOWN = 3  # supporting facts per view of an answer
LIST_SHOWN = 20  # lines per view of a timeline or a list of sources
SUMMARY_CHARS = 120
TITLE_CHARS = 40
LIST_TITLE_CHARS = 32
QUOTE_CHARS = 280
RULE_CHARS = 120  # the stated rule shown under a quote
CONTEXT_CHARS = 120  # of the sentence an answer carries on from, its end
LIST_QUOTE_CHARS = 200
# under a sentence shown because its article answered, though it holds less of the question
NEARBY_LINE = "_a looser match, from the same article_"
NEARBY_LIST_LEAD = "undated, from the same article"  # such a sentence in a timeline's list
# under a sentence shown because nothing answered and it came closest
CLOSEST_LINE = "_not an answer: the closest sentence found_"
FLAG_QUOTE_CHARS = 1500

SHARE_ACTION = "share_answer"
MORE_ACTION = "more_answers"
QUOTES_ACTION = "show_quotes"
FLAG_ACTION = "flag_fact"  # "Wrong?" on one fact; a suffix keeps each button's id unique
FLAG_MENU_ACTION = "flag_event"  # the timeline's menu of events to flag
VOTE_ACTION = "vote_answer"
ASK_ACTION = "ask_suggestion"  # a suggested or example query; suffixed like FLAG_ACTION
COMMENT_ACTION = "comment_flag"
ADMIN_FLAG_ACTION = "admin_flag"  # Hide / Dismiss / Unhide on the admins' list; suffixed
COMMENT_VIEW = "flag_comment"
COMMENT_BLOCK = "comment"
COMMENT_INPUT = "comment_text"
HELP_EXAMPLES_COMMAND = "/niger"

Blocks = list[dict[str, Any]]

# No part of a markup match may cross a "<" (Slack escapes it in what people type), so each
# match attempt stops at the next one: linear on a run of "<", where [^>]* was quadratic.
MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^<>]*)?>")
MARKUP = re.compile(r"<[#!]?([^|<>]*)(?:\|([^<>]*))?>")
LINK = re.compile(r"\s*<(https?://[^|<>\s]+)(?:\|[^<>]*)?>\s*")
MARKUP_CHARS = 4000  # what is read of a message; the store reads a query's first 300 anyway
UNSHOWABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£"}
LIST_INTENTS = ("timeline", "sources")
INTENT_LABELS = {
    "troops": "Troop numbers",
    "timeline": "Timeline",
    "when": "When",
    "who": "People",
    "organisation": "Organisations",
    "money": "Money",
    "place": "Places",
    "statement": "Statements",
    "sources": "Sources",
    "search": "From the articles",
}


@dataclass(frozen=True, slots=True)
class Message:
    """A rendered Slack message: the fallback text (notifications, screen readers) and blocks."""

    text: str
    blocks: Blocks

    def payload(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": self.blocks}


@dataclass(frozen=True, slots=True)
class View:
    """Where a message stands: which query, from which answer on, and whether quotes show. Every
    button that redraws a message carries one, so any replica can draw the same message again."""

    query: str
    start: int = 0
    quotes: bool = False

    def value(self) -> str:
        data: dict[str, Any] = {"q": button_query(self.query), "p": self.start}
        if self.quotes:
            data["x"] = 1
        return json.dumps(data, ensure_ascii=False)


def escape(text: str) -> str:
    """Escape the three characters Slack treats as control characters, and nothing else; ASCII
    control codes other than newline and tab, which Slack cannot show, are dropped."""
    text = UNSHOWABLE.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """Undo Slack's escaping of message text (used on incoming questions)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _cut(text: str, limit: int) -> str:
    """A hard cut for text already built (a safety net for limits): prefer ``trim``."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _escaped_cut(text: str, limit: int) -> str:
    """Escape, then cut to ``limit`` without leaving half an entity (``&am``) at the end."""
    escaped = escape(text)
    if len(escaped) <= limit:
        return escaped
    return re.sub(r"&[a-z]*$", "", escaped[: limit - 1]).rstrip() + "…"


def _link(url: str | None, label: str) -> str:
    """A mrkdwn link for web URLs only; anything else is shown as escaped text."""
    safe_label = escape(label).replace("|", "¦")
    if url and url.startswith(("https://", "http://")) and not any(c in url for c in "<>| \n"):
        return f"<{url}|{safe_label}>"
    return safe_label


def _section(text: str, accessory: dict[str, Any] | None = None) -> dict[str, Any]:
    block: dict[str, Any] = {
        "type": "section",
        "text": {"type": "mrkdwn", "text": _cut(text, SECTION_LIMIT)},
    }
    if accessory:
        block["accessory"] = accessory
    return block


def _context(*parts: str) -> dict[str, Any]:
    elements = [{"type": "mrkdwn", "text": _cut(p, SECTION_LIMIT)} for p in parts if p]
    return {"type": "context", "elements": elements[:CONTEXT_ELEMENTS]}


def _button(
    text: str, action_id: str, value: str | dict[str, Any], *, style: str | None = None
) -> dict[str, Any]:
    raw = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    button: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": _cut(text, BUTTON_TEXT_LIMIT), "emoji": True},
        "action_id": action_id,
        "value": _cut(raw, BUTTON_VALUE_LIMIT),
    }
    if style:
        button["style"] = style
    return button


def _actions(elements: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "actions", "elements": elements[:ACTIONS_LIMIT]}


def button_query(query: str, limit: int = BUTTON_QUERY_CHARS) -> str:
    """A query as a button carries it: without control codes, and cut so that even as JSON (where
    a quote or backslash takes two characters) it takes at most ``limit``, so a message of
    buttons stays far from Slack's size limit."""
    text = UNSHOWABLE.sub("", query)[:limit]
    while (excess := len(json.dumps(text, ensure_ascii=False)) - 2 - limit) > 0:
        text = text[: len(text) - max(1, excess // 2)]  # an escape costs at most two
    return text


def read_button_value(raw: str) -> tuple[str, int]:
    """The (query, start) a button carries; a malformed value reads as the start of an empty
    query."""
    view = read_view(raw)
    return view.query, view.start


def read_view(raw: str) -> View:
    """The View a button carries; a malformed value reads as the start of an empty query."""
    try:
        data = json.loads(raw)
        return View(str(data.get("q", "")), max(0, int(data.get("p", 0))), bool(data.get("x")))
    except (ValueError, TypeError, AttributeError):
        return View("")


def read_flag_value(raw: str) -> tuple[str, str]:
    """The (fact key, query) a "Wrong?" button carries; empty strings when malformed."""
    try:
        data = json.loads(raw)
        return str(data.get("k", "")), str(data.get("q", ""))
    except (ValueError, TypeError, AttributeError):
        return "", ""


def human_value(answer: Answer) -> str | None:
    """The figure as the article wrote it ("over $100 million", "Some 1,400") when the fact kept
    its words; else as people say it ("$100 million", "1,000"), never "USD 100,000,000"."""
    if answer.value is None:
        return None
    said = answer.details.get("text")
    if isinstance(said, str) and said.strip() and any(c.isdigit() for c in said):
        return said.strip()
    value = float(answer.value)
    currency = answer.details.get("currency")
    sign = CURRENCY_SIGNS.get(currency or "", f"{currency} " if currency else "")
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if currency and abs(value) >= size:
            number = f"{value / size:,.1f}".removesuffix(".0")
            return f"{sign}{number} {word}"
    number = f"{value:,.0f}" if value.is_integer() else f"{value:,}"
    return f"{sign}{number}"


HEADLINE_SOURCE = "The article's headline"


def _source_name(answer: Answer, title_chars: int = TITLE_CHARS) -> str:
    """The outlet (else the title, trimmed), linked to the article when it has a web URL. An
    article with no outlet whose headline is the sentence shown is named as that headline: its
    title again, right under it, would say nothing new."""
    source = answer.source
    title = source.title
    if not source.outlet and title and " ".join(answer.quote.split()) == " ".join(title.split()):
        title = HEADLINE_SOURCE
    return _link(source.url, trim(source.outlet or title or "unknown source", title_chars))


def _source_line(answer: Answer) -> str:
    """Outlet · publication date."""
    date = escape(human_date(answer.source.published, short=True))
    return " · ".join(p for p in (_source_name(answer), date) if p)


def _fact_text(answer: Answer, *, timeline: bool) -> str:
    """One line for the fact: the figure (and its date) or the date in bold, then what it is
    about, trimmed at a word boundary."""
    if answer.kind == "sentence":
        # the sentence is the answer and its own quote: cut no sooner than a quote is, or the
        # part that answers ("…, according to broadcaster BFMTV.") may be what is cut
        said = trim(answer.summary.strip().strip('“”"').strip(), QUOTE_CHARS)
        return f"“{escape(said)}”"
    summary, date = answer.summary, human_date(answer.date, short=True)
    if timeline:
        lead = date or "undated"
    else:
        value = human_value(answer)
        # "over $100 million — The US …", "USD 82.5 — USD 82.5 m six-month …"
        summary = after_figure(summary, value, answer.details.get("text"))
        if answer.date == answer.source.published:
            date = ""  # the source line shows it
        lead = " · ".join(p for p in (value, date) if p)
    text = escape(trim(summary, SUMMARY_CHARS))
    if not lead:
        return f"*{text}*"
    return f"*{escape(lead)}* · {text}" if text else f"*{escape(lead)}*"


def _context_line(context: str, follows: bool = False) -> str:
    """The end of the sentence an answer carries on from ("It was limited to August 31" after
    "…Germany had initially agreed an interim agreement with Niger."), so that "It" means
    something without opening the quote; an infobox row's title row after it is read "with"."""
    return f"_{'with' if follows else 'after'} “{escape(tail(context, CONTEXT_CHARS))}”_"


def tail(text: str, limit: int) -> str:
    """The end of ``text`` in at most ``limit`` characters, cut at a word boundary with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = text[len(text) - limit + 1 :]
    space = room.find(" ")
    if text[-len(room) - 1] != " " and 0 <= space < 2 * limit // 3:  # a cut word: drop it
        room = room[space + 1 :]
    return "…" + room.lstrip(" ,;:—–-)”’\"'")


def _quote_line(quote: str, limit: int) -> str:
    return f"> _{escape(trim(quote, limit))}_" if quote.strip() else ""


def _wrong_button(key: str, query: str, number: int) -> dict[str, Any]:
    return _button("Wrong?", f"{FLAG_ACTION}:{number}", {"k": key, "q": button_query(query)})


def render_help(examples: Sequence[str]) -> Message:
    """Usage, with each example a button that asks it."""
    examples = list(examples[:10])
    lines = "\n".join(f"• `{HELP_EXAMPLES_COMMAND} {escape(trim(q, 100))}`" for q in examples)
    text = (
        "*Ask about the Niger story.* Every answer quotes the sentence it comes from and names "
        "the article.\n"
        "Troop numbers, money, dates and timelines, people, organisations, places, statements."
    )
    usage = (
        "*In a channel:* mention me with a question; I answer in the thread, and follow-ups "
        "there (`and France?`) reuse the question.\n*In a DM:* just ask."
    )
    blocks = [_section(text), _section(f"*Try:*\n{lines}")]
    if examples:
        blocks.append(_ask_buttons(examples))
    blocks.append(_section(usage))
    fallback = "Ask about the Niger story, e.g. " + ", ".join(
        f"{HELP_EXAMPLES_COMMAND} {q}" for q in examples[:3]
    )
    return Message(_escaped_cut(fallback, FALLBACK_LIMIT), blocks)


def _ask_buttons(queries: Sequence[str]) -> dict[str, Any]:
    return _actions(
        [
            _button(_label(q), f"{ASK_ACTION}:{n}", {"q": button_query(q, SUGGESTION_CHARS)})
            for n, q in enumerate(queries[:SUGGESTIONS_SHOWN])
        ]
    )


def _label(text: str) -> str:
    """A button label from user or article text: plain text, without Slack's markup characters
    (a label is only a hint; the button's value keeps the text itself)."""
    return trim(re.sub(r"[<>&]", " ", text), BUTTON_TEXT_LIMIT - 5) or "…"


def shown_count(result: Result) -> int:
    """How many answers one view of ``result`` shows."""
    return LIST_SHOWN if result.intent in LIST_INTENTS else FACTS_SHOWN


def paginate(result: Result) -> list[tuple[Answer, ...]]:
    """The answers as the successive views of More show them."""
    count = shown_count(result)
    answers = result.answers
    return [tuple(answers[i : i + count]) for i in range(0, len(answers), count)] or [()]


def render_result(
    result: Result,
    *,
    view: View | None = None,
    page: int = 0,
    keys: Sequence[str | None] = (),
    shareable: bool = False,
    shared_by: str | None = None,
) -> Message:
    """One view of a result as a Slack message.

    ``view`` (or ``page``, counted in views) says which answers show and whether their quotes do.
    ``keys`` are the answers' fact keys (FactStore.fact_keys): each fact with one gets a "Wrong?"
    button. ``shareable`` adds Share in channel (for ephemeral answers); ``shared_by`` (a user ID
    from the signed payload) credits who shared. More, Back and Show quotes redraw in place.
    """
    if result.intent == "help":
        return render_help(result.suggestions)
    count = shown_count(result)
    view = view or View(result.query, page * count)
    start = min(view.start, max(0, (len(result.answers) - 1) // count * count))
    view = View(view.query or result.query, start, view.quotes)
    answers = result.answers[start : start + count]
    keys = list(keys) + [None] * (len(result.answers) - len(keys))
    shown_keys = keys[start : start + count]
    listing = result.intent in LIST_INTENTS

    blocks: Blocks = []
    headline = result.headline()
    if headline:
        blocks.append(_section(f"*{escape(trim(headline, 600))}*"))
    blocks.append(_context(_heading(result, start, len(answers), shared_by)))
    if result.notes:
        notes = " ".join(escape(trim(n, NOTE_CHARS)) for n in result.notes[:2])
        blocks.append(_context(f":warning: {notes}"))
    if listing:
        blocks.extend(_list_blocks(answers, result.intent, quotes=view.quotes))
    else:
        for number, (answer, key) in enumerate(zip(answers, shown_keys, strict=True)):
            text = _fact_text(answer, timeline=False)
            if answer.details.get("context"):
                follows = bool(answer.details.get("context_follows"))
                text += "\n" + _context_line(answer.details["context"], follows)
            if answer.details.get("nearby"):
                text += "\n" + NEARBY_LINE
            if answer.details.get("closest"):
                text += "\n" + CLOSEST_LINE
            text += f"\n{_source_line(answer)}"
            if view.quotes and answer.quote and answer.kind != "sentence":
                text += "\n" + _quote_line(answer.quote, QUOTE_CHARS)
                named_by = _named_by(answer)
                if named_by:
                    text += "\n" + named_by
            button = _wrong_button(key, result.query, start + number) if key else None
            blocks.append(_section(text, button))
    blocks.extend(_suggestion_blocks(result))
    controls = _controls(result, view, answers, shown_keys, shareable=shareable)
    blocks.extend(controls)
    return Message(_fallback(result, answers), blocks[:BLOCK_LIMIT])


def _named_by(answer: Answer) -> str:
    """Beside a quote that does not name the speaker or person shown ("He's a senior researcher
    …"), the stated rule that found them, so no name is shown without its reason."""
    rule = answer.details.get("speaker_rule") or answer.details.get("subject_rule")
    return f"_{escape(trim(str(rule), RULE_CHARS))}_" if rule else ""


def _heading(result: Result, start: int, shown: int, shared_by: str | None) -> str:
    label = INTENT_LABELS.get(result.intent, result.intent.capitalize())
    parts = [f"*{escape(label)}*"]
    if result.topic:
        parts.append(escape(result.topic))
    parts.append(f"_{escape(trim(result.query, 200))}_")
    total = len(result.answers)
    if total > shown:
        parts.append(f"{start + 1}–{start + shown} of {total}")
    if shared_by:
        parts.append(f"shared by <@{shared_by}>")
    return " · ".join(parts)


def _list_blocks(answers: Sequence[Answer], intent: str, *, quotes: bool) -> Blocks:
    """A timeline or a list of sources: one line per entry, packed into as few sections as fit."""
    lines = []
    for answer in answers:
        if intent == "sources":
            line = (
                f"*{escape(human_date(answer.source.published, short=True) or 'undated')}* · "
                + escape(trim(answer.summary, SUMMARY_CHARS))
            )
            line += f" · {_source_line(answer)}" if answer.source.outlet else ""
        else:
            source = _source_name(answer, LIST_TITLE_CHARS)
            line = f"{_fact_text(answer, timeline=True)} · _{source}_"
            if answer.details.get("nearby"):
                # a sentence of an event's article, undated, after the events: not one of them
                line = f"*{NEARBY_LIST_LEAD}* · {line}"
        if quotes and answer.quote:
            line += "\n" + _quote_line(answer.quote, LIST_QUOTE_CHARS)
        lines.append(line)
    blocks: Blocks = []
    chunk: list[str] = []
    for line in lines:
        if chunk and sum(len(c) + 1 for c in chunk) + len(line) > SECTION_LIMIT - 100:
            blocks.append(_section("\n".join(chunk)))
            chunk = []
        chunk.append(line)
    if chunk:
        blocks.append(_section("\n".join(chunk)))
    return blocks


def _suggestion_blocks(result: Result) -> Blocks:
    """ "Did you mean" / "Try" suggestions, each a button that asks it."""
    if not result.suggestions:
        return []
    label = "Did you mean" if result.answered else "Try"
    return [_context(f"{label}:"), _ask_buttons(result.suggestions)]


def _controls(
    result: Result,
    view: View,
    answers: Sequence[Answer],
    keys: Sequence[str | None],
    *,
    shareable: bool,
) -> Blocks:
    """Share, Show quotes, Back, More, the timeline's flag menu, then 👍 / 👎."""
    if not result.answers:
        return []
    count = shown_count(result)
    elements: list[dict[str, Any]] = []
    if shareable:
        elements.append(_button("Share in channel", SHARE_ACTION, view.value(), style="primary"))
    if any(a.quote and a.kind != "sentence" for a in answers) and result.intent != "sources":
        label = "Hide quotes" if view.quotes else "Show quotes"
        toggled = View(view.query, view.start, not view.quotes)
        elements.append(_button(label, QUOTES_ACTION, toggled.value()))
    if view.start > 0:
        back = View(view.query, max(0, view.start - count), view.quotes)
        elements.append(_button("Back", f"{MORE_ACTION}:back", back.value()))
    left = len(result.answers) - view.start - len(answers)
    if left > 0:
        more = View(view.query, view.start + count, view.quotes)
        elements.append(_button(f"More ({left})", MORE_ACTION, more.value()))
    if result.intent in LIST_INTENTS:
        menu = _flag_menu(answers, keys)
        if menu:
            elements.append(menu)
    elements += chart_button(result)
    if result.intent != "sources":
        # The query they vote on is in this block's id, as for the flag menu.
        elements.append(_button("👍", f"{VOTE_ACTION}:up", "up"))
        elements.append(_button("👎", f"{VOTE_ACTION}:down", "down"))
    if not elements:
        return []
    return [{**_actions(elements), "block_id": answer_block_id(result.query)}]


def answer_block_id(query: str) -> str:
    """The controls' block id carries the query, for the timeline's flag menu, whose options
    have room only for a fact key (150 characters)."""
    return "answer:" + query[: BLOCK_ID_LIMIT - 10]


def query_of_block_id(block_id: str) -> str:
    return block_id.removeprefix("answer:") if block_id.startswith("answer:") else ""


def _flag_menu(answers: Sequence[Answer], keys: Sequence[str | None]) -> dict[str, Any] | None:
    """A timeline's "Wrong?": a menu of its events, so twenty events need no twenty buttons."""
    options = []
    for answer, key in zip(answers, keys, strict=True):
        if not key or len(key) > OPTION_VALUE_LIMIT:
            continue
        label = f"{human_date(answer.date, short=True) or 'undated'} · {answer.summary}"
        options.append(
            {
                "text": {"type": "plain_text", "text": _label(label)},
                "value": key,
            }
        )
    if not options:
        return None
    return {
        "type": "static_select",
        "action_id": FLAG_MENU_ACTION,
        "placeholder": {"type": "plain_text", "text": "Wrong? Flag an event"},
        "options": options[:100],
    }


def _fallback(result: Result, answers: Sequence[Answer]) -> str:
    if not answers:
        note = result.notes[0] if result.notes else "Nothing matches."
        return _escaped_cut(f"{note} Try: {', '.join(result.suggestions[:3])}", FALLBACK_LIMIT)
    first = answers[0]
    lead = result.headline()
    if first.details.get("closest"):
        lead = "Nothing answers this fully; the closest"
    elif not lead and first.kind != Kind.SENTENCE:  # a sentence is its own lead
        lead = (
            human_value(first)
            or human_date(first.date, short=True)
            or trim(first.summary, SUMMARY_CHARS)
        )
    cite = ", ".join(first.source.attribution())
    more = f" (+{len(result.answers) - 1} more)" if len(result.answers) > 1 else ""
    said = f"“{trim(first.quote, 600)}” ({cite}){more}"
    return _escaped_cut(f"{lead}: {said}" if lead else said, FALLBACK_LIMIT)


def render_error(text: str) -> Message:
    """A plain error or refusal, already phrased for the user."""
    return Message(escape(text), [_section(f":warning: {escape(text)}")])


def render_notice(text: str, *, comment_on: int | None = None) -> Message:
    """A short private confirmation ("Thanks, flagged for the admins"); with ``comment_on`` (a
    flagged fact's id) it offers a button to add a comment."""
    blocks: Blocks = [_section(escape(text))]
    if comment_on is not None:
        blocks.append(_actions([_button("Add a comment", COMMENT_ACTION, str(comment_on))]))
    return Message(escape(text), blocks)


def comment_modal(fact_id: int, summary: str) -> dict[str, Any]:
    """The modal for an optional short comment on a flag (views.open)."""
    return {
        "type": "modal",
        "callback_id": COMMENT_VIEW,
        "private_metadata": str(fact_id),
        "title": {"type": "plain_text", "text": "What is wrong?"},
        "submit": {"type": "plain_text", "text": "Send"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            _section(f"Flagged: _{escape(trim(summary, 300))}_"),
            {
                "type": "input",
                "block_id": COMMENT_BLOCK,
                "optional": True,
                "label": {"type": "plain_text", "text": "Comment for the admins"},
                "element": {
                    "type": "plain_text_input",
                    "action_id": COMMENT_INPUT,
                    "multiline": True,
                    "max_length": 500,
                },
            },
        ],
    }


def _flag_blocks(flag: FlagInfo, *, buttons: bool = True) -> Blocks:
    status = "" if flag.status == "open" else f" · _{escape(flag.status)}_"
    times = "once" if flag.count == 1 else f"{flag.count} times"
    head = f"*#{flag.id}* · flagged {times}{status} · {escape(trim(flag.summary, SUMMARY_CHARS))}"
    lines = [head, _quote_line(flag.quote, FLAG_QUOTE_CHARS)]  # whole: the admin judges it
    source = escape(trim(flag.source, TITLE_CHARS + 20))
    asked = ", ".join(f"“{escape(trim(q, 80))}”" for q in flag.queries[:2])
    meta = " · ".join(p for p in (source, f"asked {asked}" if asked else "") if p)
    if flag.comments:
        meta += " · " + " / ".join(f"_{escape(trim(c, 120))}_" for c in flag.comments[:2])
    blocks: Blocks = [_section("\n".join(lines)), _context(meta or "no source")]
    if buttons:
        value = str(flag.id)
        if flag.hidden:
            actions = [_button("Unhide", f"{ADMIN_FLAG_ACTION}:unhide", value)]
        else:
            actions = [_button("Hide", f"{ADMIN_FLAG_ACTION}:hide", value, style="danger")]
        if flag.status == "open" or (flag.hidden and flag.count):
            actions.append(_button("Dismiss", f"{ADMIN_FLAG_ACTION}:dismiss", value))
        blocks.append(_actions(actions))
    return blocks


def render_flags(open_flags: Sequence[FlagInfo], hidden: Sequence[FlagInfo]) -> Message:
    """The admins' list: flagged facts, most flagged first, each with its ``#id``, quote, the
    query it was flagged under, the count, and Hide / Dismiss; then the hidden ones to unhide."""
    blocks: Blocks = [_section(f"*Flagged facts* · {len(open_flags)} open · {len(hidden)} hidden")]
    budget = BLOCK_LIMIT - 4
    shown = 0
    for flag in open_flags:
        if len(blocks) + 3 > budget:
            break
        blocks.extend(_flag_blocks(flag))
        shown += 1
    if shown < len(open_flags):
        blocks.append(_context(f"… and {len(open_flags) - shown} more"))
    if not open_flags:
        blocks.append(_context("Nothing flagged. Users flag a fact with its *Wrong?* button."))
    if hidden:
        lines = [f"#{f.id} · {escape(trim(f.summary, SUMMARY_CHARS))}" for f in hidden[:20]]
        blocks.append(_section("*Hidden*\n" + "\n".join(lines)))
    blocks.append(_context("`/niger hide <id>` · `/niger unhide <id>` · every change is audited"))
    text = f"{len(open_flags)} flagged facts: " + ", ".join(
        f"#{f.id} ({f.count}) {trim(f.summary, 60)}" for f in open_flags[:5]
    )
    return Message(_escaped_cut(text, FALLBACK_LIMIT), blocks[:BLOCK_LIMIT])


def render_flag_change(flag: FlagInfo, action: str) -> Message:
    done = {"hide": "Hidden", "unhide": "Unhidden", "dismiss": "Dismissed"}[action]
    follow = {
        "hide": f"It is no longer answered anywhere. Undo with `/niger unhide {flag.id}`.",
        "unhide": "It is answered again.",
        "dismiss": "It is off the list; a new flag puts it back.",
    }[action]
    text = f"{done} #{flag.id}: {trim(flag.summary, SUMMARY_CHARS)}. {follow}"
    return Message(escape(text), [_section(f"*{done} #{flag.id}* · {escape(follow)}")]
                   + _flag_blocks(flag, buttons=False))  # fmt: skip


def render_home(
    sources: Sequence[SourceInfo],
    examples: Sequence[str],
    *,
    flags: Sequence[FlagInfo] | None = None,
) -> dict[str, Any]:
    """The App Home tab (views.publish): what the bot knows, example questions as buttons that
    answer when clicked, and for admins (``flags`` not None) the open flags."""
    dates = [s.published for s in sources if s.published]
    latest = human_date(max(dates), short=True) if dates else "unknown"
    facts = sum(sum(s.facts.values()) for s in sources)
    knows = f"*{len(sources)} articles loaded* · {facts} facts · latest published {escape(latest)}"
    blocks: Blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "niger-bot"}},
        _section(
            "Answers questions about Niger's 2023 coup and the foreign troop presence with facts "
            "quoted from the loaded articles."
        ),
        _section(knows),
        _section(
            "*Ask* with `/niger`, by mentioning me in a channel, or in a message to me:\n"
            + "\n".join(f"• `{HELP_EXAMPLES_COMMAND} {escape(trim(q, 80))}`" for q in examples[:10])
        ),
    ]
    if examples:
        blocks.append(_context("Click one to have it answered in a message to you:"))
        blocks.append(_ask_buttons(examples))
    if flags is not None:
        blocks.append({"type": "divider"})
        blocks.append(_section(f"*Open flags (admins)* · {len(flags)}"))
        for flag in flags[:10]:
            blocks.extend(_flag_blocks(flag))
        if not flags:
            blocks.append(_context("Nothing flagged."))
    return {"type": "home", "blocks": blocks[:VIEW_BLOCK_LIMIT]}


def plain_text(text: str) -> str:
    """A question as the user typed it: Slack's mention and link markup made readable.

    ``<@U123>`` mentions are dropped, ``<#C1|general>`` becomes ``general``, ``<https://x|x>``
    its label, and ``&amp; &lt; &gt;`` are unescaped.
    """
    text = MENTION.sub("", text[:MARKUP_CHARS])
    text = MARKUP.sub(lambda m: m.group(2) or m.group(1), text)
    return " ".join(unescape(text).split())


def link_target(text: str) -> str:
    """The URL an argument names: ``<https://x|label>`` (how Slack sends a pasted link) is its
    URL, never its label, which anyone can make look like another address."""
    if found := LINK.fullmatch(text[:MARKUP_CHARS]):
        return unescape(found.group(1))
    return plain_text(text)


def render_lines(title: str, lines: list[str], *, footer: str | None = None) -> Message:
    """A titled list (reload reports, sources, the audit log) packed into as few sections as fit;
    beyond the block budget the rest is counted, not dropped silently."""
    blocks: Blocks = [_section(f"*{escape(title)}*")]
    chunk: list[str] = []
    size = 0
    shown = 0
    budget = BLOCK_LIMIT - 3
    for line in lines:
        line = _cut(escape(line), 500)
        if chunk and size + len(line) + 1 > SECTION_LIMIT - 100:
            if len(blocks) >= budget:
                break
            blocks.append(_section("\n".join(chunk)))
            chunk, size = [], 0
        chunk.append(line)
        size += len(line) + 1
        shown += 1
    if chunk:
        blocks.append(_section("\n".join(chunk)))
    if shown < len(lines):
        blocks.append(_context(f"… and {len(lines) - shown} more"))
    if footer:
        blocks.append(_context(escape(footer)))
    return Message(escape(_cut(f"{title}: {footer or ''}", FALLBACK_LIMIT)), blocks)


CHART_ACTION = "chart_answer"
ALT_TEXT_LIMIT = 2000  # an image block's alt_text and title


def chart_button(result: Result) -> list[dict[str, Any]]:
    """The Chart button, under troop, money and timeline answers that have something to draw."""
    if not chartable(result):
        return []
    return [_button("Chart", CHART_ACTION, View(result.query, 0).value())]


def render_chart(file_id: str, *, title: str, alt_text: str, query: str) -> Message:
    """A chart uploaded to Slack, shown by its file id in an image block; the alt text (the chart
    in words) is also the fallback text."""
    heading = f"*chart* · _{escape(_cut(query, 300))}_"
    image = {
        "type": "image",
        "slack_file": {"id": file_id},
        "alt_text": _cut(alt_text, ALT_TEXT_LIMIT),
        "title": {"type": "plain_text", "text": _cut(title, ALT_TEXT_LIMIT)},
    }
    return Message(_escaped_cut(alt_text, FALLBACK_LIMIT), [_context(heading), image])
