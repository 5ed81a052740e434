"""What the crash and shutdown tests need around a reload: a folder that differs from the seeds in
every way a reload handles, a fingerprint of the store's content, and the phase a reload running
in another process is in, seen from outside without disturbing it."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

from benchmarks.generate import write_articles
from store.library.admin import RELOAD_LOCK
from store.persistence.locks import advisory_key

ADDED = 64
"""Generated articles the changed folder adds: enough that reading them and writing them each take
long enough for a test to catch a reload in either phase. Writes are multi-row inserts, about
1-4 ms an article, so it takes this many to keep the write phase well past MID_WRITE."""

MID_WRITE = 0.05
"""Seconds into a reload's write transaction, which with ADDED articles lasts longer than this
(about 0.1 s on a quiet machine, 0.25 s on a busy one): a kill then lands with part of the
changes written but not committed."""

CHANGED_LINE = "Niger's junta said on Monday that 1,500 French troops had left Niamey.\n"


def changed_folder(seeds_dir: Path, folder: Path) -> Path:
    """The seeds with the first removed, the second changed and ADDED new articles: reloading it
    removes, updates and adds, all in the reload's one transaction."""
    shutil.copytree(seeds_dir, folder)
    first, second = sorted(folder.glob("*.txt"))[:2]
    first.unlink()
    second.write_text(second.read_text() + CHANGED_LINE)
    generated = folder.parent / f"{folder.name}-generated"
    write_articles(generated, 0, ADDED)
    for path in generated.glob("*.txt"):
        path.rename(folder / path.name)
    catalogue = folder / "sources.toml"
    catalogue.write_text(catalogue.read_text() + "\n" + (generated / "sources.toml").read_text())
    shutil.rmtree(generated)
    return folder


@dataclass(frozen=True)
class Fingerprint:
    """The store's content: each article's id, source and content hash with its sentence and fact
    counts, and the table totals (which would show rows left without their article)."""

    articles: tuple[tuple[int, str, str, int, int], ...]
    sentences: int
    facts: int

    def __str__(self) -> str:
        return f"{len(self.articles)} articles, {self.sentences} sentences, {self.facts} facts"


def fingerprint(engine: Engine) -> Fingerprint:
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT a.id, a.source, a.content_hash,"
                " (SELECT count(*) FROM sentence s WHERE s.article_id = a.id),"
                " (SELECT count(*) FROM fact f WHERE f.article_id = a.id)"
                " FROM article a ORDER BY a.id"
            )
        ).all()
        sentences = connection.execute(text("SELECT count(*) FROM sentence")).scalar_one()
        facts = connection.execute(text("SELECT count(*) FROM fact")).scalar_one()
    return Fingerprint(tuple(tuple(r) for r in rows), sentences, facts)


def reload_phase(engine: Engine) -> str:
    """The phase of a running reload: "idle", "reading" (the reload lock is held: files are read
    and extracted) or "writing" (its one transaction is open). Nothing here takes a lock a reload
    could want."""
    if engine.dialect.name == "postgresql":
        locked, writing = _postgres_phase(engine)
    else:
        locked, writing = _sqlite_phase(engine)
    if writing:
        return "writing"
    return "reading" if locked else "idle"


def _postgres_phase(engine: Engine) -> tuple[bool, bool]:
    with engine.connect() as connection:
        schema = connection.execute(text("SELECT current_schema()")).scalar_one()
        key = advisory_key(schema, RELOAD_LOCK) & 0xFFFF_FFFF_FFFF_FFFF
        locked = connection.execute(
            text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                " AND classid::bigint = :high AND objid::bigint = :low AND objsubid = 1"
            ),
            {"high": key >> 32, "low": key & 0xFFFF_FFFF},
        ).scalar_one()
        # Table locks last until the transaction ends: a writer of articles holds one throughout.
        writing = connection.execute(
            text(
                "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                " JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE n.nspname = :schema AND c.relname IN ('article', 'sentence', 'fact')"
                " AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()"
            ),
            {"schema": schema},
        ).scalar_one()
    return bool(locked), bool(writing)


def _sqlite_phase(engine: Engine) -> tuple[bool, bool]:
    database = engine.url.database
    assert database
    lock_file = Path(f"{database}.{RELOAD_LOCK}.lock")
    locked = lock_file.exists() and _flocked(lock_file)
    # Taking the write lock for an instant, with no wait, only tells whether a writer has it; a
    # writer arriving meanwhile waits on its busy timeout.
    probe = sqlite3.connect(database, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        writing = False
    except sqlite3.OperationalError as error:
        if "locked" not in str(error):
            raise
        writing = True
    finally:
        probe.close()
    return locked, writing


def _flocked(path: Path) -> bool:
    """Whether some process holds a flock on ``path``, as the kernel lists them (Linux)."""
    found = os.stat(path)
    device = f"{os.major(found.st_dev):02x}:{os.minor(found.st_dev):02x}:{found.st_ino}"
    with open("/proc/locks") as locks:
        return any(
            line.split()[1] == "FLOCK" and line.split()[5] == device for line in locks if line
        )


def wait_for_phase(
    engine: Engine, phase: str, process: subprocess.Popen | None = None, *, timeout: float = 60
) -> None:
    """Poll until the reload is in ``phase``; fails if ``process`` exits first."""
    deadline = time.monotonic() + timeout
    while reload_phase(engine) != phase:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the process exited ({process.returncode}) before {phase}")
        if time.monotonic() > deadline:
            raise AssertionError(f"no reload reached {phase} within {timeout:.0f} s")
        time.sleep(0.01)
