"""HTTP mode: one WSGI app with POST /slack/events, GET /healthz, /readyz and /metrics, served by
waitress.

Bolt's App is synchronous, so it runs under a threaded WSGI server (waitress) rather than an ASGI
one, where its blocking dispatch would stall the event loop (SLACK.md §8).
"""

from __future__ import annotations

import json
import logging
import signal
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

import waitress
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from waitress import wasyncore
from waitress.server import BaseWSGIServer

from bot.metrics import Metrics, metrics_of
from store import FactStore

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"
METRICS_PATH = "/metrics"
PROBE_PATHS = frozenset({HEALTH_PATH, READY_PATH, METRICS_PATH})  # not counted as requests
MAX_BODY_BYTES = 1_000_000  # Slack's payloads are a few kB; anything bigger is not from Slack
THREADS = 16
DRAIN_SECONDS = 25.0  # inside Kubernetes' default 30 s grace period between SIGTERM and SIGKILL
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
    return {401: "refused", 404: "unhandled", 413: "too_large", 503: "unavailable"}.get(
        status, "client_error" if status < 500 else "error"
    )


class BotWSGI:
    """The WSGI application; every request leaves one structured log line with its latency and
    outcome. It also knows the listener work its requests started, so a shutdown can wait for it.
    """

    def __init__(self, app: App, store: FactStore, metrics: Metrics | None = None) -> None:
        self.app = app
        self.store = store
        self.metrics = metrics or metrics_of(app)
        self._slack: SlackRequestHandler = self.metrics.slack_handler(app, path=EVENTS_PATH)

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        started = time.perf_counter()
        status_seen: list[str] = []

        def recording_start_response(status: str, headers: list, *args: Any) -> Any:
            status_seen.append(status)
            return start_response(status, headers, *args)

        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "")
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
                        "retry": environ.get("HTTP_X_SLACK_RETRY_NUM"),
                    }
                )
            )
        return body

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


def make_wsgi_app(app: App, store: FactStore, metrics: Metrics | None = None) -> BotWSGI:
    """The WSGI application for ``app``, with /healthz and /readyz asking ``store`` and /metrics
    showing ``metrics`` (by default those `create_app` gave ``app``)."""
    return BotWSGI(app, store, metrics)


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
            ("X-Slack-No-Retry", "1"),  # a retry would be refused the same way (SLACK.md §3)
        ],
    )
    return [body]


def serve(wsgi: BotWSGI, *, host: str, port: int, drain_seconds: float = DRAIN_SECONDS) -> bool:
    """Serve until SIGTERM or SIGINT, then stop gracefully and return: no new connections, the
    requests in flight and the answers they started finish (up to ``drain_seconds``). False when
    some answer was still running at the end: the caller must not wait for it when exiting."""
    server = waitress.create_server(
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
    # Every change to waitress's sockets happens on its loop thread, through the trigger.
    server.trigger.pull_trigger(lambda: wasyncore.dispatcher.close(server))
    while any(_busy(channel) for channel in list(server.active_channels.values())):
        if time.monotonic() > deadline:
            lifecycle.warning("requests still in flight after %.0f s; closing", drain_seconds)
            break
        time.sleep(0.05)
    if wsgi.finish_listeners(max(0.0, deadline - time.monotonic())):
        drained.set()
    else:
        lifecycle.warning("answers still running after %.0f s; exiting anyway", drain_seconds)
    server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))


def _busy(channel: Any) -> bool:
    """A connection is busy while a request is being read, handled, or its response written."""
    return bool(channel.requests or channel.request is not None or channel.total_outbufs_len)
