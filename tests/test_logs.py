"""Log redaction: Slack's secrets are redacted in every form a body can carry them in, and no
record is written longer than MAX_LINE."""

from __future__ import annotations

import json
import logging
from urllib.parse import quote, urlencode

import pytest

from bot.logs import MAX_LINE, RedactSecrets

RESPONSE_URL = "https://hooks.slack.com/commands/T0001/1234/CapabilitySecret"
VERIFICATION = "VerificationTokenValue"
FIELDS = {"token": VERIFICATION, "response_url": RESPONSE_URL, "text": "troops"}
ESCAPED_JSON = json.dumps(FIELDS).replace("/", "\\/")  # how Slack writes slashes in JSON

FORMS = {
    "form": urlencode(FIELDS),
    "json": json.dumps(FIELDS),
    "json, escaped slashes": ESCAPED_JSON,
    "form-encoded json": urlencode({"payload": json.dumps(FIELDS)}),
    "form-encoded json, escaped slashes (%5C%2F)": urlencode({"payload": ESCAPED_JSON}),
    "json inside json": json.dumps({"body": ESCAPED_JSON}),
    "percent-encoded form": quote(urlencode(FIELDS)),
}


@pytest.mark.parametrize("body", FORMS.values(), ids=FORMS.keys())
def test_response_urls_and_verification_tokens_are_redacted_in_every_form(body: str) -> None:
    assert "%5C%2F" in body or "\\/" in body or "hooks" in body
    redacted = RedactSecrets().redact(f"refused: {body}")
    assert "CapabilitySecret" not in redacted
    assert VERIFICATION not in redacted
    assert "troops" in redacted  # what is not a secret stays readable


def test_an_overlong_record_is_cut() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%s", ("x" * 100_000,), None)
    RedactSecrets().filter(record)
    assert len(record.msg) < MAX_LINE + 100
    assert record.msg.endswith("[… 80,000 characters cut]")
