"""Block Kit and mrkdwn: the only module that knows how an answer looks in Slack.

Every message built here stays inside Slack's limits (3,000 characters a section, 50 blocks, 10
context elements, 2,000 characters a button value) and escapes article and user text, so no
article or query can ping @channel or forge a link.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from handlers.charts import chartable
from store.answers import Answer, Result

SECTION_LIMIT = 3000
BLOCK_LIMIT = 50
CONTEXT_ELEMENTS = 10
BUTTON_VALUE_LIMIT = 2000
FALLBACK_LIMIT = 3000
PAGE_CHARS = 6000  # answers' share of a page, as rendered JSON: Slack rejects block payloads
# from about 13k characters, and the heading, notes, suggestions and buttons need the rest
NOTE_CHARS = 500
CONTEXT_PART_CHARS = 600
BUTTON_QUERY_CHARS = 400  # the store reads a query's first 300 characters (store/search/query.py)
SUGGESTIONS_SHOWN = 5
PAGE_ANSWERS = 4

SHARE_ACTION = "share_answer"
MORE_ACTION = "more_answers"
HELP_EXAMPLES_COMMAND = "/niger"

Blocks = list[dict[str, Any]]

# No part of a markup match may cross a "<" (Slack escapes it in what people type), so each
# match attempt stops at the next one: linear on a run of "<", where [^>]* was quadratic.
MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^<>]*)?>")
MARKUP = re.compile(r"<[#!]?([^|<>]*)(?:\|([^<>]*))?>")
LINK = re.compile(r"\s*<(https?://[^|<>\s]+)(?:\|[^<>]*)?>\s*")
MARKUP_CHARS = 4000  # what is read of a message; the store reads a query's first 300 anyway
UNSHOWABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Message:
    """A rendered Slack message: the fallback text (notifications, screen readers) and blocks."""

    text: str
    blocks: Blocks

    def payload(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": self.blocks}


def escape(text: str) -> str:
    """Escape the three characters Slack treats as control characters, and nothing else; ASCII
    control codes other than newline and tab, which Slack cannot show, are dropped."""
    text = UNSHOWABLE.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """Undo Slack's escaping of message text (used on incoming questions)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _cut(text: str, limit: int) -> str:
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


def _quote(sentence: str, limit: int) -> str:
    lines = escape(sentence).splitlines() or [""]
    return _cut("\n".join(f"> {line}" for line in lines), limit)


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _cut(text, SECTION_LIMIT)}}


def _context(*parts: str) -> dict[str, Any]:
    elements = [{"type": "mrkdwn", "text": _cut(p, SECTION_LIMIT)} for p in parts if p]
    return {"type": "context", "elements": elements[:CONTEXT_ELEMENTS]}


def _headline(answer: Answer, timeline: bool) -> str:
    """The direct answer first: the value (or the date, in a timeline) in bold."""
    summary = escape(answer.summary)
    date = escape(answer.date or "")
    if timeline and date:
        return f"*{date}*  {summary}"
    value = answer.value_text()
    if value:
        dated = f" (as of {date})" if date else ""
        return f"*{escape(value)}*{dated}  {summary}"
    if answer.kind == "sentence":
        return "*From the articles:*"
    return f"*{summary}*" + (f"  ({date})" if date else "")


def _answer_blocks(answer: Answer, *, timeline: bool) -> Blocks:
    head = _headline(answer, timeline)
    quote = _quote(answer.quote, SECTION_LIMIT - len(head) - 1)
    source = answer.source
    cited = escape(_cut(" · ".join(source.attribution()), CONTEXT_PART_CHARS))
    if source.url:
        link = _link(source.url, "article")
        cited = f"{cited} · {link}" if cited else link
    why = [f"_{escape(_cut(answer.why, CONTEXT_PART_CHARS))}_"] if answer.why else []
    rule = [escape(_cut(answer.rule() or "", CONTEXT_PART_CHARS))] if answer.rule() else []
    return [
        _section(f"{head}\n{quote}"),
        _context(cited or "unknown source", *rule, *why),
    ]


def _button(text: str, action_id: str, value: dict[str, Any], *, primary: bool = False) -> dict:
    button = {
        "type": "button",
        "text": {"type": "plain_text", "text": text},
        "action_id": action_id,
        "value": _cut(json.dumps(value, ensure_ascii=False), BUTTON_VALUE_LIMIT),
    }
    if primary:
        button["style"] = "primary"
    return button


def button_value(query: str, page: int) -> dict[str, Any]:
    """What the Share and More buttons carry: enough to render the same page again."""
    return {"q": query[:BUTTON_QUERY_CHARS], "p": page}


