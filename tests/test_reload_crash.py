"""A `niger-bot reload` killed (SIGKILL: no handler runs, nothing is cleaned up) at any moment leaves
the store exactly as it was before or exactly as a complete reload makes it, never a mix; its lock
dies with it, and the next reload completes the work."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from store import FactStore
from tests.reloads import MID_WRITE, changed_folder, fingerprint, reload_phase, wait_for_phase
from tests.slack_fake import niger_bot

LOCK_RELEASED_WITHIN = 10.0  # seconds after the kill: PostgreSQL notices a dead client at once


def _kill_reload_while(phase: str, store: FactStore, folder: Path) -> None:
    """Run `niger-bot reload` on ``store`` and kill it once its reload reaches ``phase``:
    "reading" (files being read and extracted), "writing" (some of its changes written in its
    one transaction, not yet committed), or "committed" (the transaction is over, the audit
    entry and the report perhaps not yet written)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_"))}
    env.update(
        DATABASE_URL=store.engine.url.render_as_string(hide_password=False),
        ARTICLES_DIR=str(folder),
        AUTOLOAD_SEEDS="0",
    )
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(niger_bot("reload"), env=env, stdout=log, stderr=log)
        try:
            wait_for_phase(store.engine, "writing" if phase == "committed" else phase, process)
            if phase == "writing":
                time.sleep(MID_WRITE)
            while phase == "committed" and reload_phase(store.engine) == "writing":
                time.sleep(0.01)
        finally:
            process.kill()
            process.wait(timeout=10)


@pytest.mark.parametrize("phase", ["reading", "writing", "committed"])
def test_a_reload_killed_mid_way_leaves_the_old_store_or_the_new_never_a_mix(
    fresh_seed_store: FactStore, seeds_dir: Path, tmp_path: Path, phase: str
) -> None:
    folder = changed_folder(seeds_dir, tmp_path / "articles")
    before = fingerprint(fresh_seed_store.engine)

    _kill_reload_while(phase, fresh_seed_store, folder)
    after_kill = fingerprint(fresh_seed_store.engine)

    # The dead process's lock is gone, so the next reload runs (rather than being told that one
    # is running) and finishes the work.
    wait_for_phase(fresh_seed_store.engine, "idle", timeout=LOCK_RELEASED_WITHIN)
    report = fresh_seed_store.reload(folder, actor="UADMIN")
    complete = fingerprint(fresh_seed_store.engine)
    assert complete != before and not report.failed

    assert after_kill in (before, complete), f"mixed: {after_kill}; before {before}, new {complete}"
    if phase == "reading":
        assert after_kill == before
    if phase == "committed":
        assert after_kill == complete
