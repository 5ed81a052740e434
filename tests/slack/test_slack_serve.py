"""`niger-bot serve` as operators run it: a real process, real HTTP, fake Slack on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.config import DEFAULT_SEEDS_DIR
from tests.slack_fake import SIGNING_SECRET, FakeSlack, SlackClient


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(tmp_path: Path, fake: FakeSlack, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        SEEDS_DIR=str(DEFAULT_SEEDS_DIR),
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake.base_url,
        **extra,
    )
    return env


def _niger_bot(*args: str) -> list[str]:
    return [sys.executable, "-c", "from bot.cli import main; main()", *args]


@pytest.fixture
def served(tmp_path: Path, fake_slack: FakeSlack) -> Iterator[SlackClient]:
    port = _free_port()
    process = subprocess.Popen(
        _niger_bot("serve", "--host", "127.0.0.1", "--port", str(port)),
        env=_env(tmp_path, fake_slack),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("serve did not start: " + process.stdout.read().decode())
        time.sleep(0.1)
    client = SlackClient(base, fake_slack)
    yield client
    client.close()
    process.terminate()
    process.wait(timeout=10)


def test_serve_answers_a_signed_slash_command_over_http(served: SlackClient) -> None:
    response = served.command("who is Tchiani")
    assert response.status_code == 200
    (reply,) = served.fake.wait_for("/hooks/cmd")
    assert reply.body["response_type"] == "ephemeral"
    assert "Abdourahamane Tchiani" in str(reply.body["blocks"])


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
    done = subprocess.run(_niger_bot("serve"), env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode != 0
    assert named in done.stderr


def test_serve_fails_at_start_when_slack_rejects_the_token(
    tmp_path: Path, fake_slack: FakeSlack
) -> None:
    fake_slack.fail("/auth.test", 200, times=5)
    env = _env(tmp_path, fake_slack)
    done = subprocess.run(_niger_bot("serve"), env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode != 0
    assert "SLACK_BOT_TOKEN" in done.stderr


def test_socket_mode_needs_an_app_token(tmp_path: Path, fake_slack: FakeSlack) -> None:
    env = _env(tmp_path, fake_slack)
    done = subprocess.run(_niger_bot("socket"), env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode != 0
    assert "SLACK_APP_TOKEN" in done.stderr
