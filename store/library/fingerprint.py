"""The extractor's fingerprint: stored articles that another version of the extraction code or
of the lexicon files it reads were extracted by are re-extracted on the next start (see
`store.library.ingest.refresh_stale`).

It hashes every module of `store/extraction/` (a new one cannot be left out), only the lexicon
files extraction reads (`store.extraction.LEXICON_FILES`), so editing a search-only table such
as queries.toml re-extracts nothing, and the English word list extraction reads
(`store.lexicon.english`). Computing it imports none of the extraction rules.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from store.extraction import LEXICON_FILES
from store.lexicon import LEXICON_DIR
from store.lexicon.english import word_list

EXTRACTION_DIR = Path(__file__).resolve().parent.parent / "extraction"


def fingerprinted_files() -> list[Path]:
    """The files whose content decides what extraction produces, in a fixed order: with the
    English word list and its reader (a wordfreq upgrade may change which words are English)."""
    modules = sorted(EXTRACTION_DIR.glob("*.py"))
    english = [LEXICON_DIR / "english.py", word_list()]
    return [*modules, *(LEXICON_DIR / name for name in LEXICON_FILES), *english]


def extractor_version(files: Iterable[Path]) -> int:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return int(digest.hexdigest()[:7], 16)


EXTRACTOR_VERSION = extractor_version(fingerprinted_files())
