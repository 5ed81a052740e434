"""Read an article file (plain text, Markdown/text with YAML front matter, or HTML) into text and
publication metadata, failing with a clear reason for anything unreadable."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from store.errors import ArticleError
from store.extraction.dates import parse_date_text
from store.extraction.sentences import split_sentences
from store.extraction.timed import untimed

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES
"""The file types an article may come in, by suffix: from a folder, `ingest` or an upload."""
MAX_BYTES = 5 * 1024 * 1024
"""The largest article accepted, however it arrives (file, upload or page)."""
CATALOGUE_NAME = "sources.toml"
MAX_FRONT_MATTER_BYTES = 16_384  # a title, an outlet, an author, a URL and a date fit in 3 kB
MAX_META_CHARS = 2000  # a metadata value is cut to this before anything reads it
FUTURE_DAYS = 366  # a publication date later than this from today is a typo or a trap
OLDEST_YEAR = 1800
ISO_DATE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
NULLS = {"", "~", "null", "Null", "NULL"}
HEAD_CHARS = 20_000  # where a title and a dateline are looked for: not the whole 5 MB


@dataclass(frozen=True, slots=True)
class ArticleText:
    source: str
    content_hash: str
    text: str
    title: str
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_from: str = "unknown"
    origin: str = "file"  # see Article.origin


def load_catalogue(folder: Path) -> dict[str, dict[str, Any]]:
    """The publication facts a folder's ``sources.toml`` gives for its files, keyed by file name."""
    path = folder / CATALOGUE_NAME
    if not path.is_file():
        return {}
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ArticleError(f"{path}: the catalogue is not valid TOML ({error})") from error


