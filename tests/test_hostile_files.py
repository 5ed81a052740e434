"""Hostile article files: whatever one file holds, it fails alone with a one-line reason, the
files around it still load, and the admin hears about every one of them (issue 19)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from store import ArticleError, FactStore, WorkerLimits
from store.extraction.reader import MAX_FRONT_MATTER_BYTES, parse_article
from store.library.admin import add_article
from store.library.ingest import extract_here, failed, ingest_paths
from store.library.worker import Worker
from tests.slack_fake import niger_bot

GOOD = (
    "Ghana pledges troops\n\nAccra (Wire) — Ghana will send 500 troops to Niger next week, "
    "the defence ministry said on Tuesday.\n"
)
ALIAS_BOMB = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "title: *h\n"
)
# File name -> (front matter, words the reason must hold).
HOSTILE_FRONT_MATTER = {
    "b_impossible_date.md": ("published: 2024-02-30", "not a real date"),
    "c_far_future.md": ("published: 9999-12-31", "in the future"),
    "d_deep_flow.md": ("title: " + "[" * 5000 + "]" * 5000, "not lists or nesting"),
    "e_deep_block.md": (
        "title:\n" + "".join(" " * i + "- a:\n" for i in range(0, 160, 2)),
        "not lists or nesting",
    ),
    "f_alias_bomb.md": (ALIAS_BOMB, "anchors or aliases"),
    "g_python_tag.md": ("title: !!python/object/apply:os.system [ls]", "YAML tag"),
    "h_huge.md": ("title: " + "x" * MAX_FRONT_MATTER_BYTES, "over 16,384 bytes"),
}


def hostile_batch(folder: Path) -> Path:
    """A folder with one good article first, the hostile ones, and one good article last."""
    folder.mkdir(exist_ok=True)
    (folder / "a_good.txt").write_text(GOOD)
    for name, (front, _) in HOSTILE_FRONT_MATTER.items():
        (folder / name).write_text(f"---\n{front}\n---\n{GOOD}")
    (folder / "z_good.md").write_text(
        f"---\ntitle: Second good\npublished: 2024-03-01\n---\n{GOOD}"
    )
    return folder


def test_front_matter_with_an_alias_bomb_is_refused_before_it_expands() -> None:
    started = time.perf_counter()
    with pytest.raises(ArticleError, match="anchors or aliases"):
        parse_article(f"---\n{ALIAS_BOMB}---\n{GOOD}".encode(), source="bomb.md")
    assert time.perf_counter() - started < 5  # expanded, it is 43 million strings


def test_front_matter_values_are_plain_text_cut_short_and_null_is_none() -> None:
    front = (
        f'title: "Niger: a coup"\nauthor: ~\nurl: null\noutlet: {"O" * 5000}\npublished: 2024-03-22'
    )
    article = parse_article(f"---\n{front}\n---\n{GOOD}".encode(), source="ok.md")
    assert article.title == "Niger: a coup"
    assert (article.author, article.url) == (None, None)
    assert article.outlet is not None and len(article.outlet) == 2000
    assert article.published is not None and article.published.isoformat() == "2024-03-22"


def test_a_hostile_batch_loads_both_good_articles_and_names_each_bad_one(
    empty_store: FactStore, tmp_path: Path
) -> None:
    report = empty_store.ingest([hostile_batch(tmp_path / "batch")])
    assert report.count("added") == 2
    reasons = {Path(r.source).name: r.reason or "" for r in report.failed}
    assert set(reasons) == set(HOSTILE_FRONT_MATTER)
    for name, (_, words) in HOSTILE_FRONT_MATTER.items():
        assert words in reasons[name], (name, reasons[name])
        assert "\n" not in reasons[name]


def test_a_reload_of_a_hostile_folder_loads_the_good_ones_and_audits_it(
    empty_store: FactStore, tmp_path: Path
) -> None:
    report = empty_store.reload(hostile_batch(tmp_path / "batch"), actor="UADMIN")
    assert report.count("added") == 2
    assert {r.source for r in report.failed} == set(HOSTILE_FRONT_MATTER)
    (entry, *_) = empty_store.audit_log()
    assert (entry.action, entry.outcome) == ("reload", "partial")
    assert "2 added" in entry.detail and f"{len(HOSTILE_FRONT_MATTER)} failed" in entry.detail


def test_the_cli_ingests_a_hostile_batch_and_names_each_bad_file(tmp_path: Path) -> None:
    batch = hostile_batch(tmp_path / "batch")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite3'}"}
    done = subprocess.run(
        niger_bot("ingest", str(batch)),
        env={**env, "AUTOLOAD_SEEDS": "0"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "2 added" in done.stdout
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(HOSTILE_FRONT_MATTER)
    for name, (_, words) in HOSTILE_FRONT_MATTER.items():
        assert any(name in line and words in line for line in errors), name


def test_any_exception_while_extracting_fails_that_article_alone(
    empty_store: FactStore, tmp_path: Path
) -> None:
    """Extraction bugs are others' to fix; whatever one raises stays with its article."""
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in ("a.txt", "recursion.txt", "overflow.txt", "memory.txt", "z.txt"):
        (folder / name).write_text(f"{name}\n\n{GOOD}")

    def extractor(article):
        raising = {"recursion": RecursionError, "overflow": OverflowError, "memory": MemoryError}
        for word, error in raising.items():
            if article.text.startswith(word):
                raise error(f"{word} in\nextraction")
        return extract_here(article)

    report = ingest_paths(empty_store.engine, [folder], extractor=extractor)
    assert [r.status for r in report.results] == ["added", "failed", "failed", "failed", "added"]
    assert [(Path(r.source).name, r.reason) for r in report.failed] == [
        ("memory.txt", "could not be read or extracted (MemoryError: memory in extraction)"),
        ("overflow.txt", "could not be read or extracted (OverflowError: overflow in extraction)"),
        (
            "recursion.txt",
            "could not be read or extracted (RecursionError: recursion in extraction)",
        ),
    ]