def read_button_value(raw: str) -> tuple[str, int]:
    """The (query, page) a button carries; a malformed value reads as page 0 of an empty query."""
    try:
        data = json.loads(raw)
        return str(data.get("q", "")), max(0, int(data.get("p", 0)))
    except (ValueError, TypeError, AttributeError):
        return "", 0


def paginate(result: Result) -> list[tuple[Answer, ...]]:
    """Split the answers into pages that each fit one message, measured as rendered."""
    pages: list[tuple[Answer, ...]] = []
    page: list[Answer] = []
    used = 0
    timeline = result.intent == "timeline"
    for answer in result.answers:
        size = len(json.dumps(_answer_blocks(answer, timeline=timeline), ensure_ascii=False))
        if page and (len(page) >= PAGE_ANSWERS or used + size > PAGE_CHARS):
            pages.append(tuple(page))
            page, used = [], 0
        page.append(answer)
        used += size
    if page:
        pages.append(tuple(page))
    return pages or [()]


def render_help(examples: tuple[str, ...] | list[str]) -> Message:
    examples = [_cut(q, 100) for q in examples[:10]]
    lines = "\n".join(f"• `{HELP_EXAMPLES_COMMAND} {escape(q)}`" for q in examples)
    text = (
        "*Ask about the Niger story.* Every answer quotes the sentence it comes from and names "
        "the article.\n"
        "Troop numbers, money, dates and timelines, people, organisations, places, statements."
    )
    usage = (
        "*In a channel:* mention me with a question; I answer in the thread, and follow-ups "
        "there (`and France?`) reuse the question.\n*In a DM:* just ask."
    )
    blocks = [_section(text), _section(f"*Try:*\n{lines}"), _section(usage)]
    fallback = "Ask about the Niger story, e.g. " + ", ".join(
        f"{HELP_EXAMPLES_COMMAND} {q}" for q in examples[:3]
    )
    return Message(_escaped_cut(fallback, FALLBACK_LIMIT), blocks)


def render_result(
    result: Result, *, page: int = 0, shareable: bool = False, shared_by: str | None = None
) -> Message:
    """One page of a result as a Slack message.

    ``shareable`` adds the Share in channel button (for ephemeral answers); a More button appears
    when later pages exist; ``shared_by`` (a user ID from the signed payload) credits who shared.
    """
    if result.intent == "help":
        return render_help(result.suggestions)
    pages = paginate(result)
    page = min(page, len(pages) - 1)
    answers = pages[page]
    timeline = result.intent == "timeline"
    label = result.intent + (f" · {result.topic}" if result.topic else "")
    heading = f"*{escape(label)}* · _{escape(_cut(result.query, 300))}_"
    if len(pages) > 1:
        heading += f" · page {page + 1} of {len(pages)}"
    if shared_by:
        heading += f" · shared by <@{shared_by}>"
    blocks: Blocks = [_context(heading)]
    for note in result.notes:
        blocks.append(_section(f":warning: {escape(_cut(note, NOTE_CHARS))}"))
    for answer in answers:
        blocks.extend(_answer_blocks(answer, timeline=timeline))
    if result.suggestions:
        label = "Try" if not result.answers else "Did you mean"
        shown = result.suggestions[:SUGGESTIONS_SHOWN]
        tries = ", ".join(f"`{escape(_cut(s, 100))}`" for s in shown)
        blocks.append(_context(f"{label}: {tries}"))
    buttons = []
    if shareable and result.answers:
        buttons.append(
            _button(
                "Share in channel", SHARE_ACTION, button_value(result.query, page), primary=True
            )
        )
    if page + 1 < len(pages):
        buttons.append(_button("More", MORE_ACTION, button_value(result.query, page + 1)))
    buttons += chart_button(result)
    if buttons:
        blocks.append({"type": "actions", "elements": buttons})
    return Message(_fallback(result, answers), blocks[:BLOCK_LIMIT])


def _fallback(result: Result, answers: tuple[Answer, ...]) -> str:
    if not answers:
        note = result.notes[0] if result.notes else "Nothing matches."
        return _escaped_cut(f"{note} Try: {', '.join(result.suggestions[:3])}", FALLBACK_LIMIT)
    first = answers[0]
    lead = first.value_text() or first.summary
    cite = ", ".join(first.source.attribution())
    more = f" (+{len(result.answers) - 1} more)" if len(result.answers) > 1 else ""
    return _escaped_cut(f"{lead}: “{first.quote}” ({cite}){more}", FALLBACK_LIMIT)


def render_error(text: str) -> Message:
    """A plain error or refusal, already phrased for the user."""
    return Message(escape(text), [_section(f":warning: {escape(text)}")])


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
    return [_button("Chart", CHART_ACTION, button_value(result.query, 0))]


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
