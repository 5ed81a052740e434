"""Prometheus metrics for one replica, in a registry of its own: requests from Slack, ack and
answer latency, calls to Slack, database errors, index builds and reloads.

Labels hold only fixed words, HTTP status codes and Slack API method names: never a user id, a
token, a response_url or a query's text, so a scrape cannot leak them and series stay few.
"""

from __future__ import annotations

import re
import threading
import time
import weakref
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
)
from prometheus_client.exposition import generate_latest
from slack_bolt import App, BoltContext, BoltRequest, BoltResponse
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.request.payload_utils import (
    is_action,
    is_event,
    is_options,
    is_shortcut,
    is_slash_command,
    is_view,
)
from slack_sdk.http_retry import RetryHandler, RetryState
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse

from store import FactStore

KINDS = ("slash", "event", "action", "other")
OUTCOMES = ("acked", "refused", "rejected", "error")
# Slack gives up on an ack after 3 s: the buckets are finest below it.
ACK_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 5.0, 10.0)
ANSWER_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0)
INDEX_BUCKETS = (0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0)
RESPONSE_URL = "response_url"
_API_METHOD = re.compile(r"[a-z]+(\.[A-Za-z]+)+")
_ERROR_CODE = re.compile(r"[a-z_]{1,64}")  # Slack's error codes: channel_not_found, ratelimited


@dataclass
class _Request:
    """One request from Slack while it is handled: when it arrived and what kind it is."""

    started: float
    kind: str = "other"


