"""Reading and extracting articles: files become text and metadata (`reader`), text becomes
sentences and structured facts (`extract`). Pure rules over text; no database, no search.

Public face: `extract(text, published=...) -> Extraction`, `read_article`, `parse_article`,
`load_catalogue`, `ArticleError`, `ArticleText`.

Importing the package loads none of the rules (syntok, the compiled patterns): a store that is
already filled answers questions without them, so the names are resolved on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from store.extraction.extract import ExtractedFact, Extraction, extract
    from store.extraction.reader import (
        ArticleError,
        ArticleText,
        load_catalogue,
        parse_article,
        read_article,
    )

LEXICON_FILES = (
    "boilerplate.toml",
    "countries.toml",
    "dates.toml",
    "organisations.toml",
    "places.toml",
    "quantities.toml",
    "words.toml",
)
"""The lexicon files extraction reads (tests/test_layout.py checks this against a real
extraction): editing one of them re-extracts stored articles, editing any other does not."""

_PUBLIC = {
    "extract": "store.extraction.extract",
    "Extraction": "store.extraction.extract",
    "ExtractedFact": "store.extraction.extract",
    "ArticleError": "store.extraction.reader",
    "ArticleText": "store.extraction.reader",
    "load_catalogue": "store.extraction.reader",
    "parse_article": "store.extraction.reader",
    "read_article": "store.extraction.reader",
}


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'store.extraction' has no attribute {name!r}")
    return getattr(import_module(module), name)


__all__ = [
    "LEXICON_FILES",
    "ArticleError",
    "ArticleText",
    "ExtractedFact",
    "Extraction",
    "extract",
    "load_catalogue",
    "parse_article",
    "read_article",
]
