"""Alembic environment: migrate the connection the store hands over (see
`store.persistence.schema`), or, when a developer runs the ``alembic`` command with
``store/persistence/migrations/alembic.ini``, that file's URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from store.persistence import models  # noqa: F401  (registers the tables on SQLModel.metadata)


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        compare_type=True,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_from_config() -> None:
    from store.persistence.db import make_engine

    engine = make_engine(context.config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.begin() as connection:
            run_migrations(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; run `niger-bot db upgrade`")
shared = context.config.attributes.get("connection")
if shared is not None:
    run_migrations(shared)
else:
    run_from_config()
