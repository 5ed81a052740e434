"""The database schema, kept at the models' shape by the Alembic migrations in store/migrations."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, inspect
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

from store import models  # noqa: F401  (registers the tables on SQLModel.metadata)
from store.locks import exclusive

INITIAL_REVISION = "0001"
"""The schema ``create_all`` made before there were migrations; such stores are stamped with it."""


VERSION_TABLE = "alembic_version"


class SchemaError(RuntimeError):
    """The database's schema is not one this code can use; the message says what to do."""


@dataclass(frozen=True, slots=True)
class Upgrade:
    before: str | None
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, built in code so that the installed package needs no alembic.ini."""
    config = Config()
    config.set_main_option("script_location", "store:migrations")
    config.attributes["connection"] = connection
    return config


@cache
def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "store/migrations/versions holds no revision"
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for a database never migrated."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def is_current(engine: Engine) -> bool:
    return current_revision(engine) == head_revision()


def upgrade(engine: Engine) -> Upgrade:
    """Migrate the database to the newest revision, one process at a time.

    A store made before migrations existed (tables but no ``alembic_version``) is first checked
    against the models and stamped with the initial revision. Other processes starting at the
    same moment wait for the lock, then find nothing left to do.
    """
    with exclusive(engine, "schema-migration", wait=True), engine.begin() as connection:
        before = MigrationContext.configure(connection).get_current_revision()
        if before is None and inspect(connection).has_table("article"):
            _adopt_unversioned(connection)
        if before != head_revision():
            command.upgrade(alembic_config(connection), "head")
    return Upgrade(before, head_revision())


def upgrade_if_behind(engine: Engine) -> Upgrade | None:
    """`upgrade` when the schema is behind; a single cheap read when it is not."""
    return None if is_current(engine) else upgrade(engine)


def require_current(engine: Engine) -> None:
    """Raise `SchemaError` unless the database is at the newest revision."""
    current = current_revision(engine)
    if current != head_revision():
        raise SchemaError(
            f"the database schema is at {current or 'no revision'}, this code needs "
            f"{head_revision()}: run `niger-bot db upgrade` (or set AUTO_MIGRATE=1)"
        )


def schema_differences(connection: Connection, metadata: MetaData | None = None) -> list[tuple]:
    """What the database's tables lack or have beyond the models (or ``metadata``): empty when
    they match."""
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    found = compare_metadata(context, metadata if metadata is not None else SQLModel.metadata)
    return [d for d in found if not _is_version_table(d)]


def _is_version_table(diff: object) -> bool:
    if not isinstance(diff, tuple) or diff[0] != "remove_table":
        return False
    return diff[1].name == VERSION_TABLE


def _adopt_unversioned(connection: Connection) -> None:
    # Tables made by create_all before there were migrations match the initial revision, except
    # that older stores lack the tables added since (create_all added them on every start).
    initial = MetaData()
    tables = ScriptDirectory.from_config(alembic_config()).get_revision(INITIAL_REVISION)
    tables.module.initial_tables(initial)
    differences = schema_differences(connection, initial)
    missing = [d[1] for d in differences if isinstance(d, tuple) and d[0] == "add_table"]
    other = [d for d in differences if not _comes_with(d, missing)]
    if other:
        raise SchemaError(
            "the database has tables that no migration made and that differ from the initial "
            f"schema: {other}; migrate it by hand, or move it aside and start a new store"
        )
    initial.create_all(connection, tables=missing)
    command.stamp(alembic_config(connection), INITIAL_REVISION)


def _comes_with(diff: object, tables: list) -> bool:
    """Whether the difference is one of the missing tables, or an index of one."""
    if not isinstance(diff, tuple):
        return False
    names = {table.name for table in tables}
    return (diff[0] == "add_table" and diff[1].name in names) or (
        diff[0] == "add_index" and diff[1].table.name in names
    )
