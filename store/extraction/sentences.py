"""Split an article into sentences with exact offsets, so that answers quote their source verbatim.

Each non-empty line is a paragraph and is segmented on its own by syntok, so a headline or a byline
never runs into the next line. Page chrome ("Skip to content", "1 / 2", copyright notices) is left
out; headlines, bylines and photo captions are kept but labelled, so that only body sentences
become facts. The patterns for all of this live in ``lexicon/boilerplate.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from store.lexicon import load_toml

SentenceKind = Literal["body", "heading", "byline", "caption"]

HEADING_MAX_WORDS = 20  # longer and without end punctuation: a truncated paragraph, not a title
BYLINE_MAX_WORDS = 30
LINE = re.compile(r"[^\r\n\u2028\u2029]+")
BLOCK_MARKUP = re.compile(r"\s*(?:#{1,6}\s+|>\s*|[-*+•]\s+)")  # markdown heading, quote, bullet
_BLANK = r"[\s\ufeff\u200b-\u200d\u2060]"  # whitespace, byte-order mark, zero-width characters
PARAGRAPH = re.compile(
    rf"{_BLANK}*(?P<markup>#{{1,6}}\s+|>\s*|[-*+•]\s+)?{_BLANK}*(?P<text>.*?){_BLANK}*$"
)
# Ends like a sentence: . ! ? … possibly followed by closing quotes, brackets or emphasis.
TERMINAL = re.compile(r"[.!?…][\"'”’)\]*_]*$")
# Ends like a lead-in or a sentence: such a short line is not a heading.
NOT_A_TITLE_END = re.compile(r"[.!?…:;,][\"'”’)\]*_]*$")
STARTS_LOWERCASE = re.compile(r"^[^\w]*[a-z]")
MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
EMPHASIS = re.compile(r"\*\*|__|[*`]")
EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    """One sentence; ``text`` is always ``article_text[start:end]``, so quotes stay verbatim."""

    start: int  # offset into the full article text
    end: int
    text: str
    paragraph: int  # 0-based index of the non-empty line it came from
    kind: SentenceKind


@dataclass(frozen=True, slots=True)
class _Rules:
    phrases: frozenset[str]
    boilerplate: tuple[re.Pattern[str], ...]
    caption: tuple[re.Pattern[str], ...]
    byline: tuple[re.Pattern[str], ...]
    title_end: re.Pattern[str]  # a piece that ends in a title abbreviation ("... Lt.")


@cache
def _rules() -> _Rules:
    """The data file, read and compiled once."""
    data = load_toml("boilerplate.toml")
    titles = "|".join(re.escape(t) for t in data["abbreviations"]["titles"])
    name = data["byline"]["name"]
    return _Rules(
        phrases=frozenset(_phrase_key(p) for p in data["boilerplate"]["phrases"]),
        boilerplate=_compile(data["boilerplate"]["patterns"]),
        caption=_compile(data["caption"]["patterns"]),
        byline=_compile(p.replace("{name}", name) for p in data["byline"]["patterns"]),
        title_end=re.compile(rf"(?:^|[^\w.])(?:{titles})\.$"),
    )


def _compile(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


def split_sentences(text: str) -> list[SentenceSpan]:
    """Every sentence of the article in reading order, with boilerplate left out."""
    spans: list[SentenceSpan] = []
    for paragraph, (line_start, line, markup) in enumerate(_paragraphs(text)):
        if _is_boilerplate(line):
            continue
        pieces = _segment(line)
        line_kind = "heading" if markup.startswith("#") else _line_kind(line, len(pieces))
        for start, end in pieces:
            sentence = line[start:end]
            if _is_boilerplate(sentence):
                continue
            kind = line_kind
            if kind == "body" and _is_byline(sentence):
                kind = "byline"  # "... said. AP writer X contributed to this report."
            spans.append(
                SentenceSpan(line_start + start, line_start + end, sentence, paragraph, kind)
            )
    return spans


def _paragraphs(text: str) -> Iterator[tuple[int, str, str]]:
    """Each non-empty line as (offset, text, markup): the text without blanks around it or a
    leading markdown marker ("## ", "> ", "- "), which is returned apart."""
    for line in LINE.finditer(text):
        parts = PARAGRAPH.match(line.group())
        if parts and parts["text"]:
            yield line.start() + parts.start("text"), parts["text"], (parts["markup"] or "").strip()


# syntok splits only at a token that is one of its terminals or an opening bracket. A line with
# neither, but for terminals, closing brackets and quotes glued to its end, is one sentence from
# its first character to its last, and syntok would spend most of the extraction's time saying so.
@cache
def _syntok_marks() -> tuple[frozenset[str], str]:
    """The characters syntok may split at, and those that may end a sentence after it."""
    from syntok._segmentation_states import State  # syntok is imported when first needed

    splits = frozenset("".join(State.terminals) + "".join(State.opening_brackets))
    return splits, "".join(sorted(State.terminals | State.closing_brackets | State.closing_quotes))


def _one_sentence(line: str) -> bool:
    """True when syntok would find one sentence spanning the whole line; _paragraphs has
    stripped every character that syntok skips as a blank from both ends."""
    splits, ending = _syntok_marks()
    return splits.isdisjoint(line.rstrip(ending))


def _segment(line: str) -> list[tuple[int, int]]:
    """syntok's sentence offsets within one paragraph, with its few wrong splits undone."""
    pieces = [(0, len(line))] if _one_sentence(line) else _syntok_sentences(line)
    merged: list[tuple[int, int]] = []
    for start, end in pieces:
        if merged and _wrong_split(line[merged[-1][0] : merged[-1][1]], line[start:end]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _syntok_sentences(line: str) -> list[tuple[int, int]]:
    from syntok import segmenter

    return [
        (sentence[0].offset, sentence[-1].offset + len(sentence[-1].value))
        for paragraph in segmenter.analyze(line)
        for sentence in paragraph
        if sentence
    ]


def _wrong_split(previous: str, following: str) -> bool:
    """A sentence cannot end in a title ("Lt." | "Col. Smith") or without end punctuation
    ("WASHINGTON (Reuters)" | "- The U.S. said ..."), and the next cannot start in lowercase."""
    return (
        not TERMINAL.search(previous)
        or _rules().title_end.search(previous) is not None
        or STARTS_LOWERCASE.match(following) is not None
    )


def _line_kind(line: str, sentences: int) -> SentenceKind:
    """What a paragraph is; a heading is one short sentence without end punctuation."""
    plain = _plain(line)
    if any(p.search(plain) or p.search(line) for p in _rules().caption):
        return "caption"
    if _is_byline(plain):
        return "byline"
    words = len(plain.split())
    if sentences == 1 and words <= HEADING_MAX_WORDS and not NOT_A_TITLE_END.search(plain):
        return "heading"
    return "body"


@lru_cache(maxsize=4096)
def _is_byline(text: str) -> bool:
    """Names the author or the publication time: kept for the record, never a fact."""
    plain = _plain(text)
    return len(plain.split()) <= BYLINE_MAX_WORDS and any(p.search(plain) for p in _rules().byline)


@lru_cache(maxsize=4096)  # asked of a line and again of its sentences, often the same text
def _is_boilerplate(text: str) -> bool:
    """Page chrome rather than article text: navigation, sharing, ads, credits, counters."""
    plain = _plain(text)
    key = _phrase_key(plain)
    rules = _rules()
    return not key or key in rules.phrases or any(p.search(plain) for p in rules.boilerplate)


@lru_cache(maxsize=4096)
def _plain(text: str) -> str:
    """The text as a reader sees it: markdown links, emphasis and block markers removed."""
    text = MARKDOWN_LINK.sub(r"\1", text)
    text = BLOCK_MARKUP.sub("", text, count=1)
    return EMPHASIS.sub("", text).strip()


def _phrase_key(text: str) -> str:
    """Lowercase, single-spaced, without surrounding punctuation: "Read more »" -> "read more"."""
    core = EDGE_PUNCTUATION.sub("", text)
    return " ".join(core.lower().split())