class Metrics:
    """The metrics of one app. Every instrument is safe to update from many threads at once;
    `exposition` renders them in Prometheus' text format for GET /metrics."""

    def __init__(self) -> None:
        disable_created_metrics()  # the *_created series would double the scrape for nothing
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "niger_bot_requests",
            "Requests from Slack by kind (slash, event, action, other) and outcome (acked; "
            "refused: bad signature; rejected: malformed, unhandled or too large; error: 5xx)",
            ["kind", "outcome"],
            registry=r,
        )
        self.ack_seconds = Histogram(
            "niger_bot_ack_seconds",
            "From a request's arrival to the response Slack waits for (at most 3 s)",
            ["kind"],
            buckets=ACK_BUCKETS,
            registry=r,
        )
        self.answer_seconds = Histogram(
            "niger_bot_answer_seconds",
            "From a request's arrival to the end of the work it started (the answer sent)",
            ["kind"],
            buckets=ANSWER_BUCKETS,
            registry=r,
        )
        self.slack_requests = Counter(
            "niger_bot_slack_requests",
            "HTTP requests to Slack, one per attempt (retries included), by Web API method "
            '(or "response_url") and HTTP status ("connection_error" when none came back)',
            ["method", "status"],
            registry=r,
        )
        self.slack_retries = Counter(
            "niger_bot_slack_retries",
            "Requests to Slack tried again, by method and the status or error that caused it",
            ["method", "reason"],
            registry=r,
        )
        self.slack_errors = Counter(
            "niger_bot_slack_api_errors",
            "Web API answers with ok=false, by method and Slack's error code",
            ["method", "error"],
            registry=r,
        )
        self.database_errors = Counter(
            "niger_bot_database_errors",
            "Failed database statements and connections, by the driver's exception class",
            ["error"],
            registry=r,
        )
        self.index_seconds = Histogram(
            "niger_bot_index_build_seconds",
            "Index builds (how=rebuild) and updates with other replicas' changes (how=update)",
            ["how"],
            buckets=INDEX_BUCKETS,
            registry=r,
        )
        self.reloads = Counter(
            "niger_bot_reloads",
            "Reloads of the articles folder by outcome: ok, failed_files (some files refused), "
            "busy, interrupted, error",
            ["outcome"],
            registry=r,
        )
        for kind in KINDS:  # every series exists from the start, so rate() sees the first one
            self.ack_seconds.labels(kind)
            for outcome in OUTCOMES:
                self.requests.labels(kind, outcome)
        self._local = threading.local()
        self._observed: weakref.WeakSet[FactStore] = weakref.WeakSet()

    def __deepcopy__(self, memo: dict) -> Metrics:
        # Bolt deep-copies each request for its lazy listeners, client and respond included:
        # the copies must still count here.
        return self

    def exposition(self) -> tuple[bytes, str]:
        """The body and content type of GET /metrics."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST

    # Requests: BotWSGI calls these around every request for Slack, on the request's thread.

    def request_started(self, environ: Mapping[str, Any] | None = None) -> _Request:
        """A request from Slack begins on this thread; with waitress's ``environ`` it is timed
        from its arrival, so the time it waited for a free thread counts, as it does for Slack."""
        request = _Request(time.perf_counter() - _queued_seconds(environ or {}))
        self._local.request = request
        return request

    def classify(self, body: dict[str, Any]) -> None:
        """Name the kind of the request being handled on this thread, from its parsed body."""
        request: _Request | None = getattr(self._local, "request", None)
        if request is not None:
            request.kind = kind_of(body)

    def request_finished(self, request: _Request, status: int | None, *, count: bool) -> None:
        self._local.request = None
        if count:
            self.requests.labels(request.kind, outcome_of(status)).inc()
            self.ack_seconds.labels(request.kind).observe(time.perf_counter() - request.started)

    # Wiring into the Bolt app.

    def slack_handler(self, app: App, *, path: str) -> SlackRequestHandler:
        """Bolt's WSGI handler, telling these metrics each request's kind."""
        return _ClassifyingHandler(app, path=path, metrics=self)

    def listener_executor(self, max_workers: int) -> ThreadPoolExecutor:
        """The pool Bolt runs lazy listeners (the answers) in, timing each from its request."""
        return _TimedExecutor(self, max_workers=max_workers)

    def instrument(self, app: App, store: FactStore) -> None:
        """Count ``app``'s calls to Slack and ``store``'s index builds, reloads and errors."""
        client = app.client
        client.retry_handlers = [
            _AttemptCounter(self),
            *(_CountedRetry(self, handler) for handler in client.retry_handlers),
        ]
        app.middleware(self._count_replies)
        self.observe(store)
        _by_app[app] = self

    def observe(self, store: FactStore) -> None:
        """Count ``store``'s index builds, reloads and database errors (once, however often
        called): before its first index build, so that build is counted too."""
        if store not in self._observed:
            self._observed.add(store)
            store.observe(_StoreCounter(self))

    def _count_replies(
        self, context: BoltContext, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        # A response_url reply that succeeds at once never reaches a retry handler: count it here.
        if context.get("respond") is not None:
            context["respond"] = _CountedRespond(context["respond"], self)
        return next()


_by_app: weakref.WeakKeyDictionary[App, Metrics] = weakref.WeakKeyDictionary()


def metrics_of(app: App) -> Metrics:
    """The metrics `Metrics.instrument` attached to ``app`` (fresh ones for an app built
    elsewhere, so that a server always has some to show)."""
    return _by_app.get(app) or Metrics()


def _queued_seconds(environ: Mapping[str, Any]) -> float:
    """How long ago waitress last read from the request's connection: the request had fully
    arrived then. A later request pipelined on the connection moves that on, so this errs short.
    Other servers do not say: 0."""
    channel = getattr(environ.get("waitress.client_disconnected"), "__self__", None)
    last_read = getattr(channel, "last_activity", None)
    if not isinstance(last_read, float):
        return 0.0
    return max(0.0, time.time() - last_read)


def kind_of(body: dict[str, Any]) -> str:
    if is_slash_command(body):
        return "slash"
    if is_event(body):
        return "event"
    if is_action(body) or is_shortcut(body) or is_view(body) or is_options(body):
        return "action"
    return "other"


def outcome_of(status: int | None) -> str:
    if status is None or status >= 500:
        return "error"
    if status < 400:
        return "acked"
    return "refused" if status in (401, 403) else "rejected"


def method_of(url: str) -> str:
    """The Web API method a URL calls, or "response_url": a reply URL's path holds a secret."""
    last = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    return last if _API_METHOD.fullmatch(last) else RESPONSE_URL


