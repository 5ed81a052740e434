"""Socket Mode (development): Bolt's Socket Mode handler, draining on SIGTERM as `serve` does."""

from __future__ import annotations

import logging
import signal
import threading
import time
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.socket_mode.client import BaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest

from bot.server import finish_listeners
from store import FactStore

lifecycle = logging.getLogger("niger_bot.socket")


class DrainingSocketModeHandler(SocketModeHandler):
    """Takes requests over Slack's websocket until told to stop; then takes no new one (Slack
    delivers an unacknowledged envelope again, to another connection), lets the acks in flight
    go out, closes the socket, and gives the answers already started the rest of the drain."""

    def __init__(self, app: App, app_token: str, *, store: FactStore, **options: Any) -> None:
        super().__init__(app, app_token, **options)
        self.store = store
        self._stopping = False
        self._in_flight = 0
        self._idle = threading.Condition()

    def handle(self, client: BaseSocketModeClient, req: SocketModeRequest) -> None:
        with self._idle:
            if self._stopping:
                lifecycle.info("stopping: envelope %s left for Slack to deliver again", req.type)
                return
            self._in_flight += 1
        try:
            super().handle(client, req)  # type: ignore[arg-type]
        finally:
            with self._idle:
                self._in_flight -= 1
                self._idle.notify_all()

    def drain(self, drain_seconds: float) -> bool:
        """Stop and finish within ``drain_seconds``; False when some answer was still running
        at the end (the caller must then exit without waiting for it)."""
        deadline = time.monotonic() + drain_seconds
        with self._idle:
            self._stopping = True
            self._idle.wait_for(lambda: self._in_flight == 0, max(0.0, drain_seconds))
        self.close()  # no reconnecting from here on
        return finish_listeners(self.app, self.store, max(0.0, deadline - time.monotonic()))

    def serve(self, *, drain_seconds: float) -> bool:
        """Connect, take requests until SIGTERM or SIGINT, then `drain`."""
        received: list[int] = []
        stop = threading.Event()

        def on_signal(signum: int, _frame: object) -> None:
            received.append(signum)
            stop.set()

        previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            self.connect()
            lifecycle.info("connected to Slack in Socket Mode")
            stop.wait()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        lifecycle.info("%s received: finishing answers in flight", signal.Signals(received[0]).name)
        drained = self.drain(drain_seconds)
        if not drained:
            lifecycle.warning("answers still running after %.0f s; exiting anyway", drain_seconds)
        lifecycle.info("stopped")
        return drained
