"""The database schema, kept at the models' shape by the Alembic migrations in
store/persistence/migrations.

Alembic is imported only to migrate or compare schemas: importing it takes about a third of a
second, which every `niger-bot ask` paid to learn that the schema was already current. That check
reads the version table and the migration files directly.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import MetaData, inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

from store.errors import SchemaError
from store.persistence import models  # noqa: F401  (registers the tables on SQLModel.metadata)
from store.persistence.locks import exclusive

if TYPE_CHECKING:
    from alembic.config import Config

INITIAL_REVISION = "0001"
"""The schema ``create_all`` made before there were migrations; such stores are stamped with it."""

VERSION_TABLE = "alembic_version"
VERSIONS_DIR = Path(__file__).resolve().parent / "migrations" / "versions"


@dataclass(frozen=True, slots=True)
class Upgrade:
    before: str | None
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, built in code so that the installed package needs no alembic.ini."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "store.persistence:migrations")
    config.attributes["connection"] = connection
    return config


@cache
def head_revision() -> str:
    """The newest revision of store/persistence/migrations/versions."""
    return _head_in_files() or _alembic_head()


def _alembic_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "store/persistence/migrations/versions holds no revision"
    return head


def _head_in_files() -> str | None:
    """The one revision no other revises, read from the files' ``revision`` and
    ``down_revision`` assignments; None when a file does not say them plainly (Alembic decides)."""
    revises: dict[str, set[str]] = {}
    for path in VERSIONS_DIR.glob("*.py"):
        if path.name.startswith(("__init__", ".#")):  # the files Alembic skips
            continue
        found = _assignments(path, {"revision", "down_revision"})
        revision, down = found.get("revision"), found.get("down_revision", ...)
        if not isinstance(revision, str) or down is ...:
            return None
        downs = (down,) if isinstance(down, str) else down or ()
        if not isinstance(downs, tuple | list) or not all(isinstance(d, str) for d in downs):
            return None
        revises[revision] = set(downs)
    heads = set(revises) - set().union(*revises.values())
    return heads.pop() if len(heads) == 1 else None


def _assignments(path: Path, names: set[str]) -> dict[str, object]:
    """Module-level ``name = literal`` (or ``name: type = literal``) of a Python file."""
    found: dict[str, object] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id in names:
            try:
                found[target.id] = ast.literal_eval(value)
            except ValueError:
                found[target.id] = value  # not a literal: the caller gives up
    return found


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for a database never migrated."""
    with engine.connect() as connection:
        return _revision(connection)


def _revision(connection: Connection) -> str | None:
    """What Alembic's MigrationContext.get_current_revision reads, without importing Alembic."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(rows) > 1:
        raise SchemaError(f"the {VERSION_TABLE} table names more than one revision: {rows}")
    return rows[0] if rows else None


def is_current(engine: Engine) -> bool:
    return current_revision(engine) == head_revision()


def upgrade(engine: Engine) -> Upgrade:
    """Migrate the database to the newest revision, one process at a time.

    A store made before migrations existed (tables but no ``alembic_version``) is first checked
    against the models and stamped with the initial revision. Other processes starting at the
    same moment wait for the lock, then find nothing left to do.
    """
    from alembic import command

    with exclusive(engine, "schema-migration", wait=True), engine.begin() as connection:
        before = _revision(connection)
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
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

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
    from alembic import command
    from alembic.script import ScriptDirectory

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
