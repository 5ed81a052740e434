"""A reload from Slack of a folder holding hostile files: the good articles load, each bad file
is named with its reason in the admin's report, and the reload is audited."""

from __future__ import annotations

from tests.slack.conftest import ADMIN, Bot
from tests.slack.test_slack_admin import _text_of
from tests.test_hostile_files import HOSTILE_FRONT_MATTER, hostile_batch


def test_a_reload_with_hostile_files_reports_each_and_loads_the_good_ones(bot: Bot) -> None:
    hostile_batch(bot.articles)
    assert bot.slack.command("reload", user=ADMIN).status_code == 200
    progress, report = bot.fake.wait_for("/hooks/cmd", 2, timeout=60)
    text = _text_of(report.body)
    assert "a_good.txt — added" in text and "z_good.md — added" in text
    for name in HOSTILE_FRONT_MATTER:
        assert f"{name} — failed: " in text, name
    assert "not a real date" in text and "anchors or aliases" in text
    (entry, *_) = bot.store.audit_log()
    assert (entry.actor, entry.action, entry.outcome) == (ADMIN, "reload", "partial")
    assert f"{len(HOSTILE_FRONT_MATTER)} failed" in entry.detail
