"""A busy replica reads the store's fingerprint at most every ``recheck_seconds``: another
replica's change shows within that time, this process's own change at once."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bot.config import Settings, SettingsError
from store import FactStore

ARTICLE = """France keeps 1,234 soldiers in Chad

PARIS — France now has 1,234 soldiers in Chad, the ministry said on Tuesday.
"""


def _article(folder: Path) -> Path:
    path = folder / "chad.txt"
    path.write_text(ARTICLE)
    return path


def _knows_the_new_figure(store: FactStore) -> bool:
    return any("1,234" in a.quote for a in store.ask("soldiers in Chad").answers)


def test_another_replicas_change_shows_after_the_recheck_interval(
    store_url: str, tmp_path: Path
) -> None:
    busy = FactStore.open(store_url, seeds_dir=None, recheck_seconds=0.5)
    lazy = FactStore.open(store_url, seeds_dir=None, recheck_seconds=3600)
    other = FactStore.open(store_url, seeds_dir=None)
    assert not _knows_the_new_figure(busy)
    assert not _knows_the_new_figure(lazy)

    other.ingest([_article(tmp_path)])
    assert not _knows_the_new_figure(lazy), "inside its interval a replica does not look"
    started = time.monotonic()
    while not _knows_the_new_figure(busy):
        assert time.monotonic() - started < 5, "the other replica's article never showed"
        time.sleep(0.05)
    assert time.monotonic() - started < 2, "shown within the interval (with slack for a busy CI)"
    for store in (busy, lazy, other):
        store.engine.dispose()


def test_a_change_made_by_this_process_shows_at_once(store_url: str, tmp_path: Path) -> None:
    store = FactStore.open(store_url, seeds_dir=None, recheck_seconds=3600)
    assert not _knows_the_new_figure(store)
    store.ingest([_article(tmp_path)])
    assert _knows_the_new_figure(store)
    (source,) = [s for s in store.sources() if s.title == "France keeps 1,234 soldiers in Chad"]
    store.remove(source.id, actor="test")
    assert not _knows_the_new_figure(store)
    store.engine.dispose()


def test_the_interval_is_a_setting_and_a_bad_value_is_refused_by_name() -> None:
    assert Settings.from_env({}).index_recheck_seconds == 1.0
    assert Settings.from_env({"INDEX_RECHECK_SECONDS": "0.25"}).index_recheck_seconds == 0.25
    for bad in ("soon", "-1", "1e9"):
        with pytest.raises(SettingsError, match="INDEX_RECHECK_SECONDS"):
            Settings.from_env({"INDEX_RECHECK_SECONDS": bad})
