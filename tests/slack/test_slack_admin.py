"""Only admins change the store from Slack: reload, upload, add by URL, remove. Anyone may list
the sources and read the audit log. Refusals change nothing and are audited."""

from __future__ import annotations

import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import DATA
from tests.slack.conftest import ADMIN, Bot
from tests.slack_fake import payload

LOGIN_PAGE = (
    b"<!DOCTYPE html><html><head><title>Sign in | Slack</title></head><body>Sign in</body></html>"
)


def _text_of(body: dict) -> str:
    return json.dumps(body.get("blocks", []), ensure_ascii=False) + body.get("text", "")


def _snapshot(bot: Bot) -> list[tuple]:
    return [(s.id, s.source, sum(s.facts.values())) for s in bot.store.sources()]


def _reply(bot: Bot, count: int = 1) -> str:
    return _text_of(bot.fake.wait_for("/hooks/cmd", count)[-1].body)


@pytest.mark.parametrize("command", ["reload", "remove 1", "add https://example.org/a.html"])
def test_a_non_admin_is_refused_and_the_store_is_unchanged(bot: Bot, command: str) -> None:
    before = _snapshot(bot)
    bot.slack.command(command, user="U0REPORTER")
    text = _reply(bot)
    assert "Only admins can" in text
    assert _snapshot(bot) == before
    (entry, *_) = bot.store.audit_log()
    assert (entry.actor, entry.outcome) == ("U0REPORTER", "refused")


def test_an_admin_reload_reports_the_diff_per_article(bot: Bot) -> None:
    victim = sorted(bot.articles.glob("*.txt"))[0]
    victim.unlink()
    (bot.articles / "withdrawal.md").write_bytes((DATA / "articles" / "withdrawal.md").read_bytes())
    (bot.articles / "broken.html").write_bytes(b"\x00\x01\x02")

    assert bot.slack.command("reload", user=ADMIN).status_code == 200
    progress, report = bot.fake.wait_for("/hooks/cmd", 2)
    assert "Reloading" in progress.body["text"]
    text = _text_of(report.body)
    assert f"{victim.name} — removed" in text
    assert "withdrawal.md — added" in text
    assert "broken.html — failed" in text
    assert "unchanged" in text
    assert victim.name not in {s.source for s in bot.store.sources()}
    assert "Sahel Wire" in str(bot.store.ask("Air Base 201").to_dict()), (
        "the new article answers at once"
    )


def test_a_reload_is_seen_by_the_next_question(bot: Bot) -> None:
    (bot.articles / "exercise.txt").write_bytes((DATA / "articles" / "exercise.txt").read_bytes())
    bot.slack.command("reload", user=ADMIN)
    bot.fake.wait_for("/hooks/cmd", 2)
    bot.slack.command("sources", user="U0REPORTER")
    assert "Chad and Cameroon hold joint drill" in _reply(bot, 3)


def test_anyone_can_list_the_sources_with_ids(bot: Bot) -> None:
    bot.slack.command("sources")
    text = _reply(bot)
    assert "5 articles loaded" in text
    for source in bot.store.sources():
        assert f"{source.id} · " in text


def test_only_admins_read_the_log_and_refusals_cannot_push_changes_out_of_view(bot: Bot) -> None:
    victim = bot.store.sources()[0]
    bot.slack.command(f"remove {victim.id}", user=ADMIN)
    for attempt in range(40):  # more than the view shows
        bot.slack.command("reload", user=f"U0PEST{attempt % 3}")
    _reply(bot, 41)  # every refusal is on record before the log is read
    bot.slack.command("sources log", user="U0REPORTER", hook="log")
    assert "Only admins can read the audit log" in _text_of(bot.fake.wait_for("/hooks/log")[0].body)
    bot.slack.command("sources log", user=ADMIN, hook="log")
    text = _text_of(bot.fake.wait_for("/hooks/log", 2)[1].body)
    assert f"{ADMIN} · remove {victim.id} {victim.source} → ok" in text
    assert "41 refused attempts by 4 users; the latest: U0REPORTER · read the audit log of" in text
    assert "U0PEST" not in text


def test_an_admin_removes_an_article_by_id(bot: Bot) -> None:
    victim = bot.store.sources()[0]
    bot.slack.command(f"remove {victim.id}", user=ADMIN)
    assert "Removed" in _reply(bot)
    assert victim.id not in {s.id for s in bot.store.sources()}


