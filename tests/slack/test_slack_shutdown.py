"""SIGTERM while `niger-bot serve` is busy: what is in flight finishes, then the process exits 0."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.slack.conftest import niger_bot, serve_env
from tests.slack_fake import FakeSlack, command_body, free_port, sign


@contextmanager
def serve_process(env: dict[str, str]) -> Iterator[tuple[subprocess.Popen, str]]:
    """A `niger-bot serve` process once its /healthz answers, and its base URL; killed after
    the test if it is still running."""
    port = free_port()
    process = subprocess.Popen(
        niger_bot("serve", "--host", "127.0.0.1", "--port", str(port)),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("serve did not start")
            time.sleep(0.1)
        yield process, base
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=10)


def _env(tmp_path: Path, fake: FakeSlack) -> dict[str, str]:
    return serve_env(f"sqlite:///{tmp_path / 'serve.sqlite3'}", fake)


def test_sigterm_lets_the_answer_in_flight_reach_slack_then_exits_0(
    tmp_path: Path, fake_slack: FakeSlack
) -> None:
    fake_slack.stall("/hooks/cmd", 2.0)  # the answer is still being delivered at SIGTERM
    with serve_process(_env(tmp_path, fake_slack)) as (process, base):
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
        output, _ = process.communicate(timeout=30)
    assert process.returncode == 0, output
    (reply,) = fake_slack.to("/hooks/cmd")
    assert "Abdourahamane Tchiani" in str(reply.body["blocks"])
    assert "SIGTERM received" in output
    assert "Traceback" not in output


def test_sigterm_while_a_request_is_still_arriving_lets_it_finish(
    tmp_path: Path, fake_slack: FakeSlack
) -> None:
    with serve_process(_env(tmp_path, fake_slack)) as (process, base):
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
        output, _ = process.communicate(timeout=30)
    assert process.returncode == 0, output
    (reply,) = fake_slack.to("/hooks/cmd")
    assert "French" in str(reply.body["blocks"])