class _ClassifyingHandler(SlackRequestHandler):
    def __init__(self, app: App, *, path: str, metrics: Metrics) -> None:
        super().__init__(app, path=path)
        self.metrics = metrics

    def dispatch(self, request: WsgiHttpRequest) -> BoltResponse:
        bolt_request = BoltRequest(
            body=request.get_body(), query=request.query_string, headers=request.get_headers()
        )
        self.metrics.classify(bolt_request.body)
        return self.app.dispatch(bolt_request)


class _TimedExecutor(ThreadPoolExecutor):
    def __init__(self, metrics: Metrics, *, max_workers: int) -> None:
        super().__init__(max_workers=max_workers)
        self.metrics = metrics

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        # Bolt submits a request's lazy listeners from the thread handling that request.
        request: _Request | None = getattr(self.metrics._local, "request", None)
        if request is None:
            return super().submit(fn, *args, **kwargs)
        histogram = self.metrics.answer_seconds.labels(request.kind)

        def timed() -> Any:
            try:
                return fn(*args, **kwargs)
            finally:
                histogram.observe(time.perf_counter() - request.started)

        return super().submit(timed)


class _AttemptCounter(RetryHandler):
    """First among the client's retry handlers, so it sees every attempt; it never retries."""

    def __init__(self, metrics: Metrics) -> None:
        super().__init__(max_retry_count=0)
        self.metrics = metrics

    def can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        method = method_of(request.url)
        status = "connection_error" if response is None else str(response.status_code)
        self.metrics.slack_requests.labels(method, status).inc()
        body = response.body if response is not None else None
        if isinstance(body, dict) and body.get("ok") is False:
            error = body.get("error")
            code = error if isinstance(error, str) and _ERROR_CODE.fullmatch(error) else "other"
            self.metrics.slack_errors.labels(method, code).inc()
        return False


class _CountedRetry(RetryHandler):
    """One of the client's own retry handlers, counting the retries it decides on."""

    def __init__(self, metrics: Metrics, inner: RetryHandler) -> None:
        super().__init__(max_retry_count=inner.max_retry_count)
        self.metrics = metrics
        self.inner = inner

    def can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return self.inner.can_retry(state=state, request=request, response=response, error=error)

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        reason = "connection_error" if response is None else str(response.status_code)
        self.metrics.slack_retries.labels(method_of(request.url), reason).inc()
        self.inner.prepare_for_next_attempt(
            state=state, request=request, response=response, error=error
        )


class _CountedRespond:
    """``respond`` that counts the attempt Slack accepted: a reply URL's client only shows its
    retry handlers the attempts that failed, which `_AttemptCounter` counted already."""

    def __init__(self, inner: Callable[..., Any], metrics: Metrics) -> None:
        self.inner = inner
        self.metrics = metrics

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        response = self.inner(*args, **kwargs)
        status = getattr(response, "status_code", None)
        if isinstance(status, int) and status < 400:
            self.metrics.slack_requests.labels(RESPONSE_URL, str(status)).inc()
        return response

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or "inner" not in self.__dict__:  # copy and pickle look here
            raise AttributeError(name)
        return getattr(self.inner, name)


class _StoreCounter:
    """The store's observer (store.StoreObserver)."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics

    def index_changed(self, *, how: str, seconds: float) -> None:
        self.metrics.index_seconds.labels(how).observe(seconds)

    def reload_finished(self, *, outcome: str) -> None:
        self.metrics.reloads.labels(outcome).inc()

    def database_error(self, *, error: str) -> None:
        self.metrics.database_errors.labels(error).inc()
