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

from store.lexicon import load_toml, words

SentenceKind = Literal["body", "heading", "byline", "caption"]

HEADING_MAX_WORDS = 20  # longer and without end punctuation: a truncated paragraph, not a title
BYLINE_MAX_WORDS = 30
# Longer lines and sentences are cut into pieces of at most these many characters (at a space
# where there is one), so that no rule downstream ever sees an unbounded string: a run-on
# "sentence" of 100 kB costs what 100 sentences of 1 kB cost, and its text is kept, not dropped.
MAX_LINE = 20_000
MAX_SENTENCE = 1_000
MAX_LABELLED = 2_000  # a longer line is body text: never a heading, byline, caption or chrome
LINE = re.compile(r"[^\r\n\u2028\u2029]+")
BLOCK_MARKUP = re.compile(r"\s*(?:#{1,6}\s+|>\s*|[-*+•]\s+)")  # markdown heading, quote, bullet
# Whitespace (what \s matches), byte-order mark and zero-width characters, for str.strip: a
# regex that strips both ends of a line backtracks on long inner runs of blanks.
_BLANKS = (
    "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + "\ufeff\u200b\u200c\u200d\u2060"
)
# A leading marker: markdown heading, quote, bullet, or a numbered item ("1. ", "2) ").
MARKER = re.compile(r"#{1,6}\s+|>\s*|[-*+•‣◦▪·]\s+|\d{1,3}[.)]\s+")
# The link a wiki mirror prints where a section's text begins: "[edit]", "[ edit ]", "[edit source]"
EDIT_LINK = re.compile(r"\[\s*edit(?:\s+source)?\s*\]\s*", re.IGNORECASE)
# A table row ("| Commander | Tchiani |") or an infobox field ("Strength: 5,000"): records that
# search must see, not titles.
TABLE_ROW = re.compile(r"\|[^|]*\S[^|]*\|")
FIELD = re.compile(r"[A-Z][\w’'()/-]*(?: [\w’'()/-]+){0,3}: \S")
# Citation marks after a sentence's end ("in 2019.[4][5] He later ..."): the marks stay with the
# sentence they support, and the next sentence starts after them.
CITED_END = re.compile(r"[.!?…][\"'”’)]*(?:\[[^\[\]\s][^\[\]]{0,29}\])+(?=\s+[\"“‘(A-Z0-9])")
# Ends like a sentence: . ! ? … possibly followed by closing quotes, brackets or emphasis.
TERMINAL = re.compile(r"[.!?…][\"'”’)\]*_]*$")
# Ends like a lead-in or a sentence: such a short line is not a heading.
NOT_A_TITLE_END = re.compile(r"[.!?…:;,][\"'”’)\]*_]*$")
STARTS_LOWERCASE = re.compile(r"^[^\w]*[a-z]")
# a month abbreviated before the day it dates: "visited Niger and Chad, Sept. | 18-21, 2022"
MONTH_BEFORE_DAY = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.$")
STARTS_WITH_DAY = re.compile(r"\d{1,2}\b")
# a number's sign before the number it names: "Opinion No. | 56/2024", "Resolution No. | 2719",
# "Art. | 5 of the charter"
NUMBER_SIGN = re.compile(r"(?:^|[^\w.])(?:No|Nos|Art|Arts|Vol|Nr)\.$")
STARTS_WITH_NUMBER = re.compile(r"\d")
# TASS's dateline names its agency between slashes: "VLADIVOSTOK, September 13. /TASS/. Russia
# calls on ...". The agency neither ends nor starts a sentence; the dateline opens the story's.
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"  # "Feb.", "February"
_SLASHED = r"/[A-Z][A-Za-z-]{1,12}/"  # "/TASS/"
SLASHED_AGENCY = re.compile(_SLASHED + r"\.?")
SLASHED_AGENCY_END = re.compile(_SLASHED + r"\.$")
SLASHED_DATELINE = re.compile(
    r"[A-Z][A-Z'’.-]{2,}(?: [A-Z][A-Z'’.-]+){0,3}, "
    + _MONTH
    + r" \d{1,2}(?:, \d{4})?\. "
    + _SLASHED
    + r"\.? ?"
)
# The Congressional Record's speaker label, the name in capitals after a title and ending in a
# period: "Mr. RISCH. Mr. President, I rise in opposition …" is one sentence, not two.
RECORD_LABEL = re.compile(
    r"(?:Mr|Mrs|Ms|Dr)\.[ \t]+(?P<name>[A-Z][A-Z’'\-]+)(?:[ \t]+of[ \t]+[A-Z][a-z]+)?\."
)
MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
EMPHASIS = re.compile(r"\*\*|__|[*`]")
EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")

