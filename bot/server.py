"""HTTP mode: one WSGI app with POST /slack/events, GET /healthz, /readyz and /metrics, served by
waitress.

Bolt's App is synchronous, so it runs under a threaded WSGI server (waitress) rather than an ASGI
one, where its blocking dispatch would stall the event loop (docs/slack.md §6).
"""

from __future__ import annotations

import io
import json
import logging
import signal
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk.signature import SignatureVerifier
from waitress import wasyncore
from waitress.server import BaseWSGIServer, create_server

from bot.metrics import Metrics, metrics_of
from store import FactStore

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"
METRICS_PATH = "/metrics"
PROBE_PATHS = frozenset({HEALTH_PATH, READY_PATH, METRICS_PATH})  # not counted as requests
MAX_BODY_BYTES = 1_000_000  # Slack's payloads are a few kB; anything bigger is not from Slack
THREADS = 16
REPLY_SECONDS = 5.0  # the end of the drain, kept for an interrupted reload to roll back and say so

log = logging.getLogger("niger_bot.requests")
lifecycle = logging.getLogger("niger_bot.server")

Environ = dict[str, Any]
StartResponse = Callable[..., Any]


def outcome_of(status: int | None) -> str:
    """A word for the log line, so a dashboard can count outcomes without knowing HTTP codes."""
    if status is None:
        return "failed"
    if status < 400:
        return "ok"
    return {
        400: "malformed",
        401: "refused",
        404: "unhandled",
        413: "too_large",
        503: "unavailable",
    }.get(status, "client_error" if status < 500 else "error")


