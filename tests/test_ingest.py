"""Ingestion: every format, idempotence by content hash, and bad input that loses nothing."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, func, select

from store import FactStore
from store.persistence.models import Article, Fact, Sentence

ARTICLE = """Ghana pledges troops to regional force

ACCRA – Ghana will send about 500 soldiers to a regional standby force, Defence Minister Kwame Mensah said on Monday.
The deployment, which will cost $12 million a year, is expected to begin in March.
"""


def _counts(store: FactStore) -> tuple[int, int, int]:
    with Session(store.engine) as session:
        return tuple(
            session.exec(select(func.count(model.id))).one() for model in (Article, Sentence, Fact)
        )


def test_an_empty_store_fills_itself_from_the_seeds(seed_store: FactStore) -> None:
    articles, sentences, facts = _counts(seed_store)
    assert articles == 5
    assert sentences > 60 and facts > 100


def test_seed_catalogue_supplies_titles_outlets_and_dates(seed_store: FactStore) -> None:
    with Session(seed_store.engine) as session:
        article = session.exec(
            select(Article).where(Article.source == "003_09b16d0399a74e6a.txt")
        ).one()
    assert article.title == "Niger Junta Announces End to Military Relationship with US"
    assert article.outlet == "ThisDay"
    assert article.published == "2024-03-18"


def test_sentences_keep_offsets_into_the_article_text(seed_store: FactStore) -> None:
    with Session(seed_store.engine) as session:
        for article in session.exec(select(Article)):
            for sentence in session.exec(select(Sentence).where(Sentence.article_id == article.id)):
                assert article.text[sentence.start : sentence.end] == sentence.text


def test_ingesting_the_same_file_twice_changes_nothing(
    empty_store: FactStore, tmp_path: Path
) -> None:
    path = tmp_path / "ghana.txt"
    path.write_text(ARTICLE)
    first = empty_store.ingest([path])
    before = _counts(empty_store)
    second = empty_store.ingest([path])
    assert [r.status for r in first.results] == ["added"]
    assert [r.status for r in second.results] == ["unchanged"]
    assert _counts(empty_store) == before


def test_a_changed_article_replaces_its_old_facts(empty_store: FactStore, tmp_path: Path) -> None:
    path = tmp_path / "ghana.txt"
    path.write_text(ARTICLE)
    empty_store.ingest([path])
    path.write_text(ARTICLE.replace("about 500 soldiers", "about 800 soldiers"))
    report = empty_store.ingest([path])
    assert [r.status for r in report.results] == ["updated"]
    answers = empty_store.ask("troops Ghana").answers
    assert [a.value for a in answers if a.kind == "troops"] == [800]


def test_plain_text_title_comes_from_the_first_line(empty_store: FactStore, tmp_path: Path) -> None:
    path = tmp_path / "ghana.txt"
    path.write_text(ARTICLE)
    empty_store.ingest([path])
    source = empty_store.ask("troops Ghana").answers[0].source
    assert source.title == "Ghana pledges troops to regional force"
    assert source.published is None


def test_front_matter_gives_metadata_and_resolves_relative_dates(
    empty_store: FactStore, tmp_path: Path
) -> None:
    path = tmp_path / "ghana.md"
    path.write_text(
        "---\ntitle: Ghana to join standby force\noutlet: Example Times\nauthor: A. Writer\n"
        "url: https://example.org/ghana\npublished: 2025-02-05\n---\n" + ARTICLE
    )
    empty_store.ingest([path])
    answer = empty_store.ask("troops Ghana").answers[0]
    assert answer.source.title == "Ghana to join standby force"
    assert answer.source.outlet == "Example Times"
    assert answer.source.url == "https://example.org/ghana"
    assert answer.source.published == "2025-02-05"
    assert answer.date == "2025-02-03"  # "on Monday" before Wednesday 5 February 2025


def test_without_a_publication_date_relative_dates_stay_unresolved(
    empty_store: FactStore, tmp_path: Path
) -> None:
    path = tmp_path / "ghana.txt"
    path.write_text(ARTICLE)
    empty_store.ingest([path])
    answer = empty_store.ask("troops Ghana").answers[0]
    assert answer.date is None


def test_a_byline_date_is_the_publication_date(empty_store: FactStore, tmp_path: Path) -> None:
    path = tmp_path / "ghana.txt"
    path.write_text(ARTICLE.replace("\n\n", "\n\nBy A. Writer | February 5, 2025\n\n", 1))
    empty_store.ingest([path])
    assert empty_store.ask("troops Ghana").answers[0].source.published == "2025-02-05"


def test_html_goes_through_a_main_text_extractor(empty_store: FactStore, tmp_path: Path) -> None:
    body = "".join(f"<p>{line}</p>" for line in ARTICLE.splitlines()[2:] if line)
    path = tmp_path / "ghana.html"
    path.write_text(
        "<html><head><title>Ghana pledges troops</title>"
        '<meta property="article:published_time" content="2025-02-05"></head><body>'
        "<nav>Skip to content</nav><script>alert('x')</script>"
        f"<article><h1>Ghana pledges troops</h1>{body}</article>"
        "<footer>Copyright</footer></body></html>"
    )
    report = empty_store.ingest([path])
    assert report.count("added") == 1, report.results
    answer = empty_store.ask("troops Ghana").answers[0]
    assert answer.value == 500
    assert "alert" not in answer.quote


def test_bad_files_are_reported_and_the_rest_still_load(
    fresh_seed_store: FactStore, tmp_path: Path
) -> None:
    seed_store = fresh_seed_store
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 au lait".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "bad.md").write_text("---\ntitle: [unclosed\n---\nBody text here.\n")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "good.txt").write_text(ARTICLE)
    before = _counts(seed_store)
    report = seed_store.ingest([tmp_path, tmp_path / "image.png", tmp_path / "missing.txt"])
    reasons = {Path(r.source).name: r.reason for r in report.failed}
    assert "binary" in reasons["binary.txt"]
    assert "UTF-8" in reasons["latin1.txt"]
    assert "empty" in reasons["empty.txt"]
    assert "front matter" in reasons["bad.md"]
    assert "unsupported" in reasons["image.png"]
    assert "no such file or directory" in reasons["missing.txt"]
    assert report.count("added") == 1
    after = _counts(seed_store)
    assert after[0] == before[0] + 1


def test_a_title_holding_a_colon_is_read_as_written(empty_store: FactStore, tmp_path: Path) -> None:
    """ "title: Niger: Terrorist attack in Tassia" is not YAML (a colon inside a value), but it is
    how people write a headline; the field is read as written, not refused."""
    path = tmp_path / "tassia.md"
    path.write_text(
        "---\ntitle: Niger: Terrorist attack in Tassia\npublished: 2025-06-20\n---\n"
        "Tassia is located in the Tillaberi region.\n"
    )
    report = empty_store.ingest([path])
    assert not report.failed
    answer = empty_store.ask("tillaberi region").answers[0]
    assert answer.source.title == "Niger: Terrorist attack in Tassia"
    assert answer.source.published == "2025-06-20"


def test_articles_from_an_older_extractor_are_re_extracted_on_open(
    empty_store: FactStore, tmp_path: Path
) -> None:
    path = tmp_path / "ghana.txt"
    path.write_text(ARTICLE)
    empty_store.ingest([path])
    with Session(empty_store.engine) as session:
        article = session.exec(select(Article)).one()
        article.extractor_version = 0
        session.add(article)
        session.commit()
    reopened = FactStore(empty_store.engine)
    report = reopened.ensure_ready()
    assert report is not None and [r.status for r in report.results] == ["updated"]
    assert reopened.ask("troops Ghana").answers[0].value == 500
