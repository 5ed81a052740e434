"""The bot's token and signing secret never reach a log line or an error message: not from a
running server refusing forged requests, not from a start that Slack refuses, not at DEBUG."""

from __future__ import annotations

import json
import logging
import signal
import subprocess
from pathlib import Path
from urllib.parse import urlencode

import pytest

from bot.app import create_app
from bot.config import Settings
from bot.logs import redact_secrets
from store import FactStore
from tests.slack.conftest import bot_server, niger_bot, serve_env
from tests.slack_fake import FakeSlack, SlackClient, command_body, payload, serve_process, sign

TOKEN = "xoxb-4242-1717-SecretBotTokenDoNotLog"
SECRET = "sigsecret-9f3a7c-DoNotLogThisEither"
USER_TOKEN = "xoxp-1111-2222-PastedByMistake"


def _env(tmp_path: Path, fake: FakeSlack, **extra: str) -> dict[str, str]:
    env = serve_env(f"sqlite:///{tmp_path / 'serve.sqlite3'}", fake, **extra)
    env.update(SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET)
    return env


def _hostile_traffic(slack: SlackClient, secret: str) -> None:
    """A signed question, forged requests carrying the secrets, and a pasted token."""
    signed = lambda body: sign(body, secret=secret)  # noqa: E731
    assert slack.command("who is Tchiani", signed=signed).status_code == 200
    forged = urlencode({"text": f"{TOKEN} {SECRET}", "token": "verification-token-value"})
    assert slack.post(forged, "application/x-www-form-urlencoded").status_code == 401
    envelope = payload("app_mention.json")
    envelope["event"]["text"] = f"<@UBOT> {USER_TOKEN} {TOKEN}"
    assert slack.event(envelope, signed=lambda b: sign(b, secret="wrong")).status_code == 401
    assert slack.event(envelope, signed=signed).status_code == 200
    body, content_type = command_body(slack.fake, f"troops {USER_TOKEN}")
    assert slack.post(body, content_type, signed=signed).status_code == 200
    slack.fake.wait_for("/chat.postMessage")
    slack.fake.wait_for("/hooks/cmd", 2)


def _assert_clean(text: str) -> None:
    for secret in (TOKEN, SECRET, USER_TOKEN, "verification-token-value"):
        assert secret not in text
    for piece in ("SecretBotToken", "DoNotLog", "PastedByMistake"):
        assert piece not in text


def test_a_serving_process_never_logs_its_secrets(tmp_path: Path, fake_slack: FakeSlack) -> None:
    with serve_process(_env(tmp_path, fake_slack)) as served:
        process = served.process
        slack = SlackClient(served.base_url, fake_slack)
        _hostile_traffic(slack, SECRET)
        slack.close()
        process.send_signal(signal.SIGTERM)
        output = served.wait(timeout=30)
    assert process.returncode == 0
    assert '"refused": "bad signature or stale timestamp"' in output, "forged requests are logged"
    assert "Invalid request signature" not in output, "Bolt never sees them, so never logs them"
    _assert_clean(output)
    requests = [
        json.loads(line.split(" niger_bot.requests ", 1)[1])
        for line in output.splitlines()
        if " niger_bot.requests " in line
    ]
    assert {r["outcome"] for r in requests} >= {"ok", "refused"}
    assert all(isinstance(r["ms"], float) and r["path"] for r in requests)


@pytest.mark.parametrize(
    ("setting", "value"),
    [("SLACK_BOT_TOKEN", TOKEN), ("SLACK_BOT_TOKEN", USER_TOKEN), ("SLACK_API_URL", None)],
    ids=["rejected by auth.test", "not a bot token", "Slack unreachable"],
)
def test_a_failing_start_names_the_setting_but_not_its_value(
    tmp_path: Path, fake_slack: FakeSlack, setting: str, value: str | None
) -> None:
    fake_slack.fail("/auth.test", 200, times=5)
    env = _env(tmp_path, fake_slack)
    if value is None:
        env[setting] = "http://127.0.0.1:9/"  # nothing listens there
    else:
        env[setting] = value
    done = subprocess.run(
        niger_bot("serve", "--port", "0"), env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0
    assert "SLACK_BOT_TOKEN" in done.stderr
    _assert_clean(done.stdout + done.stderr)


def test_nothing_logged_at_debug_carries_a_secret(
    fresh_seed_store: FactStore,
    fake_slack: FakeSlack,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = Settings(
        slack_bot_token=TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=fake_slack.base_url,
        articles_dir=tmp_path,
    )
    assert TOKEN not in repr(settings) and SECRET not in repr(settings)
    caplog.set_level(logging.DEBUG)
    redact_secrets(TOKEN, SECRET, handlers=[caplog.handler])
    app = create_app(settings, store=fresh_seed_store)
    with bot_server(app, fresh_seed_store) as base_url:
        slack = SlackClient(base_url, fake_slack)
        _hostile_traffic(slack, SECRET)
        slack.close()
    assert '"refused": "bad signature or stale timestamp"' in caplog.text
    _assert_clean(caplog.text)
