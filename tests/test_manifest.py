"""manifest.yml is a valid Slack manifest and declares exactly what the code registers and calls."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import jsonschema
import pytest
import yaml
from slack_bolt import App, BoltRequest

from bot.app import create_app
from bot.config import PROJECT_ROOT, Settings
from bot.server import EVENTS_PATH
from handlers.commands import COMMAND
from store import FactStore
from tests.slack_fake import SIGNING_SECRET, FakeSlack, payload, sign

MANIFEST = yaml.safe_load((PROJECT_ROOT / "manifest.yml").read_text())
SCHEMA = json.loads(
    (Path(__file__).parent / "data/slack/schema/manifest.schema.1.0.0.json").read_text()
)
HANDLERS = PROJECT_ROOT / "handlers"

# What each Slack surface the code uses needs, from Slack's method and event reference pages.
SCOPE_OF_CALL = {
    r"\bsay\(": "chat:write",
    r"\bchat_postMessage\(": "chat:write",
    r"\bchat_postEphemeral\(": "chat:write",
    r"\bfiles_info\(|url_private": "files:read",
    r"\bfiles_upload_v2\(": "files:write",
    r"\busers_info\(": "users:read",
    r"\bconversations_history\(": "channels:history",
}
SCOPE_OF_EVENT = {
    "app_mention": "app_mentions:read",
    "message.im": "im:history",
    "app_home_opened": None,  # needs no scope of its own; views.publish neither
}
# Sample deliveries of events a Slack app could subscribe to, as (manifest name, event).
EVENT_SAMPLES = {
    "app_mention": {
        "type": "app_mention",
        "user": "U1",
        "text": "<@UBOT> hi",
        "ts": "1.1",
        "channel": "C1",
    },
    "message.im": {
        "type": "message",
        "user": "U1",
        "text": "hi",
        "ts": "1.2",
        "channel": "D1",
        "channel_type": "im",
    },
    "message.channels": {
        "type": "message",
        "user": "U1",
        "text": "hi",
        "ts": "1.3",
        "channel": "C1",
        "channel_type": "channel",
    },
    "message.groups": {
        "type": "message",
        "user": "U1",
        "text": "hi",
        "ts": "1.4",
        "channel": "G1",
        "channel_type": "group",
    },
    "reaction_added": {"type": "reaction_added", "user": "U1", "reaction": "eyes", "item": {}},
    "app_home_opened": {"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"},
    "member_joined_channel": {"type": "member_joined_channel", "user": "U1", "channel": "C1"},
}


def test_the_manifest_is_valid_against_slacks_schema() -> None:
    errors = [e.message for e in jsonschema.Draft7Validator(SCHEMA).iter_errors(MANIFEST)]
    assert errors == []


def test_the_schema_check_would_catch_a_broken_manifest() -> None:
    broken = json.loads(json.dumps(MANIFEST))
    broken["features"]["slash_commands"][0]["command"] = "niger"
    broken["settings"]["socket_mode"] = True
    assert len(list(jsonschema.Draft7Validator(SCHEMA).iter_errors(broken))) >= 2


def test_the_one_slash_command_is_the_one_the_code_registers() -> None:
    commands = [c["command"] for c in MANIFEST["features"]["slash_commands"]]
    assert commands == [COMMAND]
    assert MANIFEST["features"]["slash_commands"][0]["should_escape"] is True


def test_every_request_url_is_the_one_endpoint_the_server_serves() -> None:
    urls = [
        MANIFEST["features"]["slash_commands"][0]["url"],
        MANIFEST["settings"]["event_subscriptions"]["request_url"],
        MANIFEST["settings"]["interactivity"]["request_url"],
    ]
    assert {urlparse(u).path for u in urls} == {EVENTS_PATH}
    assert MANIFEST["settings"]["interactivity"]["is_enabled"] is True
    assert MANIFEST["settings"]["socket_mode_enabled"] is False


def test_the_home_tab_is_on_and_its_event_subscribed() -> None:
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"] is True
    assert "app_home_opened" in MANIFEST["settings"]["event_subscriptions"]["bot_events"]


def test_users_can_send_the_bot_direct_messages() -> None:
    home = MANIFEST["features"]["app_home"]
    assert home["messages_tab_enabled"] is True
    assert home["messages_tab_read_only_enabled"] is False


def test_the_scopes_are_exactly_those_the_code_needs() -> None:
    source = "\n".join(p.read_text() for p in HANDLERS.glob("*.py"))
    needed = {scope for pattern, scope in SCOPE_OF_CALL.items() if re.search(pattern, source)}
    events = MANIFEST["settings"]["event_subscriptions"]["bot_events"]
    needed |= {SCOPE_OF_EVENT[e] for e in events if SCOPE_OF_EVENT[e]}
    needed.add("commands")
    assert set(MANIFEST["oauth_config"]["scopes"]["bot"]) == needed


@pytest.fixture
def app(empty_store: FactStore) -> App:
    fake = FakeSlack()
    settings = Settings(
        slack_bot_token="xoxb-test",
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=fake.base_url,
    )
    yield create_app(settings, store=empty_store)
    fake.close()


@pytest.mark.parametrize("name", EVENT_SAMPLES)
def test_an_event_has_a_listener_exactly_when_the_manifest_subscribes_to_it(
    app: App, name: str
) -> None:
    envelope = payload("app_mention.json")
    envelope["event"] = {**EVENT_SAMPLES[name], "bot_id": "B0SILENT"}
    envelope["event_id"] = f"Ev-{name}"
    raw = json.dumps(envelope)
    headers = {k.lower(): [v] for k, v in sign(raw).items()} | {
        "content-type": ["application/json"]
    }
    response = app.dispatch(BoltRequest(body=raw, headers=headers))
    subscribed = name in MANIFEST["settings"]["event_subscriptions"]["bot_events"]
    assert (response.status != 404) == subscribed, f"{name}: HTTP {response.status}"
