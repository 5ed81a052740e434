"""The fact store: articles in, quoted structured facts out. Knows nothing of Slack."""

from store.admin import Interrupted, NotFound, SourceInfo
from store.answers import Answer, Result, Source
from store.audit import AuditRecord
from store.ingest import FileResult, IngestReport
from store.locks import Busy
from store.reader import ArticleError
from store.service import FactStore

__all__ = [
    "Answer",
    "ArticleError",
    "AuditRecord",
    "Busy",
    "FactStore",
    "FileResult",
    "IngestReport",
    "Interrupted",
    "NotFound",
    "Result",
    "Source",
    "SourceInfo",
]
