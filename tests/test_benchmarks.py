"""The benchmark runner at its smallest size: it runs, and its report has every figure (no timing
is asserted: the benchmark is a program to run, not a timed test)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.generate import make_article
from benchmarks.http import load
from benchmarks.perturb import VARIATIONS, swapped
from benchmarks.queries import query_set
from benchmarks.run import render, run_benchmarks


def test_articles_are_deterministic_and_not_the_seeds(seeds_dir: Path) -> None:
    first, again, other = make_article(7), make_article(7), make_article(8)
    assert first.text == again.text and first.text != other.text
    seed_text = "".join(p.read_text() for p in seeds_dir.glob("*.txt"))
    assert not any(line in seed_text for line in first.text.splitlines() if len(line) > 30)


def test_the_query_set_covers_every_category() -> None:
    categories = {q.category for q in query_set()}
    assert categories >= {"troops", "money", "timeline", "who", "place", "organisation", "when"}
    assert categories >= {"statement", "typo", "entity", "search", "miss"}


def test_the_runner_reports_every_figure_at_a_thousand_facts(tmp_path: Path) -> None:
    report = run_benchmarks(
        [1000],
        repeat=1,
        probe=3,
        cold_runs=0,
        cache_dir=tmp_path,
        slash_requests=5,
        log=lambda _: None,
    )
    assert set(report) >= {"date", "command", "machine", "sizes", "slash_command"}
    assert report["slash_command"]["answer_ms"]["n"] == 5
    (size,) = report["sizes"]
    assert size["facts"] >= 1000 and size["articles"] > 0
    assert set(size["ask"]) >= {"p50_ms", "p95_ms", "p99_ms"}
    assert size["ask"]["samples"] == len(query_set())
    assert set(size["index"]) == {"build_s", "memory_mb"}
    assert size["ingest_probe"]["articles"] == 3 == size["ingest_probe"]["removed"]
    assert size["baseline"]["queries"] == len(query_set())
    assert 0 <= size["baseline"]["agree"] <= size["baseline"]["queries"]
    exhaustive = size["exhaustive"]
    assert exhaustive["agree"] == exhaustive["same_answers"] == exhaustive["queries"]
    assert size["peak_rss_mb"] > 0
    assert "| `ask` p95 ms |" in render(report)
    n = len(query_set())
    assert f"| top answer same as own scoring, exhaustive | {n}/{n} |" in render(report)


def test_the_load_run_sends_signed_requests_to_two_replicas_and_accounts_for_them() -> None:
    """A smoke run of `benchmarks.http load`, at 20 requests/s for 1 s on SQLite."""
    report = load(rate=20, seconds=1, database_url=None, replicas=2, workers=1)
    assert report["requests"] == 22  # 20 slots: 14 commands, 6 mentions, 2 of them delivered twice
    assert report["errors"] == 0 and report["acks_over_3s"] == 0
    assert report["commands_answered"] == "14/14"
    assert report["events_replied"] == "6 replies for 6 events"
    assert set(report["cpu_ms_per_request"]) == {
        "replicas",
        "fake Slack",
        "PostgreSQL",
        "load generator",
    }
    assert report["cpu_ms_per_request"]["replicas"] > 0


def test_the_chart_benchmark_times_every_query_on_the_seed_store(seed_store) -> None:  # type: ignore[no-untyped-def]
    from benchmarks.charts import QUERIES, measure
    from benchmarks.charts import render as render_charts

    report = measure(seed_store, repeat=1)
    assert [row["query"] for row in report["queries"]] == list(QUERIES)
    assert all(row["png_median_ms"] > 0 and row["png_kb"] > 0 for row in report["queries"])
    assert "| `troops US` |" in render_charts(report)


def test_the_perturbations_are_the_slips_of_chat_and_leave_other_questions_alone() -> None:
    assert swapped("who led the delegation") == "who led the delegtaion"
    assert swapped("who is he") is None  # no word long enough to slip in
    assert VARIATIONS["american for us"]("us troops") == "american troops"
    assert VARIATIONS["american for us"]("french troops") is None
    assert VARIATIONS["in niger added"]("troops in Niger?") is None
    assert VARIATIONS["polite"]("who is zeine?") == "can you tell me who is zeine please"
