"""`/niger reload` in a `niger-bot serve` process that is stopped mid-way. On SIGTERM the reload
finishes if the drain leaves time for it, and is otherwise rolled back; either way the admin
hears which, and the process exits 0 within its drain bound. On SIGKILL nothing can answer, but
the store is still the old one or the new one, never a mix, and the next reload runs."""

from __future__ import annotations

import json
import signal
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

SHORT_DRAIN = 2.0  # seconds: less than a reload needs, so SIGTERM interrupts it at once
EXIT_SLACK = 5.0  # seconds beyond the drain to exit: as between 25 s of drain and a 30 s grace


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


def test_sigterm_during_a_reload_lets_it_finish_and_the_admin_gets_the_report(
    fresh_seed_store: FactStore, fake_slack: FakeSlack, seeds_dir: Path, tmp_path: Path
) -> None:
    folder = changed_folder(seeds_dir, tmp_path / "articles")
    before = fingerprint(fresh_seed_store.engine)
    with serve_process(_env(fresh_seed_store, fake_slack, folder)) as served:
        _start_reload(served, fake_slack)
        wait_for_phase(fresh_seed_store.engine, "reading", served.process)
        served.process.send_signal(signal.SIGTERM)
        output = served.wait(timeout=60)
    assert served.process.returncode == 0, output

    progress, report = _answers(fake_slack)
    assert "Reloading" in progress
    assert "Reloaded articles/" in report and "1 removed" in report
    after = fingerprint(fresh_seed_store.engine)
    assert after != before
    assert after == _complete(fresh_seed_store, folder)
    assert "Traceback" not in output


def test_sigterm_during_a_reload_that_cannot_finish_in_time_rolls_it_back_and_says_so(
    fresh_seed_store: FactStore, fake_slack: FakeSlack, seeds_dir: Path, tmp_path: Path
) -> None:
    folder = changed_folder(seeds_dir, tmp_path / "articles")
    before = fingerprint(fresh_seed_store.engine)
    env = _env(fresh_seed_store, fake_slack, folder, DRAIN_SECONDS=str(SHORT_DRAIN))
    with serve_process(env) as served:
        _start_reload(served, fake_slack)
        wait_for_phase(fresh_seed_store.engine, "writing", served.process)
        served.process.send_signal(signal.SIGTERM)
        signalled = time.monotonic()
        output = served.wait(timeout=SHORT_DRAIN + EXIT_SLACK)
        took = time.monotonic() - signalled
    assert served.process.returncode == 0, output
    assert took < SHORT_DRAIN + EXIT_SLACK

    progress, answer = _answers(fake_slack)
    assert "Reloading" in progress
    assert "reload stopped before it finished and the store is unchanged" in answer
    assert fingerprint(fresh_seed_store.engine) == before
    (entry, *_) = fresh_seed_store.audit_log()
    assert (entry.actor, entry.action, entry.outcome) == (ADMIN, "reload", "interrupted")
    assert _complete(fresh_seed_store, folder) != before
    assert "Traceback" not in output


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