def read_article(path: Path, catalogue: dict[str, Any] | None = None) -> ArticleText:
    """Read one file; ``catalogue`` is its entry in the folder's sources.toml, which wins."""
    if not path.exists():
        raise ArticleError(f"no such file or directory: {path}")
    if path.suffix.lower() not in SUPPORTED:
        raise ArticleError(
            f"unsupported file type {path.suffix or '(none)'}; "
            f"use one of {', '.join(sorted(SUPPORTED))}"
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ArticleError(f"cannot read the file: {error.strerror or error}") from error
    return parse_article(raw, source=path.name, kind=article_kind(path.name), catalogue=catalogue)


def article_kind(name: str) -> str:
    """How parse_article reads a file of this name: "html" or "text"."""
    return "html" if Path(name).suffix.lower() in HTML_SUFFIXES else "text"


def parse_article(
    raw: bytes,
    *,
    source: str,
    kind: str = "text",
    catalogue: dict[str, Any] | None = None,
    url: str | None = None,
) -> ArticleText:
    """Turn raw bytes into an article; shared by files, uploads and fetched pages."""
    if len(raw) > MAX_BYTES:
        raise ArticleError(f"the file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")
    if b"\x00" in raw[:8192]:
        raise ArticleError("this is a binary file, not text")
    try:
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleError(
            f"the file is not UTF-8 text (bad byte at offset {error.start})"
        ) from error
    if not decoded.strip():
        raise ArticleError("the file is empty")
    meta: dict[str, Any] = {}
    if kind == "html":
        text, meta = _from_html(decoded)
    else:
        text, meta = _split_front_matter(decoded)
    if not text.strip():
        raise ArticleError("no article text found in the file")
    text = untimed(text)  # a video page's transcript: its caption stamps are player markup
    meta = {**meta, **{k: v for k, v in (catalogue or {}).items() if v not in (None, "")}}
    published, published_from = _published(meta, text)
    title = _cut(meta.get("title") or _first_line(text)).strip()
    return ArticleText(
        source=source,
        content_hash=hashlib.sha256(raw).hexdigest(),
        text=text,
        title=title[:500],
        outlet=_outlet(meta, catalogue, fetched_from=url),
        author=_optional(meta.get("author")),
        url=_optional(url or meta.get("url")),  # a fetched page's own og:url is only a claim
        published=published,
        published_from=published_from[:40],
    )


def _outlet(
    meta: dict[str, Any], catalogue: dict[str, Any] | None, *, fetched_from: str | None
) -> str | None:
    """The outlet; for a fetched page, the host it came from, with any name the page gives
    itself (og:site_name, which any page can set to any outlet) marked as its own claim."""
    declared = _optional(meta.get("outlet") or meta.get("sitename"))
    if fetched_from is None or (catalogue or {}).get("outlet"):
        return declared
    host = (urlsplit(fetched_from).hostname or "").removeprefix("www.")
    if not declared or declared.lower() in (host, f"www.{host}"):
        return host or declared
    return f"{declared[:200]} (self-declared; fetched from {host})"


def _cut(value: Any) -> str:
    """A metadata value as text, cut before anything reads it (TOML gives dates and numbers)."""
    return (value if isinstance(value, str) else str(value))[:MAX_META_CHARS]


def _optional(value: Any) -> str | None:
    return _cut(value).strip() or None if value not in (None, "") else None


def _split_front_matter(text: str) -> tuple[str, dict[str, Any]]:
    if not text.startswith("---"):
        return text, {}
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return text, {}
    for end, line in enumerate(lines[1:], start=1):  # noqa: B007 (end is used after the loop)
        if line.strip() in {"---", "..."}:
            break
    else:
        raise ArticleError("the front matter starts with --- but never ends")
    meta = _plain_mapping("\n".join(lines[1:end]))
    body = "\n".join(lines[end + 1 :])
    return body, meta


def _plain_mapping(front: str) -> dict[str, Any]:
    """The front matter as a flat mapping of plain scalars (field: text), read as YAML events.

    Anything else is refused at the first event that shows it, before it is built: aliases and
    anchors (a few hundred bytes of them expand to gigabytes), nested mappings or lists (deep
    nesting exhausts the stack), and tags (which construct other types). Values stay strings,
    cut to MAX_META_CHARS; the publication date is checked by `_published`.
    """
    if len(front.encode()) > MAX_FRONT_MATTER_BYTES:
        raise ArticleError(
            f"the front matter is over {MAX_FRONT_MATTER_BYTES:,} bytes; it should hold only "
            "fields such as title: and published:"
        )
    import yaml  # imported here: only front matter needs it, and asking never does

    meta: dict[str, Any] = {}
    key: str | None = None
    depth = 0
    try:
        for event in yaml.parse(front, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise ArticleError("the front matter uses YAML anchors or aliases (& or *)")
            if (tag := getattr(event, "tag", None)) is not None:
                raise ArticleError(f"the front matter uses a YAML tag ({str(tag)[:60]})")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > 1 or isinstance(event, yaml.SequenceStartEvent):
                    raise ArticleError(
                        "the front matter must be plain fields (title: ...), not lists or nesting"
                    )
            elif isinstance(event, yaml.ScalarEvent):
                if depth == 0:  # the whole front matter is one scalar
                    break
                value = event.value[:MAX_META_CHARS]
                if key is None:
                    key = value
                    continue
                plain = event.implicit[0]
                meta[key] = None if plain and value in NULLS else value
                key = None
    except yaml.YAMLError as error:
        fields = _field_lines(front)
        if fields is None:
            raise ArticleError(f"the front matter is not valid YAML: {_first(error)}") from error
        return fields  # "title: Niger: Troops leave": a colon in a value, as people write it
    if depth == 0 and front.strip():
        raise ArticleError("the front matter must be a mapping of fields such as title: ...")
    return meta


# a field of plain text: a value opening with a YAML indicator ("[", "&", "!", a quotation mark)
# is YAML gone wrong, and is refused as such
FIELD_LINE = re.compile(r"([A-Za-z_][\w-]{0,40}):[ \t]+([^\s\[\]{}&*!|>'\"%@`#,?:-].*)")


def _field_lines(front: str) -> dict[str, Any] | None:
    """Front matter that is not YAML only because a value holds a colon or a quotation mark
    ("title: Niger: Terrorist attack in Tassia"), read a field a line, the value as written
    after the first ": ": None unless every line is such a field."""
    fields: dict[str, Any] = {}
    for line in front.splitlines():
        if not line.strip():
            continue
        found = FIELD_LINE.fullmatch(line.rstrip())
        if found is None:
            return None
        fields[found[1]] = found[2][:MAX_META_CHARS]
    return fields


def _first(error: Exception) -> str:
    """An exception's message on one line."""
    return " ".join(str(error).split())[:300]


def _from_html(html: str) -> tuple[str, dict[str, Any]]:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    if doc is None:
        return "", {}
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    meta = {
        "title": data.get("title"),
        "author": data.get("author"),
        "outlet": data.get("sitename"),
        "url": data.get("url"),
        "published": data.get("date"),
    }
    if meta["published"]:
        meta["published_from"] = "html metadata"
    return text, {k: v for k, v in meta.items() if v}


def _published(meta: dict[str, Any], text: str) -> tuple[dt.date | None, str]:
    value = meta.get("published") or meta.get("date")
    if isinstance(value, dt.datetime):
        return _plausible(value.date(), value), "metadata"
    if isinstance(value, dt.date):
        return _plausible(value, value), "metadata"
    if value:
        value = _cut(value)
        if found := ISO_DATE.match(value):
            try:
                parsed: dt.date | None = dt.date(*(int(part) for part in found.groups()))
            except ValueError as error:
                raise ArticleError(
                    f"the publication date {value[:40]!r} is not a real date"
                ) from error
        else:
            parsed = parse_date_text(value)
        if parsed is None:
            raise ArticleError(f"cannot read the publication date {value[:40]!r}; use YYYY-MM-DD")
        return _plausible(parsed, value), _cut(meta.get("published_from", "metadata"))
    return _dateline_date(text)


def _plausible(date: dt.date, value: object) -> dt.date:
    """Dates are reckoned from the publication date, so one far from now (9999-12-31) would only
    make nonsense, or overflow the calendar, downstream."""
    latest = dt.date.today() + dt.timedelta(days=FUTURE_DAYS)
    if date > latest:
        raise ArticleError(f"the publication date {str(value)[:40]!r} is in the future")
    if date.year < OLDEST_YEAR:
        raise ArticleError(f"the publication date {str(value)[:40]!r} is before {OLDEST_YEAR}")
    return date


# A heading that opens with its date ("March 22, 2024 | Niamey", "Updated Monday, 3 June 2024"),
# unlike a field of an infobox or a headline that happens to hold one ("Date: 26 July 2023").
DATE_FIRST = re.compile(
    r"(?i:(?:first |last )?(?:published|updated|posted)(?: on)?\s*:?\s*)?"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?:\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)"
)


def _dateline_date(text: str) -> tuple[dt.date | None, str]:
    """A date in a byline or dateline ("By X | March 22, 2024"), never in a photo caption."""
    spans = split_sentences(text[:HEAD_CHARS])
    for span in spans[:12]:
        if span.kind == "byline" or (span.kind == "heading" and DATE_FIRST.match(span.text)):
            parsed = parse_date_text(span.text)
            if parsed:
                return parsed, "byline"
    return None, "unknown"


def _first_line(text: str) -> str:
    for span in split_sentences(text[:HEAD_CHARS]):
        if span.kind in {"heading", "body"}:
            return span.text[:200]
    return text.strip().split("\n", 1)[0][:200]