# A wire dateline opening a story: "NIAMEY, June 14 (Reuters) - ", "DAKAR, Senegal (AP) — ",
# "Niamey (AFP) – ", "Niamey, (APP - UrduPoint - 12th Apr, 2024) ". A city in capitals, or one in
# title case followed by an agency; then a dash, or the agency's closing bracket and the story.
DATELINE = re.compile(
    r"(?:[A-Z][A-Z'’.-]{2,}(?: [A-Z][A-Z'’.-]+){0,3}"
    r"|(?P<titled>[A-Z][a-z'’.-]+(?: [A-Z][a-z'’.-]+){0,2}))"
    r"(?:, [A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2})?"
    r"(?:,? " + _MONTH + r" \d{1,2}(?:, \d{4})?)?"
    r"(?:(?P<agency>,? \([A-Z][^()]{1,80}\))"
    r"(?P<stamp> " + _MONTH + r" \d{1,2}, \d{4})?)?"
    r"(?: ?[-–—]+(?: |$)|(?<=[\d)]) (?=[A-Z“\"]))"
)
# The same dateline stamped with its day after the agency, as AFP's copy on SpaceWar prints it
# glued after the headline on one line: "UN says ousted Niger leader 'arbitrarily' detained
# Abidjan, Feb 10 (AFP) Feb 10, 2025 Niger's deposed president …". What stands before it is
# the headline.
GLUED_DATELINE = re.compile(
    r"(?<=[\w'’\"”!?]) (?=[A-Z][a-z'’.-]+(?: [A-Z][a-z'’.-]+){0,2}(?:, [A-Z][\w'’.-]+){0,2}, "
    + _MONTH
    + r" \d{1,2} \([A-Z][A-Za-z]{1,10}\) "
    + _MONTH
    + r" \d{1,2}, \d{4} )"
)
GLUED_HEADLINE_WORDS = 25  # words before a glued dateline, at most: a headline, not a story


def dateline_end(sentence: str) -> int:
    """Where the wire dateline that opens ``sentence`` ends (0 without one): the dateline says
    where the story was filed, not what it reports, so no fact is taken from it."""
    slashed = SLASHED_DATELINE.match(sentence)
    if slashed:
        return slashed.end()
    found = DATELINE.match(sentence)
    if found is None or (found["titled"] and not found["agency"]):
        return 0
    dashed = found.group().rstrip()[-1:] in "-–—"
    if not dashed and not found["stamp"] and not STAMPED.search(found["agency"] or ""):
        return 0  # "Ecowas (Economic Community of West African States) Chairman ...": a name
    return found.end()


