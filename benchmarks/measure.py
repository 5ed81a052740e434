"""Measure one corpus in a process of its own (so peak memory is this size's alone) and print
the figures as JSON: `python -m benchmarks.measure STORE_FILE --repeat 5`."""

from __future__ import annotations

import gc
import json
import resource
import sqlite3
import statistics
import tempfile
import time
from contextlib import closing
from pathlib import Path

import click

from benchmarks.baseline import FullScan, agrees
from benchmarks.generate import write_articles
from benchmarks.queries import query_set
from store import FactStore, Result
from store.search import answer_query
from store.search.index import FactIndex

PROBE_START = 9_000_000  # article numbers of the probe batch, far beyond any corpus
PROBE_PREFIX = "9"


def rss_mb() -> float:
    """Resident memory of this process now."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def at(share: float) -> float:
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]

    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 3),
        "p95_ms": round(at(0.95) * 1000, 3),
        "p99_ms": round(at(0.99) * 1000, 3),
        "max_ms": round(ordered[-1] * 1000, 3),
    }


def remove_probe(path: Path) -> int:
    """Delete probe articles a previous, interrupted run may have left in a cached store."""
    with closing(sqlite3.connect(path)) as db:
        ids = [
            row[0]
            for row in db.execute(
                "SELECT id FROM article WHERE source LIKE ?", (f"{PROBE_PREFIX}______.txt",)
            )
        ]
        for table, column in (
            ("fact", "article_id"),
            ("sentence", "article_id"),
            ("article", "id"),
        ):
            db.executemany(f"DELETE FROM {table} WHERE {column} = ?", [(i,) for i in ids])
        db.commit()
    return len(ids)


def measure(path: Path, *, repeat: int, probe: int, baseline: bool, seed: int = 0) -> dict:
    remove_probe(path)
    rss_before = rss_mb()
    store = FactStore.open(f"sqlite:///{path}", seeds_dir=None)
    store.ensure_ready()
    started = time.perf_counter()
    index = store.index()
    build = time.perf_counter() - started
    gc.collect()
    index_mb = rss_mb() - rss_before
    queries = query_set(seed=seed)
    for query in queries:  # warm-up: caches of stems and corrections fill as in a live bot
        store.ask(query.text)
    samples: list[float] = []
    by_category: dict[str, list[float]] = {}
    results = {}
    for _ in range(repeat):
        for query in queries:
            started = time.perf_counter()
            results[query.text] = store.ask(query.text)
            elapsed = time.perf_counter() - started
            samples.append(elapsed)
            by_category.setdefault(query.category, []).append(elapsed)
    report: dict = {
        "facts": len(index.facts),
        "sentences": len(index.sentences),
        "articles": len(index.sources),
        "index": {"build_s": round(build, 3), "memory_mb": round(index_mb, 1)},
        "ask": percentiles(samples)
        | {"samples": len(samples), "queries": len(queries), "repeat": repeat},
        "ask_by_category_p50_ms": {
            k: round(statistics.median(v) * 1000, 3) for k, v in by_category.items()
        },
        "answered": sum(1 for r in results.values() if r.answers),
        "peak_rss_mb_ask": round(peak_rss_mb(), 1),
    }
    if probe:
        report["ingest_probe"] = _probe(store, path, probe=probe, seed=seed)
    if baseline:
        report["exhaustive"] = _exhaustive(index, queries, results)
        report["baseline"] = _baseline(path, queries, results, report["ask"]["p50_ms"])
    report["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return report


def _probe(store: FactStore, path: Path, *, probe: int, seed: int) -> dict:
    """Ingest a batch of new articles into this store, update the index incrementally, then remove
    them again (the cached store is left as it was)."""
    with tempfile.TemporaryDirectory(prefix="niger-probe-") as tmp:
        write_articles(Path(tmp), PROBE_START, PROBE_START + probe, seed=seed)
        started = time.perf_counter()
        report = store.ingest([Path(tmp)])
        ingest = time.perf_counter() - started
    started = time.perf_counter()
    grown = store.index()
    add = time.perf_counter() - started
    assert len(grown.sources) and report.count("added") == probe, report.failed[:3]
    removed = remove_probe(path)
    started = time.perf_counter()
    store.index()
    drop = time.perf_counter() - started
    return {
        "articles": probe,
        "removed": removed,
        "articles_per_s": round(probe / ingest, 1),
        "facts_per_s": round(sum(report.facts.values()) / ingest, 1),
        "index_update_add_s": round(add, 4),
        "index_update_remove_s": round(drop, 4),
    }


def _shown(result: Result) -> list[tuple]:
    return [(a.kind, a.summary, a.quote, a.date, a.source.article_id) for a in result.answers]


def _exhaustive(index: FactIndex, queries, results) -> dict:
    """The bot's own scoring applied to every fact and sentence, without the inverted indexes or
    any cut-off (`answer_query(exhaustive=True)`), against the indexed answers: what the index
    loses. Agreement is exact: the same top answer (both empty counts as agreeing)."""
    seconds = []
    top = same = 0
    differing = []
    for query in queries:
        started = time.perf_counter()
        every = answer_query(query.text, index, exhaustive=True)
        seconds.append(time.perf_counter() - started)
        ours, theirs = _shown(results[query.text]), _shown(every)
        top += ours[:1] == theirs[:1]
        same += ours == theirs
        if ours != theirs:
            differing.append(query.text)
    return {
        "p50_ms": round(statistics.median(seconds) * 1000, 2),
        "agree": top,
        "same_answers": same,
        "queries": len(queries),
        "differing": differing,
    }


def _baseline(path: Path, queries, results, ours_p50_ms: float) -> dict:
    started = time.perf_counter()
    scan = FullScan(path)
    load = time.perf_counter() - started
    seconds = []
    agree = same = 0
    disagreements = []
    by_category: dict[str, list[bool]] = {}
    for query in queries:
        found = scan.search(query.text)
        seconds.append(found.seconds)
        ok, top = agrees(query.text, results[query.text], found)
        agree += ok
        same += top
        by_category.setdefault(query.category, []).append(ok)
        if not ok:
            disagreements.append(query.text)
    p50 = statistics.median(seconds) * 1000
    return {
        "scorer": "token_set_ratio",
        "load_s": round(load, 2),
        "p50_ms": round(p50, 2),
        "p95_ms": percentiles(seconds)["p95_ms"],
        "speedup_p50": round(p50 / ours_p50_ms, 1) if ours_p50_ms else None,
        "agree": agree,
        "same_top_sentence": same,
        "queries": len(queries),
        "agree_by_category": {k: f"{sum(v)}/{len(v)}" for k, v in by_category.items()},
        "disagreements": disagreements,
    }


@click.command()
@click.argument("store_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--repeat", default=5, show_default=True, help="Timed passes over the queries.")
@click.option("--probe", default=100, show_default=True, help="Articles in the ingest probe.")
@click.option("--baseline/--no-baseline", default=True, help="Run the full-scan baseline.")
@click.option("--seed", default=0, show_default=True)
def main(store_file: Path, repeat: int, probe: int, baseline: bool, seed: int) -> None:
    """Measure one benchmark store and print a JSON report."""
    report = measure(store_file, repeat=repeat, probe=probe, baseline=baseline, seed=seed)
    click.echo(json.dumps(report))


if __name__ == "__main__":
    main()