def _upload(
    bot: Bot, *, user: str, name: str, body: bytes, content_type: str, size: int | None = None
) -> None:
    path = f"/files-pri/T0001-F0UPLOAD1/{name}"
    bot.fake.files[path] = (content_type, body)
    envelope = payload(
        "file_share.json",
        user=user,
        name=name,
        url=bot.fake.base_url.rstrip("/") + path,
        event_id=f"EvUpload-{name}-{user}",
    )
    envelope["event"]["files"][0]["size"] = len(body) if size is None else size
    assert bot.slack.event(envelope).status_code == 200


def test_an_admin_uploads_an_article_in_a_dm_and_hears_what_was_extracted(bot: Bot) -> None:
    article = (DATA / "articles" / "withdrawal.md").read_bytes()
    _upload(bot, user=ADMIN, name="withdrawal.md", body=article, content_type="text/markdown")
    (reply,) = bot.fake.wait_for("/chat.postMessage")
    assert reply.body["channel"] == "D0ADMIN"
    assert "Added withdrawal.md" in _text_of(reply.body)
    assert "troops" in _text_of(reply.body)
    download = bot.fake.to("/files-pri/T0001-F0UPLOAD1/withdrawal.md")[0]
    assert download.headers["Authorization"] == "Bearer xoxb-test"
    assert "upload:withdrawal.md" in {s.source for s in bot.store.sources()}


def test_someone_elses_upload_is_refused_politely_and_not_downloaded(bot: Bot) -> None:
    before = _snapshot(bot)
    _upload(
        bot,
        user="U0REPORTER",
        name="notes.md",
        body=b"About 5 troops.",
        content_type="text/markdown",
    )
    (reply,) = bot.fake.wait_for("/chat.postMessage")
    assert "Only admins can" in _text_of(reply.body)
    assert bot.fake.to("/files-pri/T0001-F0UPLOAD1/notes.md") == []
    assert _snapshot(bot) == before


def test_slacks_login_page_instead_of_the_file_is_rejected(bot: Bot) -> None:
    before = _snapshot(bot)
    _upload(bot, user=ADMIN, name="report.md", body=LOGIN_PAGE, content_type="text/html", size=2048)
    (reply,) = bot.fake.wait_for("/chat.postMessage")
    assert "login page" in _text_of(reply.body)
    assert _snapshot(bot) == before


def test_an_html_upload_of_the_wrong_size_is_not_taken_for_the_article(bot: Bot) -> None:
    _upload(
        bot, user=ADMIN, name="report.html", body=LOGIN_PAGE, content_type="text/html", size=9000
    )
    (reply,) = bot.fake.wait_for("/chat.postMessage")
    assert "not the uploaded file" in _text_of(reply.body)


@pytest.mark.parametrize(
    ("name", "body", "reason"),
    [
        ("photo.png", b"\x89PNG\r\n", "can be added"),
        ("binary.txt", b"\x00\x01\x02\x03", "binary"),
        ("latin1.txt", "Niamey é".encode("latin-1"), "not UTF-8"),
    ],
)
def test_an_unusable_upload_gets_a_clear_reason(
    bot: Bot, name: str, body: bytes, reason: str
) -> None:
    before = _snapshot(bot)
    _upload(bot, user=ADMIN, name=name, body=body, content_type="text/plain")
    (reply,) = bot.fake.wait_for("/chat.postMessage")
    assert reason in _text_of(reply.body)
    assert _snapshot(bot) == before


def test_an_upload_larger_than_the_limit_is_refused_before_download(bot: Bot) -> None:
    _upload(bot, user=ADMIN, name="huge.txt", body=b"x", content_type="text/plain", size=50_000_000)
    (reply,) = bot.fake.wait_for("/chat.postMessage")
    assert "the limit is" in _text_of(reply.body)
    assert bot.fake.to("/files-pri/T0001-F0UPLOAD1/huge.txt") == []


@pytest.fixture
def page_url() -> str:
    class Quiet(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(Path(DATA / "pages")), **kwargs)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/report.html"
    server.shutdown()


def test_an_admin_adds_an_article_by_url(bot: Bot, page_url: str) -> None:
    bot.slack.command(f"add <{page_url}>", user=ADMIN)
    text = _reply(bot)
    assert f"Added {page_url}" in text
    assert page_url in {s.source for s in bot.store.sources()}
