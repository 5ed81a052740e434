"""The fact store: articles in, quoted structured facts out. Knows nothing of Slack.

`FactStore` (store.service) is the one API the bot and the handlers use; the answer contract is
`Result`, `Answer` and `Source` (store.answers) with the `Kind`s and `Intent`s they name, and its
JSON form is published as `store/answer.schema.json`. Inside, by role, dependencies pointing down:

- `library/`      ingest, reload, add, remove, sources      (uses extraction and persistence)
- `search/`       the index, query parsing, ranking, answers  (uses persistence)
- `extraction/`   files -> text -> sentences -> facts         (pure rules)
- `persistence/`  tables, engines, migrations, locks, audit, events, conversations
- `lexicon/`      the data files every layer reads, and their loader
"""

from typing import Any

from store.answers import ANSWER_SCHEMA, Answer, Intent, Kind, Result, Source
from store.errors import (
    ArticleError,
    Busy,
    Interrupted,
    LexiconError,
    NigerBotError,
    NotFound,
    SchemaError,
)
from store.extraction.reader import MAX_BYTES as MAX_ARTICLE_BYTES
from store.extraction.reader import SUPPORTED as ARTICLE_SUFFIXES
from store.extraction.reader import article_kind
from store.library.admin import SourceInfo
from store.library.feedback import FlagInfo, FlagReceipt
from store.library.ingest import FileResult, IngestReport, Status
from store.library.worker import WorkerLimits
from store.persistence.audit import AuditRecord
from store.persistence.db import make_engine
from store.persistence.schema import current_revision, head_revision
from store.persistence.schema import upgrade as upgrade_schema
from store.service import FactStore, StoreObserver, StoreStatus


def __getattr__(name: str) -> Any:
    """`read_bounded` (capped HTTP reads) loads httpx, which answering a question never needs."""
    if name == "read_bounded":
        from store.library.web import read_bounded

        return read_bounded
    raise AttributeError(f"module 'store' has no attribute {name!r}")


__all__ = [
    "ANSWER_SCHEMA",
    "ARTICLE_SUFFIXES",
    "MAX_ARTICLE_BYTES",
    "Answer",
    "article_kind",
    "ArticleError",
    "AuditRecord",
    "Busy",
    "FactStore",
    "FileResult",
    "FlagInfo",
    "FlagReceipt",
    "IngestReport",
    "Intent",
    "Interrupted",
    "Kind",
    "LexiconError",
    "NigerBotError",
    "NotFound",
    "Result",
    "Source",
    "SchemaError",
    "SourceInfo",
    "Status",
    "StoreObserver",
    "StoreStatus",
    "current_revision",
    "head_revision",
    "make_engine",
    "read_bounded",
    "upgrade_schema",
    "WorkerLimits",
]
