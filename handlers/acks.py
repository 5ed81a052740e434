"""Every listener acks from the request thread before any work starts; the work runs as a Bolt
lazy listener in the thread pool. Slack therefore hears back in milliseconds however slow the
answer, the database or Slack's own Web API is, and a busy pool never delays an ack."""

from __future__ import annotations

from slack_bolt import Ack


def ack_at_once(ack: Ack) -> None:
    ack()
