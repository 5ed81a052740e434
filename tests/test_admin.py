"""Admins keep the store current: a reload syncs it with the folder in one transaction, runs once
at a time, reports per article, and everything is audited."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from store import ArticleError, Busy, FactStore, Interrupted, NotFound
from store.library import admin as admin_module
from store.library.admin import reload_folder
from store.persistence.locks import exclusive
from tests.conftest import DATA


@pytest.fixture
def folder(tmp_path: Path, seeds_dir: Path) -> Path:
    """An articles folder holding a copy of the seeds, for the test to change."""
    target = tmp_path / "articles"
    shutil.copytree(seeds_dir, target)
    return target


def _by_source(report) -> dict[str, str]:
    return {r.source: r.status for r in report.results}


def _snapshot(store: FactStore) -> list[tuple]:
    return [(s.source, s.title, sum(s.facts.values())) for s in store.sources()]


def test_a_first_reload_adds_every_article_of_the_folder(
    empty_store: FactStore, folder: Path
) -> None:
    report = empty_store.reload(folder, actor="UADMIN")
    assert set(_by_source(report).values()) == {"added"}
    assert len(report.results) == 5
    assert report.facts["troops"] > 0
    assert "5 added" in report.summary()


def test_a_reload_reports_added_updated_unchanged_removed_and_failed(
    empty_store: FactStore, folder: Path
) -> None:
    empty_store.reload(folder, actor="UADMIN")
    names = sorted(p.name for p in folder.glob("*.txt"))
    (folder / names[0]).unlink()
    with open(folder / names[1], "a") as handle:
        handle.write("\nOn Friday, about 300 Italian troops remained in Niamey, officials said.\n")
    shutil.copy(DATA / "articles" / "withdrawal.md", folder / "withdrawal.md")
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00\x00binary")

    report = empty_store.reload(folder, actor="UADMIN")
    statuses = _by_source(report)
    assert statuses[names[0]] == "removed"
    assert statuses[names[1]] == "updated"
    assert statuses["withdrawal.md"] == "added"
    assert statuses["broken.txt"] == "failed"
    assert [statuses[n] for n in names[2:]] == ["unchanged"] * 3
    failed = next(r for r in report.results if r.status == "failed")
    assert "binary" in failed.reason
    assert "Italian troops" in str(empty_store.ask("Italian troops").to_dict())
    assert {s.source for s in empty_store.sources()} == set(names[1:]) | {"withdrawal.md"}


def test_an_unreadable_file_keeps_its_previous_version(
    empty_store: FactStore, folder: Path
) -> None:
    empty_store.reload(folder, actor="UADMIN")
    victim = sorted(folder.glob("*.txt"))[0]
    victim.write_bytes(b"")
    report = empty_store.reload(folder, actor="UADMIN")
    assert _by_source(report)[victim.name] == "failed"
    assert victim.name in {s.source for s in empty_store.sources()}


def _add_spanish_troops_to_every_article(folder: Path) -> None:
    """A change a reload would apply to every article: a fact no seed has."""
    for path in folder.glob("*.txt"):
        with open(path, "a") as handle:
            handle.write("\nLater, 50 Spanish troops arrived in Niamey.\n")


def _on_article_write(
    monkeypatch: pytest.MonkeyPatch, nth: int, act: Callable[[], None]
) -> Callable[[], int]:
    """Run ``act`` just before a reload writes its ``nth`` article; returns a counter of the
    writes attempted."""
    written = 0
    real_write = admin_module.write_article

    def counted(*args, **kwargs):
        nonlocal written
        written += 1
        if written == nth:
            act()
        return real_write(*args, **kwargs)

    monkeypatch.setattr(admin_module, "write_article", counted)
    return lambda: written


def test_a_reload_that_fails_midway_leaves_the_previous_store(
    empty_store: FactStore, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty_store.reload(folder, actor="UADMIN")
    before = _snapshot(empty_store)
    _add_spanish_troops_to_every_article(folder)

    def disk_full() -> None:
        raise OSError("disk full")

    writes = _on_article_write(monkeypatch, 3, disk_full)
    with pytest.raises(OSError):
        empty_store.reload(folder, actor="UADMIN")
    assert writes() == 3
    assert _snapshot(empty_store) == before
    assert not empty_store.ask("Spanish troops").answers
    (last, *_) = empty_store.audit_log()
    assert (last.action, last.outcome) == ("reload", "failed")


def test_a_reload_interrupted_while_writing_rolls_back_and_later_ones_do_not_start(
    empty_store: FactStore, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty_store.reload(folder, actor="UADMIN")
    before = _snapshot(empty_store)
    _add_spanish_troops_to_every_article(folder)
    # What a SIGTERM's drain does, from its own thread, before the second article is written.
    writes = _on_article_write(monkeypatch, 2, empty_store.interrupt_reloads)
    with pytest.raises(Interrupted):
        empty_store.reload(folder, actor="UADMIN")
    assert writes() == 2
    assert _snapshot(empty_store) == before
    assert not empty_store.ask("Spanish troops").answers
    (last, *_) = empty_store.audit_log()
    assert (last.action, last.outcome) == ("reload", "interrupted")
    with pytest.raises(Interrupted):  # not Busy: the lock was let go
        empty_store.reload(folder, actor="UADMIN")
    assert writes() == 2


def test_a_second_reload_while_one_runs_is_told_one_is_running(
    empty_store: FactStore, folder: Path
) -> None:
    with exclusive(empty_store.engine, admin_module.RELOAD_LOCK):
        with pytest.raises(Busy):
            empty_store.reload(folder, actor="USECOND")
    assert empty_store.sources() == []


def test_two_concurrent_reloads_one_runs_the_other_is_refused(
    empty_store: FactStore, folder: Path
) -> None:
    outcomes: list[str] = []
    started = threading.Barrier(2)

    def run() -> None:
        started.wait()
        try:
            reload_folder(empty_store.engine, folder, actor="U1")
            outcomes.append("ran")
        except Busy:
            outcomes.append("busy")

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert "ran" in outcomes
    assert len(empty_store.sources()) == 5, "never duplicated, whatever the interleaving"


def test_a_missing_folder_is_an_error_and_changes_nothing(
    fresh_seed_store: FactStore, tmp_path: Path
) -> None:
    before = _snapshot(fresh_seed_store)
    with pytest.raises(ArticleError, match="does not exist"):
        fresh_seed_store.reload(tmp_path / "nowhere", actor="UADMIN")
    assert _snapshot(fresh_seed_store) == before


def test_a_reload_never_removes_uploaded_or_fetched_articles(
    empty_store: FactStore, folder: Path
) -> None:
    upload = (DATA / "articles" / "exercise.txt").read_bytes()
    assert empty_store.add_upload(upload, name="exercise.txt", actor="UADMIN").status == "added"
    empty_store.reload(folder, actor="UADMIN")
    assert "upload:exercise.txt" in {s.source for s in empty_store.sources()}


def test_remove_deletes_one_article_and_its_facts(fresh_seed_store: FactStore) -> None:
    victim = fresh_seed_store.sources()[0]
    gone = fresh_seed_store.remove(victim.id, actor="UADMIN")
    assert gone.id == victim.id
    assert victim.id not in {s.id for s in fresh_seed_store.sources()}
    with pytest.raises(NotFound):
        fresh_seed_store.remove(victim.id, actor="UADMIN")


def test_the_audit_log_says_who_did_what_and_what_came_of_it(
    empty_store: FactStore, folder: Path
) -> None:
    empty_store.reload(folder, actor="UADMIN")
    empty_store.record_refusal(actor="UINTRUDER", action="reload", reason="not an admin")
    victim = empty_store.sources()[0]
    empty_store.remove(victim.id, actor="UADMIN")
    entries = empty_store.audit_log()
    assert [(e.actor, e.action, e.outcome) for e in entries] == [
        ("UADMIN", "remove", "ok"),
        ("UINTRUDER", "reload", "refused"),
        ("UADMIN", "reload", "ok"),
    ]
    assert "5 added" in entries[-1].detail
    assert victim.source in entries[0].target


@pytest.fixture
def page_server() -> str:
    """Article pages served on loopback, as a newsroom's CMS would serve them."""

    class Quiet(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(DATA / "pages"), **kwargs)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_an_article_is_added_by_url_with_its_main_text(
    empty_store: FactStore, page_server: str
) -> None:
    url = f"{page_server}/report.html"
    result = empty_store.add_url(url, actor="UADMIN", allow_private=True)
    assert result.status == "added", result.reason
    answer = empty_store.ask("French troops").answers[0]
    assert answer.value == 1000
    assert answer.source.url == url
    assert "tracking" not in str(empty_store.ask("tracking").to_dict()["answers"])


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "only http"),
        ("ftp://example.org/a.txt", "only http"),
        ("http://127.0.0.1:9/a.html", "private or local"),
        ("http://localhost/a.html", "private or local"),
        ("http://10.0.0.8/a.html", "private or local"),
        ("http://169.254.169.254/latest/meta-data/", "private or local"),
        ("http://[::1]/a.html", "private or local"),
    ],
)
def test_urls_outside_the_public_web_are_refused(
    empty_store: FactStore, url: str, reason: str
) -> None:
    result = empty_store.add_url(url, actor="UADMIN")
    assert result.status == "failed"
    assert reason in result.reason
    assert empty_store.sources() == []


def test_a_page_that_is_not_an_article_is_refused(empty_store: FactStore, page_server: str) -> None:
    result = empty_store.add_url(f"{page_server}/missing.html", actor="UADMIN", allow_private=True)
    assert result.status == "failed"
    assert "404" in result.reason
