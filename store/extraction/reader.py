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

from store.errors import ArticleError
from store.extraction.dates import parse_date_text
from store.extraction.sentences import split_sentences

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES
"""The file types an article may come in, by suffix: from a folder, `ingest` or an upload."""
MAX_BYTES = 5 * 1024 * 1024
"""The largest article accepted, however it arrives (file, upload or page)."""
CATALOGUE_NAME = "sources.toml"


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
    meta = {**meta, **{k: v for k, v in (catalogue or {}).items() if v not in (None, "")}}
    published, published_from = _published(meta, text)
    title = str(meta.get("title") or _first_line(text)).strip()
    return ArticleText(
        source=source,
        content_hash=hashlib.sha256(raw).hexdigest(),
        text=text,
        title=title[:500],
        outlet=_optional(meta.get("outlet") or meta.get("sitename")),
        author=_optional(meta.get("author")),
        url=_optional(meta.get("url") or url),
        published=published,
        published_from=published_from,
    )


def _optional(value: Any) -> str | None:
    return str(value).strip() or None if value not in (None, "") else None


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
    import yaml  # imported here: only front matter needs it, and asking never does

    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as error:
        raise ArticleError(f"the front matter is not valid YAML: {error}") from error
    if not isinstance(meta, dict):
        raise ArticleError("the front matter must be a mapping of fields such as title: ...")
    body = "\n".join(lines[end + 1 :])
    return body, meta


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
        return value.date(), "metadata"
    if isinstance(value, dt.date):
        return value, "metadata"
    if value:
        parsed = parse_date_text(str(value))
        if parsed is None:
            raise ArticleError(f"cannot read the publication date {value!r}; use YYYY-MM-DD")
        return parsed, str(meta.get("published_from", "metadata"))
    return _dateline_date(text)


# A heading that opens with its date ("March 22, 2024 | Niamey", "Updated Monday, 3 June 2024"),
# unlike a field of an infobox or a headline that happens to hold one ("Date: 26 July 2023").
DATE_FIRST = re.compile(
    r"(?i:(?:first |last )?(?:published|updated|posted)(?: on)?\s*:?\s*)?"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?:\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)"
)


def _dateline_date(text: str) -> tuple[dt.date | None, str]:
    """A date in a byline or dateline ("By X | March 22, 2024"), never in a photo caption."""
    spans = split_sentences(text[:20_000])  # the first dozen lines are all it reads
    for span in spans[:12]:
        if span.kind == "byline" or (span.kind == "heading" and DATE_FIRST.match(span.text)):
            parsed = parse_date_text(span.text)
            if parsed:
                return parsed, "byline"
    return None, "unknown"


def _first_line(text: str) -> str:
    for span in split_sentences(text):
        if span.kind in {"heading", "body"}:
            return span.text[:200]
    return text.strip().split("\n", 1)[0][:200]