def test_a_database_that_went_away_is_not_blamed_on_a_file() -> None:
    with pytest.raises(OperationalError):
        failed("a.txt", OperationalError("SELECT 1", {}, Exception("connection refused")))


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("outlet", "O" * 301, "the outlet is 301 characters long; at most 300"),
        ("author", "A" * 301, "the author is 301 characters long; at most 300"),
        ("title", "Title with a \x00 NUL", "the title holds a NUL character"),
    ],
)
def test_values_the_store_cannot_hold_fail_that_article_on_both_engines(
    empty_store: FactStore, tmp_path: Path, field: str, value: str, reason: str
) -> None:
    path = tmp_path / "article.md"
    quoted = value.replace("\\", "\\\\").replace('"', '\\"').replace("\x00", "\\0")
    path.write_text(f'---\n{field}: "{quoted}"\n---\n{GOOD}')
    (failure,) = empty_store.ingest([path]).results
    assert failure.status == "failed"
    assert reason in (failure.reason or "")
    assert empty_store.sources() == []


def test_a_page_whose_url_is_too_long_to_be_its_name_fails_with_the_url_limit(
    empty_store: FactStore,
) -> None:
    url = "https://example.org/" + "a" * 600
    result = add_article(
        empty_store.engine, GOOD.encode(), name="page.txt", origin="url", actor="U", url=url
    )
    assert result.status == "failed"
    assert "the URL is 620 characters long; at most 500" in (result.reason or "")


def test_an_upload_whose_name_is_too_long_is_refused_with_the_name_limit(
    empty_store: FactStore,
) -> None:
    result = empty_store.add_upload(GOOD.encode(), name="n" * 494 + ".txt", actor="UADMIN")
    assert result.status == "failed"
    assert "the file name is 498 characters long; at most 493" in (result.reason or "")


def test_a_nul_byte_past_the_first_8_kb_fails_the_article(empty_store: FactStore) -> None:
    raw = (GOOD + "x" * 9000 + "\x00 tail").encode()
    result = empty_store.add_upload(raw, name="late-nul.txt", actor="UADMIN")
    assert result.status == "failed"
    assert "NUL" in (result.reason or "")
    (entry, *_) = empty_store.audit_log()
    assert (entry.action, entry.outcome) == ("add upload", "failed")


def big_article(megabytes: float, seeds_dir: Path) -> bytes:
    """Real news text, repeated to ``megabytes``: a few seconds of honest extraction work."""
    text = "\n\n".join(p.read_text() for p in sorted(seeds_dir.glob("*.txt")))
    return (text * int(megabytes * 1_000_000 // len(text) + 1)).encode()[: int(megabytes * 1e6)]


def test_the_worker_stops_an_article_past_its_cpu_limit_and_then_serves_the_next(
    seeds_dir: Path,
) -> None:
    worker = Worker(WorkerLimits(seconds=60, cpu_seconds=1))
    try:
        article = parse_article(big_article(4, seeds_dir), source="big.txt")
        with pytest.raises(ArticleError, match="more than 1 s of CPU"):
            worker.extract(article)
        small = worker.parse(GOOD.encode(), source="small.txt", kind="text", url=None)
        assert worker.extract(small).facts
    finally:
        worker.close()


def test_the_worker_stops_an_article_past_its_wall_clock_limit(seeds_dir: Path) -> None:
    worker = Worker(WorkerLimits(seconds=0.5, cpu_seconds=60))
    try:
        article = parse_article(big_article(4, seeds_dir), source="big.txt")
        started = time.perf_counter()
        with pytest.raises(ArticleError, match="longer than 0.5 s"):
            worker.extract(article)
        assert time.perf_counter() - started < 5
    finally:
        worker.close()


def test_the_worker_sends_back_the_articles_own_reason() -> None:
    worker = Worker(WorkerLimits())
    try:
        with pytest.raises(ArticleError, match="not a real date"):
            worker.parse(
                b"---\npublished: 2024-02-30\n---\nText.\n", source="a.md", kind="text", url=None
            )
    finally:
        worker.close()
