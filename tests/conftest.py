"""Shared fixtures: real SQLite stores built from the seed articles."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.config import DEFAULT_SEEDS_DIR
from store import FactStore

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return DEFAULT_SEEDS_DIR


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> FactStore:
    """A store filled from the seeds on first use, exactly as a fresh clone fills its own."""
    path = tmp_path_factory.mktemp("seed-store") / "facts.sqlite3"
    store = FactStore.open(f"sqlite:///{path}", seeds_dir=seeds_dir)
    store.ensure_ready()
    return store


@pytest.fixture
def fresh_seed_store(tmp_path: Path, seeds_dir: Path) -> FactStore:
    """A seed store of the test's own, for tests that change it."""
    store = FactStore.open(f"sqlite:///{tmp_path / 'seeded.sqlite3'}", seeds_dir=seeds_dir)
    store.ensure_ready()
    return store


@pytest.fixture
def empty_store(tmp_path: Path) -> FactStore:
    store = FactStore.open(f"sqlite:///{tmp_path / 'facts.sqlite3'}", seeds_dir=None)
    store.ensure_ready()
    return store


def load_data(name: str) -> dict:
    with open(DATA / name, "rb") as handle:
        return tomllib.load(handle)