class BotWSGI:
    """The WSGI application; every request leaves one structured log line with its latency and
    outcome. It also knows the listener work its requests started, so a shutdown can wait for it.
    """

    def __init__(
        self,
        app: App,
        store: FactStore,
        metrics: Metrics | None = None,
        *,
        signing_secret: str | None = None,
    ) -> None:
        self.app = app
        self.store = store
        self.metrics = metrics or metrics_of(app)
        self._slack: SlackRequestHandler = self.metrics.slack_handler(app, path=EVENTS_PATH)
        # Bolt checks the signature too; this check runs first so that malformed or unsigned
        # requests never reach Bolt, which answers some with a 500 and logs refused bodies raw.
        secret = signing_secret if signing_secret is not None else app._signing_secret
        self._verifier = SignatureVerifier(secret)

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        started = time.perf_counter()
        status_seen: list[str] = []

        def recording_start_response(status: str, headers: list, *args: Any) -> Any:
            status_seen.append(status)
            return start_response(status, headers, *args)

        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "")
        refused: str | None = None
        request = self.metrics.request_started(environ)
        try:
            if path == HEALTH_PATH and method in ("GET", "HEAD"):
                body = self._health(recording_start_response)
            elif path == READY_PATH and method in ("GET", "HEAD"):
                body = self._ready(recording_start_response)
            elif path == METRICS_PATH and method in ("GET", "HEAD"):
                body = self._metrics(recording_start_response)
            elif _too_large(environ):
                body = _refuse(recording_start_response, "413 Request Entity Too Large")
            elif path == EVENTS_PATH and method == "POST":
                screened, refused = self._screen(environ)
                if screened:
                    body = _refuse(recording_start_response, screened)
                else:
                    body = self._slack(environ, recording_start_response)
            else:
                body = self._slack(environ, recording_start_response)
        finally:
            status = int(status_seen[0].split()[0]) if status_seen else None
            self.metrics.request_finished(request, status, count=path not in PROBE_PATHS)
            log.info(
                json.dumps(
                    {
                        "method": method,
                        "path": path,
                        "status": status,
                        "outcome": outcome_of(status),
                        "ms": round((time.perf_counter() - started) * 1000, 1),
                        "retry": str(environ.get("HTTP_X_SLACK_RETRY_NUM"))[:8],
                        **({"refused": refused} if refused else {}),
                    }
                )
            )
        return body

    def _screen(self, environ: Environ) -> tuple[str | None, str | None]:
        """Read the body and refuse, before Bolt sees it, what is not a well-formed signed Slack
        request: (HTTP status, a reason for the log line; never the body itself), or (None,
        None) with the body put back for Bolt to read."""
        length = int(environ.get("CONTENT_LENGTH") or 0)  # _too_large has checked it
        raw = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(raw)
        # Refused requests are counted by kind too; their body is only classified, never kept.
        self.metrics.classify(_parsed(raw, environ.get("CONTENT_TYPE", "")))
        timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP")
        signature = environ.get("HTTP_X_SLACK_SIGNATURE")
        if timestamp is None or signature is None:
            return "401 Unauthorized", "unsigned"
        if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 12):
            return "400 Bad Request", "timestamp is not a number"
        if not self._verifier.is_valid(body=raw, timestamp=timestamp, signature=signature):
            return "401 Unauthorized", "bad signature or stale timestamp"
        if not _well_formed(raw, environ.get("CONTENT_TYPE", "")):
            return "400 Bad Request", "malformed body"
        return None, None

    def _health(self, start_response: StartResponse) -> Iterable[bytes]:
        ok = self.store.ping()
        body = json.dumps({"ok": ok, "store": "reachable" if ok else "unreachable"}).encode()
        start_response(
            "200 OK" if ok else "503 Service Unavailable",
            [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
        )
        return [body]

    def _ready(self, start_response: StartResponse) -> Iterable[bytes]:
        status = self.store.status()
        body = json.dumps(status.to_dict()).encode()
        start_response(
            "200 OK" if status.ready else "503 Service Unavailable",
            [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
        )
        return [body]

    def _metrics(self, start_response: StartResponse) -> Iterable[bytes]:
        body, content_type = self.metrics.exposition()
        start_response(
            "200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))]
        )
        return [body]

    def finish_listeners(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for the listener work already started (answers run
        after the ack); True when all of it finished. No new work is accepted afterwards.

        A reload still running when only REPLY_SECONDS are left is interrupted: it rolls back and
        its admin hears so, where the SIGKILL that follows would leave them with no answer."""
        return finish_listeners(self.app, self.store, timeout)


def finish_listeners(app: App, store: FactStore, timeout: float) -> bool:
    """`BotWSGI.finish_listeners` for any front end of ``app`` (Socket Mode's too)."""
    deadline = time.monotonic() + timeout
    executor = app.listener_runner.listener_executor
    waiter = threading.Thread(target=executor.shutdown, kwargs={"wait": True}, daemon=True)
    waiter.start()
    waiter.join(max(0.0, timeout - REPLY_SECONDS))
    if waiter.is_alive():
        lifecycle.info("interrupting any reload still running, so that it rolls back")
        store.interrupt_reloads()
        waiter.join(max(0.0, deadline - time.monotonic()))
    return not waiter.is_alive()


def make_wsgi_app(
    app: App,
    store: FactStore,
    metrics: Metrics | None = None,
    *,
    signing_secret: str | None = None,
) -> BotWSGI:
    """The WSGI application for ``app``, with /healthz and /readyz asking ``store`` and /metrics
    showing ``metrics`` (by default those `create_app` gave ``app``); requests are checked
    against ``signing_secret`` (by default the app's own) before Bolt sees them."""
    return BotWSGI(app, store, metrics, signing_secret=signing_secret)


def _parsed(raw: bytes, content_type: str) -> dict[str, Any]:
    """The body as Bolt would parse it (a JSON object, a form, or a form's ``payload``), or {}."""
    from urllib.parse import parse_qs

    try:
        text = raw.decode("utf-8")
        if content_type.split(";")[0].strip().lower() == "application/json":
            found = json.loads(text)
            return found if isinstance(found, dict) else {}
        form = {key: values[0] for key, values in parse_qs(text).items()}
        if "payload" in form:
            found = json.loads(form["payload"])
            return found if isinstance(found, dict) else {}
        return form
    except ValueError:
        return {}


def _well_formed(raw: bytes, content_type: str) -> bool:
    """Whether Bolt can parse the body: JSON that is an object, or a form whose ``payload``
    field, if any, is."""
    from urllib.parse import parse_qs

    try:
        text = raw.decode("utf-8")
        if content_type.split(";")[0].strip().lower() == "application/json":
            return isinstance(json.loads(text), dict)
        payload = parse_qs(text).get("payload")
        return payload is None or isinstance(json.loads(payload[0]), dict)
    except ValueError:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return False


def _too_large(environ: Environ) -> bool:
    try:
        return int(environ.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES
    except ValueError:
        return True


def _refuse(start_response: StartResponse, status: str) -> Iterable[bytes]:
    body = json.dumps({"ok": False, "error": status.split(" ", 1)[1].lower()}).encode()
    start_response(
        status,
        [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            ("X-Slack-No-Retry", "1"),  # a retry would be refused the same way (docs/slack.md §3)
        ],
    )
    return [body]


def serve(wsgi: BotWSGI, *, host: str, port: int, drain_seconds: float) -> bool:
    """Serve until SIGTERM or SIGINT, then stop gracefully and return: no new connections, the
    requests in flight and the answers they started finish (up to ``drain_seconds``, the
    DRAIN_SECONDS setting). False when
    some answer was still running at the end: the caller must not wait for it when exiting."""
    server = create_server(
        wsgi,
        host=host,
        port=port,
        threads=THREADS,
        max_request_body_size=MAX_BODY_BYTES,
        ident="niger-bot",
        clear_untrusted_proxy_headers=True,
    )
    stopping, drained = threading.Event(), threading.Event()

    def on_signal(signum: int, _frame: object) -> None:
        if stopping.is_set():
            return
        stopping.set()
        lifecycle.info("%s received: finishing requests in flight", signal.Signals(signum).name)
        threading.Thread(
            target=_drain, args=(server, wsgi, drain_seconds, drained), name="drain", daemon=True
        ).start()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        server.run()  # returns once _drain has closed every socket
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    lifecycle.info("stopped")
    return drained.is_set()


def _drain(
    server: BaseWSGIServer, wsgi: BotWSGI, drain_seconds: float, drained: threading.Event
) -> None:
    deadline = time.monotonic() + drain_seconds
    loop: Any = server  # waitress's loop internals, which its stubs type wrongly (trigger: int)
    # Every change to waitress's sockets happens on its loop thread, through the trigger.
    loop.trigger.pull_trigger(lambda: wasyncore.dispatcher.close(server))
    while any(_busy(channel) for channel in list(loop.active_channels.values())):
        if time.monotonic() > deadline:
            lifecycle.warning("requests still in flight after %.0f s; closing", drain_seconds)
            break
        time.sleep(0.05)
    if wsgi.finish_listeners(max(0.0, deadline - time.monotonic())):
        drained.set()
    else:
        lifecycle.warning("answers still running after %.0f s; exiting anyway", drain_seconds)
    loop.trigger.pull_trigger(lambda: wasyncore.close_all(loop._map))


def _busy(channel: Any) -> bool:
    """A connection is busy while a request is being read, handled, or its response written."""
    return bool(channel.requests or channel.request is not None or channel.total_outbufs_len)
