"""Slack, faked only at the HTTP boundary: a Web API and response_url host on loopback, and a
client that signs requests exactly as Slack signs them."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

import httpx
from slack_sdk.signature import SignatureVerifier

SLACK_DATA = Path(__file__).parent / "data" / "slack"
SEEDS_DIR = Path(__file__).parent.parent / "seeds"
SIGNING_SECRET = "test-signing-secret"
BOT_USER = "UBOT"
BOT_ID = "BBOT"
UPLOAD_PATH = "/upload/v1/"  # where the fake's upload URLs point, as files.slack.com's do


@dataclass(frozen=True)
class Call:
    """One request the fake received: the path (``/chat.postMessage``, ``/hooks/x``) and body."""

    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    at: float = 0.0  # time.perf_counter() on arrival, for latency measurements


Reply = tuple[int, dict[str, str], bytes]


class FakeSlack:
    """Answers every Web API method with ``ok``, records every call, and can be scripted to fail.

    ``fail(path, status, headers, times)`` makes the next ``times`` calls to ``path`` fail,
    ``stall(path, seconds, times)`` makes them answer late (a client timeout); file downloads are
    served from ``files`` (path -> (content type, bytes)). Uploads follow Slack's external flow:
    ``files.getUploadURLExternal`` hands out an upload URL on this server, the bytes POSTed there
    are kept in ``uploads`` (file id -> bytes), and ``files.completeUploadExternal`` and
    ``files.info`` describe the file as Slack does.
    """

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.files: dict[str, tuple[str, bytes]] = {}
        self.uploads: dict[str, bytes] = {}
        self._upload_names: dict[str, str] = {}
        self._failures: dict[str, list[Reply]] = {}
        self._stalls: dict[str, list[float]] = {}
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path.startswith(UPLOAD_PATH):  # raw file bytes, not a Web API call
                    self._reply(*fake._receive_upload(self.path, data, dict(self.headers)))
                    return
                body = fake._record(self.path, data.decode(), dict(self.headers))
                self._reply(*fake._reply_for(self.path, body))

            def do_GET(self) -> None:  # noqa: N802
                if self.path == "/_calls":  # for a fake running in another process
                    seen = [[c.path, c.body.get("text", "")] for c in list(fake.calls)]
                    self._reply(
                        200, {"Content-Type": "application/json"}, json.dumps(seen).encode()
                    )
                    return
                query = self.path.partition("?")[2]  # GET methods (files.info) take a query
                body = fake._record(self.path, query, dict(self.headers))
                self._reply(*fake._reply_for(self.path, body))

            def _reply(self, status: int, headers: dict[str, str], body: bytes) -> None:
                time.sleep(fake._stall_for(self.path))
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting: what a stall is for

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}/"

    def response_url(self, name: str = "cmd") -> str:
        return f"{self.base_url}hooks/{name}"

    def fail(
        self, path: str, status: int, *, headers: dict[str, str] | None = None, times: int = 1
    ) -> None:
        body = json.dumps({"ok": False, "error": f"http_{status}"}).encode()
        reply = (status, {"Content-Type": "application/json", **(headers or {})}, body)
        with self._lock:
            self._failures.setdefault(path, []).extend([reply] * times)

    def stall(self, path: str, seconds: float, *, times: int = 1) -> None:
        with self._lock:
            self._stalls.setdefault(path, []).extend([seconds] * times)

    def _stall_for(self, path: str) -> float:
        with self._lock:
            pending = self._stalls.get(path.split("?")[0])
            return pending.pop(0) if pending else 0.0

    def _record(self, path: str, raw: str, headers: dict[str, str]) -> dict[str, Any]:
        if raw.startswith("{"):
            body = json.loads(raw)
        else:
            body = {k: v[0] for k, v in parse_qs(raw).items()}
            for key in ("blocks", "attachments"):
                if isinstance(body.get(key), str):
                    body[key] = json.loads(body[key])
        with self._changed:
            self.calls.append(Call(path.split("?")[0], body, headers, time.perf_counter()))
            self._changed.notify_all()
        return body

    def _receive_upload(self, path: str, data: bytes, headers: dict[str, str]) -> Reply:
        file_id = path.split("?")[0].removeprefix(UPLOAD_PATH)
        with self._changed:
            known = file_id in self._upload_names
            if known:
                self.uploads[file_id] = data
            self.calls.append(Call(UPLOAD_PATH, {"file_id": file_id, "length": len(data)}, headers))
            self._changed.notify_all()
        if not known:
            return 404, {"Content-Type": "text/plain"}, b"unknown upload"
        return 200, {"Content-Type": "text/plain"}, f"OK - {len(data)}".encode()

    def _file(self, file_id: str, title: str | None = None) -> dict[str, Any]:
        """A file as files.info describes it once Slack has processed it."""
        name = self._upload_names.get(file_id, "file")
        return {
            "id": file_id,
            "name": name,
            "title": title or name,
            "mimetype": "image/png" if name.endswith(".png") else "application/octet-stream",
            "size": len(self.uploads.get(file_id, b"")),
            "url_private": f"{self.base_url}files-pri/{file_id}/{name}",
        }

    def _upload_reply(self, path: str, body: dict[str, Any]) -> dict[str, Any] | None:
        if path == "/files.getUploadURLExternal":
            with self._lock:
                file_id = f"F{len(self._upload_names) + 1:010d}"
                self._upload_names[file_id] = str(body.get("filename") or "file")
            return {
                "ok": True,
                "upload_url": f"{self.base_url}{UPLOAD_PATH[1:]}{file_id}",
                "file_id": file_id,
            }
        if path == "/files.completeUploadExternal":
            listed = json.loads(body.get("files") or "[]")
            if any(f.get("id") not in self.uploads for f in listed):
                return {"ok": False, "error": "file_upload_not_found"}
            return {"ok": True, "files": [self._file(f["id"], f.get("title")) for f in listed]}
        if path == "/files.info":
            file_id = str(body.get("file") or "")
            if file_id not in self.uploads:
                return {"ok": False, "error": "file_not_found"}
            return {"ok": True, "file": self._file(file_id)}
        return None

    def _reply_for(self, path: str, body: dict[str, Any] | None = None) -> Reply:
        path = path.split("?")[0]
        with self._lock:
            pending = self._failures.get(path)
            if pending:
                return pending.pop(0)
        uploaded = self._upload_reply(path, body or {})
        if uploaded is not None:
            return 200, {"Content-Type": "application/json"}, json.dumps(uploaded).encode()
        if path in self.files:
            content_type, data = self.files[path]
            return 200, {"Content-Type": content_type}, data
        if path == "/auth.test":
            out: dict[str, Any] = {
                "ok": True,
                "user_id": BOT_USER,
                "bot_id": BOT_ID,
                "team_id": "T0001",
                "url": "https://newsroom.slack.com/",
            }
        elif path.startswith("/hooks/"):
            return 200, {"Content-Type": "text/plain"}, b"ok"
        else:
            out = {"ok": True, "ts": f"{time.time():.6f}", "channel": "C0"}
        return 200, {"Content-Type": "application/json"}, json.dumps(out).encode()

    def wait_for(
        self, path: str, count: int = 1, *, timeout: float = 5.0, settle: float = 0.0
    ) -> list[Call]:
        """Wait until ``count`` calls to ``path`` arrived (listeners run after the ack), then wait
        ``settle`` seconds more so that an unwanted extra call would be seen too."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.to(path)) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [c.path for c in self.calls]
                    raise AssertionError(f"expected {count} call(s) to {path}, saw {seen}")
                self._changed.wait(left)
        if settle:
            time.sleep(settle)
        return self.to(path)

    def to(self, path: str) -> list[Call]:
        return [c for c in list(self.calls) if c.path == path]

    def posts(self) -> list[Call]:
        """Every message the bot sent anywhere: Web API posts and response_url replies."""
        return [
            c
            for c in list(self.calls)
            if c.path in ("/chat.postMessage", "/chat.postEphemeral")
            or c.path.startswith("/hooks/")
        ]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def payload(data_file: str, /, **fill: str) -> dict[str, Any]:
    """A Slack payload kept as a data file, with ``{placeholders}`` filled in."""
    text = (SLACK_DATA / data_file).read_text()
    for key, value in fill.items():
        text = text.replace("{" + key + "}", json.dumps(value)[1:-1])
    return json.loads(text)


