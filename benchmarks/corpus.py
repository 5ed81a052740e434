"""Benchmark stores of a given number of facts, built through the real ingestion and cached.

A store of N facts is the cached store of the next smaller size plus more synthetic articles, so
building 1k, 10k, 100k and 1M in one run ingests each article once, and each step's throughput
shows how ingestion scales with the size of the store it writes into.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
import time
from contextlib import closing
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks.generate import write_articles
from store import FactStore
from store.library.ingest import ingest_paths

CACHE_DIR = Path(__file__).resolve().parent / ".cache"
CHUNK = 250  # articles per ingest call while building


@dataclass(frozen=True, slots=True)
class Corpus:
    path: Path
    facts: int
    sentences: int
    articles: int
    build_seconds: float  # ingest time spent building this size from the previous one
    built_articles: int  # articles ingested in that time
    cached: bool

    @property
    def url(self) -> str:
        return f"sqlite:///{self.path}"


def count_rows(path: Path) -> tuple[int, int, int]:
    """(facts, sentences, articles) in a store file."""
    with closing(sqlite3.connect(path)) as db:
        return tuple(  # type: ignore[return-value]
            db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("fact", "sentence", "article")
        )


def _meta_path(path: Path) -> Path:
    return path.with_suffix(".json")


def build_corpus(facts: int, *, seed: int = 0, cache_dir: Path = CACHE_DIR, log=print) -> Corpus:
    """The cached store holding at least ``facts`` facts, building it if needed."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / f"store-seed{seed}-{facts}.sqlite3"
    if path.is_file() and _meta_path(path).is_file():
        meta = json.loads(_meta_path(path).read_text())
        return Corpus(path, *count_rows(path), meta["build_seconds"], meta["built_articles"], True)
    smaller = sorted(
        (int(p.stem.rsplit("-", 1)[1]), p)
        for p in cache_dir.glob(f"store-seed{seed}-*.sqlite3")
        if _meta_path(p).is_file() and int(p.stem.rsplit("-", 1)[1]) < facts
    )
    partial = path.with_suffix(".partial")
    if smaller:
        shutil.copyfile(smaller[-1][1], partial)
    else:
        partial.unlink(missing_ok=True)
    store = FactStore.open(f"sqlite:///{partial}", seeds_dir=None)
    store.ensure_ready()  # tables made as the app makes them (migrations)
    engine = store.engine
    have, _, next_article = count_rows(partial)
    spent, ingested = 0.0, 0
    with tempfile.TemporaryDirectory(prefix="niger-bench-") as tmp:
        while have < facts:
            per_article = have / next_article if next_article else 55
            batch = max(1, min(CHUNK, int((facts - have) / per_article) + 1))
            folder = Path(tmp) / f"{next_article:07d}"
            write_articles(folder, next_article, next_article + batch, seed=seed)
            started = time.perf_counter()
            report = ingest_paths(engine, [folder])
            spent += time.perf_counter() - started
            shutil.rmtree(folder)
            if report.failed:
                raise RuntimeError(f"synthetic articles failed to ingest: {report.failed[:3]}")
            ingested += batch
            next_article += batch
            have += sum(report.facts.values())
            log(
                f"  {facts:>9,} facts: {have:,} after {next_article:,} articles "
                f"({ingested / spent:.0f} articles/s)"
            )
    engine.dispose()
    with closing(sqlite3.connect(partial)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("PRAGMA journal_mode=DELETE")
    partial.rename(path)
    corpus = Corpus(path, *count_rows(path), spent, ingested, False)
    meta = {k: v for k, v in asdict(corpus).items() if k in {"build_seconds", "built_articles"}}
    _meta_path(path).write_text(json.dumps(meta))
    return corpus
