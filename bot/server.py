"""HTTP mode: one WSGI app with POST /slack/events and GET /healthz, served by waitress.

Bolt's App is synchronous, so it runs under a threaded WSGI server (waitress) rather than an ASGI
one, where its blocking dispatch would stall the event loop (SLACK.md §8).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

import waitress
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from store import FactStore

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
MAX_BODY_BYTES = 1_000_000  # Slack's payloads are a few kB; anything bigger is not from Slack
THREADS = 16

log = logging.getLogger("niger_bot.requests")

Environ = dict[str, Any]
StartResponse = Callable[..., Any]


def make_wsgi_app(app: App, store: FactStore) -> Callable[[Environ, StartResponse], Iterable]:
    """The WSGI application; every request leaves one structured log line with its latency."""
    slack = SlackRequestHandler(app, path=EVENTS_PATH)

    def health(start_response: StartResponse) -> Iterable[bytes]:
        ok = store.ping()
        body = json.dumps({"ok": ok, "store": "reachable" if ok else "unreachable"}).encode()
        start_response(
            "200 OK" if ok else "503 Service Unavailable",
            [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
        )
        return [body]

    def wsgi(environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        started = time.perf_counter()
        status_seen: list[str] = []

        def recording_start_response(status: str, headers: list, *args: Any) -> Any:
            status_seen.append(status)
            return start_response(status, headers, *args)

        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "")
        if path == HEALTH_PATH and method in ("GET", "HEAD"):
            body = health(recording_start_response)
        else:
            body = slack(environ, recording_start_response)
        log.info(
            json.dumps(
                {
                    "method": method,
                    "path": path,
                    "status": int(status_seen[0].split()[0]) if status_seen else None,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                    "retry": environ.get("HTTP_X_SLACK_RETRY_NUM"),
                }
            )
        )
        return body

    return wsgi


def serve(wsgi: Callable, *, host: str, port: int) -> None:
    """Serve until interrupted; waitress finishes in-flight requests on shutdown."""
    waitress.serve(
        wsgi,
        host=host,
        port=port,
        threads=THREADS,
        max_request_body_size=MAX_BODY_BYTES,
        ident="niger-bot",
        clear_untrusted_proxy_headers=True,
    )
