"""`niger-bot serve` as operators run it: a real process, real HTTP, fake Slack on loopback."""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from store import FactStore
from store.persistence.db import write_session
from store.persistence.models import ProcessedEvent
from tests.slack.conftest import niger_bot, serve_env, serving
from tests.slack_fake import FakeSlack, SlackClient, serve_process


@pytest.fixture
def served(tmp_path: Path, fake_slack: FakeSlack) -> Iterator[SlackClient]:
    with serving(_env(tmp_path, fake_slack), fake_slack) as client:
        yield client


def _env(tmp_path: Path, fake: FakeSlack) -> dict[str, str]:
    return serve_env(f"sqlite:///{tmp_path / 'serve.sqlite3'}", fake)


def test_serve_answers_a_signed_slash_command_over_http(served: SlackClient) -> None:
    response = served.command("who is Tchiani")
    assert response.status_code == 200
    (reply,) = served.fake.wait_for("/hooks/cmd")
    assert reply.body["response_type"] == "ephemeral"
    assert "Abdourahamane Tchiani" in str(reply.body["blocks"])


def test_serve_builds_the_index_before_it_takes_requests(
    tmp_path: Path, fake_slack: FakeSlack
) -> None:
    with serve_process(_env(tmp_path, fake_slack)) as served:
        started = served.output()
    assert re.search(r"index of [\d,]+ facts from 5 articles ready in", started)
    assert started.index("index of") < started.index("listening on")


def test_serve_refuses_an_unsigned_request(served: SlackClient) -> None:
    assert served.command("troops", signed=None).status_code == 401


def test_serve_reports_health_for_load_balancers(served: SlackClient) -> None:
    health = httpx.get(served.url.replace("/slack/events", "/healthz"))
    assert health.status_code == 200
    assert health.json() == {"ok": True, "store": "reachable"}


@pytest.mark.parametrize(
    ("unset", "named"),
    [
        ("SLACK_BOT_TOKEN", "SLACK_BOT_TOKEN"),
        ("SLACK_SIGNING_SECRET", "SLACK_SIGNING_SECRET"),
    ],
)
def test_serve_fails_at_start_naming_a_missing_setting(
    tmp_path: Path, fake_slack: FakeSlack, unset: str, named: str
) -> None:
    env = _env(tmp_path, fake_slack)
    del env[unset]
    done = subprocess.run(niger_bot("serve"), env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode != 0
    assert named in done.stderr


def test_serve_fails_at_start_when_slack_rejects_the_token(
    tmp_path: Path, fake_slack: FakeSlack
) -> None:
    fake_slack.fail("/auth.test", 200, times=5)
    env = _env(tmp_path, fake_slack)
    done = subprocess.run(niger_bot("serve"), env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode != 0
    assert "SLACK_BOT_TOKEN" in done.stderr


def test_socket_mode_needs_an_app_token(tmp_path: Path, fake_slack: FakeSlack) -> None:
    env = _env(tmp_path, fake_slack)
    done = subprocess.run(niger_bot("socket"), env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode != 0
    assert "SLACK_APP_TOKEN" in done.stderr


def test_serve_forgets_expired_event_claims_in_the_background(
    tmp_path: Path, fake_slack: FakeSlack
) -> None:
    store = FactStore.open(f"sqlite:///{tmp_path / 'serve.sqlite3'}", seeds_dir=None)
    store.ensure_ready()
    with write_session(store.engine) as session:
        session.add(
            ProcessedEvent(event_id="EvOld", received_at=datetime.now(UTC) - timedelta(hours=3))
        )
    with serving(_env(tmp_path, fake_slack), fake_slack):
        deadline = time.monotonic() + 15
        while not store.claim_event("EvOld"):  # claimable again once forgotten
            assert time.monotonic() < deadline, "serve never ran the clean-up"
            time.sleep(0.1)
    store.engine.dispose()
