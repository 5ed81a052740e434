"""The fact store: articles in, quoted structured facts out. Knows nothing of Slack."""

from store.answers import Answer, Result, Source
from store.ingest import FileResult, IngestReport
from store.reader import ArticleError
from store.service import FactStore

__all__ = ["Answer", "ArticleError", "FactStore", "FileResult", "IngestReport", "Result", "Source"]