def command_body(
    fake: FakeSlack, text: str, *, user: str = "U0REPORTER", hook: str = "cmd"
) -> tuple[str, str]:
    """A slash command's form body and content type, answering to the fake's hook ``hook``."""
    fields = payload("slash_command.json", response_url=fake.response_url(hook))
    fields.update(text=text, user_id=user)
    return urlencode(fields), "application/x-www-form-urlencoded"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_env(database_url: str, fake: FakeSlack, **extra: str) -> dict[str, str]:
    """The environment of a `niger-bot serve` process: only what the settings read."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.update(
        DATABASE_URL=database_url,
        SEEDS_DIR=str(SEEDS_DIR),
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake.base_url,
        **extra,
    )
    return env


def niger_bot(*args: str) -> list[str]:
    return [sys.executable, "-c", "from bot.cli import main; main()", *args]


@dataclass
class ServeProcess:
    """A running `niger-bot serve`: the process, its base URL, and its log so far."""

    process: subprocess.Popen
    base_url: str
    log: Any

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def wait(self, timeout: float) -> str:
        """Wait for the process to exit; its whole log."""
        self.process.wait(timeout=timeout)
        return self.output()


@contextmanager
def serve_process(env: dict[str, str], *, start_timeout: float = 60) -> Iterator[ServeProcess]:
    """A `niger-bot serve` process once its /healthz answers; killed after if still running."""
    port = free_port()
    # The log goes to a file: an unread pipe fills up and then blocks the server's logging.
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        niger_bot("serve", "--host", "127.0.0.1", "--port", str(port)),
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    served = ServeProcess(process, f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + start_timeout
    try:
        while True:
            try:
                if httpx.get(served.base_url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("serve did not start: " + served.output())
            time.sleep(0.1)
        yield served
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        log.close()


@contextmanager
def serving(
    env: dict[str, str], fake: FakeSlack, *, start_timeout: float = 60
) -> Iterator[SlackClient]:
    """A client of a ready `niger-bot serve` process, which gets SIGTERM after."""
    with serve_process(env, start_timeout=start_timeout) as served:
        client = SlackClient(served.base_url, fake)
        try:
            yield client
        finally:
            client.close()
            served.process.terminate()
            try:
                served.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                pass  # serve_process kills it


def sign(body: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None) -> dict:
    """The two headers Slack adds: the request timestamp and v0=HMAC-SHA256 of v0:ts:body."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}


