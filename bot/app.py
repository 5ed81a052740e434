"""Build the Bolt app: settings and a store in, every listener registered."""

from __future__ import annotations

from urllib.parse import urlsplit

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

import handlers
from bot.config import Settings
from bot.metrics import Metrics
from handlers import AdminOptions
from store import FactStore, WorkerLimits

SLACK_TIMEOUT_SECONDS = 10
# Answers are mostly CPU under one GIL. Every runnable listener thread competes with the request
# threads that ack, so past a few of them more threads only delay acks: at 200 requests/s on two
# replicas, 32 threads let acks queue past 3 s, 8 kept every ack under 0.9 s (benchmarks/http.py).
# Past this many, answers wait their turn in the pool's queue; acks do not.
LISTENER_THREADS = 8


def make_client(settings: Settings) -> WebClient:
    """A Web API client that honours Retry-After on 429 and retries 5xx and dropped connections.

    Listeners ack before they call Slack, so a retry's wait never delays an ack.
    """
    base_url = settings.slack_api_url or WebClient.BASE_URL
    return WebClient(
        token=settings.slack_bot_token,
        base_url=base_url if base_url.endswith("/") else base_url + "/",
        timeout=SLACK_TIMEOUT_SECONDS,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            RateLimitErrorRetryHandler(max_retry_count=2),
            ServerErrorRetryHandler(max_retry_count=2),
        ],
    )


def create_app(
    settings: Settings,
    *,
    store: FactStore,
    client: WebClient | None = None,
    metrics: Metrics | None = None,
) -> App:
    """The Slack app for one workspace. Constructing it calls auth.test, so a wrong token fails
    here, at start, rather than on the first question. Its metrics (``metrics``, or new ones)
    are what the server built around it shows at /metrics."""
    metrics = metrics or Metrics()
    app = App(
        client=client or make_client(settings),
        signing_secret=settings.slack_signing_secret or "",
        # Acks come from the request thread (handlers/acks.py) and the work runs as lazy
        # listeners in this pool, so an ack never waits for a busy pool (docs/slack.md §1).
        process_before_response=True,
        listener_executor=metrics.listener_executor(LISTENER_THREADS),
        raise_error_for_unhandled_request=False,
    )
    handlers.register(app, store=store, options=admin_options(settings))
    metrics.instrument(app, store)
    return app


def admin_options(settings: Settings) -> AdminOptions:
    api = urlsplit(settings.slack_api_url or "")
    # A Web API proxy (or the tests' fake Slack) also serves the files, so it may get the token.
    hosts = frozenset({api.netloc.lower()} if api.netloc else set())
    return AdminOptions(
        articles_dir=settings.articles_dir,
        admin_user_ids=settings.admin_user_ids,
        workspace_admins=settings.workspace_admins,
        allow_private_urls=settings.allow_private_urls,
        file_hosts=hosts,
        worker_limits=WorkerLimits(
            seconds=settings.extract_seconds,
            cpu_seconds=max(1, round(settings.extract_cpu_seconds)),
        ),
    )
