"""`niger-bot socket` drains on SIGTERM as `serve` does: it takes no new request, lets the answer
in flight reach Slack, exits 0, and no later than DRAIN_SECONDS when an answer is stuck.

A real process connects to a fake Socket Mode endpoint on loopback (tests/socket_fake.py), which
the fake Web API names in its answer to apps.connections.open."""

from __future__ import annotations

import json
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from slack_sdk.socket_mode.request import SocketModeRequest

from bot.app import create_app
from bot.socket_mode import DrainingSocketModeHandler
from store import FactStore
from tests.slack.conftest import serve_env, settings_for
from tests.slack_fake import FakeSlack, niger_bot, payload
from tests.socket_fake import FakeSocketMode

APP_TOKEN = "xapp-1-test"


class SocketModeSlack(FakeSlack):
    """The fake Web API, with apps.connections.open naming the fake websocket endpoint."""

    def __init__(self, websocket_url: str) -> None:
        super().__init__()
        self.websocket_url = websocket_url

    def _reply_for(
        self, path: str, body: dict[str, Any] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        if path.split("?")[0] == "/apps.connections.open":
            body = json.dumps({"ok": True, "url": self.websocket_url}).encode()
            return 200, {"Content-Type": "application/json"}, body
        return super()._reply_for(path, body)


@pytest.fixture
def socket_mode() -> Iterator[tuple[FakeSocketMode, SocketModeSlack]]:
    endpoint = FakeSocketMode()
    fake = SocketModeSlack(endpoint.url)
    yield endpoint, fake
    fake.close()
    endpoint.close()


def _envelope(fake: FakeSlack, envelope_id: str, text: str) -> dict[str, Any]:
    command = payload("slash_command.json", response_url=fake.response_url("cmd"))
    command["text"] = text
    return {
        "envelope_id": envelope_id,
        "type": "slash_commands",
        "accepts_response_payload": True,
        "payload": command,
    }


@contextmanager
def socket_process(
    env: dict[str, str], endpoint: FakeSocketMode
) -> Iterator[tuple[subprocess.Popen, Any]]:
    """A `niger-bot socket` process, once connected to ``endpoint``; killed after if alive."""
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(niger_bot("socket"), env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        endpoint.wait("the connection", lambda: endpoint.connections == 1, timeout=60)
        yield process, log
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        log.close()


def _output(log: Any) -> str:
    log.seek(0)
    return log.read().decode(errors="replace")


def _env(tmp_path: Path, fake: FakeSlack, **extra: str) -> dict[str, str]:
    database = f"sqlite:///{tmp_path / 'socket.sqlite3'}"
    return serve_env(database, fake, SLACK_APP_TOKEN=APP_TOKEN, **extra)


def test_sigterm_closes_the_socket_lets_the_answer_in_flight_reach_slack_then_exits_0(
    tmp_path: Path, socket_mode: tuple[FakeSocketMode, SocketModeSlack]
) -> None:
    endpoint, fake = socket_mode
    fake.stall("/hooks/cmd", 6.0)  # the answer is still being delivered at SIGTERM
    with socket_process(_env(tmp_path, fake), endpoint) as (process, log):
        endpoint.send(_envelope(fake, "Env1", "who is Tchiani"))
        endpoint.wait("the ack", lambda: "Env1" in endpoint.acks, timeout=10)
        fake.wait_for("/hooks/cmd")  # arrived, and stalled
        process.send_signal(signal.SIGTERM)
        # Slack's client reads with a 3 s timeout, and closes once its read returns.
        assert endpoint.closed.wait(4.5), "a stopping bot takes no new requests"
        assert process.poll() is None, "it waits for the answer being delivered"
        process.wait(timeout=30)
        output = _output(log)
    assert process.returncode == 0, output
    (reply,) = fake.to("/hooks/cmd")
    assert "Abdourahamane Tchiani" in str(reply.body["blocks"])
    assert len(fake.to("/apps.connections.open")) == 1, "it never reconnects once stopping"
    assert "SIGTERM received" in output
    assert "Traceback" not in output


def test_an_answer_stuck_past_the_drain_bound_does_not_keep_the_process_alive(
    tmp_path: Path, socket_mode: tuple[FakeSocketMode, SocketModeSlack]
) -> None:
    endpoint, fake = socket_mode
    drain, exit_slack = 2.0, 5.0
    fake.stall("/hooks/cmd", 30.0)
    with socket_process(_env(tmp_path, fake, DRAIN_SECONDS=str(drain)), endpoint) as (
        process,
        log,
    ):
        endpoint.send(_envelope(fake, "Env2", "who is Tchiani"))
        fake.wait_for("/hooks/cmd")
        process.send_signal(signal.SIGTERM)
        signalled = time.monotonic()
        process.wait(timeout=drain + exit_slack)
        output = _output(log)
    assert time.monotonic() - signalled < drain + exit_slack
    assert process.returncode == 0, output
    assert "answers still running after 2 s; exiting anyway" in output


def test_a_request_arriving_once_stopping_is_left_unacknowledged_for_slack_to_resend(
    fresh_seed_store: FactStore, fake_slack: FakeSlack
) -> None:
    app = create_app(settings_for(fake_slack), store=fresh_seed_store)
    handler = DrainingSocketModeHandler(app, APP_TOKEN, store=fresh_seed_store)
    assert handler.drain(5.0) is True  # nothing was in flight
    request = SocketModeRequest.from_dict(_envelope(fake_slack, "Env3", "who is Tchiani"))
    assert request is not None
    handler.handle(handler.client, request)  # would raise if it tried to ack: no connection
    time.sleep(0.3)
    assert fake_slack.to("/hooks/cmd") == []