STAMPED = re.compile(r"\d| - ")  # an agency's bracket with a date or a dash in it


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
def _glued_label() -> re.Pattern[str]:
    labels = sorted(words()["infobox_labels"], key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(re.escape(label) for label in labels)})(?=[A-Z0-9(\[])")


def glued_field(line: str) -> int:
    """Where the value of an infobox field glued to its label begins ("In useNovember 2019":
    at "November"), 0 when the line is no such field."""
    match = _glued_label().match(line)
    return match.end() if match else 0


@cache
def _rules() -> _Rules:
    """The data file, read and compiled once."""
    data = load_toml("boilerplate.toml")
    listed = data["abbreviations"]["titles"]  # also in capitals, as transcripts label speakers
    titles = "|".join(re.escape(t) for t in dict.fromkeys([*listed, *(t.upper() for t in listed)]))
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
    lines = list(_paragraphs(text))
    for paragraph, (line_start, line, markup) in enumerate(lines):
        if _is_boilerplate(line):
            continue
        headline = _glued_headline(line)
        if headline:
            text_end = len(line[:headline].rstrip())
            spans.append(
                SentenceSpan(
                    line_start, line_start + text_end, line[:text_end], paragraph, "heading"
                )
            )
            line_start, line = line_start + headline, line[headline:]
        pieces = _bounded(line, _segment(line))
        line_kind = "heading" if markup.startswith("#") else _line_kind(line, len(pieces))
        if line_kind == "heading" and not markup and _is_record(text, lines, paragraph):
            line_kind = "body"
        elif line_kind == "heading" and markup and markup[0] not in "#>":
            line_kind = "body"  # a list item is a sentence of the list, however short
        elif line_kind == "heading" and LABELLED_FIGURE.fullmatch(line):
            line_kind = "body"  # "Current Requirements (US$)" / "$583.9 million": a record
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


def _glued_headline(line: str) -> int:
    """Where the story starts after a headline glued to its stamped dateline on one line (0 if
    the line opens no such way); see GLUED_DATELINE."""
    found = GLUED_DATELINE.search(line, 0, MAX_LABELLED)
    if found is None or len(line[: found.start()].split()) > GLUED_HEADLINE_WORDS:
        return 0
    return found.end()


def _paragraphs(text: str) -> Iterator[tuple[int, str, str]]:
    """Each paragraph as (offset, text, markup): a non-empty line, or hard-wrapped lines read as
    one (see _wraps), without blanks around it or a leading marker ("## ", "> ", "- ", "1. "),
    which is returned apart. A paragraph longer than MAX_LINE is yielded in pieces."""
    lines = list(_lines(text))

    def next_to(at: int) -> str | None:
        """Line ``at``, if it is the very next line of the one before it (no blank between)."""
        if at >= len(lines) or lines[at][2]:
            return None
        if text.count("\n", lines[at - 1][1], lines[at][0]) != 1:
            return None
        return text[lines[at][0] : lines[at][1]]

    i = 0
    while i < len(lines):
        start, end, markup = lines[i]
        while (following := next_to(i + 1)) is not None and _runs_on(
            text[start:end], following, next_to(i + 2)
        ):
            i += 1
            end = lines[i][1]
        body = text[start:end]
        for piece_start, piece_end in _cut(body, MAX_LINE):
            yield start + piece_start, body[piece_start:piece_end], markup
        i += 1


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Each non-empty line as (start, end, markup) of its text without blanks or marker."""
    for found in LINE.finditer(text):
        line = found.group()
        body = line.lstrip(_BLANKS)
        edit = EDIT_LINK.match(body)
        if edit:  # "[edit]Villagers in Manda were …": a wiki's section link, not the sentence's
            body = body[edit.end() :]
        marker = MARKER.match(body)
        markup = marker.group().strip() if marker else ""
        if marker:
            body = body[marker.end() :].lstrip(_BLANKS)
        body = body.rstrip(_BLANKS)
        if not body:
            continue
        start = found.start() + line.index(body, len(line) - len(line.lstrip(_BLANKS)))
        yield start, start + len(body), markup


# Words a sentence does not end on: a line ending on one was cut by a hard wrap.
ENDS_NOTHING = frozenset(
    "the a an of in on at to for by with from and or but as that which who whose its their his "
    "her our is are was were be been has have had not than into over under between".split()
)
WRAPPED_WIDTH = 40  # characters a hard-wrapped line has at least (a report's column)


# A figure alone on its line, as a key-figures block prints it under its label ("Current
# Requirements (US$)" / "$583.9 million", "People in need" / "4.3M").
FIGURE_LINE = re.compile(
    r"[~≈]?(?:US\$|\$|€|£|CFA ?)?\d[\d,.]*(?: ?(?:%|[kKmMbB]n?|million|billion|thousand))?"
)
LABEL_WORDS = 8  # words of a label above a figure at most
LABELLED_FIGURE = re.compile(
    rf"[^\n]+\n(?:{FIGURE_LINE.pattern})|(?:{FIGURE_LINE.pattern})\n[^\n]+"
)


def _runs_on(line: str, following: str, after: str | None) -> bool:
    """Whether ``line`` and the line after it are one paragraph: a hard wrap (_wraps), or a
    figure and its label on two lines, read as one record. A key-figures block puts the label
    above its figure ("Current Requirements (US$)" / "$583.9 million") or below it ("254K" /
    "internally displaced people"); a figure then a label is always one record, a label then a
    figure only when the line after the figure does not go on in lower case (its label)."""
    if _wraps(line, following):
        return True
    if "\n" in line:
        return False
    if _is_figure(line):
        return _is_label(following)
    return (
        _is_label(line)
        and _is_figure(following)
        and not (after is not None and _is_label(after) and after[0].islower())
    )


def _is_figure(line: str) -> bool:
    return FIGURE_LINE.fullmatch(line) is not None


def _is_label(line: str) -> bool:
    """A short line without end punctuation that is no figure: a key figure's label."""
    return len(line.split()) <= LABEL_WORDS and not TERMINAL.search(line) and not _is_figure(line)


def _wraps(line: str, following: str) -> bool:
    """Whether ``line`` runs on into the line after it, cut only by a hard wrap, as the
    Congressional Record and scanned reports print text ("More than 1,000 U.S. service members
    currently stationed in" / "Niger, Africa, at Air Base 101 …"): a full-width line that ends
    on no sentence end, before a line in lower case, or on a word no sentence ends on. A short
    line is a heading, a name or a field ("Strength: 5,000"), never cut off."""
    if len(line) < WRAPPED_WIDTH or TERMINAL.search(line) or line.endswith((":", ";")):
        return False
    if FIELD.match(following) or TABLE_ROW.match(following):
        return False
    last = line.rsplit(None, 1)[-1].lower()
    return following[0].islower() or last in ENDS_NOTHING


def _cut(text: str, limit: int) -> list[tuple[int, int]]:
    """``text`` as consecutive pieces of at most ``limit`` characters, each cut after the last
    space before the limit (or at the limit when there is none), without blanks at either end."""
    pieces: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = len(text)
        if end - start > limit:
            space = text.rfind(" ", start + 1, start + limit)
            end = space if space > start else start + limit
        piece = text[start:end]
        left = len(piece) - len(piece.lstrip(_BLANKS))
        right = len(piece.rstrip(_BLANKS))
        if right > left:
            pieces.append((start + left, start + right))
        start = end
    return pieces


def _bounded(line: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pieces with each sentence over MAX_SENTENCE characters cut into shorter ones."""
    bounded: list[tuple[int, int]] = []
    for start, end in pieces:
        if end - start <= MAX_SENTENCE:
            bounded.append((start, end))
        else:
            bounded.extend((start + a, start + b) for a, b in _cut(line[start:end], MAX_SENTENCE))
    return bounded


def _is_record(text: str, lines: list[tuple[int, str, str]], index: int) -> bool:
    """A table row, or an infobox field ("Strength: 5,000") on the line next to another field
    or row: a lone "Label: words" line is more likely a headline ("Niger: what happens next")."""

    def record(at: int) -> str | None:
        if not 0 <= at < len(lines):
            return None
        first, second = sorted((at, index))
        if text.count("\n", lines[first][0] + len(lines[first][1]), lines[second][0]) > 1:
            return None  # a blank line between: not the same block
        line = lines[at][1]
        if TABLE_ROW.match(line):
            return "row"
        return "field" if FIELD.match(line) or glued_field(line) else None

    here = record(index)
    return here == "row" or (
        here == "field" and (record(index - 1) is not None or record(index + 1) is not None)
    )


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
    pieces = (
        [(0, len(line))] if _one_sentence(line) else _cited_splits(line, _syntok_sentences(line))
    )
    merged: list[tuple[int, int]] = []
    for start, end in pieces:
        previous = line[max(merged[-1][0], merged[-1][1] - 64) : merged[-1][1]] if merged else ""
        label = len(merged) == 1 and RECORD_LABEL.fullmatch(line[: merged[0][1]]) is not None
        if merged and (label or _wrong_split(previous, line[start : min(end, start + 64)])):
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


def _cited_splits(line: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """syntok's pieces, also split after citation marks that follow a sentence's end, unless
    the marks stand inside a quotation that is still open."""
    split: list[tuple[int, int]] = []
    for start, end in pieces:
        for mark in CITED_END.finditer(line, start, end):
            if _open_quote(line[start : mark.end()]):
                continue
            split.append((start, mark.end()))
            start = mark.end() + len(line[mark.end() : end]) - len(line[mark.end() : end].lstrip())
        split.append((start, end))
    return split


def _open_quote(text: str) -> bool:
    """Whether a quotation opened in ``text`` is not closed by its end."""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def _without_citations(text: str) -> str:
    """``text`` without the citation marks at its end ("2010.[8]" -> "2010.")."""
    while text.endswith("]"):
        opening = text.rfind("[", max(0, len(text) - 32))
        if opening == -1 or "]" in text[opening:-1]:
            break
        text = text[:opening]
    return text


def _wrong_split(previous: str, following: str) -> bool:
    """A sentence cannot end in a title ("Lt." | "Col. Smith"), in a month abbreviated before
    its day ("Sept." | "18-21, 2022"), in an agency between slashes or just before one
    ("VLADIVOSTOK, September 13." | "/TASS/." | "Russia calls ...") or without end punctuation
    ("WASHINGTON (Reuters)" | "- The U.S. said ..."), or in a number's sign ("Opinion No." |
    "56/2024"), and the next cannot start in lowercase."""
    previous, following = _without_citations(previous[-64:]), following[:64]
    return (
        not TERMINAL.search(previous)
        or SLASHED_AGENCY.match(following) is not None
        or SLASHED_AGENCY_END.search(previous) is not None
        or _rules().title_end.search(previous) is not None
        or STARTS_LOWERCASE.match(following) is not None
        or (
            MONTH_BEFORE_DAY.search(previous) is not None and bool(STARTS_WITH_DAY.match(following))
        )
        or (NUMBER_SIGN.search(previous) is not None and bool(STARTS_WITH_NUMBER.match(following)))
    )


def _line_kind(line: str, sentences: int) -> SentenceKind:
    """What a paragraph is; a heading is one short sentence without end punctuation."""
    if len(line) > MAX_LABELLED:
        return "body"
    plain = _plain(line)
    if 0 < dateline_end(plain) >= len(plain.rstrip()):
        return "byline"  # a dateline on a line of its own says where, not what
    if any(p.search(plain) or p.search(line) for p in _rules().caption):
        return "caption"
    if _is_byline(plain):
        return "byline"
    words = len(plain.split())
    ending = _without_citations(plain)
    if sentences == 1 and words <= HEADING_MAX_WORDS and not NOT_A_TITLE_END.search(ending):
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
    if len(text) > MAX_LABELLED:
        return False  # too long to be chrome; its sentences are checked one by one
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
