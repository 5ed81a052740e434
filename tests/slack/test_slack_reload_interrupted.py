"""`/niger reload` in a `niger-bot serve` process that is killed mid-way: nothing can answer, but
the store is still the old one or the new one, never a mix, and the next reload runs."""

from __future__ import annotations

import json
import time
from pathlib import Path

from store import FactStore
from tests.reloads import (
    MID_WRITE,
    Fingerprint,
    changed_folder,
    fingerprint,
    wait_for_phase,
)
from tests.slack.conftest import ADMIN, serve_env
from tests.slack_fake import FakeSlack, ServeProcess, SlackClient, serve_process


def _env(store: FactStore, fake: FakeSlack, folder: Path, **extra: str) -> dict[str, str]:
    url = store.engine.url.render_as_string(hide_password=False)
    return serve_env(url, fake, ARTICLES_DIR=str(folder), ADMIN_USER_IDS=ADMIN, **extra)


def _start_reload(served: ServeProcess, fake: FakeSlack) -> None:
    """The admin's signed `/niger reload`, acked at once; the reload runs after the ack."""
    slack = SlackClient(served.base_url, fake)
    try:
        assert slack.command("reload", user=ADMIN).status_code == 200
    finally:
        slack.close()


def _answers(fake: FakeSlack) -> list[str]:
    """What the admin was told on the command's response_url, in order."""
    return [
        json.dumps(c.body.get("blocks", []), ensure_ascii=False) + c.body.get("text", "")
        for c in fake.to("/hooks/cmd")
    ]


def _complete(store: FactStore, folder: Path) -> Fingerprint:
    """The store as a complete reload of ``folder`` makes it: reload once more (which must not
    be refused as already running) and fingerprint the result."""
    store.reload(folder, actor="UADMIN")
    return fingerprint(store.engine)


def test_a_serve_process_killed_mid_reload_leaves_the_old_store_or_the_new(
    fresh_seed_store: FactStore, fake_slack: FakeSlack, seeds_dir: Path, tmp_path: Path
) -> None:
    folder = changed_folder(seeds_dir, tmp_path / "articles")
    before = fingerprint(fresh_seed_store.engine)
    with serve_process(_env(fresh_seed_store, fake_slack, folder)) as served:
        _start_reload(served, fake_slack)
        wait_for_phase(fresh_seed_store.engine, "writing", served.process)
        time.sleep(MID_WRITE)
        served.process.kill()
        served.wait(timeout=10)
    after_kill = fingerprint(fresh_seed_store.engine)
    (progress,) = _answers(fake_slack)  # and no report: the process is gone
    assert "Reloading" in progress

    wait_for_phase(fresh_seed_store.engine, "idle", timeout=10)  # the dead process's lock is gone
    complete = _complete(fresh_seed_store, folder)
    assert complete != before
    assert after_kill in (before, complete), f"mixed: {after_kill}; before {before}, new {complete}"
