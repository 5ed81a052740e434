"""Migrations: they build exactly the models' schema on each engine, run once however many
processes start, adopt stores made before migrations, and `niger-bot db` drives them."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import inspect, text

from bot.cli import main
from store import FactStore
from store.persistence.db import create_schema, make_engine
from store.persistence.schema import (
    INITIAL_REVISION,
    SchemaError,
    _alembic_head,
    _head_in_files,
    alembic_config,
    current_revision,
    head_revision,
    schema_differences,
    upgrade,
)


@pytest.fixture
def engine(store_url: str):  # type: ignore[no-untyped-def]
    found = make_engine(store_url)
    yield found
    found.dispose()


def test_the_migrations_build_exactly_the_models_schema(engine) -> None:  # type: ignore[no-untyped-def]
    result = upgrade(engine)
    assert (result.before, result.after) == (None, head_revision())
    with engine.connect() as connection:
        assert schema_differences(connection) == []


def test_upgrading_an_up_to_date_store_changes_nothing(engine) -> None:  # type: ignore[no-untyped-def]
    upgrade(engine)
    assert not upgrade(engine).changed


def test_every_migration_can_be_undone(engine) -> None:  # type: ignore[no-untyped-def]
    upgrade(engine)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert current_revision(engine) == head_revision()


def test_a_store_made_by_create_all_before_migrations_is_adopted(engine) -> None:  # type: ignore[no-untyped-def]
    # Stores of the first release: create_all at the initial revision, some tables not yet there.
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), INITIAL_REVISION)
        connection.execute(text("DROP TABLE alembic_version"))
        connection.execute(text("DROP TABLE conversation"))
        connection.execute(
            text(
                "INSERT INTO processedevent (event_id, received_at) "
                "VALUES ('Ev1', '2026-01-01 00:00:00+00:00')"
            )
        )
    assert current_revision(engine) is None
    store = FactStore(engine)
    store.ensure_ready()
    assert current_revision(engine) == head_revision()
    assert "conversation" in inspect(engine).get_table_names()
    assert store.claim_event("Ev1") is False  # the data survived


def test_a_store_made_by_create_all_now_matches_the_models(engine) -> None:  # type: ignore[no-untyped-def]
    create_schema(engine)
    with engine.connect() as connection:
        assert schema_differences(connection) == []


def test_a_store_that_differs_from_the_initial_schema_is_refused(engine) -> None:  # type: ignore[no-untyped-def]
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), INITIAL_REVISION)
        connection.execute(text("DROP TABLE alembic_version"))
        connection.execute(text("ALTER TABLE article ADD COLUMN colour VARCHAR(10)"))
    with pytest.raises(SchemaError, match="colour"):
        upgrade(engine)


def test_without_auto_migrate_a_store_behind_says_what_to_run(store_url: str) -> None:
    store = FactStore.open(store_url, auto_migrate=False)
    with pytest.raises(SchemaError, match="niger-bot db upgrade"):
        store.ensure_ready()
    store.engine.dispose()


def test_db_upgrade_and_current_commands(store_url: str) -> None:
    runner = CliRunner()
    env = {"DATABASE_URL": store_url}
    assert runner.invoke(main, ["db", "current"], env=env).output.startswith("no revision")
    first = runner.invoke(main, ["db", "upgrade"], env=env)
    assert first.exit_code == 0, first.output
    assert f"upgraded from empty to {head_revision()}" in first.output
    again = runner.invoke(main, ["db", "upgrade"], env=env)
    assert "nothing to do" in again.output
    assert runner.invoke(main, ["db", "current"], env=env).output.strip() == (
        f"{head_revision()} (newest)"
    )


def test_the_newest_revision_read_from_the_migration_files_is_alembics() -> None:
    assert _head_in_files() == _alembic_head()


def test_the_revision_read_without_alembic_is_alembics(engine) -> None:  # type: ignore[no-untyped-def]
    def alembics() -> str | None:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    assert current_revision(engine) is None and alembics() is None
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), INITIAL_REVISION)
    assert current_revision(engine) == alembics() == INITIAL_REVISION
    upgrade(engine)
    assert current_revision(engine) == alembics() == head_revision()
