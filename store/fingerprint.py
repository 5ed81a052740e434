"""The extractor's fingerprint: stored articles that another version of the extraction code or
lexicons extracted are re-extracted on the next start (see ingest.refresh_stale).

It lives apart from the extraction code so that checking it imports none of that code: a store
that is up to date is asked questions without loading syntok or the extraction rules.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

EXTRACTION_MODULES = (
    "extract",
    "entities",
    "people",
    "dates",
    "quantities",
    "sentences",
    "lexicon",
)


def _extractor_version() -> int:
    here = Path(__file__).resolve().parent
    files = [here / f"{name}.py" for name in EXTRACTION_MODULES]
    files += sorted((here / "lexicon").glob("*.toml"))
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return int(digest.hexdigest()[:7], 16)


EXTRACTOR_VERSION = _extractor_version()
