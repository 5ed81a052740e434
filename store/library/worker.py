"""A worker process for untrusted content: uploads and fetched pages are parsed and extracted
there, under limits on CPU time, memory and wall-clock time, so that no article, however built,
can hold the serving process's GIL (and so its acks and /healthz) or its memory.

One process per limit set, started on first use and kept warm; a task that overruns a limit
kills it, and the next task starts a fresh one.
"""

from __future__ import annotations

import atexit
import datetime as dt
import math
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from store.extraction.reader import ArticleError, ArticleText, parse_article

if TYPE_CHECKING:
    from collections.abc import Callable

    from store.extraction.extract import Extraction


@dataclass(frozen=True, slots=True)
class WorkerLimits:
    """What one article may cost: ``seconds`` of wall-clock time per step (parse, extract),
    ``cpu_seconds`` of CPU time per step, and ``memory_bytes`` of address space in all."""

    seconds: float = 60.0
    cpu_seconds: int = 30
    memory_bytes: int = 2 * 1024**3


class Worker:
    """Runs `parse_article` and `extract` in a child process, one task at a time."""

    def __init__(self, limits: WorkerLimits) -> None:
        self.limits = limits
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def parse(self, raw: bytes, *, source: str, kind: str, url: str | None) -> ArticleText:
        return self._run(parse_article, raw, source=source, kind=kind, url=url)

    def extract(self, article: ArticleText) -> Extraction:
        return self._run(_extract, article.text, article.published)

    def _run(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        limits = self.limits
        with self._lock:  # one task at a time, so the wall clock times this task alone
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start,
                    initargs=(limits.memory_bytes,),
                )
                # Started and warm before the clock runs: the limit is for the article alone.
                try:
                    self._pool.submit(_ready).result(timeout=STARTUP_SECONDS)
                except (FutureTimeout, BrokenProcessPool):
                    self._stop()
                    raise ArticleError("the process that reads articles did not start") from None
            future = self._pool.submit(_limited, limits.cpu_seconds, function, *args, **kwargs)
            try:
                return future.result(timeout=limits.seconds)
            except FutureTimeout:
                self._stop()
                raise ArticleError(
                    f"reading it took longer than {limits.seconds:g} s, so it was stopped"
                ) from None
            except BrokenProcessPool:
                self._stop()
                raise ArticleError(
                    f"reading it used more than {limits.cpu_seconds} s of CPU or "
                    f"{limits.memory_bytes // 1024**2:,} MB of memory, so it was stopped"
                ) from None

    def _stop(self) -> None:
        """Kill the child (it may be spinning in a regex) and forget the pool."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        # The executor has no public way to kill a busy worker; its processes are the only
        # handle on it, and a task cannot be interrupted any other way.
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        with self._lock:
            self._stop()


STARTUP_SECONDS = 120.0  # a spawned interpreter importing the extraction code, on a busy host

_WORKERS: dict[WorkerLimits, Worker] = {}
_WORKERS_LOCK = threading.Lock()


def worker_for(limits: WorkerLimits) -> Worker:
    """The process-wide worker with these limits (stores opened on one database share it)."""
    with _WORKERS_LOCK:
        if limits not in _WORKERS:
            _WORKERS[limits] = Worker(limits)
        return _WORKERS[limits]


@atexit.register
def _close_all() -> None:
    for worker in list(_WORKERS.values()):
        worker.close()


def _start(memory_bytes: int) -> None:
    """In the child: cap its address space, then import the extraction code once, warm."""
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    import store.extraction.extract  # noqa: F401


def _ready() -> None:
    """Nothing: a first task, to know the child has started and imported the extraction code."""


def _limited(cpu_seconds: int, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """In the child: run ``function`` with ``cpu_seconds`` more CPU time than used so far; past
    it the kernel ends the process (SIGXCPU), which the parent reports as a broken pool."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = math.ceil(usage.ru_utime + usage.ru_stime)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = used + cpu_seconds
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    return function(*args, **kwargs)


def _extract(text: str, published: dt.date | None) -> Extraction:
    from store.extraction.extract import extract

    return extract(text, published=published)
