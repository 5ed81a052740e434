"""Logging setup: tokens and secrets are redacted from every line before it is written."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

# Slack tokens (bot, user, app-level, refresh, config), response_url capabilities, and the legacy
# verification token that Slack's bodies carry, in every form a body can take: JSON, JSON with
# escaped slashes (\/), form-encoded (%2F, %22), and JSON escaped then form-encoded (%5C%2F).
ENC = r"%(?:25)*"  # a percent sign, itself percent-encoded any number of times
SEP = rf"(?:\\|/|{ENC}(?:5c|2f))"  # / or \, perhaps encoded
QUOTE = rf"(?:\\|{ENC}5c)*(?:\"|'|{ENC}(?:22|27))"  # a quote, perhaps escaped, perhaps encoded
SPACE = rf"(?:\s|\+|{ENC}20)*"  # a form encodes a space as +
PATTERNS = (
    (re.compile(r"(?<![A-Za-z0-9])x(?:ox[abpers]|app)-[A-Za-z0-9-]+"), "[redacted]"),
    (
        re.compile(rf"(?i)(?:https?(?::|{ENC}3a){SEP}+)?hooks\.slack\.com(?:[\w.~-]|{SEP})*"),
        "[redacted]",
    ),
    (re.compile(rf"(?i)(?<![A-Za-z0-9_])token(=|{ENC}3d)[\w.~-]+"), r"token\1[redacted]"),
    (
        re.compile(rf"(?i)({QUOTE}token{QUOTE}{SPACE}(?::|{ENC}3a){SPACE}{QUOTE})[\w.~-]+"),
        r"\1[redacted]",
    ),
)
MAX_LINE = 20_000  # a record longer than this is cut: nothing a request sends is logged whole
REDACTED = "[redacted]"


class RedactSecrets(logging.Filter):
    """Rewrites each record's message (and its traceback) with secrets replaced by [redacted]."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        super().__init__()
        # Short values would redact ordinary words; real secrets are long.
        self.secrets = sorted({s for s in secrets if s and len(s) >= 8}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        for pattern, replacement in PATTERNS:
            text = pattern.sub(replacement, text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if len(message) > MAX_LINE:
            message = message[:MAX_LINE] + f" [… {len(message) - MAX_LINE:,} characters cut]"
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def redact_secrets(
    *secrets: str | None, handlers: Iterable[logging.Handler] | None = None
) -> RedactSecrets:
    """Attach a RedactSecrets filter to ``handlers`` (by default the root logger's), so records
    from every logger, Bolt's and slack_sdk's included, pass through it before being written."""
    redactor = RedactSecrets(secrets)
    for handler in logging.getLogger().handlers if handlers is None else handlers:
        handler.addFilter(redactor)
    return redactor


def configure_logging(*secrets: str | None, level: int = logging.INFO) -> RedactSecrets:
    """One line per record on stderr, secrets redacted: what `niger-bot serve` and `socket` use."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    return redact_secrets(*secrets)
