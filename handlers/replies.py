"""Replies to a response_url with the same retries and timeout as the Web API client.

Bolt's own ``respond()`` builds a WebhookClient with the default handlers, which do not wait out a
429 or retry a 5xx (docs/slack.md §7). The middleware here swaps in a ``respond`` that does, so
every listener that takes ``respond`` gets it without changing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse, Respond
from slack_bolt.context.respond.internals import _build_message
from slack_sdk.http_retry import RetryHandler
from slack_sdk.webhook import WebhookClient, WebhookResponse


class RetryingRespond(Respond):
    """``respond()`` whose WebhookClient has ``retry_handlers`` and ``timeout``."""

    def __init__(
        self,
        *,
        response_url: str | None,
        retry_handlers: Sequence[RetryHandler],
        timeout: int,
    ) -> None:
        super().__init__(response_url=response_url)
        self.retry_handlers = list(retry_handlers)
        self.timeout = timeout

    def __call__(  # type: ignore[override]  # Respond's arguments, passed on by name
        self, text: str | dict = "", **fields: Any
    ) -> WebhookResponse:
        if self.response_url is None:
            raise ValueError("respond is unsupported here as there is no response_url")
        # Bolt's own message builder, so the payload is exactly what respond() would send.
        message = (
            _build_message(**text) if isinstance(text, dict) else _build_message(text, **fields)
        )
        client = WebhookClient(
            url=self.response_url, timeout=self.timeout, retry_handlers=self.retry_handlers
        )
        return client.send_dict(message)


def register(app: App) -> None:
    @app.middleware
    def respond_with_retries(
        context: BoltContext, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        if context.response_url:
            context["respond"] = RetryingRespond(
                response_url=context.response_url,
                retry_handlers=context.client.retry_handlers,
                timeout=context.client.timeout,
            )
        return next()
