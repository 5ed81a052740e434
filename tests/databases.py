"""Fresh, isolated databases for tests: a SQLite file each, or a PostgreSQL schema each."""

from __future__ import annotations

import itertools
import os
import sqlite3
import uuid
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import NullPool
from sqlmodel import SQLModel, create_engine

from store.persistence.db import make_engine
from store.persistence.schema import upgrade

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "").strip() or None
POSTGRES_SKIPPED = "PostgreSQL tests skipped: TEST_DATABASE_URL not set"


def engine_of(url: str) -> str:
    return make_url(url).get_backend_name()


class Databases:
    """Hands out empty databases and drops them again.

    On PostgreSQL each database is a schema of its own in TEST_DATABASE_URL's database, selected
    through ``search_path`` in the URL, so tests (and concurrent test runs) never see each other.
    """

    def __init__(self, root: Path, postgres_url: str | None) -> None:
        self.root = root
        self.postgres_url = postgres_url
        self._numbers = itertools.count()
        self._run = uuid.uuid4().hex[:8]
        self._schemas: set[str] = set()
        self._admin: Engine | None = None

    def create(self, engine: str) -> str:
        """The URL of a new, empty database (no tables) on ``engine``: "sqlite" or "postgresql"."""
        number = next(self._numbers)
        if engine == "sqlite":
            return f"sqlite:///{self.root / f'db{number}.sqlite3'}"
        if self.postgres_url is None:
            raise RuntimeError(POSTGRES_SKIPPED)
        schema = f"niger_test_{self._run}_{number}"
        with self._admin_engine().begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        self._schemas.add(schema)
        url = make_url(self.postgres_url).update_query_dict({"options": f"-csearch_path={schema}"})
        return url.render_as_string(hide_password=False)

    def copy(self, source_url: str, engine: str) -> str:
        """A new database holding the same rows as ``source_url``'s, at the newest schema."""
        url = self.create(engine)
        if engine == "sqlite":
            # The backup API copies what is still in the WAL file too.
            with sqlite3.connect(make_url(source_url).database) as source:
                with sqlite3.connect(make_url(url).database) as target:
                    source.backup(target)
            return url
        target = make_engine(url)
        try:
            upgrade(target)
        finally:
            target.dispose()
        source, copy = _schema_of(source_url), _schema_of(url)
        with self._admin_engine().begin() as connection:
            for table in SQLModel.metadata.sorted_tables:
                connection.execute(
                    text(
                        f'INSERT INTO "{copy}"."{table.name}" SELECT * FROM "{source}"."{table.name}"'
                    )
                )
                if "id" in table.c and table.c.id.autoincrement:
                    connection.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('\"{copy}\".\"{table.name}\"', 'id'),"
                            f' (SELECT coalesce(max(id), 0) + 1 FROM "{copy}"."{table.name}"), false)'
                        )
                    )
        return url

    def drop(self, url: str) -> None:
        if engine_of(url) == "sqlite":
            return  # the file goes with pytest's temporary folder
        schema = _schema_of(url)
        with self._admin_engine().begin() as connection:
            connection.execute(text("SET LOCAL lock_timeout = '10s'"))
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        self._schemas.discard(schema)

    def close(self) -> None:
        for schema in list(self._schemas):
            self.drop(f"postgresql://x/y?options=-csearch_path%3D{schema}")
        if self._admin is not None:
            self._admin.dispose()

    def _admin_engine(self) -> Engine:
        if self._admin is None:
            assert self.postgres_url is not None
            self._admin = create_engine(self.postgres_url, poolclass=NullPool)
        return self._admin


def _schema_of(url: str) -> str:
    return make_url(url).query["options"].removeprefix("-csearch_path=")
