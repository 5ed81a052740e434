"""SIGTERM while `niger-bot serve` is busy: what is in flight finishes, then the process exits 0,
and no later than its drain bound even when an answer is stuck."""

from __future__ import annotations

import signal
import socket
import time
from pathlib import Path

import httpx

from tests.slack.conftest import serve_env
from tests.slack_fake import FakeSlack, command_body, serve_process, sign


def _env(tmp_path: Path, fake: FakeSlack, **extra: str) -> dict[str, str]:
    return serve_env(f"sqlite:///{tmp_path / 'serve.sqlite3'}", fake, **extra)


def test_sigterm_lets_the_answer_in_flight_reach_slack_then_exits_0(
    tmp_path: Path, fake_slack: FakeSlack
) -> None:
    fake_slack.stall("/hooks/cmd", 2.0)  # the answer is still being delivered at SIGTERM
    with serve_process(_env(tmp_path, fake_slack)) as served:
        process, base = served.process, served.base_url
        body, content_type = command_body(fake_slack, "who is Tchiani")
        acked = httpx.post(
            base + "/slack/events",
            content=body,
            headers={"Content-Type": content_type, **sign(body)},
        )
        assert acked.status_code == 200
        fake_slack.wait_for("/hooks/cmd")  # arrived, and stalled
        process.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        assert process.poll() is None, "it waits for the answer being delivered"
        try:
            httpx.get(base + "/healthz", timeout=1)
            raise AssertionError("a stopping server takes no new connections")
        except httpx.TransportError:
            pass
        output = served.wait(timeout=30)
    assert process.returncode == 0, output
    (reply,) = fake_slack.to("/hooks/cmd")
    assert "Abdourahamane Tchiani" in str(reply.body["blocks"])
    assert "SIGTERM received" in output
    assert "Traceback" not in output


def test_sigterm_while_a_request_is_still_arriving_lets_it_finish(
    tmp_path: Path, fake_slack: FakeSlack
) -> None:
    with serve_process(_env(tmp_path, fake_slack)) as served:
        process, base = served.process, served.base_url
        body, content_type = command_body(fake_slack, "troops France")
        head = (
            "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(body.encode())}\r\n"
            + "".join(f"{name}: {value}\r\n" for name, value in sign(body).items())
            + "\r\n"
        )
        host, port = base.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as connection:
            connection.sendall(head.encode() + body.encode()[:20])
            time.sleep(0.3)
            process.send_signal(signal.SIGTERM)
            time.sleep(0.5)
            connection.sendall(body.encode()[20:])
            response = b""
            while chunk := connection.recv(65536):
                response += chunk
        assert response.startswith(b"HTTP/1.1 200"), response[:200]
        output = served.wait(timeout=30)
    assert process.returncode == 0, output
    (reply,) = fake_slack.to("/hooks/cmd")
    assert "French" in str(reply.body["blocks"])


def test_an_answer_stuck_past_the_drain_bound_does_not_keep_the_process_alive(
    tmp_path: Path, fake_slack: FakeSlack
) -> None:
    drain, exit_slack = 2.0, 5.0  # production: 25 s of drain inside a 30 s grace period
    fake_slack.stall("/hooks/cmd", 30.0)  # longer than the drain, and than the client's timeout
    with serve_process(_env(tmp_path, fake_slack, DRAIN_SECONDS=str(drain))) as served:
        body, content_type = command_body(fake_slack, "who is Tchiani")
        httpx.post(
            served.base_url + "/slack/events",
            content=body,
            headers={"Content-Type": content_type, **sign(body)},
        )
        fake_slack.wait_for("/hooks/cmd")
        served.process.send_signal(signal.SIGTERM)
        signalled = time.monotonic()
        output = served.wait(timeout=drain + exit_slack)
    assert time.monotonic() - signalled < drain + exit_slack
    assert served.process.returncode == 0, output
    assert "answers still running after 2 s; exiting anyway" in output