class SlackClient:
    """Sends Slack's three kinds of request to a running server, signed unless told otherwise."""

    def __init__(self, base_url: str, fake: FakeSlack) -> None:
        self.url = base_url.rstrip("/") + "/slack/events"
        self.fake = fake
        self.http = httpx.Client(timeout=10)

    def post(
        self,
        body: str,
        content_type: str,
        *,
        headers: dict[str, str] | None = None,
        signed: Callable[[str], dict] | None = sign,
    ) -> httpx.Response:
        sent = {"Content-Type": content_type, **(signed(body) if signed else {}), **(headers or {})}
        return self.http.post(self.url, content=body.encode(), headers=sent)

    def command(
        self, text: str, *, user: str = "U0REPORTER", hook: str = "cmd", **options: Any
    ) -> httpx.Response:
        return self.post(*command_body(self.fake, text, user=user, hook=hook), **options)

    def event(self, envelope: dict[str, Any], **options: Any) -> httpx.Response:
        return self.post(json.dumps(envelope), "application/json", **options)

    def action(
        self,
        action_id: str,
        value: str,
        *,
        user: str | None = None,
        block_id: str | None = None,
        **fill: Any,
    ) -> httpx.Response:
        """A click on a button of a message (in the block ``block_id``, when it matters); ``fill``
        updates the payload's ``container``."""
        data = payload(
            "block_actions.json",
            response_url=self.fake.response_url("action"),
            action_id=action_id,
            value=value,
        )
        data["container"].update(fill)
        if user:
            data["user"]["id"] = user
        if block_id:
            data["actions"][0]["block_id"] = block_id
        return self.interaction(data)

    def interaction(self, data: dict[str, Any]) -> httpx.Response:
        """Any interactive payload (block_actions, view_submission), form-encoded as Slack
        sends them."""
        return self.post(
            urlencode({"payload": json.dumps(data)}), "application/x-www-form-urlencoded"
        )

    def close(self) -> None:
        self.http.close()
