"""The fact store: articles in, quoted structured facts out. Knows nothing of Slack.

`FactStore` (store.service) is the one API the bot and the handlers use; the answer contract is
`Result`, `Answer` and `Source` (store.answers). Inside, by role, dependencies pointing down:

- `library/`      ingest, reload, add, remove, sources      (uses extraction and persistence)
- `search/`       the index, query parsing, ranking, answers  (uses persistence)
- `extraction/`   files -> text -> sentences -> facts         (pure rules)
- `persistence/`  tables, engines, migrations, locks, audit, events, conversations
- `lexicon/`      the data files every layer reads, and their loader
"""

from typing import Any

from store.answers import Answer, Result, Source
from store.extraction.reader import ArticleError
from store.library.admin import Interrupted, NotFound, SourceInfo
from store.library.feedback import FlagInfo, FlagReceipt
from store.library.ingest import FileResult, IngestReport
from store.persistence.audit import AuditRecord
from store.persistence.db import make_engine
from store.persistence.locks import Busy
from store.persistence.schema import SchemaError, current_revision, head_revision
from store.persistence.schema import upgrade as upgrade_schema
from store.service import FactStore


def __getattr__(name: str) -> Any:
    """`read_bounded` (capped HTTP reads) loads httpx, which answering a question never needs."""
    if name == "read_bounded":
        from store.library.web import read_bounded

        return read_bounded
    raise AttributeError(f"module 'store' has no attribute {name!r}")


__all__ = [
    "Answer",
    "ArticleError",
    "AuditRecord",
    "Busy",
    "FactStore",
    "FileResult",
    "FlagInfo",
    "FlagReceipt",
    "IngestReport",
    "Interrupted",
    "NotFound",
    "Result",
    "Source",
    "SchemaError",
    "SourceInfo",
    "current_revision",
    "head_revision",
    "make_engine",
    "read_bounded",
    "upgrade_schema",
]
