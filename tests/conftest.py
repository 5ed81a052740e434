"""Shared fixtures: real stores built from the seed articles, on SQLite always and on PostgreSQL
when TEST_DATABASE_URL is set (see tests/databases.py)."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from bot.config import DEFAULT_SEEDS_DIR
from store import FactStore
from tests.databases import POSTGRES_SKIPPED, TEST_DATABASE_URL, Databases

DATA = Path(__file__).parent / "data"

ENGINES = [pytest.param("sqlite", id="sqlite"), pytest.param("postgresql", id="postgresql")]
"""Parametrize a fixture with these, and pass its param through `engine_for`, to run its tests
once per engine."""


def engine_for(request: pytest.FixtureRequest) -> str:
    """The fixture's engine param; PostgreSQL ones are skipped (with the reason, in one line of the
    summary) when TEST_DATABASE_URL is not set."""
    if request.param == "postgresql" and TEST_DATABASE_URL is None:
        pytest.skip(POSTGRES_SKIPPED)
    return request.param


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> pytest.TestReport:
    # pytest reports a fixture's skip at each test; fold them into one line of the summary.
    report = yield
    if report.skipped and isinstance(report.longrepr, tuple):
        path, _, reason = report.longrepr
        if reason.endswith(POSTGRES_SKIPPED):
            report.longrepr = (__file__, engine_for.__code__.co_firstlineno, reason)
    return report


def pytest_report_header() -> str:
    if TEST_DATABASE_URL is None:
        return "PostgreSQL tests: skipped (TEST_DATABASE_URL not set)"
    where = make_url(TEST_DATABASE_URL).render_as_string(hide_password=True)
    return f"PostgreSQL tests: {where}"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return DEFAULT_SEEDS_DIR


@pytest.fixture(scope="session")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Databases]:
    """Fresh isolated databases on either engine, dropped at the end of the session."""
    found = Databases(tmp_path_factory.mktemp("databases"), TEST_DATABASE_URL)
    yield found
    found.close()


@pytest.fixture(params=ENGINES)
def store_engine(request: pytest.FixtureRequest) -> str:
    """The engine this test runs on, "sqlite" or "postgresql": every store fixture below uses it,
    so a test runs once per engine (ids ``sqlite`` and ``postgresql``)."""
    return engine_for(request)


@pytest.fixture
def store_url(store_engine: str, databases: Databases) -> Iterator[str]:
    """The URL of an empty database of the test's own, on each engine: for tests that open
    stores, apps or processes from a URL. The store makes its tables on first use (migrations);
    the database is dropped after the test."""
    url = databases.create(store_engine)
    yield url
    databases.drop(url)


class _SeedTemplates:
    """One seeded database per engine, built through ensure_ready exactly as a fresh clone fills
    its own, and then only read or copied."""

    def __init__(self, databases: Databases, seeds_dir: Path) -> None:
        self.databases = databases
        self.seeds_dir = seeds_dir
        self.stores: dict[str, FactStore] = {}

    def store(self, engine: str) -> FactStore:
        if engine not in self.stores:
            store = FactStore.open(self.databases.create(engine), seeds_dir=self.seeds_dir)
            store.ensure_ready()
            self.stores[engine] = store
        return self.stores[engine]

    def close(self) -> None:
        for store in self.stores.values():
            store.engine.dispose()


@pytest.fixture(scope="session")
def seed_templates(databases: Databases, seeds_dir: Path) -> Iterator[_SeedTemplates]:
    templates = _SeedTemplates(databases, seeds_dir)
    yield templates
    templates.close()


@pytest.fixture(scope="session", params=ENGINES)
def seed_store(request: pytest.FixtureRequest, seed_templates: _SeedTemplates) -> FactStore:
    """A store filled from the seeds on first use, shared by the session: do not change it."""
    return seed_templates.store(engine_for(request))


@pytest.fixture
def fresh_seed_store(
    store_engine: str, databases: Databases, seed_templates: _SeedTemplates, seeds_dir: Path
) -> Iterator[FactStore]:
    """A seed store of the test's own, for tests that change it (a copy of the shared one)."""
    template = seed_templates.store(store_engine).engine.url
    url = databases.copy(template.render_as_string(hide_password=False), store_engine)
    store = FactStore.open(url, seeds_dir=seeds_dir)
    store.ensure_ready()
    yield store
    store.engine.dispose()
    databases.drop(url)


@pytest.fixture
def empty_store(store_url: str) -> Iterator[FactStore]:
    store = FactStore.open(store_url, seeds_dir=None)
    store.ensure_ready()
    yield store
    store.engine.dispose()


def load_data(name: str) -> dict:
    with open(DATA / name, "rb") as handle:
        return tomllib.load(handle)
